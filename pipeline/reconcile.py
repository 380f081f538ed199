"""Three-way merge of a catalogue that a person saved while the pipeline was working on it.

`base` is the catalogue as the pipeline read it, `ours` what the pipeline made
of it, `theirs` what is on disk now.  The person's edits win: an entry whose
translation, flags or comment they changed keeps their version; every other
entry takes the pipeline's work (new template text, drafts, hints).  Header
fields and comments they changed are kept too.  An edited entry the pipeline
no longer has is kept as obsolete, so nothing a person wrote is lost.
"""
from __future__ import annotations

from dataclasses import dataclass

import polib

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Reconciled:
    """The merged catalogue and how many of the person's entries it kept."""

    catalog: polib.POFile
    kept: int


def reconcile(base: polib.POFile | None, ours: polib.POFile, theirs: polib.POFile) -> Reconciled:
    """`ours` with every change the person made between `base` and `theirs` applied over it."""
    before = _entries(base)
    saved = _entries(theirs)
    kept = 0
    for entry in ours:
        key = (entry.msgctxt, entry.msgid)
        theirs_entry = saved.pop(key, None)
        if theirs_entry is not None and _edited(before.get(key), theirs_entry):
            _take(theirs_entry, entry)
            kept += 1
    for key, theirs_entry in saved.items():  # edited entries the pipeline no longer has: obsolete, not lost
        if _edited(before.get(key), theirs_entry) and _work(theirs_entry) != _work(None):
            gone = polib.POEntry(msgid=theirs_entry.msgid, msgctxt=theirs_entry.msgctxt, obsolete=True)
            _take(theirs_entry, gone)
            ours.append(gone)
            kept += 1
    old_meta = base.metadata if base is not None else {}
    for field, value in theirs.metadata.items():
        if old_meta.get(field) != value:
            ours.metadata[field] = value
    if base is None or theirs.header != base.header:
        ours.header = theirs.header or ours.header
    return Reconciled(ours, kept)


def _entries(po: polib.POFile | None) -> dict[Key, polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in po} if po is not None else {}


def _work(entry: polib.POEntry | None) -> tuple[object, ...]:
    """What a person may change in an entry: the translation, its state and their comment."""
    if entry is None:
        return ("", (), frozenset(), "")
    return (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())), frozenset(entry.flags), entry.tcomment)


def _edited(before: polib.POEntry | None, after: polib.POEntry) -> bool:
    return _work(before) != _work(after)


def _take(source: polib.POEntry, entry: polib.POEntry) -> None:
    """The person's translation, state and comment onto the pipeline's entry."""
    entry.msgstr = source.msgstr
    if source.msgstr_plural:
        entry.msgstr_plural = dict(source.msgstr_plural)
    entry.flags = list(source.flags)
    entry.tcomment = source.tcomment
    if source.previous_msgid and "fuzzy" in source.flags:
        entry.previous_msgid = source.previous_msgid
