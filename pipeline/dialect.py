"""The Markdown dialect of a project: CommonMark plus tables, and the extensions it turns on.

Static-site generators and pandoc write more than CommonMark; read as plain
CommonMark their front matter, anchors and container fences would become
text to translate.  Each extension is a parser plugin (mdit-py-plugins) that
segmentation and the HTML page share, so both read a document alike.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import normalize
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError, parse
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

EXTENSIONS = {
    "front-matter": "YAML front matter between `---` lines: configured keys become entries, `lang` is rewritten",
    "attributes": "`{#id .class key=value}` after a heading, link, image or code span, or on a line before a block",
    "containers": "`::: name Title` … `:::` fences (VitePress, Docusaurus, pandoc divs): the title is an entry",
    "admonitions": '`!!! note "Title"` and `??? note` blocks (MkDocs): the title is an entry',
    "footnotes": "`[^1]` references, kept like links, and `[^1]: text` definitions, segmented as blocks",
    "definition-lists": "a term line, then `: definition` lines (pandoc, PHP Markdown Extra)",
}
DEFAULT = tuple(EXTENSIONS)
SAFE_ATTRIBUTES = ("id", "class", "lang", "dir", "title", "width", "height", "role")
"""What an attribute list may put on an element: never an event handler (onclick=...) or a URL, so no
translation (nor source) can make a page run code through `{...}`."""
MAX_NESTING = 100
"""Blockquotes, lists and list items open inside each other; markdown-it stops parsing (and drops the
text) deeper than its maxNesting, 20 in the CommonMark preset, which real documents can reach."""
CONTAINER = "container_custom_open"  # the token that opens a `:::` container

# A heading's trailing attribute list: pandoc and kramdown write `{#id}`, `{: #id}`, `{-}` (unnumbered).
_TRAILING_BRACES = re.compile(r"[ \t]*(\{[^{}\n]*\})[ \t]*$")
_CONTAINER_INFO = re.compile(r"\s*(?:\{[^{}\n]*\}|[A-Za-z][\w-]*)")
_CONTAINER_TITLE = re.compile(r"\s*(?:\{[^{}\n]*\}|[A-Za-z][\w-]*)\s*(?:\[(?P<bracketed>.*)\]|(?P<plain>.*?))\s*$")


@lru_cache(maxsize=None)
def parser(extensions: tuple[str, ...] = DEFAULT) -> MarkdownIt:
    """The parser for `extensions` (names of EXTENSIONS; () is plain CommonMark plus tables)."""
    return _parser(extensions)


@lru_cache(maxsize=None)
def parser_with_inline(extensions: tuple[str, ...], rule: Callable[[StateCore], None],
                       without: tuple[str, ...] = ()) -> MarkdownIt:
    """parser() with `rule` in place of the core rule that parses the inline markup of every block:
    segmentation needs the inline tokens of few blocks, and parsing them all is half of the time.
    The block rules named in `without` are left out (see unmatched_rules)."""
    md = _parser(extensions)
    md.core.ruler.at("inline", rule)
    md.block.ruler.disable(list(without), ignoreInvalid=True)
    if "attr" in without:  # the core rule that moves attribute blocks onto the next block has none to move
        md.core.ruler.disable("attr", ignoreInvalid=True)
    return md


_MARKERS = {"table": ("|",), "fence": ("```", "~~~"), "container_custom": (":::",), "admonition": ("!!!", "???"),
            "attr": ("{",), "footnote_def": ("[^",), "reference": ("]:",)}
"""Block rules, and what a line must hold for each to match: a table's `|`, a fence, a container's or
an admonition's marker, an attribute block's `{`, a footnote definition's `[^`, a link reference's `]:`."""
_LEAD = r"[ \t>*+\-.)0-9]|\[\^[^\]\n]*\]:"
"""What containers leave before a block's first character on its line: indentation, `>`, list markers,
a footnote's label (the first line of a list item or footnote is read past its marker)."""
_HTML = re.compile(rf"\n(?:{_LEAD}|[:~])*+<")  # a line that may open an HTML block (after a `: ` too)
_DEFINITION = re.compile(rf"\n(?:{_LEAD})*+[:~]")  # a line that may open a definition
_UNDERLINE = re.compile(r"\n[ \t>]*+(?:=+|-+)[ \t]*(?=\n|\Z)")
"""A line that may underline a setext heading: never the first line of a list item, footnote or definition,
which start blocks of their own, so only indentation and `>` stand before it."""


