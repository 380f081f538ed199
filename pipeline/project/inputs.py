"""Reading a project's inputs: source documents, templates, catalogues, glossary, memory.

Every reader raises a PipelineError that names the file (and line) and says
what to do, before anything is written.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline import glossary as glossary_module
from pipeline import glossary_tools
from pipeline import memory as memory_module
from pipeline.catalog import read_catalog
from pipeline.config import Config
from pipeline.errors import CatalogError, ConfigError, GlossaryError, SourceError, WordListError
from pipeline.fileio import read_text
from pipeline.glossary import Glossary
from pipeline.locales import PSEUDO
from pipeline.model import Segment
from pipeline.segment import segment
from pipeline.spelling import is_word

Catalogs = dict[tuple[str, str], polib.POFile]
"""(language, domain) -> catalogue."""


@dataclass(frozen=True)
class Document:
    """A source document, read and segmented once."""

    path: Path
    domain: str
    text: str
    segments: list[Segment]


def sources(config: Config) -> dict[str, Path]:
    """domain -> source document, in path order; an error when none match or two share a domain."""
    paths = config.documents()
    if not paths:
        raise ConfigError(config.root / "pyproject.toml", None,
                          f"no source documents match [tool.pipeline] sources = {list(config.sources)}")
    found: dict[str, Path] = {}
    for path in paths:
        domain = config.domain(path)
        if domain in found:
            raise SourceError(path, None, f"same catalogue domain {domain!r} as {found[domain].name}; rename one")
        found[domain] = path
    return found


def documents(config: Config, paths: Sequence[Path] | None = None) -> list[Document]:
    """Every source document (or those at `paths`, of sources()), segmented."""
    docs = []
    for path in sources(config).values() if paths is None else paths:
        text = read_text(path)
        docs.append(Document(path, config.domain(path), text,
                             segment(text, config.relative(path), config.markdown, config.front_matter_keys)))
    return docs


def glossary(config: Config) -> Glossary:
    """The project glossary (empty when the file does not exist)."""
    return glossary_module.load(config.root / config.glossary, config.targets)


def lint_glossary(config: Config, docs: Sequence[Document]) -> list[glossary_tools.Finding]:
    """Lint findings of the project glossary against the project's sources."""
    languages = [lang for lang in config.targets if lang != PSEUDO]
    return glossary_tools.lint(config.root / config.glossary, languages, [d.text for d in docs])


def checked_glossary(config: Config) -> Glossary:
    """The glossary, refused as a whole when lint finds an error: a bad row would silently drop a term.

    The file is parsed once, and its terms are not looked up in the sources: that only gives warnings."""
    path = config.root / config.glossary
    if not path.exists():
        return glossary(config)
    languages = tuple(lang for lang in config.targets if lang != PSEUDO)
    try:
        rows, header = glossary_module.read_rows(path)
    except GlossaryError as exc:
        errors = [glossary_tools.Finding(exc.line, "error", exc.message)]
    else:
        errors = sorted((f for f in glossary_tools.lint_rows(rows, header, languages) if f.severity == "error"),
                        key=lambda f: f.line or 0)
    if errors:
        raise GlossaryError(path, errors[0].line,
                            f"{errors[0].message} ({len(errors)} glossary errors; `pipeline glossary lint` lists "
                            "them; nothing was written)")
    return glossary_module.from_rows(path, rows, header, config.targets)


def templates(config: Config, docs: Sequence[Document]) -> dict[str, polib.POFile]:
    """The POT files on disk, for `update` run on its own."""
    pots = {}
    for doc in docs:
        path = config.pot_path(doc.domain)
        if not path.exists():
            raise CatalogError(path, None, "no such template; run `pipeline extract` first")
        pots[doc.domain] = read_catalog(path)
    return pots


Seen = dict[Path, "str | None"]
"""Catalogue path -> its text as read (None: it did not exist), so writes can tell a person saved since."""


def existing(config: Config, lang: str, domain: str, seen: Seen | None = None) -> polib.POFile | None:
    """The catalogue on disk for a merge, or None for a new language."""
    path = config.po_path(lang, domain)
    if not path.exists():
        if seen is not None:
            seen[path] = None
        return None
    return read_catalog(path, seen)


def catalogs(config: Config, docs: Sequence[Document], langs: Sequence[str], seen: Seen | None = None) -> Catalogs:
    """The PO files on disk, for commands run after `update`."""
    found = {}
    for lang in langs:
        for doc in docs:
            path = config.po_path(lang, doc.domain)
            if not path.exists():
                raise CatalogError(path, None, "no such catalogue; run `pipeline update` first")
            found[(lang, doc.domain)] = read_catalog(path, seen)
    return found


def word_list(config: Config, lang: str) -> tuple[str, ...]:
    """locales/<lang>/words.txt: words the `spelling` check accepts, one a line (# starts a comment)."""
    path = config.root / config.locales_dir / lang / "words.txt"
    if not path.exists():
        return ()
    found = []
    for number, line in enumerate(read_text(path, WordListError).splitlines(), 1):
        word = line.split("#")[0].strip()
        if word and not is_word(word):
            raise WordListError(path, number, f"{word!r} is not one word (letters, with ' or - inside); "
                                              "write one word a line, # starts a comment")
        found += [word] if word else []
    return tuple(found)


class Deferred(memory_module.Memory):
    """A memory whose units of a language are gathered at its first lookup: most runs that redo a few
    documents look nothing up, and then never read the unchanged catalogues that feed it."""

    def __init__(self, gather: Callable[[str], memory_module.Memory]) -> None:
        super().__init__()
        self._gather = gather
        self._gathered: set[str] = set()

    def lookup(self, source: str, lang: str, threshold: float) -> tuple[memory_module.Unit, float] | None:
        if lang not in self._gathered:
            self._gathered.add(lang)
            self.units[lang] = self._gather(lang).units.get(lang, {})
        return super().lookup(source, lang, threshold)


def memory(config: Config, pos: Catalogs, extra: Sequence[Path] = ()) -> memory_module.Memory:
    """Reviewed translations of every catalogue of the run, of extra PO/TMX files, and of the project memory."""
    sources = [(po, lang, config.relative(config.po_path(lang, domain))) for (lang, domain), po in sorted(pos.items())]
    tmx = [p for p in extra if p.suffix.lower() == ".tmx"]
    for path in extra:
        if path.suffix.lower() != ".tmx":
            po = read_catalog(path)
            sources.append((po, po.metadata.get("Language", ""), path.name))
    project_memory = config.root / config.memory
    if project_memory.exists():
        tmx.insert(0, project_memory)
    return memory_module.build(sources, tmx, config.source_language)
