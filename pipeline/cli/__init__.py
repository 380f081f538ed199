"""The `pipeline` command: parses arguments, calls the project layer, prints; the only code that prints or exits.

    common.py  options, configuration overrides, how results are told
    stages.py  md2po, po2md, extract, update, translate, build, run
    tools.py   models, glossary, tm, check, stats
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import __version__
from pipeline.cli import stages, tools
from pipeline.errors import LocatedError, PipelineError, where


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; user mistakes become `error: ...` on stderr and exit 1 (2 for a bad command line)."""
    args = _parser().parse_args(argv)
    logging.basicConfig(format="warning: %(message)s", level=logging.ERROR if args.quiet else logging.WARNING)
    try:
        code: int = args.func(args)
        return code
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


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pipeline", description=(
        "Offline localisation of Markdown documents through gettext catalogues: "
        "source/*.md -> locales/<domain>.pot -> locales/<lang>/LC_MESSAGES/<domain>.po -> build/<lang>/."))
    p.add_argument("--version", action="version", version=f"pipeline {__version__}")
    p.add_argument("-C", "--root", type=Path, help="project directory (default: the nearest with a pyproject.toml)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    stages.add_commands(sub)
    tools.add_commands(sub)
    return p
