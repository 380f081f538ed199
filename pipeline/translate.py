"""Stage 3: fill the empty msgstr of a catalogue with drafts: the translation memory first, then an engine.

Only empty entries are touched: anything a person wrote, fuzzy or not, stays.
For the engine, each msgid is protected (markup, approved glossary terms and
figures -> placeholders, pipeline.protect), its outer markup peeled off,
ALL-CAPS text put in sentence case, and the rest split into sentences; the
sentences of the whole catalogue go to the engine in a few large batches,
sorted by length.  Placeholders come back as the markup, the approved term, or
the figure rendered for the target.  Drafts are fuzzy, with their provenance
recorded by the catalogue layer.  The catalogue is the cache: a second run
finds no empty entry and calls no engine.

Better drafts reach existing catalogues: a draft nobody touched
(catalog.untouched) is drafted again when its route, engine version or the
drafting rules (RULES_VERSION) differ from what this run would record, and
every untouched draft with `redraft`.  A person's text, an edited or reviewed
draft and a draft a merge carried to a changed source are never touched.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import polib

from pipeline import respell
from pipeline.article_names import article_names
from pipeline.concord import adjectives_first, agree, elide
from pipeline.catalog import Provenance, clear_draft, follow_edits, set_draft, untouched
from pipeline.contact import is_contact_block, label_spans, localise_contact
from pipeline.doubled import undouble
from pipeline.engines import Engine
from pipeline.errors import EngineError, EngineUnavailable
from pipeline.glossary import Glossary
from pipeline.locales import PSEUDO, base_language
from pipeline.memory import Memory, fill
from pipeline.patterns import PLACEHOLDER
from pipeline.possessive import its, their
from pipeline.protect import (Piece, Protected, capitalised, from_stand_ins, has_stand_ins, is_stand_in, protect,
                              protect_figures, protect_names, protect_spans, protect_terms, restore)
from pipeline.truecase import case_memory, given_names, is_caps, is_compound_name, truecase
from pipeline.typography import retypeset

RULES = "pipeline rules (address kept, labels localised)"
RULES_VERSION = "6"
"""The drafting rules' version, recorded with every machine draft: bump it when a change to this stage (or
respell, truecase, concord, contact, doubled, protect, typography, article_names, possessive, engines/prefixed,
engines/errata, engines/lexicon and its table) changes
what drafts say, and every untouched draft is drafted again on the next run."""
_A_GRAVE = re.compile(r"(?:^|(?<=[.!?…]\s))A(?=\s+[^\W\d_])")
_SPELLED = 1000  # a display title's names are placeholders from ⟦1001⟧ on, apart from its markup's
CHUNK = 256  # sentences per engine call: big enough to batch, small enough to keep work on failure
_HEAD = re.compile(r"(?:\s*⟦\d+⟧)*\s*")
_TAIL = re.compile(r"(?:\s*⟦\d+⟧)*\s*$")


@dataclass
class Report:
    """What translate_catalog did for one catalogue."""

    lang: str
    engine: str = ""
    memory: int = 0        # drafts from the translation memory
    drafts: int = 0        # drafts from the engine
    markup_problems: int = 0
    unknown_words: list[str] = field(default_factory=list)
    unavailable: str = ""  # why no engine could serve this language
    error: str = ""        # an engine failure that stopped the run midway
    redrafted: int = 0     # untouched drafts drafted again (stale, or asked for with redraft)


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
    spelled: tuple[tuple[int, str], ...] = ()  # a title's names: placeholder number (from _SPELLED on) -> name
    read: tuple[str, ...] = ()         # source words sent as the word meant (respell): `CHOISSANT -> CHOISISSANT`


def translate_catalog(po: polib.POFile, source: str, target: str, engines: Sequence[Engine],
                      progress: Callable[[int, int], None] | None = None,
                      glossary: Glossary | None = None, memory: Memory | None = None,
                      tm_threshold: float = 0.75, redraft: bool = False) -> Report:
    """Draft every empty entry of `po` in place: from `memory` where it has a match above
    `tm_threshold`, the rest with the first engine that serves the pair.  Untouched drafts
    that are stale (or all of them, with `redraft`) are drafted again first (_stale).

    Approved glossary terms reach the engine as placeholders and come back as
    their approved translation (dnt terms as written).
    """
    report = Report(target)
    for entry in po:  # a person's change since the last merge, recorded before anything is drafted
        follow_edits(entry)
    engine = next((e for e in engines if e.supports(source, target)), None)
    current = engine.provenance(source, target) if engine is not None else None
    origins: set[str] | None = None
    if engine is not None and current is not None:  # a pivot engine may choose the route per sentence
        choices = getattr(engine, "origins", None)
        origins = set(choices(source, target)) if choices else {current}
    stale = _stale(po, origins, redraft)
    if memory is not None:
        report.memory = fill(po, target, memory, tm_threshold)
    todo = [e for e in po if not e.obsolete and not e.msgstr and not e.msgid_plural]
    if todo and engine is None:
        report.unavailable = "; ".join(_why_not(e, source, target) for e in engines) or "no engine configured"
    elif todo and engine is not None:
        report.engine = current or ""
        _machine(po, todo, source, target, engine, progress, glossary, report)
    report.redrafted = _restore(stale)
    return report


def _stale(po: polib.POFile, current: set[str] | None,
           redraft: bool) -> dict[int, tuple[polib.POEntry, str, str, list[str]]]:
    """Empty every untouched draft to draft again: with `redraft` all of them, else the machine drafts
    whose origin (route and engine version, one of `current`: a pivot engine may choose the route per
    sentence) or rules version is not what this run records.
    Returns what each entry held, by id, so one that no draft replaces gets it back."""
    emptied = {}
    for entry in po:
        found = None if entry.obsolete else untouched(entry)
        if found is None:
            continue
        origin = {RULES} if is_contact_block(entry.msgid) else current
        outdated = found.kind == "machine" and origin is not None and (
            found.origin not in origin or found.rules != RULES_VERSION)
        if redraft or outdated:
            emptied[id(entry)] = (entry, entry.msgstr, entry.tcomment, list(entry.flags))
            clear_draft(entry)
    return emptied


def _restore(emptied: dict[int, tuple[polib.POEntry, str, str, list[str]]]) -> int:
    """Put back the drafts no new draft replaced (no engine, an engine failure); how many were replaced."""
    replaced = 0
    for entry, msgstr, tcomment, flags in emptied.values():
        if entry.msgstr:
            replaced += 1
        else:
            entry.msgstr, entry.tcomment, entry.flags = msgstr, tcomment, flags
    return replaced


def _machine(po: polib.POFile, todo: list[polib.POEntry], source: str, target: str, engine: Engine,
             progress: Callable[[int, int], None] | None, glossary: Glossary | None, report: Report) -> None:
    """Engine drafts for the `todo` entries of `po`, in place."""
    for entry in [e for e in todo if is_contact_block(e.msgid)]:  # an address is kept, not translated
        set_draft(entry, localise_contact(entry.msgid, target), Provenance("machine", RULES, rules=RULES_VERSION))
        report.drafts += 1
    todo = [e for e in todo if not e.msgstr]
    cases = case_memory(e.msgid for e in po if not e.obsolete)
    sources = [protect(e.msgid).text for e in po if not e.obsolete]
    meant = _meant(sources, source, glossary) if target != PSEUDO else {}
    prepared = {id(e): _prepare(e.msgid, glossary, target, engine.keeps_unknown_words, cases, source, meant)
                for e in todo}
    pending = {id(e): set(_units(prepared[id(e)])) for e in todo}
    units = sorted({u for p in pending.values() for u in p}, key=lambda u: (len(u), u))
    done: dict[str, str] = {}
    unknown: dict[str, list[str]] = {}
    pivot: dict[str, list[str]] = {}
    routes: dict[str, tuple[str, ...]] = {}  # the modes a pivot engine chose per sentence
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
        if base_language(target) == "en":  # su/sus of the pivot: his, where the French said leur
            out = [their(s, o) for s, o in zip(chunk, out)]
        done.update(zip(chunk, out))
        for unit, words in zip(chunk, engine.last_unknown):
            unknown[unit] = [w for w in words if not is_stand_in(w)]
        for unit, words in zip(chunk, getattr(engine, "last_pivot", [])):  # a pivot route's leftovers
            pivot[unit] = words
        routes.update(zip(chunk, getattr(engine, "last_routes", [])))
        if progress:
            progress(len(chunk), len(units))
    ready = [e for e in todo if pending[id(e)] <= done.keys()]
    terms = [_terms(prepared[id(e)].protected, "term") for e in ready]
    texts = agree([_draft(prepared[id(e)], done, target) for e in ready], terms, target,
                  [_source(prepared[id(e)]) for e in ready])
    texts = adjectives_first(texts, terms, target)
    names = [{n: r for n, (r, _) in _terms(prepared[id(e)].protected, "name").items()} for e in ready]
    texts = elide(texts, [{**named, **{n: r for n, (r, _) in these.items()}} for named, these in zip(names, terms)],
                  target)
    if base_language(target) == "en":  # su/sus of the pivot: his, where the French possessor is no person
        texts = its([e.msgid for e in ready], texts)
    left = {w for words in unknown.values() for w in words}
    respelled = respell.respellings(texts, target, sources, left) if target != PSEUDO else {}
    for entry, (text, fixed) in zip(ready, (respell.read(t, respelled, target=True) for t in texts)):
        used = {routes[s] for line in prepared[id(entry)].lines for s in line if s in routes}
        label = getattr(engine, "label", None)
        origin = label(sorted(used)) if used and label else report.engine
        _fill(entry, prepared[id(entry)], text, unknown, pivot, report, origin, fixed)


def _why_not(engine: Engine, source: str, target: str) -> str:
    try:
        engine.provenance(source, target)
    except EngineUnavailable as exc:
        return str(exc)
    return f"{engine.name}: does not support {source}->{target}"


def _meant(sources: list[str], source: str, glossary: Glossary | None) -> dict[str, str]:
    """The catalogue's misspelt source words (`sources`: its protected msgids) -> the words meant (respell),
    the same for every target."""
    terms = glossary.terms if glossary is not None else []
    return respell.readings(sources, source, [t.fr for t in terms], [t.fr for t in terms if t.dnt])


def _prepare(msgid: str, glossary: Glossary | None = None, lang: str = "", stand_ins: bool = False,
             cases: Mapping[str, str] | None = None, source: str = "fr",
             meant: Mapping[str, str] | None = None) -> _Prepared:
    """Protect markup and glossary terms, peel outer markup, split at hard breaks and into sentences;
    misspelt words as the words `meant`; ALL-CAPS text goes in running-text case (`cases`: the document's
    own spellings)."""
    protected = protect(msgid, ordinals=bool(lang))
    text = protected.text
    head = _HEAD.match(text).group()  # type: ignore[union-attr]
    core = text[len(head):]
    tail = _TAIL.search(core).group()  # type: ignore[union-attr]
    core = core[:len(core) - len(tail)]
    caps = is_caps(core, source)
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
    read: tuple[str, ...] = ()
    if meant:  # before the glossary, which then finds the word meant (RIATITY -> RIALITY, a dnt name)
        done = [respell.read(line, meant) for line in lines]
        lines, read = [line for line, _ in done], tuple(dict.fromkeys(r for _, seen in done for r in seen))
    # terms and figures after the lines are known, so one spread over a title's lines is found
    pieces = list(protected.pieces)
    stand_ins = stand_ins and not has_stand_ins(msgid)
    if glossary is not None:
        lines = [protect_terms(line, pieces, glossary, lang, caps, stand_ins) for line in lines]
    spelled: list[Piece] = []
    if lang and lang != PSEUDO:
        def is_name(word: str) -> bool:
            return is_compound_name(word, cases or {}, source)
        if not display:
            lines = [protect_names(line, pieces, is_name, stand_ins) for line in lines]
            lines = [protect_spans(line, pieces, given_names(line, source), stand_ins) for line in lines]
            lines = [protect_spans(line, pieces, article_names(line, source), stand_ins) for line in lines]
        elif stand_ins:  # the title breaks inside names (AIX-|MARSEILLE-): they are spelled out before it is rebroken
            spelled = [Piece("", "atom")] * _SPELLED
            lines = [protect_names(line, spelled, is_name, stand_ins) for line in lines]
        lines = [protect_spans(line, pieces, label_spans(line, lang), stand_ins) for line in lines]
    if lang:
        lines = [protect_figures(line, pieces, lang, stand_ins) for line in lines]
    if source == "fr":  # `A Salon-de-Provence`: a capital written without its accent, not the verb (il a)
        lines = [_A_GRAVE.sub("À", line) for line in lines]
    protected = Protected(protected.text, tuple(pieces))
    split = tuple(_caps_sentences(line, cases or {}, source) if caps else _sentences(line) for line in lines)
    return _Prepared(protected, head, tail, split, tuple(breaks), caps, display, widths,
                     tuple((n, piece.markup) for n, piece in enumerate(spelled, start=1) if n > _SPELLED), read)


def _caps_sentences(line: str, cases: Mapping[str, str], source: str) -> tuple[str, ...]:
    """The sentences of an ALL-CAPS line in running-text case: split where the sentence capitals say, each
    sent with its first word in its own case (truecase)."""
    capitals, own = truecase(line, cases, source), truecase(line, cases, source, starts=False)
    found, pos = [], 0
    for sentence in _sentences(capitals):
        start = capitals.find(sentence, pos)
        pos = start + len(sentence)
        found.append(own[start:pos])
    return tuple(found)


def _units(p: _Prepared) -> list[str]:
    return [s for line in p.lines for s in line if _has_letters(s)]


def _draft(p: _Prepared, done: dict[str, str], lang: str) -> str:
    """The engine's sentences put together: case, title lines, target punctuation; placeholders still in."""
    lines = [" ".join(done.get(s, s) if _has_letters(s) else s for s in line).strip() for line in p.lines]
    lines = [re.sub(r"(?<=\S) {2,}(?=\S)", " ", line) for line in lines]  # gaps left around placeholders
    if p.caps:  # words with figures keep the case they were sent with: 8h30, 5E
        lines = [re.sub(r"\S+", lambda m: m.group() if _has_digit(m.group()) else m.group().upper(), line)
                 for line in lines]
    if p.display:
        names = dict(p.spelled)
        lines = _rewrap(PLACEHOLDER.sub(lambda m: names.get(int(m.group(1)), m.group()), from_stand_ins(lines[0])),
                        p.widths)
    body = lines[0] + "".join(br + line for br, line in zip(p.breaks, lines[1:]))
    return undouble(from_stand_ins(p.head + retypeset(body, lang) + p.tail), p.protected.text)


