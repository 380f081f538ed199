"""Segmentation: which blocks are offered for translation, with what text, kind and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalog import build_catalog, dump
from pipeline.segment import segment
from tests.conftest import DATA, DOSSIER

SNIPPETS = sorted((DATA / "md").glob("*.md"))


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.stem)
def test_segments_of_snippet(path: Path, data_regression) -> None:
    text = path.read_bytes().decode("utf-8")
    data_regression.check([{"line": s.line, "kind": s.kind, "text": s.text} for s in segment(text, path.name)])


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
])
def test_what_is_offered(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text, "t.md")] == expected


def test_dossier_blocks_all_located(caplog: pytest.LogCaptureFixture) -> None:
    segments = segment(DOSSIER.read_text(encoding="utf-8"), "source/dossier.fr.md")
    assert not caplog.records
    assert len(segments) > 250
    text = DOSSIER.read_text(encoding="utf-8")
    assert all(text[sp.start:sp.end] in s.text for s in segments for sp in s.spans)
