"""Publishing: catalogues -> localised documents, and the gates that may refuse one.

A draft build (the default) publishes unreviewed drafts and says so at the
top of the page; a release build publishes reviewed text only, unless
include_fuzzy asks otherwise.  A gate refusal is a line for the user naming the
entries that block it, and the refused document's files say it is not released
(a page from an earlier run never stays online).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from pipeline.catalog import translations
from pipeline.config import Config
from pipeline.errors import where
from pipeline.locales import language
from pipeline.model import Issue
from pipeline.notice import notice
from pipeline.page import not_released_page, render_page
from pipeline.project.localise import below, confined, localised, share
from pipeline.review_page import LABELS, Catalogue, Section, page, section
from pipeline.stats import state

if TYPE_CHECKING:  # md2po/po2md use this module without the project inputs (glossary, memory)
    from pipeline.project.inputs import Catalogs, Document

_SHOWN = 5  # blocking entries named in a refusal; the rest are counted


@dataclass(frozen=True)
class Built:
    """One localised document: its outputs and how much of it is translated."""

    lang: str
    document: Document
    translated: int  # distinct msgids whose translation is in the output
    reviewed: int    # of those, reviewed (not fuzzy)
    total: int
    outputs: dict[Path, str]
    used: frozenset[str] = field(default=frozenset())  # msgids whose msgstr the output carries
    escaped: tuple[str, ...] = ()  # PO file:line of each published translation whose added HTML was escaped

    @property
    def percent(self) -> float:
        return share(self.translated, self.total)

    @property
    def reviewed_percent(self) -> float:
        return share(self.reviewed, self.total)


def build(config: Config, units: Sequence[tuple[str, Document]], pos: Catalogs) -> list[Built]:
    """Localised Markdown and HTML for every (language, document), in memory."""
    include = config.include_fuzzy or not config.release
    built = []
    for lang, doc in units:
        po = pos[(lang, doc.domain)]
        table, escaped = confined(po, translations(po, include), config.relative(config.po_path(lang, doc.domain)))
        msgids = {s.text for s in doc.segments}
        used = msgids & table.keys()
        reviewed = msgids & translations(po, False).keys()
        markdown = localised(config, doc.text, doc.segments, table, language(lang))
        fallback = msgids - used
        text, text_lang = notice(lang, config.source_language, len(used - reviewed), len(fallback), len(msgids))
        rendered = render_page(markdown, language(lang), text, config.markdown, fallback, config.source_language,
                               text_lang or "en")
        outputs = {config.build_path(lang, doc.domain, ".md"): markdown,
                   config.build_path(lang, doc.domain, ".html"): rendered}
        built.append(Built(lang, doc, len(used), len(reviewed), len(msgids), outputs, frozenset(used),
                           tuple(escaped)))
    return built


def sections(config: Config, built: Sequence[Built], pos: Catalogs, qa: dict[tuple[str, str], list[Issue]]
             ) -> dict[tuple[str, str], Section]:
    """Each built document's section of its language's review page, gates or not: a refused one needs
    review most."""
    found = {}
    for b in built:
        key = (b.lang, b.document.domain)
        found[key] = section(language(b.lang), config.source_language, Catalogue(
            b.document.domain, pos[key], config.relative(config.po_path(*key)), b.used, qa.get(key, [])))
    return found


def review_page(config: Config, lang: str, parts: Sequence[Section]) -> str:
    """build/<lang>/review.html, from its documents' sections."""
    return page(language(lang), config.project, parts)


def gate(config: Config, built: Sequence[Built], qa: dict[tuple[str, str], list[Issue]], pos: Catalogs
         ) -> tuple[dict[Path, str], dict[tuple[str, str], str]]:
    """Outputs of the documents that pass the publish gates, and a refusal line for each (language, domain)
    that does not, naming the entries that block it.  A refused document's files become a "not released"
    page, so no page from an earlier run stays published."""
    outputs: dict[Path, str] = {}
    refused = {}
    for b in built:
        key = (b.lang, b.document.domain)
        path = config.relative(config.po_path(*key))
        md = config.relative(config.build_path(b.lang, b.document.domain, ".md"))
        why = below("translated", b.translated, b.total, config.min_translated, "--min-translated")
        if why:
            why += _unfinished(pos[key], b, path, reviewed=False)
        else:
            why = below("reviewed", b.reviewed, b.total, config.min_reviewed, "--min-reviewed")
            why += _unfinished(pos[key], b, path, reviewed=True) if why else ""
        if not why and config.fail_on_qa_errors:
            why = _blocking(qa.get(key, []), b)
        if why:
            refused[key] = f"{md}: {why}"
            outputs.update(withheld(config, b, why))
        else:
            outputs.update(b.outputs)
    return outputs, refused


def withheld(config: Config, b: Built, why: str) -> dict[Path, str]:
    """The files of a refused document: a short page saying it is not released, and why."""
    lang = language(b.lang)
    text = f"{config.project}: {b.document.domain} is not released in {lang.english_name} ({b.lang}): {why}."
    return {config.build_path(b.lang, b.document.domain, ".md"): text + "\n",
            config.build_path(b.lang, b.document.domain, ".html"): not_released_page(text, lang)}


def _unfinished(po: polib.POFile, b: Built, path: str, reviewed: bool) -> str:
    """'; blocking: file:line (state), ...' for the entries of the document that a gate counts against it."""
    msgids = {s.text for s in b.document.segments}
    found = [f"{where(path, e.linenum)} ({LABELS[state(e)]})" for e in po
             if not e.obsolete and e.msgid in msgids and (e.msgid not in b.used or (reviewed and state(e) != "reviewed"))]
    more = f" and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
    return f"; blocking: {', '.join(found[:_SHOWN])}{more}" if found else ""


def _blocking(issues: Sequence[Issue], b: Built) -> str:
    """The refusal for QA errors in entries the document publishes, or ''."""
    entries: dict[tuple[str, int], list[str]] = {}
    for i in issues:
        if i.severity == "error" and i.msgid in b.used:
            checks = entries.setdefault((i.path, i.line), [])
            if i.check not in checks:
                checks.append(i.check)
    if not entries:
        return ""
    named = ", ".join(f"{where(path, line)} ({', '.join(checks)})"
                      for (path, line), checks in list(entries.items())[:_SHOWN])
    more = f" and {len(entries) - _SHOWN} more" if len(entries) > _SHOWN else ""
    return (f"not released: {len(entries)} entries with QA errors block it: {named}{more}; "
            f"see `pipeline check --lang {b.lang}`")
