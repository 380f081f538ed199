"""Catalogues: templates, msgmerge-style merging that never loses a translation, strict reading."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.catalog import build_catalog, dump, merge, read_catalog, translations
from pipeline.errors import CatalogError
from pipeline.locales import language
from pipeline.segment import segment

SOURCE = """\
# Souveraineté numérique

La Métropole soutient la filière numérique.

Les cybermenaces augmentent chaque année en Provence.

Marseille accueille dix-huit câbles sous-marins.
"""
HUMAN = {
    "Souveraineté numérique": "Digital sovereignty",
    "La Métropole soutient la filière numérique.": "The Metropolis supports the digital sector.",
    "Les cybermenaces augmentent chaque année en Provence.": "Cyber threats grow every year in Provence.",
    "Marseille accueille dix-huit câbles sous-marins.": "Marseille hosts eighteen submarine cables.",
}


def _pot(text: str) -> polib.POFile:
    return build_catalog(segment(text, "source/doc.fr.md"), "demo 1.0", "fr")


def _translated() -> polib.POFile:
    po = merge(_pot(SOURCE), None, language("en"))
    for entry in po:
        entry.msgstr = HUMAN[entry.msgid]
    return polib.pofile(dump(po))  # as a translator's editor would save and we would read it back


def _live(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po if not e.obsolete}


def _all_msgstrs(po: polib.POFile) -> set[str]:
    return {e.msgstr for e in po if e.msgstr}


def test_template_has_header_references_and_kinds() -> None:
    pot = _pot(SOURCE + "\nLa Métropole soutient la filière numérique.\n")
    assert pot.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert pot.metadata["X-Generator"].startswith("pipeline ")
    entry = pot.find("La Métropole soutient la filière numérique.")
    assert entry.occurrences == [("source/doc.fr.md", "3"), ("source/doc.fr.md", "9")]
    assert [e.comment for e in pot] == ["heading 1", "paragraph", "paragraph", "paragraph"]


@pytest.mark.parametrize("lang, plural, team", [
    ("en", "nplurals=2; plural=(n != 1);", "English (English)"),
    ("zh", "nplurals=1; plural=0;", "Chinese (中文)"),
    ("oc", "nplurals=2; plural=(n != 1);", "Occitan (occitan)"),
])
def test_po_header_from_babel(lang: str, plural: str, team: str) -> None:
    po = merge(_pot(SOURCE), None, language(lang))
    assert (po.metadata["Language"], po.metadata["Plural-Forms"], po.metadata["Language-Team"]) == (lang, plural, team)


def test_merge_keeps_translation_and_flags_of_unchanged_msgid() -> None:
    old = _translated()
    old.find("Souveraineté numérique").flags.append("no-check-numbers")
    new = merge(_pot(SOURCE), old, language("en"))
    assert translations(new) == HUMAN
    assert new.find("Souveraineté numérique").flags == ["no-check-numbers"]
    assert not any(e.obsolete for e in new)


def test_merge_makes_edited_paragraph_fuzzy_with_previous_msgid() -> None:
    edited = SOURCE.replace("augmentent chaque année", "augmentent fortement chaque année")
    new = merge(_pot(edited), _translated(), language("en"))
    entry = _live(new)["Les cybermenaces augmentent fortement chaque année en Provence."]
    assert entry.fuzzy
    assert entry.msgstr == "Cyber threats grow every year in Provence."
    assert entry.previous_msgid == "Les cybermenaces augmentent chaque année en Provence."
    assert _all_msgstrs(new) >= set(HUMAN.values())


def test_merge_keeps_deleted_paragraph_as_obsolete_and_revives_it() -> None:
    deleted = SOURCE.replace("Marseille accueille dix-huit câbles sous-marins.\n", "")
    new = merge(_pot(deleted), _translated(), language("en"))
    gone = [e for e in new if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in gone] == [("Marseille accueille dix-huit câbles sous-marins.",
                                                   "Marseille hosts eighteen submarine cables.")]
    assert "#~ msgid" in dump(new)
    restored = merge(_pot(SOURCE), polib.pofile(dump(new)), language("en"))
    assert translations(restored) == HUMAN and not any(e.obsolete for e in restored)


def test_merge_adds_new_paragraph_untranslated_without_wrong_guess() -> None:
    added = SOURCE + "\nUn tout autre sujet : la formation des jeunes talents.\n"
    new = merge(_pot(added), _translated(), language("en"))
    entry = _live(new)["Un tout autre sujet : la formation des jeunes talents."]
    assert (entry.msgstr, entry.fuzzy) == ("", False)
    assert translations(new) == HUMAN


def test_merge_with_edit_delete_and_add_at_once_loses_no_translation() -> None:
    changed = (SOURCE.replace("La Métropole soutient", "La Métropole soutient fortement")
               .replace("Marseille accueille dix-huit câbles sous-marins.\n", "")
               + "\nUn nouveau paragraphe sur l'école La Plateforme.\n")
    old = _translated()
    new = merge(_pot(changed), old, language("en"))
    assert _all_msgstrs(new) == set(HUMAN.values())
    again = merge(_pot(changed), polib.pofile(dump(new)), language("en"))
    assert dump(again) == dump(new)


def test_merge_keeps_translator_header_fields() -> None:
    old = _translated()
    old.metadata["Last-Translator"] = "Jeanne <jeanne@example.org>"
    old.metadata["Language-Team"] = "Équipe EN"
    new = merge(_pot(SOURCE), old, language("en"))
    assert new.metadata["Last-Translator"] == "Jeanne <jeanne@example.org>"
    assert new.metadata["Language-Team"] == "Équipe EN"


BAD_PO = {
    "unterminated.po": (7, "unterminated string"),
    "stray-text.po": (8, "unexpected text"),
    "bad-escape.po": (7, "unknown escape"),
    "latin1.po": (7, "not valid UTF-8"),
    "duplicate-msgstr.po": (8, "syntax error"),
}


@pytest.mark.parametrize("name", sorted(BAD_PO))
def test_read_catalog_rejects_broken_po_with_its_line(name: str, tmp_path: Path) -> None:
    line, what = BAD_PO[name]
    path = Path(__file__).parent / "data" / "bad" / name
    with pytest.raises(CatalogError) as info:
        read_catalog(path)
    assert str(info.value).startswith(f"{path}:{line}: {what}")


def test_merge_keeps_a_plural_translation_someone_added_as_obsolete() -> None:
    old = _translated()
    old.append(polib.POEntry(msgid="%d câble", msgid_plural="%d câbles", msgstr_plural={0: "%d cable", 1: "%d cables"}))
    new = merge(_pot(SOURCE), polib.pofile(dump(old)), language("en"))
    (gone,) = [e for e in new if e.obsolete]
    assert (gone.msgid_plural, gone.msgstr_plural) == ("%d câbles", {0: "%d cable", 1: "%d cables"})
    assert polib.pofile(dump(new)).obsolete_entries()[0].msgstr_plural == {0: "%d cable", 1: "%d cables"}
