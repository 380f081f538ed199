"""Source words no dictionary of the source language knows -> the word the author meant, for the engine only.

A typo (CHOISSANT, CYBERATTQUES, RÉILIENTE) or a capital written without its
accent (ECHANGES, NUMERIQUES) reaches every engine as an unknown word and every
draft as French.  A word that no installed Apertium analyser of the source
language knows and its Hunspell dictionary rejects is read as the one word
that dictionary accepts and an analyser knows among: the word with the accents
of one or two letters changed (the fewest changes win: ECHANGES is ÉCHANGES,
not ÉCHANGÉS), else with one letter put back or a two-letter run written twice
(CHOIS·IS·SANT).  The candidates are made here and checked with `hunspell -l`:
Hunspell's own suggestions stop on a time limit, so they change with the
machine's load, and drafts must not.  A letter changed reads too many names and
coinages as words (salonais: salopais), so only a glossary dnt name is taken
one edit away (riatity -> riality).  Never read otherwise: words the document
capitalises inside its sentences (names), words written the same way twice (a
name or a coinage; capitals without their accents aside), the glossary's words
and English words (supply chain, one size fits all).  The msgid never changes:
the draft's comment says what was read (`mt source read: CHOISSANT -> CHOISISSANT`).

The engine's own dictionaries misspell some target words (fr-es: inovadores; fra-oci: contribuïr, convencut).
`respellings` reads a draft's words the same way against the target's Hunspell, with fewer edits (see there),
and the draft's comment says what was respelt (`mt target respelled: inovadores -> innovadores`).
The letters tried are each dictionary's own (its TRY line): á for Spanish, ò for Occitan.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import combinations

from pipeline import morphology, spelling
from pipeline.locales import base_language
from pipeline.truecase import like

_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?!\w)")
# a target's word: whole across a middle dot (il·lustra), not an elided article (dell') nor a compound's piece
_TARGET_WORD = re.compile(r"(?<![\w·-])[^\W\d_]+(?:·[^\W\d_]+)*(?![\w·'’-])")
_MARKS_ONLY = {"oc": "çïü"}  # the only marks changed: oc_FR takes stress accents on forms it lacks (compòrtaments)
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
    names = morphology.known(lang, sorted({f.capitalize() for w, f in forms.items() if w.isupper()}), proper=True)
    unknown = {f for w, f in forms.items() if f not in known and f.capitalize() not in names}  # FRANCE: France
    english = spelling.lexicon({"en": unknown}) if lang != "en" else None
    unknown = {f for f in unknown if english is None or not english.accepts("en", f)}
    rejected = unknown - spelling.accepted(lang, unknown)
    ranked = {form: _candidates(form, lang) for form in rejected}
    good = spelling.accepted(lang, {c for found in ranked.values() for c in found})
    good = morphology.known(lang, sorted(good))
    named = sorted({n for n in dnt if " " not in n and len(n) > _SHORTEST})
    found = {}
    for word, form in forms.items():
        if form not in rejected:
            continue
        choices = [(rank, c) for c, rank in ranked[form].items() if c in good]
        choices += [((2, 0), n) for n in named if _one_edit(_fold(form), _fold(n))]
        top, best = _top(choices)
        if len(best) != 1 or counts[word] > 1 and not (word.isupper() and top[0] == 0):
            continue
        found[word] = like(best.pop(), word)
    return tuple(sorted(found.items()))


def respellings(drafts: Iterable[str], lang: str, sources: Iterable[str], left: Iterable[str] = ()) -> dict[str, str]:
    """Words an engine wrote misspelt in the `drafts` of `lang` -> the spelling meant (inovadores -> innovadores,
    contribuïr -> contribuir): a word the target's Hunspell rejects that is in no source text (names, codes),
    not among the words the engine marked unknown (`left`), no proper noun for an analyser of the target
    (Córcega) and no acronym (capitals in a text that is not), read as the one word at the best rank that Hunspell
    accepts and the source lacks (DOSIER is not the French DOSSIER) with the accents of one or two letters changed
    or a letter doubled or undoubled; of several, the one an analyser of the target knows.  No letter put back:
    a word the dictionary lacks is as often good (oc_FR lacks demarcha, not desmarcha).  Case kept; every
    occurrence read alike (the engine's dictionary misspells the word every time)."""
    skip = {w.casefold() for text in sources for w in _WORD.findall(text)} | {w.casefold() for w in left}
    words = {w for text in drafts for w in _TARGET_WORD.findall(text) if len(w) >= _SHORTEST
             and w.casefold() not in skip and (w.islower() or w[1:].islower() or w.isupper() and _shouted(text))}
    bad = spelling.rejected(lang, words)
    names = morphology.known(lang, sorted({w.capitalize() for w in bad if not w.islower()}), proper=True)
    marks = _MARKS_ONLY.get(base_language(lang))
    ranked = {w.lower(): {c: rank for c, rank in _candidates(w.lower(), lang, any_letter=False).items()
                          if c not in skip and (not marks or len(c) != len(w) or all(
                              a == b or a in marks or b in marks for a, b in zip(w.lower(), c)))}
              for w in bad if w.capitalize() not in names}
    good = spelling.accepted(lang, {c for found in ranked.values() for c in found})
    tops = {w: _top((rank, c) for c, rank in ranked[w.lower()].items() if c in good)[1] for w in bad
            if w.lower() in ranked}
    known = morphology.known(lang, sorted({c for best in tops.values() if len(best) > 1 for c in best}))
    meant = {}
    for word, best in sorted(tops.items()):
        best = best if len(best) == 1 else best & known  # aliá or alía: the one an analyser knows
        if len(best) == 1:
            meant[word] = like(best.pop(), word)
    return meant


def _shouted(text: str) -> bool:
    """Whether `text` is written in capitals (nine letters in ten): its words in capitals are not acronyms."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _top(choices: Iterable[tuple[tuple[int, int], str]]) -> tuple[tuple[int, int], set[str]]:
    """The best rank of `choices` and the words at it ((9, 9) and none without a choice)."""
    choices = list(choices)
    top = min((rank for rank, _ in choices), default=(9, 9))
    return top, {c for rank, c in choices if rank == top}


def read(text: str, meant: Mapping[str, str], target: bool = False) -> tuple[str, tuple[str, ...]]:
    """`text` with each word of `meant` replaced, and what was read (`CHOISSANT -> CHOISISSANT`) in order;
    `target`: words as `respellings` finds them in a draft."""
    seen: list[str] = []

    def one(m: re.Match[str]) -> str:
        word = m.group()
        if word not in meant:
            return word
        seen.append(f"{word} -> {meant[word]}")
        return meant[word]

    return (_TARGET_WORD if target else _WORD).sub(one, text), tuple(dict.fromkeys(seen))


def typos(read: Iterable[str]) -> list[str]:
    """Of what a draft read (`A -> B`), the typos to fix in the source: capitals written without their accents
    (ECHANGES -> ÉCHANGES) are good French, an accent too many (SOUVERAINÉTÉ) is not."""
    def accents_put_back(word: str, meant: str) -> bool:
        return word.isupper() and len(word) == len(meant) and all(
            a == b or a == _fold(b) for a, b in zip(word.lower(), meant.lower()))
    return [r for r in read if not accents_put_back(*r.split(" -> ", 1))]


def _candidates(word: str, lang: str, any_letter: bool = True) -> dict[str, tuple[int, int]]:
    """The words `word` may have meant in `lang` -> their rank: (0, letters changed) for the accents of one or
    two letters changed; (1, 0) for a letter written twice or once where the word has it once or twice
    (inovadores, scambiiamo) and, with `any_letter`, for one letter put back or a two-letter run written twice."""
    letters, families = _alphabet(lang)
    spots = [(i, families[_fold(c)]) for i, c in enumerate(word) if _fold(c) in families]
    found: dict[str, tuple[int, int]] = {word[:i] + x + word[i + 1:]: (0, 1) for i, family in spots
                                         for x in family if x != word[i]}
    for (i, first), (j, second) in combinations(spots, 2):
        for x in first:
            for y in second:
                changed = (x != word[i]) + (y != word[j])
                if changed:
                    candidate = word[:i] + x + word[i + 1:j] + y + word[j + 1:]
                    found[candidate] = min(found.get(candidate, (0, changed)), (0, changed))
    for i in range(len(word) + 1):
        for c in letters if any_letter else word[max(i - 1, 0):i + 1]:  # any letter, or a neighbour doubled
            found.setdefault(word[:i] + c + word[i:], (1, 0))
        if i >= 2 and any_letter:
            found.setdefault(word[:i] + word[i - 2:i] + word[i:], (1, 0))
        if 0 < i < len(word) and word[i - 1] == word[i]:
            found.setdefault(word[:i] + word[i + 1:], (1, 0))
    return found


@lru_cache(maxsize=None)
def _alphabet(lang: str) -> tuple[str, dict[str, str]]:
    """The lower-case letters of `lang` as its Hunspell dictionary lists them to try (the .aff's TRY line; a-z
    without one) and, per letter without its accent, the letters that share it (e: eéèêë)."""
    aff = spelling.affix_file(lang)
    found = re.search(r"(?m)^TRY\s+(\S+)", aff.read_text(encoding="utf-8", errors="replace")) if aff else None
    letters = "".join(dict.fromkeys(c for c in "abcdefghijklmnopqrstuvwxyz" + (found.group(1).lower() if found else "")
                                    if c.isalpha() and c.islower()))
    families: dict[str, str] = {}
    for c in letters:
        families[_fold(c)] = families.get(_fold(c), "") + c
    return letters, {base: family for base, family in families.items() if len(family) > 1}


def _one_edit(a: str, b: str) -> bool:
    """One letter changed, added or left out, or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
            and a[diff[1]] == b[diff[0]]
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _fold(word: str) -> str:
    """Lower case without accents: what two spellings of one word share."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))
