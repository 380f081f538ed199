"""How far each language is: entries and words by review state, and a static progress page."""
from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field

import polib

from pipeline.catalog import digest, provenance
from pipeline.patterns import PLACEHOLDER
from pipeline.protect import protect

STATES = ("reviewed", "machine", "memory", "fuzzy", "untranslated")
_WORD = re.compile(r"\w+")
_COLOURS = {"reviewed": "#2e7d32", "machine": "#1565c0", "memory": "#00838f", "fuzzy": "#ef6c00",
            "untranslated": "#bdbdbd"}
_LABELS = {"reviewed": "reviewed", "machine": "machine drafts awaiting review", "memory": "memory drafts awaiting review",
           "fuzzy": "fuzzy from merges", "untranslated": "untranslated"}


def state(entry: polib.POEntry) -> str:
    """reviewed, machine (MT draft), memory (TM draft), fuzzy (from a merge) or untranslated.

    By state, not by comment: a draft counts as a machine or memory draft only while nobody
    changed it and its source text is the one it was drafted for; a draft a merge carried to a
    changed source text, or one a person edited without clearing its fuzzy flag, is fuzzy; any
    entry whose fuzzy flag is cleared is reviewed.  Drafts older than the digest record count
    as drafts while fuzzy."""
    if not entry.msgstr:
        return "untranslated"
    if not entry.fuzzy:
        return "reviewed"
    source = provenance(entry)
    if source is None or source.edited or entry.previous_msgid:
        return "fuzzy"
    if source.draft and digest(entry.msgstr) != source.draft:
        return "fuzzy"
    return source.kind


def words(msgid: str) -> int:
    """Source words, markup and URLs left out."""
    return len(_WORD.findall(PLACEHOLDER.sub(" ", protect(msgid).text)))


@dataclass
class Stats:
    """Counts for one catalogue."""

    lang: str
    document: str
    entries: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    errors: int = 0    # QA, filled in by the caller
    warnings: int = 0
    checks: dict[str, int] = field(default_factory=dict)  # QA findings per check, in report order

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    def percent(self, which: str, unit: str = "words") -> float:
        counts = self.words if unit == "words" else self.entries
        total = sum(counts.values())
        return 100.0 * counts[which] / total if total else 100.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def count(po: polib.POFile, lang: str, document: str) -> Stats:
    """Entries and words of `po` by state (obsolete entries left out)."""
    stats = Stats(lang, document)
    for entry in po:
        if entry.obsolete:
            continue
        which = state(entry)
        stats.entries[which] += 1
        stats.words[which] += words(entry.msgid)
    return stats


def table(all_stats: list[Stats]) -> str:
    """A plain-text table for the terminal."""
    head = f"{'lang':<9}{'document':<12}{'entries':>8}  " + "  ".join(f"{s:>12}" for s in STATES) + "  words reviewed"
    lines = [head]
    for s in all_stats:
        cells = "  ".join(f"{s.entries[k]:>5} {s.percent(k, 'entries'):>5.1f}%" for k in STATES)
        lines.append(f"{s.lang:<9}{s.document:<12}{sum(s.entries.values()):>8}  {cells}  {s.percent('reviewed'):5.1f}%")
    return "\n".join(lines) + "\n"


def report_page(all_stats: list[Stats], title: str) -> str:
    """build/report.html: one stacked progress bar per language and document (by words), with QA counts."""
    rows = []
    for s in all_stats:
        bar = "".join(
            f'<span class="seg" style="width:{s.percent(k):.2f}%;background:{_COLOURS[k]}" '
            f'title="{_LABELS[k]}: {s.words[k]} words"></span>' for k in STATES if s.words[k])
        counts = " · ".join(f"{_LABELS[k]} {s.words[k]}" for k in STATES)
        rows.append(
            f'<tr data-lang="{s.lang}" data-document="{html.escape(s.document)}" data-reviewed="{s.percent("reviewed"):.1f}" '
            f'data-errors="{s.errors}" data-warnings="{s.warnings}">'
            f"<th>{s.lang}</th><td>{html.escape(s.document)}</td>"
            f'<td><div class="bar">{bar}</div><small>{counts}</small></td>'
            f'<td class="num">{s.percent("reviewed"):.1f}%</td>'
            f'<td class="num">{s.errors}</td><td class="num">{s.warnings}</td></tr>')
    legend = " ".join(f'<span class="key" style="background:{_COLOURS[k]}"></span>{_LABELS[k]}' for k in STATES)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            "<style>\nbody{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}\n"
            "table{border-collapse:collapse;width:100%}th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;"
            "text-align:left;vertical-align:top}\n.num{text-align:right}.bar{display:flex;height:1rem;background:#eee;"
            "border-radius:3px;overflow:hidden;min-width:20rem}\n.seg{display:block;height:100%}.key{display:inline-block;"
            "width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}\n</style>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n<p>{legend}</p>\n<table>\n<thead><tr><th>language</th><th>document</th>"
            "<th>words by state</th><th>reviewed</th><th>QA errors</th><th>QA warnings</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>\n" + _per_check(all_stats) + "</body>\n</html>\n")


def _per_check(all_stats: list[Stats]) -> str:
    """A small table: QA findings per check (columns: the checks that found anything) and language."""
    names = [n for n in (all_stats[0].checks if all_stats else {}) if any(s.checks.get(n) for s in all_stats)]
    if not names:
        return ""
    head = "".join(f"<th class=\"num\">{html.escape(n)}</th>" for n in names)
    rows = "".join(f'<tr data-qa-lang="{s.lang}" data-qa-document="{html.escape(s.document)}"><th>{s.lang}</th>'
                   f"<td>{html.escape(s.document)}</td>"
                   + "".join(f'<td class="num" data-check="{html.escape(n)}">{s.checks.get(n, 0)}</td>' for n in names)
                   + "</tr>\n" for s in all_stats)
    return (f"<h2>QA findings per check</h2>\n<table class=\"checks\">\n<thead><tr><th>language</th><th>document</th>"
            f"{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n")
