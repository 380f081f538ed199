"""One document with a catalogue's translations: what `build` and `po2md` both do.

The translations to publish (the HTML they add escaped), the source with them
spliced in, and the arithmetic of the gates.  Apart from publish.py, so that
po2md starts without the pages, reports and QA that only `build` makes.
"""
from __future__ import annotations

from collections.abc import Sequence

import polib

from pipeline import frontmatter
from pipeline.assemble import assemble
from pipeline.config import Config
from pipeline.errors import where
from pipeline.locales import Language
from pipeline.model import Segment
from pipeline.sanitize import sanitize


def share(done: int, total: int) -> float:
    """Percentage of `total` that is `done` (an empty document is complete)."""
    return 100.0 * done / total if total else 100.0


def below(what: str, done: int, total: int, minimum: float, flag: str) -> str:
    """Why a document falls short of a --min-translated or --min-reviewed gate, or '' when it passes."""
    percent = share(done, total)
    if percent + 1e-9 >= minimum:
        return ""
    return f"not released: {percent:.1f}% {what} ({done} of {total} entries), below {flag} {minimum:g}"


def localised(config: Config, text: str, segments: Sequence[Segment], table: dict[str, str],
              lang: Language | None) -> str:
    """The source `text` with its translations, and its front matter's lang/language set to `lang` when known."""
    markdown = assemble(text, segments, table)
    if lang is not None and "front-matter" in config.markdown:
        markdown = frontmatter.with_language(markdown, lang.html_lang)
    return markdown


def confined(po: polib.POFile, table: dict[str, str], path: str) -> tuple[dict[str, str], list[str]]:
    """The translations to publish with the HTML they add to their source escaped, and where that was
    done (`path:line` of each entry, in PO order)."""
    safe = {msgid: sanitize(msgid, msgstr) for msgid, msgstr in table.items()}
    lines = {e.msgid: e.linenum for e in po if not e.obsolete}
    changed = sorted((m for m in table if safe[m] != table[m]), key=lambda m: lines.get(m) or 0)
    return safe, [where(path, lines.get(m)) for m in changed]
