"""Stage 3: fill the empty msgstr of a catalogue with machine drafts.

Only empty entries are touched: anything a person wrote, fuzzy or not, stays.
Each msgid is protected (markup, then approved glossary terms, then figures ->
placeholders), its outer markup peeled off, ALL-CAPS text put in sentence case,
and the rest split into sentences; the sentences of the whole catalogue go to
the engine in a few large batches, sorted by length.  Placeholders come back as
the markup, the approved term, or the figure rendered for the target by Babel.
Drafts are marked fuzzy with the engine and model in a translator comment.
The catalogue is the cache: a second run finds no empty entry and calls no engine.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import polib

from pipeline.engines import Engine
from pipeline.errors import EngineError, EngineUnavailable
from pipeline.figures import find_figures
from pipeline.figures_render import render
from pipeline.glossary import Glossary
from pipeline.locales import PSEUDO
from pipeline.protect import PLACEHOLDER, Piece, Protected, protect, restore

MT_COMMENT = "machine translation: "
CHUNK = 256  # sentences per engine call: big enough to batch, small enough to keep work on failure
_HEAD = re.compile(r"(?:\s*⟦\d+⟧)*\s*")
_TAIL = re.compile(r"(?:\s*⟦\d+⟧)*\s*$")
_NUMBER_STAND_IN = re.compile(r"(?<!\d)7000\d{3}(?!\d)")
_WORD_STAND_IN = re.compile(r"(?<!\w)xqz([a-z]+)(?!\w)", re.IGNORECASE)
_OPENS = re.compile(r"(?:^|[.!?…]\s+|«\s*|\"\s*)(?:⟦\d+⟧\s*)*$")
_SENTENCE_START = re.compile(r"(^|[.!?…]\s+|«\s*|\"\s*)((?:⟦\d+⟧\s*)*)(\w)")


@dataclass
class Report:
    """What translate_catalog did for one catalogue."""

    lang: str
    engine: str = ""
    drafts: int = 0
    markup_problems: int = 0
    unknown_words: list[str] = field(default_factory=list)
    unavailable: str = ""  # why no engine could serve this language
    error: str = ""        # an engine failure that stopped the run midway


@dataclass(frozen=True)
class _Prepared:
    protected: Protected
    head: str
    tail: str
    lines: tuple[tuple[str, ...], ...]  # per line (hard breaks split lines): the sentences to translate
    breaks: tuple[str, ...]            # the placeholders between lines
    caps: bool
    display: bool                      # short lines of a title, translated as one
    widths: tuple[int, ...]            # the title's line lengths, to break the translation alike


def translate_catalog(po: polib.POFile, source: str, target: str, engines: Sequence[Engine],
                      progress: Callable[[int, int], None] | None = None,
                      glossary: Glossary | None = None) -> Report:
    """Machine-translate every empty entry of `po` in place with the first engine that serves the pair.

    Approved glossary terms reach the engine as placeholders and come back as
    their approved translation (dnt terms as written).
    """
    report = Report(target)
    todo = [e for e in po if not e.obsolete and not e.msgstr and not e.msgid_plural]
    if not todo:
        return report
    engine = next((e for e in engines if e.supports(source, target)), None)
    if engine is None:
        report.unavailable = "; ".join(_why_not(e, source, target) for e in engines) or "no engine configured"
        return report
    report.engine = provenance = engine.provenance(source, target)
    stand_ins = getattr(engine, "keeps_unknown_words", False)
    prepared = {id(e): _prepare(e.msgid, glossary, target, stand_ins) for e in todo}
    pending = {id(e): set(_units(prepared[id(e)])) for e in todo}
    units = sorted({u for p in pending.values() for u in p}, key=lambda u: (len(u), u))
    done: dict[str, str] = {}
    unknown: dict[str, list[str]] = {}
    if progress:
        progress(0, len(units))
    for start in range(0, len(units), CHUNK):
        chunk = units[start:start + CHUNK]
        try:
            out = engine.translate(chunk, source, target)
        except EngineError as exc:
            report.error = f"{engine.name} failed for {target}: {exc}"
            break
        if len(out) != len(chunk):
            report.error = f"{engine.name} returned {len(out)} translations for {len(chunk)} inputs"
            break
        done.update(zip(chunk, out))
        for unit, words in zip(chunk, getattr(engine, "last_unknown", None) or []):
            unknown[unit] = [w for w in words if not _WORD_STAND_IN.fullmatch(w)]
        if progress:
            progress(len(chunk), len(units))
    for entry in todo:
        if pending[id(entry)] <= done.keys():
            _fill(entry, prepared[id(entry)], done, unknown, provenance, report, target)
    return report


def _why_not(engine: Engine, source: str, target: str) -> str:
    try:
        engine.provenance(source, target)
    except EngineUnavailable as exc:
        return str(exc)
    return f"{engine.name}: does not support {source}->{target}"


def _prepare(msgid: str, glossary: Glossary | None = None, lang: str = "", stand_ins: bool = False) -> _Prepared:
    """Protect markup and glossary terms, peel outer markup, split at hard breaks and into sentences."""
    protected = protect(msgid)
    text = protected.text
    head = _HEAD.match(text).group()  # type: ignore[union-attr]
    core = text[len(head):]
    tail = _TAIL.search(core).group()  # type: ignore[union-attr]
    core = core[:len(core) - len(tail)]
    caps = _is_caps(core)
    lines, breaks, last = [], [], 0
    for m in PLACEHOLDER.finditer(core):
        if protected.pieces[int(m.group(1)) - 1].role == "break":
            lines.append(core[last:m.start()].strip())
            breaks.append(m.group())
            last = m.end()
    lines.append(core[last:].strip())
    display = caps and len(lines) > 2 and all(len(line.split()) <= 3 for line in lines)
    widths = tuple(len(line) for line in lines)
    if display:  # a title set line by line: translate it whole, break it again afterwards
        lines = ["".join(line + ("" if line.endswith("-") else " ") for line in lines).strip()]
    # terms and figures after the lines are known, so one spread over a title's lines is found
    pieces = list(protected.pieces)
    stand_ins = stand_ins and not (_NUMBER_STAND_IN.search(msgid) or _WORD_STAND_IN.search(msgid))
    if glossary is not None:
        lines = [_protect_terms(line, pieces, glossary, lang, caps, stand_ins) for line in lines]
    if lang:
        lines = [_protect_figures(line, pieces, lang, stand_ins) for line in lines]
    protected = Protected(protected.text, tuple(pieces))
    split = tuple(_sentences(_sentence_case(line) if caps else line) for line in lines)
    return _Prepared(protected, head, tail, split, tuple(breaks), caps, display, widths)


def _protect_terms(text: str, pieces: list[Piece], glossary: Glossary, lang: str, caps: bool,
                   stand_ins: bool = False) -> str:
    """Each approved term of `text` with a rendering in `lang` becomes one more placeholder (added to pieces).

    For an engine that passes unknown words through (Apertium) the placeholder is an
    unknown word (Xqzb for ⟦2⟧): its grammar then handles the term as a noun in its
    place, where a ⟦n⟧ would be moved with the punctuation around it.
    """
    out, last = [], 0
    for m in glossary.find(text):
        rendering = m.term.target(lang, m.plural, m.text)
        if not rendering:
            continue
        if m.term.dnt:  # a name: as written, never capitalised or upper-cased
            pieces.append(Piece(rendering, "name"))
        else:
            pieces.append(Piece(rendering.upper() if caps else rendering, "term"))
        out += [text[last:m.start], _word_stand_in(len(pieces)) if stand_ins else f"⟦{len(pieces)}⟧"]
        last = m.end
    out.append(text[last:])
    return "".join(out)


def _word_stand_in(n: int) -> str:
    """Xqz + n in letters (a = 0): a word no dictionary knows, so engines copy it."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if not n:
            return "Xqz" + letters


