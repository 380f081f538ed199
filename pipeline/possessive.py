"""English `his` where the French possessor is plural (leur, leurs): `their`.

English drafts come through Spanish or Catalan, whose su/sus and seu/seva say
nothing of the possessor's number: `les entreprises et leurs données` reaches
English as `the companies and his data`.  In a French sentence whose only
third-person possessives are leur and leurs, every `his` of the draft came from
them.  A sentence with son, sa, ses or sien is left alone: its, his or her
depends on who the possessor is, which no rule here knows.
"""
from __future__ import annotations

import re

_PLURAL = re.compile(r"(?<![\w'’])leurs?(?![\w'’])", re.IGNORECASE)
_SINGULAR = re.compile(r"(?<![\w'’])(?:son|sa|ses|siens?|siennes?)(?![\w'’])", re.IGNORECASE)
_HIS = re.compile(r"(?<![\w'’])(?:his|His|HIS)(?![\w'’])")
_THEIR = {"his": "their", "His": "Their", "HIS": "THEIR"}


def their(source: str, draft: str) -> str:
    """`draft` (English) with `his` written `their` where `source` (French) has only plural possessors."""
    if not _PLURAL.search(source) or _SINGULAR.search(source):
        return draft
    return _HIS.sub(lambda m: _THEIR[m.group()], draft)
