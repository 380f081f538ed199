"""Everything an engine must not translate -> numbered placeholders, and back.

Engines see `⟦1⟧Airbus Helicopters⟦2⟧ investit` instead of
`**Airbus Helicopters** investit`: link text is translated, URLs, code, HTML
tags, entities, escapes, e-mail addresses, footnote references, attribute
lists ({#id .class}) and hard breaks are not.  Approved
glossary terms and figures become placeholders too, standing for the approved
translation and the figure rendered for the target by Babel.  For an engine
that passes unknown words and numerals through in place (Apertium), terms and
figures travel as stand-ins it treats as a noun or a numeral (Xqzb, 7000002)
instead of ⟦n⟧, which its grammar would move with the punctuation around it.
Restoring checks that every placeholder came back exactly once and that a
link's text still opens before it closes; anything else is reported, never
papered over.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline import morphology
from pipeline.figures import find_figures, render
from pipeline.glossary import Glossary
from pipeline.locales import PSEUDO
from pipeline.patterns import EMAIL, PLACEHOLDER, URL

_LINK_TAIL = r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
_BRANCHES = [
    r"(?P<code>(`+)[^`].*?(?<!`)\2(?!`))",
    r"(?P<tag><(?:[A-Za-z][\w-]*(?:\s[^<>]*)?/?|/[A-Za-z][\w-]*\s*|[a-zA-Z][\w+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>)",
    r"(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    r"(?P<hardbreak>(?: {2,}|\\)\n)",
    r"(?P<escape>\\[!-/:-@\[-`{-~])",
    rf"(?P<close>{_LINK_TAIL}|\]\[[^\[\]\n]*\])",
    r"(?P<footnote>\[\^[^\[\]\s]+\])",  # a footnote reference, kept against the word before it like a link
    # an attribute list: {#id .class key=value} hugging a link, image or code span, or any {#id} / {.class}
    r"(?P<attributes>(?<=[)\]`])\{[^{}\n]*\})",
    r"(?P<attribute_list>\{:?[ \t]*[#.][^{}\n]*\})",
    # a shortcut or collapsed reference; brackets glued to a word (Upgr[AI]de) are text
    r"(?P<label>(?<!\w)\[[^\[\]\n]+\](?:\[\])?(?![(\[:\w]))",
    # a link or image opens only where its text closes into a destination or a label
    r"(?P<open>!?\[(?=(?:[^\[\]\n]|\[[^\[\]\n]*\])*\][(\[]))",
    rf"(?P<url>{URL})",
    rf"(?P<email>{EMAIL})",
    r"(?P<domain>(?<![\w@.])(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?i:com|fr|org|net|eu|io|info)(?![\w-])(?:/[^\s<>()\]]*[^\s<>()\].,;:!?'\"»])?)",
    r"(?P<emph>\*+|(?<![^\W_])_+|_+(?![^\W_]))",
]
# What each branch's match must contain, in branch order: a branch whose strings a text lacks cannot match
# there and is left out of the pattern `_markup` scans it with (each branch costs at every position).
_NEEDS = tuple(re.compile(need) for need in (
    "`", "<", "&", "\n", r"\\", r"\]", r"\[\^", r"\{", r"\{", r"\[", r"\[", r"://|www\.", "@",
    r"\.(?i:com|fr|org|net|eu|io|info)(?![\w-])", r"[*_]"))
_SUP_ORDINAL = re.compile(r"(?<!\d)\d+<sup>(?:e|er|re|ère|ème|nde?)</sup>")  # 6<sup>e</sup>: a figure
_NUMBER_STAND_IN = re.compile(r"(?<!\d)7000\d{3}(?!\d)")
_WORD_STAND_IN = re.compile(r"(?<!\w)xqz([a-z]+)(?!\w)", re.IGNORECASE)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_OPENS = re.compile(r"(?:^|[.!?…]\s+|«\s*|\"\s*)(?:⟦\d+⟧\s*)*$")


@dataclass(frozen=True)
class Piece:
    """A run of markup hidden behind one placeholder."""

    markup: str
    role: str  # "open" (hugs the text after it), "close" (hugs the text before it), "break", "atom",
               # or what the translation puts in its place: "term", "name" (a dnt term), "figure"
    gender: str = ""  # a term's gender from the glossary, for words the target's analyser lacks
    source: str = ""  # a term as the source writes it (the words agreeing with it there say what they qualify)


@dataclass(frozen=True)
class Protected:
    """Engine text with ⟦n⟧ placeholders; pieces[n - 1] is what ⟦n⟧ stands for."""

    text: str
    pieces: tuple[Piece, ...]


def protect(msgid: str, ordinals: bool = False) -> Protected:
    """Hide markup behind placeholders; soft line breaks become spaces.  With `ordinals`, an
    ordinal with its suffix in <sup> stays text, for protect_figures to render for the target."""
    pieces: list[Piece] = []
    out: list[str] = []
    last = 0
    kept = [(m.start(), m.end()) for m in _SUP_ORDINAL.finditer(msgid)] if ordinals else []
    for m in _markup(msgid).finditer(msgid):
        kind = m.lastgroup or "atom"
        if kind == "emph" and _intraword(msgid, m.start(), m.end()) \
                or any(s <= m.start() < e for s, e in kept):
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


def _markup(text: str) -> re.Pattern[str]:
    """The branches that may match in `text`, as one pattern: the matches of all of them, found several times faster."""
    return _pattern(tuple(need.search(text) is not None for need in _NEEDS))


@lru_cache(maxsize=None)
def _pattern(kept: tuple[bool, ...]) -> re.Pattern[str]:
    return re.compile("|".join(b for b, keep in zip(_BRANCHES, kept) if keep) or "(?!)", re.S)


def _intraword(text: str, start: int, end: int) -> bool:
    """An underscore run inside a word is text (snake_case), not emphasis."""
    return text[start] == "_" and start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()


def _role(kind: str, text: str, start: int, end: int) -> str:
    if kind == "hardbreak":
        return "break"
    if kind == "open":
        return "open"
    if kind in ("close", "footnote", "attributes"):
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


def protect_terms(text: str, pieces: list[Piece], glossary: Glossary, lang: str, caps: bool,
                  stand_ins: bool = False) -> str:
    """Each approved term of `text` with a rendering in `lang` becomes one more placeholder (added to pieces).

    With `stand_ins` the placeholder is an unknown word (Xqzb for ⟦2⟧): the engine's
    grammar then handles the term as a noun in its place.
    """
    out, last = [], 0
    for m in glossary.find(text):
        plural = m.plural or _invariable(m.text) and _plural_before(text[:m.start])
        rendering = m.term.target(lang, plural, m.text)
        if not rendering:
            continue
        if m.term.dnt:  # a name: as written, never capitalised or upper-cased
            pieces.append(Piece(rendering, "name"))
        else:
            pieces.append(Piece(rendering.upper() if caps else rendering, "term", m.term.gender(lang), m.text))
        out += [text[last:m.start], _word_stand_in(len(pieces)) if stand_ins else f"⟦{len(pieces)}⟧"]
        last = m.end
    out.append(text[last:])
    return "".join(out)


_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+|\d[\d \u00a0\u202f]*)\s+$")


def _invariable(matched: str) -> bool:
    """French writes the term the same in both numbers (PME, TPE, IA, un/des prix): the words before say which."""
    head = matched.split()[0]
    return head.isupper() or head[-1:].lower() in ("s", "x", "z")


def _plural_before(text: str) -> bool:
    """The word before a term is plural by Apertium's French analyser (les, des, aux, ces, plusieurs) or a
    number above one (70 000 PME)."""
    found = _BEFORE.search(text)
    if found is None:
        return False
    word = found.group(1)
    if word[0].isdigit():
        return int(re.sub(r"\D", "", word)) > 1
    tokens = morphology.analyse("fr", [word.lower()])[0]
    return len(tokens) == 1 and tokens[0].known and all("pl" in r[-1].tags for r in tokens[0].readings)


_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?: [dD]['’][^\W\d_]+)?(?![\w-])")


def protect_names(text: str, pieces: list[Piece], is_name: Callable[[str], bool], stand_ins: bool = False) -> str:
    """Each hyphenated word `is_name` accepts (Salon-de-Provence) becomes a placeholder for itself, as written:
    an engine would translate its parts ("LIVING ROOM-OF-PROVENCE").  A `d'Azur` after it goes with it."""
    spans = []
    for m in _COMPOUND.finditer(text):
        word = m.group().split(" ")[0]
        if is_name(word):
            name = m.group() if m.group() != word and m.group()[len(word) + 3:][:1].isupper() else word
            spans.append((m.start(), m.start() + len(name), name))
    return protect_spans(text, pieces, spans, stand_ins)


def protect_spans(text: str, pieces: list[Piece], spans: Sequence[tuple[int, int, str]],
                  stand_ins: bool = False) -> str:
    """Each (start, end, rendering) span of `text`, in order, becomes a placeholder for its rendering, kept as
    it is like a dnt term (a name, a localised label)."""
    out, last = [], 0
    for start, end, rendering in spans:
        pieces.append(Piece(rendering, "name"))
        out += [text[last:start], _word_stand_in(len(pieces)) if stand_ins else f"⟦{len(pieces)}⟧"]
        last = end
    out.append(text[last:])
    return "".join(out)


def protect_figures(text: str, pieces: list[Piece], lang: str, stand_ins: bool = False) -> str:
    """Each figure becomes a placeholder standing for its rendering in `lang` (Babel), whatever the engine.

    With `stand_ins` the placeholder is a number (7000005 for ⟦5⟧): the engine's grammar
    then treats it as the numeral it stands for and keeps it in place.
    """
    out, last = [], 0
    for fig in find_figures(text):
        pieces.append(Piece(fig.text if lang == PSEUDO else render(fig, lang), "figure"))
        out += [text[last:fig.start], f"{7000000 + len(pieces)}" if stand_ins else f"⟦{len(pieces)}⟧"]
        last = fig.end
    out.append(text[last:])
    return "".join(out)


def has_stand_ins(text: str) -> bool:
    """True when `text` itself holds something that reads as a stand-in: then none may be used for it."""
    return bool(_NUMBER_STAND_IN.search(text) or _WORD_STAND_IN.search(text))


def is_stand_in(word: str) -> bool:
    """An engine's unknown word that is one of our stand-ins, not a word of the text."""
    return _WORD_STAND_IN.fullmatch(word) is not None


