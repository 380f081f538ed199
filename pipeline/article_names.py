"""Names that begin with a capitalised article inside a sentence: Paris La Défense, Berre L'Étang.

Their words are common words (la défense, l'étang), so the engines translate them
(The Defence, La Difesa); written with a capital article after a lower-case word
or a comma (not in ALL-CAPS text), they are a name and are kept as written, like a given name.  The
articles are a small hand-written table per source language (French only today).
"""
from __future__ import annotations

import re

from pipeline.protect import is_stand_in

_ARTICLES = {"fr": ("La ", "Le ", "Les ", "L'", "L’")}
_WORD = r"[^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)*"


def article_names(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each such name in `text`: the article and the capitalised words after it."""
    articles = _ARTICLES.get(lang)
    if not articles:
        return []
    starts = "|".join(re.escape(a) for a in articles)
    found = []
    for m in re.finditer(rf"(?:(?<=[^\W\d_] )|(?<=[,;:)»] ))(?:{starts})(?:{_WORD})(?: {_WORD})*", text):
        if text[m.start() - 2].isupper():  # ALL-CAPS text (POSE L'IA) names nothing by its capitals
            continue
        words = m.group()[len(next(a for a in articles if m.group().startswith(a))):].split(" ")
        kept = []
        for word in words:
            if not (word[:1].isupper() and any(c.islower() for c in word)) or is_stand_in(word):
                break
            kept.append(word)
        if kept:
            end = m.start() + len(m.group()) - len(" ".join(words)) + len(" ".join(kept))
            found.append((m.start(), end, text[m.start():end]))
    return found
