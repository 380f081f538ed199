"""The commands for the people around the catalogues: single files, glossary, memory, models.

Like the stage commands, each returns what it made; the command line prints
it, and `save` is how an output asked for with -o reaches the disk.  The glossary,
memory, project-input, page and writer modules are imported inside the commands that use them,
so that md2po and po2md (one file each, often in a build loop) start without them.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import frontmatter
from pipeline.catalog import build_catalog, dump, language_of, merge, read_catalog, translations
from pipeline.config import Config
from pipeline.errors import GateRefused, UsageError
from pipeline.fileio import read_text, write_text
from pipeline.locales import Language, language
from pipeline.project.localise import below, confined, localised
from pipeline.segment import segment

if TYPE_CHECKING:
    from pipeline import glossary_tools
    from pipeline.engines.argos_models import ModelInfo

log = logging.getLogger(__name__)


def save(path: Path, text: str) -> bool:
    """Write a command's output atomically; False when the file already held it."""
    return write_text(path, text)


def md2po(config: Config, source: Path, output: Path | None) -> str:
    """Any Markdown file -> its POT text; translations already in `output` are merged in, never dropped."""
    segments = segment(read_text(source), source.as_posix(), config.markdown, config.front_matter_keys)
    pot = build_catalog(segments, source.name, config.source_language)
    if output is not None and output.exists():
        old = read_catalog(output)
        if any(e.msgstr for e in old):
            pot = merge(pot, old, language_of(old, output, "set it so its translations are kept (nothing was written)"))
    return dump(pot)


def po2md(config: Config, source: Path, catalog: Path, output: Path | None, html: bool = False,
          include_fuzzy: bool = False, min_translated: float = 0.0) -> str:
    """A Markdown file rebuilt with a catalogue's translations (an HTML page with `html`)."""
    text = read_text(source)
    po = read_catalog(catalog)
    segments = segment(text, source.as_posix(), config.markdown, config.front_matter_keys)
    table, escaped = confined(po, translations(po, include_fuzzy), str(catalog))
    if escaped:
        log.warning("%d translations carried HTML the source does not have; escaped: %s",
                    len(escaped), ", ".join(escaped))
    msgids = {s.text for s in segments}
    refusal = below("translated", len(msgids & table.keys()), len(msgids), min_translated, "--min-translated")
    if refusal:
        raise GateRefused(f"{output or 'stdout'}: {refusal}")
    has_lang = "front-matter" in config.markdown and frontmatter.block(text) is not None
    try:  # a document without front matter has no lang to set: no Babel data needed
        lang: Language | None = language(po.metadata.get("Language", "")) if has_lang else None
    except ValueError:
        lang = None  # the front matter's lang stays as it is
    result = localised(config, text, segments, table, lang)
    if not html:
        return result
    from pipeline.page import render_page
    return render_page(result, language_of(po, catalog, "set it to write --html"), "", config.markdown)


def glossary_lint(config: Config) -> list[glossary_tools.Finding]:
    """Errors and warnings of glossary.csv, checked against the sources."""
    from pipeline.project import inputs
    if not (config.root / config.glossary).exists():
        raise UsageError(f"{config.glossary}: no such file")
    return inputs.lint_glossary(config, inputs.documents(config))


def glossary_suggest(config: Config, min_count: int, limit: int) -> list[glossary_tools.Suggestion]:
    """Noun phrases and names of the sources that no glossary term covers, with counts and an example."""
    from pipeline import glossary_tools
    from pipeline.project import inputs
    texts = [s.text for d in inputs.documents(config) for s in d.segments]
    return glossary_tools.suggest(inputs.glossary(config), texts, min_count, limit, config.source_language)


def glossary_export(config: Config, fmt: str, lang: str | None) -> str:
    """The approved terms as TBX (every language), or as a PO or CSV glossary for one language."""
    from pipeline import glossary_tools
    from pipeline.project import inputs
    glossary = inputs.glossary(config)
    if fmt == "tbx":
        return glossary_tools.export_tbx(glossary, config.targets, config.source_language)
    if not lang:
        raise UsageError(f"glossary export --format {fmt} needs --lang")
    return glossary_tools.export_po(glossary, lang) if fmt == "po" else glossary_tools.export_csv(glossary, lang)


def tm_export(config: Config) -> str:
    """Every reviewed translation of every catalogue, and the project memory, as TMX."""
    from pipeline import memory as memory_module
    from pipeline.project import inputs
    docs = inputs.documents(config)
    memory = inputs.memory(config, inputs.catalogs(config, docs, list(config.targets)))
    return memory_module.export_tmx(memory, config.source_language)


@dataclass(frozen=True)
class Imported:
    """What `tm import` added to the project memory."""

    path: Path
    added: int
    total: int


def tm_import(config: Config, tmx: Path) -> Imported:
    """Merge the units of a TMX file into the project memory file."""
    from pipeline import memory as memory_module
    from pipeline.project.writer import rewrite
    units = memory_module.read_tmx(tmx, config.source_language)
    target = config.root / config.memory
    counts = [0, 0]

    def merged(current: str | None) -> str:
        memory = memory_module.Memory()
        for unit in memory_module.parse_tmx(current, target, config.source_language) if current else []:
            memory.add(unit)
        counts[:] = [len(memory), 0]
        for unit in units:
            memory.add(unit)
        counts[1] = len(memory)
        return memory_module.export_tmx(memory, config.source_language)

    rewrite(target, merged)
    return Imported(target, counts[1] - counts[0], counts[1])


def models_list(config: Config) -> tuple[Path, list[ModelInfo]]:
    """Where the Argos models are, and the installed ones."""
    from pipeline.engines import argos_models

    where = config.models_path() or argos_models.default_models_dir()
    return where, sorted(argos_models.list_models(where))


def models_install(config: Config, langs: Sequence[str], files: Sequence[Path],
                   allow_http: bool = False) -> list[ModelInfo]:
    """Install model files, then the models that translate the source language into `langs` from the index
    (over https unless `allow_http`)."""
    from pipeline.engines import argos_index, argos_models

    if not langs and not files:
        raise UsageError("models install: name languages (e.g. `pipeline models install en de`) or --file PATH")
    where = config.models_path()
    installed = [argos_models.install_file(path, where) for path in files]
    if langs:
        installed += argos_index.install_languages(langs, config.source_language, where, allow_http=allow_http)
    return installed
