"""Words a route left untranslated, translated alone through another route to the same target.

Through Catalan, `façonnent` may be unknown to fra-cat and `afaiçonen` (Catalan) to
cat-ita: both would reach the Italian draft as they are.  Apertium marks them, so
each such word is sent alone through the route via the other pivot (fr-es +
spa-ita), a pivot word first back to the source language with the first pair's
reverse mode (cat-fra).  A word comes back translated only when no mode marked
it; a capitalised pivot word the source analyser reads as a name, or not at all,
comes back in its source spelling (Arle -> Arles); everything else stays, and is
reported.  A word the target's own analyser knows is left as it is.

A French word the first mode did not know goes the same way, direct route or pivot
(`berceau`, unknown to fr-es: fra-cat + cat-spa, `cuna`); one spelled with a
ligature goes first through the route itself spelled out (`cœur`: fr-es knows
`coeur`, `corazón`, where Catalan's `cor` would come back as `coro`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from pipeline import morphology

Run = Callable[[str, list[str]], tuple[list[str], list[list[str]]]]
"""One Apertium mode over a batch: (outputs, unknown words per output)."""


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})


def spelled_out(word: str) -> str:
    """`cœur` -> `coeur`: Apertium's fr-es dictionary spells French without ligatures."""
    return word.translate(_LIGATURES)


def mend(run: Run, source: str, target: str, words: Sequence[str], other: Sequence[str],
         back: str = "", spell: Callable[[str], str] | None = None, common: Collection[str] = (),
         origins: dict[str, str] | None = None) -> dict[str, str]:
    """word -> its translation through the `other` modes (after the `back` mode, for pivot words; after
    `spell`, if given).  A word the target's analyser knows as it is stays (hub, totem and set are English too),
    unless only as a name: the `common` words, pivot words the second pair passed on as names (Amparo, a
    Spanish common noun and given name), go back in lower case.  `origins` gets each word's source word, as the
    `back` mode gave it."""
    words = [w for w in words if w[:1].isalpha()]
    words = [w for w, tokens in zip(words, morphology.analyse(target, words))
             if not (len(tokens) == 1 and any(r[0].pos != "np" for r in tokens[0].readings))]
    if not words:
        return {}
    sent = [w.lower() if w in common else w for w in words]  # Amparo: amparo, else the pivot pair reads a name
    originals, marked = run(back, sent) if back else (list(words), [[] for _ in words])
    originals = [spell(o) for o in originals] if spell else originals
    originals = [o.split()[-1] if o.split() else o for o in originals]  # `ils façonnent`, `Le Vaucluse`
    originals = [o if w[:1].isupper() else o[:1].lower() + o[1:] for w, o in zip(words, originals)]  # Appui
    names = {t.surface for tokens in morphology.analyse(source, originals) for t in tokens
             if not t.known or any(r[0].pos == "np" for r in t.readings)}
    current, found = list(originals), [list(m) for m in marked]
    for mode in other:
        current, new = run(mode, current)
        for seen, more in zip(found, new):
            seen.extend(more)
    fixed = {}
    for word, original, out, marks in zip(words, originals, current, found):
        if back and word[:1].isupper() and original in names and not marked[words.index(word)]:
            fixed[word] = original
        elif not marks and len(out.split()) == 1:
            fixed[word] = out if word[:1].isupper() else out[:1].lower() + out[1:]
    if origins is not None:
        origins.update(zip(words, originals))
    return fixed


def in_expressions(text: str, words: Sequence[str], source: str, analysers: Sequence[Path]) -> list[str]:
    """The `words` that one of the source `analysers` reads in `text` inside a multi-word unit: `prise` in
    `prise en charge` (fra-cat's analyser), which a word mended alone loses (presa -> inmate)."""
    inside = {part.lower() for analyser in analysers for token in morphology.analyse(source, [text], analyser)[0]
              if " " in token.surface for part in token.surface.split()}
    return [w for w in words if w.lower() in inside]


def source_spelling(text: str, original: str, word: str) -> str:
    """`original` as the source `text` writes it, in the case of `word`'s first letter; "" if the text lacks it."""
    found = re.search(rf"(?<![\w-]){re.escape(original)}(?![\w-])", text, re.IGNORECASE) if original else None
    if found is None:
        return ""
    spelled = found.group()
    return (spelled[:1].upper() if word[:1].isupper() else spelled[:1].lower()) + spelled[1:]


def replace(text: str, words: Sequence[str], fixed: dict[str, str]) -> str:
    """`text` with each of its `words` that has a translation in `fixed` replaced by it, whole words only."""
    for word in words:
        if word in fixed:
            text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lambda _m: fixed[word], text)
    return text
