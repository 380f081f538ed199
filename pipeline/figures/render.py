"""Figures rendered for a target locale with Babel: the same value, written as its readers write it.

Decisions (Babel 2.18 / CLDR data, checked by hand for en es it de ar zh ca oc):
- Digits are always Latin (numbering_system='latn'); for Arabic this is also Babel's
  default, and what Maghreb and Gulf tech and business press print.
- Numbers, percentages and currencies use the locale's patterns, keeping the source
  precision (26,6 % -> 26.6% en, 26,6 % es/de; 7 000 -> 7,000 en, 7.000 de).  Spanish
  groups only from five digits (7000, 49.000): CLDR's minimumGroupingDigits=2 for es, as
  the RAE recommends; Babel lacks that field, so it is a one-entry table here.  Italian
  keeps Babel's grouping (3.000), as Italian press writes it.
- Scale words come from CLDR's long compact forms (billion, mil millones, Milliarden,
  miliardi, مليار); Chinese uses its short forms in 万 (10^4) and 亿 (10^8): 8 milliards
  -> 80亿, 11,2 millions -> 1120万.  Scaled amounts: English puts the symbol first
  (€8 billion), other languages write the currency name (8 mil millones de euros, 80亿欧元).
- Dates use the locale's skeleton and interval patterns, month names widened to full
  (CLDR often has only abbreviated interval patterns): en "January 30 – 31, 2025" (the
  en locale is US English), es "30–31 de enero de 2025", de "30.–31. Januar 2025".
  Dates without a year are formatted in a year where the weekday fits; it is not shown.
- Times use the locale's short pattern: 8:15 AM (en, ar 12-hour), 8:15 (es), 08:15 (de,
  zh); ranges use interval patterns (de "15:00–17:15 Uhr").
- Ordinals: a small table per language (en 5th, es 5.º/1.ª, it 5º/1ª, de 5., ca 5è/1a,
  oc 5en/1èr); zh 第5; ar الـ5 (Arabic press style; Arabic ordinals are words otherwise).
- ALL-CAPS source words stay in capitals (JANVIER -> JANUARY, 5E -> 5TH); times excepted.
- oc: CLDR has Occitan month, day and time data but no number symbols (Babel falls back to
  root "1,234.5") and no usable compact or interval forms: numbers follow French
  conventions (1 234,5), scale words and day ranges are built here.
"""
from __future__ import annotations

import copy
import re
from datetime import date, time
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_interval, format_time, match_skeleton, parse_pattern
from babel.numbers import format_compact_decimal, get_currency_name, get_currency_symbol

from pipeline.figures.recognise import Figure, find_figures
from pipeline.locales import base_language

_NUMBER_LOCALE = {"oc": "fr"}  # Babel's Occitan has no number symbols of its own
_MIN_GROUPING = {"es": 2}  # CLDR minimumGroupingDigits, which Babel 2.18 does not ship
OC_SCALE = {10**6: ("milion", "milions"), 10**9: ("miliard", "miliards")}  # no CLDR compact forms; readback reads these
_CURRENCY_LINK = {"es": " de ", "it": " di ", "ca": " de ", "oc": " de ", "zh": ""}  # "8 mil millones de euros"
_ORDINAL_SUFFIX = {  # (masculine, feminine); en is computed
    "es": (".º", ".ª"), "it": ("º", "ª"), "de": (".", "."), "zh": ("", ""), "ar": ("", ""),
    "fr": ("e", "re"), "ca": ("è", "a"), "oc": ("en", "ena")}
_ORDINAL_FIRST = {"fr": ("er", "re"), "ca": ("r", "a"), "oc": ("èr", "èra")}
_CA_SMALL = {2: "n", 3: "r", 4: "t"}
_ORDINAL_PREFIX = {"zh": "第", "ar": "الـ"}
_TAG = re.compile(r"<[^>]*>")
_FEMININE = re.compile(r"(?i)r(?:e|ère)|ʳᵉ|nde|<sup>re")
_QUOTED = re.compile(r"('[^']*')")
_WEEKDAY_FIELD = re.compile(r"(?<![EMLc])(?:E{1,3}|c{1,3})(?![Ec])")
_MONTH_FIELD = re.compile(r"(?<![ML])(M{3}|L{3})(?![ML])")


