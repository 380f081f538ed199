"""Every command's arguments, and nothing else: `pipeline --help` imports no stage.

Each command names its handler as "module:function" in pipeline.cli; main()
imports that module only when the command runs (stages.py, tools.py).
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline import __version__

Commands = argparse._SubParsersAction  # the `sub` that add_parser() is called on


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose description may be worked out when help is shown (`check` lists the checks table)."""

    def __init__(self, *args: Any, describe: Callable[[], str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.describe = describe

    def format_help(self) -> str:
        if self.describe is not None:
            self.description = self.describe()
        return super().format_help()


def build() -> Parser:
    """The `pipeline` command line."""
    p = Parser(prog="pipeline", description=(
        "Offline localisation of Markdown documents through gettext catalogues: "
        "source/*.md -> locales/<domain>.pot -> locales/<lang>/LC_MESSAGES/<domain>.po -> build/<lang>/."))
    p.add_argument("--version", action="version", version=f"pipeline {__version__}")
    p.add_argument("-C", "--root", type=Path, help="project directory (default: the nearest with a pyproject.toml)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _stage_commands(sub)
    _tool_commands(sub)
    return p


def _stage_commands(sub: Commands[Parser]) -> None:
    """md2po, po2md, extract, update, translate, build, run: handled in stages.py."""
    c = sub.add_parser("md2po", help="extract a Markdown file's translatable text as a POT template",
                       description="Extract the translatable blocks of any Markdown file as a gettext template. "
                                   "If OUT already exists, its translations are merged in, never dropped.")
    c.add_argument("source", type=Path, metavar="SOURCE.md")
    c.add_argument("-o", "--output", type=Path, metavar="OUT.pot", help="write here instead of stdout")
    c.set_defaults(handler="stages:md2po")

    c = sub.add_parser("po2md", help="rebuild a Markdown file from its source and a PO catalogue",
                       description="Write SOURCE.md with every translated block replaced by its msgstr; "
                                   "untranslated and fuzzy entries keep the source text.")
    c.add_argument("source", type=Path, metavar="SOURCE.md")
    c.add_argument("catalog", type=Path, metavar="CATALOG.po")
    c.add_argument("-o", "--output", type=Path, metavar="OUT.md", help="write here instead of stdout")
    c.add_argument("--html", action="store_true", help="write a standalone HTML page instead of Markdown")
    _build_options(c, gates=False)
    c.set_defaults(handler="stages:po2md")

    c = sub.add_parser("extract", help="all source documents -> locales/<domain>.pot",
                       description="Segment every source document into its POT template.")
    _wait_option(c)
    c.set_defaults(handler="stages:extract")
    c = sub.add_parser("update", help="POT -> one PO per target language, keeping every translation",
                       description="Merge each template into locales/<lang>/LC_MESSAGES/<domain>.po with msgmerge "
                                   "semantics: translations kept, changed text fuzzy with #| msgid, vanished text obsolete.")
    _lang_option(c)
    _wait_option(c)
    c.set_defaults(handler="stages:update")
    c = sub.add_parser("translate", help="drafts for every empty entry: translation memory, then Argos, Apertium",
                       description="Pre-translate every empty msgstr of every target catalogue offline, with the "
                                   "engines configured for the language. Drafts are fuzzy, with the engine named in a "
                                   "comment; entries with any translation are never changed. Reviewed translations of "
                                   "every catalogue (and --tm files) fill exact and close matches first. A draft nobody "
                                   "changed (still fuzzy, text as drafted) is drafted again when its route, engine "
                                   "version or the drafting rules changed.")
    _lang_option(c)
    _tm_option(c)
    _redraft_option(c)
    _wait_option(c)
    c.set_defaults(handler="stages:translate")

    c = sub.add_parser("build", help="PO -> build/<lang>/<document>.md and .html",
                       description="Reassemble localised Markdown and HTML for every document and language.")
    _lang_option(c)
    _build_options(c)
    _wait_option(c)
    c.set_defaults(handler="stages:build")
    c = sub.add_parser("run", help="the main job: extract, update, translate and build",
                       description="Run every stage in order. Nothing is written until every stage has run: "
                                   "a failure while reading, merging or translating leaves every file as it was.")
    c.add_argument("--no-translate", action="store_true", help="skip machine translation")
    _tm_option(c)
    _redraft_option(c)
    _lang_option(c)
    _build_options(c)
    _wait_option(c)
    c.set_defaults(handler="stages:run")


def _tool_commands(sub: Commands[Parser]) -> None:
    """models, glossary, tm, check, stats: handled in tools.py."""
    msub = _group(sub, "models", "list or install Argos Translate models",
                  "Manage the Argos Translate models used by `pipeline translate`. The models "
                  "directory is $PIPELINE_MODELS_DIR, else [tool.pipeline] models_dir, else Argos's own.")
    m = msub.add_parser("list", help="installed language pairs and versions",
                        description="List the installed Argos models: language pair, version, package name, and the "
                                    "SHA-256 of the archive each was installed from.")
    m.set_defaults(handler="tools:models_list")
    m = msub.add_parser("install", help="install models from the package index or from a file",
                        description="Install the models needed to translate from the source language into LANG "
                                    "(direct, or through English) from the Argos package index (needs network), "
                                    "or, on an air-gapped machine, a .argosmodel file given with --file.")
    m.add_argument("langs", nargs="*", metavar="LANG")
    m.add_argument("--file", type=Path, action="append", metavar="PATH.argosmodel", help="install this file (repeatable)")
    m.add_argument("--allow-http", action="store_true",
                   help="accept an index and downloads over plain http (a mirror you trust); https otherwise")
    m.set_defaults(handler="tools:models_install")

    gsub = _group(sub, "glossary", "check, grow and export glossary.csv",
                  "Tools for glossary editors: lint glossary.csv, suggest missing terms, export it.")
    g = gsub.add_parser("lint", help="report errors (exit 1) and warnings in glossary.csv",
                        description="Check glossary.csv: CSV errors, bad cells, duplicate or conflicting terms, "
                                    "dnt rows with other targets (errors); missing translations and terms that occur "
                                    "in no source (warnings). Exits 1 on errors only.")
    g.set_defaults(handler="tools:glossary_lint")
    g = gsub.add_parser("suggest", help="candidate terms: noun phrases and names the glossary lacks",
                        description="Propose terms: noun phrases (N, N ADJ, N de N, N ADJ de N) and names of the "
                                    "source documents, read with Apertium's tagger, that no glossary term covers in "
                                    "any inflection. Prints count, segments, phrase and an example sentence, "
                                    "tab-separated, most widespread first.")
    g.add_argument("--min-count", type=int, default=2, help="least number of occurrences (default 2)")
    g.add_argument("--limit", type=int, default=40, help="most candidates to list (default 40)")
    g.set_defaults(handler="tools:glossary_suggest")
    g = gsub.add_parser("export", help="TBX for CAT tools, PO or CSV for Weblate and Poedit",
                        description="Export the approved terms: TBX-Basic (all languages), or a PO or CSV glossary "
                                    "for one language.")
    g.add_argument("--format", choices=("tbx", "po", "csv"), required=True)
    g.add_argument("--lang", help="target language (required for po and csv)")
    g.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    g.set_defaults(handler="tools:glossary_export")

    tsub = _group(sub, "tm", "export or import the translation memory (TMX 1.4b)",
                  "The translation memory holds every reviewed translation of every catalogue, "
                                   "plus the project memory file (locales/memory.tmx) that `tm import` adds to.")
    t = tsub.add_parser("export", help="write the memory as TMX",
                        description="Export every reviewed translation (and the project memory) as TMX 1.4b.")
    t.add_argument("--format", choices=("tmx",), default="tmx")
    t.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    t.set_defaults(handler="tools:tm_export")
    t = tsub.add_parser("import", help="add a TMX file to the project memory",
                        description="Merge the units of FILE.tmx into the project memory (locales/memory.tmx); "
                                    "`pipeline translate` then fills empty entries from them.")
    t.add_argument("file", type=Path, metavar="FILE.tmx")
    _wait_option(t)
    t.set_defaults(handler="tools:tm_import")

    c = sub.add_parser("check", help="QA checks on every translated or fuzzy entry", describe=_check_description)
    _lang_option(c)
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.set_defaults(handler="tools:check")

    c = sub.add_parser("stats", help="progress per language: reviewed, drafts, fuzzy, untranslated",
                       description="Entries and words per language and document by state: reviewed, machine drafts "
                                   "awaiting review, memory drafts, fuzzy from merges, untranslated; also writes "
                                   "build/report.html with a progress bar per language and the QA counts.")
    c.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _lang_option(c)
    c.set_defaults(handler="tools:stats")


def _check_description() -> str:
    """`pipeline check --help`: the checks table, read only when that help is asked for (it imports the QA)."""
    from pipeline.checks import CHECKS
    return ("Check every translated or fuzzy entry and report file:line, check, severity, "
            "an excerpt and what to do. Errors make the exit code 1; warnings do not. "
            "Silence a check for one entry with the flag no-check-<name> in the PO. Checks: "
            + "; ".join(f"{name} ({c.severity})" for name, c in CHECKS.items()) + ".")


def _group(sub: Commands[Parser], name: str, help: str, description: str) -> Commands[Parser]:
    """A command with actions of its own (`pipeline models list`)."""
    parser = sub.add_parser(name, help=help, description=description)
    return parser.add_subparsers(dest=f"{name}_command", required=True, metavar="ACTION")


def _lang_option(c: argparse.ArgumentParser) -> None:
    c.add_argument("--lang", action="append", metavar="LANG", help="only this target language (repeatable)")


def _tm_option(c: argparse.ArgumentParser) -> None:
    c.add_argument("--tm", action="append", type=Path, metavar="FILE",
                   help="also take translations from this PO or TMX file (repeatable)")


def _wait_option(c: argparse.ArgumentParser) -> None:
    c.add_argument("--no-wait", action="store_true",
                   help="if another pipeline command is writing this tree, stop at once instead of waiting for it")


def _redraft_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redraft", action="store_true",
                        help="draft again every draft nobody changed (fuzzy, text as drafted), stale or not; "
                             "a person's edits and reviewed entries are never touched")


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
