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
from babel import Locale, UnknownLocaleError

from pipeline.catalog import provenance
from pipeline.errors import where
from pipeline.glossary import HINT
from pipeline.locales import Language, language
from pipeline.model import Issue
from pipeline.sanitize import sanitize
from pipeline.stats import STATES, state
from pipeline.ui import N_, SOURCE, Strings, strings

LABELS = {"reviewed": N_("reviewed"), "machine": N_("machine draft"), "memory": N_("memory draft"),
          "fuzzy": N_("fuzzy after a source change"), "untranslated": N_("untranslated")}
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


def review_page(lang: Language, source: str, catalogues: Sequence[Catalogue], project: str) -> str:
    """The review page of `lang`, in `lang` where the pipeline's own catalogue has it (else English): one
    section per document, entries in document (PO) order.  What the PO and the checks say (kinds,
    provenance, findings) stays English, marked so."""
    return page(lang, project, [section(lang, source, cat) for cat in catalogues])


def section(lang: Language, source: str, cat: Catalogue) -> Section:
    """One document's entries, and how many there are per state and per check."""
    _ = strings(lang.code, "review_page")
    checks: dict[str, int] = {}
    states = dict.fromkeys(STATES, 0)
    found: dict[int, list[Issue]] = {}
    for issue in cat.issues:
        found.setdefault(issue.line, []).append(issue)
        checks[issue.check] = checks.get(issue.check, 0) + 1
    articles = []
    for entry in (e for e in cat.po if not e.obsolete and e.msgid):
        states[state(entry)] += 1
        articles.append(_entry(entry, lang, source, cat, found.get(entry.linenum, []), _))
    return Section(f'<section data-document="{html.escape(cat.domain)}">\n'
                   f"<h2>{html.escape(cat.domain)} · {html.escape(cat.path)}</h2>\n" + "".join(articles)
                   + "</section>\n", states, checks)


def page(lang: Language, project: str, sections: Sequence[Section]) -> str:
    """The review page of `lang` made of its documents' sections."""
    _ = strings(lang.code, "review_page")
    ui = language(_.lang)
    name = lang.english_name if _.lang == SOURCE else (_display(lang.code, _.lang) or lang.english_name)
    title = _("{project}: review of {language} ({code})").format(
        project=project, language=name, code=lang.code).lstrip(": ")
    checks: dict[str, int] = {}
    states = dict.fromkeys(STATES, 0)
    for part in sections:
        for key, n in part.states.items():
            states[key] += n
        for key, n in part.checks.items():
            checks[key] = checks.get(key, 0) + n
    state_options = "".join(f'<option value="{k}">{html.escape(_(LABELS[k]))} ({n})</option>'
                            for k, n in states.items() if n)
    check_options = "".join(f'<option value="{html.escape(k)}">{html.escape(k)} ({n})</option>'
                            for k, n in sorted(checks.items()))
    every, by_state, by_check = html.escape(_("all")), html.escape(_("state")), html.escape(_("check"))
    return (f'<!DOCTYPE html>\n<html lang="{ui.html_lang}" dir="{ui.direction}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}</title>\n'
            f"<style>\n{_STYLE}\n</style>\n<script>\n{_SCRIPT}\n</script>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n"
            f'<p class="summary">{" · ".join(f"{html.escape(_(LABELS[k]))}: {n}" for k, n in states.items())}</p>\n'
            f'<p class="filters"><label>{by_state} <select id="f-state" onchange="filterEntries()">'
            f'<option value="">{every}</option>{state_options}</select></label> '
            f'<label>{by_check} <select id="f-check" onchange="filterEntries()">'
            f'<option value="">{every}</option>{check_options}</select></label></p>\n'
            + "".join(part.html for part in sections) + "</body>\n</html>\n")


def _entry(entry: polib.POEntry, lang: Language, source: str, cat: Catalogue, issues: list[Issue],
           _: Strings) -> str:
    """One entry: header (file:line, state, kind, provenance), source | published text, then the notes."""
    which = state(entry)
    draft = provenance(entry)
    shown = entry.msgid in cat.published
    text = sanitize(entry.msgid, entry.msgstr) if shown else entry.msgid
    target = (f'<div lang="{lang.html_lang}" dir="{lang.direction}" class="target">{html.escape(text)}</div>'
              if shown else f'<div lang="{source}" dir="ltr" class="target fallback">{html.escape(text)}</div>')
    english = "" if _.lang == SOURCE else f' lang="{SOURCE}" dir="ltr"'  # what the PO and the checks say
    kind = entry.comment.splitlines()[0] if entry.comment else ""
    head = [f'<code class="where">{html.escape(where(cat.path, entry.linenum))}</code>',
            f'<span class="state {which}">{html.escape(_(LABELS[which]))}</span>',
            f"<span{english}>{html.escape(kind)}</span>" if english and kind else html.escape(kind)]
    if draft:
        head.append(f'<span class="provenance"{english}>{html.escape(draft.kind)}: {html.escape(draft.origin)}</span>')
    notes = []
    if entry.previous_msgid:
        changed = _html(_("source changed: {diff}"), diff=_diff(entry.previous_msgid, entry.msgid))
        notes.append(f'<p class="previous">{changed}</p>')
    if issues:
        notes.append(f'<ul class="findings"{english}>' + "".join(
            f'<li class="{i.severity}" data-check="{html.escape(i.check)}">{html.escape(i.severity)} '
            f"<b>{html.escape(i.check)}</b>: {html.escape(i.message)}</li>" for i in issues) + "</ul>")
    hints = [line[len(HINT):] for line in entry.comment.splitlines() if line.startswith(HINT)]
    if hints:
        hint = _("glossary: {term}")
        notes.append('<ul class="hints">' + "".join(f"<li>{_html(hint, term=_hint(h, lang))}</li>" for h in hints)
                     + "</ul>")
    if draft and draft.unknown_words:
        words = html.escape(", ".join(draft.unknown_words))
        unknown = _html(_("unknown to the engine: {words}"), words=words)
        notes.append(f'<p class="unknown">{unknown}</p>')
    if draft and draft.problems:
        notes.append(f'<ul class="problems"{english}>' + "".join(f"<li>{html.escape(p)}</li>" for p in draft.problems)
                     + "</ul>")
    checks = " ".join(sorted({i.check for i in issues}))
    return (f'<article class="entry" id="l{entry.linenum}" data-state="{which}" data-checks="{html.escape(checks)}">\n'
            f"<header>{' · '.join(head)}</header>\n"
            f'<div class="pair"><div lang="{source}" dir="ltr" class="source">{html.escape(entry.msgid)}</div>'
            f"{target}</div>\n" + "".join(notes) + "</article>\n")


def _hint(hint: str, lang: Language) -> str:
    """A glossary hint (`fr → target (note)`), escaped; a right-to-left target isolated in <bdi> so that it
    does not pull the arrow or the note's brackets into its direction."""
    fr, arrow, rest = hint.partition(" → ")
    if not arrow or lang.direction != "rtl":
        return html.escape(hint)
    target, bracket, note = rest.partition(" (")
    return (f'{html.escape(fr)} → <bdi lang="{lang.html_lang}" dir="rtl">{html.escape(target)}</bdi>'
            f"{html.escape(bracket + note)}")


def _html(text: str, **parts: str) -> str:
    """A translated sentence, escaped, with its {placeholders} filled by `parts` (HTML already)."""
    return html.escape(text, quote=False).format(**parts)


def _display(code: str, ui: str) -> str:
    """The name of language `code` in language `ui` (Babel), or ''."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(ui) or ""
    except (UnknownLocaleError, ValueError):
        return ""


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
