"""GNU gettext's canonical PO layout: the text `msgcat` writes for a catalogue.

polib parses; this module writes, so that `msgcat`, Poedit or Weblate saving a
catalogue the pipeline wrote changes nothing.  It follows gettext's write-po.c:
strings wrap at width 79 at Unicode line-break opportunities (linebreak.py),
a string holding a `\\n` before its end starts with `""` and breaks after each
`\\n`, comments are never wrapped, references are, flags come fuzzy first.
Two things gettext would drop are kept, so msgcat does change a catalogue that
has them: flags it does not know (`no-check-…`, written after fuzzy in their
order) and obsolete entries without a translation.  gettext also reads a
comment line ending in a backslash as continued on the next line.
"""
from __future__ import annotations

import re
import sys
from itertools import accumulate

import polib

from pipeline.linebreak import (MANDATORY, POSSIBLE, first_break, last_break, opportunities, simple, text_width,
                                width)

PAGE_WIDTH = 79
_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r"), ("\b", "\\b"),
            ("\f", "\\f"), ("\v", "\\v"))
_TO_ESCAPE = re.compile(r'[\\"\n\t\r\b\f\v]')
_AN_ESCAPE = re.compile(r"\\.")   # in escaped text every backslash starts an escape
_PORTION = re.compile(r"[^\n]*\n|[^\n]+")


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
    seen = dict.fromkeys(f"{path}:{number}" if number else path for path, number in occurrences)
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
    if not value:
        return [f'{prefix}{keyword} ""']  # every msgstr of a template
    lines: list[str] = []
    first = True
    portions = _PORTION.findall(value) or [""]
    limit = (PAGE_WIDTH if wrap else sys.maxsize) - 2 - len(prefix)   # columns between the quotes
    for n, portion in enumerate(portions):
        text = _escaped(portion)
        simple_text = simple(text)
        total = len(text) if simple_text else text_width(text)
        start = len(keyword) + 1 if first else 0   # the keyword and its space precede the first line
        wrapping = _Wrapping(text, portion.endswith("\n"), simple_text) if start + total > limit else None
        cuts = wrapping.cuts(limit, start) if wrapping else []
        if first and text and (n + 1 < len(portions) or start > limit or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            cuts = wrapping.cuts(limit, 0) if wrapping and total > limit else []
        for a, b in zip([0] + cuts, cuts + [len(text)]):
            lines.append(f'{prefix}{keyword} "{text[a:b]}"' if first else f'{prefix}"{text[a:b]}"')
            first = False
    return lines


class _Wrapping:
    """Where an escaped string wraps: looking for breaks near each line's end when its characters are
    simple (linebreak.simple), else from its opportunities at every character (CJK, marks)."""

    def __init__(self, text: str, ends_line: bool, simple_text: bool) -> None:
        self.text = text
        self.kinds: list[int] | None = None
        self.fixed: set[int] = set()
        if not simple_text:
            self.kinds = opportunities(text, _fixed(text, ends_line))
            return
        if "\\" in text:
            self.fixed = {escape.start() + 1 for escape in _AN_ESCAPE.finditer(text)}
        if ends_line:
            self.fixed.add(len(text) - 2)

    def cuts(self, limit: int, start: int) -> list[int]:
        """gettext's cuts for lines of `limit` columns, the first starting at column `start`."""
        if self.kinds is not None:
            return _cuts(self.text, self.kinds, limit, start)
        text, fixed = self.text, self.fixed
        cuts: list[int] = []
        line, column = 0, start            # where the current line starts, and its column there
        while column + len(text) - line > limit:
            room = line + limit - column   # the last position whose break still fits
            # the last break that fits, or the first one when none does (a piece wider than the line stays whole)
            cut = last_break(text, line, min(room, len(text) - 1), fixed)
            if cut is None:
                cut = first_break(text, max(room + 1, line + 1), fixed)
                if cut is None:
                    break
            cuts.append(cut)
            line, column = cut, 0
        return cuts


def _escaped(text: str) -> str:
    """`text` with C escapes, as in a PO string (str.replace: str.translate looks up every character)."""
    if _TO_ESCAPE.search(text):
        for plain, escape in _ESCAPES:
            text = text.replace(plain, escape)
    return text


def _fixed(text: str, ends_line: bool) -> list[bool]:
    """Where an escaped text must not break: inside an escape such as `\\n`, and before a final `\\n`."""
    fixed = [False] * len(text)
    for escape in _AN_ESCAPE.finditer(text):
        fixed[escape.start() + 1] = True
    if ends_line:
        fixed[-2] = True
    return fixed


def _cuts(text: str, kinds: list[int], limit: int, start: int) -> list[int]:
    """Where gettext breaks `text`: the last opportunity before each piece that would pass `limit` columns.

    This is libunistring's `u8_width_linebreaks`: greedy, and a piece wider
    than the line stays whole.
    """
    ascii_only = text.isascii() and text.isprintable()
    before = list(range(len(text) + 1)) if ascii_only else [0, *accumulate(map(width, text))]
    cuts: list[int] = []
    last: int | None = None
    column, begin = start, 0          # column where the current piece begins, and its first character
    for i, kind in enumerate(kinds):
        if not kind:
            continue
        if last is not None and column + before[i] - before[begin] > limit:
            cuts.append(last)
            column = 0
        if kind == MANDATORY:
            last, column, begin = None, 0, i + 1
        else:
            last, column, begin = i, column + before[i] - before[begin], i
    if last is not None and column + before[-1] - before[begin] > limit:
        cuts.append(last)
    return cuts
