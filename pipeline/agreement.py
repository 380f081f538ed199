"""Determiner-noun agreement in gender and number, read by Apertium's morphological analyser.

`pipeline.morphology.analyse` with the analyser named here for the target
language gives every reading of every word.  A determiner followed directly by
a word that can only be a noun disagrees when none of its determiner readings
fits any noun reading: `los empresa`, `la ciutats`.  Ambiguity never raises a
finding.  A word the analyser does not know takes the readings of its longest
ending (half the word or more) that it knows as a noun, as a prefixed or compound word takes the
gender and number of its head (ciberseguridad: seguridad, feminine singular).

ANALYSERS is chosen by hand, not by `morphology.data_file` (the first installed
by path, which drafting uses): Debian ships several analysers per language and
they know different words.  QA reads each target with the analyser of the pair
that drafts it from French (es-fr, cat-fra, oci-fra), and Italian with
spa-ita's.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Sequence, Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline import morphology
from pipeline.locales import base_language
from pipeline.morphology import Token
from pipeline.reading import visible

ANALYSERS = {"es": "apertium-fr-es/es-fr.automorf.bin", "ca": "apertium-fra-cat/cat-fra.automorf.bin",
             "oc": "apertium-oci-fra/oci-fra.automorf.bin", "it": "apertium-spa-ita/ita-spa.automorf.bin"}
HEAD = 4  # letters of the shortest ending read as the head of an unknown word (and at least half of it)
_GENDERS, _NUMBERS = {"m", "f", "nt", "mf"}, {"sg", "pl", "sp"}
_WORDS = {"m": "masculine", "f": "feminine", "nt": "neuter", "sg": "singular", "pl": "plural"}
_VOWELS = re.compile(r"[aeiouáéíóúü]+")
_EL_UN = {"el", "un", "del", "al", "algún", "ningún"}
Readings = Sequence[AbstractSet[str]]  # the tags of each reading (of a contraction, del = de+el, its last part)


def analyser(lang: str) -> Path | None:
    """The installed analyser QA reads `lang` with, or None (then `lang` is not checked)."""
    name = ANALYSERS.get(base_language(lang))
    return morphology.installed(name) if name and shutil.which("lt-proc") else None


def available(lang: str) -> bool:
    """Whether lt-proc and an analyser for `lang` are installed."""
    return analyser(lang) is not None


def fingerprint() -> str:
    """Every analyser QA may read, as installed: a change to any makes earlier findings stale."""
    found = [analyser(lang) for lang in sorted(ANALYSERS)]
    return "\n".join(morphology.source(path) if path else f"{lang} absent" for lang, path in zip(sorted(ANALYSERS), found))


def start(lang: str) -> None:
    """Start the analyser of `lang` loading, before its texts are ready (pipeline.morphology.start)."""
    path = analyser(lang)
    if path is not None:
        morphology.start(path)


@lru_cache(maxsize=64)
def disagreements(texts: tuple[str, ...], lang: str) -> dict[str, tuple[str, ...]]:
    """text -> one message per determiner-noun pair that disagrees; texts without any are left out.

    Remembered, so that a run can analyse every language's catalogue at once first (pipeline.review.warm)."""
    path = analyser(lang)
    if not texts or path is None:
        return {}
    lines = [" ".join(visible(t).split()) for t in texts]
    said = morphology.streams(path, lines)
    read = [_read(line, said[line]) for line in lines]
    heads = _heads(lang, path, [w.surface for words in read for w in _after_determiner(words) if not w.known])
    found = {}
    for text, line, words in zip(texts, lines, read):
        messages = tuple(dict.fromkeys(_pairs(line, words, heads, base_language(lang))))
        if messages:
            found[text] = messages
    return found


@dataclass(frozen=True)
class _Word:
    """What the check reads of a lexical unit: its surface, and the tags of each reading (of a contraction,
    del = de+el, its last part)."""

    surface: str
    known: bool
    tags: tuple[frozenset[str], ...]
    leads: bool  # some reading is a determiner (its part of speech): the next word may be an unknown noun
    determiner: bool  # some reading has the tag det
    noun: bool  # some reading has the tag n


