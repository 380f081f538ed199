"""YAML front matter: which values are text to translate, where they stand, and how a translation is written back.

PyYAML composes the front matter into nodes that know their offsets and
scalar style, so a value is replaced in place and every other byte (keys,
comments, quoting of untouched values) is copied: an identity round trip is
byte-identical.  A translation is written in the value's own style when YAML
reads it back unchanged, else as a double-quoted scalar.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from pipeline.errors import SourceError

if TYPE_CHECKING:
    import yaml  # imported where YAML is read: a document without front matter never needs PyYAML

DEFAULT_KEYS = ("title", "description", "summary", "subtitle", "keywords", "tags")
LANGUAGE_KEYS = ("lang", "language")
_STR = "tag:yaml.org,2002:str"
_EOL = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=1)
def _detector() -> MarkdownIt:
    """The front-matter plugin's own test, without the rest of Markdown."""
    return MarkdownIt("zero").use(front_matter_plugin)


@dataclass(frozen=True)
class Value:
    """A string value of the front matter: its key path, text, place and YAML style."""

    key: str    # dotted path of mapping keys: "title", "hero.tagline"
    text: str   # the value as YAML reads it (block scalars without their final line break)
    start: int  # offsets of the scalar as written in the document, quotes and block header included
    end: int
    line: int   # 1-based line in the document
    style: str  # "" plain ("[" plain inside a flow collection), "'" or '"' quoted, "|" or ">" block


def block(text: str) -> tuple[int, int] | None:
    """(start, end) of the YAML between the `---` fences at the top of `text`, or None without front matter.

    mdit-py-plugins' front_matter rule decides, so that this module and the parser agree on every document.
    """
    if not text.startswith("-"):
        return None
    tokens = _detector().parse(text)
    if not tokens or tokens[0].type != "front_matter" or not tokens[0].map:
        return None
    starts = [0] + [m.end() for m in _EOL.finditer(text)]
    closing = tokens[0].map[1] - 1
    return starts[1], starts[closing]


def values(text: str, path: str) -> list[Value]:
    """Every string value of the front matter of `text`, in document order; [] without front matter.

    Front matter that is not valid YAML raises SourceError naming the line.
    """
    where = block(text)
    if where is None:
        return []
    start, end = where
    import yaml
    try:
        root = yaml.compose(text[start:end], Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)  # where the bad part opens
        line = _lines_before(text, start) + 1 + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(path, line, f"front matter is not valid YAML ({problem}); fix it, or leave "
                                      "'front-matter' out of [tool.pipeline] markdown") from None
    return sorted(_walk(root, "", text, start, _lines_before(text, start), False), key=lambda v: v.start)


def _lines_before(text: str, offset: int) -> int:
    return len(_EOL.findall(text, 0, offset))


def _walk(node: yaml.Node | None, key: str, text: str, offset: int, first_line: int, flow: bool) -> Iterator[Value]:
    """String scalars under `node`; `flow` when inside [...] or {...}, where a plain scalar may not hold `,`."""
    import yaml
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            name = str(k.value) if isinstance(k, yaml.ScalarNode) else "?"
            yield from _walk(v, f"{key}.{name}" if key else name, text, offset, first_line, bool(node.flow_style))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, key, text, offset, first_line, bool(node.flow_style))
    elif isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        start = offset + node.start_mark.index
        raw = text[start:offset + node.end_mark.index].rstrip(" \t\r\n")
        style = node.style or ("[" if flow else "")
        value = str(node.value).rstrip("\n") if style in ("|", ">") else str(node.value)
        yield Value(key, value, start, start + len(raw), first_line + node.start_mark.line + 1, style)


def translatable(found: Sequence[Value], keys: Sequence[str]) -> list[Value]:
    """The values under the configured keys (a key names a value or a list of values) that hold words."""
    return [v for v in found if v.key in keys and any(c.isalpha() for c in v.text)]


def languages(found: Sequence[Value]) -> list[Value]:
    """The top-level `lang` / `language` values: the build rewrites them to the target language."""
    return [v for v in found if v.key in LANGUAGE_KEYS]


def encode(value: str, style: str, raw: str) -> str:
    """`value` written as a YAML scalar in place of `raw` (a scalar of `style`): its style when possible."""
    if style in ("", "[") and "\n" not in value and _reads_back(value, value) \
            and not (style == "[" and any(c in value for c in ",[]{}")):
        return value
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style in ("|", ">"):
        header, _, body = raw.partition("\n")
        indent = re.match(r"[ \t]*", body).group() if body else "  "  # type: ignore[union-attr]
        eol = "\r\n" if header.endswith("\r") else "\n"
        lines = [indent + line if line.strip() else "" for line in value.split("\n")]
        written = header.rstrip("\r") + eol + eol.join(lines)
        if _reads_back(written, value.replace("\n", " ") if style == ">" else value):
            return written
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _reads_back(written: str, value: str) -> bool:
    """True when YAML reads `written`, as the value of a key, as `value`."""
    import yaml
    try:
        loaded = yaml.safe_load("k: " + written)
    except yaml.YAMLError:
        return False
    got = loaded.get("k") if isinstance(loaded, dict) else None
    return isinstance(got, str) and got.rstrip("\n") == value


def title(text: str) -> str:
    """The front matter's `title` when it is a string, else ''."""
    return next((v.text for v in values(text, "") if v.key == "title"), "")


def with_language(text: str, code: str) -> str:
    """`text` with its front matter's lang/language values set to `code` (a BCP 47 tag)."""
    out, pos = [], 0
    for v in languages(values(text, "")):
        out += [text[pos:v.start], encode(code, v.style, text[v.start:v.end])]
        pos = v.end
    return "".join(out) + text[pos:]
