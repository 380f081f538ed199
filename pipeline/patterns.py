"""Regular expressions that several stages must agree on: placeholders, URLs, e-mail addresses, phones.

One definition each, so that what protection hides, what the figures stage
masks, what the glossary skips and what QA compares are the same spans.
"""
from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
"""⟦n⟧: one protected piece of markup, a term or a figure; group 1 is n."""

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
URL = r"(?:https?://|www\.)[^\s<>()\]]*[^\s<>()\].,;:!?'\"»]"
"""A web address with its scheme or www., without the punctuation that ends the sentence after it."""
BARE_DOMAIN = r"(?<![\w@.-])(?:[\w-]+\.)+(?i:com|fr|org|net|eu|io)(?![\w.-])"
"""A domain written without scheme, as press texts do: aixmarseille.fr."""
WEB = re.compile(f"{URL}|{EMAIL}|{BARE_DOMAIN}")
"""Anything a reader would type into a browser or a mail client."""

_SEP = "[ .\u00a0\u202f-]?"
PHONE = re.compile(rf"(?<![\d+])(?:(?:\+|00)33{_SEP}(?:\(0\){_SEP})?|33{_SEP}\(0\){_SEP}|0)[1-9](?:{_SEP}\d\d){{4}}(?!\d)")
"""A French phone number, national (04 96 11 60 00) or international (+33 4 96 11 60 00, 33 (0)4 ...)."""