@lru_cache(maxsize=65536)
def _word(body: str) -> _Word:
    """A lexical unit of lt-proc's stream, read once however many texts hold it (la, de, el)."""
    surface, readings = morphology.last_tags(body)
    tags = tuple(frozenset(r) for r in readings)
    return _Word(surface, bool(readings), tags, any(r[:1] == ("det",) for r in readings),
                 any("det" in t for t in tags), any("n" in t for t in tags))


def _read(line: str, stream: str) -> list[tuple[_Word, int, int]]:
    """Each word of `line` as lt-proc read it, with where it stands in the line [start, end) (as `Token`s)."""
    out, pos, find = [], 0, line.find
    for body in morphology.units(stream):
        word = _word(body)
        start = find(word.surface, pos)
        if start >= 0:
            pos = start + len(word.surface)
            out.append((word, start, pos))
    return out


def _after_determiner(words: list[tuple[_Word, int, int]]) -> list[_Word]:
    return [w for (d, _, _), (w, _, _) in zip(words, words[1:]) if d.leads]


def _heads(lang: str, path: Path, unknown: Sequence[str]) -> dict[str, Readings]:
    """Unknown lower-case words -> the noun readings of their longest ending read as a noun (one lt-proc)."""
    found = morphology.noun_endings(lang, list(unknown), HEAD, path)
    return {word: [tags for tags in _tags(token) if "n" in tags] for word, token in found.items()}


def _tags(token: Token) -> Readings:
    return [set(reading[-1].tags) for reading in token.readings]


def _pairs(line: str, words: list[tuple[_Word, int, int]], heads: dict[str, Readings], lang: str) -> list[str]:
    out = []
    for i, ((first, _, end), (second, start, _)) in enumerate(zip(words, words[1:])):
        if not first.determiner:
            continue
        if i and words[i - 1][0].determiner and first.noun:
            continue  # la lei NIS: after a determiner, lei (law) is the noun, not an article
        if not line[end:start].strip():
            nouns = second.tags if second.known else heads.get(second.surface, [])
            message = _disagree(first.surface, first.tags, second.surface, nouns, lang)
            if message:
                out.append(message)
    return out


def _disagree(det_form: str, det_readings: Readings, noun_form: str, noun_readings: Readings, lang: str) -> str:
    dets = [r for r in det_readings if "det" in r]
    if not dets or any("pr" in r and "det" not in r for r in det_readings):
        return ""  # no determiner, or also a bare preposition (Occitan de)
    if not noun_readings or not all("n" in r for r in noun_readings):
        return ""
    if lang == "es" and det_form.lower() in _EL_UN and _stressed_a(noun_form.lower()):
        return ""
    if any(_fits(d, n) for d in dets for n in noun_readings):
        return ""
    gender = not any(_fits(d, n, number=False) for d in dets for n in noun_readings)
    what = "gender" if gender else "number"
    return (f"«{det_form} {noun_form}»: determiner and noun disagree in {what} "
            f"({_describe(dets[0], gender)}, {_describe(noun_readings[0], gender)}); make them agree")


def _stressed_a(word: str) -> bool:
    """Spanish el/un before a feminine noun in stressed a-: el agua, el área, un aula (not el agencia)."""
    bare = word.removeprefix("h")
    return bare.startswith("á") or (bare.startswith("a") and len(_VOWELS.findall(word)) <= 2)


def _fits(det: AbstractSet[str], noun: AbstractSet[str], number: bool = True) -> bool:
    def agree(kinds: AbstractSet[str], wild: str) -> bool:
        a, b = det & kinds, noun & kinds
        return not a or not b or bool(a & b) or wild in a | b
    return agree(_GENDERS, "mf") and (not number or agree(_NUMBERS, "sp"))


def _describe(tags: AbstractSet[str], gender: bool) -> str:
    kinds = _GENDERS if gender else _NUMBERS
    return next((_WORDS.get(t, t) for t in sorted(tags & kinds)), "unmarked")
