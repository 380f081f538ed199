"""The closest-text search behind fuzzy merges."""
from __future__ import annotations

import pytest

from pipeline.fuzzy import FuzzyIndex

OLD = [
    "Les cybermenaces augmentent chaque année en Provence.",
    "Marseille accueille dix-huit câbles sous-marins.",
    "La Métropole soutient la filière numérique.",
    "La Métropole soutient la filière numérique depuis 2016.",
]


@pytest.mark.parametrize("query, expected", [
    ("Les cybermenaces augmentent fortement chaque année en Provence.", 0),
    ("Marseille accueille 18 câbles sous-marins.", 1),
    ("La Métropole soutient la filière numérique !", 2),
    ("La Métropole soutient la filière numérique depuis 2015.", 3),
    ("Un tout autre sujet : la formation des jeunes talents.", None),
    ("", None),
])
def test_best_match_above_threshold(query: str, expected: int | None) -> None:
    found = FuzzyIndex(OLD).best(query, 0.6)
    assert (found[0] if found else None) == expected


def test_identical_candidates_resolve_to_the_first() -> None:
    assert FuzzyIndex(["même texte", "même texte"]).best("même texte !", 0.6)[0] == 0


def test_query_made_only_of_common_words_still_finds_its_match() -> None:
    texts = [f"de la {i} et" for i in range(200)] + ["de la et le"]
    assert FuzzyIndex(texts).best("de la et la", 0.6) is not None


def test_a_pair_is_scored_once_per_process_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    import difflib

    calls = []
    real = difflib.SequenceMatcher.ratio

    def counting(self: difflib.SequenceMatcher) -> float:  # type: ignore[type-arg]
        calls.append(1)
        return real(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counting)
    query = "La Métropole soutient la filière numérique depuis 2017 déjà."
    first = FuzzyIndex(OLD).best(query, 0.6)
    scored = len(calls)
    again = FuzzyIndex(list(OLD)).best(query, 0.6)  # a new index of the same texts: a later run in this process
    assert scored > 0 and len(calls) == scored and again == first
    assert FuzzyIndex(OLD).best(query + " Encore.", 0.6) is not None and len(calls) > scored  # a new pair: scored