def number_locale(locale: str) -> str:
    """The locale whose number symbols `locale` uses (Occitan borrows French ones)."""
    return _NUMBER_LOCALE.get(base_language(locale), locale)


def _caps(fig: Figure) -> bool:
    """The source expression is in capitals: JEUDI 30 JANVIER, 5E."""
    letters = [c for c in _TAG.sub("", fig.text) if c.isalpha()]
    enough = len(letters) >= (1 if fig.kind == "ordinal" else 2)  # "750M€" is no capitals
    return enough and all(c.isupper() for c in letters)


def _pattern(value: Decimal, locale: str, kind: str = "decimal", currency: str | None = None) -> str:
    """`value` with the locale's decimal, percent or currency pattern and exactly the source's
    decimals (26,6 % keeps one, 2,50 € two, 1 000 € none), Latin digits."""
    loc = Locale.parse(number_locale(locale))
    formats = {"decimal": loc.decimal_formats[None], "percent": loc.percent_formats[None],
               "currency": loc.currency_formats["standard"]}
    pattern = copy.copy(formats[kind])
    digits = max(0, -int(value.as_tuple().exponent))
    pattern.frac_prec = (digits, digits)
    shown = value / 100 if kind == "percent" else value
    grouped = abs(value) >= 10 ** (2 + _MIN_GROUPING.get(base_language(locale), 1))  # es: 7000 but 49.000
    out: str = pattern.apply(shown, loc, currency=currency, currency_digits=False, group_separator=grouped,
                             numbering_system="latn")  # NumberPattern.apply is typed to return Any
    return out


def _number(value: Decimal, locale: str) -> str:
    return _pattern(value, locale)


def _scaled(value: Decimal, scale: int, locale: str) -> str:
    """8, 10**9 -> '8 billion', '8 mil millones', '80亿'."""
    if base_language(locale) == "oc":
        one, many = OC_SCALE[scale]
        return f"{_number(value, locale)} {one if value < 2 else many}"
    forms = Locale.parse(locale).compact_decimal_formats
    return format_compact_decimal(value * scale, format_type="long" if "long" in forms else "short",
                                  locale=locale, fraction_digits=6, numbering_system="latn")


def _amount(fig: Figure, locale: str) -> str:
    value, code = fig.value
    lang = base_language(locale)
    if fig.scale < 10**6:  # "5 k€" is written out: €5,000
        if fig.scale > 1:
            value = value * fig.scale
            value = value.to_integral_value() if value == value.to_integral_value() else value.normalize()
        return _pattern(value, locale, "currency", code)
    if lang == "en":
        return get_currency_symbol(code, locale) + _scaled(value, fig.scale, locale)
    name = get_currency_name(code, count=value * fig.scale, locale=locale)
    link = _CURRENCY_LINK.get(lang, " ")
    if link == " de " and lang in ("ca", "oc") and name[:1].lower() in "aeiouèéò":
        link = " d’"
    return _scaled(value, fig.scale, locale) + link + name


def _ordinal(fig: Figure, locale: str) -> str:
    n, lang = int(fig.value), base_language(locale)
    feminine = _FEMININE.search(fig.text) is not None
    if lang == "en":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    elif n == 1 and lang in _ORDINAL_FIRST:
        suffix = _ORDINAL_FIRST[lang][feminine]
    elif lang == "ca" and not feminine and n in _CA_SMALL:
        suffix = _CA_SMALL[n]
    else:
        suffix = _ORDINAL_SUFFIX.get(lang, ("", ""))[feminine]
    if "<sup>" in fig.text and suffix.isalpha() and suffix not in "ºª":
        suffix = f"<sup>{suffix}</sup>"
    return f"{_ORDINAL_PREFIX.get(lang, '')}{n}{suffix}"


def _widen(pattern: str) -> str:
    """Full month and weekday names in a CLDR pattern, quoted literals untouched."""
    parts = _QUOTED.split(pattern)
    for i in range(0, len(parts), 2):
        parts[i] = _WEEKDAY_FIELD.sub("EEEE", parts[i])
        parts[i] = _MONTH_FIELD.sub(lambda m: m.group()[0] * 4, parts[i])
    return "".join(parts)


