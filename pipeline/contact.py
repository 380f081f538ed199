"""Postal address and contact blocks are kept as written, their labels (Tél.) localised by a table, as are
the labels before a phone number anywhere else.

An engine turns `10 PLACE DE LA JOLIETTE` into "10 PLACE OF THE JOLIETTE" and
`TÉL.` into a Spanish "TFNO." in English: an address is not prose.  A block of
lines (hard breaks) is an address when one line is a French postal line, a
five-digit postal code then the town (13567 MARSEILLE CEDEX 02).  CLDR has no
data for contact labels, so `LABELS` is a small hand-written table.
"""
from __future__ import annotations

import re

from pipeline.locales import base_language

_POSTAL_LINE = re.compile(r"(?m)(?:^|\s)\d{5}\s+[^\W\d_][^\W\d_' -]*(?:\s+CEDEX(?:\s+\d+)?)?\s*$", re.IGNORECASE)
_LINE_BREAK = re.compile(r"(?: {2,}|\\)\n")
LABELS = {  # French label -> per language; languages not listed keep the French label
    "tél": {"en": "Tel.", "es": "Tel.", "ca": "Tel.", "oc": "Tel.", "it": "Tel.", "de": "Tel."},
    "fax": {"en": "Fax", "es": "Fax", "ca": "Fax", "oc": "Fax", "it": "Fax", "de": "Fax"},
    "port": {"en": "Mobile", "es": "Móvil", "ca": "Mòbil", "oc": "Mobil", "it": "Cell.", "de": "Mobil"},
}
_LABEL = re.compile(r"(?im)^(tél|tel|fax|port)\.?(?=\s|:)")
_INLINE_LABEL = re.compile(r"(?<![\w.])(tél|tel|fax|port)\.?(?=\s*:?\s*\+?\(?\d[\d ().-]{6,}\d)",
                           re.IGNORECASE)  # before a phone number


def is_contact_block(msgid: str) -> bool:
    """Several lines, one of them a French postal line: an address, not prose."""
    lines = _LINE_BREAK.split(msgid)
    return len(lines) >= 2 and any(_POSTAL_LINE.search(line) for line in lines)


def localise_contact(msgid: str, lang: str) -> str:
    """The block as written, with each line's leading label in `lang` (kept in capitals when it was)."""
    return _LABEL.sub(lambda m: _label(m, lang), msgid)


def label_spans(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, label in `lang`) of each contact label before a phone number in running text
    (`Tél. : 04 91 ...`), for the translate stage to keep out of the engine."""
    return [(m.start(), m.end(), _label(m, lang)) for m in _INLINE_LABEL.finditer(text)]


def _label(m: re.Match[str], lang: str) -> str:
    key = "tél" if m.group(1).lower() in ("tél", "tel") else m.group(1).lower()
    found = LABELS[key].get(base_language(lang))
    if found is None:
        return m.group()
    return found.upper() if m.group(1).isupper() else found
