"""The stage commands run: md2po, po2md, extract, update, translate, build, run (their arguments: parser.py)."""
from __future__ import annotations

import argparse
import sys
from typing import Any


from pipeline import project
from pipeline.cli.common import config_from, emit, langs_from, locked, say, tell_written
from pipeline.config import Config
from pipeline.project import tools

_SHOWN = 5  # places named in a warning; the rest are counted


def md2po(args: argparse.Namespace) -> int:
    emit(tools.md2po(config_from(args), args.source, args.output), args.output)
    return 0


def po2md(args: argparse.Namespace) -> int:
    text = tools.po2md(config_from(args), args.source, args.catalog, args.output, args.html, bool(args.include_fuzzy),
                       args.min_translated or 0.0)
    emit(text, args.output)
    return 0


def extract(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args):
        result = project.extract(config)
    tell_written(config, result, args)
    return result.exit_code


def update(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args):
        result = project.update(config, langs_from(config, args))
    tell_written(config, result, args)
    return result.exit_code


def translate(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args), _Bars() as bars:
        result = project.translate(config, langs_from(config, args), args.tm or [], bars, args.redraft)
    _tell_drafts(result, args)
    tell_written(config, result, args)
    return result.exit_code


def build(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args):
        result = project.build(config, langs_from(config, args))
    _tell_build(config, result, args)
    return result.exit_code


def run(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args), _Bars() as bars:
        result = project.run(config, langs_from(config, args), not args.no_translate, args.tm or [], bars,
                             args.redraft)
    _tell_drafts(result, args)
    _tell_build(config, result, args)
    return result.exit_code


def _tell_drafts(result: project.Result, args: argparse.Namespace) -> None:
    """Per language: drafts from the memory and from the engine, or why none could be made."""
    memory: dict[str, int] = {}
    for r in result.reports:
        memory[r.lang] = memory.get(r.lang, 0) + r.memory
    for r in result.reports:
        filled = memory.pop(r.lang, 0)
        if filled:
            say(args, f"{r.lang}: {filled} drafts from the translation memory")
        if r.redrafted:
            say(args, f"{r.lang}: {r.redrafted} untouched drafts drafted again")
        if r.error:
            print(f"error: {r.lang}: {r.error}; the drafts made before it are kept", file=sys.stderr)
        elif r.unavailable:
            say(args, f"{r.lang}: no engine available, entries left empty: {r.unavailable}")
        elif r.drafts:
            extra = f", {r.markup_problems} with markup to check" if r.markup_problems else ""
            if r.unknown_words:
                extra += f", {len(set(r.unknown_words))} unknown words"
            say(args, f"{r.lang}: {r.drafts} machine drafts by {r.engine}{extra}")


def _tell_build(config: Config, result: project.Result, args: argparse.Namespace) -> None:
    tell_written(config, result, args)
    for b in result.built:
        say(args, f"{b.lang}: {b.document.domain}: {b.total} entries: {b.reviewed} reviewed "
                  f"({b.reviewed_percent:.0f}%), {b.translated - b.reviewed} drafts published, "
                  f"{b.total - b.translated} shown in the source language")
    if result.built:
        build_dir = config.relative(config.root / config.build_dir)
        say(args, f"documents are in {build_dir}/<lang>/; progress and QA in {build_dir}/report.html")
    for b in result.built:
        if b.escaped:
            more = f" and {len(b.escaped) - _SHOWN} more" if len(b.escaped) > _SHOWN else ""
            print(f"warning: {b.lang}: {len(b.escaped)} translations carried HTML the source does not have; "
                  f"escaped: {', '.join(b.escaped[:_SHOWN])}{more}", file=sys.stderr)
    for line in result.refused:
        print(f"error: {line}", file=sys.stderr)


class _Bars:
    """One progress bar per language on a terminal, silent otherwise (tqdm decides)."""

    def __init__(self) -> None:
        self.lang = ""
        self.bar: Any = None  # a tqdm bar, imported when a run first reports

    def __enter__(self) -> _Bars:
        return self

    def __call__(self, lang: str, step: int, total: int) -> None:
        if lang != self.lang:
            self.close()
            self.lang = lang
            from tqdm import tqdm  # only runs that translate show a bar: the other commands start without it
            self.bar = tqdm(total=total, desc=lang, unit="sentence", disable=None, file=sys.stderr, leave=False)
        if self.bar is not None:
            self.bar.update(step)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __exit__(self, *exc: object) -> None:
        self.close()
