"""The notice at the top of a page that is not all reviewed translation, in the page's own language.

A reader of the Arabic page should not need English to learn that some of it
is a machine draft or still French.  The sentences below are a hand-written
table, one row per target the project ships (not yet a gettext catalogue of the
pipeline's own strings); other languages get English.  Language names and
numbers come from Babel.
"""
from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from pipeline.locales import base_language

# Hand-written translations of the two notice sentences: {drafts} {fallback} {total} {source}.
NOTICES: dict[str, tuple[str, str]] = {
    "en": ("Draft: {drafts} of {total} passages on this page are unreviewed machine or memory translations.",
           "{fallback} of {total} passages are not translated yet and are shown in {source}."),
    "es": ("Borrador: {drafts} de {total} pasajes de esta página son traducciones automáticas o de memoria "
           "sin revisar.",
           "{fallback} de {total} pasajes aún no están traducidos y se muestran en {source}."),
    "it": ("Bozza: {drafts} passaggi su {total} di questa pagina sono traduzioni automatiche o da memoria "
           "non revisionate.",
           "{fallback} passaggi su {total} non sono ancora tradotti e sono mostrati in {source}."),
    "de": ("Entwurf: {drafts} von {total} Abschnitten dieser Seite sind ungeprüfte maschinelle Übersetzungen "
           "oder Übersetzungen aus dem Speicher.",
           "{fallback} von {total} Abschnitten sind noch nicht übersetzt und werden auf {source} angezeigt."),
    "ar": ("مسودة: {drafts} من أصل {total} مقطعًا في هذه الصفحة ترجمات آلية أو من الذاكرة لم تُراجَع بعد.",
           "{fallback} من أصل {total} مقطعًا لم تُترجَم بعد وتظهر باللغة {source}."),
    "zh": ("草稿：本页 {total} 个段落中有 {drafts} 个是未经审校的机器翻译或翻译记忆译文。",
           "{total} 个段落中有 {fallback} 个尚未翻译，以{source}显示。"),
    "ca": ("Esborrany: {drafts} de {total} passatges d'aquesta pàgina són traduccions automàtiques o de memòria "
           "sense revisar.",
           "{fallback} de {total} passatges encara no estan traduïts i es mostren en {source}."),
    "oc": ("Borrolhon: {drafts} de {total} passatges d'aquesta pagina son de traduccions automaticas o de memòria "
           "pas revisadas.",
           "{fallback} de {total} passatges son pas encara traduches e son afichats en {source}."),
}


def notice(lang: str, source: str, drafts: int, fallback: int, total: int) -> tuple[str, str]:
    """(text, the language it is in): what the page holds besides reviewed translation, or ('', '')."""
    if not drafts and not fallback:
        return "", ""
    code = base_language(lang)
    used = code if code in NOTICES else "en"
    draft_text, fallback_text = NOTICES[used]
    try:
        name = Locale.parse(source.replace("-", "_")).get_display_name(used) or source
        number = lambda n: format_decimal(n, locale=used)  # noqa: E731
    except (UnknownLocaleError, ValueError):
        name, number = source, str
    values = {"drafts": number(drafts), "fallback": number(fallback), "total": number(total), "source": name}
    parts = ([draft_text] if drafts else []) + ([fallback_text] if fallback else [])
    return " ".join(p.format(**values) for p in parts), used
