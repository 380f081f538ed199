"""The `pipeline` commands for the people around the catalogues: models, glossary, memory, QA, stats.

Kept apart from cli.py (the stage commands) so each file stays readable; both
are the command-line layer, the only code that prints or exits.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import dataclasses
import json

from pipeline import cli, glossary_tools, stages
from pipeline import memory as memory_module
from pipeline import stats as stats_module
from pipeline.fileio import write_text
from pipeline.config import Config
from pipeline.errors import PipelineError
from pipeline.locales import PSEUDO
from pipeline.review import CHECKS


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the tool commands on the main parser."""
    c = sub.add_parser("models", help="list or install Argos Translate models",
                       description="Manage the Argos Translate models used by `pipeline translate`. The models "
                                   "directory is $PIPELINE_MODELS_DIR, else [tool.pipeline] models_dir, else Argos's own.")
    msub = c.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    m = msub.add_parser("list", help="installed language pairs and versions",
                        description="List the installed Argos models: language pair, version, package name.")
    m.set_defaults(func=models_list)
    m = msub.add_parser("install", help="install models from the package index or from a file",
                        description="Install the models needed to translate from the source language into LANG "
                                    "(direct, or through English) from the Argos package index (needs network), "
                                    "or, on an air-gapped machine, a .argosmodel file given with --file.")
    m.add_argument("langs", nargs="*", metavar="LANG")
    m.add_argument("--file", type=Path, action="append", metavar="PATH.argosmodel", help="install this file (repeatable)")
    m.set_defaults(func=models_install)

    c = sub.add_parser("glossary", help="check, grow and export glossary.csv",
                       description="Tools for glossary editors: lint glossary.csv, suggest missing terms, export it.")
    gsub = c.add_subparsers(dest="glossary_command", required=True, metavar="ACTION")
    g = gsub.add_parser("lint", help="report errors (exit 1) and warnings in glossary.csv",
                        description="Check glossary.csv: CSV errors, bad cells, duplicate or conflicting terms, "
                                    "dnt rows with other targets (errors); missing translations and terms that occur "
                                    "in no source (warnings). Exits 1 on errors only.")
    g.set_defaults(func=glossary_lint)
    g = gsub.add_parser("suggest", help="frequent source phrases and names the glossary lacks",
                        description="List frequent multi-word phrases and capitalised names of the source documents "
                                    "that no glossary term covers, with their counts.")
    g.add_argument("--min-count", type=int, default=2, help="least number of occurrences (default 2)")
    g.add_argument("--limit", type=int, default=40, help="most candidates to list (default 40)")
    g.set_defaults(func=glossary_suggest)
    g = gsub.add_parser("export", help="TBX for CAT tools, PO or CSV for Weblate and Poedit",
                        description="Export the approved terms: TBX-Basic (all languages), or a PO or CSV glossary "
                                    "for one language.")
    g.add_argument("--format", choices=("tbx", "po", "csv"), required=True)
    g.add_argument("--lang", help="target language (required for po and csv)")
    g.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    g.set_defaults(func=glossary_export)

    c = sub.add_parser("tm", help="export or import the translation memory (TMX 1.4b)",
                       description="The translation memory holds every reviewed translation of every catalogue, "
                                   "plus the project memory file (locales/memory.tmx) that `tm import` adds to.")
    tsub = c.add_subparsers(dest="tm_command", required=True, metavar="ACTION")
    t = tsub.add_parser("export", help="write the memory as TMX",
                        description="Export every reviewed translation (and the project memory) as TMX 1.4b.")
    t.add_argument("--format", choices=("tmx",), default="tmx")
    t.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    t.set_defaults(func=tm_export)
    t = tsub.add_parser("import", help="add a TMX file to the project memory",
                        description="Merge the units of FILE.tmx into the project memory (locales/memory.tmx); "
                                    "`pipeline translate` then fills empty entries from them.")
    t.add_argument("file", type=Path, metavar="FILE.tmx")
    t.set_defaults(func=tm_import)

    c = sub.add_parser("check", help="QA checks on every translated or fuzzy entry",
                       description="Check every translated or fuzzy entry and report file:line, check, severity, "
                                   "an excerpt and what to do. Errors make the exit code 1; warnings do not. "
                                   "Silence a check for one entry with the flag no-check-<name> in the PO. Checks: "
                                   + "; ".join(f"{name} ({c.severity})" for name, c in CHECKS.items()) + ".")
    c.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.set_defaults(func=check)

    c = sub.add_parser("stats", help="progress per language: reviewed, drafts, fuzzy, untranslated",
                       description="Entries and words per language and document by state: reviewed, machine drafts "
                                   "awaiting review, memory drafts, fuzzy from merges, untranslated; also writes "
                                   "build/report.html with a progress bar per language and the QA counts.")
    c.add_argument("--json", action="store_true", help="print JSON instead of a table")
    c.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
    c.set_defaults(func=stats)


def lint_findings(config: Config, docs: list[stages.Document]) -> list[glossary_tools.Finding]:
    """Lint the project glossary against the project's sources."""
    languages = [lang for lang in config.targets if lang != PSEUDO]
    return glossary_tools.lint(config.root / config.glossary, languages, [d.text for d in docs])


