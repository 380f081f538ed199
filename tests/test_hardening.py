"""Issue 16: inputs that were lost, ignored or crashed a command, each reproduced, then held.

Catalogue text with raw line separators, the human part of a PO header,
obsolete entries' previous msgid, configuration values, deep nesting and
spreadsheet formulas in the glossary.  Model archives and HTML from
translations have their own tables in test_argos.py and test_sanitize.py.
"""
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.catalog import build_catalog, dump, merge, read_catalog
from pipeline.locales import language
from pipeline.segment import segment
from tests.conftest import make_project, snapshot

PO_EN = "locales/en/LC_MESSAGES/dossier.po"
SOURCE = "# Titre\n\nUn paragraphe.\n\nDeux paragraphes.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The project one directory down, so that its parent (which a bad setting must leave as it was) holds
    nothing else: the other tests of the session leave their trees beside tmp_path."""
    return make_project(tmp_path / "project")


def _pot(text: str) -> polib.POFile:
    return build_catalog(segment(text, "doc.fr.md"), "demo", "fr")


def _round_trip(po: polib.POFile, tmp_path: Path) -> polib.POFile:
    path = tmp_path / "doc.po"
    path.write_text(dump(po), encoding="utf-8")
    return read_catalog(path)


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085", "\u001e", "\u001c", "\u000b", "\u000c"])
def test_a_msgstr_with_a_raw_line_separator_reads_back_whole(char: str, tmp_path: Path) -> None:
    po = merge(_pot(SOURCE), None, language("en"))
    po.find("Un paragraphe.").msgstr = f"One{char}paragraph."
    back = _round_trip(po, tmp_path)
    assert back.find("Un paragraphe.").msgstr == f"One{char}paragraph."


def test_raw_line_separators_written_by_an_editor_do_not_stop_a_run(project: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(project)
    assert run("run", "--no-translate")[0] == 0
    path = project / PO_EN
    text = path.read_text(encoding="utf-8")
    marker = 'msgid "SOMMAIRE"\nmsgstr ""'
    assert marker in text
    path.write_text(text.replace(marker, 'msgid "SOMMAIRE"\nmsgstr "CON\u2028TENTS\u0085 \u001e"'), encoding="utf-8")
    code, _, err = run("run", "--no-translate")
    assert code == 0, err
    assert read_catalog(path).find("SOMMAIRE").msgstr == "CON\u2028TENTS\u0085 \u001e"


def test_translator_comments_in_the_header_survive_every_update(tmp_path: Path) -> None:
    po = merge(_pot(SOURCE), None, language("en"))
    po.header += "\nJane Doe <jane@example.org>, 2025.\nCopyright (C) 2025 Aix-Marseille-Provence."
    first = merge(_pot(SOURCE + "\nTrois.\n"), _round_trip(po, tmp_path), language("en"))
    second = merge(_pot(SOURCE + "\nTrois.\n"), _round_trip(first, tmp_path), language("en"))
    assert first.header.splitlines()[-2:] == ["Jane Doe <jane@example.org>, 2025.",
                                              "Copyright (C) 2025 Aix-Marseille-Provence."]
    assert dump(second) == dump(first)


def test_a_gnu_style_header_keeps_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "old.po"
    path.write_text('# German translation of the dossier.\n# Max Muster <max@example.org>, 2024.\n#\nmsgid ""\n'
                    'msgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    new = merge(_pot(SOURCE), read_catalog(path), language("de"))
    assert new.header.splitlines()[2:] == ["German translation of the dossier.", "Max Muster <max@example.org>, 2024."]


def test_an_obsolete_fuzzy_entry_keeps_its_previous_msgid_until_it_is_restored(tmp_path: Path) -> None:
    po = merge(_pot(SOURCE), None, language("en"))
    po.find("Deux paragraphes.").msgstr = "Two paragraphs."
    edited = SOURCE.replace("Deux paragraphes.", "Deux paragraphes ici.")
    fuzzy = merge(_pot(edited), _round_trip(po, tmp_path), language("en"))
    assert fuzzy.find("Deux paragraphes ici.").previous_msgid == "Deux paragraphes."
    deleted = merge(_pot("# Titre\n\nUn paragraphe.\n"), _round_trip(fuzzy, tmp_path), language("en"))
    assert "#~| msgid \"Deux paragraphes.\"" in dump(deleted)
    restored = merge(_pot(edited), _round_trip(deleted, tmp_path), language("en"))
    entry = restored.find("Deux paragraphes ici.")
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == ("Two paragraphs.", True, "Deux paragraphes.")


_PROJECT = '[project]\nname = "demo"\n\n'
_TOOL = '[tool.pipeline]\nsources = ["source/*.md"]\ntargets = ["en", "de"]\n'
BAD_CONFIG = {
    "tool.pipeline not a table": (_PROJECT + "[tool]\npipeline = 5\n",
                                  "pyproject.toml:5: tool.pipeline must be a table"),
    "tool not a table": ("tool = 5\n" + _PROJECT, "pyproject.toml:1: tool must be a table"),
    "project not a table": ("project = 5\n" + _TOOL, "pyproject.toml:1: project must be a table"),
    "absolute sources": (_PROJECT + _TOOL.replace("source/*.md", "/etc/*.conf"),
                         "pyproject.toml:5: [tool.pipeline] sources pattern '/etc/*.conf' must be relative"),
    "sources outside": (_PROJECT + _TOOL.replace("source/*.md", "../*.md"),
                        "pyproject.toml:5: [tool.pipeline] sources pattern '../*.md' must be relative"),
    "latin-1 byte": (_PROJECT.replace("demo", "d\udce9mo") + _TOOL, "pyproject.toml:2: not valid UTF-8 (byte 0xe9)"),
    "negative batch": (_PROJECT + _TOOL + "batch_size = -5\n",
                       "pyproject.toml:7: [tool.pipeline] batch_size is -5; it must be at least 1"),
    "fractional batch": (_PROJECT + _TOOL + "batch_size = 2.5\n",
                         "pyproject.toml:7: [tool.pipeline] batch_size must be a whole number"),
    "threshold above 1": (_PROJECT + _TOOL + "tm_threshold = 5\n",
                          "pyproject.toml:7: [tool.pipeline] tm_threshold is 5; it must be a similarity"),
    "percentage above 100": (_PROJECT + _TOOL + "min_reviewed = 250\n",
                             "pyproject.toml:7: [tool.pipeline] min_reviewed is 250; it must be a percentage"),
    "negative threads": (_PROJECT + _TOOL + "threads = -1\n",
                         "pyproject.toml:7: [tool.pipeline] threads is -1; it must be 0"),
    "unknown device": (_PROJECT + _TOOL + 'device = "tpu"\n',
                       "pyproject.toml:7: [tool.pipeline] device is 'tpu'; it must be one of cpu, cuda, auto"),
    "build_dir outside": (_PROJECT + _TOOL + 'build_dir = "../../../tmp/x"\n',
                          "pyproject.toml:7: [tool.pipeline] build_dir '../../../tmp/x' points outside the project"),
    "locales_dir outside": (_PROJECT + _TOOL + 'locales_dir = "locales/../../elsewhere"\n',
                            "pyproject.toml:7: [tool.pipeline] locales_dir 'locales/../../elsewhere' points outside"),
    "memory outside": (_PROJECT + _TOOL + 'memory = "../memory.tmx"\n',
                       "pyproject.toml:7: [tool.pipeline] memory '../memory.tmx' points outside"),
    "empty build_dir": (_PROJECT + _TOOL + 'build_dir = ""\n',
                        "pyproject.toml:7: [tool.pipeline] build_dir must name a file or directory"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIG))
def test_a_bad_setting_is_one_line_naming_its_line_and_changes_nothing(case: str, project: Path, run,
                                                                       monkeypatch) -> None:
    monkeypatch.chdir(project)
    text, message = BAD_CONFIG[case]
    (project / "pyproject.toml").write_bytes(text.encode("utf-8", "surrogateescape"))
    before = snapshot(project.parent)
    code, _, err = run("run", "--no-translate")
    assert (code, err.count("\n")) == (1, 1), err
    assert err.startswith(f"error: {message}"), err
    assert snapshot(project.parent) == before


def test_an_absolute_build_dir_is_the_users_choice(project: Path, tmp_path_factory, run) -> None:
    elsewhere = tmp_path_factory.mktemp("published")
    (project / "pyproject.toml").write_text(_PROJECT + _TOOL + f'build_dir = "{elsewhere.as_posix()}"\n'
                                            "[tool.pipeline.engines]\ndefault = []\n", encoding="utf-8")
    assert run("run", "--no-translate")[0] == 0
    assert (elsewhere / "en" / "dossier.html").is_file()


FORMULAS = ["=HYPERLINK(\"http://x\",\"IA\")", "+33 4 91", "-2+3", "@SUM(A1:A2)"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_glossary_cell_that_a_spreadsheet_would_run_is_linted_and_exported_inert(cell: str, tmp_path: Path) -> None:
    from pipeline.glossary import load
    from pipeline.glossary_tools import export_csv, lint

    path = tmp_path / "glossary.csv"
    quoted = '"' + cell.replace('"', '""') + '"'
    path.write_text(f"fr,en,note,dnt,case,status\nsouveraineté,{quoted},{quoted},,,approved\n", encoding="utf-8")
    findings = lint(path, ["en"], ["La souveraineté."])
    assert [(f.line, f.severity) for f in findings] == [(2, "warning"), (2, "warning")]
    assert "spreadsheet" in findings[0].message
    exported = export_csv(load(path, ["en"]), "en").splitlines()[1]
    assert exported.startswith("souveraineté,") and f",\"'{cell[0]}" in exported or f",'{cell[0]}" in exported
    assert ",=" not in exported and ",+" not in exported and ",-" not in exported and ",@" not in exported


NESTED = {
    "blockquotes 20 deep": "> " * 20 + "Texte au fond des citations.\n",
    "lists 10 deep": "".join("  " * i + f"- Point {i}\n" for i in range(9)) + "  " * 9 + "- Texte au fond des listes.\n",
    "lists 40 deep": "".join("  " * i + f"- Point {i}\n" for i in range(39)) + "  " * 39 + "- Texte au fond des listes.\n",
}


@pytest.mark.parametrize("case", sorted(NESTED))
def test_deeply_nested_text_is_segmented_and_published(case: str) -> None:
    from pipeline.locales import language
    from pipeline.page import render_page

    text = "Intro.\n\n" + NESTED[case]
    deepest = segment(text, "doc.fr.md")[-1].text
    assert deepest.startswith("Texte au fond des")
    assert deepest in render_page(text, language("en"))


@pytest.mark.parametrize("depth", [100, 400])
def test_nesting_past_the_parser_limit_is_an_error_naming_the_line(depth: int, project: Path, run,
                                                                   monkeypatch) -> None:
    monkeypatch.chdir(project)
    source = project / "source" / "dossier.fr.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + "> " * depth + "Perdu ?\n", encoding="utf-8")
    line = source.read_text(encoding="utf-8").count("\n")
    before = snapshot(project)
    code, _, err = run("run", "--no-translate")
    assert (code, err.count("\n")) == (1, 1), err
    assert err.startswith(f"error: source/dossier.fr.md:{line}: blockquotes and lists nested deeper than 100 levels")
    assert snapshot(project) == before
