"""Where a draft came from, recorded in its translator comment: written and read through this one API.

Machine and memory drafts carry their origin, the problems restoring markup
found, the engine's unknown words, a digest of the msgstr as drafted and the
drafting rules' version.  The digest tells a draft nobody touched (which a
later run may redraft) from a person's work (which it never touches); a
person's change is recorded as `post-edited from ...`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

import polib


def mark_fuzzy(entry: polib.POEntry) -> None:
    """Flag `entry` for review: `fuzzy` last, once, other flags kept in their order."""
    entry.flags = [f for f in entry.flags if f != "fuzzy"] + ["fuzzy"]


@dataclass(frozen=True)
class Provenance:
    """Where a draft came from, as its translator comment records it for people and tools alike."""

    kind: str                          # "machine" (an engine) or "memory" (the translation memory)
    origin: str                        # "apertium fr-es (apertium-fr-es 0.9.4-1)", "exact match from x.po"
    problems: tuple[str, ...] = ()     # what restoring the markup found wrong
    unknown_words: tuple[str, ...] = ()  # words the engine did not know
    rules: str = ""                    # version of the drafting rules that made a machine draft (translate.RULES_VERSION)
    draft: str = ""                    # digest of the msgstr as drafted ("" for drafts older than the record)
    edited: bool = False               # a person changed the draft or cleared its fuzzy flag
    pivot_words: tuple[str, ...] = ()  # of those, the pivot language's words a pivot route left (Catalan in Italian)
    source_read: tuple[str, ...] = ()  # source words the engine was sent as another word (`CHOISSANT -> CHOISISSANT`)
    respelled: tuple[str, ...] = ()    # the engine's misspelt words, respelt in the draft (`inovadores -> innovadores`)

    @property
    def pivots(self) -> tuple[str, ...]:
        """The languages a machine draft went through: "... (pivot via es, ..." -> (es,); a draft whose sentences
        took both pivots, "... (pivot via es and ca, ..." -> (es, ca)."""
        found = _PIVOT.search(self.origin)
        return tuple(found.group(1).split(" and ")) if found else ()


_PIVOT = re.compile(r"\bpivot via ([A-Za-z_-]+(?: and [A-Za-z_-]+)*)")
_KINDS = {"machine": "machine translation: ", "memory": "memory: "}
_EDITED = "post-edited from "
_PROBLEM, _UNKNOWN, _PIVOT_WORDS, _READ = "mt problem: ", "mt unknown words: ", "mt pivot words: ", "mt source read: "
_RESPELLED = "mt target respelled: "
_DRAFT = re.compile(r"draft: ([0-9a-f]{8})(?:, rules (\S+))?$")


def digest(text: str) -> str:
    """The short digest a draft's comment records of its msgstr, to tell it untouched."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def provenance(entry: polib.POEntry) -> Provenance | None:
    """The provenance recorded in the entry's translator comment, or None for a person's text."""
    found: Provenance | None = None
    problems: list[str] = []
    lists: dict[str, list[str]] = {_UNKNOWN: [], _PIVOT_WORDS: [], _READ: [], _RESPELLED: []}
    listing = ""  # the word list a line ending in a comma goes on with (an editor wrapped it)
    rules = draft = ""
    for line in entry.tcomment.splitlines():
        edited = line.startswith(_EDITED)
        body = line[len(_EDITED):] if edited else line
        for kind, prefix in _KINDS.items():
            if body.startswith(prefix):
                found = Provenance(kind, body[len(prefix):], edited=edited)
        record = _DRAFT.match(line)
        words = next((p for p in lists if line.startswith(p)), "")
        if record:
            draft, rules = record.group(1), record.group(2) or ""
        elif line.startswith(_PROBLEM):
            problems.append(line[len(_PROBLEM):])
        elif words or listing and not _is_record(line):
            listing = words or listing
            lists[listing] += [w for w in line[len(words):].strip().split(",") if w.strip()]
            listing = listing if line.rstrip().endswith(",") else ""
            continue
        listing = ""
    if found is None:
        return None
    return replace(found, problems=tuple(problems), unknown_words=tuple(w.strip() for w in lists[_UNKNOWN]),
                   pivot_words=tuple(w.strip() for w in lists[_PIVOT_WORDS]), rules=rules,
                   source_read=tuple(w.strip() for w in lists[_READ]),
                   respelled=tuple(w.strip() for w in lists[_RESPELLED]),
                   draft="" if found.edited else draft)


