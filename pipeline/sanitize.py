"""HTML a translation adds to its source is escaped before it is published.

The source author's raw HTML is trusted; a translator's is not: a reviewed
msgstr can carry `<img onerror=...>` or `<script>` as easily as a word.  Each
tag markdown-it would pass through raw is compared with the tags of the msgid
(name and attributes, as an HTML parser reads them); one the msgid lacks has
its `<` written as `&lt;`, so it shows as the text it is.  Markdown links need
nothing here: markdown-it already refuses javascript:, vbscript:, file: and
data: destinations.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.token import Token

from pipeline.dialect import parser

_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
"""Where raw HTML can begin: a tag, a comment, a declaration, a processing instruction, or a block start."""
_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*>|<[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*>")
"""<https://...> and <name@host>: markdown-it makes links of them (checking the scheme), never raw HTML."""

Key = tuple[str, ...]


def sanitize(msgid: str, msgstr: str) -> str:
    """`msgstr` with every raw HTML tag that `msgid` does not have escaped; unchanged when it adds none."""
    if msgstr == msgid or not _OPENER.search(msgstr):
        return msgstr  # the source's own text, or no '<' that could open HTML: no Markdown parse (most entries)
    trusted = _raw_tags(msgid)
    if _raw_tags(msgstr) <= trusted:
        return msgstr
    for keep_code in (True, False):  # code spans found by a pattern; if the parser disagrees, escape them too
        safe = _escape(msgstr, trusted, keep_code)
        if _raw_tags(safe) <= trusted:
            return safe
    return msgstr.replace("<", "&lt;")  # unreachable in practice: every '<' that could open HTML was escaped


def _escape(text: str, trusted: set[Key], keep_code: bool) -> str:
    """Write `&lt;` for each '<' that could open HTML, except the trusted tags' own (and, with keep_code,
    those inside code spans, which markdown-it escapes itself)."""
    kept = _code_spans(text) if keep_code else []
    kept += [m.span() for m in _AUTOLINK.finditer(text)]
    kept += [m.span() for m in HTML_TAG_RE.finditer(text) if _key(m.group()) in trusted]
    out, last = [], 0
    for m in _OPENER.finditer(text):
        if not any(start <= m.start() < end for start, end in kept):
            out += [text[last:m.start()], "&lt;"]
            last = m.end()
    return "".join(out) + text[last:]


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans as CommonMark pairs them: a run of backticks closed by the next run of the same length."""
    runs = [m.span() for m in _BACKTICKS.finditer(text)]
    spans, i = [], 0
    while i < len(runs):
        start, end = runs[i]
        close = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == end - start), None)
        if close is None:
            i += 1
        else:
            spans.append((start, runs[close][1]))
            i = close + 1
    return spans


def _raw_tags(text: str) -> set[Key]:
    """The tags markdown-it passes through raw when it renders `text` (inline HTML and HTML blocks)."""
    found: set[Key] = set()
    stack: list[Token] = list(parser().parse(text))
    while stack:
        tok = stack.pop()
        if tok.type in ("html_inline", "html_block"):
            found.update(_key(m.group()) for m in HTML_TAG_RE.finditer(tok.content))
            if tok.type == "html_block" and not HTML_TAG_RE.match(tok.content.lstrip()):
                found.add(("block", tok.content))  # an HTML block that opens with no complete tag (`<div` alone)
        stack.extend(tok.children or [])
    return found


def _key(tag: str) -> Key:
    """What makes two tags the same: kind, name and attributes as an HTML parser reads them; else the text."""
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return reader.key or ("raw", tag)


class _TagReader(HTMLParser):
    """Reads one tag: ("start", name, attributes...) or ("end", name)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.key: Key = ()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.key:
            self.key = ("start", tag, *sorted(f"{name}={value}" for name, value in attrs))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if not self.key:
            self.key = ("end", tag)
