"""Stage 4: a catalogue -> QA findings, one `Issue` per problem in a translated or fuzzy entry.

Machine drafts and hurried edits break what readers and the build rely on:
markup, URLs, phone numbers, figures, approved terms.  Each check compares one
msgid with its msgstr and returns one-line messages (what is wrong; what to
do); they live in pipeline.checks.  `#, no-check-<name>` on an entry silences
one check for that entry, where the translator means it (a figure in words).
"""
from __future__ import annotations

import polib

from pipeline.checks import CHECKS, Context
from pipeline.glossary import Glossary
from pipeline.model import Issue

__all__ = ["CHECKS", "Context", "FLAG_PREFIX", "review"]

FLAG_PREFIX = "no-check-"


def review(po: polib.POFile, path: str, lang: str, glossary: Glossary | None = None) -> list[Issue]:
    """Every finding on the translated and fuzzy entries of `po`, in file order."""
    context = Context(glossary)
    issues = []
    for entry in po:
        if entry.obsolete or not entry.msgid or not entry.msgstr:
            continue
        silenced = {flag[len(FLAG_PREFIX):] for flag in entry.flags if flag.startswith(FLAG_PREFIX)}
        for name, check in CHECKS.items():
            if name not in silenced:
                issues += [Issue(path, entry.linenum, entry.msgid, name, check.severity, message)
                           for message in check.function(entry.msgid, entry.msgstr, lang, context)]
    return issues

