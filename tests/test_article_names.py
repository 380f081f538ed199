"""Names that begin with a capitalised article inside a sentence are kept as written (pipeline/article_names.py)."""
from __future__ import annotations

import pytest

from pipeline.article_names import article_names


@pytest.mark.parametrize("text, names", [
    ("le 3ème quartier d'affaires de France, après Paris La Défense et Lyon Part-Dieu.", ["La Défense"]),
    ("des écoles pop-up (Berre L'Étang, Marignanne)", ["L'Étang"]),
    ("Sur son périmètre : La Plateforme, plus grand campus", ["La Plateforme"]),
    ("la ville de Le Havre Nord et", ["Le Havre Nord"]),
    # a sentence's first word, lower-case words after the article, ALL-CAPS text, stand-ins: no name
    ("La Plateforme est une école.", []),
    ("Fin. La Région est là.", []),
    ("il a dit La suite viendra", []),
    ("POSE L'IA AU CŒUR", []),
    ("le centre de L'Xqzb et", []),
])
def test_names_with_a_capital_article(text: str, names: list[str]) -> None:
    assert [name for _, _, name in article_names(text, "fr")] == names
    assert all(text[start:end] == name for start, end, name in article_names(text, "fr"))


def test_other_source_languages_have_no_table() -> None:
    assert article_names("after Paris La Défense", "en") == []
