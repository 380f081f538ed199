"""The reviewer's and the lead's pages, parsed: structure, counts, escaping, links that resolve."""
from __future__ import annotations

from html.parser import HTMLParser

import polib
import pytest

from pipeline.locales import language
from pipeline.model import Issue
from pipeline.review_page import Catalogue, review_page


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each element with a class."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def having(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def _catalogue() -> polib.POFile:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Un <b>deux</b>", msgstr="One <b>two</b><script>x</script>", linenum=10,
                            comment="paragraph\nglossary: deux → two"))
    po.append(polib.POEntry(msgid="Trois quatre", msgstr="Three four", flags=["fuzzy"], linenum=14,
                            tcomment="machine translation: apertium fr-en\nmt unknown words: quatre",
                            comment="heading 2"))
    po.append(polib.POEntry(msgid="Neuf dix onze", msgstr="Nine ten", flags=["fuzzy"], linenum=20,
                            previous_msgid="Neuf dix"))
    po.append(polib.POEntry(msgid="Treize", msgstr="", linenum=24))
    po.append(polib.POEntry(msgid="Vieux", msgstr="Old", obsolete=True))
    return po


def test_review_page_shows_every_entry_with_its_state_findings_and_place() -> None:
    issues = [Issue("locales/ar/x.po", 14, "Trois quatre", "mt-unknown", "warning", "the engine did not know <quatre>")]
    page = review_page(language("ar"), "fr", [Catalogue("x", _catalogue(), "locales/ar/x.po",
                                                        {"Un <b>deux</b>", "Trois quatre"}, issues)], "review")
    tags = Tags(page)
    entries = tags.having("article")
    assert [(e["id"], e["data-state"], e["data-checks"]) for e in entries] == [
        ("l10", "reviewed", ""), ("l14", "machine", "mt-unknown"), ("l20", "fuzzy", ""), ("l24", "untranslated", "")]
    assert "<script>x</script>" not in page and "&lt;quatre&gt;" in page      # untrusted text escaped
    assert "locales/ar/x.po:14" in page and 'glossary: deux → <bdi lang="ar" dir="rtl">two</bdi>' in page
    assert "unknown to the engine: quatre" in page
    assert "Neuf dix<ins> onze</ins>" in page                               # the change since the previous source
    targets = tags.having("div")
    published = [t for t in targets if "target" in t.get("class", "")]
    assert [(t["lang"], t["dir"]) for t in published] == [("ar", "rtl"), ("ar", "rtl"), ("fr", "ltr"), ("fr", "ltr")]
    options = [a["value"] for a in tags.having("option") if a["value"]]
    assert options == ["reviewed", "machine", "fuzzy", "untranslated", "mt-unknown"]


def test_build_writes_a_review_page_per_language_and_a_report_whose_links_resolve(project, run) -> None:
    code, out, err = run("run")
    assert code == 0 and "281 entries: 0 reviewed (0%), 0 drafts published, 281 shown in the source language" in out + err
    build = project / "build"
    report = Tags((build / "report.html").read_text(encoding="utf-8"))
    rows = report.having("tr", data_document="dossier")
    assert [r["data-lang"] for r in rows] == ["en", "de", "ar"]
    links = [a["href"] for a in report.having("a")]
    assert len(links) == 9 and all((build / href).resolve().is_file() for href in links), links
    for lang in ("en", "de", "ar"):
        review = Tags((build / lang / "review.html").read_text(encoding="utf-8"))
        assert len(review.having("article", data_state="untranslated")) == 281
    page = (build / "report.html").read_text(encoding="utf-8")
    assert "German <small>(de)</small>" in page and "281 entries untranslated: translate them in the PO" in page


@pytest.mark.usefixtures("ran")
def test_fallback_passages_carry_the_source_language_and_the_notice_is_in_the_page_language(project, run) -> None:
    tags = Tags((project / "build/ar/dossier.html").read_text(encoding="utf-8"))
    assert tags.having("html", lang="ar", dir="rtl")
    blocks = [a for t, a in tags.tags if t in ("h1", "h2", "h3", "td", "th")]
    assert blocks and all((a.get("lang"), a.get("dir")) == ("fr", "ltr") for a in blocks)
    assert len(tags.having("p", lang="fr", dir="ltr")) > 100
    page = (project / "build/ar/dossier.html").read_text(encoding="utf-8")
    assert '<p class="draft-notice" role="note">281 من أصل 281 مقطعًا لم تُترجَم بعد وتظهر باللغة الفرنسية.</p>' in page


def test_notice_is_english_where_the_pipeline_catalogue_has_no_translation() -> None:
    from pipeline.notice import notice
    assert notice("pt_BR", "fr", 2, 1, 3) == (
        "Draft: 2 of 3 passages on this page are unreviewed machine or memory translations. "
        "1 of 3 passages are not translated yet and are shown in French.", "en")
    assert notice("de", "fr", 0, 0, 3) == ("", "")
    assert notice("de", "fr", 0, 1200, 1200)[0] == "1.200 von 1.200 Abschnitten sind noch nicht übersetzt und werden auf Französisch angezeigt."


def test_a_list_or_quote_all_in_the_source_language_takes_its_direction_on_a_right_to_left_page() -> None:
    from pipeline.page import render_page
    markdown = "- Un\n- Deux\n\n> Trois\n\n- Quatre\n- Cinq\n\n| a | b |\n|---|---|\n| Six | Sept |\n"
    page = render_page(markdown, language("ar"), fallback=["Un", "Deux", "Trois", "Quatre", "a", "b", "Six", "Sept"])
    tags = Tags(page)
    lists = tags.having("ul")
    assert [(u.get("lang"), u.get("dir")) for u in lists] == [("fr", "ltr"), (None, None)]  # "Cinq" is translated
    assert tags.having("blockquote", lang="fr", dir="ltr") and tags.having("table", lang="fr", dir="ltr")
    assert [li.get("dir") for li in tags.having("li")] == ["ltr", "ltr", "ltr", None]


def test_a_right_to_left_glossary_target_is_isolated_in_a_hint() -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="La souveraineté numérique", msgstr="", linenum=3,
                            comment="paragraph\nglossary: souveraineté numérique → السيادة الرقمية (Sovereign control)"))
    page = review_page(language("ar"), "fr", [Catalogue("x", po, "locales/ar/x.po", set(), [])], "dossier")
    assert ('glossary: souveraineté numérique → <bdi lang="ar" dir="rtl">السيادة الرقمية</bdi> (Sovereign control)'
            in page)
    english = review_page(language("en"), "fr", [Catalogue("x", po, "locales/en/x.po", set(), [])], "dossier")
    assert "<bdi" not in english


def test_a_key_figure_lines_up_with_the_passage_it_heads_on_a_right_to_left_page() -> None:
    from pipeline.page import render_page
    markdown = "*53%*\n\nDes entreprises attaquées.\n\n38%\n\nTranslated text.\n"
    page = render_page(markdown.replace("Translated text.", "نص مترجم."), language("ar"),
                       fallback=["Des entreprises attaquées."])
    assert '<p lang="fr" dir="ltr"><em>53%</em></p>' in page  # heads a passage shown in French
    assert "<p>38%</p>" in page                                  # heads an Arabic one: the page's direction
