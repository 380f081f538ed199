"""Figures in French source text: numbers, amounts, dates and times, found by value.

Machine translation mangles figures ("8 milliards" -> "8 billions", "26,6 %" kept with
its comma in English, "8h15" left as is), so they are recognised here, by value, for
`render` and `readback` to use.  Works on raw Markdown and on `protect()` output alike:
⟦n⟧ are never figures, though markup hidden behind one ("\\$", "<sup>") is then out of sight.

Recognised (French conventions): integers with space, U+00A0 or U+202F thousands
separators ("7 000", "198 800"); decimals with a comma ("26,6").  A decimal point
("5.3", "575.1") is accepted only right before a scale word, a currency or "%", where
the value cannot be misread; elsewhere "10.5" or "3.11" is a name or a version and is
left alone.  Percentages ("53%", "26,6 %"); amounts with €/$ before or after, with or
without scale ("€1 milliard", "8 milliards €", "\\$575.1 milliards", "1 milliard
d'euros", "750M€"); quantities with a scale word ("5,3 milliards" [de personnes]) or a
unit (km², km<sup>2</sup>, m², MW, GW, km...); ordinals (1er, 1re, 2nd, 5e, 3ème,
6<sup>e</sup>); dates ("17 octobre 2024", "jeudi 30 janvier", "30-31 JANVIER 2025",
"janvier 2016"); times and time ranges ("8h15", "8h", "15h00 - 17h15", "8H45 – 10H00");
years 1900-2099 and year ranges ("2022-2024").  Month and day names ignore case.

Not figures (when in doubt, nothing is recognised rather than half a number): phone
numbers, URLs, e-mail addresses, code spans and HTML attributes (masked first);
placeholders ⟦n⟧ (masked, but a figure may touch them); digits glued to letters
("MRS3", "info2024", "5G", "7x") or after #, °, / or a letter-hyphen ("COVID-19");
a number after a designator ("Top 5", "Club 29", "page 4", "CS 45607"), after a
capitalised word inside a sentence ("Directive 2", "France 2030") or after an acronym in
a mixed-case line ("NIS 2", "UMR 7020"); numbers with a leading zero ("02");
ungrouped numbers of 5+ digits (postal codes "13567", box numbers); dotted or slashed
number chains (versions, "24/7"); "Nh" after a duration word ("pendant 2h").
A 19xx/20xx integer is a year unless "environ", "plus de"... precede it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from pipeline.patterns import EMAIL, PLACEHOLDER


class DateParts(NamedTuple):
    """A date as written: any part may be missing except the month."""

    day: int | None
    month: int
    year: int | None
    weekday: int | None  # 0 = Monday


class DayRange(NamedTuple):
    first: int
    last: int
    month: int
    year: int | None


@dataclass(frozen=True)
class Figure:
    """One figure in a text: offsets, text as written, kind and value.

    kind: integer, decimal, percent, amount, quantity, ordinal, date, weekday_date,
    day_range, time, time_range, year, year_range.

    value: Decimal (integer, decimal, percent, quantity, ordinal); (Decimal, 'EUR'|'USD')
    for amounts; DateParts / DayRange for dates; (hour, minute) for times, a pair of
    those for time ranges; int / (int, int) for years.  scale is 10**6 or 10**9 when
    a scale word multiplies the value; unit is the unit as written (km², MW, %).
    """

    start: int
    end: int
    text: str
    kind: str
    value: Any
    unit: str = ""
    scale: int = 1


_SP = "[ \u00a0\u202f]"
_L = "A-Za-z\u00c0-\u024f"
_INT = rf"(?:[1-9]\d{{0,2}}(?:{_SP}\d{{3}})+(?!\d)|\d+)"
_NUM = rf"{_INT}(?:,\d+)?"
_NUMX = rf"{_INT}(?:[.,]\d+)?"  # point decimals only where a scale, currency or % follows
MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
          "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
          "décembre": 12, "decembre": 12}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_END = rf"(?![{_L}])"
_MONTH = rf"(?i:{'|'.join(sorted(MONTHS, key=len, reverse=True))}){_END}"
_WDAY = rf"(?i:{'|'.join(WEEKDAYS)}){_END}"
_DAY = r"(?:1(?i:er)|[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:19|20)\d\d"
_DASH = rf"{_SP}?[-–—]{_SP}?"
_SCALE = rf"(?i:milliards?|millions?){_END}"
_CURWORD = rf"(?i:euros?|dollars?){_END}"
_TIME = r"(?:[01]?\d|2[0-3])[hH](?:[0-5]\d)?"
_UNIT = r"km<sup>2</sup>|m<sup>2</sup>|km²|m²|m³|[kMGT]Wh|MWc|[kMG]W|km|ha"
SCALES = {"milliard": 10**9, "million": 10**6, "md": 10**9, "mds": 10**9, "mrd": 10**9, "m": 10**6, "k": 10**3}

_PATTERNS = [(kind, re.compile(p)) for kind, p in [
    ("day_range", rf"(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY}){_SP}(?P<m>{_MONTH})(?:{_SP}(?P<y>{_YEAR}))?"),
    ("weekday_date", rf"(?P<wd>{_WDAY}){_SP}(?P<d>{_DAY}){_SP}(?P<m>{_MONTH})(?:{_SP}(?P<y>{_YEAR}))?"),
    ("date", rf"(?P<d>{_DAY}){_SP}(?P<m>{_MONTH})(?:{_SP}(?P<y>{_YEAR}))?"),
    ("date", rf"(?P<m>{_MONTH}){_SP}(?P<y>{_YEAR})"),
    ("time_range", rf"(?P<t1>{_TIME}){_DASH}(?P<t2>{_TIME})"),
    ("time", rf"(?P<t1>{_TIME})"),
    ("year_range", rf"(?P<y1>{_YEAR}){_DASH}(?P<y2>{_YEAR})"),
    ("amount", rf"(?P<cur>\\?[€$]){_SP}?(?P<n>{_NUMX})(?:{_SP}(?P<sc>{_SCALE}))?"
               rf"(?:{_SP}(?:d['’]|de{_SP})(?P<cw>{_CURWORD}))?"),
    ("amount", rf"(?P<n>{_NUMX})(?:{_SP}(?P<sc>{_SCALE})|{_SP}?(?P<ab>Mds|Md|Mrd|M|k)(?={_SP}?€))?"
               rf"{_SP}?(?P<cur>€|\$|(?:d['’]|de{_SP})?(?P<cw>{_CURWORD}))"),
    ("percent", rf"(?P<n>{_NUMX}){_SP}?%"),
    ("quantity", rf"(?P<n>{_NUMX}){_SP}(?P<sc>{_SCALE})"),
    ("quantity", rf"(?P<n>{_NUM}){_SP}?(?P<u>{_UNIT})(?![\w<])"),
    ("ordinal", r"(?P<n>\d+)(?P<sup><sup>)?(?P<suf>(?i:ère|ere|er|re|ème|eme|e|nde|nd)|ᵉʳ|ʳᵉ|ᵉ)(?(sup)</sup>)(?!\w)"),
    ("number", rf"(?P<n>{_INT})(?:,(?P<f>\d+))?"),
]]
# URL and phone stay local: patterns.URL leaves a sentence's final "." unmasked and patterns.PHONE
# wants "+33", "0033" or "(0)" where this takes a bare "33 4 96 11 60 00": either would change the figures.
_MASK = re.compile("|".join([
    r"(?:https?://|www\.)[^\s<>()\]]+", EMAIL, r"\]\([^)\s]*\)",
    r"(`+).*?\1", r"<[A-Za-z][^<>]*\s[^<>]*>",
    rf"(?<!\d)(?:(?:\+|00)?33{_SP}?(?:\(0\){_SP}?)?[1-9]|0[1-9])(?:[ .\u00a0\u202f-]?\d\d){{4}}(?!\d)",
]))
DESIGNATORS = {"top", "club", "page", "p", "cs", "bp", "cedex", "n", "no", "nº", "n°", "numéro", "version",
               "v", "article", "art", "chapitre", "section", "salle", "lot", "tome", "vol", "zone", "phase",
               "niveau", "bâtiment", "bat", "route", "rn", "rd", "atrium", "iso", "umr", "nis", "mrs"}
CAPS_WORDS = {"LE", "LA", "LES", "DE", "DU", "DES", "EN", "ET", "AU", "AUX", "SUR", "PAR", "POUR", "DANS",
              "DEPUIS", "ENTRE", "AVEC", "DÈS", "VERS", "SOIT", "PLUS", "THE", "IN", "OF", "ON", "BY",
              "AND", "SINCE", "FROM", "TO", "EL", "LOS", "LAS", "DEL", "AL", "DER", "DIE", "DAS", "IM",
              "VON", "UND", "SEIT", "IL", "DI", "NEL", "DAL"}
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(_SP)
_NON_DIGITS = re.compile(r"\D")
_DIGIT = re.compile(r"\d")
_OF_CURRENCY = re.compile(r"(?i)d['’]|de")
_YEAR_ONLY = re.compile(_YEAR)
_PREV_WORD = re.compile(rf"([{_L}°º][{_L}°º.]*)(?:{_SP}|'|’)?$")
_ABOUT = re.compile(rf"(?i:environ|près de|plus de|moins de|jusqu['’]à|quelque|soit){_SP}$")
_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)
_DURATION = re.compile(rf"(?i:pendant|durant|en|sous|dans|chaque|toutes les){_SP}$")


def mask(text: str) -> str:
    """Same-length copy with URLs, e-mails, phones, code hidden ('_' blocks neighbours) and
    placeholders blanked (U+E000 does not), so offsets still point into `text`."""
    text = _MASK.sub(lambda m: "_" * len(m.group()), text)
    return PLACEHOLDER.sub(lambda m: "\ue000" * len(m.group()), text)


def bounded(text: str, start: int, end: int, latin: bool = False) -> bool:
    """Neither side glued to a word, a version chain, a #/°, a slash or a letter-hyphen.
    latin: only Latin letters and digits glue (target text: 第5, الـ5, 2025年 are fine)."""
    def glue(c: str) -> bool:
        return c.isalnum() and (not latin or c.isascii() or "\u00c0" <= c <= "\u024f")
    before = text[start - 1] if start else " "
    two = text[start - 2] if start > 1 else " "
    after = text[end] if end < len(text) else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    if glue(before) or before in "_#@/\\°º" or (before in ".," and two.isdigit()):
        return False
    if before in "-–" and two.isalpha():
        return False
    return not (glue(after) or after in "_@" or (after in ".,/" and after2.isdigit()))


def after_designator(text: str, start: int, end: int, names: frozenset[str] = frozenset()) -> bool:
    """True after "Top", "CS", "page"...; after a capitalised word inside a sentence ("Directive 2",
    "France 2030"); after an acronym ("NIS 2", "UMR 7020") unless the line is all capitals and
    the number runs on ("ÉLUE EN 2022 PAR").  `names`: month/day names, never designators."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if word.lower() in DESIGNATORS:
        return True
    if word.upper() in CAPS_WORDS or word.lower() in names:
        return False
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if sum(c.isupper() for c in word) < 2:  # a capitalised word inside a sentence names something: "Directive 2"
        before = text[line_start:m.start()].rstrip(" *_\ue000")
        return word[0].isupper() and bool(before) and before[-1] not in ".!?:;(«\"'#>-–—|"
    mixed = any(c.islower() for c in _TAG.sub("", text[line_start:line_end]))
    return mixed or not text[end:line_end].strip(" *_\ue000")


