"""The command line: every stage, exit codes, one-line errors, and nothing changed on failure."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from pipeline import fileio
from pipeline.segment import segment
from tests.conftest import DATA, DOSSIER, snapshot

PO_EN = "locales/en/LC_MESSAGES/dossier.po"
COMMANDS = ["md2po", "po2md", "extract", "update", "build", "run"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert f"usage: pipeline {command}" in capsys.readouterr().out


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True)
    assert "md2po" in result.stdout and "run" in result.stdout


def test_run_writes_catalogues_and_documents_then_changes_nothing(project: Path, run) -> None:
    code, _, err = run("run")
    assert code == 0, err
    for rel in ["locales/dossier.pot", PO_EN, "locales/ar/LC_MESSAGES/dossier.po",
                "build/en/dossier.md", "build/de/dossier.html"]:
        assert (project / rel).is_file(), rel
    assert (project / "build/en/dossier.md").read_bytes() == DOSSIER.read_bytes()
    html = (project / "build/ar/dossier.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html and "<title>DOSSIER DE PRESSE IA &amp; CYBER</title>" in html
    before = snapshot(project)
    code, _, err = run("run")
    assert code == 0 and "nothing changed" in err
    assert snapshot(project) == before


def test_two_fresh_projects_give_byte_identical_outputs(tmp_path: Path, project: Path, run) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "source").mkdir()
    (other / "pyproject.toml").write_bytes((project / "pyproject.toml").read_bytes())
    (other / "source" / "dossier.fr.md").write_bytes(DOSSIER.read_bytes())
    assert run("run")[0] == 0
    from pipeline.cli import main
    assert main(["-q", "-C", str(other), "run"]) == 0
    ours = {k: v for k, v in snapshot(project).items() if not k.startswith("other/")}
    assert ours == snapshot(other)


def _translate(project: Path, done: dict[str, str], fuzzy: bool = False) -> None:
    path = project / PO_EN
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in done:
            entry.msgstr = done[entry.msgid]
            if fuzzy:
                entry.flags.append("fuzzy")
    po.save(str(path))


@pytest.mark.usefixtures("ran")
def test_translator_work_reaches_the_document_and_survives_source_edits(project: Path, run) -> None:
    _translate(project, {"DOSSIER DE PRESSE IA & CYBER": "AI & CYBER PRESS KIT", "SOMMAIRE": "CONTENTS"})
    source = project / "source/dossier.fr.md"
    source.write_text(source.read_text(encoding="utf-8").replace("# SOMMAIRE", "# SOMMAIRE GÉNÉRAL"), encoding="utf-8")
    assert run("run", "--release")[0] == 0
    md = (project / "build/en/dossier.md").read_text(encoding="utf-8")
    assert md.startswith("\n\n# AI & CYBER PRESS KIT\n") and "# SOMMAIRE GÉNÉRAL" in md
    po = polib.pofile(str(project / PO_EN))
    moved = po.find("SOMMAIRE GÉNÉRAL")
    assert moved.fuzzy and moved.msgstr == "CONTENTS" and moved.previous_msgid == "SOMMAIRE"


@pytest.mark.usefixtures("ran")
def test_drafts_are_published_flagged_in_a_draft_build_and_only_on_request_in_a_release(project: Path, run) -> None:
    _translate(project, {"SOMMAIRE": "CONTENTS"}, fuzzy=True)
    _translate(project, {"PAGE 4": "PAGE FOUR"})
    assert run("build", "--lang", "en")[0] == 0
    md = (project / "build/en/dossier.md").read_text(encoding="utf-8")
    html = (project / "build/en/dossier.html").read_text(encoding="utf-8")
    assert "# CONTENTS" in md and "## PAGE FOUR" in md
    assert ('<p class="draft-notice" role="note">Draft: 1 of 281 passages on this page are unreviewed machine or '
            "memory translations. 279 of 281 passages are not translated yet and are shown in French.</p>") in html
    assert run("build", "--lang", "en", "--release")[0] == 0
    md = (project / "build/en/dossier.md").read_text(encoding="utf-8")
    assert "# CONTENTS" not in md and "## PAGE FOUR" in md
    assert "Draft:" not in (project / "build/en/dossier.html").read_text(encoding="utf-8")
    assert run("build", "--lang", "en", "--release", "--include-fuzzy")[0] == 0
    assert "# CONTENTS" in (project / "build/en/dossier.md").read_text(encoding="utf-8")


@pytest.mark.usefixtures("ran")
def test_min_reviewed_gate(project: Path, run) -> None:
    _translate(project, {"SOMMAIRE": "CONTENTS"}, fuzzy=True)
    code, _, err = run("build", "--lang", "en", "--min-reviewed", "1")
    assert code == 1 and "build/en/dossier.md: not released: 0.0% reviewed (0 of 281 entries), below --min-reviewed 1" in err
    assert f"blocking: {PO_EN}:" in err and "(untranslated)" in err
    assert "CONTENTS" not in (project / "build/en/dossier.html").read_text(encoding="utf-8")  # no stale draft left


@pytest.mark.usefixtures("ran")
def test_min_translated_refuses_only_the_documents_below(project: Path, run) -> None:
    po = polib.pofile(str(project / PO_EN))
    for entry in po:
        entry.msgstr = entry.msgid.lower()
    po.save(str(project / PO_EN))
    for lang in ("en", "de", "ar"):
        (project / f"build/{lang}/dossier.md").unlink()
    code, _, err = run("build", "--min-translated", "90")
    assert code == 1
    assert "error: build/de/dossier.md: not released: 0.0% translated (0 of 281 entries), below --min-translated 90" in err
    assert "blocking: locales/de/LC_MESSAGES/dossier.po:" in err and "(untranslated)" in err
    assert (project / "build/en/dossier.md").exists()
    assert "dossier is not released in German (de)" in (project / "build/de/dossier.md").read_text(encoding="utf-8")
    page = (project / "build/de/dossier.html").read_text(encoding="utf-8")
    assert "<h1>Not released</h1>" in page and "below --min-translated 90" in page
    assert "not released: 0.0% translated" in (project / "build/report.html").read_text(encoding="utf-8")


def test_stages_one_by_one_match_run(project: Path, run) -> None:
    for stage in ("extract", "update", "build"):
        code, _, err = run(stage)
        assert code == 0, err
    before = snapshot(project)
    assert run("run")[0] == 0
    assert snapshot(project) == before


def test_update_and_build_need_their_inputs(run) -> None:
    code, _, err = run("update")
    assert code == 1 and "dossier.pot: no such template; run `pipeline extract` first" in err
    code, _, err = run("build")
    assert code == 1 and "no such catalogue; run `pipeline update` first" in err


def test_md2po_and_po2md_pair(tmp_path: Path, run) -> None:
    src = tmp_path / "page.md"
    src.write_text("# Bonjour\n\n- un *point*\n- deux\n", encoding="utf-8")
    code, out, _ = run("md2po", str(src))
    assert code == 0 and 'msgid "un *point*"' in out
    po_path = tmp_path / "page.po"
    assert run("md2po", str(src), "-o", str(po_path))[0] == 0
    po = polib.pofile(str(po_path))
    po.metadata["Language"] = "en"
    po.find("Bonjour").msgstr = "Hello"
    po.find("un *point*").msgstr = "one *point*"
    po.save(str(po_path))
    code, out, _ = run("po2md", str(src), str(po_path))
    assert (code, out) == (0, "# Hello\n\n- one *point*\n- deux\n")
    code, out, _ = run("po2md", str(src), str(po_path), "--html")
    assert '<html lang="en" dir="ltr">' in out and "<title>Hello</title>" in out
    code, _, err = run("po2md", str(src), str(po_path), "--min-translated", "100", "-o", str(tmp_path / "out.md"))
    assert code == 1 and "66.7% translated (2 of 3 entries)" in err and not (tmp_path / "out.md").exists()
    # md2po onto a translated catalogue merges: the translations stay
    assert run("md2po", str(src), "-o", str(po_path))[0] == 0
    assert polib.pofile(str(po_path)).find("Bonjour").msgstr == "Hello"


BAD_INPUTS = {
    "syntax error in a PO": (lambda p: (p / PO_EN).write_text(
        (p / PO_EN).read_text(encoding="utf-8").replace('msgstr ""\n\n#. heading 1', 'msgstr "oops\n\n#. heading 1', 1),
        encoding="utf-8"), f"error: {PO_EN}:94: unterminated string or unescaped quote; fix the line and run again"),
    "source not UTF-8": (lambda p: (p / "source/dossier.fr.md").write_bytes(
        DOSSIER.read_bytes().replace("SOMMAIRE".encode(), "SOMMAIRE \xe9".encode("latin-1"))),
        "error: source/dossier.fr.md:39: not valid UTF-8 (byte 0xe9)"),
    "unknown language": (lambda p: (p / "pyproject.toml").write_text(
        (p / "pyproject.toml").read_text().replace('"ar"', '"xx"'), encoding="utf-8"),
        "error: pyproject.toml:8: unknown language code 'xx' in [tool.pipeline]"),
    "unknown config key": (lambda p: (p / "pyproject.toml").write_text(
        (p / "pyproject.toml").read_text().replace("[tool.pipeline]\n", '[tool.pipeline]\ntarget = ["en"]\n'),
        encoding="utf-8"), "error: pyproject.toml:6: unknown key [tool.pipeline] 'target'; valid keys:"),
    "unknown engine": (lambda p: (p / "pyproject.toml").write_text(
        (p / "pyproject.toml").read_text().replace("default = []", 'de = ["deepl"]'), encoding="utf-8"),
        "error: pyproject.toml:11: [tool.pipeline.engines] de: a list of engine names among argos, apertium, identity"),
    "front matter not YAML": (lambda p: (p / "source/guide.fr.md").write_text(
        "---\ntitle: Guide\ntags: [un, deux\n---\n\nTexte.\n", encoding="utf-8"),
        "error: source/guide.fr.md:3: front matter is not valid YAML"),
    "unknown Markdown extension": (lambda p: (p / "pyproject.toml").write_text(
        (p / "pyproject.toml").read_text().replace("[tool.pipeline]\n", '[tool.pipeline]\nmarkdown = ["tables"]\n'),
        encoding="utf-8"), "error: pyproject.toml:6: unknown Markdown extension 'tables' in [tool.pipeline] markdown; "
                           "known: front-matter, attributes"),
    "no source document": (lambda p: (p / "source/dossier.fr.md").unlink(),
                           "error: pyproject.toml: no source documents match [tool.pipeline] sources"),
}


@pytest.mark.usefixtures("ran")
@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_changes_nothing(case: str, project: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(project)  # paths in messages are shown relative to the working directory
    break_it, message = BAD_INPUTS[case]
    break_it(project)
    before = snapshot(project)
    code, out, err = run("run")
    assert code == 1
    assert err.startswith(message), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(project) == before


def test_missing_file_for_po2md(tmp_path: Path, run) -> None:
    code, _, err = run("po2md", str(tmp_path / "absent.md"), str(tmp_path / "absent.po"))
    assert (code, err) == (1, f"error: {tmp_path / 'absent.md'}: no such file\n")


def test_interrupted_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "dossier.po"
    target.write_text("old content\n", encoding="utf-8")

    def crash(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "fsync", crash)
    with pytest.raises(OSError):
        fileio.write_text(target, "new content that never lands\n" * 1000)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.po"]


def test_extended_document_gets_target_lang_and_front_matter_title(project: Path, run) -> None:
    shutil.copy(DATA / "ext" / "guide-vitepress.md", project / "source" / "guide.fr.md")
    assert run("run")[0] == 0
    pot = (project / "locales" / "guide.pot").read_text(encoding="utf-8")
    assert "#. front matter title, heading 1\n" in pot and "#. container title\n" in pot and "{#" not in pot
    po_path = project / "locales" / "de" / "LC_MESSAGES" / "guide.po"
    po = polib.pofile(str(po_path))
    po.find("Guide de démarrage").msgstr = "Erste Schritte: Anleitung"
    po.find("Conseil").msgstr = "Tipp"
    po.save(str(po_path))
    assert run("build", "--lang", "de")[0] == 0
    markdown = (project / "build" / "de" / "guide.md").read_text(encoding="utf-8")
    assert markdown.startswith('---\ntitle: "Erste Schritte: Anleitung"\n')
    assert "\nlang: de\n" in markdown and "\n::: tip Tipp\n" in markdown
    assert "# Erste Schritte: Anleitung {#guide}\n" in markdown
    page = (project / "build" / "de" / "guide.html").read_text(encoding="utf-8")
    assert "<title>Erste Schritte: Anleitung</title>" in page and '<h1 id="guide">' in page


def test_plain_commonmark_project_keeps_todays_segmentation(project: Path, run) -> None:
    """With `markdown = []` front matter is what CommonMark makes of it: a rule and a setext heading."""
    (project / "pyproject.toml").write_text(
        (project / "pyproject.toml").read_text().replace("[tool.pipeline]\n", "[tool.pipeline]\nmarkdown = []\n"),
        encoding="utf-8")
    shutil.copy(DATA / "ext" / "note-mkdocs.md", project / "source" / "note.fr.md")
    assert run("extract")[0] == 0
    pot = polib.pofile(str(project / "locales" / "note.pot"))
    text = (DATA / "ext" / "note-mkdocs.md").read_text(encoding="utf-8")
    assert [e.msgid for e in pot] == list(dict.fromkeys(s.text for s in segment(text, "n.md", ())))
    assert pot[0].msgid.startswith('title: "Note technique')
