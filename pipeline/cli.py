"""The `pipeline` command: a thin layer over the library; the only module that prints or exits."""
from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import __version__, stages
from pipeline.assemble import assemble
from pipeline.catalog import build_catalog, dump, merge, read_catalog, translations
from pipeline.config import Config, find_root, load
from pipeline.errors import CatalogError, LocatedError, PipelineError, SourceError
from pipeline.fileio import read_text, write_text
from pipeline.locales import language
from pipeline.page import render_page
from pipeline.segment import segment


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
    c = sub.add_parser("build", help="PO -> build/<lang>/<document>.md and .html",
                       description="Reassemble localised Markdown and HTML for every document and language.")
    _lang_option(c)
    _build_options(c)
    c.set_defaults(func=_build)
    c = sub.add_parser("run", help="the main job: extract, update and build",
                       description="Run every stage in order; nothing is written unless every stage succeeds.")
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
    pos = stages.update(config, stages.read_templates(config, docs), langs)
    _report(config, stages.write_all(stages.catalog_outputs(config, None, pos)), args)
    return 0


def _build(args: argparse.Namespace) -> int:
    config = _config(args)
    langs = _langs(config, args)
    docs = stages.load_documents(config)
    return _finish_build(config, stages.build(config, docs, stages.read_catalogs(config, docs, langs), langs), {}, args)


def _run(args: argparse.Namespace) -> int:
    config = _config(args)
    langs = _langs(config, args)
    docs = stages.load_documents(config)
    pots = stages.extract(config, docs)
    pos = stages.update(config, pots, langs)
    built = stages.build(config, docs, pos, langs)
    return _finish_build(config, built, stages.catalog_outputs(config, pots, pos), args)


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


def _report(config: Config, changed: list[Path], args: argparse.Namespace) -> None:
    if args.quiet:
        return
    for path in changed:
        print(f"wrote {config.relative(path)}", file=sys.stderr)
    if not changed:
        print("nothing changed", file=sys.stderr)

