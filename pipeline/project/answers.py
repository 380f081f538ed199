"""The language tools' answers kept between commands (build/.tool-answers.json): QA of unchanged words
and texts then starts no hunspell and no lt-proc.

Hunspell's answer for each word and lt-proc's reading of each text, under the
dictionary or analyser as installed (path, size and time of its files and of
the command), so that an upgraded or replaced dictionary is asked again.  The
glossary, the word lists and the catalogues are not in it: findings are made
from them afresh every time, so a changed glossary changes the findings at once.
A missing, unreadable or foreign file is ignored, and a failed write only loses
time.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pipeline import morphology, spelling
from pipeline.config import Config
from pipeline.fileio import write_text

NAME = ".tool-answers.json"
_FORMAT = 1


def recall(config: Config) -> None:
    """Hand the kept answers to the tools' memories, before QA asks them anything."""
    kept = _kept(config)
    spelling.recall(kept["hunspell"])
    morphology.recall(kept["lt-proc"])


def keep(config: Config, complete: bool) -> None:
    """Add what the tools said in this command to the file.  `complete`: the command read every entry
    afresh, so the dictionaries and analysers it used keep only its answers (those of replaced texts
    go); the others keep theirs."""
    table: dict[str, dict[str, Any]] = {"hunspell": spelling.answers(), "lt-proc": morphology.answers()}
    if not any(table.values()):
        return  # no tool was asked anything: the file is as it should be
    kept = _kept(config)
    for tool, said in table.items():
        for source, answers in kept[tool].items():
            said[source] = {**answers, **said[source]} if source in said and not complete else said.get(source, answers)
    text = json.dumps({"format": _FORMAT, **table}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        write_text(config.root / config.build_dir / NAME, text + "\n")
    except OSError:
        pass  # a read-only build directory: the next command asks the tools again


def _kept(config: Config) -> dict[str, dict[str, dict[str, Any]]]:
    """The file's answers per tool; none when it is missing, unreadable or not as `keep` writes it."""
    try:
        kept = json.loads((config.root / config.build_dir / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = None
    tools = {"hunspell": list, "lt-proc": str}
    if not isinstance(kept, dict) or kept.get("format") != _FORMAT \
            or not all(_table(kept.get(tool), kind) for tool, kind in tools.items()):
        return {tool: {} for tool in tools}
    return {tool: kept[tool] for tool in tools}


def _table(value: object, kind: type) -> bool:
    """{source: {key: kind}}, as `keep` writes it."""
    return isinstance(value, dict) and all(
        isinstance(said, Mapping) and all(isinstance(a, kind) for a in said.values()) for said in value.values())
