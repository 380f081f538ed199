"""Language metadata from Babel: validation, names, plural forms, text direction."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural


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
    try:
        loc = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown language code {code!r}") from exc
    plural = get_plural(loc)
    return Language(
        code=code,
        english_name=loc.english_name or code,
        native_name=loc.get_display_name() or code,
        plural_forms=f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
        direction=loc.text_direction,
    )
