"""Stage 2: segments <-> gettext catalogues (polib), and merging with msgmerge semantics.

The only module that reads or writes PO (the layout it writes is pofile.py's, the reader poread.py's; the
provenance of drafts, re-exported here, is provenance.py's).  The polib POFile is the catalogue
type.  A merge never drops a translation: an unchanged msgid keeps its msgstr
and flags, a changed one inherits the closest old translation as fuzzy with
`#| msgid`, a vanished one stays as an obsolete `#~` entry.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, Sequence
from pathlib import Path

import polib

from pipeline import __version__
from pipeline.errors import CatalogError
from pipeline.fileio import read_text
from pipeline.locales import Language, language
from pipeline.model import Segment
from pipeline.pofile import render
from pipeline.poread import read_po
from pipeline.provenance import (Provenance, clear_draft, digest, follow_edits, mark_fuzzy, provenance,  # noqa: F401
                                 set_draft, untouched)

FUZZY_THRESHOLD = 0.6  # GNU msgmerge's similarity threshold for fuzzy matches
GENERATOR = f"pipeline {__version__}"
_OWNED = ("Project-Id-Version", "Report-Msgid-Bugs-To", "Language", "MIME-Version",
          "Content-Type", "Content-Transfer-Encoding", "Plural-Forms", "X-Generator",
          "X-Source-Language")


def build_catalog(segments: Sequence[Segment], project: str, source_language: str,
                  bugs_address: str = "") -> polib.POFile:
    """The POT template: one entry per distinct msgid, in document order, a reference per occurrence."""
    pot = polib.POFile(wrapwidth=79)
    sources = sorted({s.path for s in segments})
    pot.header = (f"Translatable text of {', '.join(sources) or 'the source documents'}.\n"
                  "Made by `pipeline extract`; do not edit: translate in the PO file of each language.")
    pot.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": bugs_address,
        "Language": "",
        "Language-Team": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;",
        "X-Generator": GENERATOR,
        "X-Source-Language": source_language,
    }
    by_msgid: dict[str, polib.POEntry] = {}
    for seg in segments:
        entry = by_msgid.get(seg.text)
        if entry is None:
            entry = by_msgid[seg.text] = polib.POEntry(msgid=seg.text, msgstr="", comment=seg.kind)
            pot.append(entry)
        elif seg.kind not in entry.comment.split(", "):
            entry.comment += ", " + seg.kind
        entry.occurrences.append((seg.path, str(seg.line)))
    return pot


def merge(pot: polib.POFile, old: polib.POFile | None, lang: Language) -> polib.POFile:
    """The PO for `lang`: the template's entries carrying over every translation of `old`."""
    from pipeline.fuzzy import FuzzyIndex  # only a merge needs it: md2po and po2md start without
    po = polib.POFile(wrapwidth=pot.wrapwidth)
    po.header = "\n".join([f"{lang.english_name}{_OUR_HEADER[0]}", _OUR_HEADER[1], *_human_header(old)])
    po.metadata = _header(pot.metadata, old.metadata if old else {}, lang)
    previous = _old_entries(old)
    candidates = [e for e in previous.values() if e.msgstr]
    index = FuzzyIndex([e.msgid for e in candidates])
    used: set[tuple[str | None, str]] = set()
    for ref in pot:
        key = (ref.msgctxt, ref.msgid)
        entry = polib.POEntry(msgid=ref.msgid, msgctxt=ref.msgctxt, msgstr="", comment=ref.comment,
                              occurrences=list(ref.occurrences), flags=list(ref.flags))
        prev = previous.get(key)
        if prev is not None:
            used.add(key)
            _carry(prev, entry, fuzzy=prev.fuzzy)
            if prev.fuzzy:
                entry.previous_msgid = prev.previous_msgid
        else:
            found = index.best(ref.msgid, FUZZY_THRESHOLD)
            if found is not None:
                best = candidates[found[0]]
                _carry(best, entry, fuzzy=True)
                entry.previous_msgid = best.msgid
        po.append(entry)
    for key, prev in previous.items():
        if key not in used and (prev.msgstr or any(prev.msgstr_plural.values()) or prev.tcomment):
            gone = polib.POEntry(msgid=prev.msgid, msgctxt=prev.msgctxt, msgstr=prev.msgstr,
                                 msgid_plural=prev.msgid_plural, msgstr_plural=dict(prev.msgstr_plural),
                                 tcomment=prev.tcomment, flags=list(prev.flags), obsolete=True,
                                 previous_msgid=prev.previous_msgid, previous_msgctxt=prev.previous_msgctxt)
            po.append(gone)
    return po


_OUR_HEADER = (" translation. Edit msgstr only and clear the fuzzy flag when reviewed;",
               "`pipeline update` keeps every translation written here.")


def _human_header(old: polib.POFile | None) -> list[str]:
    """The lines people wrote in the old PO's header comment (translators, copyright): human work, kept."""
    lines = (old.header if old is not None else "").split("\n")
    return [line for line in lines if line and not line.endswith(_OUR_HEADER[0]) and line != _OUR_HEADER[1]]


def _carry(prev: polib.POEntry, entry: polib.POEntry, fuzzy: bool) -> None:
    """Copy a translation, its translator comment and flags from `prev` to `entry`; a draft a person
    changed in `prev` is recorded as post-edited (follow_edits)."""
    entry.msgstr = prev.msgstr
    entry.tcomment = prev.tcomment
    entry.flags = list(prev.flags)
    follow_edits(entry)
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    if fuzzy:
        mark_fuzzy(entry)


def _old_entries(old: polib.POFile | None) -> dict[tuple[str | None, str], polib.POEntry]:
    """Live then obsolete entries of the previous PO, first occurrence of a msgid winning."""
    found: dict[tuple[str | None, str], polib.POEntry] = {}
    if old is not None:
        for entry in sorted(old, key=lambda e: e.obsolete):
            found.setdefault((entry.msgctxt, entry.msgid), entry)
    return found


