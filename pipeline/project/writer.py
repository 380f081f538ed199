"""Writing a command's outputs: every target checked first, then each file atomically, never over a person's save.

A catalogue the command read may be saved by a translator (Poedit, Lokalize)
while the command works on it.  Just before each rename the file is compared
with the text the command read; if it changed, the person's save is merged
with the command's work (pipeline.reconcile: their edits win) and written
instead, or, if it cannot be read, left exactly as they saved it.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.catalog import dump, parse_catalog
from pipeline.errors import CatalogError, OutputError
from pipeline.fileio import write_text
from pipeline.reconcile import reconcile

_ATTEMPTS = 5  # a file saved again and again while we merge: give up and leave it as saved


@dataclass
class Written:
    """What the writes did."""

    changed: list[Path] = field(default_factory=list)           # files whose content changed
    merged: dict[Path, int] = field(default_factory=dict)       # saved during the run -> their entries kept
    conflicts: dict[Path, str] = field(default_factory=dict)    # left as the person saved them -> why


class _Saved(Exception):
    """The file changed on disk since it was read."""

    def __init__(self, text: str | None) -> None:
        super().__init__("changed on disk")
        self.text = text  # None: not UTF-8 any more


def write_outputs(outputs: Mapping[Path, str], seen: Mapping[Path, str | None] | None = None) -> Written:
    """Write `outputs` in path order.  `seen` holds, for each catalogue read, its text as read (None: it
    did not exist): those are written only if nobody saved them since, else merged with what was saved."""
    seen = seen or {}
    _check_writable(outputs)
    done = Written()
    for path, text in sorted(outputs.items()):
        try:
            if path in seen:
                _write_guarded(path, text, seen[path], done)
            elif write_text(path, text):
                done.changed.append(path)
        except OSError as exc:
            raise OutputError(path, None, f"cannot be written ({exc.strerror or exc}); files listed before it "
                              "were written, the rest are unchanged") from None
    return done


def _write_guarded(path: Path, ours: str, base: str | None, done: Written) -> None:
    text, expected = ours, base
    for _ in range(_ATTEMPTS):
        try:
            if write_text(path, text, lambda: _unchanged(path, expected)):
                done.changed.append(path)
            return
        except _Saved as saved:
            if saved.text is None:
                done.conflicts[path] = "is no longer UTF-8"
                return
            try:
                merged = reconcile(parse_catalog(base, path) if base is not None else None,
                                   parse_catalog(ours, path), parse_catalog(saved.text, path))
            except CatalogError as exc:
                done.conflicts[path] = f"cannot be read: line {exc.line}: {exc.message}" if exc.line else exc.message
                return
            text, expected = dump(merged.catalog), saved.text
            done.merged[path] = merged.kept
    done.conflicts[path] = "kept changing while this run merged it"


def rewrite(path: Path, make: Callable[[str | None], str]) -> bool:
    """Write make(current text) to `path`, the current text (None: absent) read afresh and the result
    written only if nobody saved the file in between; retried a few times.  False when nothing changed."""
    for _ in range(_ATTEMPTS):
        try:
            current: str | None = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        try:
            return write_text(path, make(current), lambda: _unchanged(path, current))
        except _Saved:
            continue
        except OSError as exc:
            raise OutputError(path, None, f"cannot be written ({exc.strerror or exc})") from None
    raise OutputError(path, None, "kept changing while it was being updated; left as it is, run again")


def saving_window(path: Path) -> None:
    """Runs between the command's read of `path` and its last check before replacing it: a seam for tests
    that save a catalogue there, as a translator would during a run."""


def _unchanged(path: Path, expected: str | None) -> None:
    """Raise _Saved when `path` no longer holds `expected` (None: when it exists at all)."""
    saving_window(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return  # absent, or deleted meanwhile: writing the command's work over nothing loses nothing
    try:
        current = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Saved(None) from None
    if current != expected:
        raise _Saved(current)


def _check_writable(paths: Mapping[Path, str]) -> None:
    """Refuse before writing anything when a target is read-only or its folder cannot be written."""
    for path in sorted(paths):
        if path.is_dir():
            raise OutputError(path, None, "is a directory, not a file; nothing was written")
        if path.exists() and not path.stat().st_mode & 0o222:
            raise OutputError(path, None, "is read-only; nothing was written (make it writable to let the "
                              "pipeline update it)")
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise OutputError(folder, None, "cannot be written to; nothing was written")
