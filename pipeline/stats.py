"""How far each language is: entries and words by review state (the page that shows them: pipeline.report)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import polib

from pipeline.catalog import digest, provenance
from pipeline.patterns import PLACEHOLDER
from pipeline.protect import protect

STATES = ("reviewed", "machine", "memory", "fuzzy", "untranslated")
_WORD = re.compile(r"\w+")


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
    name: str = ""          # the language's English name (Babel), filled in by the caller
    route: str = ""         # the engines configured for it, in the order they are tried
    engine: str = ""        # the engine that made most of its machine drafts
    unknown_words: int = 0  # distinct words the engine did not know
    next_step: str = ""     # what to do next, one line (pipeline.report)

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