def unmatched_rules(text: str) -> tuple[str, ...]:
    """The block rules that no line of `text` can match: those of _MARKERS whose markers it lacks, front
    matter unless the text opens with `---`, the HTML block rule without a line opening with `<`, the
    definition rule without one opening with `:` or `~`, the setext heading rule without an underline
    after a line that is not blank.

    markdown-it tries every block rule at every line; left out, they give the same tokens sooner.
    """
    found = [name for name, markers in _MARKERS.items() if not any(_holds(text, m) for m in markers)]
    if not text.startswith("---"):
        found.append("front_matter")
    lines = "\n" + (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text)  # markdown-it's line ends
    if not _HTML.search(lines):
        found.append("html_block")
    if not _DEFINITION.search(lines):
        found.append("deflist")
    underlined = (lines[lines.rfind("\n", 0, m.start()) + 1:m.start()] for m in _UNDERLINE.finditer(lines))
    if not any(line.strip(" \t") for line in underlined):
        found.append("lheading")
    return tuple(found)


def _holds(text: str, marker: str) -> bool:
    """`marker in text`, looked for at each place of its first character: finding one character is a
    memchr, where a longer `in` reads the whole text more slowly (markers begin with rare characters)."""
    at = text.find(marker[0])
    while at >= 0 and not text.startswith(marker, at):
        at = text.find(marker[0], at + 1)
    return at >= 0


def _parser(extensions: tuple[str, ...]) -> MarkdownIt:
    """A new parser for `extensions`."""
    unknown = set(extensions) - set(EXTENSIONS)
    if unknown:
        raise ValueError(f"unknown Markdown extension {sorted(unknown)[0]!r}; known: {', '.join(EXTENSIONS)}")
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    md.core.ruler.at("normalize", _normalize)
    if "front-matter" in extensions:
        md.use(front_matter_plugin)
    if "attributes" in extensions:
        md.use(attrs_plugin, allowed=SAFE_ATTRIBUTES).use(attrs_block_plugin, allowed=SAFE_ATTRIBUTES)
        md.core.ruler.after("inline", "heading_attributes", _heading_attributes)
    if "containers" in extensions:
        def render(self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
            return _render_container(md, tokens[idx])
        md.use(container_plugin, name="custom", validate=lambda params, *_: bool(_CONTAINER_INFO.match(params)),
               render=render)
    if "admonitions" in extensions:
        md.use(admon_plugin)
    if "footnotes" in extensions:
        md.use(footnote_plugin)
    if "definition-lists" in extensions:
        md.use(deflist_plugin)
    return md


def _normalize(state: StateCore) -> None:
    """markdown-it's normalize rule, which rewrites `\\r\\n`, `\\r` and NUL, skipped for a text that has
    none: its two passes over the whole text would give it back unchanged."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def heading_attributes(content: str) -> int:
    """Where the trailing attribute list of a heading's text starts (spaces before it included), else len(content)."""
    m = _TRAILING_BRACES.search(content)
    if m is None:
        return len(content)
    braces = _normalised(m.group(1))
    if not re.search(r"[#.=]", braces):  # `{x}` is text: pandoc wants an id, a class or a key=value
        return len(content)
    try:
        end, _attrs = parse(braces)
    except ParseError:
        return len(content)
    return m.start() if end == len(braces) - 1 else len(content)


def _normalised(braces: str) -> str:
    """A kramdown `{: #id}` or pandoc `{-}` list in the Djot syntax that mdit-py-plugins parses."""
    return re.sub(r"(?<=[{\s])-(?=[\s}])", ".unnumbered", braces.replace("{:", "{", 1))


def container_title(info: str) -> str:
    """The title of a `:::` container from the text after its fence: `warning Note` -> `Note`, `tip[Hi]` -> `Hi`."""
    m = _CONTAINER_TITLE.match(info)
    return (m.group("bracketed") or m.group("plain") or "") if m else ""


def _heading_attributes(state: StateCore) -> None:
    """Move a heading's trailing `{#id .class}` onto the heading tag, as pandoc and kramdown do."""
    tokens = state.tokens
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type != "heading_open" or not inline.children:
            continue
        last = inline.children[-1]
        cut = heading_attributes(last.content) if last.type == "text" else len(last.content)
        if cut < len(last.content):
            braces = _TRAILING_BRACES.search(last.content).group(1)  # type: ignore[union-attr]
            opening.attrs.update({k: v for k, v in parse(_normalised(braces))[1].items() if k in SAFE_ATTRIBUTES})
            last.content = last.content[:cut]


def _render_container(md: MarkdownIt, tok: Token) -> str:
    """`<div class="custom-block warning">` with the title as its first paragraph, as VitePress renders it."""
    if tok.nesting != 1:
        return "</div>\n"
    name = _CONTAINER_INFO.match(tok.info).group().strip()  # type: ignore[union-attr]
    kind = "" if name.startswith("{") else " " + html.escape(name)
    title = container_title(tok.info)
    # a fresh env for the title: the footnote plugin would otherwise render the page's notes inside it
    shown = f'<p class="custom-block-title">{md.renderInline(title, {})}</p>\n' if title else ""
    return f'<div class="custom-block{kind}">\n{shown}'
