"""The commands for the people around the catalogues: models, glossary, memory, QA, stats."""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from pipeline import project
from pipeline import stats as stats_module
from pipeline.cli.common import config_from, emit, lang_option, langs_from, locked, say, wait_option
from pipeline.errors import where
from pipeline.project import tools
from pipeline.review import CHECKS


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the tool commands on the main parser."""
    msub = _group(sub, "models", "list or install Argos Translate models",
                  "Manage the Argos Translate models used by `pipeline translate`. The models "
                  "directory is $PIPELINE_MODELS_DIR, else [tool.pipeline] models_dir, else Argos's own.")
    m = msub.add_parser("list", help="installed language pairs and versions",
                        description="List the installed Argos models: language pair, version, package name, and the "
                                    "SHA-256 of the archive each was installed from.")
    m.set_defaults(func=_models_list)
    m = msub.add_parser("install", help="install models from the package index or from a file",
                        description="Install the models needed to translate from the source language into LANG "
                                    "(direct, or through English) from the Argos package index (needs network), "
                                    "or, on an air-gapped machine, a .argosmodel file given with --file.")
    m.add_argument("langs", nargs="*", metavar="LANG")
    m.add_argument("--file", type=Path, action="append", metavar="PATH.argosmodel", help="install this file (repeatable)")
    m.add_argument("--allow-http", action="store_true",
                   help="accept an index and downloads over plain http (a mirror you trust); https otherwise")
    m.set_defaults(func=_models_install)

    gsub = _group(sub, "glossary", "check, grow and export glossary.csv",
                  "Tools for glossary editors: lint glossary.csv, suggest missing terms, export it.")
    g = gsub.add_parser("lint", help="report errors (exit 1) and warnings in glossary.csv",
                        description="Check glossary.csv: CSV errors, bad cells, duplicate or conflicting terms, "
                                    "dnt rows with other targets (errors); missing translations and terms that occur "
                                    "in no source (warnings). Exits 1 on errors only.")
    g.set_defaults(func=_glossary_lint)
    g = gsub.add_parser("suggest", help="candidate terms: noun phrases and names the glossary lacks",
                        description="Propose terms: noun phrases (N, N ADJ, N de N, N ADJ de N) and names of the "
                                    "source documents, read with Apertium's tagger, that no glossary term covers in "
                                    "any inflection. Prints count, segments, phrase and an example sentence, "
                                    "tab-separated, most widespread first.")
    g.add_argument("--min-count", type=int, default=2, help="least number of occurrences (default 2)")
    g.add_argument("--limit", type=int, default=40, help="most candidates to list (default 40)")
    g.set_defaults(func=_glossary_suggest)
    g = gsub.add_parser("export", help="TBX for CAT tools, PO or CSV for Weblate and Poedit",
                        description="Export the approved terms: TBX-Basic (all languages), or a PO or CSV glossary "
                                    "for one language.")
    g.add_argument("--format", choices=("tbx", "po", "csv"), required=True)
    g.add_argument("--lang", help="target language (required for po and csv)")
    g.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    g.set_defaults(func=_glossary_export)

    tsub = _group(sub, "tm", "export or import the translation memory (TMX 1.4b)",
                  "The translation memory holds every reviewed translation of every catalogue, "
                                   "plus the project memory file (locales/memory.tmx) that `tm import` adds to.")
    t = tsub.add_parser("export", help="write the memory as TMX",
                        description="Export every reviewed translation (and the project memory) as TMX 1.4b.")
    t.add_argument("--format", choices=("tmx",), default="tmx")
    t.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    t.set_defaults(func=_tm_export)
    t = tsub.add_parser("import", help="add a TMX file to the project memory",
                        description="Merge the units of FILE.tmx into the project memory (locales/memory.tmx); "
                                    "`pipeline translate` then fills empty entries from them.")
    t.add_argument("file", type=Path, metavar="FILE.tmx")
    wait_option(t)
    t.set_defaults(func=_tm_import)

    c = sub.add_parser("check", help="QA checks on every translated or fuzzy entry",
                       description="Check every translated or fuzzy entry and report file:line, check, severity, "
                                   "an excerpt and what to do. Errors make the exit code 1; warnings do not. "
                                   "Silence a check for one entry with the flag no-check-<name> in the PO. Checks: "
                                   + "; ".join(f"{name} ({c.severity})" for name, c in CHECKS.items()) + ".")
    lang_option(c)
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.set_defaults(func=_check)

    c = sub.add_parser("stats", help="progress per language: reviewed, drafts, fuzzy, untranslated",
                       description="Entries and words per language and document by state: reviewed, machine drafts "
                                   "awaiting review, memory drafts, fuzzy from merges, untranslated; also writes "
                                   "build/report.html with a progress bar per language and the QA counts.")
    c.add_argument("--json", action="store_true", help="print JSON instead of a table")
    lang_option(c)
    c.set_defaults(func=_stats)


def _group(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str,
           description: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """A command with actions of its own (`pipeline models list`)."""
    parser = sub.add_parser(name, help=help, description=description)
    return parser.add_subparsers(dest=f"{name}_command", required=True, metavar="ACTION")


def _models_list(args: argparse.Namespace) -> int:
    folder, found = tools.models_list(config_from(args))
    for m in found:
        print(f"{m.source} -> {m.target}\t{m.version}\t{m.name}\t{'sha256:' + m.sha256 if m.sha256 else 'sha256 unknown'}")
    if not found:
        print(f"no Argos models installed in {folder}; `pipeline models install LANG` or --file PATH", file=sys.stderr)
    return 0


def _models_install(args: argparse.Namespace) -> int:
    for info in tools.models_install(config_from(args), args.langs, args.file or [], args.allow_http):
        print(f"installed {info.source} -> {info.target} {info.version} ({info.name})", file=sys.stderr)
    return 0


def _glossary_lint(args: argparse.Namespace) -> int:
    config = config_from(args)
    findings = tools.glossary_lint(config)
    path = config.relative(config.root / config.glossary)
    for f in findings:
        print(f"{where(path, f.line)}: {f.severity}: {f.message}", file=sys.stderr)
    errors = sum(f.severity == "error" for f in findings)
    say(args, f"{errors} errors, {len(findings) - errors} warnings")
    return 1 if errors else 0


def _glossary_suggest(args: argparse.Namespace) -> int:
    for c in tools.glossary_suggest(config_from(args), args.min_count, args.limit):
        print(f"{c.count}\t{c.segments}\t{c.phrase}\t{c.example}")
    return 0


def _glossary_export(args: argparse.Namespace) -> int:
    emit(tools.glossary_export(config_from(args), args.format, args.lang), args.output)
    return 0


def _tm_export(args: argparse.Namespace) -> int:
    emit(tools.tm_export(config_from(args)), args.output)
    return 0


def _tm_import(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args):
        done = tools.tm_import(config, args.file)
    say(args, f"{config.relative(done.path)}: {done.added} new units from {args.file.name} ({done.total} in all)")
    return 0


def _stats(args: argparse.Namespace) -> int:
    config = config_from(args)
    result = project.stats(config, langs_from(config, args))
    if args.json:
        print(json.dumps([s.as_dict() for s in result.stats], ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(stats_module.table(result.stats))
    if result.report_page is not None:
        say(args, f"report: {config.relative(result.report_page)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    config = config_from(args)
    issues = project.check(config, langs_from(config, args)).issues
    if args.format == "json":
        print(json.dumps([dataclasses.asdict(i) for i in issues], ensure_ascii=False, indent=2))
    else:
        for i in issues:
            excerpt = " ".join(i.msgid.split())
            excerpt = excerpt if len(excerpt) <= 50 else excerpt[:47] + "..."
            print(f"{where(i.path, i.line)}: {i.severity}: {i.check}: {excerpt!r}: {i.message}")
    errors = sum(i.severity == "error" for i in issues)
    say(args, f"{errors} errors, {len(issues) - errors} warnings")
    return 1 if errors else 0
