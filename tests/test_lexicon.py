"""The supplementary lexicon (engines/lexicon.py) with the real apertium, lt-proc and hunspell: French words no
installed pair translates come out in the target's form, every cell of the table generates, and a word the
table lacks stays and is reported."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pipeline.engines import lexicon
from pipeline.engines.apertium import ApertiumEngine
from pipeline.spelling import DICTIONARIES


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    return ApertiumEngine()


def _generators(engine: ApertiumEngine, target: str) -> list[Path]:
    """The generators the engine hands the lexicon for `target`: its route's last mode's, then the other route's."""
    route = engine.route("fr", target)
    other = engine._alternative(route, "fr", target)
    return [g for g in dict.fromkeys(engine._data(r[-1], "autogen") for r in (route, other) if r) if g]


TRANSLATED = [
    # known to fra-cat's analyser, to no bilingual dictionary; read in context by the tagger (pri, not prs)
    ("es", "Les entreprises françaises façonnent l'avenir.", "façonnent", "moldean"),
    ("es", "UN TERRITOIRE QUI FAÇONNE LES TALENTS", "FAÇONNE", "MOLDEA"),
    ("es", "Il faut sécuriser le site.", "sécuriser", "asegurar"),  # fra-cat writes three words: no mend
    ("it", "UN TERRITOIRE QUI FAÇONNE LES TALENTS", "FAÇONNE", "PLASMA"),
    ("it", "La France redouble d'efforts.", "redouble", "raddoppia"),
    ("it", "Le redéveloppement du logiciel portuaire.", "portuaire", "portuale"),
    ("en", "Une plateforme qui allie IA et modélisation numérique.", "allie", "combines"),
    # known to fra-oci's analyser alone (phocéen), not to the tagger's
    ("ca", "La cité phocéenne attire des talents.", "phocéenne", "marsellesa"),
    ("es", "La cité phocéenne attire des talents.", "phocéenne", "marsellesa"),
    # known to no analyser: the regular inflection of the table's lemma
    ("ca", "Les défis numériques, managériaux et environnementaux.", "managériaux", "directius"),
    ("oc", "Les défis numériques, managériaux et environnementaux.", "managériaux", "directius"),
    ("it", "Les défis numériques, managériaux et environnementaux.", "managériaux", "manageriali"),
    ("es", "Des startuppers et des investisseurs.", "startuppers", "emprendedores"),
]
Drafts = dict[tuple[str, str], tuple[str, list[str], list[str]]]  # (target, text) -> draft, unknown, pivot
SALONAIS = "Le pôle salonais du Campus."  # salonais: no target demonym, not in the table


@pytest.fixture(scope="module")
def drafts(engine: ApertiumEngine) -> Drafts:
    """(target, French text) -> (draft, unknown words, pivot words): one batch per target."""
    found = {}
    for target in lexicon.LANGUAGES:
        texts = sorted({text for t, text, _, _ in TRANSLATED if t == target} | {SALONAIS})
        out = engine.translate(texts, "fr", target)
        found.update({(target, text): (draft, unknown, pivot)
                      for text, draft, unknown, pivot in zip(texts, out, engine.last_unknown, engine.last_pivot)})
    return found


@pytest.mark.parametrize("target, text, french, translated", TRANSLATED)
def test_a_word_no_pair_translates_comes_out_in_the_target_form(drafts: Drafts, target: str, text: str,
                                                                french: str, translated: str) -> None:
    out, unknown, pivot = drafts[(target, text)]
    assert translated in re.findall(r"\w+", out), out
    assert french not in out and french not in unknown and french not in pivot


@pytest.mark.parametrize("target", lexicon.LANGUAGES)
def test_a_word_the_table_lacks_stays_and_is_reported(drafts: Drafts, target: str) -> None:
    out, unknown, _ = drafts[(target, SALONAIS)]
    assert "salonais" in out and "salonais" in unknown


