"""English `his` for a French plural possessor (the pivots' su/seu lose its number)."""
from __future__ import annotations

import pytest

from pipeline.possessive import its, their


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


@pytest.mark.parametrize("source, draft, expected", [
    ("Le port et ses bassins.", "The port and his lakes.", "The port and its lakes."),
    ("GRÂCE À SON ÉCOSYSTÈME", "THANKS TO HIS ECOSYSTEM", "THANKS TO ITS ECOSYSTEM"),
    ("Créée en 1998. Sa mission est claire.", "Created in 1998. His mission is clear.",
     "Created in 1998. Its mission is clear."),
    # a person named anywhere in the entry may be the possessor: left
    ("**Frédéric Bechet** mène ses recherches.", "**Frédéric Bechet** Spend his research.",
     "**Frédéric Bechet** Spend his research."),
    ("Martine Vassal préside la métropole. Sa vision est claire.", "Martine Vassal chairs the metropolis. His vision "
     "is clear.", "Martine Vassal chairs the metropolis. His vision is clear."),
    # both kinds of possessive: which `his` came from which is unknown, left
    ("Ses clients et leurs données.", "His clients and his data.", "His clients and his data."),
    ("Le son de la ville.", "The sound of his city.", "The sound of its city."),  # `son` the noun reads as one
    ("La ville et ses habitants.", "The city and its inhabitants.", "The city and its inhabitants."),
])
def test_his_is_its_where_the_entry_names_no_person(source: str, draft: str, expected: str) -> None:
    assert its([source], [draft]) == [expected]
