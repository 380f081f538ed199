"""The rule that picks, per sentence, one of two pivot routes' drafts (engines/choice.py), with Debian's Hunspell."""
from __future__ import annotations

import pytest

from pipeline.engines.choice import Pass, choose

ES, CA = ("fr-es", "spa-eng"), ("fra-cat", "cat-eng")


def _pass(route: tuple[str, ...], text: str, unknown: list[str], pivot: list[str], mended: list[str]) -> Pass:
    return Pass([route], [text], [unknown], [pivot], [mended], [[]])


@pytest.mark.parametrize("source, first, second, kept", [
    # fewer pivot words first, whatever else
    ("Les demandeurs sont là.", ("The peticionarios are there.", ["peticionarios"], ["peticionarios"], []),
     ("The applicants are there.", [], [], []), CA),
    ("Le hub de Marseille.", ("The hub of Marseille.", ["hub"], [], []),
     ("The concentrador of Marseille.", ["concentrador"], ["concentrador"], []), ES),
    # then words mended alone, out of their multi-word expression (prise en charge: prise -> presa -> inmate)
    ("La prise en charge.", ("The inmate in load.", [], [], ["apresamiento"]), ("The attention.", [], [], []), CA),
    # then words the target's dictionary rejects; names capitalised in the source do not count
    ("Il faut sécuriser Colmerauer.", ("It is necessary to sécuriser Colmerauer.", ["sécuriser"], [], []),
     ("It is necessary to secure Colmerauer.", [], [], []), CA),
    ("Alain Colmerauer à Luminy.", ("Alain Colmerauer in Luminy.", ["Colmerauer", "Luminy"], [], []),
     ("Alain Colmerauer at Luminy.", ["Colmerauer", "Luminy"], [], []), ES),
    # a tie keeps the first route
    ("Il est confronté à trois défis.", ("It is confrontado to three challenges.", ["confrontado"], ["confrontado"], []),
     ("It is confrontat at three challenges.", ["confrontat"], ["confrontat"], []), ES),
])
def test_the_draft_with_fewer_words_in_doubt_is_kept(source: str, first: tuple[str, list[str], list[str], list[str]],
                                                     second: tuple[str, list[str], list[str], list[str]],
                                                     kept: tuple[str, ...]) -> None:
    chosen = choose([source], [_pass(ES, *first), _pass(CA, *second)], "en")
    assert chosen.routes == [kept]
    assert chosen.texts == [(first if kept == ES else second)[0]]


def test_a_name_the_second_pair_changed_counts_against_its_draft() -> None:
    source = "Fondé par Saeed Amidi."
    es = Pass([ES], ["Founded by Saeed Amidi."], [["Saeed", "Amidi"]], [[]], [[]], [[]])
    ca = Pass([CA], ["Founded for Saeed Measure."], [["Saeed", "Measure"]], [[]], [[]], [["Amidi"]])
    assert choose([source], [ca, es], "en").routes == [ES]


def test_choice_is_per_text() -> None:
    a = Pass([ES, ES], ["The peticionarios.", "The cat."], [["peticionarios"], []], [["peticionarios"], []], [[], []],
             [[], []])
    b = Pass([CA, CA], ["The applicants.", "The gat."], [[], ["gat"]], [[], ["gat"]], [[], []], [[], []])
    chosen = choose(["Les demandeurs.", "Le chat."], [a, b], "en")
    assert chosen.routes == [CA, ES] and chosen.texts == ["The applicants.", "The cat."]
