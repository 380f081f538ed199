"""Where GNU gettext may break a PO string, and how wide text is, as libunistring decides.

`msgcat` wraps strings with libunistring's line breaking (UAX #14's pair table,
spaces and combining marks handled as in its `u8_possible_linebreaks`) and
column widths (`uc_width`, East Asian wide = 2).  pofile.py needs the same
answers to write catalogues that gettext, Poedit and Weblate leave as they are.
Line-break classes come from the general category plus a table of exceptions
for the scripts the pipeline's languages use (Latin, Greek, Cyrillic, Arabic,
Chinese, Japanese, Korean); tests/test_pofile.py checks the result against
msgcat itself.  Scripts that need more (Thai, Indic, emoji sequences) may
wrap differently from msgcat: still valid PO, only not byte-identical.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Sequence
from functools import lru_cache

# UAX #14's pair table as msgcat applies it (gettext 0.21, libunistring 1.0; measured with
# msgcat by tests/test_pofile.py): row = class before, column = class after; D break,
# I break only after spaces, P never.
_ORDER = ("WJ GL B2 BA BB HY CL CP EX IN NS OP QU IS NU PO PR SY AL H2 H3 ID JL JV JT HL "
          "RI ZWJ EB EM").split()
_ROWS = {
    "WJ": "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII", "GL": "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII",
    "B2": "PIPIDIPPPIIDIPDDDPDDDDDDDDDIDD", "BA": "PDDIDIPPPIIDIPDDDPDDDDDDDDDIDD",
    "BB": "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII", "HY": "PDDIDIPPPIIDIPIDDPDDDDDDDDDIDD",
    "CL": "PIDIDIPPPIPDIPDIIPDDDDDDDDDIDD", "CP": "PIDIDIPPPIIDIPIIIPIDDDDDDIDIDD",
    "EX": "PIDIDIPPPIIDIPDDDPDDDDDDDDDIDD", "IN": "PIDIDIPPPIIDIPDDDPDDDDDDDDDIDD",
    "NS": "PIDIDIPPPIIDIPDDDPDDDDDDDDDIDD", "OP": "PPPPPPPPPPPPPPPPPPPPPPPPPPPIPP",
    "QU": "PIIIIIPPPIIPIPIIIPIIIIIIIIIIII", "IS": "PIDIDIPPPIIDIPIDDPDDDDDDDDDIDD",
    "NU": "PIDIDIPPPIIIIPIIIPIDDDDDDIDIDD", "PO": "PIDIDIPPPIIIIPIDDPIDDDDDDIDIDD",
    "PR": "PIDIDIPPPIIIIPIDDPIIIIIIIIDIII", "SY": "PIDIDIPPPIIDIPIDDPDDDDDDDIDIDD",
    "AL": "PIDIDIPPPIIIIPIIIPIDDDDDDIDIDD", "H2": "PIDIDIPPPIIDIPDIDPDDDDDIIDDIDD",
    "H3": "PIDIDIPPPIIDIPDIDPDDDDDDIDDIDD", "ID": "PIDIDIPPPIIDIPDIDPDDDDDDDDDIDD",
    "JL": "PIDIDIPPPIIDIPDIDPDIIDIIDDDIDD", "JV": "PIDIDIPPPIIDIPDIDPDDDDDIIDDIDD",
    "JT": "PIDIDIPPPIIDIPDIDPDDDDDDIDDIDD", "HL": "PIDIDIPPPIIIIPIIIPIDDDDDDIDIDD",
    "RI": "PIDIDIPPPIIDIPDDDPDDDDDDDDIIDD", "ZWJ": "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII",
    "EB": "PIDIDIPPPIIDIPDIDPDDDDDDDDDIDI", "EM": "PIDIDIPPPIIDIPDIDPDDDDDDDDDIDD",
}
NONE, POSSIBLE, MANDATORY = 0, 1, 2
_PAIR = {before: dict(zip(_ORDER, row)) for before, row in _ROWS.items()}
# East Asian wide brackets (OPW, CPW) may break from letters and digits: UAX #14's LB30 leaves them out.
_PAIR["OPW"], _PAIR["CPW"] = dict(_PAIR["OP"]), {**_PAIR["CP"], "AL": "D", "HL": "D", "NU": "D"}
for _row in _PAIR.values():
    _row["OPW"], _row["CPW"] = _row["OP"], _row["CP"]
for _letter in ("AL", "HL", "NU"):
    _PAIR[_letter]["OPW"] = "D"

# Where the general category gives the wrong class (UAX #14's LineBreak.txt), for the scripts
# and punctuation the pipeline's languages use: Latin, Greek, Arabic, CJK, Hangul.
_EXCEPTIONS = """
0020 SP, 0021 EX, 0022 QU, 0025 PO, 0027 QU, 0029 CP, 002B PR, 002C IS, 002D HY, 002E IS, 002F SY,
003A-003B IS, 003F EX, 005C PR, 005D CP, 007C BA, 00A0 GL, 00A1 OP, 00A2 PO, 00AD BA, 00B0 PO,
00B1 PR, 00B4 BB, 00BF OP, 037E IS, 0387 IS, 0600-0605 NU, 0609-060B PO, 060C-060D IS,
061B EX, 061D-061F EX, 066A PO, 066B-066C NU, 06D4 EX, 06DD NU, 1100-115F JL, 1160-11A7 JV,
11A8-11FF JT, 2007 GL, 200B ZW, 200D ZWJ, 2010 BA, 2011 GL, 2014 B2, 2015 AL, 2024-2026 IN,
2027 BA, 202F GL, 2030-2037 PO, 203C-203D NS, 2044 IS, 2047-2049 NS, 2056 BA, 2057 PO,
2058-205B BA, 205D-205E BA, 2060 WJ, 2061-2064 AL, 20A7 PO, 20B6 PO, 20BB PO, 20BE PO, 20C0 PO,
2103 PO, 2109 PO, 2116 PR, 2212-2213 PR, 3001-3002 CL, 3005 NS, 301C NS, 3030 ID, 3035 CM,
303B-303C NS, 303F ID, 3041 NS, 3043 NS, 3045 NS, 3047 NS, 3049 NS, 3063 NS, 3083 NS, 3085 NS,
3087 NS, 308E NS, 3095-3096 NS, 309B-309E NS, 30A0-30A1 NS, 30A3 NS, 30A5 NS, 30A7 NS, 30A9 NS,
30C3 NS, 30E3 NS, 30E5 NS, 30E7 NS, 30EE NS, 30F5-30F6 NS, 30FB-30FE NS, 31F0-31FF NS,
D7B0-D7C6 JV, D7CB-D7FB JT, FE10-FE12 CL, FE13-FE14 NS, FE15-FE16 EX, FE19 IN, FE31-FE32 ID,
FE50-FE52 CL, FE54-FE55 NS, FE56-FE57 EX, FE58 ID, FE63 ID, FE6A PO, FEFF WJ, FF01 EX, FF05 PO,
FF0C CL, FF0D ID, FF0E CL, FF10-FF19 ID, FF1A-FF1B NS, FF1F EX, FF61 CL, FF64 CL, FF65 NS,
FF66 ID, FF67-FF70 NS, FF71-FF9D ID, FF9E-FF9F NS, FFA0-FFDC ID, FFE0 PO
"""


def _exceptions() -> dict[int, str]:
    """Code point -> class, from the ranges above."""
    found: dict[int, str] = {}
    for item in _EXCEPTIONS.replace("\n", " ").split(","):
        span, cls = item.split()
        first, _, last = span.partition("-")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            found[code] = cls
    return found


_EXCEPTION = _exceptions()

_BY_CATEGORY = {"Mn": "CM", "Mc": "CM", "Me": "CM", "Cc": "CM", "Cf": "CM", "Nd": "NU", "Zs": "BA",
                "Zl": "BK", "Zp": "BK", "Ps": "OP", "Pe": "CL", "Pi": "QU", "Pf": "QU", "Pd": "BA",
                "Sc": "PR"}


def _category_class(ch: str) -> str:
    """The class most characters of `ch`'s general category and width have."""
    code = ord(ch)
    if 0xAC00 <= code <= 0xD7A3:
        return "H2" if (code - 0xAC00) % 28 == 0 else "H3"
    category = unicodedata.category(ch)
    if category in _BY_CATEGORY:
        return _BY_CATEGORY[category]
    if 0x05D0 <= code <= 0x05F2 or 0xFB1D <= code <= 0xFB4F:
        return "HL"
    if unicodedata.east_asian_width(ch) in "WF":
        return "ID"
    return "AL"


