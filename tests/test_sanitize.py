"""Issue 16 point 1: HTML a translation adds never reaches the page as HTML; the source's own does."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from pipeline.locales import language
from pipeline.page import render_page
from pipeline.sanitize import sanitize

PAYLOADS = {
    "img onerror": "Photo <img src=x onerror=alert(1)> here",
    "script": "Text <script>alert(1)</script> here",
    "javascript link": 'Text <a href="javascript:alert(1)">click</a> here',
    "iframe": "Text <iframe src=https://evil.example></iframe> here",
    "svg onload": "Text <svg onload=alert(1)></svg> here",
    "details ontoggle": "Text <details open ontoggle=alert(1)>x</details> here",
    "script block on its own line": "Text here\n<script>\nalert(1)\n</script>",
    "tag across lines": "Text here\n<div\nonmouseover=alert(1)>x</div>",
    "comment and declarations": "Text <!-- x --><?php x ?><![CDATA[x]]><!DOCTYPE x> here",
    "markdown javascript link": "Text [click](javascript:alert(1)) and <javascript:alert(1)> here",
    "source tag with new attribute": "The 5<sup onclick=alert(1)>th</sup> port",
    "backtick in a trusted attribute": 'See <b title="`">x</b> <img src=x onerror=alert(1)> `',
}
SAFE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "ul", "li", "blockquote", "table",
             "thead", "tbody", "tr", "th", "td", "sup", "b", "a", "code", "em", "strong", "br"}


class _Tags(HTMLParser):
    """Every element and attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    handle_decl = handle_pi = handle_unknown_decl = handle_comment


def active_content(page: str) -> list[str]:
    """What in `page` a browser could run: unknown elements, event handlers, script URLs, comments."""
    reader = _Tags()
    reader.feed(page)
    bad = [f"<{tag}>" for tag, _ in reader.found if tag not in SAFE_TAGS]
    bad += [f"{tag} {name}" for tag, attrs in reader.found for name, value in attrs
            if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "data:"))]
    return bad + [c for c in reader.comments if c != "DOCTYPE html"]


@pytest.mark.parametrize("case", sorted(PAYLOADS))
def test_sanitised_translation_renders_without_active_content(case: str) -> None:
    msgid = "Le 5<sup>e</sup> port, voir <b title=\"`\">x</b>"
    page = render_page(sanitize(msgid, PAYLOADS[case]), language("en"))
    assert active_content(render_page(PAYLOADS[case], language("en"))) or case == "markdown javascript link"
    assert active_content(page) == []


@pytest.mark.parametrize("msgid, msgstr", [
    ("Le 5<sup>e</sup> port", "The 5<sup>th</sup> port"),
    ('Voir <a href="https://a.fr">ici</a>', "See <a href='https://a.fr'>here</a>, <https://b.org> and <x@y.fr>"),
    ("Le code `<b>`", "The code `<b>` and `<img src=x>`"),
    ("Sans balise", "No tag: 3 < 4 and a <- arrow"),
])
def test_translations_that_add_no_html_are_untouched(msgid: str, msgstr: str) -> None:
    assert sanitize(msgid, msgstr) == msgstr


def test_only_the_added_tag_is_escaped() -> None:
    assert (sanitize("Le 5<sup>e</sup> port", "The 5<sup>th</sup> <b>port</b>")
            == "The 5<sup>th</sup> &lt;b>port&lt;/b>")


SOURCE = """\
# Titre du dossier

Le 5<sup>e</sup> port.

- Un point de liste.

> Une citation.

| Colonne |
|---|
| Une cellule. |
"""
CONTEXTS = ["Titre du dossier", "Le 5<sup>e</sup> port.", "Un point de liste.", "Une citation.", "Une cellule."]


@pytest.mark.parametrize("release", [False, True], ids=["draft", "release"])
def test_no_build_publishes_html_a_translation_adds(release: bool, project: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(project)
    (project / "source" / "dossier.fr.md").write_text(SOURCE, encoding="utf-8")
    assert run("run", "--no-translate", "--lang", "en")[0] == 0
    po_path = project / "locales/en/LC_MESSAGES/dossier.po"
    po = polib.pofile(str(po_path))
    payloads = sorted(PAYLOADS.values())
    for n, msgid in enumerate(CONTEXTS):
        po.find(msgid).msgstr = payloads[n].replace("\n", " ") if msgid != "Le 5<sup>e</sup> port." else \
            "The 5<sup>th</sup> port <img src=x onerror=alert(1)>"
    po.save(str(po_path))
    code, _, err = run("build", "--lang", "en", *(["--release"] if release else []))
    assert code == 0, err
    page = (project / "build/en/dossier.html").read_text(encoding="utf-8")
    assert active_content(page) == []
    assert "5<sup>th</sup> port" in page  # the source's own HTML is kept
    lines = {e.msgid: e.linenum for e in polib.pofile(str(po_path))}
    where = ", ".join(f"locales/en/LC_MESSAGES/dossier.po:{lines[m]}" for m in sorted(CONTEXTS, key=lines.get))
    assert f"warning: en: 5 translations carried HTML the source does not have; escaped: {where}\n" in err
    markdown = (project / "build/en/dossier.md").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)>" in markdown


def test_attribute_lists_never_put_event_handlers_or_urls_on_an_element() -> None:
    """Heading, block and inline attribute lists (the `attributes` extension) keep safe names only."""
    from pipeline.dialect import parser
    page = parser().render('# Titre {#a .b onclick="q"}\n\n{#p onclick="b" href="javascript:x"}\n'
                           'Para [l](x){#i onmouseover="z"} ![i](y){onerror="w" width="3"}\n')
    assert 'id="a" class="b"' in page and 'id="p"' in page and 'width="3"' in page
    assert "onclick" not in page and "onmouseover" not in page and "onerror" not in page and "javascript" not in page
