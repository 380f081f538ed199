"""The project layer: each command over a project tree, and the only code that writes files.

    inputs.py    read sources, templates, catalogues, glossary, memory (errors name file and line)
    commands.py  extract, update, translate, build, check, stats, run: Config -> Result
    publish.py   catalogues -> localised documents, and the publish gates
    localise.py  one document with a catalogue's translations (build and po2md)
    tools.py     md2po/po2md on single files, glossary, translation memory, Argos models

Stages (segment, catalog, translate, review, assemble) are pure; this layer
reads, sequences and writes; the command line (pipeline.cli) talks to people.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.project.commands import Progress, Result, build, check, extract, run, stats, translate, update

__all__ = ["Progress", "Result", "build", "check", "extract", "run", "stats", "translate", "update"]


def __getattr__(name: str) -> Any:
    """The commands, imported at first use: `pipeline md2po` needs only tools.py, not every stage."""
    if name in __all__:
        return getattr(importlib.import_module("pipeline.project.commands"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
