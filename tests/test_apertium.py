"""ApertiumEngine against the real `apertium` binary and Debian pairs.

CI installs the packages in tools/apertium-packages.txt; nothing here is mocked
except a counting wrapper around the engine's passes.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.engines import apertium as apertium_mod
from pipeline.engines import pipes
from pipeline.engines.apertium import ApertiumEngine
from pipeline.engines.mend import in_expressions
from pipeline.errors import EngineError, EngineUnavailable
from tests.conftest import DOSSIER, batched

BATCH = [
    "La souveraineté numérique de la France.",
    "Le chat mange la souris verte.",
    "Les entreprises investissent dans la recherche.",
    "La métropole est un carrefour stratégique.",
]
# One word per BATCH line that must appear, at the same index, per target.
EXPECTED = {
    "es": ["soberanía", "gato", "empresas", "estratégico"],
    "ca": ["sobirania", "gat", "empreses", "metròpoli"],
    "oc": ["sobeiranetat", "gat", "entrepresas", "metropòli"],
}
MODES = Path("/usr/share/apertium/modes")
SPANISH = {("fr", "en"): ("fr-es", "spa-eng")}  # English through Spanish alone (ROUTES: Spanish first, per sentence)


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    return ApertiumEngine()


def spanish() -> ApertiumEngine:
    """English and Italian through Spanish alone: one route, no per-sentence choice."""
    return ApertiumEngine(choose=False, routes=SPANISH)


def _version(package: str) -> str:
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("target", ["es", "ca", "oc"])
def test_direct_pairs_translate_in_order(engine: ApertiumEngine, target: str) -> None:
    assert engine.supports("fr", target)
    out = engine.translate(BATCH, "fr", target)
    assert len(out) == len(BATCH)
    for src, dst, word in zip(BATCH, out, EXPECTED[target]):
        assert dst != src
        assert word in dst.lower(), (target, dst)


def test_known_phrase_spanish(engine: ApertiumEngine) -> None:
    assert "soberanía" in engine.translate(["la souveraineté numérique"], "fr", "es")[0]


def test_pivot_to_english(engine: ApertiumEngine) -> None:
    out = engine.translate(BATCH[:2], "fr", "en")
    assert "France" in out[0] and "cat" in out[1]
    label = engine.provenance("fr", "en")  # the chosen route (ROUTES): through Spanish, British spelling
    assert "pivot via es" in label and "fr-es+spa-eng" in label
    assert f"apertium-eng-spa {_version('apertium-eng-spa')}" in label


def test_without_a_measured_route_the_pivot_is_spanish() -> None:
    assert ApertiumEngine(routes={}).route("fr", "en") == ["fr-es", "spa-eng"]
    assert ApertiumEngine().route("fr", "it") == ["fr-es", "spa-ita"]


@pytest.mark.parametrize("target, text, left, written", batched(spanish, [
    # Spanish words spa-eng does not know, back to French (es-fr) and through Catalan (fra-cat + cat-eng)
    ("en", "Les acteurs innovants sont inclusifs et les défis sont nombreux.", "inovadores", "innovators"),
    ("en", "Les défis sont nombreux.", "envites", "challenges"),
    # a French word fr-es does not know, alone through Catalan
    ("en", "Marseille est le berceau de l'IA.", "berceau", "cradle"),
    ("it", "Marseille est le berceau de l'IA.", "berceau", "culla"),
    # French words fr-es does not know, alone through Catalan (fra-cat + cat-spa)
    ("es", "Marseille est le berceau de l'IA.", "berceau", "cuna"),
    ("es", "Il faut optimiser les réseaux.", "optimiser", "optimizar"),
    ("es", "La ville ambitionne de grandir.", "ambitionne", "ambiciona"),
    ("es", "Il faut explorer la mer.", "explorer", "explorar"),
    # a ligature fr-es does not read: spelled out, through fr-es itself (Catalan's cor would come back as coro)
    ("es", "Le cœur de la ville.", "cœur", "corazón"),
    ("es", "Une œuvre collective.", "œuvre", "obra"),
    # French words fra-cat does not know, alone through Spanish (fr-es + spa-cat)
    ("ca", "Un environnement concurrentiel.", "concurrentiel", "competitiu"),
]))
def test_words_a_route_leaves_are_translated_through_another_route(
        drafts, target: str, text: str, left: str, written: str) -> None:
    out, unknown, pivot, _ = drafts(spanish, target, text)  # one route (through Catalan, no inovadores is written)
    assert left not in out and written in out.lower(), out
    assert left not in unknown and left not in pivot


@pytest.mark.parametrize("target, text, left", batched(ApertiumEngine, [
    ("es", "Des parcours diplômants.", "diplômants"),  # unknown to every route and to the lexicon (lexicon.py)
    ("es", "Le pôle salonais du Campus.", "salonais"),
    ("es", "Le Cœur battant.", "Cœur"),  # capitalised: a name, as the source has it
    ("oc", "Des formations diplômantes.", "diplômantes"),  # fra-oci is the only route to Occitan
]))
def test_french_words_no_other_route_translates_stay_reported(drafts, target: str, text: str, left: str) -> None:
    out, unknown, _, _ = drafts(ApertiumEngine, target, text)
    assert left in out and left in unknown, out


@pytest.mark.parametrize("target, text, pivot_word, source_word, written", batched(spanish, [
    # appui -> espaldarazo, demandeurs -> peticionarios, confronté -> confrontado: unknown to spa-eng and, through
    # Catalan (recolzament, confrontat), to cat-eng: back to the source word, which the lexicon has (lexicon.py);
    # spa-ita lacks aeroespacial, the lexicon aérospatial: the French word stays, reported
    ("en", "Ce soutien est un appui décisif.", "espaldarazo", "appui", "support"),
    ("en", "Les demandeurs sont là.", "peticionarios", "demandeurs", "applicants"),
    ("en", "Il est confronté à trois défis.", "confrontado", "confronté", "confronted"),
    ("it", "Le centre aérospatial est là.", "aeroespacial", "aérospatial", "aérospatial"),
]))
def test_pivot_words_no_route_translates_go_back_to_the_source_word(
        drafts, target: str, text: str, pivot_word: str, source_word: str, written: str) -> None:
    out, unknown, pivot, _ = drafts(spanish, target, text)  # the Spanish pivot alone (through Catalan: applicants)
    assert pivot_word not in out and written in out, out
    assert pivot == [] and (source_word in unknown) == (written == source_word)


def test_pivot_words_whose_source_word_the_sentence_lacks_are_reported() -> None:
    engine = ApertiumEngine(choose=False, routes={("fr", "it"): ("fra-cat", "cat-ita")})
    out = engine.translate(["Il faut que les entreprises françaises façonnent l'avenir."], "fr", "it")[0]
    # afaiçonin, a subjunctive, comes back from cat-fra in another form than the sentence's façonnent
    assert "afaiçonin" in out and engine.last_pivot == [["afaiçonin"]], out
    assert all(set(p) <= set(u) for p, u in zip(engine.last_pivot, engine.last_unknown))
    engine.translate(["Ce soutien est un appui décisif."], "fr", "es")
    assert engine.last_pivot == [[]]  # a direct pair leaves no pivot words


@pytest.mark.parametrize("target, text, written", batched(spanish, [
    ("en", "Focus sur les enjeux.", "Focus on the"),  # spa-eng would write `Focus On the`
    ("en", "La Provence a été pionnière.", "has been"),  # `Provenza Has been`
    ("en", "⟦0⟧Focus⟦1⟧ sur les enjeux.", "⟦1⟧ on the"),  # markup between the words
    ("en", "Il parle. Focus sur les enjeux.", ". Focus on the"),  # a sentence inside the segment
    ("en", "Aix Marseille Provence est grande.", "Aix Marseilles Provence"),  # names after the unknown word stay
]))
def test_no_capital_after_an_unknown_sentence_opener(drafts, target: str, text: str, written: str) -> None:
    assert written in drafts(spanish, target, text).text  # spa-eng is the pair that capitalises


@pytest.mark.parametrize("target, text, written", [
    ("es", "Xqzb s'appuie sur des organisations.", "Xqzb se apoya sobre"),  # not `Xqzb #apoyar sobre`
    ("es", "Xqzb les soutient.", "Xqzb los sostiene."),                    # not `Xqzb #sostener`
    ("es", "⟦2⟧Xqzc m'aide.", "⟦2⟧Xqzc me ayuda."),                       # after markup
    ("es", "Xqzb est là.", "Xqzb es allí."),                                # no clitic: sent as it is
    ("en", "Xqzb s'appuie sur des organisations.", "Xqzb leans"),  # the pivot's pair reads the word: not `it leans`
])
def test_a_stand_in_opening_a_sentence_keeps_the_clitic_after_it(target: str, text: str, written: str) -> None:
    engine = ApertiumEngine(choose=False)
    assert engine.translate([text], "fr", target)[0].startswith(written)


@pytest.mark.parametrize("target, text, route, written, not_written", batched(ApertiumEngine, [
    # fra-cat reads `prise en charge` as one expression; fr-es writes apresamiento, mended alone as inmate
    ("en", "La prise en charge des signalements.", ("fra-cat", "cat-eng"), "attention", "inmate"),
    ("it", "La prise en charge des signalements.", ("fra-cat", "cat-ita"), "attenzione", "preda"),
    # peticionarios and federa are unknown to spa-eng; cat-eng knows sol·licitants and federa; peticionarios goes
    # back to demandeurs, which the lexicon writes as applicants: a tie keeps the measured route
    ("en", "Les demandeurs sont là.", ("fr-es", "spa-eng"), "applicants", "peticionarios"),
    ("en", "Le réseau fédère les acteurs.", ("fra-cat", "cat-eng"), "federates", "federa"),
    # both routes leave a pivot word (confrontado, confrontat): a tie keeps the measured route
    ("en", "Il est confronté à trois défis.", ("fr-es", "spa-eng"), "challenges", "confrontado"),
    ("en", "Le chat mange la souris.", ("fr-es", "spa-eng"), "cat", "gato"),
    ("it", "Il est confronté à trois défis.", ("fr-es", "spa-ita"), "sfide", "confrontat"),
    # cat-eng turns the name Amidi, which fra-cat passed on, into Measure
    ("en", "Plug and Play, fondé en 2006 par Saeed Amidi, développe ses activités.", ("fr-es", "spa-eng"),
     "Amidi", "Measure"),
]))
def test_each_sentence_takes_the_pivot_that_leaves_fewer_words_in_doubt(
        engine: ApertiumEngine, drafts, target: str, text: str, route: tuple[str, ...], written: str,
        not_written: str) -> None:
    out, _, _, chosen = drafts(ApertiumEngine, target, text)
    assert chosen == route and written in out, out
    assert not re.search(rf"(?<!\w){re.escape(not_written)}(?!\w)", out), out
    assert engine.label([chosen]) in engine.origins("fr", target)


@pytest.mark.parametrize("target, text, name, written", batched(spanish, [
    # appui à la protection -> apoyo al amparo: spa-eng and spa-ita read Amparo as a given name
    ("en", "La Cellule d'Appui à la Protection des entreprises.", "Amparo", "Protection"),
    ("it", "La Cellule d'Appui à la Protection des entreprises.", "Amparo", "Protezione"),
]))
def test_pivot_words_the_second_pair_reads_as_names_are_mended(drafts, target: str, text: str, name: str,
                                                               written: str) -> None:
    out = drafts(spanish, target, text).text
    assert name not in out and written in out, out


@pytest.mark.parametrize("text, word, inside", [
    ("La prise en charge des signalements.", "prise", True),  # fra-cat's analyser: one unit, prise en charge
    ("Une prise de la Bastille.", "prise", False),
    ("Le port de Marseille Fos se positionne.", "positionne", False),
])
def test_a_word_of_a_multiword_expression_is_found(text: str, word: str, inside: bool) -> None:
    analysers = [a for m in ("fr-es", "fra-cat") if (a := ApertiumEngine()._analyser(m))]
    assert in_expressions(text, [word], "fr", analysers) == ([word] if inside else [])


def test_a_draft_through_both_pivots_names_both() -> None:
    engine = ApertiumEngine()
    both = engine.label([("fra-cat", "cat-eng"), ("fr-es", "spa-eng")])
    assert both.startswith("apertium fr-es+spa-eng and fra-cat+cat-eng (pivot via es and ca, lower quality; ")
    assert engine.origins("fr", "en") == {engine.label([("fr-es", "spa-eng")]), both,
                                          engine.label([("fra-cat", "cat-eng")])}
    assert engine.origins("fr", "es") == {engine.provenance("fr", "es")}


def test_provenance_names_package_version(engine: ApertiumEngine) -> None:
    assert engine.provenance("fr", "es") == f"apertium fr-es (apertium-fr-es {_version('apertium-fr-es')})"
    assert "apertium-fra-cat" in engine.provenance("fr", "ca")
    assert "apertium-oci-fra" in engine.provenance("fr", "oc")
    assert "pivot" not in engine.provenance("fr", "oc")


def _count_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = pipes.translate

    def counting(mode, *a, **kw):  # type: ignore[no-untyped-def]
        calls.append(mode.stem)
        return real(mode, *a, **kw)

    monkeypatch.setattr(pipes, "translate", counting)
    return calls


def test_one_pass_per_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_calls(monkeypatch)
    engine = ApertiumEngine()
    texts = [f"Phrase numéro {i} : le chat mange la souris." for i in range(50)]
    out = engine.translate(texts, "fr", "es")
    assert calls == ["fr-es"] and len(out) == 50
    assert all(f"{i}" in o for i, o in enumerate(out))
    engine.translate(texts, "fr", "en")  # pivot: one pass per leg of each of the two routes
    assert calls[1:] == ["fr-es", "spa-eng", "fra-cat", "cat-eng"]


PARAGRAPHS = [p for p in DOSSIER.read_text(encoding="utf-8").split("\n\n") if p.strip()]


@pytest.mark.parametrize("mode, before, sentence", [
    ("fra-cat", slice(180, 185), next(p for p in PARAGRAPHS if "PREMIÈRE LIGNE DE DÉFENSE" in p)),  # the tagger
    ("fra-oci", slice(205, 210), "Le Xqzg se doit d'être au plus près de son territoire, d'en comprendre les enjeux "
                                 "économiques, industriels, sociaux, politiques, voire culturels."),  # cg-proc
])
def test_a_batch_through_the_kept_programs_comes_out_as_from_apertium_alone(mode: str, before: slice,
                                                                           sentence: str) -> None:
    """A batch after another through the same kept programs gives byte for byte what `apertium -f html MODE`
    gives it alone.  The tagger and the constraint grammar carry state over a NUL flush and run afresh per
    batch (pipes.FRESH): kept, the tagger changes a word of the fra-cat sentence after those paragraphs, the
    constraint grammar one of the Occitan sentence."""
    def html(texts: list[str]) -> bytes:
        return "".join(f"<p>{apertium_mod._encode(t, False)[0]}</p>\n" for t in texts).encode()
    env = dict(pipes.environment(), APERTIUM_TRANSFUSE="no")
    alone = subprocess.run(["apertium", "-f", "html", mode], input=html([sentence]), capture_output=True,
                           env=env, check=True).stdout
    pipes.translate(MODES / f"{mode}.mode", html(PARAGRAPHS[before]), 60)
    assert pipes.translate(MODES / f"{mode}.mode", html([sentence]), 60) == (alone, "")


def test_segments_do_not_merge(engine: ApertiumEngine) -> None:
    out = engine.translate(["Le chat mange", "la souris verte", "", "  "], "fr", "es")
    assert out == ["El gato come", "el ratón verde", "", "  "]


def test_unknown_words_stripped_and_reported(engine: ApertiumEngine) -> None:
    out = engine.translate(["Martine Vassal parle de xyzzyq.", "Le chat."], "fr", "es")
    assert not any(c in out[0] for c in "*#@")
    assert "xyzzyq" in out[0] and "Vassal" in out[0]
    assert "xyzzyq" in engine.last_unknown[0] and "Vassal" in engine.last_unknown[0]
    assert engine.last_unknown[1] == []


def test_source_mark_chars_are_kept(engine: ApertiumEngine) -> None:
    out = engine.translate(["5 * 3 = 15", "le #chat", "*important* et *xyzzyq*",
                            "A.xyzzy"], "fr", "es")
    assert out[0] == "5 * 3 = 15"
    assert out[1] == "el #gato"
    assert out[2].count("*") == 4 and "*xyzzyq*" in out[2]
    assert "*" not in out[3]
    assert engine.last_unknown[0] == [] and engine.last_unknown[2] == ["xyzzyq"]


def test_special_characters_survive(engine: ApertiumEngine) -> None:
    src = "« La maison » & l'homme < 3 > 2 \"oui\"\nligne deux"
    out = engine.translate([src], "fr", "es")[0]
    for part in ("«", "»", "&", "< 3 > 2", '"', "\n", "el hombre"):
        assert part in out, out


@pytest.mark.parametrize("target", ["es", "ca", "oc", "en"])
@pytest.mark.parametrize("blanks", [False, True])
def test_placeholders_survive(target: str, blanks: bool) -> None:
    engine = ApertiumEngine(blank_placeholders=blanks)
    src = ["⟦1⟧La souveraineté⟦2⟧ numérique de ⟦3⟧.",
           "Voir {1}le rapport{2} et [1] la page [2].",
           "Le chat ⟦1⟧ mange ⟦10⟧ la souris ⟦@x⟧ verte."]
    out = engine.translate(src, "fr", target)
    for ph in ("⟦1⟧", "⟦2⟧", "⟦3⟧", "{1}", "{2}", "[1]", "[2]", "⟦10⟧", "⟦@x⟧"):
        assert sum(s.count(ph) for s in src) == sum(o.count(ph) for o in out), (ph, out)
    assert out[0].index("⟦1⟧") < out[0].index("⟦2⟧") < out[0].index("⟦3⟧")


def test_blank_placeholders_keep_tagging() -> None:
    src = ["Le chat ⟦1⟧ mange ⟦2⟧ la souris ⟦3⟧ verte."]
    assert "ratón" in ApertiumEngine(blank_placeholders=True).translate(src, "fr", "es")[0]


def _datadir(tmp_path: Path, *modes: str) -> str:
    (tmp_path / "modes").mkdir()
    for mode in modes:
        shutil.copy(MODES / f"{mode}.mode", tmp_path / "modes")
    return str(tmp_path)


def test_missing_pair_names_package(tmp_path: Path) -> None:
    engine = ApertiumEngine(datadir=_datadir(tmp_path, "fr-es"))
    assert engine.supports("fr", "es") and not engine.supports("fr", "ca")
    with pytest.raises(EngineUnavailable, match="apt-get install apertium-fra-cat"):
        engine.translate(["Le chat."], "fr", "ca")
    with pytest.raises(EngineUnavailable, match="apertium-eng-spa"):
        engine.translate(["Le chat."], "fr", "en")
    assert engine.translate(["Le chat."], "fr", "es") == ["El gato."]


def test_missing_binary() -> None:
    engine = ApertiumEngine(binary="/nonexistent/apertium")
    assert not engine.supports("fr", "es")
    with pytest.raises(EngineUnavailable, match="apt-get install apertium"):
        engine.translate(["Le chat."], "fr", "es")


def test_broken_pipeline_raises_engine_error(tmp_path: Path) -> None:
    (tmp_path / "modes").mkdir()
    (tmp_path / "modes" / "fr-es.mode").write_text("cat /nonexistent/file\n")
    with pytest.raises(EngineError, match="sent 1 segments, got 0"):
        ApertiumEngine(datadir=str(tmp_path)).translate(["Le chat."], "fr", "es")
