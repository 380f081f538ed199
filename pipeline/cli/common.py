"""What every command shares: options, the configuration with its overrides, and how results are told."""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from pipeline.config import Config, find_root, load
from pipeline.errors import UsageError
from pipeline.project import tools

_OVERRIDES = ("include_fuzzy", "min_translated", "release", "min_reviewed", "fail_on_qa_errors")


def lang_option(c: argparse.ArgumentParser) -> None:
    c.add_argument("--lang", action="append", metavar="LANG", help="only this target language (repeatable)")


def tm_option(c: argparse.ArgumentParser) -> None:
    c.add_argument("--tm", action="append", type=Path, metavar="FILE",
                   help="also take translations from this PO or TMX file (repeatable)")


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


def tell_written(config: Config, written: list[Path], args: argparse.Namespace) -> None:
    """`wrote PATH` for each file that changed, or `nothing changed`."""
    for path in written:
        say(args, f"wrote {config.relative(path)}")
    if not written:
        say(args, "nothing changed")
