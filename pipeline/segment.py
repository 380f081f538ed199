"""Stage 1: a Markdown document -> the list of its translatable segments.

markdown-it-py (with the project's extensions, see dialect.py) finds the
blocks; each block's inline text is then located in the source, line by line,
so that reassembly can splice a translation into exactly that place.  A block
that cannot be located exactly (tabs expanded by the parser, NUL characters)
is left out with a warning: better untranslated than damaged.  Front-matter
values, container and admonition titles are segments of their own; heading
attribute lists and fences stay outside every segment.
"""
from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator, Sequence
from itertools import accumulate

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from pipeline import dialect, frontmatter
from pipeline.dialect import MAX_NESTING
from pipeline.errors import SourceError
from pipeline.model import Segment, Span
from pipeline.workers import uncollected

log = logging.getLogger(__name__)

_EOL = re.compile(r"\r\n|\r|\n")  # markdown-it's own idea of a line end
_CONTAINER_KIND = {"blockquote_open": "blockquote", "list_item_open": "list item", "footnote_open": "footnote",
                   "dt_open": "definition term", "dd_open": "definition", "admonition_title_open": "admonition title"}
_CONTAINER_CLOSE = {t.replace("_open", "_close") for t in _CONTAINER_KIND}
_SEEN = {"inline", *_CONTAINER_KIND, *_CONTAINER_CLOSE, "front_matter", dialect.CONTAINER, "heading_open",
         "heading_close", "tr_open", "th_open", "td_open", "th_close", "td_close"}
"""The token types segmentation looks at; the others (paragraphs, lists, rules, code) are passed by at once."""


class _Lines:
    """Line start offsets and texts (without line ends) of a source document."""

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" not in text:  # one-character line ends: split at C speed
            self.texts = text.split("\n")
            self.starts = [0, *accumulate(len(line) + 1 for line in self.texts[:-1])]
            return
        self.starts = [0]
        self.texts = []
        pos = 0
        for m in _EOL.finditer(text):
            self.texts.append(text[pos:m.start()])
            pos = m.end()
            self.starts.append(pos)
        self.texts.append(text[pos:])


def segment(text: str, path: str, extensions: Sequence[str] = dialect.DEFAULT,
            keys: Sequence[str] = frontmatter.DEFAULT_KEYS) -> list[Segment]:
    """Every translatable block of `text` (a Markdown document at `path`), in document order.

    `extensions` name the dialect (dialect.EXTENSIONS); `keys` the front-matter keys whose values are text.
    """
    with uncollected():  # a parse makes a hundred thousand tokens, which the collector would otherwise walk
        return _segment(text, path, extensions, keys)  # again and again (a quarter of the time on a 5 MB document)


def _segment(text: str, path: str, extensions: Sequence[str], keys: Sequence[str]) -> list[Segment]:
    """segment(), the garbage collector paused."""
    lines = _Lines(text)
    md = dialect.parser_with_inline(tuple(extensions), _inline_where_needed, dialect.unmatched_rules(text))
    tokens = md.parse(text)
    _check_nesting(tokens, path)
    out: list[Segment] = []
    containers: list[str] = []
    heading: Token | None = None
    row_line, row_cursor, cell_tag = -1, 0, ""
    attributes = "attributes" in extensions
    for tok in tokens:
        t = tok.type
        if t not in _SEEN:
            continue
        if t == "inline":
            if cell_tag:
                found = _table_cell(tok, lines, row_line, row_cursor, cell_tag, path)
                if found:
                    seg, row_cursor = found
                    out.append(seg)
            elif heading is not None:
                level = int(heading.tag[1])
                atx = heading.markup.startswith("#")
                cut = dialect.heading_attributes(tok.content) if attributes else len(tok.content)
                out += _block(tok, lines, path, f"heading {level}", level if atx else 0, len(tok.content) - cut)
            elif containers and containers[-1] == "admonition title":
                out.extend(_title(tok.content, tok.map[0] if tok.map else -1, lines, path, "admonition title"))
            else:
                out += _block(tok, lines, path, containers[-1] if containers else "paragraph", 0)
        elif t in _CONTAINER_KIND:
            containers.append(_CONTAINER_KIND[t])
        elif t in _CONTAINER_CLOSE:
            if containers:  # a footnote definition nested in another loses its opening tokens to the plugin
                containers.pop()
        elif t == "front_matter":
            out.extend(_front_matter(text, lines, path, keys))
        elif t == dialect.CONTAINER and tok.map:
            out.extend(_title(dialect.container_title(tok.info), tok.map[0], lines, path, "container title"))
        elif t == "heading_open":
            heading = tok
        elif t == "heading_close":
            heading = None
        elif t == "tr_open" and tok.map:
            row_line, row_cursor = tok.map[0], 0
        elif t in ("th_open", "td_open"):
            cell_tag = t[:2]
        elif t in ("th_close", "td_close"):
            cell_tag = ""
    return sorted(out, key=lambda s: s.spans[0].start)  # footnote definitions come last in the token stream