class _Classes(dict[str, str]):
    """The UAX #14 line-break class of each character, computed once; ambiguous and complex-script ones AL."""

    def __missing__(self, ch: str) -> str:
        found = _EXCEPTION.get(ord(ch)) or _category_class(ch)
        if found in ("OP", "CP") and unicodedata.east_asian_width(ch) in "WFH":
            found += "W"
        self[ch] = found
        return found


line_class = _Classes().__getitem__


class _Widths(dict[str, int]):
    """Columns a character takes, computed once: 2 East Asian wide, 0 marks and controls, else 1 (`uc_width`)."""

    def __missing__(self, ch: str) -> int:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc") and ch != "\u00ad":
            found = 0
        else:
            found = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        self[ch] = found
        return found


width = _Widths().__getitem__


def text_width(text: str) -> int:
    """Columns `text` takes."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(width, text))


# The fast path (simple() texts): one letter per class, and the pair table as the two-letter strings
# "before+after" that may break with spaces between them, or without.
_CODE = {cls: chr(ord("A") + i) for i, cls in enumerate(_PAIR)}
_CODE["SP"] = " "
_SPACED = frozenset(_CODE[x] + _CODE[y] for x in _PAIR for y in _PAIR if _PAIR[x][y] in "DI")
_DIRECT = frozenset(_CODE[x] + _CODE[y] for x in _PAIR for y in _PAIR if _PAIR[x][y] == "D")
_WALKED = "?"  # a character only opportunities() handles: a mark, joiner, zero-width space, line separator


class _Codes(dict[str, str]):
    """A character -> the letter of its class, computed once; `_WALKED` for a character that is not one
    column wide or whose class makes opportunities() look beyond a pair."""

    def __missing__(self, ch: str) -> str:
        cls = line_class(ch)
        found = _CODE[cls] if cls in _CODE and cls != "ZWJ" and width(ch) == 1 else _WALKED
        self[ch] = found
        return found


_code = _Codes().__getitem__


def simple(text: str) -> bool:
    """True when every character of `text` is one column wide and none is a mark, a joiner, a zero-width
    space or a line separator: Latin, Greek, Cyrillic and Arabic text without marks.

    Then a position's answer depends only on the last character before it that is not a space, so
    wrapping needs the answer at a few positions per line (last_break) instead of at every character.
    """
    return _latin().fullmatch(text) is not None or _WALKED not in map(_code, set(text))


@lru_cache(maxsize=1)
def _latin() -> re.Pattern[str]:
    """Any run of the simple characters of Latin script, general punctuation and currency signs: one
    regular-expression match tells most texts of the pipeline's source language simple."""
    codes = [c for first, last in ((0x20, 0x24F), (0x2000, 0x206F), (0x20A0, 0x20CF)) for c in range(first, last + 1)
             if _code(chr(c)) != _WALKED]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
                      + "]*")


