"""GNU gettext's canonical PO layout: the text `msgcat` writes for a catalogue.

polib parses; this module writes, so that `msgcat`, Poedit or Weblate saving a
catalogue the pipeline wrote changes nothing.  It follows gettext's write-po.c:
strings wrap at width 79 at Unicode line-break opportunities (linebreak.py),
a string holding a `\\n` before its end starts with `""` and breaks after each
`\\n`, comments are never wrapped, references are, flags come fuzzy first.
Two things gettext would drop are kept: flags it does not know (`no-check-…`)
and obsolete entries without a translation.
"""
from __future__ import annotations

import re
import sys

import polib

from pipeline.linebreak import MANDATORY, POSSIBLE, opportunities, width

PAGE_WIDTH = 79
_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
            "\\": "\\\\", '"': '\\"'}
_PORTION = re.compile(r"[^\n]*\n|[^\n]+")
# gettext knows these flags and writes them after fuzzy; any other flag it drops.
_FORMAT_FLAG = re.compile(r"(?:no-|possible-)?[a-z0-9+#-]+-format|range: \d+\.\.\d+|no-wrap")


def render(po: polib.POFile) -> tuple[str, list[tuple[polib.POEntry, int]]]:
    """The PO text of `po` and the first line of each entry in it (live entries first, then obsolete)."""
    blocks = [_header(po)]
    ordered = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    blocks += [_entry(e) for e in ordered]
    placed: list[tuple[polib.POEntry, int]] = []
    line = len(blocks[0]) + 2
    for entry, block in zip(ordered, blocks[1:]):
        placed.append((entry, line))
        line += len(block) + 1
    return "\n\n".join("\n".join(block) for block in blocks) + "\n", placed


def _header(po: polib.POFile) -> list[str]:
    """The header entry: its comment, then `msgstr ""` with one line per field, polib's field order."""
    lines = _comment_lines("#", po.header) if po.header else []
    fields = "".join(f"{name}: {value}\n" for name, value in po.ordered_metadata())
    if po.metadata_is_fuzzy and fields:
        lines.append("#, fuzzy")
    return lines + _string("msgid", "") + _string("msgstr", fields)


def _entry(entry: polib.POEntry) -> list[str]:
    """One entry as gettext writes it: comments, references, flags, previous msgid, strings."""
    lines = _comment_lines("#", entry.tcomment) if entry.tcomment else []
    lines += _comment_lines("#.", entry.comment) if entry.comment else []
    lines += _references(entry.occurrences)
    wrap = "no-wrap" not in entry.flags
    forms = ([entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural, key=int)]
             if entry.msgid_plural else [entry.msgstr])
    flags = _flags(entry.flags, fuzzy_shown=bool(forms and forms[0]) or entry.obsolete)
    if flags:
        lines.append("#, " + ", ".join(flags))
    old = "#~| " if entry.obsolete else "#| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += _string(keyword, value, old, wrap)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _string("msgctxt", entry.msgctxt, prefix, wrap)
    lines += _string("msgid", entry.msgid, prefix, wrap)
    if entry.msgid_plural:
        lines += _string("msgid_plural", entry.msgid_plural, prefix, wrap)
        for i, form in enumerate(forms):
            lines += _string(f"msgstr[{i}]", form, prefix, wrap)
    else:
        lines += _string("msgstr", entry.msgstr, prefix, wrap)
    return lines


def _comment_lines(mark: str, text: str) -> list[str]:
    """One comment line per line of `text`, never wrapped: `# text`, or `#` alone for an empty line."""
    return [f"{mark} {line}" if line else mark for line in text.split("\n")]


def _references(occurrences: list[tuple[str, str]]) -> list[str]:
    """`#:` lines holding as many `file:line` as fit in 79 columns, duplicates dropped as gettext does."""
    seen: list[str] = []
    for path, number in occurrences:
        ref = f"{path}:{number}" if number else path
        if ref not in seen:
            seen.append(ref)
    lines: list[str] = []
    column = PAGE_WIDTH + 1
    for ref in seen:
        size = len(ref.encode()) + 1
        if column > 2 and column + size > PAGE_WIDTH:
            lines.append("#:")
            column = 2
        lines[-1] += " " + ref
        column += size
    return lines


def _flags(flags: list[str], fuzzy_shown: bool) -> list[str]:
    """Fuzzy first (not on an empty msgstr, where it means nothing), then the others in their order."""
    rest = [f for f in flags if f != "fuzzy"]
    return (["fuzzy"] if "fuzzy" in flags and fuzzy_shown else []) + rest


def _string(keyword: str, value: str, prefix: str = "", wrap: bool = True) -> list[str]:
    """`keyword "value"` over as many lines as gettext's wrapping gives."""
    lines: list[str] = []
    first = True
    portions = _PORTION.findall(value) or [""]
    for n, portion in enumerate(portions):
        text, fixed = _escaped(portion)
        after_break = len(prefix) + 1
        limit = (PAGE_WIDTH if wrap else sys.maxsize) - 1 - after_break
        start = len(keyword) + 1 if first else 0   # the keyword and its space precede the first line
        breaks = _breaks(text, fixed, limit, start)
        if first and text and (n + 1 < len(portions) or start > limit or any(breaks)):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            breaks = _breaks(text, fixed, limit, 0)
        cuts = [0] + [i for i, cut in enumerate(breaks) if cut] + [len(text)]
        pieces = [text[a:b] for a, b in zip(cuts, cuts[1:])]
        for piece in pieces:
            lines.append(f'{prefix}{keyword} "{piece}"' if first else f'{prefix}"{piece}"')
            first = False
    return lines


def _escaped(portion: str) -> tuple[str, list[bool]]:
    """The portion with C escapes, and where a break is forbidden: inside an escape, before a final `\\n`."""
    chars: list[str] = []
    fixed: list[bool] = []
    for ch in portion:
        escape = _ESCAPES.get(ch)
        chars += escape if escape else ch
        fixed += [False, True] if escape else [False]
    if portion.endswith("\n"):
        fixed[-2] = True
    return "".join(chars), fixed


def _breaks(text: str, fixed: list[bool], limit: int, start: int) -> list[bool]:
    """Where gettext breaks `text`: the last opportunity before each piece that would pass `limit` columns.

    This is libunistring's `u8_width_linebreaks`: greedy, and a piece wider
    than the line stays whole.
    """
    kinds = opportunities(text, fixed)
    cut = [False] * len(text)
    last: int | None = None
    column, piece = start, 0
    for i, ch in enumerate(text):
        kind = kinds[i]
        if kind and last is not None and column + piece > limit:
            cut[last] = True
            column = 0
        if kind == MANDATORY:
            last, column, piece = None, 0, 0
            continue
        if kind == POSSIBLE:
            last, column, piece = i, column + piece, 0
        piece += width(ch)
    if last is not None and column + piece > limit:
        cut[last] = True
    return cut
