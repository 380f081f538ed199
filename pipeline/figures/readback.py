"""Figures read back from target text by value, for QA: did the translation keep the numbers?

The reader is built per locale from the same CLDR data `render` writes with (group and
decimal symbols, long scale words, month names, AM/PM), so a correct rendering reads
back as the source's values.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import get_day_names, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol, parse_decimal

from pipeline.figures.recognise import after_designator, bounded, find_figures, magnitudes, mask
from pipeline.figures.render import OC_SCALE, number_locale
from pipeline.locales import base_language

_OF = re.compile(r"^(?:de |d’|d')")  # Catalan and Occitan month names: "de gener", "d’octubre"
_SUP = re.compile(r"<sup>[^<]*</sup>")
_ORDINAL_AFTER = {lang: re.compile(rf"(?i:{alts})(?![^\W\d_])") for lang, alts in {  # 5th, 5º, 5è, 5en
    "en": "st|nd|rd|th", "it": "º|ª", "ca": "è|a|r|n|t", "oc": "èra|èr|ena|en"}.items()}


@lru_cache(maxsize=None)
def _reader(locale: str) -> tuple[re.Pattern[str], dict[str, int], dict[str, int], dict[str, int]]:
    """Regex and word tables to read figures back from text in `locale`."""
    lang, nloc, loc = base_language(locale), number_locale(locale), Locale.parse(locale)
    group, point = get_group_symbol(nloc, numbering_system="latn"), get_decimal_symbol(nloc, numbering_system="latn")
    groups = "[ \u00a0\u202f]" if group.isspace() else re.escape(group)
    scales: dict[str, int] = {}
    if lang == "oc":
        scales = {w: s for s, words in OC_SCALE.items() for w in words}
    else:
        forms = loc.compact_decimal_formats
        for plural in forms["long" if "long" in forms else "short"].values():
            for key, pattern in plural.items():
                word = " ".join(pattern.pattern.replace("0", "").split()).lower()
                magnitude = int(key) // 10 ** (pattern.pattern.count("0") - 1)
                if word and magnitude >= 10**3:  # 49 thousand, 49 mil, 4,9万
                    scales[word] = magnitude
    months = {_OF.sub("", n): i for ctx in ("format", "stand-alone")
              for i, n in get_month_names("wide", ctx, locale=loc).items()}  # as written: "May", not "may"
    periods = {v.lower(): 12 * (k == "pm") for k, v in loc.day_periods["format"]["abbreviated"].items()
               if k in ("am", "pm")}
    space = "[ \u00a0\u202f]?"
    word = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(scales, key=len, reverse=True)) or "(?!)"
    ap = "|".join(re.escape(p) for p in sorted(periods, key=len, reverse=True)) or "(?!)"
    t = r"(?P<h{0}>[01]?\d|2[0-3])[:h](?P<m{0}>[0-5]\d)(?:{1}(?P<a{0}>{2}))?"
    pattern = re.compile("|".join([
        t.format(1, space, ap) + rf"(?:\s*[-–—至]\s*{t.format(2, space, ap)})?",
        rf"(?P<n>\d{{1,3}}(?:{groups}\d{{3}})+(?!\d)|\d+)(?:{re.escape(point)}\d+)?"
        rf"(?:{space}(?P<sc>{word})(?![A-Za-z\u00c0-\u024f]))?",
        r"(?P<month>" + "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True)) + r")(?!\w)",
    ]), re.I)
    return pattern, scales, months, periods


@lru_cache(maxsize=None)
def _names(locale: str, months: tuple[str, ...]) -> frozenset[str]:
    """Month and day names of `locale`, lower case: a number after one is a date, not a designated number."""
    return frozenset(n.lower() for n in [*months, *get_day_names("wide", locale=locale).values()])


def _minutes(h: str, m: str, period: str | None, periods: dict[str, int]) -> Decimal:
    hour = int(h) % 12 + periods[period.lower()] if period else int(h)
    return Decimal(hour * 60 + int(m))


def values(text: str, locale: str) -> list[Decimal]:
    """The numbers a reader sees in `text` written in `locale`, to compare with the source's
    as multisets: percentages by their number, amounts and scale words multiplied out,
    times in minutes after midnight, month names as month numbers.  'fr' reads the source
    with find_figures; other locales are read with the same exclusions (phones, URLs,
    codes, designators, 5+ ungrouped digits)."""
    if base_language(locale) == "fr":
        return [m for fig in find_figures(text) for m in magnitudes(fig)]
    pattern, scales, months, periods = _reader(locale)
    masked, nloc, out = _SUP.sub(lambda m: "\ue000" * len(m.group()), mask(text)), number_locale(locale), []
    names = _names(locale, tuple(months))
    suffix = _ORDINAL_AFTER.get(base_language(locale))
    for m in pattern.finditer(masked):
        start, end = m.span()
        if m.group("n") and suffix and (s := suffix.match(masked, end)):
            end = s.end()
        if not bounded(masked, start, end, latin=True):
            continue
        if m.group("month"):
            name = next(n for n in months if n.lower() == m.group("month").lower())
            if m.group("month") in (name, name.upper(), name[:1].upper() + name[1:]):  # "may" is no month
                out.append(Decimal(months[name]))
        elif m.group("h1"):
            out += [_minutes(m.group(f"h{i}"), m.group(f"m{i}"), m.group(f"a{i}") or m.group("a2"), periods)
                    for i in (1, 2) if m.group(f"h{i}")]
        else:
            digits, word = m.group("n"), m.group("sc")
            code = (digits.startswith("0") and digits[1:2].isdigit()) or (len(digits) >= 5 and digits.isdigit())
            if code or (not word and after_designator(masked, start, end, names)):
                continue
            number = parse_decimal(m.group().removesuffix(word or "").strip(), locale=nloc, strict=False,
                                   numbering_system="latn")
            out.append(number * scales.get(" ".join((word or "").lower().split()), 1))
    return out


def compare(source: str, target: str, locale: str, source_locale: str = "fr") -> tuple[list[Decimal], list[Decimal]]:
    """(missing in target, extra in target) as multisets of values; both empty when the figures agree."""
    want = Counter(v.normalize() for v in values(source, source_locale))
    got = Counter(v.normalize() for v in values(target, locale))
    return sorted((want - got).elements()), sorted((got - want).elements())
