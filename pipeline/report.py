"""build/report.html, the lead's dashboard: per language and document, where it stands and what to do next.

Words by state ("machine drafts" and "reviewed", never "translated" for fuzzy
text), per-check QA counts, unknown words, the route, links to the localised
page, the review page and the PO, and the gate refusals of the last build.
"""
from __future__ import annotations

import html
from collections.abc import Sequence

from pipeline.stats import STATES, Stats

COLOURS = {"reviewed": "#2e7d32", "machine": "#1565c0", "memory": "#00838f", "fuzzy": "#ef6c00",
           "untranslated": "#bdbdbd"}
LABELS = {"reviewed": "reviewed", "machine": "machine drafts awaiting review", "memory": "memory drafts awaiting review",
          "fuzzy": "fuzzy after a source change", "untranslated": "untranslated"}

_STYLE = """\
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left;
vertical-align:top}.num{text-align:right}.bar{display:flex;height:1rem;background:#eee;border-radius:3px;
overflow:hidden;min-width:16rem}.seg{display:block;height:100%}.key{display:inline-block;width:.8rem;height:.8rem;
margin:0 .3rem 0 1rem;vertical-align:middle}.next{font-weight:600}.refused{color:#b71c1c}small{color:#555}"""


def next_step(s: Stats) -> str:
    """One line: what the lead should have done next for this language and document."""
    drafts = sum(s.entries[k] for k in ("machine", "memory", "fuzzy"))
    steps = []
    if s.entries["untranslated"]:
        remedy = (f"install a model (`pipeline models install {s.lang}`) and run `pipeline run`"
                  if "argos" in s.route.split(", ") else "translate them in the PO or configure an engine")
        steps.append(f"{s.entries['untranslated']} entries untranslated: {remedy}")
    if s.errors:
        steps.append(f"fix {s.errors} QA errors (`pipeline check --lang {s.lang}`)")
    if drafts:
        steps.append(f"review {drafts} draft entries (review page, then the PO)")
    return "; ".join(steps) or "ready to release"


def report_page(all_stats: Sequence[Stats], title: str, po_dir: str = "../locales",
                refused: Sequence[str] = ()) -> str:
    """The dashboard; links are relative to build/ (`po_dir`: the locales folder seen from there)."""
    rows = []
    for s in all_stats:
        bar = "".join(f'<span class="seg" style="width:{s.percent(k):.2f}%;background:{COLOURS[k]}" '
                      f'title="{LABELS[k]}: {s.words[k]} words"></span>' for k in STATES if s.words[k])
        counts = " · ".join(f"{LABELS[k]} {s.words[k]}" for k in STATES)
        doc, lang = html.escape(s.document), html.escape(s.lang)
        links = (f'<a href="{lang}/{doc}.html">page</a> · <a href="{lang}/review.html">review</a> · '
                 f'<a href="{html.escape(po_dir)}/{lang}/LC_MESSAGES/{doc}.po">PO</a> · '
                 f"<code>pipeline check --lang {lang}</code>")
        route = html.escape(s.route or "none")
        engine = f"<br><small>{html.escape(s.engine)}</small>" if s.engine else ""
        rows.append(
            f'<tr data-lang="{lang}" data-document="{doc}" data-reviewed="{s.percent("reviewed"):.1f}" '
            f'data-errors="{s.errors}" data-warnings="{s.warnings}" data-unknown="{s.unknown_words}">'
            f"<th>{html.escape(s.name or s.lang)} <small>({lang})</small></th><td>{doc}<br><small>{links}</small></td>"
            f"<td>{route}{engine}</td>"
            f'<td><div class="bar">{bar}</div><small>{counts}</small></td>'
            f'<td class="num">{s.percent("reviewed"):.1f}%</td>'
            f'<td class="num">{s.errors}</td><td class="num">{s.warnings}</td><td class="num">{s.unknown_words}</td>'
            f'<td class="next">{html.escape(s.next_step or next_step(s))}</td></tr>')
    legend = " ".join(f'<span class="key" style="background:{COLOURS[k]}"></span>{LABELS[k]}' for k in STATES)
    return (f'<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n<p>{legend}</p>\n" + _refusals(refused)
            + "<table>\n<thead><tr><th>language</th><th>document</th><th>route</th><th>words by state</th>"
            "<th>reviewed</th><th>QA errors</th><th>QA warnings</th><th>unknown words</th><th>next step</th></tr>"
            "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n" + _per_check(all_stats)
            + "</body>\n</html>\n")


def _refusals(refused: Sequence[str]) -> str:
    """The documents the publish gates refused, with the entries that block them."""
    if not refused:
        return ""
    return ('<h2 class="refused">Not released</h2>\n<ul class="refusals">\n'
            + "".join(f"<li>{html.escape(line)}</li>\n" for line in refused) + "</ul>\n")


def _per_check(all_stats: Sequence[Stats]) -> str:
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