def _source(p: _Prepared) -> tuple[str, dict[int, str]]:
    """The sentences as sent, with placeholders, and each term as the source writes it."""
    return (from_stand_ins(" ".join(s for line in p.lines for s in line)),
            {n: piece.source for n, piece in enumerate(p.protected.pieces, start=1) if piece.role == "term"})


def _terms(protected: Protected, role: str) -> dict[int, tuple[str, str]]:
    """Placeholder number -> (rendering, glossary gender) of each glossary term (or name, by `role`)."""
    return {n: (piece.markup, piece.gender) for n, piece in enumerate(protected.pieces, start=1)
            if piece.role == role}


def _fill(entry: polib.POEntry, p: _Prepared, text: str, unknown: dict[str, list[str]],
          pivot: dict[str, list[str]], report: Report, origin: str, respelled: tuple[str, ...] = ()) -> None:
    """Write the draft into the entry: fuzzy, with provenance, any problem and the engine's misspellings
    mended (`respelled`: `inovadores -> innovadores`) in its comment."""
    draft, problems = restore(text, capitalised(p.protected, text))
    words = sorted({w for line in p.lines for s in line for w in unknown.get(s, [])})
    left = sorted({w for line in p.lines for s in line for w in pivot.get(s, [])} & set(words))
    set_draft(entry, draft, Provenance("machine", origin, tuple(problems), tuple(words), RULES_VERSION,
                                       pivot_words=tuple(left), source_read=p.read, respelled=respelled))
    report.unknown_words += words
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


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in PLACEHOLDER.sub("", text))


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in PLACEHOLDER.sub("", text))


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="fr", clean=False)


def _sentences(text: str) -> tuple[str, ...]:
    """French sentences of one line (pysbd knows M., Mme, etc., 26,6 %, « »)."""
    text = text.strip()
    if not _has_letters(text):
        return (text,) if text else ()
    return tuple(s.strip() for s in _segmenter().segment(text) if s.strip())
