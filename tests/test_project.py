"""The project layer and the command line around it: results, exit codes, real PO lines, all-or-nothing runs."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import polib
import pytest

import pipeline.project as layer
from pipeline.project import commands
from tests.conftest import snapshot
from pipeline.catalog import Provenance, digest, dump, provenance, set_draft
from pipeline.config import load
from pipeline.engines import ENGINES, IdentityEngine, create
from pipeline.errors import ConfigError
from pipeline.memory import Memory, Unit
from pipeline.translate import translate_catalog

PO_EN = "locales/en/LC_MESSAGES/dossier.po"
LINK = "Source : [INSEE](#)"


def test_dump_numbers_entries_as_a_fresh_parse_would() -> None:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.header = "A header\nof two lines."
    po.append(polib.POEntry(msgid="Un", msgstr="One", comment="paragraph", occurrences=[("a.md", "1")]))
    po.append(polib.POEntry(msgid="Deux " * 30, msgstr="", msgctxt="ctx", flags=["fuzzy"], tcomment="a\nb"))
    po.append(polib.POEntry(msgid="Parti", msgstr="Gone", obsolete=True))
    po.append(polib.POEntry(msgid="Trois", msgstr="Three"))
    text = dump(po)
    expected = [(e.msgid, e.linenum) for e in polib.pofile(text)]
    assert sorted((e.msgid, e.linenum) for e in po) == sorted(expected)
    assert all(e.linenum for e in po)


def test_provenance_is_written_and_read_back_through_one_api() -> None:
    entry = polib.POEntry(msgid="Bonjour", msgstr="", tcomment="a translator's note")
    source = Provenance("machine", "apertium fr-es (apertium-fr-es 0.9.4-1)", ("markup '**' missing",),
                        ("aix", "marseille"), rules="1")
    set_draft(entry, "Hola", source)
    assert entry.fuzzy and entry.msgstr == "Hola"
    assert entry.tcomment.splitlines() == [
        "a translator's note", "machine translation: apertium fr-es (apertium-fr-es 0.9.4-1)",
        "mt problem: markup '**' missing", "mt unknown words: aix, marseille", f"draft: {digest('Hola')}, rules 1"]
    assert provenance(entry) == replace(source, draft=digest("Hola"))
    assert provenance(polib.POEntry(msgid="x", msgstr="y", tcomment="written by hand")) is None


def test_memory_fills_before_the_engine_in_the_translate_stage() -> None:
    class Counting(IdentityEngine):
        def translate(self, texts, source, target):  # type: ignore[no-untyped-def]
            self.seen = list(texts)
            return super().translate(texts, source, target)

    po = polib.POFile()
    po.append(polib.POEntry(msgid="Le port de Marseille.", msgstr=""))
    po.append(polib.POEntry(msgid="Une autre phrase.", msgstr=""))
    memory = Memory()
    memory.add(Unit("Le port de Marseille.", "The port of Marseille.", "en", "old.po"))
    engine = Counting()
    report = translate_catalog(po, "fr", "en", [engine], memory=memory)
    assert (report.memory, report.drafts) == (1, 1)
    assert engine.seen == ["Une autre phrase."]
    assert provenance(po[0]) == Provenance("memory", "exact match from old.po", draft=digest(po[0].msgstr))


def test_every_configured_engine_name_is_in_the_one_table(project: Path) -> None:
    config = load(project)
    assert set(ENGINES) == {"argos", "apertium", "identity", "pseudo"}
    with pytest.raises(ConfigError, match="valid engines: argos, apertium, identity, pseudo"):
        create("deepl", config)
    (project / "pyproject.toml").write_text((project / "pyproject.toml").read_text().replace(
        "default = []", 'default = ["deepl"]'), encoding="utf-8")
    with pytest.raises(ConfigError, match="argos, apertium, identity, pseudo"):
        load(project)


@pytest.mark.parametrize("args", [
    ("run", "--lang", "xx"),
    ("models", "install"),
    ("glossary", "export", "--format", "po"),
    ("check", "--lang", "fr"),
], ids=lambda a: " ".join(a))
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...], run) -> None:
    code, _, err = run(*args)
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1


@pytest.mark.usefixtures("ran")
def test_run_gate_names_the_real_po_line_of_a_merged_entry(project: Path, run) -> None:
    """Merged entries have no parse-time line: the gate must still name the line the PO file has."""
    path = project / PO_EN
    po = polib.pofile(str(path))
    po.find(LINK).msgstr = "Source: [INSEE](https://insee.fr)"
    po.save(str(path))
    code, _, err = run("run", "--fail-on-qa-errors", "--lang", "en")
    assert code == 1
    found = re.search(rf"{PO_EN}:(\d+) \(markup\)", err)
    assert found, err
    lines = path.read_text(encoding="utf-8").splitlines()
    entry_lines = lines[int(found.group(1)) - 1:]
    assert any(line == 'msgid "Source : [INSEE](#)"' for line in entry_lines[:6])
    assert "None" not in err


def test_run_writes_nothing_when_a_later_stage_fails(project: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(project)

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "translate_catalog", broken)
    code, _, err = run("run")
    assert code == 130 and "interrupted" in err
    assert snapshot(project) == before  # not even the templates, which were ready before translation


def test_commands_return_results_the_cli_only_prints(project: Path) -> None:
    config = load(project)
    result = layer.run(config, ["en", "de"])
    assert {p.relative_to(project).as_posix() for p in result.written} >= {
        "locales/dossier.pot", PO_EN, "build/en/dossier.html", "build/report.html"}
    assert [r.lang for r in result.reports] == ["en", "de"] and result.exit_code == 0
    assert layer.run(config, ["en", "de"]).written == []
    assert layer.check(config, ["en"]).issues == []
    stats = layer.stats(config, ["en"]).stats
    assert [(s.lang, s.entries["untranslated"]) for s in stats] == [("en", 281)]


def test_a_run_with_nothing_changed_reads_nothing_and_tells_the_same(project: Path, run,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, first = run("run")
    assert code == 0
    before = snapshot(project)

    def no_reading(config: object, *more: object) -> None:
        raise AssertionError("a no-op run read the sources")

    monkeypatch.setattr(commands.inputs, "documents", no_reading)
    code, _, again = run("run")
    assert code == 0 and snapshot(project) == before
    assert again.replace("nothing changed\n", "") == "".join(  # what a full rerun would say: no new drafts
        line for line in first.splitlines(True) if not line.startswith("wrote ") and "machine drafts" not in line)


@pytest.mark.usefixtures("ran")
@pytest.mark.parametrize("change", ["source", "catalogue", "glossary", "deleted output", "options"])
def test_any_change_redoes_the_run_and_matches_a_full_run(change: str, project: Path, run,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []
    documents = commands.inputs.documents
    monkeypatch.setattr(commands.inputs, "documents", lambda config, *more: reads.append(1) or documents(config, *more))
    args = ["run"]
    if change == "source":
        source = project / "source" / "dossier.fr.md"
        source.write_text(source.read_text(encoding="utf-8").replace("SOMMAIRE", "TABLE"), encoding="utf-8")
    elif change == "catalogue":
        po = polib.pofile(str(project / PO_EN))
        po.find("SOMMAIRE").msgstr = "CONTENTS"
        po.save(str(project / PO_EN))
    elif change == "glossary":
        (project / "glossary.csv").write_text("fr,en,de,ar,note,dnt,case,status\nsommaire,contents,,,,,,approved\n",
                                              encoding="utf-8")
    elif change == "deleted output":
        (project / "build/en/dossier.html").unlink()
    else:
        args += ["--release"]
    code, _, err = run(*args)
    assert code == 0 and reads, err  # the run was redone, not skipped
    cached = snapshot(project)
    (project / "build" / ".pipeline-state.json").unlink()
    assert run(*args)[0] == 0  # a full run, with no state to skip by
    assert snapshot(project) == cached
