"""Determiners that agree with their noun in a draft: `la sector` -> `el sector`, `del IA` -> `de la IA`.

A glossary term reaches a rule-based engine as a stand-in word of no gender, so
the engine leaves the determiner before it as the source had it (LA FILIÈRE ->
LA SECTOR) or takes the masculine default (DE L'INNOVATION -> DEL INNOVACIÓN).
Here each determiner before a term, and each unambiguous determiner before an
unambiguous noun, is checked against the noun's gender and number and, where
they cannot agree, generated anew by Apertium's generator and post-generator
for the target (contractions and elisions included: del/de la, al/a la,
dell'/della).  Genders come from the target's analyser; a term the analyser
does not know (IA in Spanish) takes the glossary's `gender` column.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline import morphology
from pipeline.locales import base_language
from pipeline.morphology import Reading, Token
from pipeline.patterns import PLACEHOLDER

_GENDERS, _NUMBERS = ("m", "f"), ("sg", "pl")
_ELIDING = {"it", "ca", "oc", "fr"}  # languages whose articles elide before a vowel: l'impronta, l'empresa
_FIRST_WORD = re.compile(r"[^\W\d_]+(?:['’·][^\W\d_]+)*")


@dataclass(frozen=True)
class Features:
    """What a noun asks of its determiner; '' where it asks nothing."""

    gender: str = ""
    number: str = ""


@dataclass(frozen=True)
class _Fix:
    text: int        # index of the text
    start: int       # span of the determiner (with a preposition before it) in the text
    end: int
    stream: str      # Apertium stream to generate, ending in the following word
    word: str        # that following word


def agree(texts: Sequence[str], terms: Sequence[Mapping[int, tuple[str, str]]], lang: str) -> list[str]:
    """Each text with determiners made to agree; terms[i] maps placeholder n of texts[i] to
    (the term's rendering, the glossary's gender for it or '')."""
    if not morphology.available(lang) or morphology.data_file(lang, "autogen") is None:
        return list(texts)
    renderings = sorted({r for t in terms for r, _ in t.values()})
    features = dict(zip(renderings, (_noun(tokens) for tokens in morphology.analyse(
        lang, [r.lower() for r in renderings]))))
    fixes: list[_Fix] = []
    for i, (text, tokens) in enumerate(zip(texts, morphology.analyse(lang, list(texts)))):
        for m in PLACEHOLDER.finditer(text):
            if int(m.group(1)) not in terms[i]:
                continue
            rendering, gender = terms[i][int(m.group(1))]
            want = features[rendering]
            if gender and not want.gender:
                want = Features(gender, want.number)
            word = _FIRST_WORD.search(rendering)
            before = [t for t in tokens if t.end <= m.start() and not text[t.end:m.start()].strip()]
            if want.gender and word and before:
                _plan(fixes, i, text, tokens, tokens.index(before[-1]), m.start(), want, word.group().lower(), True)
        for k, (det, noun) in enumerate(zip(tokens, tokens[1:])):
            gap = text[det.end:noun.start]
            if (gap.isspace() or not gap and det.surface[-1:] in "'’") and not PLACEHOLDER.search(noun.surface):
                want = _noun([noun], strict=True)
                if want.gender and all(r[-1].pos in ("det", "prn") for r in det.readings):  # las: det or clitic
                    _plan(fixes, i, text, tokens, k, noun.start, want, noun.surface.lower(), False,
                          _misjoined(det.surface, noun.surface, want, lang))
    generated = morphology.generate(lang, [f.stream for f in fixes])
    out = list(texts)
    for fix, new in sorted(zip(fixes, generated), key=lambda p: (p[0].text, -p[0].start)):
        if "\\/" in new and new[-len(fix.word) - 1:-len(fix.word)] == " ":  # la seva\/la seua: the first, as
            new = new.split("\\/")[0] + new[-len(fix.word) - 1:]          # the pair writes it elsewhere
        if not new.lower().endswith(fix.word) or any(c in new for c in "#@*~/"):
            continue
        old = out[fix.text][fix.start:fix.end]
        prefix = _like(new[:len(new) - len(fix.word)], old)
        out[fix.text] = out[fix.text][:fix.start] + prefix + out[fix.text][fix.end:]
    return out


_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+) $")


def elide(texts: Sequence[str], names: Sequence[Mapping[int, str]], lang: str) -> list[str]:
    """Each text with the word before a name elided or contracted as the target's post-generator
    says (`de ⟦3⟧` -> `d'⟦3⟧` for Aix-Marseille, `el ⟦4⟧` -> `l'⟦4⟧` for École): a name reaches the
    engine as a stand-in starting with a consonant; names[i] maps placeholder n of texts[i] to the name."""
    if morphology.data_file(lang, "autopgen") is None:
        return list(texts)
    spots: list[tuple[int, int, int, str]] = []  # text, start of the word before, placeholder start, name's word
    for i, text in enumerate(texts):
        for m in PLACEHOLDER.finditer(text):
            first = _FIRST_WORD.search(names[i].get(int(m.group(1)), ""))
            before = _BEFORE.search(text[:m.start()])
            if first and before and first.start() == 0:
                spots.append((i, before.start(), m.start(), first.group()))
    befores = morphology.analyse(lang, [texts[i][start:end].strip().lower() for i, start, end, _ in spots])
    streams = []
    for (i, start, end, word), tokens in zip(spots, befores):
        joined = [r for t in tokens[:1] for r in t.readings if len(r) == 2 and (r[0].pos, r[1].pos) == ("pr", "det")]
        if joined:  # a contraction (del, della) is generated again from its parts: dell'École
            streams.append(" ".join(f"^{morphology.escape(p.lemma)}{''.join(f'<{t}>' for t in p.tags)}$"
                                    for p in joined[0]) + f" {word}")
        else:
            streams.append(f"~{texts[i][start:end].lower()}{word}")
    generated = morphology.generate(lang, streams)
    out = list(texts)
    for (i, start, end, word), new in sorted(zip(spots, generated), key=lambda p: (p[0][0], -p[0][1])):
        old = out[i][start:end]
        if new.endswith(word) and not any(c in new for c in "#@*~") and new[:-len(word)] != old.lower():
            out[i] = out[i][:start] + _like(new[:-len(word)], old) + out[i][end:]
    return out


def _noun(tokens: Sequence[Token], strict: bool = False) -> Features:
    """Gender and number of the first noun of a term; with `strict`, only of a word that is nothing but a noun."""
    for token in tokens:
        nouns = [r[0] for r in token.readings if len(r) == 1 and r[0].pos in ("n", "np")]
        if strict and (not nouns or len(nouns) != len(token.readings) or nouns[0].pos != "n"):
            return Features()
        if nouns:
            genders = {g for r in nouns for g in r.tags if g in _GENDERS + ("mf",)}
            numbers = {n for r in nouns for n in r.tags if n in _NUMBERS + ("sp",)}
            return Features(genders.pop() if genders in ({"m"}, {"f"}) else "",
                            numbers.pop() if numbers in ({"sg"}, {"pl"}) else "")
        if strict or not token.known:
            return Features()
    return Features()


def _misjoined(det: str, noun: str, want: Features, lang: str) -> bool:
    """An elided determiner before a consonant (all'Protezione, after a mend), or in a language that elides a full
    singular one before a vowel or h (della intelligenza; not la IoT, an acronym, nor degli attori, which the
    generator would write dei): the post-generator writes it anew."""
    vowel = noun[:1].lower() in "aeiouàáèéìíòóùú"
    if det[-1:] in "'’":
        return not vowel and noun[:1].lower() != "h"
    return (vowel or noun[:1].lower() == "h") and noun[1:] == noun[1:].lower() and want.number == "sg" \
        and base_language(lang) in _ELIDING


def _plan(fixes: list[_Fix], i: int, text: str, tokens: Sequence[Token], k: int, end: int, want: Features,
          word: str, term: bool, misjoined: bool = False) -> None:
    """Queue a new determiner for tokens[k] (up to `end`, where its noun starts) when none of its
    determiner readings agrees with `want`, or when it is `misjoined` to the noun (_misjoined)."""
    det = tokens[k]
    readings = [r for r in det.readings if r[-1].pos == "det"]
    if not readings or any(_agrees(r[-1], want) for r in readings) and not misjoined:
        return
    parts = [Reading(p.lemma, tuple(want.gender if t == "mf" and misjoined and want.gender else t for t in p.tags))
             for p in readings[0]]  # all' (mf) -> alla: the noun's gender; su (mf) stays su
    start = det.start
    prev = tokens[k - 1] if k else None
    if len(parts) == 1 and prev is not None and text[prev.end:det.start] == " " \
            and prev.readings and all(len(r) == 1 and r[0].pos == "pr" for r in prev.readings):
        parts.insert(0, prev.readings[0][0])  # de la -> del: the preposition contracts with the new form
        start = prev.start
    stream = " ".join(f"^{morphology.escape(p.lemma)}{_tags(p, want)}$" for p in parts)
    fixes.append(_Fix(i, start, end, f"{stream} {morphology.escape(word)}", word))


def _agrees(det: Reading, want: Features) -> bool:
    gender = next((t for t in det.tags if t in _GENDERS), "")
    number = next((t for t in det.tags if t in _NUMBERS), "")
    return (not gender or not want.gender or gender == want.gender) and \
        (not number or not want.number or number == want.number)


def _tags(part: Reading, want: Features) -> str:
    if part.pos != "det":
        return "".join(f"<{t}>" for t in part.tags)
    tags = [want.gender if t in _GENDERS and want.gender else
            want.number if t in _NUMBERS and want.number else t for t in part.tags]
    return "".join(f"<{t}>" for t in tags)


def _like(new: str, old: str) -> str:
    """`new` in the case of `old` (DEL -> DE LA, Del -> De la), keeping its own spacing."""
    if old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new
