"""glossary.csv -> Glossary: terms with one right translation, matched in French text.

Matching is what makes a glossary useful: case-insensitive unless a term asks
for exact case (a dnt name: each word with its first capital, unless its case
is `any`: région sud is a region's south, Région Sud the brand), whole words only, longest term first, across elision (l'IA)
and simple inflection (modèle/modèles, chaîne d'approvisionnement/chaînes
d'approvisionnement), with either apostrophe, and never inside a URL.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polib

from pipeline import termsearch
from pipeline.errors import GlossaryError
from pipeline.fileio import read_text
from pipeline.patterns import WEB

FIXED_COLUMNS = ("fr", "note", "dnt", "case", "status")
OPTIONAL_COLUMNS = ("gender",)  # `f`, or per language `es:f it:m`: for words the target's analyser lacks (IA)
NOT_LANGUAGES = FIXED_COLUMNS + OPTIONAL_COLUMNS
STATUSES = ("approved", "draft")
_APOSTROPHES = "'’ʼ"
_WORD_EDGE = r"[^\W_]"  # a letter or digit: a term must not touch one on either side


@dataclass(frozen=True)
class Term:
    """One concept: the French term, its approved translations, and how to match it."""

    fr: str
    fr_plural: str
    targets: dict[str, tuple[str, str]]  # lang -> (singular, plural or "")
    note: str = ""
    dnt: bool = False
    exact_case: bool = False
    any_case: bool = False  # a dnt name matched in lower case too (`case` any)
    status: str = "approved"
    line: int = 0
    genders: tuple[tuple[str, str], ...] = ()  # (lang or "*", "m" or "f") from the gender column

    def gender(self, lang: str) -> str:
        """The grammatical gender the glossary gives the term in `lang`, or ''."""
        found = dict(self.genders)
        return found.get(lang, found.get("*", ""))

    def target(self, lang: str, plural: bool = False, matched: str = "") -> str:
        """The approved rendering in `lang`; for a dnt term the text as written in the source."""
        if self.dnt:
            return matched or self.fr
        singular, plural_form = self.targets.get(lang, ("", ""))
        return (plural_form or singular) if plural else singular


@dataclass(frozen=True)
class Match:
    """A term found in a text at [start, end)."""

    term: Term
    start: int
    end: int
    text: str
    plural: bool


@dataclass
class Glossary:
    """The terms of glossary.csv, found in one pass over a text whatever their number."""

    path: str
    languages: tuple[str, ...]
    terms: list[Term]
    _compiled: dict[int, re.Pattern[str]] = field(default_factory=dict, repr=False)
    _found: dict[tuple[str, bool], tuple[Match, ...]] = field(default_factory=dict, repr=False, compare=False)

    def approved(self) -> list[Term]:
        return [t for t in self.terms if t.status == "approved"]

    @cached_property
    def _index(self) -> termsearch.TermIndex:
        """Built on first use, so that commands which never match (exports) never pay for it."""
        return termsearch.TermIndex((i, _keys(t)) for i, t in enumerate(self.terms))

    def _pattern(self, ident: int) -> re.Pattern[str]:
        """A term's own pattern, compiled only once a text may contain it."""
        if ident not in self._compiled:
            self._compiled[ident] = _pattern(self.terms[ident])
        return self._compiled[ident]

    def occurring(self, text: str) -> set[int]:
        """Lines of the terms (approved or draft) found anywhere in `text`, overlaps included."""
        return {self.terms[i].line for i, starts in self._index.candidates(text).items()
                if any(self._pattern(i).match(text, s) for s in starts)}

    def find(self, text: str, approved_only: bool = True) -> list[Match]:
        """Non-overlapping matches in `text`, longest first, outside URLs and e-mail addresses.

        Remembered per text: QA asks about the same msgid once per language."""
        if (text, approved_only) not in self._found:
            self._found[(text, approved_only)] = tuple(self._find(text, approved_only))
        return list(self._found[(text, approved_only)])

    def _find(self, text: str, approved_only: bool) -> list[Match]:
        found = []
        for ident, starts in self._index.candidates(text).items():
            term = self.terms[ident]
            if approved_only and term.status != "approved":
                continue
            pattern, end = self._pattern(ident), 0
            for start in starts:  # left to right without overlap, as finditer would
                m = pattern.match(text, start) if start >= end else None
                if m:
                    found.append((ident, Match(term, m.start(), m.end(), m.group(), _is_plural(term, m.group()))))
                    end = m.end()
        taken = bytearray(len(text))  # one flag per character: the overlap test costs the match's length
        for web in WEB.finditer(text) if found else ():
            taken[web.start():web.end()] = b"\1" * (web.end() - web.start())
        chosen: list[Match] = []
        for ident, match in sorted(found, key=lambda f: (f[1].start - f[1].end, f[1].start, f[1].term.line, f[0])):
            if taken.find(1, match.start, match.end) < 0:
                taken[match.start:match.end] = b"\1" * (match.end - match.start)
                chosen.append(match)
        return sorted(chosen, key=lambda c: c.start)


