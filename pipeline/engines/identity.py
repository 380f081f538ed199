"""Engines that need no model: the source copied as is, or pseudo-translated for qps-ploc.

They exercise protection, batching and marking in tests, and the pseudo-locale shows
layout and markup problems before any real translation exists.
"""
from __future__ import annotations

from typing import Sequence

from pipeline.patterns import PLACEHOLDER


class IdentityEngine:
    """Returns its input: exercises protection, batching and marking without any model."""

    name = "identity"
    keeps_unknown_words = False

    def __init__(self) -> None:
        self.last_unknown: list[list[str]] = []

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.last_unknown = [[] for _ in texts]
        return [self._convert(t) for t in texts]

    def _convert(self, text: str) -> str:
        return text

    def provenance(self, source: str, target: str) -> str:
        return "identity (copies the source)"


class PseudoEngine(IdentityEngine):
    """The qps-ploc pseudo-translation: accented letters, about 30 % longer, brackets around each
    string; placeholders (so all markup) untouched.  Shows layout and markup problems with no model."""

    name = "pseudo"
    _ACCENTS = str.maketrans("abcdeghiklnorstuyzABCDEGHIKLNORSTUYZ", "àƀçđéĝĥîķĺñöŕšţûýžÀƁÇĐÉĜĤÎĶĹÑÖŔŠŢÛÝŽ")

    def _convert(self, text: str) -> str:
        visible = len(PLACEHOLDER.sub("", text))
        return f"［{text.translate(self._ACCENTS)} {'·' * max(1, round(visible * 0.3))}］"

    def provenance(self, source: str, target: str) -> str:
        return "pseudo (qps-ploc)"
