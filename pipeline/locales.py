"""Language metadata from Babel: validation, names, plural forms, text direction.

Babel is imported when a language is first looked at: most modules import this one for
base_language() alone, and md2po/po2md start faster without Babel's calendar and plural modules.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale


@dataclass(frozen=True)
class Language:
    """What a catalogue header and an HTML page need to know about a language."""

    code: str          # as configured, e.g. "de", "zh", "pt_BR"
    english_name: str  # "German"
    native_name: str   # "Deutsch"
    plural_forms: str  # "nplurals=2; plural=(n != 1);"
    direction: str     # "ltr" or "rtl"

    @property
    def html_lang(self) -> str:
        """The BCP 47 form for `<html lang>`: pt_BR -> pt-BR."""
        return self.code.replace("_", "-")


@lru_cache(maxsize=256)
def base_language(code: str) -> str:
    """The language without region or script: fr-FR, fr_FR, FR -> fr (what dictionaries and engines key on)."""
    return code.replace("-", "_").split("_")[0].lower()


PSEUDO = "qps-ploc"  # Microsoft's pseudo-locale code: accented, longer text for testing layout and markup


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    """Metadata for `code`; ValueError when Babel does not know it."""
    if code == PSEUDO:
        return Language(code, "Pseudo-locale", "Pseudo-locale", "nplurals=2; plural=(n != 1);", "ltr")
    from babel.messages.plurals import get_plural
    loc = _locale(code)
    plural = get_plural(loc)
    return Language(
        code=code,
        english_name=loc.english_name or code,
        native_name=loc.get_display_name() or code,
        plural_forms=f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
        direction=loc.text_direction,
    )


def check(code: str) -> None:
    """The ValueError language() raises for a code Babel does not know, without loading the language's
    data: the configuration checks every target on each command, and most commands use one or none."""
    if code != PSEUDO:
        _locale(code)


def _locale(code: str) -> Locale:
    """Babel's Locale for `code` (`pt-BR` or `pt_BR`); ValueError when Babel does not know it."""
    from babel import Locale, UnknownLocaleError
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown language code {code!r}") from exc
