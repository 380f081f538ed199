"""Plain data that travels between stages: no I/O here."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) of one line's share of a segment in the source text."""

    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """One translatable unit of a Markdown document.

    `text` is the msgid: the inline Markdown as written, one source line per
    text line, container prefixes (`> `, list indentation) left out. `spans`
    say where each of those lines stands in the source, so reassembly can
    splice a translation in place and leave every other byte alone.
    """

    text: str
    path: str
    line: int
    kind: str
    spans: tuple[Span, ...]
    joinable: bool = True  # False where a translation must stay on one line (ATX heading, table cell)
    yaml: str | None = None  # a front-matter value's YAML style (frontmatter.Value.style); None for Markdown


@dataclass(frozen=True)
class Issue:
    """A QA finding on one catalogue entry, for `pipeline check` and the publish gates."""

    path: str      # the PO file, relative to the project root
    line: int      # the entry's line in the PO file
    msgid: str
    check: str     # the check's name, as in the `no-check-<name>` flag that silences it
    severity: str  # "error" or "warning"
    message: str   # one line: what is wrong and what to do