def _from_stand_ins(text: str) -> str:
    """Stand-in words and numerals back to the ⟦n⟧ placeholders they stand for."""
    def word(m: re.Match[str]) -> str:
        n = 0
        for ch in m.group(1).lower():
            n = n * 26 + "abcdefghijklmnopqrstuvwxyz".index(ch)
        return f"⟦{n}⟧"
    text = _NUMBER_STAND_IN.sub(lambda m: f"⟦{int(m.group()) - 7000000}⟧", text)
    return _WORD_STAND_IN.sub(word, text)


def _protect_figures(text: str, pieces: list[Piece], lang: str, numeric: bool = False) -> str:
    """Each figure becomes a placeholder standing for its rendering in `lang` (Babel), whatever the engine.

    For an engine that copies digits verbatim (Apertium), the placeholder is a number
    (7000005 for ⟦5⟧): the engine's grammar then treats it as the numeral it stands
    for and keeps it in place, where a ⟦n⟧ would be moved or split.
    """
    out, last = [], 0
    for fig in find_figures(text):
        pieces.append(Piece(fig.text if lang == PSEUDO else render(fig, lang), "figure"))
        out += [text[last:fig.start], f"{7000000 + len(pieces)}" if numeric else f"⟦{len(pieces)}⟧"]
        last = fig.end
    out.append(text[last:])
    return "".join(out)


def _capitalised(protected: Protected, text: str) -> Protected:
    """Terms that open a sentence of the translation start with a capital."""
    pieces = list(protected.pieces)

    def as_word(m: re.Match[str]) -> str:  # a figure, term or name before it is a word: "6th hub", not "6th Hub"
        n = int(m.group(1))
        return "x" if 1 <= n <= len(pieces) and pieces[n - 1].role in ("figure", "term", "name") else m.group()

    for m in PLACEHOLDER.finditer(text):
        n = int(m.group(1))
        if 1 <= n <= len(pieces) and pieces[n - 1].role == "term" \
                and _OPENS.search(PLACEHOLDER.sub(as_word, text[:m.start()])):  # names keep their case
            markup = pieces[n - 1].markup
            pieces[n - 1] = Piece(markup[:1].upper() + markup[1:], "term")
    return Protected(protected.text, tuple(pieces))