def dec(number: str) -> Decimal:
    """'7 000' -> 7000, '26,6' -> 26.6, '5.3' -> 5.3."""
    return Decimal(_SPACES.sub("", number).replace(",", "."))


def _hm(t: str) -> tuple[int, int]:
    h, _, m = t.lower().partition("h")
    return int(h), int(m or 0)


def _date(m: re.Match[str], kind: str) -> DateParts | DayRange | None:
    """The date a match stands for, or None when it is no calendar date."""
    g = m.groupdict()
    month, year = MONTHS[g["m"].lower()], int(g["y"]) if g.get("y") else None
    days = [int(_NON_DIGITS.sub("", g[k])) for k in ("d1", "d2", "d") if g.get(k)]
    try:
        for d in days:
            date(year or 2000, month, d)  # 2000: a leap year lets 29 février through
        if kind == "day_range":
            return DayRange(days[0], days[1], month, year) if days[0] < days[1] else None
        weekday = WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
        if weekday is not None and year and date(year, month, days[0]).weekday() != weekday:
            return None  # a weekday that contradicts the date: leave it to a human
        return DateParts(days[0] if days else None, month, year, weekday)
    except ValueError:
        return None


def _figure(m: re.Match[str], kind: str, text: str) -> Figure | None:
    """Build and check one candidate; None when it is not (certainly) a figure."""
    g, start, end = m.groupdict(), m.start(), m.end()
    if not bounded(text, start, end):
        return None
    veto = Figure(start, end, m.group(), "", None)  # looks like a figure, is not: nothing inside counts
    if kind in ("date", "weekday_date", "day_range"):
        parts = _date(m, kind)
        return Figure(start, end, m.group(), kind, parts) if parts else veto
    if kind in ("time", "time_range"):
        if kind == "time" and _DURATION.search(text, max(0, start - 15), start):
            return None
        times = tuple(_hm(g[k]) for k in ("t1", "t2") if g.get(k))
        return Figure(start, end, m.group(), kind, times[0] if kind == "time" else times)
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        return Figure(start, end, m.group(), kind, (y1, y2)) if y1 < y2 else veto
    n = g["n"]
    if n.startswith("0") and n[1:2].isdigit():
        return None  # "02", "007": codes, not counts
    value = dec(n + ("," + g["f"] if g.get("f") else ""))
    word = g.get("sc") or g.get("ab")
    scale = SCALES[word.lower().rstrip("s")] if word else 1
    if kind == "amount":
        if scale == 1 and _OF_CURRENCY.match(g["cur"]):
            return veto  # "1 000 d'euros" is no French: something else is going on
        code = "USD" if "$" in g["cur"] or (g.get("cw") or "").lower().startswith("dollar") else "EUR"
        return Figure(start, end, m.group(), kind, (value, code), code, scale)
    if kind in ("percent", "quantity"):
        return Figure(start, end, m.group(), kind, value, "%" if kind == "percent" else g.get("u") or "", scale)
    if after_designator(text, start, end, _NAMES):
        return None
    if kind == "ordinal":
        return Figure(start, end, m.group(), kind, value)
    grouped = _SPACES.search(n) is not None
    if not grouped and len(n) >= 5:
        return None  # postal codes, box and reference numbers: French groups real counts
    about = _ABOUT.search(text, max(0, start - 20), start)  # "environ 2000 emplois" is a count
    if not grouped and not g.get("f") and _YEAR_ONLY.fullmatch(n) and not about:
        return Figure(start, end, m.group(), "year", int(n))
    return Figure(start, end, m.group(), "decimal" if g.get("f") else "integer", value)


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order, never overlapping: the longest candidate
    starting first wins ("30-31 JANVIER 2025" over "30"), ties go to the earlier pattern."""
    return list(_found(text))


@lru_cache(maxsize=8192)
def _found(text: str) -> tuple[Figure, ...]:
    """find_figures, remembered: QA and readback ask about the same source text once per language."""
    if not _DIGIT.search(text):
        return ()  # every pattern needs a digit: most headings and many sentences have none
    masked = mask(text)
    found: list[tuple[int, int, int, Figure]] = []
    for rank, (kind, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(masked):
            fig = _figure(m, kind, masked)
            if fig:
                found.append((fig.start, -fig.end, rank, Figure(fig.start, fig.end, text[fig.start:fig.end],
                                                                  fig.kind, fig.value, fig.unit, fig.scale)))
    out: list[Figure] = []
    for _start, _end, _rank, fig in sorted(found, key=lambda t: t[:3]):
        if not out or fig.start >= out[-1].end:
            out.append(fig)
    return tuple(fig for fig in out if fig.kind)


def magnitudes(fig: Figure) -> list[Decimal]:
    """The numbers a reader sees in a figure, unit-free: 26,6 % -> [26.6], 8 milliards € ->
    [8000000000], 30-31 janvier 2025 -> [30, 31, 1, 2025], 15h00 -> [900] (minutes)."""
    v = fig.value
    if fig.kind == "amount":
        return [v[0] * fig.scale]
    if fig.kind in ("date", "weekday_date", "day_range"):
        parts = (v.first, v.last, v.month, v.year) if fig.kind == "day_range" else (v.day, v.month, v.year)
        return [Decimal(p) for p in parts if p is not None]
    if fig.kind == "time":
        return [Decimal(v[0] * 60 + v[1])]
    if fig.kind == "time_range":
        return [Decimal(h * 60 + m) for h, m in v]
    if fig.kind == "year_range":
        return [Decimal(y) for y in v]
    return [Decimal(v) * fig.scale]


def same_value(a: Figure, b: Figure) -> bool:
    """Same numbers, whatever the writing: 26,6 % and 26.6% agree, 26,6 % and 27 % do not."""
    return sorted(magnitudes(a)) == sorted(magnitudes(b))
