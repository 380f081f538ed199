"""The pipeline's own page strings as a catalogue: extracted, complete, translated with placeholders intact, used."""
from __future__ import annotations

import ast
import re
import string
import subprocess
from pathlib import Path

import polib
import pytest

from pipeline.catalog import dump
from pipeline.locales import language
from pipeline.model import Issue
from pipeline.notice import notice
from pipeline.page import not_released_page
from pipeline.report import report_page
from pipeline.review_page import Catalogue, review_page
from pipeline.stats import Stats
from pipeline.ui import LOCALE, catalogue_path, strings, template_path
from tests.test_views import Tags, _catalogue
from tools.ui_catalog import _hide, _unhide, template

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/pipeline.po"))
PERCENT = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")


def _marked() -> set[str]:
    """Every string literal passed to _() or N_() in the package, f-string expressions included
    (Babel's extractor does not look inside those: a string there would be missing from the template)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


def _placeholders(text: str) -> list[str]:
    return sorted([name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
                  + PERCENT.findall(text))


def test_the_committed_template_is_what_extraction_gives_and_holds_every_marked_string() -> None:
    committed = polib.pofile(str(template_path()))
    assert template_path().read_text(encoding="utf-8") == dump(template()), "run `make ui-strings`"
    assert _marked() <= {e.msgid for e in committed}
    assert len(committed) >= 30


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_translation_keeps_the_placeholders_of_its_source(path: Path) -> None:
    po = polib.pofile(str(path))
    done = [e for e in po if e.msgstr and not e.obsolete]
    for entry in done:
        assert _placeholders(entry.msgstr) == _placeholders(entry.msgid), (path, entry.msgid)
    assert {e.msgid for e in po if not e.obsolete} == {e.msgid for e in polib.pofile(str(template_path()))}
    checked = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr  # GNU gettext's own python-brace-format check


def test_the_engine_sees_placeholders_as_code_spans_and_they_come_back() -> None:
    text = "fix {n} errors (`pipeline check --lang {lang}`) in %(file)s"
    assert _hide(text) == "fix `{n}` errors (`pipeline check --lang {lang}`) in `%(file)s`"
    assert _unhide(_hide(text)) == text


def test_hand_written_notices_are_kept_as_reviewed_entries() -> None:
    for lang in ("de", "ar", "zh", "oc", "es"):
        entries = [e for e in polib.pofile(str(catalogue_path(lang))) if e.occurrences[0][0] == "pipeline/notice.py"]
        assert len(entries) == 2 and all(e.msgstr and not e.fuzzy for e in entries), lang


def test_a_spanish_page_uses_the_spanish_strings() -> None:
    assert notice("es", "fr", 2, 1, 3) == (
        "Borrador: 2 de 3 pasajes de esta página son traducciones automáticas o de memoria sin revisar. "
        "1 de 3 pasajes aún no están traducidos y se muestran en francés.", "es")
    issues = [Issue("locales/es/x.po", 14, "Trois quatre", "mt-unknown", "warning", "the engine did not know it")]
    page = review_page(language("es"), "fr", [Catalogue("x", _catalogue(), "locales/es/x.po",
                                                        {"Un <b>deux</b>", "Trois quatre"}, issues)], "dossier")
    tags = Tags(page)
    assert tags.having("html", lang="es", dir="ltr")
    assert "<h1>dossier: revisión de la traducción al español (es)</h1>" in page
    assert '<span class="state reviewed">revisado</span>' in page
    assert "glosario: deux → two" in page and "desconocidas para el motor: quatre" in page
    assert "el original cambió: Neuf dix<ins> onze</ins>" in page
    assert tags.having("ul", lang="en", dir="ltr", **{"class": "findings"})  # what the checks say stays English, marked so
    released = Tags(not_released_page("x is not released", language("es")))
    assert released.having("html", lang="es") and released.having("p", lang="en", **{"class": "not-released"})


def test_a_language_without_a_complete_catalogue_falls_back_to_english() -> None:
    assert strings("pt_BR", "notice").lang == "en" and strings("es_MX", "notice").lang == "es"
    assert strings("de", "notice").lang == "de"             # both notice sentences are reviewed
    assert strings("de", "review_page").lang == "en"        # not one review-page string is
    assert notice("pt_BR", "fr", 1, 0, 3)[1] == "en"
    page = review_page(language("de"), "fr", [Catalogue("x", _catalogue(), "locales/de/x.po", set(), [])], "dossier")
    assert '<html lang="en" dir="ltr">' in page and "<h1>dossier: review of German (de)</h1>" in page
    assert 'lang="en" dir="ltr">paragraph' not in page      # an English page marks nothing as English
    assert '<html lang="en" dir="ltr">' in not_released_page("x", language("zh"))


def test_the_report_is_english_by_default_and_spanish_on_request() -> None:
    stats = Stats("es", "dossier", {k: 1 for k in ("reviewed", "machine", "memory", "fuzzy", "untranslated")},
                  {k: 10 for k in ("reviewed", "machine", "memory", "fuzzy", "untranslated")})
    stats.route, stats.next_step = "apertium", "review 3 draft entries (review page, then the PO)"
    english = report_page([stats], "progress")
    assert '<html lang="en" dir="ltr">' in english and "<th>next step</th>" in english
    spanish = report_page([stats], "progreso", lang="es")
    assert '<html lang="es" dir="ltr">' in spanish and "<th>siguiente paso</th>" in spanish
    assert "revise 3 entradas en borrador (página de revisión y luego el PO)" in spanish


def test_updating_the_committed_catalogues_changes_nothing() -> None:
    """Merged with today's template and drafted where an engine serves the language: already done, so the
    update writes every catalogue back byte for byte (and never touches a reviewed entry)."""
    from pipeline.engines.apertium import ApertiumEngine
    from tools.ui_catalog import targets, update
    pot, engine = template(), ApertiumEngine()
    for lang in targets():
        text, said = update(pot, lang, engine)
        assert text == catalogue_path(lang).read_text(encoding="utf-8"), lang
        assert said.startswith("nothing drafted"), (lang, said)
