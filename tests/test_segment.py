"""Segmentation: which blocks are offered for translation, with what text, kind and line."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline import dialect, frontmatter
from pipeline.catalog import build_catalog, dump
from pipeline.errors import SourceError
from pipeline.segment import _inline_where_needed, segment
from tests.conftest import DATA, DOSSIER

SNIPPETS = sorted((DATA / "md").glob("*.md"))
EXTENDED = sorted((DATA / "ext").glob("*.md"))  # front matter, attributes, containers, admonitions, footnotes, deflists


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.stem)
def test_segments_of_snippet(path: Path, data_regression) -> None:
    """Plain CommonMark (no extensions) keeps today's segmentation exactly."""
    text = path.read_bytes().decode("utf-8")
    data_regression.check([{"line": s.line, "kind": s.kind, "text": s.text} for s in segment(text, path.name, ())])


@pytest.mark.parametrize("path", EXTENDED, ids=lambda p: p.stem)
def test_segments_of_extended_document(path: Path, data_regression) -> None:
    text = path.read_bytes().decode("utf-8")
    data_regression.check([{"line": s.line, "kind": s.kind, "text": s.text} for s in segment(text, path.name)])


@pytest.mark.parametrize("path", EXTENDED, ids=lambda p: p.stem)
def test_template_of_extended_document(path: Path, file_regression) -> None:
    segments = segment(path.read_bytes().decode("utf-8"), f"source/{path.name}")
    file_regression.check(dump(build_catalog(segments, "demo 1.0", "fr")), extension=".pot")


@pytest.mark.parametrize("path", [*SNIPPETS, *EXTENDED, DOSSIER], ids=lambda p: p.stem)
def test_no_msgid_holds_anchors_fences_or_front_matter_keys(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    keys = {v.key.split(".")[0] for v in frontmatter.values(text, path.name)} | {"lang", "layout", "date", "author"}
    for s in segment(text, path.name):
        assert "{#" not in s.text and not re.search(r"(?m)^\s*(?::::|!!!)", s.text), s.text
        assert not re.match(rf"(?:{'|'.join(sorted(keys))})\s*:", s.text), s.text


@pytest.mark.parametrize("extensions", [dialect.DEFAULT, ()], ids=["extended", "commonmark"])
def test_leaving_out_the_block_rules_a_document_cannot_match_changes_no_token(extensions: tuple[str, ...]) -> None:
    """dialect.unmatched_rules: without the rules whose markers a document lacks, the parser reads every
    CommonMark example and test document exactly as the full parser does."""
    examples = json.loads((DATA / "commonmark" / "examples.json").read_text(encoding="utf-8"))
    texts = [e["markdown"] for e in examples] + [p.read_bytes().decode("utf-8") for p in [*SNIPPETS, *EXTENDED, DOSSIER]]
    texts += NESTED_OPENINGS
    full = dialect.parser_with_inline(extensions, _inline_where_needed)
    left_out = 0
    for text in texts:
        without = dialect.unmatched_rules(text)
        left_out += len(without)
        lean = dialect.parser_with_inline(extensions, _inline_where_needed, without)
        assert [t.as_dict() for t in lean.parse(text)] == [t.as_dict() for t in full.parse(text)], text
    assert left_out > 5 * len(texts)  # most examples lack most markers


NESTED_OPENINGS = [  # blocks that open after a container's marks, where unmatched_rules must still see them
    "- <div>\n  x\n</div>\n", "1) <!-- c -->\n", "> - [^1]: <b>x</b>\n\n[^1]\n", "Terme\n: <div>x</div>\n",
    "Terme\n\n~ définition\n", "> Terme\n> : définition\n", "- Terme\n  : définition\n", "[^1]: : x\n\n[^1]\n",
    "- Titre\n  ---\n", "> Titre\n> ===\n", "> - a\n>   b\n>   -\n", "Titre\r\n---\r\n", "Titre\r===\r",
    "- a\n\n  ---\n", "Titre  \n=\t\n", "*\tTitre\n\t==\n", "Titre\n===",
]


@pytest.mark.parametrize(("text", "kept"), [
    ("# Titre\n\nUn mot : deux.\n", []),
    ("---\ntitle: Titre\n---\n", ["front_matter"]),
    ("| a | b |\n|---|---|\n| c | d |\n", ["table"]),
    ("```\ncode\n```\n~~~\n", ["fence"]),
    ("::: tip\nTexte\n:::\n!!! note\n    Texte\n", ["container_custom", "admonition"]),
    ("{#id}\nTexte[^1]\n\n[^1]: Note\n[a]: /url\n", ["attr", "footnote_def", "reference"]),
], ids=["none", "front-matter", "table", "fences", "containers", "attributes-notes-references"])
def test_block_rules_kept_are_those_whose_marker_the_document_holds(text: str, kept: list[str]) -> None:
    assert sorted({*dialect._MARKERS, "front_matter"} - set(dialect.unmatched_rules(text))) == sorted(kept)


@pytest.mark.parametrize(("text", "left_out"), [
    ("# Titre\n\nUn mot : deux, Aix-\nMarseille -\n\n---\n", True),
    ("Un <b>mot</b>.\n\nLe 6<sup>e</sup> rang.\n", True),
    ("Titre\n---\n", False),
    ("<div>\n", False),
    ("Terme\n: définition\n", False),
], ids=["prose-hyphens-rule", "inline-html", "setext", "html-block", "definition"])
def test_html_definition_and_setext_rules_are_left_out_only_without_a_line_that_opens_them(text: str,
                                                                                          left_out: bool) -> None:
    rules = {"html_block", "deflist", "lheading"}
    assert (rules <= set(dialect.unmatched_rules(text))) == left_out


@pytest.mark.parametrize("text", ["# Titre\n\nUn mot.\n", "# Titre\r\n\r\nUn\rmot.\r\n", "Un\0mot\n\n> cité\0\r"],
                         ids=["lf", "crlf-cr", "nul"])
def test_normalize_skipped_without_cr_or_nul_reads_as_markdown_its_own(text: str) -> None:
    from markdown_it.rules_core.normalize import normalize
    stock = dialect._parser(dialect.DEFAULT)
    stock.core.ruler.at("normalize", normalize)
    assert [t.as_dict() for t in dialect.parser().parse(text)] == [t.as_dict() for t in stock.parse(text)]
    assert dialect.parser().render(text) == stock.render(text)


def test_dossier_segments_are_the_same_with_and_without_extensions() -> None:
    text = DOSSIER.read_text(encoding="utf-8")
    assert segment(text, "d.md") == segment(text, "d.md", ())


@pytest.mark.parametrize("text, expected", [
    ("## Titre {#ancre .classe}\n", ["Titre"]),
    ("Titre {: #kramdown}\n=====\n", ["Titre"]),
    ("# Annexes {-}\n", ["Annexes"]),
    ("# Fonction {x}\n", ["Fonction {x}"]),  # no id, class or key=value: text, as pandoc reads it
    ("## 2025 {#annee}\n", []),
    ("{.lead}\nParagraphe.\n", ["Paragraphe."]),
    ("::: details\nCorps.\n:::\n", ["Corps."]),
    ("::: tip[Astuce du jour]\nCorps.\n:::\n", ["Astuce du jour", "Corps."]),
    ("::: {.callout-note}\nCorps.\n:::\n", ["Corps."]),
    ("!!! note\n    Corps.\n", ["Corps."]),  # the generated title "Note" is not in the source
    ('!!! danger "Zone à risque"\n    Corps.\n', ["Zone à risque", "Corps."]),
    ("Mot[^n].\n\n[^n]: La note.\n", ["Mot[^n].", "La note."]),
    ("[^n]: La note.\n\nAvant[^n].\n", ["La note.", "Avant[^n]."]),  # document order, though the parser moves notes last
    ("Terme\n: Sens.\n", ["Terme", "Sens."]),
    ("---\ntitle: Titre\ntags: [a b, 'c d']\nlang: fr\ncount: 3\n---\nTexte.\n", ["Titre", "a b", "c d", "Texte."]),
    ("---\nhero:\n  title: Pas une clé de premier niveau\n---\n", []),
    ("---\n---\nTexte.\n", ["Texte."]),
])
def test_what_is_offered_with_extensions(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text, "t.md")] == expected


