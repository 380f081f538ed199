"""Closest-text search for fuzzy matches (merging, translation memory).

Comparing a changed msgid with every old one is quadratic and took minutes
on a large catalogue.  A word index picks a few candidates sharing the most
distinctive words; difflib then scores only those, as msgmerge's similarity does.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

_WORD = re.compile(r"\w+")
SHORTLIST = 5  # candidates scored with difflib per query
# difflib's ratio of two paragraphs costs tens of milliseconds: a process that fills the same empty entries from
# the same memory again (a library caller, runs in one process) scores each pair once
_SCORES: dict[tuple[str, str], float] = {}
_REMEMBERED = 100_000


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


class FuzzyIndex:
    """Finds, among `texts`, the one most similar to a query, above a threshold."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self.words = [_words(t) for t in self.texts]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, words in enumerate(self.words):
            for word in words:
                self.postings[word].append(i)
        # a word found in most texts says nothing about which one is closest
        self.common = max(50, len(self.texts) // 20)

    def best(self, query: str, threshold: float) -> tuple[int, float] | None:
        """(index, similarity) of the closest text with similarity >= threshold, first one on ties."""
        words = _words(query)
        shared: Counter[int] = Counter()
        for word in words:
            posting = self.postings.get(word, ())
            if len(posting) <= self.common:
                shared.update(posting)
        if not shared:  # only common words: fall back to texts of a compatible length
            shared.update({i: 0 for i, t in enumerate(self.texts) if _length_ok(len(query), len(t), threshold)})
        ranked = sorted(shared, key=lambda i: (-shared[i] / (len(words) + len(self.words[i]) or 1), i))
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(query)
        found: tuple[int, float] | None = None
        for i in sorted(ranked[:SHORTLIST]):
            matcher.set_seq1(self.texts[i])
            floor = found[1] if found else threshold
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            score = _SCORES.get((self.texts[i], query))
            if score is None:
                if len(_SCORES) >= _REMEMBERED:
                    _SCORES.clear()
                score = _SCORES[(self.texts[i], query)] = matcher.ratio()
            if score >= threshold and (found is None or score > found[1]):
                found = (i, score)
        return found


def _length_ok(a: int, b: int, threshold: float) -> bool:
    """Whether two lengths allow a difflib ratio of at least `threshold`."""
    return a + b > 0 and 2 * min(a, b) / (a + b) >= threshold
