"""Translation memory: exact and fuzzy fills before any engine, TMX in and out."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline import memory
from pipeline.catalog import build_catalog, merge
from pipeline.locales import language
from pipeline.segment import segment

SOURCE = """\
# Souveraineté numérique

La Métropole soutient la filière numérique depuis 2016.

Les cybermenaces augmentent chaque année.

Un paragraphe entièrement nouveau sur la formation des jeunes.
"""


def _reviewed() -> polib.POFile:
    """Another document's catalogue, reviewed by a person."""
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Souveraineté numérique", msgstr="Digital sovereignty"))
    po.append(polib.POEntry(msgid="La Métropole soutient la filière numérique depuis 2015.",
                            msgstr="The Metropolis has supported the digital sector since 2015."))
    po.append(polib.POEntry(msgid="Les cybermenaces augmentent chaque année.", msgstr="Machine guess",
                            flags=["fuzzy"]))
    return po


def _target() -> polib.POFile:
    return merge(build_catalog(segment(SOURCE, "doc.md"), "t", "fr"), None, language("en"))


def test_exact_then_fuzzy_matches_fill_empty_entries_for_review() -> None:
    tm = memory.build([(_reviewed(), "en", "other.po")])
    po = _target()
    assert memory.fill(po, "en", tm, 0.75) == 2
    exact = po.find("Souveraineté numérique")
    assert (exact.msgstr, exact.fuzzy, exact.tcomment) == ("Digital sovereignty", True,
                                                          "memory: exact match from other.po\ndraft: 85002715")
    close = po.find("La Métropole soutient la filière numérique depuis 2016.")
    # the remembered translation, with the figure that changed rendered anew
    assert close.fuzzy and close.msgstr == "The Metropolis has supported the digital sector since 2016."
    assert close.tcomment.startswith("memory: 98% match of 'La Métropole soutient")
    # fuzzy entries are not memory; unrelated text finds nothing
    assert po.find("Les cybermenaces augmentent chaque année.").msgstr == ""
    assert po.find("Un paragraphe entièrement nouveau sur la formation des jeunes.").msgstr == ""


def test_memory_never_overwrites_a_translation() -> None:
    tm = memory.build([(_reviewed(), "en", "other.po")])
    po = _target()
    po.find("Souveraineté numérique").msgstr = "Sovereignty, digital (translator's choice)"
    memory.fill(po, "en", tm, 0.75)
    assert po.find("Souveraineté numérique").msgstr == "Sovereignty, digital (translator's choice)"


def test_threshold_is_respected() -> None:
    tm = memory.build([(_reviewed(), "en", "other.po")])
    po = _target()
    assert memory.fill(po, "en", tm, 0.99) == 1


def test_tmx_round_trip(tmp_path: Path, file_regression) -> None:
    tm = memory.build([(_reviewed(), "en", "en.po"),
                       (polib.POFile(), "de", "de.po")])
    tm.add(memory.Unit("Souveraineté numérique", "Digitale Souveränität", "de", "de.po"))
    text = memory.export_tmx(tm, "fr")
    file_regression.check(text, extension=".tmx")
    path = tmp_path / "m.tmx"
    path.write_text(text, encoding="utf-8")
    again = memory.build([], [path])
    assert memory.export_tmx(again, "fr") == text


def test_tmx_from_other_tools_with_regions_and_inline_tags(tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="fr-FR" segtype="sentence" '
                    'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>'
                    '<body><tu><tuv xml:lang="fr-FR"><seg>Le <bpt i="1">&lt;b&gt;</bpt>port<ept i="1">&lt;/b&gt;</ept>'
                    '</seg></tuv><tuv xml:lang="en-GB"><seg>The port</seg></tuv></tu></body></tmx>', encoding="utf-8")
    units = memory.read_tmx(path, "fr")
    assert [(u.source, u.target, u.lang) for u in units] == [("Le <b>port</b>", "The port", "en")]


@pytest.mark.parametrize("content, message", [
    ("<tmx><body><tu>", "not well-formed XML"),
    ("<xliff/>", "not a TMX file"),
])
def test_bad_tmx_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(memory.TMXError, match=message):
        memory.read_tmx(path, "fr")
