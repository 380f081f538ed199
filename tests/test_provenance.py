"""The provenance comment of a draft, read back as set_draft wrote it or as an editor wrapped it."""
from __future__ import annotations

import polib
import pytest

from pipeline.provenance import Provenance, provenance, set_draft

ORIGIN = "apertium fr-es+spa-ita (pivot via es, lower quality; apertium-fr-es 0.9.4-1)"


def test_unknown_and_pivot_words_are_written_and_read_back() -> None:
    entry = polib.POEntry(msgid="x", msgstr="")
    set_draft(entry, "y", Provenance("machine", ORIGIN, unknown_words=("Ochs", "espaldarazo"), rules="2",
                                     pivot_words=("espaldarazo",)))
    assert "mt unknown words: Ochs, espaldarazo\nmt pivot words: espaldarazo\n" in entry.tcomment
    found = provenance(entry)
    assert found is not None
    assert (found.unknown_words, found.pivot_words, found.pivots) == (("Ochs", "espaldarazo"), ("espaldarazo",), ("es",))


@pytest.mark.parametrize("comment, unknown, pivot", [
    ("mt unknown words: Ochs, espaldarazo,\nperegrino, Saadé\ndraft: 0123abcd, rules 2",
     ("Ochs", "espaldarazo", "peregrino", "Saadé"), ()),
    ("mt unknown words: Ochs,\n  espaldarazo,\nperegrino\nmt pivot words: espaldarazo,\nperegrino\ndraft: 0123abcd",
     ("Ochs", "espaldarazo", "peregrino"), ("espaldarazo", "peregrino")),
    # a line after a list that does not end in a comma is not part of it: a translator's note stays out
    ("mt unknown words: Ochs, Saadé\nCheck the names with the client\ndraft: 0123abcd", ("Ochs", "Saadé"), ()),
])
def test_a_word_list_an_editor_wrapped_is_read_whole(comment: str, unknown: tuple[str, ...],
                                                     pivot: tuple[str, ...]) -> None:
    entry = polib.POEntry(msgid="x", msgstr="y", tcomment=f"machine translation: {ORIGIN}\n{comment}")
    found = provenance(entry)
    assert found is not None
    assert (found.unknown_words, found.pivot_words, found.draft) == (unknown, pivot, "0123abcd")
