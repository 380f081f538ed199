"""Provenance that follows the work: untouched drafts drafted again when stale (or with --redraft),
a person's change recorded as post-edited, stats by state; human work never touched."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import polib
import pytest

from pipeline import stats
from pipeline.catalog import Provenance, build_catalog, digest, merge, provenance, set_draft, untouched
from pipeline.engines import IdentityEngine, PseudoEngine
from pipeline.engines.apertium import ApertiumEngine
from pipeline.locales import language
from pipeline.memory import Memory, Unit
from pipeline.model import Segment
from pipeline.translate import RULES_VERSION, translate_catalog

MSGID = "Le port de Marseille est un carrefour."
OLD = "an older draft"


def _draft(origin: str, rules: str = RULES_VERSION, kind: str = "machine") -> polib.POEntry:
    entry = polib.POEntry(msgid=MSGID, msgstr="")
    set_draft(entry, OLD, Provenance(kind, origin, rules=rules if kind == "machine" else ""))
    return entry


def _edited(entry: polib.POEntry) -> polib.POEntry:
    entry.msgstr = "The port of Marseille is a crossroads."
    return entry


def _cleared(entry: polib.POEntry) -> polib.POEntry:
    entry.flags = []
    return entry


def _legacy(entry: polib.POEntry) -> polib.POEntry:
    """A draft written before drafts recorded their digest (the committed catalogues until now)."""
    entry.tcomment = "\n".join(line for line in entry.tcomment.splitlines() if not line.startswith("draft: "))
    return entry


def _merged(entry: polib.POEntry) -> polib.POEntry:
    entry.previous_msgid = "Le port de Marseille était un carrefour."
    return entry


Situation = Callable[[str], polib.POEntry]
# name -> (entry given the current engine's origin, redrafted without --redraft, redrafted with --redraft)
SITUATIONS: dict[str, tuple[Situation, bool, bool]] = {
    "untouched, current": (lambda now: _draft(now), False, True),
    "untouched, other engine version": (lambda now: _draft(now + " 0.9"), True, True),
    "untouched, older rules": (lambda now: _draft(now, rules="0"), True, True),
    "untouched, no rules recorded": (lambda now: _draft(now, rules=""), True, True),
    "text edited, still fuzzy": (lambda now: _edited(_draft(now + " 0.9")), False, False),
    "fuzzy flag cleared": (lambda now: _cleared(_draft(now + " 0.9")), False, False),
    "no provenance (a person's fuzzy text)": (
        lambda now: polib.POEntry(msgid=MSGID, msgstr=OLD, flags=["fuzzy"]), False, False),
    "draft without digest (legacy)": (lambda now: _legacy(_draft(now + " 0.9")), False, False),
    "carried by a merge to a changed source": (lambda now: _merged(_draft(now + " 0.9")), False, False),
    "memory draft": (lambda now: _draft("exact match from old.po", kind="memory"), False, True),
}
ENGINES = {"identity": IdentityEngine, "pseudo": PseudoEngine}


@pytest.mark.parametrize("redraft", [False, True], ids=["auto", "redraft"])
@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("engine_name", ENGINES)
def test_which_drafts_are_drafted_again(engine_name: str, situation: str, redraft: bool) -> None:
    engine = ENGINES[engine_name]()
    now = engine.provenance("fr", "en")
    make, auto, asked = SITUATIONS[situation]
    entry = make(now)
    po = polib.POFile()
    po.append(entry)
    before = (entry.msgstr, list(entry.flags), entry.tcomment, entry.previous_msgid)
    report = translate_catalog(po, "fr", "en", [engine], redraft=redraft)
    if asked if redraft else auto:
        assert entry.msgstr == engine.translate([MSGID], "fr", "en")[0] and entry.fuzzy
        assert provenance(entry) == Provenance("machine", now, rules=RULES_VERSION, draft=digest(entry.msgstr))
        assert report.redrafted == 1
    else:
        assert (entry.msgstr, entry.flags, entry.previous_msgid) == before[:2] + before[3:]
        edited = situation in ("text edited, still fuzzy", "fuzzy flag cleared")
        assert entry.tcomment == (_post_edited(before[2]) if edited else before[2])
        assert report.redrafted == 0


def _post_edited(comment: str) -> str:
    """The comment of an edited draft as translate (or the next merge) records it."""
    return "\n".join("post-edited from " + line if line.startswith("machine translation: ") else line
                     for line in comment.splitlines() if not line.startswith("draft: "))


def test_a_person_s_comment_stays_when_a_draft_is_redrafted() -> None:
    entry = polib.POEntry(msgid=MSGID, msgstr="", tcomment="ask the client about « carrefour »")
    set_draft(entry, OLD, Provenance("machine", "identity 0.9", rules=RULES_VERSION))
    po = polib.POFile()
    po.append(entry)
    translate_catalog(po, "fr", "en", [IdentityEngine()])
    assert entry.tcomment.splitlines()[:2] == ["ask the client about « carrefour »",
                                               "machine translation: identity (copies the source)"]
    assert entry.msgstr == MSGID


def test_a_stale_draft_is_kept_when_no_engine_serves_the_language_or_the_engine_fails() -> None:
    class Failing(IdentityEngine):
        def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
            from pipeline.errors import EngineError
            raise EngineError("boom")

    class Refusing(IdentityEngine):
        def supports(self, source: str, target: str) -> bool:
            return False

    for engine in (Failing(), Refusing()):
        entry = _draft("identity 0.9")
        before = (entry.msgstr, list(entry.flags), entry.tcomment)
        po = polib.POFile()
        po.append(entry)
        report = translate_catalog(po, "fr", "en", [engine], redraft=True)
        assert (entry.msgstr, entry.flags, entry.tcomment) == before and report.redrafted == 0


def test_memory_drafts_come_back_from_memory_when_redrafted() -> None:
    entry = _draft("exact match from older.po", kind="memory")
    po = polib.POFile()
    po.append(entry)
    memory = Memory()
    memory.add(Unit(MSGID, "The port of Marseille is a crossroads.", "en", "new.po"))
    report = translate_catalog(po, "fr", "en", [IdentityEngine()], memory=memory, redraft=True)
    assert entry.msgstr == "The port of Marseille is a crossroads." and report.memory == 1
    assert provenance(entry) == Provenance("memory", "exact match from new.po", draft=digest(entry.msgstr))


HUMAN = {  # msgid -> (msgstr, flags, translator comment): work a person did, in every form
    "Déjà relu.": ("Already reviewed.", [], ""),
    "Brouillon humain.": ("A person's draft.", ["fuzzy"], "my own note"),
    "Relu depuis la machine.": ("Reviewed from MT.", [],
                                "post-edited from machine translation: identity 0.9\ndraft: 00000000, rules 0"),
    "Modifié sans relire.": ("Changed, not reviewed yet.", ["fuzzy"],
                             f"machine translation: identity 0.9\ndraft: {digest('the engine text')}, rules 0"),
    "Fuzzy retiré.": ("cleared", [], f"machine translation: identity 0.9\ndraft: {digest('cleared')}, rules 0"),
}


@pytest.mark.parametrize("redraft", [False, True])
def test_human_work_is_never_touched(redraft: bool) -> None:
    po = polib.POFile()
    for msgid, (msgstr, flags, tcomment) in HUMAN.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=list(flags), tcomment=tcomment))
    stale = _draft("identity 0.9")
    po.append(stale)
    for engine in (IdentityEngine(), PseudoEngine()):
        translate_catalog(po, "fr", "en", [engine], redraft=redraft)
        assert {e.msgid: (e.msgstr, e.flags, _post_edited(e.tcomment)) for e in po if e.msgid in HUMAN} == {
            msgid: (msgstr, flags, _post_edited(comment)) for msgid, (msgstr, flags, comment) in HUMAN.items()}
        assert all(provenance(e) is None or provenance(e).edited for e in po if e.msgid in HUMAN)
    assert stale.msgstr == PseudoEngine().translate([MSGID], "fr", "en")[0]


# -- a person's change, as the next merge records it ------------------------------------------------

def _catalog(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    for entry in entries:
        po.append(entry)
    return po


def _template(text: str = MSGID) -> polib.POFile:
    return build_catalog([Segment(text, "source/a.md", 1, "paragraph", ())], "demo", "fr")


@pytest.mark.parametrize("change, comment, state", [
    (lambda e: e, "machine translation: apertium fr-es", "machine"),
    (_edited, "post-edited from machine translation: apertium fr-es", "fuzzy"),
    (_cleared, "post-edited from machine translation: apertium fr-es", "reviewed"),
    (lambda e: _edited(_cleared(e)), "post-edited from machine translation: apertium fr-es", "reviewed"),
    (_legacy, "machine translation: apertium fr-es", "machine"),
    (lambda e: _cleared(_legacy(e)), "post-edited from machine translation: apertium fr-es", "reviewed"),
], ids=["untouched", "edited", "fuzzy cleared", "edited and cleared", "legacy untouched", "legacy cleared"])
def test_merge_records_a_person_s_change_as_post_edited(change: Callable[[polib.POEntry], polib.POEntry],
                                                        comment: str, state: str) -> None:
    old = change(_draft("apertium fr-es"))
    entry = merge(_template(), _catalog(old), language("es")).find(MSGID)
    assert entry.tcomment.splitlines()[0] == comment
    assert stats.state(entry) == state
    source = provenance(entry)
    assert source is not None and source.origin == "apertium fr-es"
    assert source.edited == comment.startswith("post-edited")
    assert (untouched(entry) is not None) == (state == "machine" and bool(source.draft))
    again = merge(_template(), _catalog(entry), language("es")).find(MSGID)
    assert again.tcomment == entry.tcomment  # recorded once


def test_stats_count_drafts_carried_to_a_changed_source_as_fuzzy_from_merges() -> None:
    po = merge(_template(), None, language("es"))
    translate_catalog(po, "fr", "es", [PseudoEngine()])
    assert stats.count(po, "es", "a").entries["machine"] == 1
    edited_source = merge(_template(MSGID.replace("est", "reste")), po, language("es"))
    counts = stats.count(edited_source, "es", "a")
    assert (counts.entries["machine"], counts.entries["fuzzy"]) == (0, 1)
    report = translate_catalog(edited_source, "fr", "es", [PseudoEngine()], redraft=True)
    assert report.redrafted == 0  # a person compares it with the `#| msgid` first


# -- end to end -------------------------------------------------------------------------------------

def test_run_redrafts_stale_drafts_and_leaves_a_person_s_edit(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    config = project / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("default = []", 'default = ["pseudo"]'),
                      encoding="utf-8")
    assert run("run", "--lang", "en")[0] == 0
    path = project / "locales" / "en" / "LC_MESSAGES" / "dossier.po"
    po = polib.pofile(str(path))
    drafts = [e for e in po if not e.obsolete and untouched(e)]
    assert len(drafts) > 10
    person, stale = drafts[3], drafts[4]
    person.msgstr = "Written by a person."
    stale.tcomment = stale.tcomment.replace(f"rules {RULES_VERSION}", "rules 0")
    path.write_text(str(po), encoding="utf-8")
    first = path.read_text(encoding="utf-8")
    assert run("run", "--lang", "en")[0] == 0
    after = polib.pofile(str(path))
    edited = after.find(person.msgid)
    assert edited.msgstr == "Written by a person." and edited.fuzzy
    assert "post-edited from machine translation: pseudo (qps-ploc)" in edited.tcomment
    assert f"rules {RULES_VERSION}" in after.find(stale.msgid).tcomment
    second = path.read_text(encoding="utf-8")
    assert second != first
    assert run("run", "--lang", "en")[0] == 0
    assert path.read_text(encoding="utf-8") == second  # stable: nothing stale left


# -- a real engine ----------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed")
def test_apertium_redrafts_a_draft_of_an_older_package_version() -> None:
    engine = ApertiumEngine()
    if not engine.supports("fr", "es"):
        pytest.skip("apertium-fr-es is not installed")
    now = engine.provenance("fr", "es")
    po = _catalog(_draft("apertium fr-es (apertium-fr-es 0.0-old)"))
    report = translate_catalog(po, "fr", "es", [engine])
    entry = po[0]
    assert report.redrafted == 1 and "Marsella" in entry.msgstr
    assert provenance(entry) == Provenance("machine", now, rules=RULES_VERSION, draft=digest(entry.msgstr))
    text = entry.msgstr
    assert translate_catalog(po, "fr", "es", [engine]).redrafted == 0 and entry.msgstr == text


def test_a_provenance_comment_an_editor_wrapped_is_removed_whole_when_redrafted() -> None:
    entry = polib.POEntry(msgid=MSGID, msgstr="", tcomment="my note")
    set_draft(entry, OLD, Provenance("machine", "identity 0.9", unknown_words=("aix", "marseille"),
                                     rules=RULES_VERSION))
    entry.tcomment = entry.tcomment.replace("aix, ", "aix,\n")  # as polib or an editor wraps a long line
    translate_catalog(_catalog(entry), "fr", "en", [IdentityEngine()])
    assert entry.tcomment.splitlines() == ["my note", "machine translation: identity (copies the source)",
                                           f"draft: {digest(MSGID)}, rules {RULES_VERSION}"]
