"""Review from the command line: check, stats and the report, memory import/export, publish gates."""
from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from pipeline.review import CHECKS

PO_EN = "locales/en/LC_MESSAGES/dossier.po"
LINK = "Source : [INSEE](#)"


def _edit(project: Path, done: dict[str, str], flags: dict[str, list[str]] | None = None) -> None:
    path = project / PO_EN
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in done:
            entry.msgstr = done[entry.msgid]
            entry.flags = (flags or {}).get(entry.msgid, [])
    po.save(str(path))


@pytest.mark.usefixtures("ran")
def test_check_reports_file_line_check_and_exit_code(project: Path, run) -> None:
    _edit(project, {LINK: "Source: [INSEE](https://insee.fr)", "SOMMAIRE": "CONTENTS"})
    code, out, err = run("check", "--lang", "en")
    assert code == 1
    assert f"{PO_EN}:" in out and ": error: markup: 'Source : [INSEE](#)': " in out
    assert "2 errors, 0 warnings" in err  # the link's destination is missing, another one appeared
    data = json.loads(run("check", "--lang", "en", "--format", "json")[1])
    assert {(d["check"], d["severity"], d["msgid"]) for d in data} == {("markup", "error", LINK)}
    _edit(project, {LINK: "Source: [INSEE](https://insee.fr)"}, {LINK: ["no-check-markup"]})
    code, out, err = run("check", "--lang", "en")
    assert code == 0 and out == "" and "0 errors, 0 warnings" in err


@pytest.mark.usefixtures("ran")
def test_fail_on_qa_errors_blocks_only_the_language_with_errors(project: Path, run) -> None:
    _edit(project, {LINK: "Source: [INSEE](https://insee.fr)"})
    for lang in ("en", "de"):
        (project / f"build/{lang}/dossier.md").unlink()
    code, _, err = run("build", "--fail-on-qa-errors")
    assert code == 1
    assert f"error: build/en/dossier.md: not released: 1 entries with QA errors block it: {PO_EN}:" in err
    assert "(markup); see `pipeline check --lang en`" in err
    assert "not released in English" in (project / "build/en/dossier.md").read_text(encoding="utf-8")
    assert (project / "build/de/dossier.md").exists()


@pytest.mark.usefixtures("ran")
def test_stats_and_report_page(project: Path, run) -> None:
    _edit(project, {"SOMMAIRE": "CONTENTS", "PAGE 4": "P. 4"}, {"PAGE 4": ["fuzzy"]})  # a page number stays a digit
    code, out, _ = run("stats", "--json", "--lang", "en")
    assert code == 0
    (stats,) = json.loads(out)
    assert stats["entries"] == {"reviewed": 1, "machine": 0, "memory": 0, "fuzzy": 1, "untranslated": 279}
    assert stats["words"]["reviewed"] == 1 and stats["errors"] == 0
    assert list(stats["checks"]) == list(CHECKS) and sum(stats["checks"].values()) == stats["warnings"]
    assert run("check", "--lang", "en")[0] == 0
    page = (project / "build/report.html").read_text(encoding="utf-8")
    assert '<tr data-lang="en" data-document="dossier" data-reviewed="0.0" data-errors="0"' in page
    code, out, _ = run("stats")
    assert out.splitlines()[1].startswith("en       dossier          281      1   0.4%")


@pytest.mark.usefixtures("ran")
def test_per_check_counts_in_stats_and_report(project: Path, run) -> None:
    _edit(project, {"SOMMAIRE": "CONTENTS OF OF THE DOSSIER", LINK: "Source: [INSEE](https://insee.fr)"})
    (stats,) = json.loads(run("stats", "--json", "--lang", "en")[1])
    assert stats["checks"]["doubled-words"] == 1 and stats["checks"]["markup"] == 2 and stats["errors"] == 2
    page = (project / "build/report.html").read_text(encoding="utf-8")
    assert '<tr data-qa-lang="en" data-qa-document="dossier">' in page
    assert '<td class="num" data-check="doubled-words">1</td>' in page


