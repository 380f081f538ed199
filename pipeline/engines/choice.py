"""Per sentence, the better of two pivot routes' drafts: the one that leaves the fewest words in doubt.

fr-es + spa-eng and fra-cat + cat-eng fail on different words: spa-eng's Spanish
lacks `confrontado`, fra-cat reads `prise en charge` as one expression where
fr-es writes `apresamiento en carga`.  Each sentence goes through both routes
(each mending its leftovers through the other, mend.py), and the draft kept is
the one with the fewest pivot words, then the fewest words mended alone out of
the multi-word expression they belong to (`prise` of `prise en charge` ->
`presa` -> `inmate`), names the first pair kept and the second changed (`Amidi`
-> `Measure` through cat-eng), and words the target's
Hunspell dictionary rejects (names the source writes with a capital aside;
without a dictionary, the words the engine marked unknown).  A tie keeps the first
route, the one ROUTES measured best, so the choice is the same on every run.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import spelling


@dataclass
class Pass:
    """One route's drafts of a batch, with what each draft left in doubt."""

    routes: list[tuple[str, ...]]  # per text: the modes its draft went through
    texts: list[str]
    unknown: list[list[str]]       # words the engine marked unknown, still in the draft
    pivot: list[list[str]]         # of those, the pivot language's words
    mended: list[list[str]]        # words translated alone through another route, out of their expression
    lost: list[list[str]]          # names the first pair passed on as the source has them and the second changed


def doubts(source: str, draft: str, target: str, rejected: frozenset[str], unknown: Sequence[str],
           pivot: Sequence[str], mended: Sequence[str], lost: Sequence[str] = ()) -> tuple[int, int]:
    """What of one draft is in doubt: its pivot words first, then words mended out of context, names lost
    and words the target's dictionary rejects (`rejected`; without a dictionary, the words the engine did
    not know), names capitalised in the source aside."""
    names = {w for w in spelling.words(source, "fr") if w[:1].isupper()}
    if spelling.available(target):
        doubtful = {w for w in spelling.words(draft, target) if w in rejected and w not in names}
    else:
        doubtful = {w for w in unknown if w not in names}
    return len(pivot), len(mended) + len(lost) + len(doubtful - set(pivot))


def choose(sources: Sequence[str], passes: Sequence[Pass], target: str) -> Pass:
    """Per source text, the draft of the pass with the fewest doubts (the earliest pass on a tie)."""
    rejected = spelling.rejected(target, [w for p in passes for t in p.texts for w in spelling.words(t, target)])
    best = [min(range(len(passes)), key=lambda k: (doubts(src, passes[k].texts[i], target, rejected,
                                                          passes[k].unknown[i], passes[k].pivot[i],
                                                          passes[k].mended[i], passes[k].lost[i]), k))
            for i, src in enumerate(sources)]
    return Pass(*([getattr(passes[k], field)[i] for i, k in enumerate(best)]
                  for field in ("routes", "texts", "unknown", "pivot", "mended", "lost")))
