"""What the command handlers share: the configuration with its overrides, the lock, and how results are told."""
from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Config, find_root, load
from pipeline.errors import UsageError
from pipeline.project import tools
from pipeline.project.lock import exclusive

if TYPE_CHECKING:
    from pipeline.project.commands import Result

_OVERRIDES = ("include_fuzzy", "min_translated", "release", "min_reviewed", "fail_on_qa_errors")


@contextmanager
def locked(config: Config, args: argparse.Namespace) -> Iterator[None]:
    """The tree's lock for a command that writes: one such command at a time."""
    with exclusive(config, wait=not args.no_wait, notify=lambda line: say(args, line)):
        yield


def config_from(args: argparse.Namespace) -> Config:
    """The project configuration, with the command line's overrides."""
    root = (args.root or find_root(Path.cwd())).resolve()
    overrides = {k: getattr(args, k) for k in _OVERRIDES if getattr(args, k, None) is not None}
    return dataclasses.replace(load(root), **overrides)


def langs_from(config: Config, args: argparse.Namespace) -> list[str]:
    """The target languages chosen with --lang, all of them by default."""
    chosen: list[str] = args.lang or list(config.targets)
    unknown = [lang for lang in chosen if lang not in config.targets]
    if unknown:
        raise UsageError(f"--lang {unknown[0]}: not a target language; targets are {', '.join(config.targets)}")
    return chosen


def emit(text: str, output: Path | None) -> None:
    """A command's output to `output` (atomically), or to stdout."""
    if output is None:
        sys.stdout.write(text)
    else:
        tools.save(output, text)


def say(args: argparse.Namespace, line: str) -> None:
    """A progress line on stderr, unless --quiet."""
    if not args.quiet:
        print(line, file=sys.stderr)


def tell_written(config: Config, result: Result, args: argparse.Namespace) -> None:
    """`wrote PATH` for each file that changed, or `nothing changed`; catalogues a person saved meanwhile."""
    for path in result.written:
        say(args, f"wrote {config.relative(path)}")
    for path in result.removed:
        say(args, f"removed {config.relative(path)} (its source document is gone)")
    if not (result.written or result.removed):
        say(args, "nothing changed")
    for path, kept in sorted(result.merged.items()):
        say(args, f"{config.relative(path)}: saved by someone during this run: their {kept} edited entries kept, "
                  "this run's work merged in")
    for path, why in sorted(result.conflicts.items()):
        print(f"error: {config.relative(path)}: saved by someone during this run and {why}; left as they saved it, "
              "this run's changes to it are not written", file=sys.stderr)
