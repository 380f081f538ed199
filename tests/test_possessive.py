"""English `his` for a French plural possessor (the pivots' su/seu lose its number)."""
from __future__ import annotations

import pytest

from pipeline.possessive import their


@pytest.mark.parametrize("source, draft, expected", [
    ("Les entreprises et leurs données.", "The companies and his data.", "The companies and their data."),
    ("Elles protègent leur réseau.", "They protect his network.", "They protect their network."),
    ("LEURS DONNÉES", "HIS DATA", "THEIR DATA"),
    ("Leur objectif est clair.", "His aim is clear.", "Their aim is clear."),
    ("Le port et ses bassins.", "The port and his lakes.", "The port and his lakes."),       # son/sa/ses: unknown
    ("Ses clients et leurs données.", "His clients and his data.", "His clients and his data."),  # both: left
    ("Le groupe et sa stratégie.", "The group and his strategy.", "The group and his strategy."),
    ("Il leur donne accès.", "It gives them access.", "It gives them access."),
    ("Les ailleurs du monde.", "This history of his.", "This history of his."),             # not the word leur
])
def test_his_is_their_where_the_french_possessors_are_all_plural(source: str, draft: str, expected: str) -> None:
    assert their(source, draft) == expected
