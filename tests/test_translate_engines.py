"""The translate stage with the real engines: Apertium from Debian, a tiny real Argos model."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import polib
import pytest
import sentencepiece

from pipeline.catalog import build_catalog, merge
from pipeline.contact import is_contact_block
from pipeline.engines.apertium import ApertiumEngine
from pipeline.figures import find_figures
from pipeline.locales import language
from pipeline.segment import segment
from pipeline.catalog import provenance
from pipeline.translate import translate_catalog
from tests.conftest import DOSSIER, snapshot

# Dossier blocks with markup: a list item in bold, a link with escapes, bold names,
# a superscript, an ALL-CAPS quote over hard breaks, a signature, a title set line by line.
LINES = (5, 113, 151, 236, 250, 255, 329)


def _sample() -> polib.POFile:
    segments = [s for s in segment(DOSSIER.read_text(encoding="utf-8"), "source/dossier.fr.md") if s.line in LINES]
    assert len(segments) == len(LINES)
    return merge(build_catalog(segments, "t", "fr"), None, language("es"))


@pytest.mark.parametrize("lang", ["es", "oc"])
def test_apertium_drafts_of_dossier_paragraphs(lang: str, file_regression) -> None:
    po = _sample()
    report = translate_catalog(po, "fr", lang, [ApertiumEngine(blank_placeholders=True)])
    assert report.drafts == len(LINES) and not report.error
    assert report.markup_problems == 0
    drafts = "\n\n".join(f"{e.msgid}\n=>\n{e.msgstr}" for e in po) + "\n"
    file_regression.check(drafts, basename=f"apertium_fr_{lang}", extension=".txt")
    for entry in po:
        source = provenance(entry)
        assert entry.fuzzy and source is not None and source.kind == "machine"
        assert source.origin.startswith("apertium")
        for markup in ("**", "](#)", "<sup>", "  \n", "\\(AMU\\)"):
            assert entry.msgstr.count(markup) == entry.msgid.count(markup), (markup, entry.msgstr)


def _use_argos(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    models = project / "models"
    monkeypatch.setenv("PIPELINE_MODELS_DIR", str(models))
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(text.replace("default = []", 'en = ["argos"]\nde = ["argos"]\nar = []'),
                                            encoding="utf-8")
    return models


@pytest.mark.slow
def test_argos_end_to_end_through_the_cli(project: Path, run, argos_files, monkeypatch) -> None:
    models = _use_argos(project, monkeypatch)
    code, _, err = run("models", "install", "--file", str(argos_files["fr_en"]), "--file", str(argos_files["en_de"]))
    assert code == 0, err
    code, out, _ = run("models", "list")
    assert [line.rsplit("\t", 1) for line in out.splitlines()] == [
        ["en -> de\t1.0\ttranslate-en_de", f"sha256:{hashlib.sha256(argos_files['en_de'].read_bytes()).hexdigest()}"],
        ["fr -> en\t1.0\ttranslate-fr_en", f"sha256:{hashlib.sha256(argos_files['fr_en'].read_bytes()).hexdigest()}"]]
    assert sorted(p.name for p in models.iterdir()) == ["translate-en_de-1_0", "translate-fr_en-1_0"]

    code, _, err = run("run")
    assert code == 0, err
    assert "en: 281 machine drafts by argos translate-fr_en 1.0" in err
    assert "de: 281 machine drafts by argos translate-fr_en 1.0 + translate-en_de 1.0" in err
    po = polib.pofile(str(project / "locales/en/LC_MESSAGES/dossier.po"))
    # the tiny model copies its input: a draft without figures (rendered by Babel) is its msgid, markup and all
    plain = [e for e in po if not find_figures(e.msgid) and "  \n" not in e.msgid
             and not re.search(r"\s[:;!?]|«|»", e.msgid)]  # French spacing and quotes are made English
    assert len(plain) > 120
    assert all(e.msgstr == e.msgid.replace("\n", " ") for e in plain)
    # among them, drafts with characters out of the model's vocabulary (€, Â, Ô): replace_unknowns put them back
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(models / "translate-fr_en-1_0/sentencepiece.model"))
    assert any(pieces.unk_id() in pieces.encode(e.msgid) for e in plain)
    assert po.find("30-31 JANVIER 2025").msgstr == "JANUARY 30\u2009–\u200931, 2025"
    assert all(e.fuzzy and "machine translation: argos" in e.tcomment for e in po if not is_contact_block(e.msgid))
    assert all("machine translation: pipeline rules" in e.tcomment for e in po if is_contact_block(e.msgid))

    before = snapshot(project)
    code, _, err = run("run")
    assert code == 0 and "machine drafts" not in err
    assert snapshot(project) == before


def test_translate_keeps_human_work_and_reports_missing_models(project: Path, run, monkeypatch) -> None:
    _use_argos(project, monkeypatch)
    assert run("run", "--no-translate")[0] == 0
    path = project / "locales/en/LC_MESSAGES/dossier.po"
    po = polib.pofile(str(path))
    po.find("SOMMAIRE").msgstr = "CONTENTS"
    po.save(str(path))
    code, _, err = run("translate")
    assert code == 0
    assert "en: no engine available, entries left empty: no Argos model for fr->en" in err
    assert "install one with `pipeline models install en`" in err
    assert polib.pofile(str(path)).find("SOMMAIRE").msgstr == "CONTENTS"


def test_installing_a_corrupt_model_file_installs_nothing(project: Path, run, argos_files, monkeypatch, tmp_path) -> None:
    models = _use_argos(project, monkeypatch)
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(argos_files["fr_en"].read_bytes()[:5000])
    code, _, err = run("models", "install", "--file", str(broken))
    assert code == 1 and err.startswith(f"error: {broken}: not a valid Argos model") and err.count("\n") == 1
    assert not models.exists() or not any(models.iterdir())


@pytest.mark.slow
def test_apertium_through_the_cli_keeps_a_translators_entry(project: Path, run) -> None:
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(text.replace('targets = ["en", "de", "ar"]', 'targets = ["es"]')
                                            .replace("default = []", 'es = ["apertium"]'), encoding="utf-8")
    assert run("run", "--no-translate")[0] == 0
    path = project / "locales/es/LC_MESSAGES/dossier.po"
    po = polib.pofile(str(path))
    po.find("SOMMAIRE").msgstr = "ÍNDICE"
    po.save(str(path))
    code, _, err = run("run")
    assert code == 0, err
    assert "es: 280 machine drafts by apertium fr-es" in err
    po = polib.pofile(str(path))
    assert po.find("SOMMAIRE").msgstr == "ÍNDICE" and not po.find("SOMMAIRE").fuzzy
    assert sum(1 for e in po if e.msgstr) == len(po)
    assert "soberanía numérica" in (project / "locales/es/LC_MESSAGES/dossier.po").read_text(encoding="utf-8").lower()