_OPENER = re.compile(r"^((?:⟦\d+⟧|[^\w\s])*\s*)(xqz[a-z]+)(?=\s+(?:se|me|te|nous|vous|les?|la|lui|leur)\s"
                     r"|\s+[smtl]['’])", re.IGNORECASE)


def numeral_opener(sentence: str) -> tuple[str, dict[str, str]]:
    """`sentence` with a word stand-in that opens it before a clitic pronoun as its numeral stand-in, and the
    numeral -> the word, to put it back.  fr-es's transfer leaves its sentence start pending over an unknown word,
    reads `s'appuie` as a sentence's first words (an imperative) and moves the pronoun after a verb form that takes
    none (`Xqzb #apoyar`); a numeral it reads (`se apoya`), but spa-eng gives it a subject (`it leans`)."""
    found = _OPENER.search(sentence)
    if found is None:
        return sentence, {}
    numeral = str(7000000 + int(from_stand_ins(found.group(2)).strip("⟦⟧")))
    return sentence[:found.start(2)] + numeral + sentence[found.end(2):], {numeral: found.group(2)}


def from_stand_ins(text: str) -> str:
    """Stand-in words and numerals back to the ⟦n⟧ placeholders they stand for."""
    def word(m: re.Match[str]) -> str:
        n = 0
        for ch in m.group(1).lower():
            n = n * 26 + _LETTERS.index(ch)
        return f"⟦{n}⟧"
    text = _NUMBER_STAND_IN.sub(lambda m: f"⟦{int(m.group()) - 7000000}⟧", text)
    return _WORD_STAND_IN.sub(word, text)


def _word_stand_in(n: int) -> str:
    """Xqz + n in letters (a = 0): a word no dictionary knows, so engines copy it."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = _LETTERS[digit] + letters
        if not n:
            return "Xqz" + letters


def capitalised(protected: Protected, text: str) -> Protected:
    """Terms that open a sentence of the translation `text` start with a capital."""
    pieces = list(protected.pieces)

    def as_word(m: re.Match[str]) -> str:  # a figure, term or name before it is a word: "6th hub", not "6th Hub"
        n = int(m.group(1))
        return "x" if 1 <= n <= len(pieces) and pieces[n - 1].role in ("figure", "term", "name") else m.group()

    for m in PLACEHOLDER.finditer(text):
        n = int(m.group(1))
        if 1 <= n <= len(pieces) and pieces[n - 1].role == "term" \
                and _OPENS.search(PLACEHOLDER.sub(as_word, text[:m.start()])):  # names keep their case
            markup = pieces[n - 1].markup
            pieces[n - 1] = dataclasses.replace(pieces[n - 1], markup=markup[:1].upper() + markup[1:])
    return Protected(protected.text, tuple(pieces))
