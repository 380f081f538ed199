"""PO text -> polib's POFile, as polib.pofile() builds it, in a fifth of the time.

polib's parser spends a 5 MB catalogue's second in per-line dispatch and in a
regular-expression call for every string.  This is the same state machine
(polib 1.2's `_POFileParser`, handler for handler), written as one loop.  What
it does not follow (a keyword out of order, a malformed plural index, a `#|`
line without a keyword) it hands back to polib, so the result, and the error
for a broken file, stay polib's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import polib

_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_EVERY = ("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi")
_CONTINUATION = ['"']  # the tokens polib's final check sees of a continuation line: not a comment
_FROM_STATES = {  # symbol -> the states it may follow (polib's transitions)
    "tc": tuple(state for state in _EVERY if state != "ct"), "gc": _EVERY, "oc": _EVERY, "fl": _EVERY, "pc": _EVERY, "pm": _EVERY, "pp": _EVERY,
    "ct": ("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"),
    "mi": ("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"),
    "mp": ("tc", "gc", "pc", "pm", "pp", "mi"),
    "ms": ("mi", "mp", "tc"),
    "mx": ("mi", "mx", "mp", "tc"),
    "mc": ("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"),
}
_FROM = {symbol: frozenset(states) for symbol, states in _FROM_STATES.items()}
_CONTINUABLE = _FROM["mc"]  # the states a continuation line may follow
_CONTINUED = {"ct": "msgctxt", "mi": "msgid", "mp": "msgid_plural", "ms": "msgstr",
              "pp": "previous_msgid_plural", "pm": "previous_msgid", "pc": "previous_msgctxt"}
_SET = {"pp": "previous_msgid_plural", "pm": "previous_msgid", "pc": "previous_msgctxt", "ct": "msgctxt",
        "mp": "msgid_plural", "ms": "msgstr"}
_UNQUOTED = re.compile(r'([^\\]|^)"')
_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_UNESCAPED = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}


def _unescaped(escape: re.Match[str]) -> str:
    """The character a PO escape such as `\\n` stands for."""
    return _UNESCAPED[escape.group(1)]


def _unescape(text: str) -> str:
    """polib.unescape, without a regular-expression call for the strings that have no backslash."""
    return _ESCAPE.sub(_unescaped, text) if "\\" in text else text


def read_po(source: str, lines: Sequence[str], wrapwidth: int) -> polib.POFile | None:
    """polib.pofile(source, wrapwidth=wrapwidth) for PO text `source` split into `lines`; None where polib
    would raise or this reader does not follow it (call polib then)."""
    po = polib.POFile(pofile=source, encoding=polib.detect_encoding(source), check_for_duplicates=False)
    entry = polib.POEntry(linenum=0)
    state, index, obsolete = "st", 0, 0
    tokens: list[str] = []
    if lines and lines[0].startswith("\ufeff"):
        lines = [lines[0][1:], *lines[1:]]
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line[0] == '"' and state in _CONTINUABLE:  # a continued string, most lines of a wrapped catalogue
            tokens, obsolete = _CONTINUATION, 0
            value = line[1:-1]  # _quote_inside and _unescape written out: a call less per line
            if line.find('"', 1, len(line) - 1) > 0 and _UNQUOTED.search(value) is not None:
                return None
            if not _continue(entry, state, index, _ESCAPE.sub(_unescaped, value) if "\\" in value else value):
                return None
            continue
        tokens = line.split(None, 2)
        if tokens[0] == "#~|":
            continue
        if tokens[0] == "#~" and len(tokens) > 1:
            line, tokens, obsolete = line[3:].strip(), tokens[1:], 1
        else:
            obsolete = 0
        first, count = tokens[0], len(tokens)
        if first in _KEYWORDS and count > 1:
            token = line[len(first):].lstrip()
            symbol = _KEYWORDS[first]
        elif first in ("#:", "#,", "#.") and count <= 1:
            continue
        elif first == "#:":
            token, symbol = line, "oc"
        elif line[:1] == '"':
            token, symbol = line, "mc"
        elif line[:7] == "msgstr[":
            token, symbol = line, "mx"
        elif first == "#,":
            token, symbol = line, "fl"
        elif first == "#" or first.startswith("##"):
            token, symbol = (line + " " if line == "#" else line), "tc"
        elif first == "#.":
            token, symbol = line, "gc"
        elif first == "#|" and count > 1 and tokens[1].startswith('"'):
            token, symbol = line[2:].lstrip(), "mc"
        elif first == "#|" and count > 2 and tokens[1] in _PREVIOUS:
            token, symbol = line[2:].lstrip()[len(tokens[1]):].lstrip(), _PREVIOUS[tokens[1]]
        else:
            return None
        if symbol in ("ct", "mi", "mp", "ms", "mc") and not line.startswith("#|") and _quote_inside(token):
            return None
        if state not in _FROM[symbol]:
            return None
        if symbol == "mc":
            if not _continue(entry, state, index, _unescape(token[1:-1])):
                return None
            continue
        if symbol == "tc" and state in ("st", "he"):
            po.header += ("\n" if po.header != "" else "") + token[2:]
            state = "he"
            continue
        if symbol not in ("mp", "ms", "mx") and state in ("ms", "mx"):
            po.append(entry)
            entry = polib.POEntry(linenum=number)
        if symbol == "tc":
            comment = token.lstrip("#")
            entry.tcomment += ("\n" if entry.tcomment != "" else "") + (comment[1:] if comment.startswith(" ") else comment)
        elif symbol == "gc":
            entry.comment += ("\n" if entry.comment != "" else "") + token[3:]
        elif symbol == "oc":
            entry.occurrences += [_occurrence(item) for item in token[3:].split()]
        elif symbol == "fl":
            entry.flags += [flag.strip() for flag in token[3:].split(",")]
        elif symbol == "mi":
            entry.obsolete, entry.msgid = obsolete, _unescape(token[1:-1])
        elif symbol == "mx":
            if len(token) < 8 or not token[7].isdecimal():
                return None
            index = int(token[7])
            entry.msgstr_plural[index] = _unescape(token[token.find('"') + 1:-1])
        else:
            setattr(entry, _SET[symbol], _unescape(token[1:-1]))
        state = symbol
    if entry and tokens and not tokens[0].startswith("#"):
        po.append(entry)
    _metadata(po)
    po.wrapwidth = wrapwidth
    return po


def _quote_inside(string: str) -> bool:
    """polib's refusal of a quoted string with an unescaped double quote inside."""
    return string.find('"', 1, len(string) - 1) > 0 and _UNQUOTED.search(string[1:-1]) is not None


def _continue(entry: polib.POEntry, state: str, index: int, value: str) -> bool:
    """Add a continuation line's `value` to the string being read; False where polib fails."""
    if state != "mx":
        setattr(entry, _CONTINUED[state], getattr(entry, _CONTINUED[state]) + value)
    elif index in entry.msgstr_plural:
        entry.msgstr_plural[index] += value
    else:
        return False
    return True


def _occurrence(item: str) -> tuple[str, str]:
    """A `#:` reference as polib splits it: (file, line), the line empty when there is no number."""
    path, colon, line = item.rpartition(":")
    return (path, line) if colon and line.isdigit() else (item, "")


def _metadata(po: polib.POFile) -> None:
    """The header entry made into `po.metadata`, as polib does."""
    header = po.find("")
    if header:
        po.remove(header)
        po.metadata_is_fuzzy = header.flags
        key = None
        for line in header.msgstr.splitlines():
            try:
                key, value = line.split(":", 1)
                po.metadata[key] = value.strip()
            except (ValueError, KeyError):
                if key is not None:
                    po.metadata[key] += "\n" + line.strip()