def _inflects(term: Term, word: str) -> bool:
    """A word may take a plural -s/-x: long enough, ends in a letter that is not already one, not an acronym."""
    return len(word) > 2 and word[-1].isalpha() and word[-1] not in "sxz" and not term.dnt and not word.isupper()


def _forms(term: Term) -> list[str]:
    return [term.fr] + ([term.fr_plural] if term.fr_plural else [])


def _keys(term: Term) -> set[str]:
    """What the index looks for: every form, folded, with each inflectable word's plural."""
    return set().union(*(termsearch.keys(words, [_inflects(term, w) for w in words])
                         for words in map(str.split, _forms(term))))


def _pattern(term: Term) -> re.Pattern[str]:
    """Whole words, apostrophes of any kind, any run of spaces, optional plural -s/-x per word; a dnt name's
    words with their first capital, after an elision if any (Région Sud, RÉGION SUD, l'Occitane, Satt; not
    région sud), unless its case is `any`."""
    alternatives = []
    named = term.dnt and not term.any_case
    for form in _forms(term):
        parts = []
        for word in form.split():
            pieces = [("[" + _APOSTROPHES + "]" if ch in _APOSTROPHES else re.escape(ch)) for ch in word]
            after = max(word.rfind(a) for a in _APOSTROPHES) + 1  # L'Occitane: the O, l'Occitane in a sentence
            capitals = [i for i, ch in enumerate(word) if ch != ch.lower()] if named else []
            capital = next((i for i in capitals if i >= after), capitals[0] if capitals else None)
            if capital is not None:
                pieces[capital] = f"(?-i:{pieces[capital]})"
            parts.append("".join(pieces) + ("(?:s|x)?" if _inflects(term, word) else ""))
        alternatives.append(r"[\s\u00a0\u202f]+".join(parts))
    flags = 0 if term.exact_case else re.IGNORECASE
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(rf"(?<!{_WORD_EDGE})(?<!-)(?:{body})(?!{_WORD_EDGE})(?!-\w)", flags)


def _is_plural(term: Term, matched: str) -> bool:
    """The match is plural when it is the explicit plural form, or its head word took -s/-x."""
    if term.fr_plural and _fold(matched) == _fold(term.fr_plural):
        return True
    head, base = matched.split()[0], term.fr.split()[0]
    return len(head) == len(base) + 1 and head[-1].lower() in "sx" and _fold(head[:-1]) == _fold(base)


def _fold(text: str) -> str:
    return re.sub(f"[{_APOSTROPHES}]", "'", " ".join(text.split())).casefold()


def load(path: Path, languages: tuple[str, ...]) -> Glossary:
    """Read glossary.csv; errors name the file and line.  A missing file is an empty glossary."""
    if not path.exists():
        return Glossary(str(path), languages, [])
    rows, header = read_rows(path)
    return from_rows(path, rows, header, languages)


