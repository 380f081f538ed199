"""glossary.csv -> Glossary: terms with one right translation, matched in French text.

Matching is what makes a glossary useful: case-insensitive unless a term asks
for exact case, whole words only, longest term first, across elision (l'IA)
and simple inflection (modèle/modèles, chaîne d'approvisionnement/chaînes
d'approvisionnement), with either apostrophe, and never inside a URL.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

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
    """The terms of glossary.csv, with one compiled pattern per term."""

    path: str
    languages: tuple[str, ...]
    terms: list[Term]
    _patterns: list[tuple[Term, re.Pattern[str], tuple[str, ...]]] = field(default_factory=list, repr=False)
    _found: dict[tuple[str, bool], tuple[Match, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._patterns = [(t, _pattern(t), _key(t)) for t in self.terms]

    def approved(self) -> list[Term]:
        return [t for t in self.terms if t.status == "approved"]

    def occurring(self, text: str) -> set[int]:
        """Lines of the terms (approved or draft) found anywhere in `text`, overlaps included."""
        return {t.line for t, pattern, _ in self._patterns if pattern.search(text)}

    def find(self, text: str, approved_only: bool = True) -> list[Match]:
        """Non-overlapping matches in `text`, longest first, outside URLs and e-mail addresses.

        Remembered per text: QA asks about the same msgid once per language."""
        if (text, approved_only) not in self._found:
            self._found[(text, approved_only)] = tuple(self._find(text, approved_only))
        return list(self._found[(text, approved_only)])

    def _find(self, text: str, approved_only: bool) -> list[Match]:
        blocked = [(m.start(), m.end()) for m in WEB.finditer(text)]
        folded = text.casefold()
        found = []
        for term, pattern, key in self._patterns:
            if (approved_only and term.status != "approved") or not any(k in folded for k in key):
                continue
            for m in pattern.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e in blocked):
                    found.append(Match(term, m.start(), m.end(), m.group(), _is_plural(term, m.group())))
        chosen: list[Match] = []
        for match in sorted(found, key=lambda f: (-(f.end - f.start), f.start, f.term.line)):
            if all(match.end <= c.start or c.end <= match.start for c in chosen):
                chosen.append(match)
        return sorted(chosen, key=lambda c: c.start)


def _pattern(term: Term) -> re.Pattern[str]:
    """Whole words, apostrophes of any kind, any run of spaces, optional plural -s/-x per word."""
    forms = [term.fr] + ([term.fr_plural] if term.fr_plural else [])
    alternatives = []
    for form in forms:
        words = form.split()
        parts = []
        for word in words:
            pieces = [("[" + _APOSTROPHES + "]" if ch in _APOSTROPHES else re.escape(ch)) for ch in word]
            body = "".join(pieces)
            inflect = len(word) > 2 and word[-1].isalpha() and word[-1] not in "sxz" and not term.dnt \
                and not word.isupper()
            parts.append(body + ("(?:s|x)?" if inflect else ""))
        alternatives.append(r"[\s\u00a0\u202f]+".join(parts))
    flags = 0 if term.exact_case else re.IGNORECASE
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(rf"(?<!{_WORD_EDGE})(?<!-)(?:{body})(?!{_WORD_EDGE})(?!-\w)", flags)


def _key(term: Term) -> tuple[str, ...]:
    """Letters that every match of a form of the term contains (casefolded): most terms are ruled out
    without running their regex."""
    forms = [term.fr] + ([term.fr_plural] if term.fr_plural else [])
    return tuple(re.split(f"[{_APOSTROPHES}\\s]", form.strip())[0].casefold()[:4] for form in forms)


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
    if row["case"] not in ("", "exact"):
        return f"case must be exact or empty, not {row['case']!r}"
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
                row["case"] == "exact", row["status"], line, _genders(row.get("gender", "")) or ())


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
