"""Doubled words an engine leaves in a draft ("of of", "de de") removed, unless the source doubles a word too.

Pivot routes and stand-ins for protected terms make engines repeat a
preposition now and then; no text of the dossier repeats a word on purpose, and
where a source does (« nous nous ») its draft is left alone.
"""
from __future__ import annotations

import re

_DOUBLED = re.compile(r"(?<![\w⟦])([^\W\d_]+)\s+\1(?![\w⟧])", re.IGNORECASE)


def undouble(draft: str, source: str) -> str:
    """`draft` with each directly repeated word written once, when `source` repeats no word."""
    if _DOUBLED.search(source):
        return draft
    return _DOUBLED.sub(lambda m: m.group(1), draft)