def set_draft(entry: polib.POEntry, text: str, source: Provenance) -> None:
    """Write a draft into an empty entry: fuzzy, with its provenance after any comment a person wrote.

    The comment records a digest of `text` (and the rules version of a machine
    draft), so a later run can tell a draft nobody touched from a person's work.
    """
    notes = [_KINDS[source.kind] + source.origin] + [_PROBLEM + p for p in source.problems]
    if source.source_read:
        notes.append(_READ + ", ".join(source.source_read))
    if source.respelled:
        notes.append(_RESPELLED + ", ".join(source.respelled))
    if source.unknown_words:
        notes.append(_UNKNOWN + ", ".join(source.unknown_words))
    if source.pivot_words:
        notes.append(_PIVOT_WORDS + ", ".join(source.pivot_words))
    notes.append(f"draft: {digest(text)}" + (f", rules {source.rules}" if source.rules else ""))
    entry.msgstr = text
    mark_fuzzy(entry)
    entry.tcomment = "\n".join(([entry.tcomment] if entry.tcomment else []) + notes)


def untouched(entry: polib.POEntry) -> Provenance | None:
    """The provenance of a draft no person has changed: still fuzzy, not carried over from another
    source text by a merge, its msgstr what the engine or memory wrote; None for anything else.

    A draft written before drafts recorded their digest is never taken as untouched."""
    source = provenance(entry)
    if (source is None or source.edited or not source.draft or not entry.fuzzy or entry.previous_msgid
            or digest(entry.msgstr) != source.draft):
        return None
    return source


def clear_draft(entry: polib.POEntry) -> None:
    """Empty a draft and remove its provenance lines, keeping a person's comment and other flags."""
    entry.msgstr = ""
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    lines = entry.tcomment.splitlines()
    starts = [i for i, line in enumerate(lines) if _is_record(line) and not _DRAFT.match(line)]
    ends = [i for i, line in enumerate(lines) if _DRAFT.match(line)]
    if starts and ends and starts[0] < ends[-1]:  # the record as set_draft wrote it, lines an editor wrapped included
        lines = lines[:starts[0]] + lines[ends[-1] + 1:]
    entry.tcomment = "\n".join(line for line in lines if not _is_record(line))


def follow_edits(entry: polib.POEntry) -> None:
    """Mark a draft a person changed (its text no longer the one drafted, or its fuzzy flag cleared):
    `post-edited from machine translation: <origin>`, the digest line dropped.  A draft that
    recorded no digest counts as changed only once its fuzzy flag is cleared."""
    source = provenance(entry)
    if source is None or source.edited or not entry.msgstr:
        return
    changed = not entry.fuzzy or bool(source.draft) and digest(entry.msgstr) != source.draft
    if not changed:
        return
    lines = []
    for line in entry.tcomment.splitlines():
        if _DRAFT.match(line):
            continue
        if any(line.startswith(prefix) for prefix in _KINDS.values()):
            line = _EDITED + line
        lines.append(line)
    entry.tcomment = "\n".join(lines)


def _is_record(line: str) -> bool:
    """A line of a draft's provenance (as set_draft writes it)."""
    body = line[len(_EDITED):] if line.startswith(_EDITED) else line
    return (any(body.startswith(p) for p in _KINDS.values()) or line.startswith((_PROBLEM, _UNKNOWN, _PIVOT_WORDS, _READ, _RESPELLED))
            or bool(_DRAFT.match(line)))
