"""Front matter: values found with their YAML style, translations written back as YAML, lang rewritten."""
from __future__ import annotations

import pytest

from pipeline import frontmatter
from pipeline.assemble import assemble
from pipeline.locales import language
from pipeline.page import render_page
from pipeline.segment import segment


def _front(text: str) -> str:
    return f"---\n{text}---\n\nTexte.\n"


@pytest.mark.parametrize("source, translation, expected", [
    ("title: Titre\n", "Title", "title: Title\n"),
    # plain when YAML reads it back unchanged; otherwise double-quoted
    ("title: Titre\n", "Title: a subtitle", 'title: "Title: a subtitle"\n'),
    ("title: Titre\n", "yes", 'title: "yes"\n'),
    ("title: Titre\n", "# not a comment", 'title: "# not a comment"\n'),
    ("title: 'Titre'\n", "It's here", "title: 'It''s here'\n"),
    ('title: "Titre"\n', 'Say "hi"', 'title: "Say \\"hi\\""\n'),
    ("tags: [un, deux]\n", "one, two", 'tags: ["one, two", deux]\n'),
    ("summary: >-\n  Un résumé\n  plié.\n", "A folded\nsummary.", "summary: >-\n  A folded\n  summary.\n"),
    ("summary: |\n  Ligne un\n  ligne deux\n", "Line one\nline two", "summary: |\n  Line one\n  line two\n"),
    ("title: Titre\r\nlang: fr\r\n", "Title", "title: Title\r\nlang: fr\r\n"),
])
def test_translation_is_written_back_as_yaml(source: str, translation: str, expected: str) -> None:
    text = _front(source)
    segments = [s for s in segment(text, "t.md") if s.kind.startswith("front matter")]
    table = {segments[0].text: translation}
    out = assemble(text, segments, table)
    assert out == _front(expected)
    read_back = [v.text for v in frontmatter.values(out, "t.md")]  # as YAML reads it
    assert (translation.replace("\n", " ") if ">" in source else translation) in read_back


@pytest.mark.parametrize("source, expected", [
    ("lang: fr\n", "lang: de\n"),
    ("language: 'fr-FR'\ntitle: Titre\n", "language: 'de'\ntitle: Titre\n"),
    ("title: Titre\n", "title: Titre\n"),
    ("meta:\n  lang: fr\n", "meta:\n  lang: fr\n"),  # only the document's own language key
])
def test_language_key_is_set_to_the_target(source: str, expected: str) -> None:
    assert frontmatter.with_language(_front(source), "de") == _front(expected)


def test_page_title_comes_from_the_front_matter() -> None:
    page = render_page(_front("title: Dossier de presse\n") + "# Autre titre\n", language("fr"))
    assert "<title>Dossier de presse</title>" in page and "title:" not in page.split("<body>")[1]
    assert "<title>Autre titre</title>" in render_page("# Autre titre\n", language("fr"))


def test_values_know_key_line_and_style() -> None:
    text = _front("title: \"Titre\"\nhero:\n  tagline: Accroche\ntags:\n  - un\ncount: 3\n")
    assert [(v.key, v.text, v.line, v.style) for v in frontmatter.values(text, "t.md")] == [
        ("title", "Titre", 2, '"'), ("hero.tagline", "Accroche", 4, ""), ("tags", "un", 6, "")]