def from_rows(path: Path, rows: list[tuple[int, dict[str, str]]], header: list[str],
              languages: tuple[str, ...]) -> Glossary:
    """The glossary of rows already read (read_rows), for a caller that linted them first."""
    terms = []
    for line, row in rows:
        problem = row_problem(row)
        if problem:
            raise GlossaryError(path, line, problem + "; fix the row and run again (nothing was written)")
        terms.append(_term(row, header, line))
    return Glossary(str(path), languages, terms)


def read_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The rows of a glossary CSV as dicts, with their line numbers; structural errors raise."""
    text = read_text(path, GlossaryError)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise GlossaryError(path, 1, f"not valid CSV: {exc}") from None
    missing = [c for c in FIXED_COLUMNS if c not in header]
    if missing:
        raise GlossaryError(path, 1, f"header lacks the column(s) {', '.join(missing)}; "
                                     f"expected fr, one column per language, {', '.join(FIXED_COLUMNS[1:])}")
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise GlossaryError(path, line, f"not valid CSV: {exc}") from None
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise GlossaryError(path, line, f"{len(cells)} cells where the header has {len(header)}; "
                                            "quote a cell that contains a comma")
        rows.append((line, {h: c.strip() for h, c in zip(header, cells)}))
    return rows, header


def row_problem(row: dict[str, str]) -> str:
    """Why a row cannot be used, or ''."""
    if not row["fr"]:
        return "empty fr cell"
    if row["dnt"] not in ("", "yes", "no"):
        return f"dnt must be yes or empty, not {row['dnt']!r}"
    if row["case"] not in ("", "exact", "any"):
        return f"case must be exact, any or empty, not {row['case']!r}"
    if row["status"] not in STATUSES:
        return f"status must be approved or draft, not {row['status']!r}"
    if _genders(row.get("gender", "")) is None:
        return f"gender must be m, f or lang:g pairs (es:f it:m), not {row['gender']!r}"
    return ""


def _genders(cell: str) -> tuple[tuple[str, str], ...] | None:
    """`f` -> (('*', 'f'),); `es:f it:m` -> (('es', 'f'), ('it', 'm')); None when malformed."""
    pairs = [p.partition(":") for p in cell.split()]
    found = tuple((lang, g) if sep else ("*", lang) for lang, sep, g in pairs)
    return found if all(g in ("m", "f") for _, g in found) else None


def _term(row: dict[str, str], header: list[str], line: int) -> Term:
    fr, _, fr_plural = row["fr"].partition("|")
    targets = {}
    for lang in header:
        if lang not in NOT_LANGUAGES and row[lang]:
            singular, _, plural = row[lang].partition("|")
            targets[lang] = (singular.strip(), plural.strip())
    return Term(fr.strip(), fr_plural.strip(), targets, row["note"], row["dnt"] == "yes",
                row["case"] == "exact", row["case"] == "any", row["status"], line, _genders(row.get("gender", "")) or ())


HINT = "glossary: "


def annotate(po: polib.POFile, glossary: Glossary, lang: str) -> None:
    """Add one `#. glossary: term → translation` line per approved term an entry contains.

    Extracted comments, not translator comments: they are regenerated on every
    update, so they never overwrite or pile up on what a translator wrote.
    """
    for entry in po:
        if entry.obsolete:
            continue
        kept = [line for line in entry.comment.splitlines() if not line.startswith(HINT)]
        hints: list[str] = []
        for m in glossary.find(entry.msgid):
            rendering = m.term.target(lang)
            if m.term.dnt:
                hint = f"{HINT}{m.term.fr} (do not translate)"
            elif rendering:
                hint = f"{HINT}{m.term.fr} → {rendering}"
            else:
                continue
            if m.term.note and not m.term.dnt:
                hint += f" ({m.term.note})"
            if hint not in hints:
                hints.append(hint)
        entry.comment = "\n".join(kept + hints)
