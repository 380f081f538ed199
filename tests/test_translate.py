"""The translate stage: drafts only where nothing is written, batched, marked, markup-safe."""
from __future__ import annotations

from collections.abc import Sequence

import polib
import pytest

from pipeline import translate as stage
from pipeline.catalog import Provenance, build_catalog, digest, dump, merge, provenance
from pipeline.engines import EngineError, EngineUnavailable, IdentityEngine
from pipeline.locales import language
from pipeline.segment import segment
from pipeline.translate import RULES_VERSION, _sentences, translate_catalog

SOURCE = """\
# Souveraineté numérique

La Métropole soutient **Airbus Helicopters** et [La Plateforme](https://laplateforme.io).

M. Dupont a 26,6 % des voix. Mme Durand aussi, etc. Le Dr Martin hésite…

**« LE PORT DE MARSEILLE FOS SE POSITIONNE COMME UN LEADER. IL INNOVE. »**

*Fabien Daveze  
Head of Corporate Security*

Déjà traduit par une personne.

Brouillon humain à revoir.
"""


class Recording:
    """A test double: upper-cases its input and records every batch it was given."""

    name = "recording"
    keeps_unknown_words = False

    def __init__(self, fail_on_call: int = 0) -> None:
        self.calls: list[list[str]] = []
        self.fail_on_call = fail_on_call
        self.last_unknown: list[list[str]] = []

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append(list(texts))
        if len(self.calls) == self.fail_on_call:
            raise EngineError("model crashed")
        return [t.upper() for t in texts]

    def provenance(self, source: str, target: str) -> str:
        return "recording 1.0"


class Absent:
    name = "absent"
    keeps_unknown_words = False
    last_unknown: list[list[str]] = []  # never translates, so never reports

    def supports(self, source: str, target: str) -> bool:
        return False

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        raise AssertionError("never called")

    def provenance(self, source: str, target: str) -> str:
        raise EngineUnavailable(f"absent: no model for {source}->{target}; install one with `pipeline models install {target}`")


def _catalog() -> polib.POFile:
    po = merge(build_catalog(segment(SOURCE, "doc.md"), "t", "fr"), None, language("en"))
    po.find("Déjà traduit par une personne.").msgstr = "Already translated by a person."
    human = po.find("Brouillon humain à revoir.")
    human.msgstr, human.flags = "Human draft to review.", ["fuzzy"]
    return polib.pofile(dump(po))


def test_only_empty_entries_get_drafts_marked_fuzzy_with_provenance() -> None:
    po = _catalog()
    report = translate_catalog(po, "fr", "en", [Recording()])
    assert report.drafts == len(po) - 2
    done = po.find("Déjà traduit par une personne.")
    assert (done.msgstr, done.flags, done.tcomment) == ("Already translated by a person.", [], "")
    fuzzy = po.find("Brouillon humain à revoir.")
    assert (fuzzy.msgstr, fuzzy.flags, fuzzy.tcomment) == ("Human draft to review.", ["fuzzy"], "")
    heading = po.find("Souveraineté numérique")
    assert heading.msgstr == "SOUVERAINETÉ NUMÉRIQUE" and heading.fuzzy
    assert heading.tcomment == f"machine translation: recording 1.0\ndraft: {digest(heading.msgstr)}, rules {RULES_VERSION}"
    assert provenance(heading) == Provenance("machine", "recording 1.0", rules=RULES_VERSION,
                                             draft=digest(heading.msgstr))


def test_markup_reaches_the_engine_as_placeholders_and_comes_back() -> None:
    po = _catalog()
    engine = Recording()
    translate_catalog(po, "fr", "en", [engine])
    sent = [t for call in engine.calls for t in call]
    assert "LA MÉTROPOLE SOUTIENT ⟦1⟧AIRBUS HELICOPTERS⟦2⟧ ET ⟦3⟧LA PLATEFORME⟦4⟧." in [t.upper() for t in sent]
    assert not any("https://" in t or "**" in t for t in sent)
    entry = po.find("La Métropole soutient **Airbus Helicopters** et [La Plateforme](https://laplateforme.io).")
    assert entry.msgstr == "LA MÉTROPOLE SOUTIENT **AIRBUS HELICOPTERS** ET [LA PLATEFORME](https://laplateforme.io)."
    signature = po.find("*Fabien Daveze  \nHead of Corporate Security*")
    assert signature.msgstr == "*Fabien DAVEZE  \nHEAD OF CORPORATE SECURITY*"  # a given name stays as written
    assert "⟦4⟧ Daveze" in sent and "Head of Corporate Security" in sent


