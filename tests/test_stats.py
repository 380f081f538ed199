"""Progress statistics and the report page, against a hand-built catalogue."""
from __future__ import annotations

from html.parser import HTMLParser

import polib

from pipeline import report, stats
from pipeline.engines import PseudoEngine
from pipeline.translate import translate_catalog


def _catalog() -> polib.POFile:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Un deux trois", msgstr="One two three"))                       # reviewed, 3 words
    po.append(polib.POEntry(msgid="**Quatre** cinq", msgstr="**Four** five", flags=["fuzzy"],
                            tcomment="machine translation: apertium fr-es"))                      # machine, 2
    po.append(polib.POEntry(msgid="Six [sept](https://x.org/huit)", msgstr="Six seven", flags=["fuzzy"],
                            tcomment="memory: exact match from other.po"))                        # memory, 2
    po.append(polib.POEntry(msgid="Neuf dix onze douze", msgstr="Nine ten", flags=["fuzzy"],
                            previous_msgid="Neuf dix"))                                            # fuzzy, 4
    po.append(polib.POEntry(msgid="Treize", msgstr=""))                                            # untranslated, 1
    po.append(polib.POEntry(msgid="Vieux texte", msgstr="Old text", obsolete=True))                # not counted
    return po


def test_counts_entries_and_words_by_state() -> None:
    s = stats.count(_catalog(), "en", "dossier")
    assert s.entries == {"reviewed": 1, "machine": 1, "memory": 1, "fuzzy": 1, "untranslated": 1}
    assert s.words == {"reviewed": 3, "machine": 2, "memory": 2, "fuzzy": 4, "untranslated": 1}
    assert round(s.percent("reviewed"), 2) == 25.0


def test_report_page_shows_the_figures() -> None:
    en = stats.count(_catalog(), "en", "dossier")
    en.errors, en.warnings = 2, 5
    de = stats.count(polib.POFile(), "de", "dossier")
    page = report.report_page([en, de], "demo: translation progress")
    rows: list[dict[str, str]] = []

    class Rows(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "tr" and dict(attrs).get("data-lang"):
                rows.append(dict(attrs))

    Rows().feed(page)
    assert [(r["data-lang"], r["data-reviewed"], r["data-errors"], r["data-warnings"]) for r in rows] == [
        ("en", "25.0", "2", "5"), ("de", "100.0", "0", "0")]
    assert "machine drafts awaiting review 2" in page and "<title>demo: translation progress</title>" in page


def test_pseudo_locale_changes_text_not_markup() -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Voir **Airbus** et [le site](https://x.org/page) à 8h15.", msgstr=""))
    translate_catalog(po, "fr", "qps-ploc", [PseudoEngine()])
    draft = po[0].msgstr
    assert "**" in draft and "](https://x.org/page)" in draft and draft.startswith("［")
    assert "Àîŕƀûš" in draft
    visible = len(po[0].msgid) - len("**") * 2 - len("[](https://x.org/page)")
    assert len(draft) - (len(po[0].msgid) - visible) >= 1.25 * visible
