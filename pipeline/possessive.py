"""English `his` where the French possessor is plural (`their`) or no person (`its`).

English drafts come through Spanish or Catalan, whose su/sus and seu/seva say
nothing of the possessor's number or kind, and the second pair writes `his`:
`les entreprises et leurs données` reaches English as `the companies and his
data`, `le port et ses bassins` as `the port and his basins`.  In a French
sentence whose only third-person possessives are leur and leurs, every `his`
of the draft came from them: `their`.  In an entry whose possessives are son,
sa, ses or sien and that names no person (no anthroponym for Apertium's French
analyser), the possessor is a thing, a place or an organisation, as it is in
most of a press dossier: `its`.  The whole entry is read, not the sentence: a
person named in one sentence is often the possessor in the next.  An entry
that names a person, or has both kinds of possessive, is left alone: his, her
or its depends on who the possessor is, which no rule here knows.

Measured on the dossier's English drafts, redrafted from scratch: of 65
`his`, 48 became `its`, 2 of them a person's by a human reading (a doctoral
student's work; people fearing for their work); 17 are left.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline import morphology

_PLURAL = re.compile(r"(?<![\w'’])leurs?(?![\w'’])", re.IGNORECASE)
_SINGULAR = re.compile(r"(?<![\w'’])(?:son|sa|ses|siens?|siennes?)(?![\w'’])", re.IGNORECASE)
_HIS = re.compile(r"(?<![\w'’])(?:his|His|HIS)(?![\w'’])")
_THEIR = {"his": "their", "His": "Their", "HIS": "THEIR"}
_ITS = {"his": "its", "His": "Its", "HIS": "ITS"}


def their(source: str, draft: str) -> str:
    """`draft` (English) with `his` written `their` where `source` (French) has only plural possessors."""
    if not _PLURAL.search(source) or _SINGULAR.search(source):
        return draft
    return _written(draft, _THEIR)


def its(sources: Sequence[str], drafts: Sequence[str]) -> list[str]:
    """English `drafts` of French `sources` (whole entries) with `his` written `its` where the source's
    possessives are all singular and it names no person (one run of the French analyser for them all)."""
    out = list(drafts)
    todo = [i for i, (s, d) in enumerate(zip(sources, drafts))
            if _HIS.search(d) and _SINGULAR.search(s) and not _PLURAL.search(s)]
    for i, tokens in zip(todo, morphology.analyse("fr", [sources[i] for i in todo])):
        if not any(reading[0].pos == "np" and "ant" in reading[0].tags for t in tokens for reading in t.readings):
            out[i] = _written(out[i], _ITS)
    return out


def _written(draft: str, words: dict[str, str]) -> str:
    """Each his, His or HIS of `draft` as `words` write it, in its case."""
    return _HIS.sub(lambda m: words[m.group()], draft)
