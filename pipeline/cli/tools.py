"""The commands for the people around the catalogues run: models, glossary, memory, QA, stats (arguments: parser.py)."""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from pipeline import project
from pipeline import stats as stats_module
from pipeline.cli.common import config_from, emit, langs_from, locked, say
from pipeline.errors import where
from pipeline.project import tools


def models_list(args: argparse.Namespace) -> int:
    folder, found = tools.models_list(config_from(args))
    for m in found:
        print(f"{m.source} -> {m.target}\t{m.version}\t{m.name}\t{'sha256:' + m.sha256 if m.sha256 else 'sha256 unknown'}")
    if not found:
        print(f"no Argos models installed in {folder}; `pipeline models install LANG` or --file PATH", file=sys.stderr)
    return 0


def models_install(args: argparse.Namespace) -> int:
    for info in tools.models_install(config_from(args), args.langs, args.file or [], args.allow_http):
        print(f"installed {info.source} -> {info.target} {info.version} ({info.name})", file=sys.stderr)
    return 0


def glossary_lint(args: argparse.Namespace) -> int:
    config = config_from(args)
    findings = tools.glossary_lint(config)
    path = config.relative(config.root / config.glossary)
    for f in findings:
        print(f"{where(path, f.line)}: {f.severity}: {f.message}", file=sys.stderr)
    errors = sum(f.severity == "error" for f in findings)
    say(args, f"{errors} errors, {len(findings) - errors} warnings")
    return 1 if errors else 0


def glossary_suggest(args: argparse.Namespace) -> int:
    for c in tools.glossary_suggest(config_from(args), args.min_count, args.limit):
        print(f"{c.count}\t{c.segments}\t{c.phrase}\t{c.example}")
    return 0


def glossary_export(args: argparse.Namespace) -> int:
    emit(tools.glossary_export(config_from(args), args.format, args.lang), args.output)
    return 0


def tm_export(args: argparse.Namespace) -> int:
    emit(tools.tm_export(config_from(args)), args.output)
    return 0


def tm_import(args: argparse.Namespace) -> int:
    config = config_from(args)
    with locked(config, args):
        done = tools.tm_import(config, args.file)
    say(args, f"{config.relative(done.path)}: {done.added} new units from {args.file.name} ({done.total} in all)")
    return 0


def stats(args: argparse.Namespace) -> int:
    config = config_from(args)
    result = project.stats(config, langs_from(config, args))
    if args.json:
        print(json.dumps([s.as_dict() for s in result.stats], ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(stats_module.table(result.stats))
    if result.report_page is not None:
        say(args, f"report: {config.relative(result.report_page)}")
    return 0


def check(args: argparse.Namespace) -> int:
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
