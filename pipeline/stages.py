"""The project-level stages over a Config: extract, update, build.

Each stage computes its outputs in memory and returns them as {path: text};
the caller writes them only once every stage it runs has succeeded, so a
failure anywhere leaves every file as it was.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.assemble import assemble
from pipeline.catalog import build_catalog, dump, merge, read_catalog, translations
from pipeline.config import Config
from pipeline import glossary as glossary_module
from pipeline.engines import Engine, create
from pipeline.errors import CatalogError, ConfigError, SourceError
from pipeline.fileio import read_text, write_text
from pipeline.glossary import Glossary
from pipeline.locales import language
from pipeline.model import Segment
from pipeline.page import render_page
from pipeline.segment import segment
from pipeline.translate import Report, translate_catalog


@dataclass(frozen=True)
class Document:
    """A source document, read and segmented once."""

    path: Path
    domain: str
    text: str
    segments: list[Segment]


@dataclass(frozen=True)
class Built:
    """One localised document: its outputs and how much of it is translated."""

    lang: str
    document: Document
    translated: int
    total: int
    outputs: dict[Path, str]

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def load_documents(config: Config) -> list[Document]:
    """Every source document, segmented; an error when none match or two share a domain."""
    paths = config.documents()
    if not paths:
        raise ConfigError(config.root / "pyproject.toml", None,
                          f"no source documents match [tool.pipeline] sources = {list(config.sources)}")
    docs: dict[str, Document] = {}
    for path in paths:
        domain = config.domain(path)
        if domain in docs:
            raise SourceError(path, None, f"same catalogue domain {domain!r} as {docs[domain].path.name}; rename one")
        text = read_text(path)
        docs[domain] = Document(path, domain, text, segment(text, config.relative(path)))
    return list(docs.values())


def extract(config: Config, docs: list[Document]) -> dict[str, polib.POFile]:
    """domain -> POT template."""
    project = f"{config.project} {config.version}".strip()
    return {d.domain: build_catalog(d.segments, project, config.source_language, config.bugs_address)
            for d in docs}


def read_templates(config: Config, docs: list[Document]) -> dict[str, polib.POFile]:
    """The POT files on disk, for `update` run on its own."""
    pots = {}
    for doc in docs:
        path = config.pot_path(doc.domain)
        if not path.exists():
            raise CatalogError(path, None, "no such template; run `pipeline extract` first")
        pots[doc.domain] = read_catalog(path)
    return pots


def load_glossary(config: Config) -> Glossary:
    """The project glossary (empty when the file does not exist)."""
    return glossary_module.load(config.root / config.glossary, config.targets)


def update(config: Config, pots: dict[str, polib.POFile], langs: list[str],
           glossary: Glossary | None = None) -> dict[tuple[str, str], polib.POFile]:
    """(lang, domain) -> PO merged from the template and the PO already on disk, with glossary hints."""
    merged = {}
    for lang in langs:
        for domain, pot in pots.items():
            path = config.po_path(lang, domain)
            old = read_catalog(path) if path.exists() else None
            po = merge(pot, old, language(lang))
            if glossary is not None:
                glossary_module.annotate(po, glossary, lang)
            merged[(lang, domain)] = po
    return merged


def translate(config: Config, pos: dict[tuple[str, str], polib.POFile], lang: str,
              engines: dict[str, Engine], progress: Callable[[int, int], None] | None = None,
              glossary: Glossary | None = None) -> list[Report]:
    """Machine drafts for the empty entries of every catalogue of `lang`, in place.

    `engines` caches engine objects by name across the languages of one run,
    so models and Apertium's mode list are loaded once.
    """
    chosen = [engines[name] if name in engines else engines.setdefault(name, create(name, config))
              for name in config.engines_for(lang)]
    return [translate_catalog(po, config.source_language, lang, chosen, progress, glossary)
            for (code, _domain), po in sorted(pos.items()) if code == lang]


def read_catalogs(config: Config, docs: list[Document], langs: list[str]) -> dict[tuple[str, str], polib.POFile]:
    """The PO files on disk, for `build` run on its own."""
    found = {}
    for lang in langs:
        for doc in docs:
            path = config.po_path(lang, doc.domain)
            if not path.exists():
                raise CatalogError(path, None, "no such catalogue; run `pipeline update` first")
            found[(lang, doc.domain)] = read_catalog(path)
    return found


def build(config: Config, docs: list[Document], pos: dict[tuple[str, str], polib.POFile],
          langs: list[str]) -> list[Built]:
    """Localised Markdown and HTML for every document and language."""
    built = []
    for lang in langs:
        for doc in docs:
            table = translations(pos[(lang, doc.domain)], config.include_fuzzy)
            msgids = {s.text for s in doc.segments}
            markdown = assemble(doc.text, doc.segments, table)
            outputs = {config.build_path(lang, doc.domain, ".md"): markdown,
                       config.build_path(lang, doc.domain, ".html"): render_page(markdown, language(lang))}
            built.append(Built(lang, doc, len(msgids & table.keys()), len(msgids), outputs))
    return built


def gate(config: Config, built: list[Built]) -> tuple[dict[Path, str], list[str]]:
    """Outputs of the documents that meet min_translated, and one refusal line for each that does not."""
    outputs: dict[Path, str] = {}
    refused = []
    for b in built:
        if b.percent + 1e-9 < config.min_translated:
            md = config.relative(config.build_path(b.lang, b.document.domain, ".md"))
            refused.append(f"{md}: not written: {b.percent:.1f}% translated ({b.translated} of {b.total} entries), "
                           f"below --min-translated {config.min_translated:g}")
        else:
            outputs.update(b.outputs)
    return outputs, refused


def catalog_outputs(config: Config, pots: dict[str, polib.POFile] | None,
                    pos: dict[tuple[str, str], polib.POFile] | None) -> dict[Path, str]:
    """{path: PO text} for templates and catalogues."""
    out = {config.pot_path(d): dump(p) for d, p in (pots or {}).items()}
    out.update({config.po_path(lang, d): dump(p) for (lang, d), p in (pos or {}).items()})
    return out


def write_all(outputs: dict[Path, str]) -> list[Path]:
    """Write every output atomically; the paths whose content changed."""
    return [path for path, text in sorted(outputs.items()) if write_text(path, text)]
