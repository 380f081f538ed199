"""A msgid or msgstr as QA reads it: markup tokens, masked and visible text, links, marks, endings.

The checks compare what the two texts share; these functions say what that
is, the same way for both, so each check stays a few lines.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipeline.patterns import PLACEHOLDER, WEB
from pipeline.protect import Piece, Protected, protect

BLANK = "\ue000"  # masks markup: neither space nor letter, so "see https://x.org:" keeps no space before ':'
CLOSERS = " \t\n\u00a0\u202f\"'”’»)]）」』》］·"  # ］ and · close a qps-ploc pseudo-translation
_EMPH_EDGES = re.compile(r"([*_]*)(.*?)([*_]*)", re.S)
_PASSIVE_ESCAPE = re.compile(r"\\[^*_\[\]`<>#$|~\\]")  # \( \. have no Markdown meaning: may follow the language
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MARK = re.compile(r"(?<![\w*#@&\\])[#@][^\W\d_][\w'’-]*")
_STARS = re.compile(r"\*+")
_ENDINGS = dict(zip(".。．!！?？؟:：…;；؛,，、،", "...!!???::…;;;,,,,"))  # full-width and Arabic marks -> one class
_PAIRS = ("()", "[]", "{}", "“”", "«»", "（）", "【】", "「」", "『』", "《》")
_BRACKETS = {pair: re.compile("[" + re.escape(pair) + "]") for pair in _PAIRS}
_WEB_NEEDS = re.compile(r"://|www\.|@|\.(?i:com|fr|org|net|eu|io)")  # in every WEB match: the cheap test first


@lru_cache(maxsize=4096)
def protected(text: str) -> Protected:
    return protect(text)


def split_piece(piece: Piece) -> tuple[str, str, str]:
    """(leading emphasis, other markup, trailing emphasis): protect() merges adjacent runs such as `**[`."""
    if piece.role == "break" or piece.markup.startswith(("\\", "`")):
        return "", piece.markup, ""
    lead, core, trail = _EMPH_EDGES.fullmatch(piece.markup).groups()  # type: ignore[union-attr]
    return lead, core, trail


@lru_cache(maxsize=8192)
def masked(text: str, roles: tuple[str, ...] = ("open", "close", "atom")) -> str:
    """`text` with the markup of `roles` (link syntax, URLs, code, tags) and placeholders blanked, same length."""
    out, pos = [], 0
    for piece in protected(text).pieces:
        at = text.find(piece.markup, pos)
        if at >= 0:
            lead, core, trail = split_piece(piece)
            out += [text[pos:at], lead, BLANK * len(core) if piece.role in roles else core, trail]
            pos = at + len(piece.markup)
    out.append(text[pos:])
    return PLACEHOLDER.sub(lambda m: BLANK * len(m.group()), "".join(out))


@lru_cache(maxsize=8192)
def visible(text: str) -> str:
    """The words a reader sees: markup and URLs out, whitespace collapsed."""
    shown = PLACEHOLDER.sub(" ", protected(text).text)
    return " ".join((WEB.sub(" ", shown) if _WEB_NEEDS.search(shown) else shown).split())


@lru_cache(maxsize=8192)
def markup_tokens(text: str) -> tuple[Counter[str], Counter[str]]:
    """(emphasis characters, other markup tokens); bare URLs are the `urls` check's.  Remembered (every
    language reads the same source texts): read, never change."""
    emphasis: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for piece in protected(text).pieces:
        lead, core, trail = split_piece(piece)
        emphasis.update(lead + trail)
        if piece.role == "break":
            other["hard line break"] += 1  # two spaces or a backslash: the same break
        elif core and not WEB.fullmatch(core) and not _PASSIVE_ESCAPE.fullmatch(core):
            other[core] += 1
    return emphasis, other


def describe(token: str) -> tuple[str, str]:
    """What a markup token is, and how to fix it when it went missing."""
    if token.startswith("]("):
        return f"link destination {token[1:]}", "keep the URL as in the source"
    if token.startswith("]["):
        return f"link reference {token[1:]}", "keep the label as in the source"
    if token in ("[", "!["):
        return ("image opening ![" if token == "![" else "link text opening ["), "keep [text](url) as in the source"
    if token.startswith("[^"):
        return f"footnote reference {token}", "keep it as in the source, after the word it annotates"
    if token.startswith("{"):
        return f"attribute list {token[token.index('{'):]}", "copy it unchanged: links and styles depend on it"
    if token.startswith("`"):
        return f"inline code {token}", "copy it unchanged"
    return (f"HTML tag {token}" if token.startswith("<") else f"markup {token}"), "keep it as in the source"


@lru_cache(maxsize=8192)
def links(text: str) -> Counter[str]:
    """URLs and e-mail addresses written in the text; link destinations are the `markup` check's.
    Remembered: read, never change."""
    p = protected(text)
    cores = [split_piece(piece)[1] for piece in p.pieces if piece.role == "atom"]
    rest = PLACEHOLDER.sub(" ", p.text)
    return Counter([c for c in cores if WEB.fullmatch(c)] + (WEB.findall(rest) if _WEB_NEEDS.search(rest) else []))


def phone_digits(number: str) -> str:
    """National digits: 33 (0)4 96 11 60 00, +33 4 96 11 60 00 and 04 96 11 60 00 are one number."""
    digits = re.sub(r"\D", "", number).removeprefix("00")
    return "0" + digits[-9:] if digits.startswith("33") else digits


@lru_cache(maxsize=8192)
def mt_marks(text: str) -> tuple[str, ...]:
    """Apertium's unknown-word marks (*word, #word, @word); emphasis, anchors and e-mails are none.  Remembered."""
    shown = masked(text)
    found = _MARK.findall(shown)
    opened: list[re.Match[str]] = []
    for m in _STARS.finditer(shown):
        before = shown[m.start() - 1] if m.start() else " "
        after = shown[m.end()] if m.end() < len(shown) else " "
        if len(m.group()) > 1:
            continue  # ** and *** are bold
        if not before.isspace() and opened:
            opened.pop()  # closes the nearest opening *, as Markdown pairs emphasis
        elif not after.isspace() and not before.isalnum():
            opened.append(m)
    words = (_WORD.match(shown, m.end()) for m in opened)
    return (*found, *("*" + w.group() for w in words if w))


@lru_cache(maxsize=8192)
def ending(text: str) -> str:
    """The class of the final punctuation mark ('' for none): '.' and '。' are one class.  Remembered."""
    core = PLACEHOLDER.sub("", protected(text).text).rstrip(CLOSERS)
    return "…" if core.endswith("...") else _ENDINGS.get(core[-1:], "")


@lru_cache(maxsize=8192)
def unbalanced(text: str) -> tuple[str, ...]:
    """The bracket and quote pairs that do not open and close in order.  Remembered."""
    bad = []
    for pair in _PAIRS:
        if pair[0] not in text and pair[1] not in text:
            continue
        depth = 0
        for ch in _BRACKETS[pair].findall(text):  # only the pair's characters, not every one of the text
            depth += (ch == pair[0]) - (ch == pair[1])
            if depth < 0:
                break
        bad += [pair] if depth else []
    bad += ["‘’"] if text.count("‘") > text.count("’") else []  # a lone ’ is an apostrophe
    return (*bad, *(['""'] if text.count('"') % 2 else []))