def _units(p: _Prepared) -> list[str]:
    return [s for line in p.lines for s in line if _has_letters(s)]


def _fill(entry: polib.POEntry, p: _Prepared, done: dict[str, str], unknown: dict[str, list[str]],
          provenance: str, report: Report, lang: str = "") -> None:
    """Write the draft into the entry: fuzzy, with provenance and any problem in its comment."""
    lines = [" ".join(done.get(s, s) if _has_letters(s) else s for s in line).strip() for line in p.lines]
    lines = [re.sub(r"(?<=\S) {2,}(?=\S)", " ", line) for line in lines]  # gaps left around placeholders
    if p.caps:  # words with figures keep the case they were sent with: 8h30, 5E
        lines = [re.sub(r"\S+", lambda m: m.group() if _has_digit(m.group()) else m.group().upper(), line)
                 for line in lines]
    if p.display:
        lines = _rewrap(lines[0], p.widths)
    body = lines[0] + "".join(br + line for br, line in zip(p.breaks, lines[1:]))
    text = p.head + _typography(body, lang) + p.tail
    text = _from_stand_ins(text)
    draft, problems = restore(text, _capitalised(p.protected, text))
    words = sorted({w for line in p.lines for s in line for w in unknown.get(s, [])})
    notes = [f"{MT_COMMENT}{provenance}"]
    notes += [f"mt problem: {problem}" for problem in problems]
    if words:
        notes.append("mt unknown words: " + ", ".join(words))
        report.unknown_words += words
    entry.msgstr = draft
    entry.flags = [f for f in entry.flags if f != "fuzzy"] + ["fuzzy"]
    entry.tcomment = "\n".join(([entry.tcomment] if entry.tcomment else []) + notes)
    report.drafts += 1
    report.markup_problems += bool(problems)


def _rewrap(text: str, widths: Sequence[int]) -> list[str]:
    """`text` broken into len(widths) lines whose lengths follow the source lines' `widths`.

    Breaks fall between words or after a hyphen (AIX-|MARSEILLE-), at the
    boundary nearest each source line's share of the text.
    """
    tokens = list(re.finditer(r"\S+?-(?=\S)|\S+", text))
    scale = len(text) / max(sum(w + 1 for w in widths) - 1, 1)
    targets, total = [], 0
    for w in widths[:-1]:
        total += w + 1
        targets.append(total * scale)
    lines: list[str] = []
    start = 0
    for i, tok in enumerate(tokens[:-1]):
        if len(lines) == len(targets):
            break
        target = targets[len(lines)]
        if abs(tok.end() - target) <= abs(tokens[i + 1].end() - target) \
                or len(tokens) - i - 1 <= len(targets) - len(lines):
            lines.append(text[start:tok.end()].strip())
            start = tokens[i + 1].start()
    lines.append(text[start:].strip())
    return [line for line in lines if line]


_QUOTES = {"en": ("“", "”"), "zh": ("“", "”"), "de": ("„", "“")}  # others keep « », without inner spaces


def _typography(text: str, lang: str) -> str:
    """French typography that engines copy through, made right for the target: no space before
    : ; ! ? (outside French), and the target's own quotation marks without French inner spaces."""
    if not lang or lang.split("-")[0].split("_")[0] == "fr" or lang == PSEUDO:
        return text
    text = re.sub(r"(?<=\S)[ \u00a0\u202f]+(?=[:;!?](?:\s|$|⟦))", "", text)
    opening, closing = _QUOTES.get(lang.split("_")[0], ("«", "»"))
    text = re.sub(r"«[ \u00a0\u202f]*(.*?)[ \u00a0\u202f]*»", lambda m: opening + m.group(1) + closing, text,
                  flags=re.S)
    # a quotation that runs over several paragraphs opens in one entry and closes in another
    text = re.sub(r"«[ \u00a0\u202f]*", opening, text)
    return re.sub(r"[ \u00a0\u202f]*»", closing, text)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in PLACEHOLDER.sub("", text))


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in PLACEHOLDER.sub("", text))


def _is_caps(text: str) -> bool:
    """Mostly capital letters over enough text to be a shouted pull quote, not an acronym."""
    letters = [c for c in PLACEHOLDER.sub("", text) if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _sentence_case(text: str) -> str:
    """LE PORT DE MARSEILLE. IL EST À 8H30 -> Le port de marseille. Il est à 8H30 (figures kept as written)."""
    lowered = re.sub(r"\S+", lambda m: m.group() if _has_digit(m.group()) else m.group().lower(), text)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), lowered)


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="fr", clean=False)


def _sentences(text: str) -> tuple[str, ...]:
    """French sentences of one line (pysbd knows M., Mme, etc., 26,6 %, « »)."""
    text = text.strip()
    if not _has_letters(text):
        return (text,) if text else ()
    return tuple(s.strip() for s in _segmenter().segment(text) if s.strip())
