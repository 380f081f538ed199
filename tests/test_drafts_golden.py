"""Drafts a translator receives, with the real Apertium routes and the project glossary, one golden file per language:
ALL-CAPS quotes (proper nouns as in running text), glossary terms with agreeing determiners, the address block,
hyphenated place names and names with a capital article (Paris La Défense) kept as names, misspelt and prefixed
source words, the pivot chosen per sentence."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.catalog import build_catalog, merge
from pipeline.engines.apertium import ApertiumEngine
from pipeline.glossary import load
from pipeline.locales import language
from pipeline.segment import segment
from pipeline.translate import translate_catalog
from tests.conftest import DOSSIER

ROOT = Path(__file__).resolve().parent.parent
CASES = {  # dossier line -> what it pins
    5: "ALL-CAPS title over hard breaks: DE LA FRANCE",
    28: "ALL-CAPS term: LA FILIÈRE NUMÉRIQUE",
    71: "ALL-CAPS term after elision: L'IA",
    360: "ALL-CAPS quote: MARSEILLE, L'INNOVATION",
    103: "6<sup>e</sup> ordinal, l'IA",
    659: "address block: kept, TÉL. localised",
    448: "hyphenated place name kept: Salon-de-Provence",
    450: "ALL-CAPS quote with a hyphenated place name: SALON-DE-PROVENCE",
    419: "hyphenated names kept (Part-Dieu, Aix-Marseille-Provence), a name with a capital article (La Défense)",
    594: "glossary term with its determiner (la cybersécurité), Provence-Alpes-Côte d'Azur kept",
    41: "short heading in capitals: PAGE 4 (a common word, not the surname Page; capitals kept)",
    475: "ALL-CAPS quote with a typo read as the word meant: CYBERATTQUES",
    612: "a typo of a dnt name read as the name: riatity IA Lab",
    293: "prefixed word the route lacks: cofinancée",
    356: "prefixed word the route lacks: redéveloppement",
    21: "PRISE EN CHARGE: the sentence through the pivot that reads the expression, not prise alone (inmate)",
    473: "Appui à la Protection: a pivot word read as a name (Amparo) mended; the route chosen per sentence",
}


def _catalog(lang: str) -> polib.POFile:
    text = DOSSIER.read_text(encoding="utf-8")
    segments = segment(text, "source/dossier.fr.md")
    chosen = [s for s in segments if s.line in CASES]
    assert sorted(s.line for s in chosen) == sorted(CASES)
    po = merge(build_catalog(segments, "t", "fr"), None, language(lang))
    wanted = {s.text for s in chosen}
    for entry in po:  # the whole document stays for case memory; only the cases are left empty
        if entry.msgid not in wanted:
            entry.msgstr = entry.msgid
    return po


@pytest.mark.parametrize("lang", ["en", "es", "ca", "oc", "it"])
def test_drafts_of_caps_quotes_terms_and_address(lang: str, file_regression) -> None:
    po = _catalog(lang)
    glossary = load(ROOT / "glossary.csv", ("en", "es", "ca", "oc", "it"))
    report = translate_catalog(po, "fr", lang, [ApertiumEngine(blank_placeholders=True)], glossary=glossary)
    assert report.drafts == len(CASES) and not report.error
    drafts = "\n\n".join(f"{e.msgid}\n=>\n{e.msgstr}" for e in po if e.fuzzy) + "\n"
    file_regression.check(drafts, basename=f"drafts_{lang}", extension=".txt")
