"""A person's save during a run is never lost, and runs on one tree never trample each other."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from pipeline.config import load
from pipeline.project import writer
from pipeline.project.lock import exclusive
from tests.conftest import ROOT, snapshot

PO_EN = "locales/en/LC_MESSAGES/dossier.po"


def _poedit_save(path: Path, count: int, offset: int = 0) -> dict[str, str]:
    """Save `path` as Poedit would: `count` entries translated and reviewed, its own header fields,
    its own line wrapping.  Returns msgid -> translation."""
    po = polib.pofile(str(path), wrapwidth=79)
    done = {}
    for entry in [e for e in po if not e.obsolete and e.msgid][offset:offset + count]:
        entry.msgstr = f"Reviewed {len(done)}: {entry.msgid[:30]}"
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        done[entry.msgid] = entry.msgstr
    po.metadata["Last-Translator"] = "Jane Doe <jane@example.org>"
    po.metadata["X-Generator"] = "Poedit 3.4"
    po.wrapwidth = 77  # msgcat-style wrapping at another width: every long entry's lines move
    po.save(str(path))
    return done


def _assert_kept(path: Path, done: dict[str, str]) -> None:
    po = polib.pofile(str(path))
    for msgid, msgstr in done.items():
        entry = po.find(msgid)
        assert entry is not None and entry.msgstr == msgstr and not entry.fuzzy, msgid


@pytest.mark.usefixtures("ran")
@pytest.mark.parametrize("command", ["run", "update"])
def test_a_translator_save_during_a_run_survives_with_its_state(command: str, project: Path, run,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    source = project / "source" / "dossier.fr.md"
    source.write_text(source.read_text(encoding="utf-8").replace("SOMMAIRE", "TABLE DES MATIÈRES"), encoding="utf-8")
    if command == "update":
        assert run("extract")[0] == 0
    saved: dict[str, str] = {}

    def save_once(path: Path) -> None:
        if path.name == "dossier.po" and path.parent.parent.name == "en" and not saved:
            saved.update(_poedit_save(path, 10))

    monkeypatch.setattr(writer, "saving_window", save_once)
    code, _, err = run(command)
    assert code == 0, err
    assert len(saved) == 10
    assert f"{PO_EN}: saved by someone during this run: their 10 edited entries kept" in err
    _assert_kept(project / PO_EN, saved)
    po = polib.pofile(str(project / PO_EN))
    assert po.metadata["Last-Translator"] == "Jane Doe <jane@example.org>"
    assert po.find("TABLE DES MATIÈRES") is not None  # the run's own work is there too
    monkeypatch.setattr(writer, "saving_window", lambda path: None)
    assert run("run")[0] == 0
    _assert_kept(project / PO_EN, saved)


@pytest.mark.usefixtures("ran")
def test_a_save_that_cannot_be_read_is_left_as_saved(project: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    source = project / "source" / "dossier.fr.md"
    source.write_text(source.read_text(encoding="utf-8").replace("SOMMAIRE", "TABLE DES MATIÈRES"), encoding="utf-8")
    broken = 'msgid "SOMMAIRE"\nmsgstr "CONTENTS\n'

    def save_broken(path: Path) -> None:
        if path == project / PO_EN:
            path.write_text(broken, encoding="utf-8")

    monkeypatch.setattr(writer, "saving_window", save_broken)
    code, _, err = run("run")
    assert code == 1
    assert f"error: {PO_EN}: saved by someone during this run and cannot be read: line 2:" in err
    assert (project / PO_EN).read_text(encoding="utf-8") == broken
    assert "TABLE DES MATIÈRES" in (project / "locales/de/LC_MESSAGES/dossier.po").read_text(encoding="utf-8")


def test_a_memory_import_keeps_units_saved_meanwhile(project: Path, run, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def tmx(source: str, target: str) -> str:
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fr"/><body>'
                f'<tu><tuv xml:lang="fr"><seg>{source}</seg></tuv><tuv xml:lang="en"><seg>{target}</seg></tuv></tu>'
                "</body></tmx>\n")
    (tmp_path / "in.tmx").write_text(tmx("Bonjour", "Hello"), encoding="utf-8")
    memory = project / "locales" / "memory.tmx"
    calls = []

    def save_once(path: Path) -> None:
        if path == memory and not calls:
            calls.append(path)
            memory.parent.mkdir(parents=True, exist_ok=True)
            memory.write_text(tmx("Merci", "Thanks"), encoding="utf-8")

    monkeypatch.setattr(writer, "saving_window", save_once)
    code, _, err = run("tm", "import", str(tmp_path / "in.tmx"))
    assert code == 0, err
    text = memory.read_text(encoding="utf-8")
    assert "Thanks" in text and "Hello" in text


def _pipeline(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "-C", str(project), *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_run_waits_for_the_first_or_refuses_with_no_wait(project: Path) -> None:
    config = load(project)
    with exclusive(config):
        refused = _pipeline(project, "run", "--no-wait")
        out, err = refused.communicate(timeout=120)
        assert refused.returncode == 1
        assert err == f"error: {project}: another pipeline command is writing this project; run again when it " \
                      "is done, or without --no-wait to wait for it\n"
        assert not (project / PO_EN).exists()
        waiting = _pipeline(project, "run")
        assert waiting.stderr is not None
        first = waiting.stderr.readline()
        assert first == f"waiting for another pipeline command writing this project ({project}) to finish\n"
        assert waiting.poll() is None and not (project / PO_EN).exists()
    assert waiting.wait(timeout=120) == 0
    assert (project / PO_EN).is_file()


def test_two_runs_started_together_give_the_result_of_one(project: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / "source").mkdir()
    (twin / "pyproject.toml").write_bytes((project / "pyproject.toml").read_bytes())
    (twin / "source" / "dossier.fr.md").write_bytes((project / "source" / "dossier.fr.md").read_bytes())
    runs = [_pipeline(project, "-q", "run"), _pipeline(project, "-q", "run")]
    assert [r.wait(timeout=300) for r in runs] == [0, 0]
    assert _pipeline(twin, "-q", "run").wait(timeout=300) == 0
    ours = {k: v for k, v in snapshot(project).items() if not k.startswith("twin/")}
    assert ours == snapshot(twin)


def test_a_run_killed_holding_the_lock_does_not_block_the_next(project: Path, run) -> None:
    code = ("import os, signal; from pathlib import Path; from pipeline.config import load; "
            "from pipeline.project.lock import exclusive\n"
            f"with exclusive(load(Path({str(project)!r}))): os.kill(os.getpid(), signal.SIGKILL)\n")
    killed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    stale = project / "locales" / ".dossier.pot.x1y2z3.tmp"  # what a write killed midway leaves
    stale.parent.mkdir(exist_ok=True)
    stale.write_text("half a templ", encoding="utf-8")
    code_, _, err = run("run", "--no-wait")
    assert code_ == 0, err
    assert not stale.exists()


@pytest.mark.usefixtures("ran")
def test_a_read_only_catalogue_is_respected(project: Path, run) -> None:
    source = project / "source" / "dossier.fr.md"
    source.write_text(source.read_text(encoding="utf-8").replace("SOMMAIRE", "TABLE DES MATIÈRES"), encoding="utf-8")
    os.chmod(project / PO_EN, 0o444)
    before = snapshot(project)
    code, _, err = run("run")
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1
    assert err.endswith(f"{PO_EN}: is read-only; nothing was written (make it writable to let the pipeline update it)\n")
    assert snapshot(project) == before


@pytest.mark.slow
def test_randomized_edit_and_run_cycles_with_saves_during_runs_lose_no_translation(
        project: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Source edits, translator edits before runs and saves in the middle of runs, at random (seeded)."""
    rng = random.Random(20261201)
    source = project / "source" / "dossier.fr.md"
    paragraphs = source.read_text(encoding="utf-8").split("\n\n")
    assert run("-q", "run")[0] == 0
    written: dict[str, str] = {}  # msgid -> the translator's latest text
    saves_during_runs = 0
    for cycle in range(12):
        for _ in range(3):  # the author edits, deletes and adds paragraphs
            i = rng.randrange(len(paragraphs))
            action = rng.choice(["edit", "delete", "add"])
            if action == "edit":
                paragraphs[i] = paragraphs[i] + f" (rév. {cycle})"
            elif action == "delete" and len(paragraphs) > 20:
                paragraphs.pop(i)
            else:
                paragraphs.insert(i, f"Paragraphe ajouté {cycle}-{i}.")
        source.write_text("\n\n".join(paragraphs), encoding="utf-8")
        during = rng.random() < 0.5
        offset = rng.randrange(200)
        if not during:
            written.update(_poedit_save(project / PO_EN, 5, offset))

        def save(path: Path, offset: int = offset, during: bool = during) -> None:
            if during and path == project / PO_EN and not save.done:  # type: ignore[attr-defined]
                save.done = True  # type: ignore[attr-defined]
                written.update(_poedit_save(path, 5, offset))

        save.done = False  # type: ignore[attr-defined]
        monkeypatch.setattr(writer, "saving_window", save)
        assert run("-q", "run")[0] == 0
        saves_during_runs += save.done  # type: ignore[attr-defined]
        po = polib.pofile(str(project / PO_EN))
        texts = {e.msgstr for e in po} | {e.msgstr for e in po.obsolete_entries()}
        lost = [m for m, t in written.items() if t not in texts]
        assert not lost, (cycle, lost[:3])
    assert len(written) >= 40 and saves_during_runs >= 3