_MARKUP = re.compile(r"[\\`*_\[\]!^<&{}]")
"""Where inline markup can begin: escapes, code spans, emphasis, links, images, footnotes, autolinks,
HTML, entities, attribute lists (the text rule's stops that start a rule of the dialect)."""
_HIDING = re.compile(r"[\\`\[\]!^<&{}]")
"""Markup that can hide a letter from the text or show one the source lacks: all but emphasis."""


def _inline_where_needed(state: StateCore) -> None:
    """The core inline rule of segmentation: the inline tokens of a block are parsed only when the words
    cannot be told from its text (its `meta["words"]` otherwise); a block that may reference a footnote
    is always parsed, since the references decide which footnote definitions the document keeps."""
    for tok in state.tokens:
        if tok.type != "inline":
            continue
        words = _words_unparsed(tok.content)
        if words is None:
            if tok.children is None:
                tok.children = []
            state.md.inline.parse(tok.content, state.md, state.env, tok.children)
        else:
            tok.meta["words"] = words


def _words_unparsed(content: str) -> bool | None:
    """What _has_words would say of the tokens of `content`, when it can be told without them, else None.

    Text before the first markup character is text; emphasis delimiters hide no letter; and a block
    with a letter in its text is no lone image.
    """
    if content[:1].isalpha() and "^" not in content:
        return True  # most blocks: a letter before any markup
    markup = _MARKUP.search(content)
    if markup is None:
        return any(c.isalpha() for c in content)
    if "^" in content:
        return None
    if any(c.isalpha() for c in content[:markup.start()]):
        return True
    return None if _HIDING.search(content, markup.start()) else any(c.isalpha() for c in content)


def _words(tok: Token) -> bool:
    """True when an inline token's text has a letter outside code, URLs and markup."""
    words = tok.meta.get("words")
    return _has_words(tok.children or []) if words is None else bool(words)


def _check_nesting(tokens: Sequence[Token], path: str) -> None:
    """Refuse a document nested so deep that markdown-it skipped what is inside: never drop text silently."""
    for tok in tokens:
        if tok.type in _CONTAINER_KIND and tok.level + 1 >= MAX_NESTING and tok.map:
            raise SourceError(path, tok.map[0] + 1, f"blockquotes and lists nested deeper than {MAX_NESTING} levels, "
                              "whose text the Markdown parser skips; flatten them (nothing was written)")


def _block(tok: Token, lines: _Lines, path: str, kind: str, atx_level: int, trim: int = 0) -> list[Segment]:
    """The segment(s) of a paragraph or heading: its text, or an image's alt text and title.

    `trim` characters at the end (a heading's attribute list) stay outside the segment.
    """
    if not tok.map or not _words(tok):
        return []
    spans = _locate(tok.content, tok.map[0], lines, atx_level)
    if spans is None:
        log.warning("%s:%d: %s left untranslated: it could not be mapped back to the source",
                    path, tok.map[0] + 1, kind)
        return []
    if trim:
        spans = (*spans[:-1], Span(spans[-1].start, spans[-1].end - trim))
        if not any(c.isalpha() for span in spans for c in lines.text[span.start:span.end]):
            return []  # a heading of figures and an anchor: nothing to translate
    image = None if "words" in tok.meta else _lone_image(tok.children or [])
    if image is not None:
        return list(_image_parts(image, spans, lines, path))
    return [_make(lines, path, kind, spans, joinable=not atx_level)]


def _title(title: str, row: int, lines: _Lines, path: str, kind: str) -> Iterator[Segment]:
    """The title written on a container's or admonition's opening line (a generated one is not in the source)."""
    if row < 0 or not any(c.isalpha() for c in title):
        return
    col = lines.texts[row].rfind(title)
    if col > 0:
        start = lines.starts[row] + col
        yield _make(lines, path, kind, (Span(start, start + len(title)),), joinable=False)


