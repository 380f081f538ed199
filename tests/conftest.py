"""Shared fixtures: a temporary project tree, a CLI runner, a pseudo-translator."""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from pipeline import cli
from pipeline.engines.apertium import ApertiumEngine

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
DOSSIER = ROOT / "source" / "dossier.fr.md"
BUILDER = ROOT / "tools" / "build_test_model.py"
CORPUS = DATA / "argos" / "corpus.txt"
PAIRS = {"fr_en": ("fr", "en"), "en_de": ("en", "de"), "fr_en_again": ("fr", "en")}

PYPROJECT = """\
[project]
name = "demo"
version = "1.0"

[tool.pipeline]
source_language = "fr"
sources = ["source/*.md"]
targets = ["en", "de", "ar"]

[tool.pipeline.engines]
default = []
"""

# Markup that a translation must carry over untouched: link destinations and reference
# labels, autolinks and HTML tags, code spans, entities, backslash escapes, bare URLs, and
# attribute lists after a link, image or code span.
_MARKUP = re.compile(r"(?<=[)\]`])\{[^{}\n]*\}|\]\([^)]*\)|\]\[[^\]]*\]|<[^>\n]*>|(`+).*?\1|&#?\w+;|\\.|https?://\S+"
                     r"|\[[^\[\]]*\](?:\[\])?(?![(\[:])")  # collapsed and shortcut references: the label is a key
_ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")


def pseudo(text: str) -> str:
    """A pseudo-translation: every letter outside markup changed, markup kept, a little longer."""
    out, last = [], 0
    for m in _MARKUP.finditer(text):
        out += [text[last:m.start()].translate(_ACCENTS), m.group()]
        last = m.end()
    out.append(text[last:].translate(_ACCENTS))
    return "".join(out) + " ~"


def make_project(root: Path) -> Path:
    """A project tree at root with the dossier as its only source and three target languages."""
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    shutil.copy(DOSSIER, root / "source" / "dossier.fr.md")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project tree with the dossier as its only source and three target languages."""
    return make_project(tmp_path)


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """A directory that make() fills once per session: with pytest-xdist, whichever worker asks first makes it
    for all of them (the others wait on a lock), in the session's directory that they share."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / name
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / f"{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (base / f"{name}.done").touch()
    return folder


def _first_run(root: Path) -> None:
    make_project(root)
    assert cli.main(["-C", str(root), "run"]) == 0


@pytest.fixture(scope="session")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project tree after its first `pipeline run`, made once per session (read only: `ran` copies it)."""
    return made_once(tmp_path_factory, "first-run", _first_run)


@pytest.fixture
def ran(project: Path, first_run: Path) -> Path:
    """`project` as its first `pipeline run` left it (catalogues, documents, the run's state), copied, not run again."""
    for name in ("locales", "build"):
        shutil.copytree(first_run / name, project / name)
    return project


@pytest.fixture
def run(project: Path, capsys: pytest.CaptureFixture[str]):
    """Run `pipeline -C project ARGS...`; returns (exit code, stdout, stderr)."""
    def _run(*args: str) -> tuple[int, str, str]:
        code = cli.main(["-C", str(project), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return _run


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes, to assert that nothing changed (the run cache's state and
    remembered review sections aside)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".pipeline-state.json" and ".pipeline-sections" not in p.parts}


@pytest.fixture(scope="session")
def argos_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny real Argos packages built once per session by tools/build_test_model.py.

    Their constructed weights copy the input, so a correct engine returns it unchanged.
    One child process builds all three: ctranslate2.specs imports torch (~1 s) once.
    """
    def build(out: Path) -> None:
        argvs = [["--from", src, "--to", tgt, "--version", "1.0", "-o", str(out / f"{key}.argosmodel")]
                 for key, (src, tgt) in PAIRS.items()]
        code = (f"import runpy; build = runpy.run_path({str(BUILDER)!r})['main']\n"
                f"for argv in {argvs!r}: build(argv)\n")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr

    out = made_once(tmp_path_factory, "argosmodels", build)
    return {key: out / f"{key}.argosmodel" for key in PAIRS}


class Draft(NamedTuple):
    """One text's draft and what the engine reported about it."""
    text: str
    unknown: list[str]
    pivot: list[str]
    route: tuple[str, ...]


_BATCHES: dict[tuple[Callable[[], ApertiumEngine], str], set[str]] = {}


def batched(engine: Callable[[], ApertiumEngine], cases: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """parametrize's `cases` (target, text, ...) as given; each text also goes in the batch that `drafts` sends
    to its target through an engine from `engine()`."""
    for target, text, *_ in cases:
        _BATCHES.setdefault((engine, target), set()).add(text)
    return cases


@pytest.fixture(scope="session")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Callable[[], ApertiumEngine], str, str], Draft]:
    """drafts(engine, target, text): the text's draft from ONE real translate call over every text that `batched`
    cases send through that engine to that target, made once per session on first request (with pytest-xdist, by
    whichever worker asks first, made_once), as the pipeline sends a catalogue: the engine's passes, mends and
    per-sentence choice run on each text of the batch, and each case asserts on its own text's draft."""
    done: dict[tuple[Callable[[], ApertiumEngine], str], dict[str, Draft]] = {}

    def draft(engine: Callable[[], ApertiumEngine], target: str, text: str) -> Draft:
        key = (engine, target)
        if key not in done:
            texts = sorted(_BATCHES[key])

            def translate(out: Path) -> None:
                made = engine()
                drafted = made.translate(texts, "fr", target)
                found = [drafted, made.last_unknown, made.last_pivot, made.last_routes]
                assert all(len(column) == len(texts) for column in found)
                (out / "drafts.json").write_text(json.dumps(found), encoding="utf-8")

            folder = made_once(tmp_path_factory, f"drafts-{engine.__module__}.{engine.__qualname__}-{target}", translate)
            columns = json.loads((folder / "drafts.json").read_text(encoding="utf-8"))
            done[key] = {t: Draft(o, u, p, tuple(r)) for t, o, u, p, r in zip(texts, *columns)}
        return done[key][text]
    return draft


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long end-to-end tests (marked slow) first: with pytest-xdist none is left running alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