def _skeleton(skeleton: str, when: date, locale: str) -> str:
    loc = Locale.parse(locale)
    key = skeleton if skeleton in loc.datetime_skeletons else match_skeleton(skeleton, loc.datetime_skeletons)
    return format_date(when, _widen(loc.datetime_skeletons[key].pattern), locale=loc)


def _year_for(day: int, month: int, weekday: int | None) -> int:
    """A year in which `day month` falls on `weekday` (2000, a leap year, when no weekday)."""
    for year in range(2024, 2060) if weekday is not None else ():
        if month != 2 or day != 29 or year % 4 == 0:
            if date(year, month, day).weekday() == weekday:
                return year
    return 2000


def _day_range(first: date, last: date, skeleton: str, locale: str) -> str:
    """Interval of days in one month, with the locale's interval pattern widened to full names."""
    loc = Locale.parse(locale)
    key = skeleton if skeleton in loc.interval_formats else match_skeleton(skeleton, loc.interval_formats)
    if base_language(locale) == "oc" or not key:  # no usable Occitan interval data: "30–31 de genièr de 2025"
        full = format_date(last, "long", locale=loc) if "y" in skeleton else _skeleton("MMMMd", last, locale)
        return f"{first.day}–{full}"
    return "".join(parse_pattern(_widen(p)).apply(d, loc) for p, d in zip(loc.interval_formats[key]["d"],
                                                                            (first, last)))


def _date(fig: Figure, locale: str) -> str:
    v = fig.value
    if fig.kind == "day_range":
        year = v.year or 2000
        return _day_range(date(year, v.month, v.first), date(year, v.month, v.last),
                          "yMMMMd" if v.year else "MMMMd", locale)
    if v.day is None:
        return _skeleton("yMMMM", date(v.year, v.month, 1), locale)
    when = date(v.year or _year_for(v.day, v.month, v.weekday), v.month, v.day)
    if v.weekday is not None:
        return _skeleton("yMMMMEEEEd" if v.year else "MMMMEEEEd", when, locale)
    return format_date(when, "long", locale=locale) if v.year else _skeleton("MMMMd", when, locale)


def _twelve_hour(locale: str) -> bool:
    return "a" in Locale.parse(locale).time_formats["short"].pattern.replace("'", "")


def render(figure: Figure, locale: str) -> str:
    """The figure as it is written in `locale` ('en', 'es', 'de', 'ar', 'zh', 'ca', 'oc'...)."""
    kind, v = figure.kind, figure.value
    if kind in ("integer", "decimal"):
        out = _number(v, locale)
    elif kind == "percent":
        out = _pattern(v, locale, "percent")
    elif kind == "amount":
        out = _amount(figure, locale)
        out = out.replace("$", "\\$") if "\\$" in figure.text else out  # keep the Markdown escape
    elif kind == "quantity":
        number = _scaled(v, figure.scale, locale) if figure.scale > 1 else _number(v, locale)
        gap = figure.text[:len(figure.text) - len(figure.unit)][-1:] if figure.unit else ""
        out = number + (gap if gap.isspace() else "") + figure.unit
    elif kind == "ordinal":
        out = _ordinal(figure, locale)
    elif kind in ("date", "weekday_date", "day_range"):
        out = _date(figure, locale)
    elif kind == "time":
        return format_time(time(*v), "short", locale=locale)
    elif kind == "time_range":
        return format_interval(time(*v[0]), time(*v[1]), "hm" if _twelve_hour(locale) else "Hm", locale=locale)
    elif kind == "year":
        return str(v)
    elif kind == "year_range":
        return format_interval(date(v[0], 1, 1), date(v[1], 1, 1), "y", locale=locale)
    else:
        raise ValueError(f"unknown figure kind {kind!r}")
    return out.upper() if _caps(figure) else out


def localise(text: str, locale: str) -> str:
    """`text` with every recognised figure replaced by its rendering in `locale`."""
    out, last = [], 0
    for fig in find_figures(text):
        out += [text[last:fig.start], render(fig, locale)]
        last = fig.end
    return "".join(out + [text[last:]])
