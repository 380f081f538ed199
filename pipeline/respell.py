"""Source words no dictionary of the source language knows -> the word the author meant, for the engine only.

A typo (CHOISSANT, CYBERATTQUES, RÉILIENTE) or a capital written without its
accent (ECHANGES, NUMERIQUES) reaches every engine as an unknown word and every
draft as French.  A word that no installed Apertium analyser of the source
language knows and its Hunspell dictionary rejects is read as Hunspell's
suggestion when exactly one suggestion is that close: the same letters but for
accents, else the word with one or two letters left out (the commonest slip of
a typist); an analyser must know the suggestion.  A letter changed reads too
many names and coinages as words (salonais: salopais), so only a glossary dnt
name is taken one edit away (riatity -> riality).  Never read otherwise: words
the document capitalises inside its sentences (names), words written the same
way twice (a name or a coinage; capitals without their accents aside), the
glossary's words and English words (supply chain, one size fits all).  The msgid never changes: the draft's comment
says what was read (`mt source read: CHOISSANT -> CHOISISSANT`).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from pipeline import morphology, spelling

_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?!\w)")
_SHORTEST = 4  # shorter words are acronyms and abbreviations more often than typos


def readings(texts: Iterable[str], lang: str, glossary: Iterable[str] = (), dnt: Iterable[str] = ()) -> dict[str, str]:
    """word as written in `texts` -> the word to send the engine instead (see the module's docstring);
    `glossary`: the source terms of the glossary, `dnt` those that are names.  Remembered: every target asks."""
    return dict(_readings(tuple(texts), lang, tuple(sorted(set(glossary))), tuple(sorted(set(dnt)))))


@lru_cache(maxsize=8)
def _readings(texts: tuple[str, ...], lang: str, glossary: tuple[str, ...],
              dnt: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    counts = Counter(m.group() for text in texts for m in _WORD.finditer(text))
    skip = spelling.names(texts) | {w.casefold() for term in glossary for w in _WORD.findall(term)}
    forms = {w: w.lower() if w.isupper() else w for w in counts if len(w) >= _SHORTEST and w.casefold() not in skip}
    known = morphology.known(lang, sorted(set(forms.values())))
    unknown = {f for f in forms.values() if f not in known}
    english = spelling.lexicon({"en": unknown}) if lang != "en" else None
    suggested = spelling.suggest(lang, {f for f in unknown if english is None or not english.accepts("en", f)})
    named = sorted({n for n in dnt if " " not in n and len(n) > _SHORTEST})
    usable = morphology.known(lang, sorted({s for found in suggested.values() for s in found}))
    found = {}
    for word, form in forms.items():
        if form not in suggested:
            continue
        ranked: list[tuple[int, str]] = [(rank, s) for s in suggested[form] if s in usable
                                         and (rank := _closeness(form, s)) is not None and rank < 2]
        ranked += [(rank, n) for n in named if (rank := _closeness(form, n))]  # a name is never an accent away
        top = min((rank for rank, _ in ranked), default=-1)
        best = {s for rank, s in ranked if rank == top}
        if len(best) != 1 or counts[word] > 1 and not (word.isupper() and top == 0):
            continue
        meant = best.pop()
        found[word] = meant.upper() if word.isupper() else meant
    return tuple(sorted(found.items()))


def read(text: str, meant: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """`text` with each word of `meant` replaced, and what was read (`CHOISSANT -> CHOISISSANT`) in order."""
    seen: list[str] = []

    def one(m: re.Match[str]) -> str:
        word = m.group()
        if word not in meant:
            return word
        seen.append(f"{word} -> {meant[word]}")
        return meant[word]

    return _WORD.sub(one, text), tuple(dict.fromkeys(seen))


def _fold(word: str) -> str:
    """Lower case without accents: what two spellings of one word share."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def _closeness(word: str, meant: str) -> int | None:
    """0: accents only; 1: `word` is `meant` with one or two letters left out; 2: one edit (a letter changed,
    added or two swapped); None: farther."""
    a, b = _fold(word), _fold(meant)
    if not b.isalpha():  # `salon ais`, `startup-pers`: not one word
        return None
    if a == b:
        return 0
    if 1 <= len(b) - len(a) <= 2 and _within(a, b):
        return 1
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return 2 if len(diff) == 1 or swapped else None
    if len(a) == len(b) + 1 and _within(b, a):
        return 2
    return None


def _within(short: str, long: str) -> bool:
    """`short` is `long` with letters left out (in order)."""
    letters = iter(long)
    return all(c in letters for c in short)