def test_front_matter_keys_are_configurable() -> None:
    text = "---\ntitle: Titre\nhero:\n  tagline: Accroche\n---\n"
    assert [(s.text, s.kind) for s in segment(text, "t.md", keys=("hero.tagline",))] == \
        [("Accroche", "front matter hero.tagline")]


def test_front_matter_that_is_not_yaml_names_its_line() -> None:
    with pytest.raises(SourceError, match=r"^doc\.md:3: front matter is not valid YAML"):
        segment("---\ntitle: Titre\nsummary: [non fermé\n---\n", "doc.md")
    assert [s.text for s in segment("---\ntitle: [\n---\n", "doc.md", ())] == ["title: ["]


def test_dossier_template(file_regression) -> None:
    segments = segment(DOSSIER.read_text(encoding="utf-8"), "source/dossier.fr.md")
    file_regression.check(dump(build_catalog(segments, "dossier 1.0", "fr")), extension=".pot")


@pytest.mark.parametrize("text, expected", [
    ("Un **texte** `avec` [lien](http://x.org).", ["Un **texte** `avec` [lien](http://x.org)."]),
    ("```\ncode\n```\n\n<div>\nhtml\n</div>\n", []),
    ("2025\n\n- 42 %\n- 3 148\n\n`code seul`\n", []),
    ("<https://example.org>\n", []),
    ("6<sup>e</sup> rang\n", ["6<sup>e</sup> rang"]),
    ("![](vide.png)\n", []),
    ("[![alt](a.png)](http://x)\n", ["alt"]),
    ("![label][ref]\n\n[ref]: a.png\n", []),
    ("[^1]:>[^1]:", []),  # a footnote definition inside another's blockquote: the plugin drops its opening
])
def test_what_is_offered(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text, "t.md")] == expected


def test_dossier_blocks_all_located(caplog: pytest.LogCaptureFixture) -> None:
    segments = segment(DOSSIER.read_text(encoding="utf-8"), "source/dossier.fr.md")
    assert not caplog.records
    assert len(segments) > 250
    text = DOSSIER.read_text(encoding="utf-8")
    assert all(text[sp.start:sp.end] in s.text for s in segments for sp in s.spans)
