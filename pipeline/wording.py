"""The words of a translation that a reviewer would strike: misspelled, left in French or in the
pivot language, doubled, or still unknown to the engine.

Each function compares one msgid and msgstr against a Lexicon (what Hunspell
rejected among the catalogue's words, pipeline.spelling) and a set of known
words, casefolded: the names and acronyms of the source, glossary terms and dnt
names, and the project's word list.  A word of the msgid is never a spelling
error (names, codes, loanwords kept as written); it is a French leak when the
target dictionary rejects it and the French one accepts it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pipeline.locales import base_language
from pipeline.reading import visible
from pipeline.spelling import Lexicon, pieces, words

SOURCE = "fr"
_ROMAN = re.compile(r"[IVXLCDM]+")
_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+)\s+\1(?!\w)", re.I)


@lru_cache(maxsize=4096)
def _source_words(msgid: str) -> frozenset[str]:
    return frozenset(p.casefold() for w in words(msgid, SOURCE) for p in pieces(w))


def dictionaries(lang: str, pivots: tuple[str, ...]) -> tuple[str, ...]:
    """The dictionaries `asked` asks about an entry of `lang` drafted through `pivots`."""
    return (base_language(lang), SOURCE, *(("en",) if base_language(lang) != "en" else ()), *pivots)


@lru_cache(maxsize=16384)
def asked(msgid: str, msgstr: str, lang: str, pivots: tuple[str, ...]) -> dict[str, list[str]]:
    """Which words of this entry each dictionary must be asked about, for `misspelled` and `leaked` (remembered:
    read, never change)."""
    target = [p for w in words(msgstr, lang) for p in pieces(w)]
    source = _source_words(msgid)
    kept = [w for w in target if w.casefold() in source]
    out = {base_language(lang): target, SOURCE: kept}
    if base_language(lang) != "en":
        out["en"] = kept  # English loanwords of the source (cluster, start-up) are no French leak
    for pivot in pivots:
        out[pivot] = [w for w in target if w.casefold() not in source]
    return out


def misspelled(msgid: str, msgstr: str, lang: str, lexicon: Lexicon, known: frozenset[str],
               pivots: tuple[str, ...] = ()) -> list[str]:
    """Words the target dictionary rejects that are neither in the source, known, nor pivot-language leaks."""
    source, rejected = _source_words(msgid), lexicon.rejected_by(lang)
    return _unique(w for word in words(msgstr, lang) if word in rejected for w in lexicon.rejected_parts(lang, word)
                   if w.casefold() not in source and w.casefold() not in known and not _acronym(w, msgid)
                   and not any(lexicon.accepts(pivot, w) for pivot in pivots))


def leaked(msgid: str, msgstr: str, lang: str, lexicon: Lexicon, known: frozenset[str],
           pivots: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """(runs of French words left from the source, pivot-language words), as they stand in the msgstr.

    A French word the target also has (la, de) joins a run between two leaked words, never starts one."""
    source, runs, pivoted, rejected = _source_words(msgid), [], [], lexicon.rejected_by(lang)
    run: list[str] = []
    bridge: list[str] = []
    for token in words(msgstr, lang) + [""]:
        for word in (lexicon.rejected_parts(lang, token) if token in rejected else []) or [token]:
            folded = word.casefold()
            french = folded in source and folded not in known and lexicon.accepts(SOURCE, word) \
                and not _acronym(word, msgid)
            if french and word in rejected and not lexicon.accepts("en", word):
                run += bridge + [word]
                bridge = []
            elif french and run:
                bridge.append(word)
            else:
                if run:
                    runs.append(" ".join(run))
                run, bridge = [], []
                if word and folded not in source and folded not in known and word in rejected \
                        and any(lexicon.accepts(pivot, word) for pivot in pivots):
                    pivoted.append(word)
    return _unique(runs), _unique(pivoted)


def doubled(msgid: str, msgstr: str) -> list[str]:
    """Words written twice in a row ("the the"), beyond as many doublings as the source has ("nous nous")."""
    found = _doublings(msgstr)
    return _unique(found) if len(found) > len(_doublings(msgid)) else []


@lru_cache(maxsize=8192)
def _doublings(text: str) -> tuple[str, ...]:
    """The words written twice in a row in the visible text (remembered: every language reads the same source)."""
    return tuple(m.group() for m in _DOUBLED.finditer(visible(text)))


def unknown(msgid: str, msgstr: str, lang: str, unknown_words: Iterable[str], lexicon: Lexicon,
            known: frozenset[str]) -> list[str]:
    """The engine's unknown words still in the msgstr, unless they are names or the target dictionary has
    them, or they are kept from the source as English loanwords that are no French words (phishing,
    supply chain) or Roman numerals (III)."""
    if not unknown_words:
        return []  # most drafts: nothing to look for
    present = {p.casefold(): p for w in words(msgstr, lang) for p in pieces(w)}
    source = _source_words(msgid)
    return _unique(word for u in unknown_words if (word := present.get(u.casefold()))
                   and u.casefold() not in known and not lexicon.accepts(lang, word)
                   and not (u.casefold() in source and (_ROMAN.fullmatch(word) or (
                       lexicon.accepts("en", word) and not lexicon.accepts(SOURCE, word)))))


@lru_cache(maxsize=16384)
def _acronym(word: str, msgid: str) -> bool:
    """An all-capitals word written so in a source that is not all capitals (SU, RST): kept as it is.
    Remembered: every language asks about the same msgid's words, each a pattern to compile."""
    if len(word) < 2 or not word.isupper() or not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", msgid):
        return False
    letters = list(filter(str.isalpha, visible(msgid)))
    return sum(map(str.isupper, letters)) < 0.9 * len(letters)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