@pytest.mark.usefixtures("ran")
def test_memory_round_trip_through_tmx_fills_another_project(project: Path, run, tmp_path: Path) -> None:
    _edit(project, {"SOMMAIRE": "CONTENTS"})
    tmx = tmp_path / "memory.tmx"
    assert run("tm", "export", "-o", str(tmx))[0] == 0
    assert "<seg>CONTENTS</seg>" in tmx.read_text(encoding="utf-8")
    _edit(project, {"SOMMAIRE": ""})
    code, _, err = run("tm", "import", str(tmx))
    assert code == 0 and "locales/memory.tmx: 1 new units from memory.tmx (1 in all)" in err
    code, _, err = run("translate", "--lang", "en")
    assert code == 0 and "en: 1 drafts from the translation memory" in err
    entry = polib.pofile(str(project / PO_EN)).find("SOMMAIRE")
    assert entry.msgstr == "CONTENTS" and entry.fuzzy and "memory: exact match from memory.tmx" in entry.tcomment


def test_pseudo_locale_from_run_without_any_engine(project: Path, run) -> None:
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(text.replace('targets = ["en", "de", "ar"]', 'targets = ["qps-ploc"]'),
                                            encoding="utf-8")
    code, _, err = run("run")
    assert code == 0 and "qps-ploc: 281 machine drafts by pseudo (qps-ploc)" in err
    html = (project / "build/qps-ploc/dossier.html").read_text(encoding="utf-8")
    assert '<html lang="qps-ploc" dir="ltr">' in html and "［" in html
    code, out, _ = run("check")
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert errors == [], errors[:3]


def _spy(monkeypatch, name: str = "length") -> list[str]:
    """Records the msgstr of every entry the `name` check reads."""
    from pipeline.checks import Check
    seen: list[str] = []
    check = CHECKS[name]

    def spy(msgid: str, msgstr: str, lang: str, context: object) -> list[str]:
        seen.append(msgstr)
        return check.function(msgid, msgstr, lang, context)  # type: ignore[arg-type]
    monkeypatch.setitem(CHECKS, name, Check(spy, check.severity, check.description))
    return seen


def test_check_keeps_findings_and_checks_again_only_what_changed(project: Path, run, monkeypatch) -> None:
    assert run("run")[0] == 0
    _edit(project, {LINK: "Source: [INSEE](https://insee.fr)", "SOMMAIRE": "CONTENTS", "PAGE 4": "PAGE 4 4"})
    first = run("check", "--lang", "en", "--format", "json")
    assert (project / "build/.qa-findings.json").exists() and (project / "build/.tool-answers.json").exists()
    seen = _spy(monkeypatch)
    assert run("check", "--lang", "en", "--format", "json") == first and seen == []  # all remembered
    _edit(project, {LINK: "Source: [INSEE](https://insee.fr)", "SOMMAIRE": "SUMMARY", "PAGE 4": "PAGE 4 4"})
    run("check", "--lang", "en")
    assert seen == ["SUMMARY"]  # the edited entry alone
    seen.clear()
    glossary = project / "glossary.csv"
    glossary.write_text("fr,en,note,dnt,case,status\nsommaire,contents,,,,approved\n", encoding="utf-8")  # a new approved term
    code, out, _ = run("check", "--lang", "en")
    assert sorted(seen) == ["PAGE 4 4", "SUMMARY", "Source: [INSEE](https://insee.fr)"]
    assert "glossary: sommaire should be contents" in out  # the glossary's change shows at once
    seen.clear()
    from pipeline import spelling
    monkeypatch.setattr(spelling, "fingerprint", lambda: "another dictionary")
    run("check", "--lang", "en")
    assert len(seen) == 3  # an upgraded dictionary makes every finding stale