def _front_matter(text: str, lines: _Lines, path: str, keys: Sequence[str]) -> Iterator[Segment]:
    """The front-matter values under `keys`; their kind names the key, for translators."""
    for value in frontmatter.translatable(frontmatter.values(text, path), keys):
        span = Span(value.start, value.end)
        line = bisect.bisect_right(lines.starts, value.start)
        yield Segment(value.text, path, line, f"front matter {value.key}", (span,), False, value.style)


def _locate(content: str, first: int, lines: _Lines, atx_level: int) -> tuple[Span, ...] | None:
    """Where each line of a block's inline content stands in the source, or None."""
    parts = content.split("\n")
    last = len(parts) - 1
    if first + last >= len(lines.texts):
        return None
    spans = []
    for i, part in enumerate(parts):
        n = first + i
        line = lines.texts[n]
        piece = part.lstrip(" \t") if i else part
        if i < last:  # inner lines run to the line end, hard-break spaces included
            if not line.endswith(piece):
                return None
            col = len(line) - len(piece)
        elif atx_level:
            opening = line.find("#" * atx_level)
            col = line.find(piece, opening + atx_level) if opening >= 0 else -1
            if col < 0:
                return None
        else:
            stripped = line.rstrip(" \t")
            if not stripped.endswith(piece):
                return None
            col = len(stripped) - len(piece)
        start = lines.starts[n] + col
        spans.append(Span(start, start + len(piece)))
    return tuple(spans)


def _table_cell(tok: Token, lines: _Lines, row: int, cursor: int, tag: str,
                path: str) -> tuple[Segment, int] | None:
    """A table cell's segment and the column after it; cells are found left to right in the row."""
    if row < 0 or not _words(tok):
        return None
    line = lines.texts[row]
    for raw in (tok.content.replace("|", "\\|"), tok.content):
        col = line.find(raw, cursor)
        if col >= 0:
            start = lines.starts[row] + col
            kind = "table header cell" if tag == "th" else "table cell"
            seg = _make(lines, path, kind, (Span(start, start + len(raw)),), joinable=False)
            return seg, col + len(raw)
    log.warning("%s:%d: table cell left untranslated: it could not be mapped back to the source",
                path, row + 1)
    return None


def _has_words(children: Sequence[Token]) -> bool:
    """True when the inline text has a letter outside code, URLs and markup."""
    in_autolink = False
    for child in children:
        if child.type == "link_open" and child.markup in ("autolink", "linkify"):
            in_autolink = True
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "text" and not in_autolink and any(c.isalpha() for c in child.content):
            return True
        elif child.type == "image" and _has_words(child.children or []):
            return True
    return False


def _lone_image(children: Sequence[Token]) -> Token | None:
    """The image when it is all the block holds (optionally inside a link), else None."""
    significant = [c for c in children
                   if not (c.type in ("text", "softbreak") and not c.content.strip())]
    kinds = [c.type for c in significant]
    if kinds == ["image"] or kinds == ["link_open", "image", "link_close"]:
        return significant[kinds.index("image")]
    return None


def _image_parts(image: Token, spans: tuple[Span, ...], lines: _Lines,
                 path: str) -> Iterator[Segment]:
    """Segments for an image's alt text and title, located inside the block's span."""
    if len(spans) != 1:
        return
    text = lines.text[spans[0].start:spans[0].end]
    alt = image.content
    col = text.find("![" + alt + "](")
    if col < 0:  # a reference image: its alt text is also its label, so it stays as written
        return
    alt_start = spans[0].start + col + 2
    if any(c.isalpha() for c in alt):
        yield _make(lines, path, "image alt", (Span(alt_start, alt_start + len(alt)),), False)
    title = str(image.attrs.get("title") or "")
    after = col + 3 + len(alt)
    for quoted in (f'"{title}"', f"'{title}'", f"({title})"):
        tcol = text.find(quoted, after)
        if title and tcol >= 0 and any(c.isalpha() for c in title):
            start = spans[0].start + tcol + 1
            yield _make(lines, path, "image title", (Span(start, start + len(title)),), False)
            return


def _make(lines: _Lines, path: str, kind: str, spans: tuple[Span, ...], joinable: bool) -> Segment:
    """A Segment whose text is its spans' source text, one line each."""
    first = spans[0]
    text = lines.text[first.start:first.end] if len(spans) == 1 else "\n".join(
        [lines.text[span.start:span.end] for span in spans])
    line = bisect.bisect_right(lines.starts, spans[0].start)
    return Segment(text, path, line, kind, spans, joinable)
