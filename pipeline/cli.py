"""The `pipeline` command: a thin layer over the library; the only module that prints or exits."""
from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import polib
from tqdm import tqdm

from pipeline import __version__, glossary_tools, stages
from pipeline.assemble import assemble
from pipeline.catalog import build_catalog, dump, merge, read_catalog, translations
from pipeline.config import Config, find_root, load
from pipeline.errors import CatalogError, LocatedError, PipelineError, SourceError
from pipeline.fileio import read_text, write_text
from pipeline.locales import language
from pipeline.page import render_page
from pipeline.engines import Engine
from pipeline.glossary import Glossary, GlossaryError
from pipeline.segment import segment
from pipeline.translate import Report


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; user mistakes become `error: ...` on stderr and a non-zero exit."""
    args = _parser().parse_args(argv)
    logging.basicConfig(format="warning: %(message)s", level=logging.ERROR if args.quiet else logging.WARNING)
    try:
        return args.func(args)
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
            where = path.relative_to(Path.cwd()).as_posix()
            return f"{where}:{exc.line}: {exc.message}" if exc.line else f"{where}: {exc.message}"
    return str(exc)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pipeline", description=(
        "Offline localisation of Markdown documents through gettext catalogues: "
        "source/*.md -> locales/<domain>.pot -> locales/<lang>/LC_MESSAGES/<domain>.po -> build/<lang>/."))
    p.add_argument("--version", action="version", version=f"pipeline {__version__}")
    p.add_argument("-C", "--root", type=Path, help="project directory (default: the nearest with a pyproject.toml)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    _build_options(c)
    c.set_defaults(func=_po2md)

    c = sub.add_parser("extract", help="all source documents -> locales/<domain>.pot",
                       description="Segment every source document into its POT template.")
    c.set_defaults(func=_extract)
    c = sub.add_parser("update", help="POT -> one PO per target language, keeping every translation",
                       description="Merge each template into locales/<lang>/LC_MESSAGES/<domain>.po with msgmerge "
                                   "semantics: translations kept, changed text fuzzy with #| msgid, vanished text obsolete.")
    _lang_option(c)
    c.set_defaults(func=_update)
    c = sub.add_parser("translate", help="machine drafts for every empty entry (Argos, Apertium)",
                       description="Pre-translate every empty msgstr of every target catalogue offline, with the "
                                   "engines configured for the language. Drafts are fuzzy, with the engine named in a "
                                   "comment; entries with any translation are never changed.")
    _lang_option(c)
    c.set_defaults(func=_translate)

    c = sub.add_parser("models", help="list or install Argos Translate models",
                       description="Manage the Argos Translate models used by `pipeline translate`. The models "
                                   "directory is $PIPELINE_MODELS_DIR, else [tool.pipeline] models_dir, else Argos's own.")
    msub = c.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    m = msub.add_parser("list", help="installed language pairs and versions",
                        description="List the installed Argos models: language pair, version, package name.")
    m.set_defaults(func=_models_list)
    m = msub.add_parser("install", help="install models from the package index or from a file",
                        description="Install the models needed to translate from the source language into LANG "
                                    "(direct, or through English) from the Argos package index (needs network), "
                                    "or, on an air-gapped machine, a .argosmodel file given with --file.")
    m.add_argument("langs", nargs="*", metavar="LANG")
    m.add_argument("--file", type=Path, action="append", metavar="PATH.argosmodel", help="install this file (repeatable)")
    m.set_defaults(func=_models_install)

    c = sub.add_parser("glossary", help="check, grow and export glossary.csv",
                       description="Tools for glossary editors: lint glossary.csv, suggest missing terms, export it.")
    gsub = c.add_subparsers(dest="glossary_command", required=True, metavar="ACTION")
    g = gsub.add_parser("lint", help="report errors (exit 1) and warnings in glossary.csv",
                        description="Check glossary.csv: CSV errors, bad cells, duplicate or conflicting terms, "
                                    "dnt rows with other targets (errors); missing translations and terms that occur "
                                    "in no source (warnings). Exits 1 on errors only.")
    g.set_defaults(func=_glossary_lint)
    g = gsub.add_parser("suggest", help="frequent source phrases and names the glossary lacks",
                        description="List frequent multi-word phrases and capitalised names of the source documents "
                                    "that no glossary term covers, with their counts.")
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

    c = sub.add_parser("build", help="PO -> build/<lang>/<document>.md and .html",
                       description="Reassemble localised Markdown and HTML for every document and language.")
    _lang_option(c)
    _build_options(c)
    c.set_defaults(func=_build)
    c = sub.add_parser("run", help="the main job: extract, update, translate and build",
                       description="Run every stage in order. Nothing is written if reading or merging fails; "
                                   "each language's catalogue is written as soon as its drafts are done.")
    c.add_argument("--no-translate", action="store_true", help="skip machine translation")
    _lang_option(c)
    _build_options(c)
    c.set_defaults(func=_run)
    return p


def _lang_option(c: argparse.ArgumentParser) -> None:
    c.add_argument("--lang", action="append", metavar="LANG", help="only this target language (repeatable)")


def _build_options(c: argparse.ArgumentParser) -> None:
    c.add_argument("--include-fuzzy", action="store_true", default=None,
                   help="publish fuzzy (unreviewed) translations instead of the source text")
    c.add_argument("--min-translated", type=float, metavar="PERCENT",
                   help="refuse to write a document with a smaller share of translated entries")


def _config(args: argparse.Namespace) -> Config:
    root = (args.root or find_root(Path.cwd())).resolve()
    config = load(root)
    overrides = {k: getattr(args, k) for k in ("include_fuzzy", "min_translated") if getattr(args, k, None) is not None}
    return dataclasses.replace(config, **overrides)


def _langs(config: Config, args: argparse.Namespace) -> list[str]:
    chosen = args.lang or list(config.targets)
    unknown = [lang for lang in chosen if lang not in config.targets]
    if unknown:
        raise PipelineError(f"--lang {unknown[0]}: not a target language; targets are {', '.join(config.targets)}")
    return chosen


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


def _md2po(args: argparse.Namespace) -> int:
    text = read_text(args.source)
    pot = build_catalog(segment(text, args.source.as_posix()), args.source.name, _config(args).source_language)
    out = args.output
    if out is not None and out.exists():
        old = read_catalog(out)
        if any(e.msgstr for e in old):
            code = old.metadata.get("Language", "")
            try:
                lang = language(code)
            except ValueError:
                raise CatalogError(out, None, f"has translations but no known Language header ({code!r}); "
                                   "not overwritten") from None
            pot = merge(pot, old, lang)
    _emit(dump(pot), out)
    return 0


def _po2md(args: argparse.Namespace) -> int:
    text = read_text(args.source)
    po = read_catalog(args.catalog)
    segments = segment(text, args.source.as_posix())
    table = translations(po, bool(args.include_fuzzy))
    msgids = {s.text for s in segments}
    done = len(msgids & table.keys())
    share = 100.0 * done / len(msgids) if msgids else 100.0
    if args.min_translated is not None and share + 1e-9 < args.min_translated:
        raise SourceError(args.output or "stdout", None, f"not written: {share:.1f}% translated ({done} of {len(msgids)} "
                          f"entries), below --min-translated {args.min_translated:g}")
    result = assemble(text, segments, table)
    if args.html:
        code = po.metadata.get("Language", "")
        try:
            result = render_page(result, language(code))
        except ValueError:
            raise CatalogError(args.catalog, None, f"--html needs a known Language header, not {code!r}") from None
    _emit(result, args.output)
    return 0


def _extract(args: argparse.Namespace) -> int:
    config = _config(args)
    pots = stages.extract(config, stages.load_documents(config))
    _report(config, stages.write_all(stages.catalog_outputs(config, pots, None)), args)
    return 0


def _update(args: argparse.Namespace) -> int:
    config = _config(args)
    langs = _langs(config, args)
    docs = stages.load_documents(config)
    pos = stages.update(config, stages.read_templates(config, docs), langs, stages.load_glossary(config))
    _report(config, stages.write_all(stages.catalog_outputs(config, None, pos)), args)
    return 0


def _build(args: argparse.Namespace) -> int:
    config = _config(args)
    langs = _langs(config, args)
    docs = stages.load_documents(config)
    return _finish_build(config, stages.build(config, docs, stages.read_catalogs(config, docs, langs), langs), {}, args)


def _translate(args: argparse.Namespace) -> int:
    config = _config(args)
    langs = _langs(config, args)
    pos = stages.read_catalogs(config, stages.load_documents(config), langs)
    return _translate_all(config, pos, langs, args, stages.load_glossary(config))


def _translate_all(config: Config, pos: dict[tuple[str, str], polib.POFile], langs: list[str],
                   args: argparse.Namespace, glossary: Glossary) -> int:
    """Translate language by language, writing each language's catalogues as soon as they are done."""
    engines: dict[str, Engine] = {}
    failed = 0
    for lang in langs:
        with _Progress(lang) as progress:
            reports = stages.translate(config, pos, lang, engines, progress, glossary)
        done = {k: v for k, v in pos.items() if k[0] == lang}
        _report(config, stages.write_all(stages.catalog_outputs(config, None, done)), args, quiet_unchanged=True)
        for r in reports:
            failed += _say(r, args)
    return 1 if failed else 0


