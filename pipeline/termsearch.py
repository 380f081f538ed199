"""Where any of many strings may start in a text, in one pass whatever their number (Aho-Corasick).

The automaton runs over a folded text in which one key stands for every spelling
a glossary pattern accepts: case folded, apostrophes and whitespace runs unified,
and a final s or x after a letter or digit dropped (so a plural and its singular
fold alike).  What it proposes is therefore a superset of the real matches, at
word edges; the caller confirms each start with the term's own pattern.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence

import ahocorasick

_APOSTROPHES = "’ʼ"
_DROPPED = re.compile(r"[sx](?<=[^\W_].)(?![^\W_])| (?<=  ) *")
"""What the fold removes: an s or x ending a word after a letter or digit, and the spaces after a first one."""


class _FoldTable(dict[int, str]):
    """Code point -> one character shared by what `re.IGNORECASE` equates with it (but ﬅ/ﬆ and U+0345/ι)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace():
            folded = " "
        elif char in _APOSTROPHES:
            folded = "'"
        else:  # upper then lower merges ſ/s, ı/i, ς/σ as re does, NFC ΐ/ΐ; one character keeps offsets
            one = next((c for c in (unicodedata.normalize("NFC", char),) if len(c) == 1), char)
            folded = next((c for c in (one.upper().lower(), one.lower()) if len(c) == 1), one.lower()[0])
            if folded.isalnum() and not char.isalnum():  # U+0345: a word edge must stay one
                folded = char
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> tuple[str, list[int], list[int]]:
    """The folded text, and where its offsets shift: offset n of it is n + shifts[i] in `text`, i = last break <= n."""
    folded = text.translate(_TABLE)
    pieces, breaks, shifts, last, removed = [], [0], [0], 0, 0
    for m in _DROPPED.finditer(folded):
        pieces.append(folded[last:m.start()])
        removed += m.end() - m.start()
        last = m.end()
        breaks.append(m.end() - removed)
        shifts.append(removed)
    if not pieces:
        return folded, breaks, shifts
    pieces.append(folded[last:])
    return "".join(pieces), breaks, shifts


def keys(words: Sequence[str], inflects: Sequence[bool]) -> set[str]:
    """The folded keys of a phrase whose flagged words may take a plural s or x.

    The fold drops that s or x after a letter or digit, so a plural needs keys of its
    own only where the word ends otherwise, or in a letter that folds to s or x (PaaS).
    """
    def forms(word: str, flag: bool) -> tuple[str, ...]:
        last = word[-1].translate(_TABLE)
        return (word, word + "s", word + "x") if flag and not (last.isalnum() and last not in "sx") else (word,)
    return {fold(" ".join(choice))[0] for choice in itertools.product(*map(forms, words, inflects))}


class TermIndex:
    """An Aho-Corasick automaton over the folded keys of numbered terms."""

    def __init__(self, entries: Iterable[tuple[int, Iterable[str]]]) -> None:
        table: dict[str, set[int]] = {}
        for ident, term_keys in entries:
            for key in term_keys:
                if key:
                    table.setdefault(key, set()).add(ident)
        automaton = ahocorasick.Automaton()
        for key, idents in table.items():
            automaton.add_word(key, (len(key), tuple(sorted(idents))))
        if table:
            automaton.make_automaton()
        self._automaton = automaton if table else None  # an empty automaton cannot be searched

    def candidates(self, text: str) -> dict[int, list[int]]:
        """Term number -> ascending offsets in `text` where its key occurs, not inside a word or after a hyphen."""
        if self._automaton is None:
            return {}
        folded, breaks, shifts = fold(text)
        found: dict[int, set[int]] = {}
        size = len(folded)
        for last, (length, idents) in self._automaton.iter(folded):
            first = last - length + 1
            if first and (folded[first - 1].isalnum() or folded[first - 1] == "-"):
                continue
            if last + 1 < size and folded[last + 1].isalnum():
                continue
            start = first + shifts[bisect_right(breaks, first) - 1]
            for ident in idents:
                found.setdefault(ident, set()).add(start)
        return {ident: sorted(starts) for ident, starts in found.items()}
