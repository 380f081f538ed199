"""The stage commands: md2po, po2md, extract, update, translate, build, run."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from pipeline import project
from pipeline.cli.common import (config_from, emit, lang_option, langs_from, locked, say, tell_written, tm_option,
                                 wait_option)
from pipeline.config import Config
from pipeline.project import tools

_SHOWN = 5  # places named in a warning; the rest are counted


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the stage commands on the main parser."""
    c = sub.add_parser("md2po", help="extract a Markdown file's translatable text as a POT template",
                       description="Extract the translatable blocks of any Markdown file as a gettext template. "
                                   "If OUT already exists, its translations are merged in, never dropped.")
    c.add_argument("source", type=Path, metavar="SOURCE.md")
    c.add_argument("-o", "--output", type=Path, metavar="OUT.pot", help="write here instead of stdout")
    c.set_defaults(func=_md2po)

    c = sub.add_parser("po2md", help="rebuild a Markdown file from its source and a PO catalogue",
                       description="Write SOURCE.md with every translated block replaced by its msgstr; "
                                   "untranslated and fuzzy entries keep the source text.")
    c.add_argument("source", type=Path, metavar="SOURCE.md")
    c.add_argument("catalog", type=Path, metavar="CATALOG.po")
    c.add_argument("-o", "--output", type=Path, metavar="OUT.md", help="write here instead of stdout")
    c.add_argument("--html", action="store_true", help="write a standalone HTML page instead of Markdown")
    _build_options(c, gates=False)
    c.set_defaults(func=_po2md)

    c = sub.add_parser("extract", help="all source documents -> locales/<domain>.pot",
                       description="Segment every source document into its POT template.")
    wait_option(c)
    c.set_defaults(func=_extract)
    c = sub.add_parser("update", help="POT -> one PO per target language, keeping every translation",
                       description="Merge each template into locales/<lang>/LC_MESSAGES/<domain>.po with msgmerge "
                                   "semantics: translations kept, changed text fuzzy with #| msgid, vanished text obsolete.")
    lang_option(c)
    wait_option(c)
    c.set_defaults(func=_update)
    c = sub.add_parser("translate", help="drafts for every empty entry: translation memory, then Argos, Apertium",
                       description="Pre-translate every empty msgstr of every target catalogue offline, with the "
                                   "engines configured for the language. Drafts are fuzzy, with the engine named in a "
                                   "comment; entries with any translation are never changed. Reviewed translations of "
                                   "every catalogue (and --tm files) fill exact and close matches first. A draft nobody "
                                   "changed (still fuzzy, text as drafted) is drafted again when its route, engine "
                                   "version or the drafting rules changed.")
    lang_option(c)
    tm_option(c)
    _redraft_option(c)
    wait_option(c)
    c.set_defaults(func=_translate)

    c = sub.add_parser("build", help="PO -> build/<lang>/<document>.md and .html",
                       description="Reassemble localised Markdown and HTML for every document and language.")
    lang_option(c)
    _build_options(c)
    wait_option(c)
    c.set_defaults(func=_build)
    c = sub.add_parser("run", help="the main job: extract, update, translate and build",
                       description="Run every stage in order. Nothing is written until every stage has run: "
                                   "a failure while reading, merging or translating leaves every file as it was.")
    c.add_argument("--no-translate", action="store_true", help="skip machine translation")
    tm_option(c)
    _redraft_option(c)
    lang_option(c)
    _build_options(c)
    wait_option(c)
    c.set_defaults(func=_run)


def _build_options(c: argparse.ArgumentParser, gates: bool = True) -> None:
    c.add_argument("--include-fuzzy", action="store_true", default=None,
                   help="publish fuzzy (unreviewed) translations instead of the source text")
    c.add_argument("--min-translated", type=float, metavar="PERCENT",
                   help="refuse to write a document with a smaller share of translated entries")
    if gates:
        c.add_argument("--release", action="store_true", default=None,
                       help="release build: reviewed translations only (the default draft build also publishes "
                            "machine drafts, with a notice at the top of each page)")
        c.add_argument("--min-reviewed", type=float, metavar="PERCENT",
                       help="refuse to write a document with a smaller share of reviewed entries")
        c.add_argument("--fail-on-qa-errors", action="store_true", default=None,
                       help="refuse to write a document whose published entries have QA errors (`pipeline check`)")


def _md2po(args: argparse.Namespace) -> int:
    emit(tools.md2po(config_from(args), args.source, args.output), args.output)
    return 0


def _po2md(args: argparse.Namespace) -> int:
    text = tools.po2md(config_from(args), args.source, args.catalog, args.output, args.html, bool(args.include_fuzzy),
                       args.min_translated or 0.0)
    emit(text, args.output)
    return 0


def _extract(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args):
        result = project.extract(config)
    tell_written(config, result, args)
    return result.exit_code


def _redraft_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redraft", action="store_true",
                        help="draft again every draft nobody changed (fuzzy, text as drafted), stale or not; "
                             "a person's edits and reviewed entries are never touched")


def _update(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args):
        result = project.update(config, langs_from(config, args))
    tell_written(config, result, args)
    return result.exit_code


def _translate(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args), _Bars() as bars:
        result = project.translate(config, langs_from(config, args), args.tm or [], bars, args.redraft)
    _tell_drafts(result, args)
    tell_written(config, result, args)
    return result.exit_code


def _build(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args):
        result = project.build(config, langs_from(config, args))
    _tell_build(config, result, args)
    return result.exit_code


def _run(args: argparse.Namespace) -> int:
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
        self.bar: tqdm | None = None

    def __enter__(self) -> _Bars:
        return self

    def __call__(self, lang: str, step: int, total: int) -> None:
        if lang != self.lang:
            self.close()
            self.lang = lang
            self.bar = tqdm(total=total, desc=lang, unit="sentence", disable=None, file=sys.stderr, leave=False)
        if self.bar is not None:
            self.bar.update(step)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __exit__(self, *exc: object) -> None:
        self.close()
