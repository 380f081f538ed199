"""The notice at the top of a page that is not all reviewed translation, in the page's own language.

A reader of the Arabic page should not need English to learn that some of it
is a machine draft or still French.  The two sentences are strings of the
pipeline's own catalogue (pipeline.ui), English where a language has no
reviewed translation of both; language names and numbers come from Babel.
"""
from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from pipeline.ui import strings


def notice(lang: str, source: str, drafts: int, fallback: int, total: int) -> tuple[str, str]:
    """(text, the language it is in): what the page holds besides reviewed translation, or ('', '')."""
    if not drafts and not fallback:
        return "", ""
    _ = strings(lang, "notice")
    used = _.lang
    try:
        name = Locale.parse(source.replace("-", "_")).get_display_name(used) or source
        number = lambda n: format_decimal(n, locale=used)  # noqa: E731
    except (UnknownLocaleError, ValueError):
        name, number = source, str
    values = {"drafts": number(drafts), "fallback": number(fallback), "total": number(total), "source": name}
    parts = ([_("Draft: {drafts} of {total} passages on this page are unreviewed machine or memory "
                "translations.")] if drafts else [])
    parts += [_("{fallback} of {total} passages are not translated yet and are shown in {source}.")] if fallback else []
    return " ".join(p.format(**values) for p in parts), used
