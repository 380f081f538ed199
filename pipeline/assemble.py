"""Stage 5: source + translations -> localised Markdown, spliced in place.

Every byte outside the segments' spans is copied from the source, so line
ends, escapes, no-break spaces, fences, list numbering and HTML blocks come
out as they went in.  With every msgstr equal to its msgid the output is the
source, byte for byte.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pipeline import frontmatter
from pipeline.model import Segment

_LIST_MARKER = re.compile(r"[-+*]|\d{1,9}[.)]")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_EOL = re.compile(r"\r\n|\r|\n")


def assemble(source: str, segments: Sequence[Segment], translations: Mapping[str, str]) -> str:
    """`source` with each segment whose text has a translation replaced by it."""
    out: list[str] = []
    pos = 0
    for seg in sorted(segments, key=lambda s: s.spans[0].start):
        target = translations.get(seg.text)
        if not target:
            continue
        out.append(source[pos:seg.spans[0].start])
        out.append(_splice(source, seg, target))
        pos = seg.spans[-1].end
    out.append(source[pos:])
    return "".join(out)


def _splice(source: str, seg: Segment, target: str) -> str:
    """The text that replaces a segment's region: from its first span's start to its last span's end."""
    if seg.yaml is not None:  # a front-matter value: written as YAML, as it was when unchanged
        raw = source[seg.spans[0].start:seg.spans[0].end]
        return raw if target == seg.text else frontmatter.encode(target, seg.yaml, raw)
    lines = [line for line in target.split("\n") if line.strip()] or [target.strip()]
    if not seg.joinable:
        text = " ".join(line.strip() for line in lines)
        return _UNESCAPED_PIPE.sub(r"\\|", text) if seg.kind.startswith("table") else text
    spans = seg.spans
    if len(lines) == len(spans):  # keep each line's own prefix and line end
        parts = [lines[0]]
        for prev, span, line in zip(spans, spans[1:], lines[1:]):
            parts.append(source[prev.end:span.start] + line)
        return "".join(parts)
    eol, prefix = _continuation(source, seg)
    return (eol + prefix).join(lines)


def _continuation(source: str, seg: Segment) -> tuple[str, str]:
    """Line end and prefix for lines a translation adds: those of the segment's second line,
    or for a one-line segment its first line's prefix with list markers blanked."""
    first = seg.spans[0]
    if len(seg.spans) > 1:
        gap = source[first.end:seg.spans[1].start]
        prefix = gap.lstrip("\r\n")
        return gap[:len(gap) - len(prefix)], prefix
    eol = _EOL.search(source, first.end)
    line_start = max(source.rfind("\n", 0, first.start), source.rfind("\r", 0, first.start)) + 1
    prefix = _LIST_MARKER.sub(lambda m: " " * len(m.group()), source[line_start:first.start])
    return (eol.group() if eol else "\n"), prefix