def test_all_caps_go_to_the_engine_in_running_text_case_and_come_back_in_capitals() -> None:
    po = _catalog()
    engine = Recording()
    translate_catalog(po, "fr", "en", [engine])
    sent = [t for call in engine.calls for t in call]
    # Marseille is a proper noun to Apertium's French analyser; fos is not known; each sentence's first word
    # in its own case (le, il: no capital that would let the engine read a name)
    assert "« le port de Marseille fos se positionne comme un leader. il innove. »" in sent or \
        "« le port de Marseille fos se positionne comme un leader." in sent and "il innove. »" in sent
    assert po.find("**« LE PORT DE MARSEILLE FOS SE POSITIONNE COMME UN LEADER. IL INNOVE. »**").msgstr.isupper()


def test_sentences_of_the_whole_catalogue_go_in_few_sorted_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "CHUNK", 4)
    po = _catalog()
    engine = Recording()
    translate_catalog(po, "fr", "en", [engine])
    batches = engine.calls
    flat = [t for b in batches for t in b]
    assert len(flat) == len(set(flat))
    assert [len(t) for t in flat] == sorted(len(t) for t in flat)
    assert len(batches) == -(-len(flat) // 4)


def test_second_run_calls_no_engine() -> None:
    po = _catalog()
    translate_catalog(po, "fr", "en", [Recording()])
    again = Recording()
    report = translate_catalog(polib.pofile(dump(po)), "fr", "en", [again])
    assert again.calls == [] and report.drafts == 0


def test_engine_failure_midway_keeps_finished_drafts_and_a_valid_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "CHUNK", 3)
    counting = Recording()
    translate_catalog(_catalog(), "fr", "en", [counting])
    po = _catalog()
    report = translate_catalog(po, "fr", "en", [Recording(fail_on_call=len(counting.calls))])
    assert "model crashed" in report.error
    drafts = [e for e in po if provenance(e)]
    assert 0 < len(drafts) < len(po) - 2
    reread = polib.pofile(dump(po))
    assert {e.msgid: e.msgstr for e in reread} == {e.msgid: e.msgstr for e in po}
    assert reread.find("Déjà traduit par une personne.").msgstr == "Already translated by a person."


def test_no_engine_leaves_entries_empty_and_says_how_to_install() -> None:
    po = _catalog()
    report = translate_catalog(po, "fr", "de", [Absent()])
    assert "pipeline models install de" in report.unavailable
    assert report.drafts == 0 and sum(1 for e in po if not e.msgstr) == len(po) - 2


def test_first_engine_that_supports_the_pair_wins() -> None:
    po = _catalog()
    report = translate_catalog(po, "fr", "en", [Absent(), IdentityEngine()])
    assert report.engine == "identity (copies the source)"
    entry = po.find("La Métropole soutient **Airbus Helicopters** et [La Plateforme](https://laplateforme.io).")
    assert entry.msgstr == entry.msgid


def test_markup_an_engine_drops_is_flagged_not_hidden() -> None:
    class Dropper(Recording):
        def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
            return [t.replace("⟦2⟧", "") for t in texts]

    po = _catalog()
    translate_catalog(po, "fr", "en", [Dropper()])
    entry = po.find("La Métropole soutient **Airbus Helicopters** et [La Plateforme](https://laplateforme.io).")
    assert entry.fuzzy and "mt problem: markup '**' (⟦2⟧) missing" in entry.tcomment


@pytest.mark.parametrize("text, sentences", [
    ("M. Dupont et Mme Durand sont là. Le Dr Martin aussi.", ["M. Dupont et Mme Durand sont là.", "Le Dr Martin aussi."]),
    ("Le chômage atteint 26,6 % chez les jeunes. Il baisse.", ["Le chômage atteint 26,6 % chez les jeunes.", "Il baisse."]),
    ("Une étude indique 575.1 milliards. Elle est récente.", ["Une étude indique 575.1 milliards.", "Elle est récente."]),
    # pysbd keeps a quoted exclamation with what follows: one longer unit, no harm done
    ("Il dit : « Nous collaborons ! » Puis il part.", ["Il dit : « Nous collaborons ! » Puis il part."]),
    ("Des experts, des chercheurs, etc. sont là.", ["Des experts, des chercheurs, etc. sont là."]),
    ("Une seule phrase sans point final", ["Une seule phrase sans point final"]),
    ("⟦1⟧INSEE⟦2⟧ le dit. ⟦3⟧Voilà⟦4⟧.", ["⟦1⟧INSEE⟦2⟧ le dit.", "⟦3⟧Voilà⟦4⟧."]),
])
def test_french_sentence_segmentation(text: str, sentences: list[str]) -> None:
    assert list(_sentences(text)) == sentences