def _po(*entries: polib.POEntry, **meta: str) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Language": "en", **meta}
    for e in entries:
        po.append(e)
    return po


@pytest.mark.parametrize("theirs, ours, expected", [
    # (what the person saved, what the run made, what is written) for msgid "A", read as msgstr "" fuzzy-free
    (("Hello", []), ("Draft", ["fuzzy"]), ("Hello", [])),            # they translated: theirs
    (("", []), ("Draft", ["fuzzy"]), ("Draft", ["fuzzy"])),          # they left it: the run's draft
    (("Old", ["fuzzy"]), ("", []), ("Old", ["fuzzy"])),              # they marked it fuzzy: theirs, state too
], ids=["translated", "untouched", "marked-fuzzy"])
def test_reconcile_keeps_what_the_person_changed(theirs: tuple[str, list[str]], ours: tuple[str, list[str]],
                                                 expected: tuple[str, list[str]]) -> None:
    from pipeline.reconcile import reconcile
    base = _po(polib.POEntry(msgid="A", msgstr=""), polib.POEntry(msgid="Gone", msgstr=""))
    saved = _po(polib.POEntry(msgid="A", msgstr=theirs[0], flags=theirs[1]),
                polib.POEntry(msgid="Gone", msgstr="Parti", tcomment="mine"), **{"Last-Translator": "Jane"})
    made = _po(polib.POEntry(msgid="A", msgstr=ours[0], flags=ours[1]), polib.POEntry(msgid="New", msgstr=""))
    result = reconcile(base, made, saved).catalog
    entry = result.find("A")
    assert (entry.msgstr, entry.flags) == expected
    gone = [e for e in result if e.msgid == "Gone"]
    assert len(gone) == 1 and gone[0].obsolete and gone[0].msgstr == "Parti" and gone[0].tcomment == "mine"
    assert result.find("New") is not None and result.metadata["Last-Translator"] == "Jane"