def _header(template: Mapping[str, str], old: Mapping[str, str], lang: Language) -> dict[str, str]:
    """Owned fields from the template and Babel; the translator's own fields kept from the old PO."""
    meta = {k: v for k, v in old.items() if k not in _OWNED}
    meta.update({k: template[k] for k in _OWNED if k in template})
    meta["Language"] = lang.code
    meta["Plural-Forms"] = lang.plural_forms
    if not meta.get("Language-Team"):
        meta["Language-Team"] = f"{lang.english_name} ({lang.native_name})"
    return meta


def translations(po: polib.POFile, include_fuzzy: bool = False) -> dict[str, str]:
    """msgid -> msgstr for the entries fit to publish."""
    return {e.msgid: e.msgstr for e in po
            if not e.obsolete and e.msgstr and (include_fuzzy or not e.fuzzy)}


def dump(po: polib.POFile) -> str:
    """The catalogue as PO text in GNU gettext's layout (pofile.py); each entry's `linenum` set to its line in it.

    Entries merged or drafted in memory have no line of their own until they are
    written: numbering them here lets every command report the real PO line.
    """
    text, placed = render(po)
    for entry, line in placed:
        entry.linenum = line
    return text


def language_of(po: polib.POFile, path: object, remedy: str) -> Language:
    """The language a catalogue's Language header names; a CatalogError ending in `remedy` otherwise."""
    code = po.metadata.get("Language", "")
    try:
        return language(code)
    except ValueError:
        raise CatalogError(path, None, f"no known Language header ({code!r}); {remedy}") from None


_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf'(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}\s*$')
_STRING_LINE = re.compile(rf'{_STRING}\s*$')
_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\b')
_BAD_ESCAPE = re.compile(r'\\([^ntrvbf\\"])')
_LINE_END = re.compile(r"\r\n|\r|\n")
"""What ends a PO line, as in msgfmt; not U+2028, U+0085 or U+001E, which str.splitlines() also splits at."""


_SPACE = r"[^\S\r\n]"   # what str.strip() removes from a line
_GOOD_STRING = r'"(?:[^"\\\r\n]++|\\[ntrvbf\\"])*+"'
_BODY = rf'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?){_SPACE}+{_GOOD_STRING}|{_GOOD_STRING})?'
_LINE = rf'(?>{_SPACE}*+(?:#[~|]{_SPACE}*+(?:\|{_SPACE}*+)?{_BODY}|#(?![~|])[^\r\n]*+|{_BODY}){_SPACE}*+)'
_WELL_FORMED = re.compile(rf"{_LINE}(?:(?:\r\n|\r|\n){_LINE})*+")
"""A file every line of which parse_catalog's line-by-line check accepts: one C-level match instead of
regular expressions per line (a 7 MB catalogue in 0.06 s instead of 0.4 s); the check runs only when
this fails, to name the line."""

_OBSOLETE_PREVIOUS = re.compile(r"^\s*#~\|")


class _PoText(str):
    """PO text as polib should read it: its splitlines() splits at line ends only, and turns the
    `#~|` previous-msgid lines of obsolete entries (which polib writes but skips) into `#|` lines."""

    def splitlines(self, keepends: bool = False) -> list[str]:
        lines = _LINE_END.split(self) if "\r" in self else self.split("\n")  # str.split: a fourth of the time
        return [_OBSOLETE_PREVIOUS.sub("#|", line) for line in lines] if "#~|" in self else lines


def read_catalog(path: Path, seen: MutableMapping[Path, str | None] | None = None) -> polib.POFile:
    """Parse a PO/POT file strictly: any syntax error is a CatalogError naming the line.

    polib alone accepts an unterminated string and reads it as empty, which would
    silently drop a translation; the lexical check here refuses such files first.
    `seen` records the text as read, so a write can tell whether someone saved since.
    """
    text = read_text(path, CatalogError)
    if seen is not None:
        seen[path] = text
    return parse_catalog(text, path)


def parse_catalog(text: str, path: Path) -> polib.POFile:
    """Parse PO text strictly (see read_catalog); `path` names it in errors."""
    if not _WELL_FORMED.fullmatch(text):
        _check_lines(text, path)
    source = _PoText(text)
    po = read_po(source, source.splitlines(), 79)
    if po is not None:
        return po
    try:
        return polib.pofile(source, wrapwidth=79)
    except OSError as exc:
        found = re.search(r"\(line (\d+)\)", str(exc))
        raise CatalogError(path, int(found.group(1)) if found else None,
                           "syntax error; fix the line and run again (nothing was written)") from None


def _check_lines(text: str, path: Path) -> None:
    """A CatalogError naming the first line that is no comment, keyword line or string line."""
    for number, raw in enumerate(_LINE_END.split(text), start=1):
        line = raw.strip()
        if line.startswith(("#~", "#|")):
            line = line[2:].strip()
            if line.startswith("|"):  # "#~|" previous msgid of an obsolete entry
                line = line[1:].strip()
        elif line.startswith("#"):
            continue
        if not line or _KEYWORD_LINE.match(line) or _STRING_LINE.match(line):
            if _BAD_ESCAPE.search(line.replace("\\\\", "")):
                raise CatalogError(path, number, "unknown escape sequence in a string; "
                                   "fix the line and run again (nothing was written)")
            continue
        keyword = _KEYWORD.match(line)
        what = ("unterminated string or unescaped quote" if keyword or line.startswith('"')
                else f"unexpected text {line[:30]!r}")
        raise CatalogError(path, number, f"{what}; fix the line and run again (nothing was written)")