class _Pairs(dict[str, bool]):
    """Two characters -> whether a line may break between them (`spaced`: with spaces between them)."""

    def __init__(self, spaced: bool) -> None:
        super().__init__()
        self.allowed = _SPACED if spaced else _DIRECT

    def __missing__(self, pair: str) -> bool:
        found = self[pair] = _code(pair[0]) + _code(pair[1]) in self.allowed
        return found


_direct, _spaced = _Pairs(spaced=False).__getitem__, _Pairs(spaced=True).__getitem__


def last_break(text: str, low: int, high: int, fixed: Container[int]) -> int | None:
    """In a simple() text, the last i with low < i <= high where a line may break before text[i] (never
    at a position in `fixed`), else None: opportunities()'s answers, from `high` down."""
    i = high
    while i > low:
        ch = text[i]
        if ch == " ":
            i -= 1
        elif text[i - 1] != " ":
            if _direct(text[i - 1:i + 1]) and i not in fixed:
                return i
            i -= 1
        else:
            j = i - 2
            while j >= 0 and text[j] == " ":
                j -= 1
            if j >= 0 and _spaced(text[j] + ch) and i not in fixed:
                return i
            i = j   # the spaces between cannot break
    return None


def first_break(text: str, low: int, fixed: Container[int]) -> int | None:
    """In a simple() text, the first i >= low where a line may break before text[i], else None."""
    for i in range(max(low, 1), len(text)):
        if last_break(text, i - 1, i, fixed) == i:
            return i
    return None


def opportunities(text: str, fixed: Sequence[bool]) -> list[int]:
    """For each character, whether a line may (POSSIBLE) or must (MANDATORY) break just before it.

    libunistring's `u8_possible_linebreaks`; `fixed[i]` forbids a break before
    character i whatever its class (the second character of an escape such as `\\n`).
    """
    result = [NONE] * len(text)
    last = "BK"                  # class of the last character that was not a space
    space: int | None = None     # index of the last space after it, if any
    for i, ch in enumerate(text):
        cls = line_class(ch)
        if cls == "BK":
            result[i] = MANDATORY
            last, space = "BK", None
            continue
        if cls == "SP":
            space = i
            continue
        if cls == "ZW":
            last, space = "ZW", None
            continue
        if cls in ("CM", "ZWJ"):
            if last == "ZW":
                result[i] = POSSIBLE
                last = "ID"
                continue
            if space is None:
                continue
            cls = "AL"   # a mark after a space is a letter of its own (UAX #14 LB10): a break may follow the space
        if last == "ZW":
            result[i] = POSSIBLE
        elif last != "BK":
            rule = _PAIR[last][cls]
            result[i] = POSSIBLE if rule == "D" or (rule == "I" and space is not None) else NONE
        last, space = cls, None
    for i, no in enumerate(fixed):
        if no:
            result[i] = NONE
    return result
