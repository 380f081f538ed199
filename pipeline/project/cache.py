"""What a run can skip: a `run` whose every input and output is as the last successful run left them.

The state (build/.pipeline-state.json, next to the outputs it describes) holds
a fingerprint of what is not a file (configuration, options, the pipeline's
own code, the installed engines, models and dictionaries) and the SHA-256 of
every file the run read or wrote.  When all of them match, the outputs are
byte-identical to what a full run would write again, so the run returns the
last result without reading, merging, checking or rendering anything.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import pipeline
from pipeline.config import Config
from pipeline.fileio import write_text
from pipeline.project.inputs import Document
from pipeline.project.publish import Built
from pipeline.translate import Report

STATE = ".pipeline-state.json"
_FORMAT = 1
_HUNSPELL = Path("/usr/share/hunspell")  # the dictionaries QA reads


def state_path(config: Config) -> Path:
    return config.root / config.build_dir / STATE


def fingerprint(config: Config, langs: Sequence[str], machine: bool, tm: Sequence[Path]) -> str:
    """Everything but the project's files that decides what a run writes."""
    code = Path(pipeline.__file__).parent
    parts = [f"format {_FORMAT}", repr(dataclasses.replace(config, root=Path("."))), repr(list(langs)),
             repr(machine), *(f"tm {p} {_digest(p)}" for p in tm)]
    parts += [f"{p.relative_to(code)} {_digest(p)}" for p in sorted(code.rglob("*"))  # the code and its own strings
              if p.suffix in (".py", ".po", ".pot")]
    from pipeline.engines.argos_models import default_models_dir

    apertium = Path(os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium")) / "modes"  # as the engines read it
    for folder in [apertium, _HUNSPELL, config.models_path() or default_models_dir()]:
        parts += [f"{p} {p.stat().st_mtime_ns} {p.stat().st_size}" for p in _listing(folder)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def unchanged(config: Config, key: str) -> dict[str, object] | None:
    """The last result, if the state says nothing changed since; else None."""
    try:
        state = json.loads(state_path(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("key") != key:
        return None
    files, inputs = state.get("files"), state.get("inputs")
    if not isinstance(files, dict) or inputs != sorted(config.relative(p) for p in _project_files(config)):
        return None  # a source document or catalogue appeared or went away
    if any(_digest(config.root / name) != digest for name, digest in files.items()):
        return None
    result = state.get("result")
    return result if isinstance(result, dict) else None


def inputs_now(config: Config) -> dict[str, str]:
    """The digest of every project file a run reads, taken before it reads them."""
    return {config.relative(p): _digest(p) for p in _project_files(config)}


def remember(config: Config, key: str, before: dict[str, str], outputs: dict[Path, str], reports: Iterable[Report],
             built: Iterable[Built], refused: list[str]) -> None:
    """Record a successful run: its key, the digest of every file it read (as it read it) or wrote (as it
    wrote it), and what it reported."""
    files = dict(before)
    files.update({config.relative(p): hashlib.sha256(text.encode("utf-8")).hexdigest() for p, text in outputs.items()})
    inputs = sorted(config.relative(p) for p in _project_files(config))  # the catalogues a first run created too
    files.update({name: _digest(config.root / name) for name in inputs if name not in files})
    state = {"key": key, "inputs": inputs,
             "files": dict(sorted(files.items())),
             # what a rerun would report: no new drafts, the same languages left without an engine
             "result": {"reports": [{"lang": r.lang, "unavailable": r.unavailable} for r in reports],
                        "built": [[b.lang, b.document.domain, b.translated, b.reviewed, b.total, list(b.escaped)]
                                  for b in built],
                        "refused": refused}}
    write_text(state_path(config), json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def replay(config: Config, result: dict[str, object]) -> tuple[list[Report], list[Built], list[str]]:
    """The reports, build summaries and refusals of the remembered run."""
    reports = [Report(**r) for r in result["reports"]]  # type: ignore[attr-defined]
    built = [Built(lang, Document(config.root, domain, "", []), translated, reviewed, total, {},
                   escaped=tuple(escaped))
             for lang, domain, translated, reviewed, total, escaped in result["built"]]  # type: ignore[attr-defined]
    return reports, built, list(result["refused"])  # type: ignore[call-overload]


def _project_files(config: Config) -> list[Path]:
    """The files a run reads that people edit: sources, glossary, memory, word lists, catalogues."""
    found = set(config.documents())
    locales = config.root / config.locales_dir
    found |= {p for p in locales.rglob("*") if p.is_file() and p.suffix in (".po", ".pot", ".tmx", ".txt")} \
        if locales.is_dir() else set()
    for name in ("pyproject.toml", config.glossary):
        if (config.root / name).is_file():
            found.add(config.root / name)
    return sorted(found)


def _listing(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"
