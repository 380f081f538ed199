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

from pipeline import __version__, cli_tools, stages
from pipeline import stats as stats_module
from pipeline.memory import fill as fill_from_memory
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
    _build_options(c, gates=False)
    c.set_defaults(func=_po2md)

    c = sub.add_parser("extract", help="all source documents -> locales/<domain>.pot",
                       description="Segment every source document into its POT template.")
    c.set_defaults(func=_extract)
    c = sub.add_parser("update", help="POT -> one PO per target language, keeping every translation",
                       description="Merge each template into locales/<lang>/LC_MESSAGES/<domain>.po with msgmerge "
                                   "semantics: translations kept, changed text fuzzy with #| msgid, vanished text obsolete.")
    _lang_option(c)
    c.set_defaults(func=_update)
    c = sub.add_parser("translate", help="drafts for every empty entry: translation memory, then Argos, Apertium",
                       description="Pre-translate every empty msgstr of every target catalogue offline, with the "
                                   "engines configured for the language. Drafts are fuzzy, with the engine named in a "
                                   "comment; entries with any translation are never changed. Reviewed translations of "
                                   "every catalogue (and --tm files) fill exact and close matches first.")
    _lang_option(c)
    _tm_option(c)
    c.set_defaults(func=_translate)

    c = sub.add_parser("build", help="PO -> build/<lang>/<document>.md and .html",
                       description="Reassemble localised Markdown and HTML for every document and language.")
    _lang_option(c)
    _build_options(c)
    c.set_defaults(func=_build)
    c = sub.add_parser("run", help="the main job: extract, update, translate and build",
                       description="Run every stage in order. Nothing is written if reading or merging fails; "
                                   "each language's catalogue is written as soon as its drafts are done.")
    c.add_argument("--no-translate", action="store_true", help="skip machine translation")
    _tm_option(c)
    _lang_option(c)
    _build_options(c)
    c.set_defaults(func=_run)
    cli_tools.add_commands(sub)
    return p


def _lang_option(c: argparse.ArgumentParser) -> None:
    c.add_argument("--lang", action="append", metavar="LANG", help="only this target language (repeatable)")


def _tm_option(c: argparse.ArgumentParser) -> None:
    c.add_argument("--tm", action="append", type=Path, metavar="FILE",
                   help="also take translations from this PO or TMX file (repeatable)")


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


def config_from(args: argparse.Namespace) -> Config:
    """The project configuration, with the command line's overrides."""
    root = (args.root or find_root(Path.cwd())).resolve()
    config = load(root)
    overrides = {k: getattr(args, k) for k in ("include_fuzzy", "min_translated", "release", "min_reviewed",
                                               "fail_on_qa_errors") if getattr(args, k, None) is not None}
    return dataclasses.replace(config, **overrides)


def langs_from(config: Config, args: argparse.Namespace) -> list[str]:
    """The target languages chosen with --lang, all of them by default."""
    chosen = args.lang or list(config.targets)
    unknown = [lang for lang in chosen if lang not in config.targets]
    if unknown:
        raise PipelineError(f"--lang {unknown[0]}: not a target language; targets are {', '.join(config.targets)}")
    return chosen


def emit(text: str, output: Path | None) -> None:
    """Write `text` to `output` atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


def _md2po(args: argparse.Namespace) -> int:
    text = read_text(args.source)
    pot = build_catalog(segment(text, args.source.as_posix()), args.source.name, config_from(args).source_language)
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
    emit(dump(pot), out)
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
    emit(result, args.output)
    return 0


def _extract(args: argparse.Namespace) -> int:
    config = config_from(args)
    pots = stages.extract(config, stages.load_documents(config))
    _report(config, stages.write_all(stages.catalog_outputs(config, pots, None)), args)
    return 0


def _update(args: argparse.Namespace) -> int:
    config = config_from(args)
    langs = langs_from(config, args)
    docs = stages.load_documents(config)
    pos = stages.update(config, stages.read_templates(config, docs), langs, stages.load_glossary(config))
    _report(config, stages.write_all(stages.catalog_outputs(config, None, pos)), args)
    return 0


def _build(args: argparse.Namespace) -> int:
    config = config_from(args)
    langs = langs_from(config, args)
    docs = stages.load_documents(config)
    pos = stages.read_catalogs(config, docs, langs)
    return _finish_build(config, stages.build(config, docs, pos, langs), pos, stages.load_glossary(config), args)


def _translate(args: argparse.Namespace) -> int:
    config = config_from(args)
    langs = langs_from(config, args)
    pos = stages.read_catalogs(config, stages.load_documents(config), langs)
    return _translate_all(config, pos, langs, args, stages.load_glossary(config))


def _translate_all(config: Config, pos: dict[tuple[str, str], polib.POFile], langs: list[str],
                   args: argparse.Namespace, glossary: Glossary) -> int:
    """Translate language by language, writing each language's catalogues as soon as they are done."""
    engines: dict[str, Engine] = {}
    memory = stages.build_memory(config, pos, getattr(args, "tm", None) or [])
    failed = 0
    for lang in langs:
        filled = sum(fill_from_memory(po, lang, memory, config.tm_threshold)
                     for (code, _), po in sorted(pos.items()) if code == lang)
        if filled and not args.quiet:
            print(f"{lang}: {filled} drafts from the translation memory", file=sys.stderr)
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


def _run(args: argparse.Namespace) -> int:
    config = config_from(args)
    langs = langs_from(config, args)
    docs = stages.load_documents(config)
    errors = [f for f in cli_tools.lint_findings(config, docs) if f.severity == "error"]
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
    return _finish_build(config, built, pos, glossary, args, catalogs=True) or failed


def _finish_build(config: Config, built: list[stages.Built], pos: dict[tuple[str, str], polib.POFile],
                  glossary: Glossary, args: argparse.Namespace, catalogs: bool = False) -> int:
    """Apply the publish gates, write documents (and catalogues for `run`) and build/report.html."""
    qa = stages.qa(config, pos, glossary)
    documents, refused = stages.gate(config, built, qa)
    outputs = {**(stages.catalog_outputs(config, None, pos) if catalogs else {}), **documents}
    outputs[config.root / config.build_dir / "report.html"] = stats_module.report_page(
        stages.statistics(config, pos, issues=qa), f"{config.project}: translation progress")
    _report(config, stages.write_all(outputs), args)
    if not args.quiet:
        for b in built:
            print(f"{b.lang}: {b.document.domain}: {b.translated}/{b.total} entries translated ({b.percent:.0f}%), "
                  f"{b.reviewed} reviewed", file=sys.stderr)
        build_dir = config.relative(config.root / config.build_dir)
        print(f"documents are in {build_dir}/<lang>/; progress and QA in {build_dir}/report.html", file=sys.stderr)
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

