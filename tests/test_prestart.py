"""Hunspell and lt-proc started before their words are known (a cold check) answer as when started on asking."""
from __future__ import annotations

import subprocess

import pytest

from pipeline import agreement, morphology, spelling, wording

WORDS = ["maison", "ordinateur", "zzqxw", "aujourd'hui", "Marseille", "cybersécurité", "qzxqz"]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """No answers remembered in this process, as at the start of a cold check; what a test asks stays its own
    (the tools' memories are the process's: a text left in _USED without its answer breaks a later `answers`)."""
    for module in (spelling, morphology):
        monkeypatch.setattr(module, "_ANSWERS", {})
        monkeypatch.setattr(module, "_USED", {})
    monkeypatch.setattr(spelling, "_STARTED", {})


def test_a_hunspell_started_early_answers_as_one_started_when_asked(fresh: None) -> None:
    spelling.ask({"fr": WORDS})
    asked = dict(spelling._ANSWERS["fr"])
    spelling._ANSWERS.clear()
    spelling.start(["fr", "fr"])
    started = spelling._STARTED["fr"]
    spelling.ask({"fr": WORDS})
    assert spelling._ANSWERS["fr"] == asked and "zzqxw" in asked["zzqxw"] and not asked["maison"]
    assert started.returncode == 0 and not spelling._STARTED  # fed, then ended


def test_no_hunspell_starts_early_for_a_dictionary_with_answers(fresh: None) -> None:
    spelling.ask({"fr": ["maison"]})
    spelling.start(["fr"])
    assert not spelling._STARTED


def test_a_hunspell_started_and_never_asked_ends(fresh: None) -> None:
    spelling.start(["fr"])
    process = spelling._STARTED["fr"]
    spelling.ask({"fr": []})  # nothing to ask after all
    spelling._stop()
    assert process.returncode == 0 and not spelling._STARTED


@pytest.mark.parametrize("lang, pivots", [("en", ("es",)), ("es", ()), ("it", ("es",)), ("en", ()), ("oc", ()),
                                          ("en", ("es", "ca"))])
def test_the_dictionaries_started_are_those_asked(lang: str, pivots: tuple[str, ...]) -> None:
    asked = wording.asked("La cybersécurité à Marseille", "La ciberseguridad en Marseille", lang, pivots)
    assert set(wording.dictionaries(lang, pivots)) == set(asked)


@pytest.mark.skipif(not agreement.available("oc"), reason="apertium-oci-fra not installed")
def test_an_analyser_started_early_reads_as_one_started_when_asked(fresh: None) -> None:
    path = agreement.analyser("oc")
    assert path is not None
    texts = ["la ciutat es bèla", "los ostals"]

    def analysed(early: bool) -> list[list[morphology.Token]]:
        morphology._ANSWERS.clear()
        morphology._cache(morphology.source(path)).clear()
        morphology._session.cache_clear()  # a new lt-proc (the old one ends at exit)
        if early:
            morphology.start(path)
            assert morphology._session.cache_info().currsize == 1  # started before any text is known
        return morphology.analyse("oc", texts, path)
    assert analysed(early=True) == analysed(early=False) and all(analysed(early=False))


@pytest.mark.skipif(not spelling.available("fr"), reason="hunspell-fr not installed")
def test_words_of_letters_alone_are_answered_as_words_asked_one_by_one(fresh: None) -> None:
    words = WORDS + ["porte-monnaie", "l'ostal", "xyzzy-maison", "MAISON", "Ça", "qzxqzxqzqa", "bien·venue"]
    spelling.ask({"fr": words})
    one_by_one = subprocess.run(["hunspell", "-i", "utf-8", "-d", str(spelling.DICTIONARY_DIR / "fr_FR"), "-l"],
                                input="".join(f"{w}\n{spelling._END}\n" for w in words), capture_output=True,
                                text=True, check=True).stdout.split(f"{spelling._END}\n")
    assert {w: spelling._ANSWERS["fr"][w] for w in words} == {
        w: frozenset(said.split()) for w, said in zip(words, one_by_one)}
    assert spelling._ANSWERS["fr"]["zzqxw"] == {"zzqxw"} and spelling._ANSWERS["fr"]["l'ostal"]  # both kinds rejected
