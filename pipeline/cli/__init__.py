"""The `pipeline` command: parses arguments, calls the project layer, prints; the only code that prints or exits.

    parser.py  every command's arguments; `--help` and `--version` import nothing else
    common.py  what the handlers share: configuration overrides, the lock, how results are told
    stages.py  md2po, po2md, extract, update, translate, build, run
    tools.py   models, glossary, tm, check, stats

A command's handler module (and with it the stages) is imported only when the command runs.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.cli import parser
from pipeline.errors import LocatedError, PipelineError, where


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; user mistakes become `error: ...` on stderr and exit 1 (2 for a bad command line)."""
    args = parser.build().parse_args(argv)
    logging.basicConfig(format="warning: %(message)s", level=logging.ERROR if args.quiet else logging.WARNING)
    try:
        return _handler(args.handler)(args)
    except PipelineError as exc:
        print(f"error: {_shown(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("error: interrupted; files already written are complete, the rest are unchanged", file=sys.stderr)
        return 130


def _shown(exc: PipelineError) -> str:
    """The message, with a file path inside the working directory shown relative to it."""
    if isinstance(exc, LocatedError):
        path = Path(exc.path)
        if path.is_absolute() and path.is_relative_to(Path.cwd()):
            return f"{where(path.relative_to(Path.cwd()).as_posix(), exc.line)}: {exc.message}"
    return str(exc)


def _handler(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs a command, "stages:run" -> pipeline.cli.stages.run, imported now."""
    module, function = name.split(":")
    found: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(f"pipeline.cli.{module}"), function)
    return found
