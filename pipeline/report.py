"""build/report.html, the lead's dashboard: per language and document, where it stands and what to do next.

Words by state ("machine drafts" and "reviewed", never "translated" for fuzzy
text), per-check QA counts, unknown words, the route, links to the localised
page, the review page and the PO, and the gate refusals of the last build.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence

from pipeline.stats import STATES, Stats
from pipeline.locales import language
from pipeline.ui import ENGLISH, N_, SOURCE, Strings, strings

COLOURS = {"reviewed": "#2e7d32", "machine": "#1565c0", "memory": "#00838f", "fuzzy": "#ef6c00",
           "untranslated": "#bdbdbd"}
LABELS = {"reviewed": N_("reviewed"), "machine": N_("machine drafts awaiting review"),
          "memory": N_("memory drafts awaiting review"), "fuzzy": N_("fuzzy after a source change"),
          "untranslated": N_("untranslated")}
HEADINGS = (N_("language"), N_("document"), N_("route"), N_("words by state"), N_("reviewed"), N_("QA errors"),
            N_("QA warnings"), N_("unknown words"), N_("next step"))

_STYLE = """\
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left;
vertical-align:top}.num{text-align:right}.bar{display:flex;height:1rem;background:#eee;border-radius:3px;
overflow:hidden;min-width:16rem}.seg{display:block;height:100%}.key{display:inline-block;width:.8rem;height:.8rem;
margin:0 .3rem 0 1rem;vertical-align:middle}.next{font-weight:600}.refused{color:#b71c1c}small{color:#555}"""


def next_step(s: Stats, _: Strings = ENGLISH) -> str:
    """One line: what the lead should have done next for this language and document (English for
    `pipeline stats --json`)."""
    drafts = sum(s.entries[k] for k in ("machine", "memory", "fuzzy"))
    steps = []
    if s.entries["untranslated"]:
        remedy = (_("install a model (`pipeline models install {lang}`) and run `pipeline run`").format(lang=s.lang)
                  if "argos" in s.route.split(", ") else _("translate them in the PO or configure an engine"))
        steps.append(_("{n} entries untranslated: {remedy}").format(n=s.entries["untranslated"], remedy=remedy))
    if s.errors:
        steps.append(_("fix {n} QA errors (`pipeline check --lang {lang}`)").format(n=s.errors, lang=s.lang))
    if drafts:
        steps.append(_("review {n} draft entries (review page, then the PO)").format(n=drafts))
    return "; ".join(steps) or _("ready to release")


def report_page(all_stats: Sequence[Stats], title: str, po_dir: str = "../locales",
                refused: Sequence[str] = (), lang: str = "en") -> str:
    """The dashboard, in `lang` where the pipeline's own catalogue has it (the lead's language: English
    by default); links are relative to build/ (`po_dir`: the locales folder seen from there)."""
    _ = strings(lang, "report")
    rows = []
    words, page, review = _("{label}: {n} words"), _html(_("page")), _html(_("review"))
    for s in all_stats:
        bar = "".join(f'<span class="seg" style="width:{s.percent(k):.2f}%;background:{COLOURS[k]}" '
                      f'title="{_html(words, label=_(LABELS[k]), n=s.words[k])}"></span>'
                      for k in STATES if s.words[k])
        counts = " · ".join(f"{html.escape(_(LABELS[k]))} {s.words[k]}" for k in STATES)
        doc, lang = html.escape(s.document), html.escape(s.lang)
        links = (f'<a href="{lang}/{doc}.html">{page}</a> · '
                 f'<a href="{lang}/review.html">{review}</a> · '
                 f'<a href="{html.escape(po_dir)}/{lang}/LC_MESSAGES/{doc}.po">PO</a> · '
                 f"<code>pipeline check --lang {lang}</code>")
        route = html.escape(s.route or _("none"))
        engine = f"<br><small>{html.escape(s.engine)}</small>" if s.engine else ""
        rows.append(
            f'<tr data-lang="{lang}" data-document="{doc}" data-reviewed="{s.percent("reviewed"):.1f}" '
            f'data-errors="{s.errors}" data-warnings="{s.warnings}" data-unknown="{s.unknown_words}">'
            f"<th>{html.escape(s.name or s.lang)} <small>({lang})</small></th><td>{doc}<br><small>{links}</small></td>"
            f"<td>{route}{engine}</td>"
            f'<td><div class="bar">{bar}</div><small>{counts}</small></td>'
            f'<td class="num">{s.percent("reviewed"):.1f}%</td>'
            f'<td class="num">{s.errors}</td><td class="num">{s.warnings}</td><td class="num">{s.unknown_words}</td>'
            f'<td class="next">{_code(s.next_step if s.next_step and _ is ENGLISH else next_step(s, _))}'
            "</td></tr>")
    legend = " ".join(f'<span class="key" style="background:{COLOURS[k]}"></span>{_html(_(LABELS[k]))}' for k in STATES)
    ui = language(_.lang)
    return (f'<!DOCTYPE html>\n<html lang="{ui.html_lang}" dir="{ui.direction}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n<p>{legend}</p>\n" + _refusals(refused, _)
            + "<table>\n<thead><tr>" + "".join(f"<th>{_html(_(h))}</th>" for h in HEADINGS) + "</tr>"
            "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n" + _per_check(all_stats, _)
            + "</body>\n</html>\n")


def _refusals(refused: Sequence[str], _: Strings) -> str:
    """The documents the publish gates refused, with the entries that block them."""
    if not refused:
        return ""
    heading = _html(_("Not released"))
    return (f'<h2 class="refused">{heading}</h2>\n<ul class="refusals"{_english(_)}>\n'
            + "".join(f"<li>{html.escape(line)}</li>\n" for line in refused) + "</ul>\n")


def _per_check(all_stats: Sequence[Stats], _: Strings) -> str:
    """A small table: QA findings per check (columns: the checks that found anything) and language."""
    names = [n for n in (all_stats[0].checks if all_stats else {}) if any(s.checks.get(n) for s in all_stats)]
    if not names:
        return ""
    head = "".join(f"<th class=\"num\">{html.escape(n)}</th>" for n in names)
    rows = "".join(f'<tr data-qa-lang="{s.lang}" data-qa-document="{html.escape(s.document)}"><th>{s.lang}</th>'
                   f"<td>{html.escape(s.document)}</td>"
                   + "".join(f'<td class="num" data-check="{html.escape(n)}">{s.checks.get(n, 0)}</td>' for n in names)
                   + "</tr>\n" for s in all_stats)
    heading, language_, document = _html(_("QA findings per check")), _html(_("language")), _html(_("document"))
    return (f"<h2>{heading}</h2>\n<table class=\"checks\">\n<thead><tr>"
            f"<th>{language_}</th><th>{document}</th>"
            f"{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n")


def _html(text: str, **parts: object) -> str:
    """A translated string, escaped, with its {placeholders} filled."""
    return html.escape(text.format(**parts) if parts else text)


def _code(text: str) -> str:
    """A next step, escaped, its `commands` set as code (a browser shows backquotes as they are)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def _english(_: Strings) -> str:
    """The lang attribute of what stays English (the refusal lines the terminal shows too)."""
    return "" if _.lang == SOURCE else f' lang="{SOURCE}" dir="ltr"'