def test_kept_answers_of_another_dictionary_are_not_read() -> None:
    from pipeline import morphology, spelling
    spelling.recall({"/usr/share/hunspell/en_GB.dic 1 2": {"zzqx": []}})
    assert "zzqx" not in spelling._ANSWERS.get("en", {})
    morphology.recall({"/usr/share/apertium/x.automorf.bin 1 2 /usr/bin/lt-proc 3 4": {"texte": "^texte/*texte$"}})
    assert not any("x.automorf.bin" in source for source in morphology._ANSWERS)


def test_damaged_caches_are_rebuilt(project: Path, run) -> None:
    assert run("run")[0] == 0
    _edit(project, {"SOMMAIRE": "CONTENTS CONTENTS"})
    first = run("check", "--lang", "en")
    for name in (".qa-findings.json", ".tool-answers.json"):
        (project / "build" / name).write_text('{"format": 1, "catalogues": [', encoding="utf-8")
    assert run("check", "--lang", "en") == first
    assert json.loads((project / "build/.qa-findings.json").read_text(encoding="utf-8"))["format"] == 1


def test_words_txt_accepts_its_words_and_names_a_line_that_is_not_one_word(project: Path, run) -> None:
    assert run("run")[0] == 0
    _edit(project, {"SOMMAIRE": "Sommaryx"})
    spelling = [d for d in json.loads(run("check", "--lang", "en", "--format", "json")[1]) if d["check"] == "spelling"]
    assert [d["message"].split(";")[0] for d in spelling] == ["not in the en_GB dictionary: Sommaryx"]
    words = project / "locales/en/words.txt"
    words.write_text("# accepted in English\nsommaryx  # our own word\n\n", encoding="utf-8")
    assert not [d for d in json.loads(run("check", "--lang", "en", "--format", "json")[1]) if d["check"] == "spelling"]
    words.write_text("# accepted in English\nsommaryx\nin two words\n", encoding="utf-8")
    code, out, err = run("check", "--lang", "en")
    assert (code, out, err.count("\n")) == (1, "", 1)
    assert err.startswith("error: ") and "words.txt:3: 'in two words' is not one word" in err


def test_kept_answers_survive_a_check_of_one_edited_entry(project: Path, run, monkeypatch) -> None:
    from pipeline import spelling
    assert run("run")[0] == 0
    _edit(project, {"SOMMAIRE": "CONTENTS", LINK: "Source: [INSEE](#)"})
    run("check", "--lang", "en")
    answers = project / "build/.tool-answers.json"
    english = next(said for source, said in json.loads(answers.read_text(encoding="utf-8"))["hunspell"].items()
                   if "en_GB" in source)
    assert {"CONTENTS", "Source", "INSEE"} <= set(english)
    _edit(project, {"SOMMAIRE": "SUMMARY", LINK: "Source: [INSEE](#)"})
    monkeypatch.setattr(spelling, "_ANSWERS", {})  # as in a new process: what hunspell said is in the file
    monkeypatch.setattr(spelling, "_USED", {})
    run("check", "--lang", "en")  # asks hunspell about SUMMARY alone
    english = next(said for source, said in json.loads(answers.read_text(encoding="utf-8"))["hunspell"].items()
                   if "en_GB" in source)
    assert {"CONTENTS", "SUMMARY", "Source", "INSEE"} <= set(english)


@pytest.mark.usefixtures("ran")
def test_the_garbage_collector_waits_while_qa_checks_and_collects_again_after(project: Path, run, monkeypatch) -> None:
    import gc
    from pipeline.checks import Check
    during: list[bool] = []
    check = CHECKS["spelling"]

    def spy(msgid: str, msgstr: str, lang: str, context: object) -> list[str]:
        during.append(gc.isenabled())
        return check.function(msgid, msgstr, lang, context)  # type: ignore[arg-type]
    monkeypatch.setitem(CHECKS, "spelling", Check(spy, check.severity, check.description, check.tools))
    _edit(project, {"SOMMAIRE": "CONTENTS"})
    assert gc.isenabled()
    assert run("check", "--lang", "en")[0] == 0
    assert during == [False] and gc.isenabled()  # the edited entry, checked without the collector; it is back
