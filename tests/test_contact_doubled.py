"""Address blocks kept with labels localised by table; doubled words removed unless the source doubles one."""
from __future__ import annotations

import pytest

from pipeline.contact import is_contact_block, label_spans, localise_contact
from pipeline.doubled import undouble

BLOCK = "10 PLACE DE LA JOLIETTE  \nCS 45607 - 13567 MARSEILLE CEDEX 02  \nTÉL. 33 (0)4 96 11 60 00"


@pytest.mark.parametrize("text, expected", [
    (BLOCK, True),
    ("Le port de Marseille  \nest au 1 quai.", False),            # no postal line
    ("13567 MARSEILLE CEDEX 02", False),                          # one line is not a block
])
def test_address_blocks_are_recognised_by_their_postal_line(text: str, expected: bool) -> None:
    assert is_contact_block(text) is expected


@pytest.mark.parametrize("lang, label", [("en", "TEL."), ("es", "TEL."), ("it", "TEL."), ("zh", "TÉL.")])
def test_address_lines_are_kept_and_labels_localised(lang: str, label: str) -> None:
    assert localise_contact(BLOCK, lang) == BLOCK.replace("TÉL.", label)


@pytest.mark.parametrize("text, lang, expected", [
    ("Contact : Jean Dupont, Tél. : 04 91 00 00 00", "en", ["Tel."]),
    ("TÉL. 33 (0)4 96 11 60 00 - FAX +33 4 96 11 60 01", "es", ["TEL.", "FAX"]),
    ("Tel 06 12 34 56 78, port. 07 00 00 00 00", "it", ["Tel.", "Cell."]),
    ("Tél. : 04 91 00 00 00", "zh", ["Tél."]),                      # no label for the language: as written
    ("Le port de Marseille accueille 2 000 navires.", "en", []),   # the noun port, not a label
    ("Le port 2 est ouvert.", "en", []),                           # a figure is not a phone number
])
def test_labels_before_a_phone_number_are_localised_anywhere(text: str, lang: str, expected: list[str]) -> None:
    assert [label for _, _, label in label_spans(text, lang)] == expected


@pytest.mark.parametrize("draft, source, expected", [
    ("the port of of Marseille", "le port de Marseille", "the port of Marseille"),
    ("De de la IA", "De l'IA", "De la IA"),
    ("nous nous battons", "nous nous battons", "nous nous battons"),   # the source doubles: left alone
    ("⟦1⟧ ⟦1⟧ 3 3", "x", "⟦1⟧ ⟦1⟧ 3 3"),                             # placeholders and figures are not words
])
def test_doubled_words_are_removed_when_the_source_has_none(draft: str, source: str, expected: str) -> None:
    assert undouble(draft, source) == expected
