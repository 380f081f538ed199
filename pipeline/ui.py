"""The pipeline's own words on its pages (notice, review page, report), in the reader's language.

They are a gettext catalogue of the project, so the tool eats its own cooking:
marked with `_()` (or `N_()` where a table holds them) in the modules that
write pages, extracted with Babel into pipeline/locale/pipeline.pot, drafted by
the pipeline's own engines and reviewed in
pipeline/locale/<lang>/LC_MESSAGES/pipeline.po (tools/ui_catalog.py).  The PO
files are read as they are at run time: nothing is compiled, so nothing
generated sits in git.  Only reviewed (not fuzzy) entries are used, and a
module's strings are in a language only when every one of them is reviewed
there; otherwise all of that module's strings are English, so the `lang` of
the part of the page they make is never a lie.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib

from pipeline.catalog import parse_catalog, translations
from pipeline.locales import base_language

LOCALE = Path(__file__).parent / "locale"
DOMAIN = "pipeline"
SOURCE = "en"  # the language the strings are written in


def N_(text: str) -> str:
    """Marks `text` for extraction where it is stored (a table); it is translated where it is shown."""
    return text


@dataclass(frozen=True)
class Strings:
    """One module's strings in one language: call it with the English text."""

    lang: str                                   # the language they come out in
    table: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, text: str) -> str:
        return self.table.get(text, text)


ENGLISH = Strings(SOURCE)


def template_path() -> Path:
    return LOCALE / f"{DOMAIN}.pot"


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def _read(path: Path) -> polib.POFile | None:
    return parse_catalog(path.read_text(encoding="utf-8"), path) if path.is_file() else None


@lru_cache(maxsize=None)
def strings(lang: str, module: str) -> Strings:
    """The strings of `module` (e.g. "notice" for pipeline/notice.py) in `lang`, or in English when the
    language has no catalogue or the catalogue lacks a reviewed translation of any one of them."""
    pot = _read(template_path())
    wanted = {e.msgid for e in pot or () if any(f == f"pipeline/{module}.py" for f, _ in e.occurrences)}
    for code in dict.fromkeys((lang.replace("-", "_"), base_language(lang))):
        po = _read(catalogue_path(code))
        if code == SOURCE or po is None:
            continue
        table = translations(po)
        if wanted and wanted <= table.keys():
            return Strings(code, {k: table[k] for k in wanted})
    return ENGLISH