def _say(r: Report, args: argparse.Namespace) -> int:
    """One line per language: drafts made, or why none could be; 1 when an engine failed."""
    if r.error:
        print(f"error: {r.lang}: {r.error}; the drafts made before it are kept", file=sys.stderr)
        return 1
    if args.quiet:
        return 0
    if r.unavailable:
        print(f"{r.lang}: no engine available, entries left empty: {r.unavailable}", file=sys.stderr)
    elif r.drafts:
        extra = f", {r.markup_problems} with markup to check" if r.markup_problems else ""
        if r.unknown_words:
            extra += f", {len(set(r.unknown_words))} unknown words"
        print(f"{r.lang}: {r.drafts} machine drafts by {r.engine}{extra}", file=sys.stderr)
    return 0


class _Progress:
    """A per-language progress bar on a terminal, silent otherwise (tqdm decides)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.bar: tqdm | None = None

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, step: int, total: int) -> None:
        if self.bar is None:
            self.bar = tqdm(total=total, desc=self.lang, unit="sentence", disable=None, file=sys.stderr, leave=False)
        self.bar.update(step)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _models_list(args: argparse.Namespace) -> int:
    from pipeline.engines import models

    config = _config(args)
    where = config.models_path() or models.default_models_dir()
    found = models.list_models(where)
    for m in sorted(found):
        print(f"{m.source} -> {m.target}\t{m.version}\t{m.name}")
    if not found:
        print(f"no Argos models installed in {where}; `pipeline models install LANG` or --file PATH", file=sys.stderr)
    return 0


def _models_install(args: argparse.Namespace) -> int:
    from pipeline.engines import models

    config = _config(args)
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


def _lint_findings(config: Config, docs: list[stages.Document]) -> list[glossary_tools.Finding]:
    return glossary_tools.lint(config.root / config.glossary, config.targets, [d.text for d in docs])


def _glossary_lint(args: argparse.Namespace) -> int:
    config = _config(args)
    path = config.root / config.glossary
    if not path.exists():
        raise PipelineError(f"{config.glossary}: no such file")
    findings = _lint_findings(config, stages.load_documents(config))
    for f in findings:
        where = f"{config.relative(path)}:{f.line}" if f.line else config.relative(path)
        print(f"{where}: {f.severity}: {f.message}", file=sys.stderr)
    errors = sum(f.severity == "error" for f in findings)
    if not args.quiet:
        print(f"{errors} errors, {len(findings) - errors} warnings", file=sys.stderr)
    return 1 if errors else 0


def _glossary_suggest(args: argparse.Namespace) -> int:
    config = _config(args)
    glossary = stages.load_glossary(config)
    texts = [s.text for d in stages.load_documents(config) for s in d.segments]
    for phrase, count in glossary_tools.suggest(glossary, texts, args.min_count, args.limit):
        print(f"{count}\t{phrase}")
    return 0


def _glossary_export(args: argparse.Namespace) -> int:
    config = _config(args)
    glossary = stages.load_glossary(config)
    if args.format == "tbx":
        text = glossary_tools.export_tbx(glossary, config.targets, config.source_language)
    elif not args.lang:
        raise PipelineError(f"glossary export --format {args.format} needs --lang")
    elif args.format == "po":
        text = glossary_tools.export_po(glossary, args.lang)
    else:
        text = glossary_tools.export_csv(glossary, args.lang)
    _emit(text, args.output)
    return 0


def _run(args: argparse.Namespace) -> int:
    config = _config(args)
    langs = _langs(config, args)
    docs = stages.load_documents(config)
    errors = [f for f in _lint_findings(config, docs) if f.severity == "error"]
    if errors:
        first = errors[0]
        raise GlossaryError(config.root / config.glossary, first.line,
                            f"{first.message} ({len(errors)} glossary errors; `pipeline glossary lint` lists them; "
                            "nothing was written)")
    glossary = stages.load_glossary(config)
    pots = stages.extract(config, docs)
    pos = stages.update(config, pots, langs, glossary)
    _report(config, stages.write_all(stages.catalog_outputs(config, pots, None)), args, quiet_unchanged=True)
    failed = 0 if args.no_translate else _translate_all(config, pos, langs, args, glossary)
    built = stages.build(config, docs, pos, langs)
    return _finish_build(config, built, stages.catalog_outputs(config, None, pos), args) or failed


def _finish_build(config: Config, built: list[stages.Built], catalogs: dict[Path, str],
                  args: argparse.Namespace) -> int:
    documents, refused = stages.gate(config, built)
    _report(config, stages.write_all({**catalogs, **documents}), args)
    if not args.quiet:
        for b in built:
            print(f"{b.lang}: {b.document.domain}: {b.translated}/{b.total} entries translated ({b.percent:.0f}%)",
                  file=sys.stderr)
        print(f"documents are in {config.relative(config.root / config.build_dir)}/<lang>/", file=sys.stderr)
    for line in refused:
        print(f"error: {line}", file=sys.stderr)
    return 1 if refused else 0


def _report(config: Config, changed: list[Path], args: argparse.Namespace, quiet_unchanged: bool = False) -> None:
    if args.quiet:
        return
    for path in changed:
        print(f"wrote {config.relative(path)}", file=sys.stderr)
    if not changed and not quiet_unchanged:
        print("nothing changed", file=sys.stderr)

