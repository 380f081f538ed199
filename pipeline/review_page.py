"""build/<lang>/review.html: every entry side by side, the page a reviewer opens before a PO editor.

Source, the text as it will be published, its state, the change since the
previous source, QA findings, glossary hints, unknown words, provenance and the
PO file:line to open; two filters (state, check) in a few lines of inline JS.
Static, no external assets; msgid and msgstr are untrusted text, escaped.
"""
from __future__ import annotations

import difflib
import html
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import polib

from pipeline.catalog import provenance
from pipeline.errors import where
from pipeline.glossary import HINT
from pipeline.locales import Language
from pipeline.model import Issue
from pipeline.sanitize import sanitize
from pipeline.stats import STATES, state

LABELS = {"reviewed": "reviewed", "machine": "machine draft", "memory": "memory draft",
          "fuzzy": "fuzzy after a source change", "untranslated": "untranslated"}
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")

_STYLE = """\
body{font:15px/1.5 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#222}
.entry{border:1px solid #ddd;border-radius:4px;margin:.8rem 0;padding:.5rem .8rem}
.entry header{font-size:.85rem;color:#555}.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.pair>div{white-space:pre-wrap}.state{font-weight:600;padding:0 .4rem;border-radius:3px;color:#fff}
.reviewed{background:#2e7d32}.machine{background:#1565c0}.memory{background:#00838f}.fuzzy{background:#ef6c00}
.untranslated{background:#757575}.fallback{color:#777}del{background:#fdd}ins{background:#dfd}
.error{color:#b71c1c}.warning{color:#8d6e00}ul{margin:.3rem 0}.filters{position:sticky;top:0;background:#fff;
padding:.4rem 0;border-bottom:1px solid #ddd}"""

_SCRIPT = """\
function filterEntries(){var s=document.getElementById('f-state').value,c=document.getElementById('f-check').value;
document.querySelectorAll('.entry').forEach(function(e){var ok=(!s||e.dataset.state===s)&&
(!c||(' '+e.dataset.checks+' ').indexOf(' '+c+' ')>=0);e.hidden=!ok;});}"""


@dataclass(frozen=True)
class Catalogue:
    """One document's catalogue as the review page shows it."""

    domain: str
    po: polib.POFile
    path: str                     # the PO file, relative to the project root, for file:line
    published: Collection[str]    # msgids whose msgstr the built page carries
    issues: Sequence[Issue]


@dataclass(frozen=True)
class Section:
    """One document's part of a review page, with the counts the page's summary and filters add up
    (so a run can keep the sections of documents that did not change)."""

    html: str
    states: dict[str, int]
    checks: dict[str, int]


def review_page(lang: Language, source: str, catalogues: Sequence[Catalogue], title: str) -> str:
    """The review page of `lang`: one section per document, entries in document (PO) order."""
    return page(title, [section(lang, source, cat) for cat in catalogues])


def section(lang: Language, source: str, cat: Catalogue) -> Section:
    """One document's entries, and how many there are per state and per check."""
    checks: dict[str, int] = {}
    states = dict.fromkeys(STATES, 0)
    found: dict[int, list[Issue]] = {}
    for issue in cat.issues:
        found.setdefault(issue.line, []).append(issue)
        checks[issue.check] = checks.get(issue.check, 0) + 1
    articles = []
    for entry in (e for e in cat.po if not e.obsolete and e.msgid):
        states[state(entry)] += 1
        articles.append(_entry(entry, lang, source, cat, found.get(entry.linenum, [])))
    return Section(f'<section data-document="{html.escape(cat.domain)}">\n'
                   f"<h2>{html.escape(cat.domain)} · {html.escape(cat.path)}</h2>\n" + "".join(articles)
                   + "</section>\n", states, checks)


def page(title: str, sections: Sequence[Section]) -> str:
    """The review page made of its documents' sections."""
    checks: dict[str, int] = {}
    states = dict.fromkeys(STATES, 0)
    for part in sections:
        for name, n in part.states.items():
            states[name] += n
        for name, n in part.checks.items():
            checks[name] = checks.get(name, 0) + n
    state_options = "".join(f'<option value="{k}">{LABELS[k]} ({n})</option>' for k, n in states.items() if n)
    check_options = "".join(f'<option value="{html.escape(k)}">{html.escape(k)} ({n})</option>'
                            for k, n in sorted(checks.items()))
    return (f'<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}</title>\n'
            f"<style>\n{_STYLE}\n</style>\n<script>\n{_SCRIPT}\n</script>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n"
            f'<p class="summary">{" · ".join(f"{LABELS[k]}: {n}" for k, n in states.items())}</p>\n'
            '<p class="filters"><label>state <select id="f-state" onchange="filterEntries()">'
            f'<option value="">all</option>{state_options}</select></label> '
            '<label>check <select id="f-check" onchange="filterEntries()">'
            f'<option value="">all</option>{check_options}</select></label></p>\n'
            + "".join(part.html for part in sections) + "</body>\n</html>\n")


def _entry(entry: polib.POEntry, lang: Language, source: str, cat: Catalogue, issues: list[Issue]) -> str:
    """One entry: header (file:line, state, kind, provenance), source | published text, then the notes."""
    which = state(entry)
    draft = provenance(entry)
    shown = entry.msgid in cat.published
    text = sanitize(entry.msgid, entry.msgstr) if shown else entry.msgid
    target = (f'<div lang="{lang.html_lang}" dir="{lang.direction}" class="target">{html.escape(text)}</div>'
              if shown else f'<div lang="{source}" dir="ltr" class="target fallback">{html.escape(text)}</div>')
    kind = entry.comment.splitlines()[0] if entry.comment else ""
    head = [f'<code class="where">{html.escape(where(cat.path, entry.linenum))}</code>',
            f'<span class="state {which}">{LABELS[which]}</span>', html.escape(kind)]
    if draft:
        head.append(f'<span class="provenance">{html.escape(draft.kind)}: {html.escape(draft.origin)}</span>')
    notes = []
    if entry.previous_msgid:
        notes.append(f'<p class="previous">source changed: {_diff(entry.previous_msgid, entry.msgid)}</p>')
    if issues:
        notes.append('<ul class="findings">' + "".join(
            f'<li class="{i.severity}" data-check="{html.escape(i.check)}">{html.escape(i.severity)} '
            f"<b>{html.escape(i.check)}</b>: {html.escape(i.message)}</li>" for i in issues) + "</ul>")
    hints = [line[len(HINT):] for line in entry.comment.splitlines() if line.startswith(HINT)]
    if hints:
        notes.append('<ul class="hints">' + "".join(f"<li>glossary: {html.escape(h)}</li>" for h in hints) + "</ul>")
    if draft and draft.unknown_words:
        notes.append(f'<p class="unknown">unknown to the engine: {html.escape(", ".join(draft.unknown_words))}</p>')
    if draft and draft.problems:
        notes.append('<ul class="problems">' + "".join(f"<li>{html.escape(p)}</li>" for p in draft.problems) + "</ul>")
    checks = " ".join(sorted({i.check for i in issues}))
    return (f'<article class="entry" id="l{entry.linenum}" data-state="{which}" data-checks="{html.escape(checks)}">\n'
            f"<header>{' · '.join(head)}</header>\n"
            f'<div class="pair"><div lang="{source}" dir="ltr" class="source">{html.escape(entry.msgid)}</div>'
            f"{target}</div>\n" + "".join(notes) + "</article>\n")


def _diff(old: str, new: str) -> str:
    """`new` with the words it drops from `old` struck through and those it adds marked, escaped."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
    return "".join(out)
