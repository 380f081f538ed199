"""The project-level stages over a Config: extract, update, build.

Each stage computes its outputs in memory and returns them as {path: text};
the caller writes them only once every stage it runs has succeeded, so a
failure anywhere leaves every file as it was.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.assemble import assemble
from pipeline.catalog import build_catalog, dump, merge, read_catalog, translations
from pipeline.config import Config
from pipeline import glossary as glossary_module
from pipeline import memory as memory_module
from pipeline import stats as stats_module
from pipeline.engines import Engine, create
from pipeline.errors import CatalogError, ConfigError, SourceError
from pipeline.fileio import read_text, write_text
from pipeline.glossary import Glossary
from pipeline.locales import language
from pipeline.model import Issue, Segment
from pipeline.page import render_page
from pipeline.review import review
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
    translated: int  # distinct msgids whose translation is in the output
    reviewed: int    # of those, reviewed (not fuzzy)
    total: int
    outputs: dict[Path, str]
    used: frozenset[str] = frozenset()  # msgids whose msgstr the output carries

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def reviewed_percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0


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
    for name in config.engines_for(lang):
        if name not in engines:
            engines[name] = create(name, config)
    chosen = [engines[name] for name in config.engines_for(lang)]
    return [translate_catalog(po, config.source_language, lang, chosen, progress, glossary)
            for (code, _domain), po in sorted(pos.items()) if code == lang]


def build_memory(config: Config, pos: dict[tuple[str, str], polib.POFile],
                 extra: Sequence[Path] = ()) -> memory_module.Memory:
    """Reviewed translations of every catalogue of the run, of extra PO/TMX files, and of the project memory."""
    catalogs = [(po, lang, config.relative(config.po_path(lang, domain))) for (lang, domain), po in sorted(pos.items())]
    tmx = [p for p in extra if p.suffix.lower() == ".tmx"]
    for path in extra:
        if path.suffix.lower() != ".tmx":
            po = read_catalog(path)
            catalogs.append((po, po.metadata.get("Language", ""), path.name))
    project_memory = config.root / config.memory
    if project_memory.exists():
        tmx.insert(0, project_memory)
    return memory_module.build(catalogs, tmx, config.source_language)


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
    """Localised Markdown and HTML for every document and language.

    A draft build (the default) publishes unreviewed drafts and says so at the
    top of the page; a release build publishes reviewed text only, unless
    include_fuzzy asks otherwise.
    """
    include = config.include_fuzzy or not config.release
    built = []
    for lang in langs:
        for doc in docs:
            po = pos[(lang, doc.domain)]
            table = translations(po, include)
            msgids = {s.text for s in doc.segments}
            used = msgids & table.keys()
            reviewed = msgids & translations(po, False).keys()
            markdown = assemble(doc.text, doc.segments, table)
            drafts = len(used - reviewed)
            notice = (f"Draft: {drafts} of {len(msgids)} passages of this page are unreviewed machine or "
                      "draft translations.") if drafts else ""
            outputs = {config.build_path(lang, doc.domain, ".md"): markdown,
                       config.build_path(lang, doc.domain, ".html"): render_page(markdown, language(lang), notice)}
            built.append(Built(lang, doc, len(used), len(reviewed), len(msgids), outputs, frozenset(used)))
    return built


def gate(config: Config, built: list[Built], qa: dict[tuple[str, str], list[Issue]] | None = None
         ) -> tuple[dict[Path, str], list[str]]:
    """Outputs of the documents that pass the publish gates, and one refusal line for each that does not."""
    outputs: dict[Path, str] = {}
    refused = []
    for b in built:
        md = config.relative(config.build_path(b.lang, b.document.domain, ".md"))
        blocking = [i for i in (qa or {}).get((b.lang, b.document.domain), [])
                    if i.severity == "error" and i.msgid in b.used] if config.fail_on_qa_errors else []
        if b.percent + 1e-9 < config.min_translated:
            refused.append(f"{md}: not written: {b.percent:.1f}% translated ({b.translated} of {b.total} entries), "
                           f"below --min-translated {config.min_translated:g}")
        elif b.reviewed_percent + 1e-9 < config.min_reviewed:
            refused.append(f"{md}: not written: {b.reviewed_percent:.1f}% reviewed ({b.reviewed} of {b.total} "
                           f"entries), below --min-reviewed {config.min_reviewed:g}")
        elif blocking:
            entries: dict[tuple[str, int], list[str]] = {}
            for i in blocking:
                checks = entries.setdefault((i.path, i.line), [])
                if i.check not in checks:
                    checks.append(i.check)
            where = ", ".join(f"{path}:{line} ({', '.join(checks)})" for (path, line), checks in list(entries.items())[:5])
            more = f" and {len(entries) - 5} more" if len(entries) > 5 else ""
            refused.append(f"{md}: not written: {len(entries)} entries with QA errors block it: {where}{more}; "
                           f"see `pipeline check --lang {b.lang}`")
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


def statistics(config: Config, pos: dict[tuple[str, str], polib.POFile], glossary: Glossary | None = None,
               issues: dict[tuple[str, str], list[Issue]] | None = None) -> list[stats_module.Stats]:
    """Progress counts per language and document, with QA error and warning counts."""
    if issues is None:
        issues = qa(config, pos, glossary)
    found = []
    order = {lang: i for i, lang in enumerate(config.targets)}  # languages as configured
    for (lang, domain), po in sorted(pos.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][1])):
        counts = stats_module.count(po, lang, domain)
        found_issues = issues.get((lang, domain), [])
        counts.errors = sum(i.severity == "error" for i in found_issues)
        counts.warnings = len(found_issues) - counts.errors
        found.append(counts)
    return found


def qa(config: Config, pos: dict[tuple[str, str], polib.POFile],
       glossary: Glossary | None = None) -> dict[tuple[str, str], list[Issue]]:
    """QA findings per catalogue."""
    return {(lang, domain): review(po, config.relative(config.po_path(lang, domain)), lang, glossary)
            for (lang, domain), po in pos.items()}
