"""ALL-CAPS text gets the case of running text before MT: the document's spellings, then the analyser."""
from __future__ import annotations

import pytest

from pipeline.truecase import case_memory, given_names, is_caps, is_compound_name, truecase

MEMORY = case_memory([
    "La Métropole Aix-Marseille-Provence soutient l'IA et la recherche.",
    "Le port de Marseille innove avec CMA CGM.",
])


@pytest.mark.parametrize("caps, expected", [
    ("DE LA FRANCE", "De la France"),                       # analyser: France<np>
    ("L'EUROPE ET LA PROVENCE", "L'Europe et la Provence"),  # analyser, after elision
    ("AIX-MARSEILLE-PROVENCE SOUTIENT L'IA", "Aix-Marseille-Provence soutient l'IA"),  # the document
    ("LE PORT DE MARSEILLE. IL INNOVE", "Le port de Marseille. Il innove"),  # sentence starts
    ("À 8H30 LE 5E JOUR", "À 8H30 le 5E jour"),            # figures as written
    ("LA RECHERCHE DE XQZB", "La recherche de XQZB"),      # stand-ins untouched
    ("SALON-DE-PROVENCE", "Salon-de-Provence"),            # hyphenated parts, each its own case
    ("PAGE 4", "Page 4"),
    ("II. LA PHASE IV", "II. La phase IV"),               # Roman numerals of I, V, X: no French word
])
def test_caps_words_take_their_running_text_case(caps: str, expected: str) -> None:
    assert truecase(caps.replace("XQZB", "Xqzb"), MEMORY, "fr") == expected.replace("XQZB", "Xqzb")


@pytest.mark.parametrize("caps, expected", [
    ("PAGE 4", "page 4"),                       # not the surname Page, which fra-cat would keep as a name
    ("SOLIDEMENT ANCRÉ. MARSEILLE INNOVE", "solidement ancré. Marseille innove"),  # names keep their capital
    ("I. LE TERRITOIRE", "I. le territoire"),    # a Roman numeral is no sentence's first word
])
def test_without_sentence_capitals_each_first_word_keeps_its_own_case(caps: str, expected: str) -> None:
    assert truecase(caps, MEMORY, "fr", starts=False) == expected


@pytest.mark.parametrize("text, caps", [
    ("PAGE 4", True),             # a short heading in capitals: words the analyser knows in lower case
    ("SOMMAIRE", True),
    ("PROGRAMME", True),
    ("30-31 JANVIER 2025", True),
    ("CMA CGM", False),           # acronyms
    ("ITER", False),
    ("NIS 2", False),
    ("Page 4", False),
    ("LE PORT DE MARSEILLE INNOVE", True),  # long enough to be a pull quote, whatever its words
])
def test_short_texts_in_capitals_are_caps_when_their_words_are_common_words(text: str, caps: bool) -> None:
    assert is_caps(text, "fr") is caps
    assert is_caps(text) is (caps and sum(c.isalpha() for c in text) >= 12)  # without a language: 12 letters


def test_case_memory_ignores_sentence_starts_and_caps_text() -> None:
    memory = case_memory(["Recherche et innovation. Innovation partout.", "LA RECHERCHE EN FRANCE EST FORTE"])
    assert memory == {"et": "et", "innovation": "innovation", "partout": "partout"}


@pytest.mark.parametrize("word, kept", [
    ("Salon-de-Provence", True),        # Salon<n> de Provence<np>: no compound the analyser knows
    ("SALON-DE-PROVENCE", True),        # in capitals, read in running-text case
    ("Aix-Marseille-Provence", True),
    ("AIX-MARSEILLE", True),            # the document writes Aix-Marseille
    ("Part-Dieu", True),                # two common nouns, capitalised: a name
    ("Jean-Marc", True),
    ("États-Unis", False),              # a compound the analyser knows: the engine translates it
    ("Aix-en-Provence", True),          # a proper noun with French particles: a place name
    ("Bouches-du-Rhône", True),
    ("Moyen-Orient", False),
    ("Asie-Pacifique", False),          # Pacifique read only as an adjective
    ("Vice-président", False),          # last part in lower case
    ("AVANT-GARDE", False),
    ("start-up", False),
])
def test_hyphenated_names_are_told_from_compounds_to_translate(word: str, kept: bool) -> None:
    assert is_compound_name(word, MEMORY | {"aix-marseille": "Aix-Marseille"}, "fr") is kept


@pytest.mark.parametrize("text, names", [
    ("par Mustapha Ouladsine et le professeur Viktor Jirsa", ["Mustapha", "Viktor"]),
    ("ALAIN et Julien", ["ALAIN", "Julien"]),
    ("Saint-Martin et la France", []),          # a place, a compound: not a person's name alone
    ("le marc de café", []),
])
def test_people_s_given_names_are_found_by_the_analyser(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e, _ in given_names(text, "fr")] == names == [n for _, _, n in given_names(text, "fr")]
