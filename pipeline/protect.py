"""Inline Markdown -> engine text with numbered placeholders, and back.

Engines see `⟦1⟧Airbus Helicopters⟦2⟧ investit` instead of
`**Airbus Helicopters** investit`: link text is translated, URLs, code, HTML
tags, entities, escapes, e-mail addresses and hard breaks are not.  Restoring
checks that every placeholder came back exactly once and that a link's text
still opens before it closes; anything else is reported, never papered over.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_LINK_TAIL = r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
_MARKUP = re.compile("|".join([
    r"(?P<code>(`+)[^`].*?(?<!`)\2(?!`))",
    r"(?P<tag><(?:[A-Za-z][\w-]*(?:\s[^<>]*)?/?|/[A-Za-z][\w-]*\s*|[a-zA-Z][\w+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>)",
    r"(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    r"(?P<hardbreak>(?: {2,}|\\)\n)",
    r"(?P<escape>\\[!-/:-@\[-`{-~])",
    rf"(?P<close>{_LINK_TAIL}|\]\[[^\[\]\n]*\])",
    # a shortcut or collapsed reference; brackets glued to a word (Upgr[AI]de) are text
    r"(?P<label>(?<!\w)\[[^\[\]\n]+\](?:\[\])?(?![(\[:\w]))",
    # a link or image opens only where its text closes into a destination or a label
    r"(?P<open>!?\[(?=(?:[^\[\]\n]|\[[^\[\]\n]*\])*\][(\[]))",
    r"(?P<url>https?://[^\s<>\])]*[^\s<>\]).,;:!?'\"»])",
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    r"(?P<domain>(?<![\w@.])(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?i:com|fr|org|net|eu|io|info)(?![\w-])(?:/[^\s<>()\]]*[^\s<>()\].,;:!?'\"»])?)",
    r"(?P<emph>\*+|(?<![^\W_])_+|_+(?![^\W_]))",
]), re.S)
PLACEHOLDER = re.compile(r"⟦(\d+)⟧")


@dataclass(frozen=True)
class Piece:
    """A run of markup hidden behind one placeholder."""

    markup: str
    role: str  # "open" (hugs the text after it), "close" (hugs the text before it), "break" or "atom"


@dataclass(frozen=True)
class Protected:
    """Engine text with ⟦n⟧ placeholders; pieces[n - 1] is what ⟦n⟧ stands for."""

    text: str
    pieces: tuple[Piece, ...]


def protect(msgid: str) -> Protected:
    """Hide markup behind placeholders; soft line breaks become spaces."""
    pieces: list[Piece] = []
    out: list[str] = []
    last = 0
    for m in _MARKUP.finditer(msgid):
        kind = m.lastgroup or "atom"
        if kind == "emph" and _intraword(msgid, m.start(), m.end()):
            continue
        out.append(msgid[last:m.start()].replace("\n", " "))
        role = _role(kind, msgid, m.start(), m.end())
        if pieces and out and out[-1] == "" and pieces[-1].role == role != "break":  # adjacent runs: one placeholder
            pieces[-1] = Piece(pieces[-1].markup + m.group(), role)
        else:
            pieces.append(Piece(m.group(), role))
            # a line break between words must not glue them together for the engine
            out.append(f" ⟦{len(pieces)}⟧ " if role == "break" else f"⟦{len(pieces)}⟧")
        out.append("")
        last = m.end()
    out.append(msgid[last:].replace("\n", " "))
    return Protected("".join(out), tuple(pieces))


def _intraword(text: str, start: int, end: int) -> bool:
    """An underscore run inside a word is text (snake_case), not emphasis."""
    return text[start] == "_" and start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()


def _role(kind: str, text: str, start: int, end: int) -> str:
    if kind == "hardbreak":
        return "break"
    if kind == "open":
        return "open"
    if kind == "close":
        return "close"
    if kind == "emph":
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not after.isspace() and (before.isspace() or before in "([{«\"'"):
            return "open"
        if not before.isspace():
            return "close"
    return "atom"


def restore(translated: str, protected: Protected) -> tuple[str, list[str]]:
    """The engine output with markup put back, and what went wrong (empty when all is well)."""
    problems: list[str] = []
    seen: dict[int, int] = {}
    for m in PLACEHOLDER.finditer(translated):
        seen[int(m.group(1))] = seen.get(int(m.group(1)), 0) + 1
    for n in range(1, len(protected.pieces) + 1):
        if seen.get(n, 0) != 1:
            what = "missing" if not seen.get(n) else f"repeated {seen[n]} times"
            problems.append(f"markup {protected.pieces[n - 1].markup.strip()!r} (⟦{n}⟧) {what}")
    problems += [f"unknown placeholder ⟦{n}⟧" for n in sorted(seen) if not 1 <= n <= len(protected.pieces)]
    text = translated
    for n, piece in enumerate(protected.pieces, start=1):
        token = f"⟦{n}⟧"
        if piece.role == "open":
            text = re.sub(re.escape(token) + r"\s*", lambda _m: token, text)
        elif piece.role == "close":
            text = re.sub(r"\s*" + re.escape(token), lambda _m: token, text)
        elif piece.role == "break":
            text = re.sub(r"\s*" + re.escape(token) + r"\s*", lambda _m: token, text)
    order = [int(m.group(1)) for m in PLACEHOLDER.finditer(text)]
    for n, piece in enumerate(protected.pieces, start=1):
        if piece.role == "close" and piece.markup.startswith("]") and n - 1 in order and n in order \
                and order.index(n) < order.index(n - 1):
            problems.append(f"link {piece.markup!r} closes before it opens")
    restored = PLACEHOLDER.sub(lambda m: _piece(protected, int(m.group(1))), text)
    return restored, problems


def _piece(protected: Protected, n: int) -> str:
    return protected.pieces[n - 1].markup if 1 <= n <= len(protected.pieces) else ""