def test_a_word_whose_target_lemma_the_generator_lacks_stays(engine: ApertiumEngine) -> None:
    text = "Les entreprises façonnent l'avenir."
    spanish = _generators(engine, "es")  # they have no Italian plasmare
    drafts, done = lexicon.supplement([text], [text], [["façonnent"]], "fr", "it", spanish)
    assert drafts == [text] and done == [set()]
    drafts, done = lexicon.supplement([text], [text], [["façonnent"]], "fr", "it", _generators(engine, "it"))
    assert "plasmano" in drafts[0] and done == [{"façonnent"}]


def test_only_words_the_source_has_are_replaced(engine: ApertiumEngine) -> None:
    """A pivot word that happens to be unknown is not French: the lexicon reads only the source's words."""
    drafts, done = lexicon.supplement(["Le port."], ["Il porto portuaire."], [["portuaire"]], "fr", "it",
                                      _generators(engine, "it"))
    assert drafts == ["Il porto portuaire."] and done == [set()]


@pytest.mark.parametrize("lang", lexicon.LANGUAGES)
def test_every_cell_generates_a_word_the_target_dictionary_accepts(engine: ApertiumEngine, lang: str) -> None:
    """The table cannot rot: each target lemma generates, in the base form of its French lemma, through a
    generator the engine hands the lexicon for that language, and Hunspell accepts the form."""
    cells = [(entry.lemma, entry.targets[lang], entry.base()) for entry in lexicon.entries().values()
             if lang in entry.targets]
    forms = lexicon.generated(lang, [(target, base) for _, target, base in cells], _generators(engine, lang))
    assert [cell for cell, form in zip(cells, forms) if not form] == []
    rejected = subprocess.run(["hunspell", "-d", DICTIONARIES[lang], "-l"], input="\n".join(forms),
                              capture_output=True, text=True, check=True).stdout.split()
    assert rejected == []
    assert len(cells) >= 10  # the table has cells for every language


@pytest.mark.parametrize("lemma, pos, gender, forms", [
    ("managérial", "adj", "", {"managérial": ("adj", "m", "sg"), "managériaux": ("adj", "m", "pl"),
                               "managériale": ("adj", "f", "sg"), "managériales": ("adj", "f", "pl")}),
    ("phocéen", "adj", "", {"phocéen": ("adj", "m", "sg"), "phocéens": ("adj", "m", "pl"),
                            "phocéenne": ("adj", "f", "sg"), "phocéennes": ("adj", "f", "pl")}),
    ("certifiante", "adj", "", {"certifiante": ("adj", "mf", "sg"), "certifiantes": ("adj", "mf", "pl")}),
    ("salonais", "adj", "", {}),  # singular or plural: no form says which
    ("startupper", "n", "m", {"startupper": ("n", "m", "sg"), "startuppers": ("n", "m", "pl")}),
    ("mastère", "n", "m", {"mastère": ("n", "m", "sg"), "mastères": ("n", "m", "pl")}),
    ("façonner", "vblex", "", {}),
])
def test_regular_french_inflection(lemma: str, pos: str, gender: str, forms: dict[str, tuple[str, ...]]) -> None:
    assert lexicon.inflections(lexicon.Entry(lemma, pos, gender, {}, "")) == forms


@pytest.mark.parametrize("tags, target, mapped", [
    (("vblex", "pri", "p3", "pl"), "es", [("vblex", "pri", "p3", "pl")]),
    (("adj", "f", "pl"), "it", [("adj", "f", "pl"), ("adj", "mf", "pl"), ("adj", "f", "sp"), ("adj", "mf", "sp")]),
    (("vblex", "pri", "p3", "sg"), "en", [("vblex", "pres", "p3", "sg")]),
    (("vblex", "pri", "p3", "pl"), "en", [("vblex", "pres")]),
    (("vblex", "pp", "f", "pl"), "en", [("vblex", "pp")]),
    (("vblex", "fti", "p3", "sg"), "en", []),  # English has no future form: the word stays
    (("n", "f", "pl"), "en", [("n", "pl")]),
    (("adj", "m", "sg"), "en", [("adj",)]),
])
def test_target_tags(tags: tuple[str, ...], target: str, mapped: list[tuple[str, ...]]) -> None:
    assert lexicon.target_tags(tags, target) == mapped
