"""Target-language typography for drafts: engines copy French punctuation spacing and quotes through.

French puts a (narrow) space before : ; ! ? and inside « »; English, Spanish,
German... do not, and quote with their own marks.  Applied to machine drafts
only: what a person writes is left as written.
"""
from __future__ import annotations

import re

from pipeline.locales import PSEUDO, base_language

_QUOTES = {"en": ("“", "”"), "zh": ("“", "”"), "de": ("„", "“")}  # others keep « », without inner spaces
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \u00a0\u202f]+(?=[:;!?](?:\s|$|⟦))")
_QUOTED = re.compile(r"«[ \u00a0\u202f]*(.*?)[ \u00a0\u202f]*»", re.S)
_OPENING = re.compile(r"«[ \u00a0\u202f]*")
_CLOSING = re.compile(r"[ \u00a0\u202f]*»")


def retypeset(text: str, lang: str) -> str:
    """French spacing and quotation marks of `text` made right for `lang` (unchanged for French)."""
    if not lang or base_language(lang) == "fr" or lang == PSEUDO:
        return text
    text = _SPACE_BEFORE.sub("", text)
    opening, closing = _QUOTES.get(base_language(lang), ("«", "»"))
    text = _QUOTED.sub(lambda m: opening + m.group(1) + closing, text)
    # a quotation that runs over several paragraphs opens in one entry and closes in another
    return _CLOSING.sub(closing, _OPENING.sub(opening, text))
