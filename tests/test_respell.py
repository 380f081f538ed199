"""Misspelt source words are sent to the engine as the word meant (Hunspell's fr_FR and Apertium's French
analysers), names and coinages never; words the engine misspells in the target are respelt in the draft
(the target's Hunspell); and prefixed words a route lacks go through it hyphenated."""
from __future__ import annotations

import polib
import pytest

from pipeline.catalog import provenance
from pipeline.engines.apertium import ApertiumEngine
from pipeline.respell import read, readings, respellings
from pipeline.translate import translate_catalog
from tests.conftest import batched

DNT = ["riality", "ITER"]


@pytest.mark.parametrize("text, meant", [
    ("NOUS AVONS MENÉ DES PROJETS EN CHOISSANT L'EXPERTISE", {"CHOISSANT": "CHOISISSANT"}),  # two letters left out
    ("DES HÔPITAUX VICTIMES DE CYBERATTQUES.", {"CYBERATTQUES": "CYBERATTAQUES"}),       # one letter left out
    ("DE MANIÈRE RÉILIENTE ET ADAPTÉE", {"RÉILIENTE": "RÉSILIENTE"}),
    ("LA PASSERELLE DES ECHANGES DE DONNÉES", {"ECHANGES": "ÉCHANGES"}),                # a capital's accent
    ("CAR LA SOUVERAINÉTÉ COMMENCE ICI", {"SOUVERAINÉTÉ": "SOUVERAINETÉ"}),             # an accent too many
    ("Responsable du riatity IA Lab", {"riatity": "riality"}),                          # one edit from a dnt name
    ("COMMENT LA FRANCE CONTRIBUE", {}),                 # France, a name the analyser knows (not franche)
    ("Le maire de Marignanne et les salonais", {}),      # a name; salonais is one letter from salopais: left
    ("Les choissant du matin et les choissant du soir", {}),  # written twice the same way: meant
    ("Pour la supply chain, one size fits all", {}),     # English words (size is two letters from seize)
    ("Une plateforme cofinancée par l'UE", {}),           # a word Hunspell accepts: the prefix step's job
])
def test_misspelt_source_words_are_read_as_the_word_meant(text: str, meant: dict[str, str]) -> None:
    assert readings([text], "fr", DNT, DNT) == meant


def test_reading_says_what_was_read_and_touches_whole_words_only() -> None:
    meant = {"ECHANGES": "ÉCHANGES", "CHOISSANT": "CHOISISSANT"}
    assert read("DES ECHANGES, ECHANGES2 ET CHOISSANTS", meant) == ("DES ÉCHANGES, ECHANGES2 ET CHOISSANTS",
                                                                      ("ECHANGES -> ÉCHANGES",))


def test_a_draft_says_which_source_word_was_read_and_the_msgid_stays() -> None:
    po = polib.POFile()
    msgid = "DES HÔPITAUX VICTIMES DE CYBERATTQUES ET DE RANÇONS."
    po.append(polib.POEntry(msgid=msgid, msgstr=""))
    translate_catalog(po, "fr", "es", [ApertiumEngine()])
    entry = po[0]
    assert entry.msgid == msgid and "CIBERATAQUES" in entry.msgstr
    source = provenance(entry)
    assert source is not None and source.source_read == ("CYBERATTQUES -> CYBERATTAQUES",)
    assert "mt source read: CYBERATTQUES -> CYBERATTAQUES" in entry.tcomment.splitlines()


@pytest.mark.parametrize("draft, lang, source, left, meant", [
    ("Unos proyectos inovadores.", "es", "Des projets innovateurs.", (), {"inovadores": "innovadores"}),  # n doubled
    ("PROYECTOS INOVADORES", "es", "PROJETS INNOVATEURS", (), {"INOVADORES": "INNOVADORES"}),       # case kept
    ("Francia se alia con Italia.", "es", "La France s'allie.", (), {"alia": "alía"}),  # aliá too: the analyser's
    ("Scambiiamo idee.", "it", "Nous échangeons des idées.", (), {"Scambiiamo": "Scambiamo"}),  # i undoubled
    ("Volèm contribuïr a la recèrca.", "oc", "Nous voulons contribuer.", (), {"contribuïr": "contribuir"}),
    ("Son convencuts.", "oc", "Ils sont convaincus.", (), {"convencuts": "convençuts"}),
    ("Los comportaments dels usatgièrs.", "oc", "Les comportements.", (), {}),  # oc_FR: compòrtaments, a stress
    ("Aquest exemple il·lustra el paral·lel.", "ca", "Cet exemple illustre.", (), {}),  # whole: not il·llustra
    ("L'impatto dell'intelligenza.", "it", "L'impact de l'intelligence.", (), {}),     # dell' elided, not del
    ("El dosier de prensa.", "es", "Le dossier de presse.", (), {}),       # not back to the source's word
    ("El dosier de prensa.", "es", "Le communiqué de presse.", (), {"dosier": "dossier"}),
    ("Un viaje a Córcega.", "es", "Un voyage en Corse.", (), {}),           # a name for the analyser (Corcega)
    ("L'ANSSI ha gravat 30 atacs.", "ca", "L'ANSII a enregistré 30 attaques.", (), {}),  # an acronym (ANSI)
    ("Unos proyectos inovadores.", "es", "Des projets inovadores.", (), {}),    # the source's own word
    ("Unos proyectos inovadores.", "es", "Des projets innovateurs.", ("inovadores",), {}),  # marked unknown
])
def test_words_the_engine_misspells_are_respelt(draft: str, lang: str, source: str, left: tuple[str, ...],
                                               meant: dict[str, str]) -> None:
    assert respellings([draft], lang, [source], left) == meant


def test_a_draft_says_which_target_word_was_respelt() -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Nous voulons contribuer à la recherche.", msgstr=""))
    translate_catalog(po, "fr", "oc", [ApertiumEngine()])
    entry = po[0]
    assert "contribuir" in entry.msgstr and "contribuïr" not in entry.msgstr, entry.msgstr
    source = provenance(entry)
    assert source is not None and source.respelled == ("contribuïr -> contribuir",)
    assert "mt target respelled: contribuïr -> contribuir" in entry.tcomment.splitlines()


@pytest.mark.parametrize("lang, text, found, left", batched(ApertiumEngine, [
    ("es", "Une plateforme cofinancée par l'UE.", "cofinanciada", "cofinancée"),      # joined: es_ES knows it
    ("es", "La Plateforme, cofondée avec le Club.", "co-fundada", "cofondée"),        # es_ES lacks cofundada: hyphen
    ("en", "Le redéveloppement du logiciel.", "redevelopment", "redéveloppement"),   # through the pivot, joined
    ("ca", "Une bactérie pharmacorésistante.", "farmaco-resistent", "pharmaco"),     # the target's prefix
    ("es", "La France redouble d'efforts.", "redobla", "redoble"),  # fra-cat knows redoubler: mend's, not re-doble
    # fra-cat's sécurisation is 4 words: not split, the lexicon's (lexicon.py)
    ("ca", "La cybersécurisation des réseaux.", "ciberseguretat", "ciber-"),
]))
def test_prefixed_words_a_route_lacks_go_through_it_hyphenated(drafts, lang: str, text: str, found: str,
                                                               left: str) -> None:
    out = drafts(ApertiumEngine, lang, text).text
    assert found in out and left not in out, out