def models_list(args: argparse.Namespace) -> int:
    from pipeline.engines import models

    config = cli.config_from(args)
    where = config.models_path() or models.default_models_dir()
    found = models.list_models(where)
    for m in sorted(found):
        print(f"{m.source} -> {m.target}\t{m.version}\t{m.name}")
    if not found:
        print(f"no Argos models installed in {where}; `pipeline models install LANG` or --file PATH", file=sys.stderr)
    return 0


def models_install(args: argparse.Namespace) -> int:
    from pipeline.engines import models

    config = cli.config_from(args)
    where = config.models_path()
    if not args.langs and not args.file:
        raise PipelineError("models install: name languages (e.g. `pipeline models install en de`) or --file PATH")
    for path in args.file or []:
        info = models.install_file(path, where)
        print(f"installed {info.source} -> {info.target} {info.version} ({info.name})", file=sys.stderr)
    if args.langs:
        for info in models.install_languages(args.langs, config.source_language, where):
            print(f"installed {info.source} -> {info.target} {info.version} ({info.name})", file=sys.stderr)
    return 0


def glossary_lint(args: argparse.Namespace) -> int:
    config = cli.config_from(args)
    path = config.root / config.glossary
    if not path.exists():
        raise PipelineError(f"{config.glossary}: no such file")
    findings = lint_findings(config, stages.load_documents(config))
    for f in findings:
        where = f"{config.relative(path)}:{f.line}" if f.line else config.relative(path)
        print(f"{where}: {f.severity}: {f.message}", file=sys.stderr)
    errors = sum(f.severity == "error" for f in findings)
    if not args.quiet:
        print(f"{errors} errors, {len(findings) - errors} warnings", file=sys.stderr)
    return 1 if errors else 0


def glossary_suggest(args: argparse.Namespace) -> int:
    config = cli.config_from(args)
    glossary = stages.load_glossary(config)
    texts = [s.text for d in stages.load_documents(config) for s in d.segments]
    for phrase, count in glossary_tools.suggest(glossary, texts, args.min_count, args.limit):
        print(f"{count}\t{phrase}")
    return 0


def glossary_export(args: argparse.Namespace) -> int:
    config = cli.config_from(args)
    glossary = stages.load_glossary(config)
    if args.format == "tbx":
        text = glossary_tools.export_tbx(glossary, config.targets, config.source_language)
    elif not args.lang:
        raise PipelineError(f"glossary export --format {args.format} needs --lang")
    elif args.format == "po":
        text = glossary_tools.export_po(glossary, args.lang)
    else:
        text = glossary_tools.export_csv(glossary, args.lang)
    cli.emit(text, args.output)
    return 0


def tm_export(args: argparse.Namespace) -> int:
    config = cli.config_from(args)
    docs = stages.load_documents(config)
    memory = stages.build_memory(config, stages.read_catalogs(config, docs, list(config.targets)))
    cli.emit(memory_module.export_tmx(memory, config.source_language), args.output)
    return 0


def tm_import(args: argparse.Namespace) -> int:
    config = cli.config_from(args)
    units = memory_module.read_tmx(args.file, config.source_language)
    target = config.root / config.memory
    memory = memory_module.build([], [target] if target.exists() else [], config.source_language)
    before = len(memory)
    for unit in units:
        memory.add(unit)
    write_text(target, memory_module.export_tmx(memory, config.source_language))
    if not args.quiet:
        print(f"{config.relative(target)}: {len(memory) - before} new units from {args.file.name} "
              f"({len(memory)} in all)", file=sys.stderr)
    return 0


def stats(args: argparse.Namespace) -> int:
    config = cli.config_from(args)
    langs = cli.langs_from(config, args)
    docs = stages.load_documents(config)
    pos = stages.read_catalogs(config, docs, langs)
    all_stats = stages.statistics(config, pos, stages.load_glossary(config))
    if args.json:
        print(json.dumps([s.as_dict() for s in all_stats], ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(stats_module.table(all_stats))
    report = config.root / config.build_dir / "report.html"
    write_text(report, stats_module.report_page(all_stats, f"{config.project}: translation progress"))
    if not args.quiet:
        print(f"report: {config.relative(report)}", file=sys.stderr)
    return 0


def check(args: argparse.Namespace) -> int:
    config = cli.config_from(args)
    langs = cli.langs_from(config, args)
    docs = stages.load_documents(config)
    found = stages.qa(config, stages.read_catalogs(config, docs, langs), stages.load_glossary(config))
    issues = [i for key in sorted(found, key=lambda k: (langs.index(k[0]), k[1])) for i in found[key]]
    if args.format == "json":
        print(json.dumps([dataclasses.asdict(i) for i in issues], ensure_ascii=False, indent=2))
    else:
        for i in issues:
            excerpt = " ".join(i.msgid.split())
            excerpt = excerpt if len(excerpt) <= 50 else excerpt[:47] + "..."
            print(f"{i.path}:{i.line}: {i.severity}: {i.check}: {excerpt!r}: {i.message}")
    errors = sum(i.severity == "error" for i in issues)
    if not args.quiet:
        print(f"{errors} errors, {len(issues) - errors} warnings", file=sys.stderr)
    return 1 if errors else 0
