"""ArgosEngine and model management against tiny real Argos packages, fully offline.

The packages come from tools/build_test_model.py: real SentencePiece and
CTranslate2 models whose constructed weights copy the input, so a correct
engine returns its inputs unchanged, in order, directly and through English.
"""
from __future__ import annotations

import hashlib
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import zipfile
from functools import partial
from pathlib import Path

import ctranslate2
import pytest

from pipeline.engines import argos_models
from pipeline.engines.argos import ArgosEngine
from pipeline.errors import EngineUnavailable, PipelineError
from tests.conftest import CORPUS, ROOT as REPO


@pytest.fixture
def models_dir(tmp_path) -> Path:
    return tmp_path / "share" / "packages"


def french(n: int) -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:100]
    return [lines[(i * 37) % len(lines)] for i in range(n)]


class CountingTranslator:
    """Wraps a real ctranslate2.Translator and records each translate_batch call's batch."""

    def __init__(self, real, calls: list) -> None:
        self.real, self.calls = real, calls

    def translate_batch(self, source, *args, **kwargs):
        self.calls.append([list(s) for s in source])
        return self.real.translate_batch(source, *args, **kwargs)


@pytest.fixture
def batch_calls(monkeypatch) -> list:
    calls: list = []
    real = ctranslate2.Translator
    monkeypatch.setattr(ctranslate2, "Translator", lambda *a, **k: CountingTranslator(real(*a, **k), calls))
    return calls


def test_build_is_deterministic_and_shaped_like_argos(argos_files):
    digest = [hashlib.sha256(argos_files[k].read_bytes()).hexdigest() for k in ("fr_en", "fr_en_again")]
    assert digest[0] == digest[1]
    with zipfile.ZipFile(argos_files["fr_en"]) as zf:
        names = set(zf.namelist())
        meta = json.loads(zf.read("translate-fr_en-1_0/metadata.json"))
    assert {"translate-fr_en-1_0/sentencepiece.model", "translate-fr_en-1_0/model/model.bin"} <= names
    assert (meta["from_code"], meta["to_code"], meta["package_version"]) == ("fr", "en", "1.0")


def test_install_file_is_seen_by_argostranslate(argos_files, models_dir):
    from argostranslate import package

    info = argos_models.install_file(argos_files["fr_en"], models_dir)
    assert info == ("fr", "en", "1.0", "translate-fr_en")
    assert argos_models.list_models(models_dir) == [info]
    (pkg,) = package.get_installed_packages([models_dir])
    assert (pkg.from_code, pkg.to_code, pkg.package_version) == ("fr", "en", "1.0")
    argos_models.install_file(argos_files["fr_en"], models_dir)  # reinstall replaces, no duplicate
    assert argos_models.list_models(models_dir) == [info]


def test_batched_translation_keeps_count_and_order(argos_files, models_dir, batch_calls):
    argos_models.install_file(argos_files["fr_en"], models_dir)
    texts = french(45) + ["", "Le code `x_y` reste tel quel."]
    engine = ArgosEngine(models_dir, batch_size=8, intra_threads=1)
    out = engine.translate(texts, "fr", "en")
    assert out == texts  # the copy model returns each input at its own index
    assert all(isinstance(s, str) for s in out)
    assert len(batch_calls) == 6 < len(texts)  # 46 non-blank inputs, chunks of 8
    lengths = [len(tokens) for call in batch_calls for tokens in call]
    assert lengths == sorted(lengths) and max(map(len, batch_calls)) == 8
    assert engine.provenance("fr", "en") == "argos translate-fr_en 1.0"
    assert "argostranslate.translate" not in sys.modules


def test_pivot_through_english(argos_files, models_dir, batch_calls):
    argos_models.install_file(argos_files["fr_en"], models_dir)
    argos_models.install_file(argos_files["en_de"], models_dir)
    engine = ArgosEngine(models_dir, batch_size=32, intra_threads=1)
    assert engine.supports("fr", "de") and not engine.supports("de", "fr")
    texts = french(40)
    assert engine.translate(texts, "fr", "de") == texts
    assert len(batch_calls) == 4  # two chunks per hop
    assert engine.provenance("fr", "de") == "argos translate-fr_en 1.0 + translate-en_de 1.0"


def test_missing_model_names_the_install_command(models_dir):
    engine = ArgosEngine(models_dir)
    assert not engine.supports("fr", "it")
    with pytest.raises(EngineUnavailable, match="pipeline models install it"):
        engine.translate(["Bonjour."], "fr", "it")


def test_default_models_dir_comes_from_environment(argos_files, models_dir, monkeypatch):
    argos_models.install_file(argos_files["fr_en"], models_dir)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(models_dir))
    assert ArgosEngine().translate(["Il pleut."], "fr", "en") == ["Il pleut."]


def _corrupt_files(good: Path, tmp: Path) -> list[Path]:
    data = good.read_bytes()
    files = {"random.argosmodel": os.urandom(4096), "truncated.argosmodel": data[: len(data) // 2]}
    paths = []
    for name, content in files.items():
        (tmp / name).write_bytes(content)
        paths.append(tmp / name)
    no_meta = tmp / "nometa.argosmodel"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(no_meta, "w") as dst:
        for item in src.infolist():
            if not item.filename.endswith("metadata.json"):
                dst.writestr(item, src.read(item))
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF  # damages compressed model data: CRC check fails
    (tmp / "flipped.argosmodel").write_bytes(bytes(flipped))
    return paths + [no_meta, tmp / "flipped.argosmodel"]


def test_install_file_rejects_corrupt_files(argos_files, models_dir, tmp_path):
    argos_models.install_file(argos_files["en_de"], models_dir)
    (tmp_path / "bad").mkdir()
    bad_files = _corrupt_files(argos_files["fr_en"], tmp_path / "bad")
    before = sorted(p for p in tmp_path.rglob("*") if "bad" not in p.parts)
    for bad in bad_files:
        with pytest.raises(PipelineError) as err:
            argos_models.install_file(bad, models_dir)
        message = str(err.value)
        assert message.startswith(str(bad)) and "\n" not in message, message
    assert sorted(p for p in tmp_path.rglob("*") if "bad" not in p.parts) == before
    assert argos_models.list_models(models_dir) == [("en", "de", "1.0", "translate-en_de")]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def index_server(argos_files, tmp_path):
    """A loopback HTTP server with index.json and the package files; yields its base URL."""
    root = tmp_path / "www"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = []
    for key in ("fr_en", "en_de"):
        (root / f"{key}.argosmodel").write_bytes(argos_files[key].read_bytes())
        with zipfile.ZipFile(argos_files[key]) as zf:
            meta = json.loads(next(zf.read(n) for n in zf.namelist() if n.endswith("/metadata.json")))
        index.append({**meta, "links": [f"{base}{key}.argosmodel"]})
    (root / "index.json").write_text(json.dumps(index))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_install_languages_from_package_index(index_server, models_dir, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    installed = argos_models.install_languages(["de"], source="fr", models_dir=models_dir, timeout=10)
    assert sorted(i.name for i in installed) == ["translate-en_de", "translate-fr_en"]
    assert argos_models.install_languages(["de", "en"], source="fr", models_dir=models_dir, timeout=10) == []
    assert ArgosEngine(models_dir).translate(["Le chat dort."], "fr", "de") == ["Le chat dort."]
    with pytest.raises(EngineUnavailable, match="no model for fr->it"):
        argos_models.install_languages(["it"], source="fr", models_dir=models_dir, timeout=10)


def test_install_languages_offline_is_engine_unavailable(models_dir):
    with socket.socket() as sock:  # a loopback port with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/index.json"
    with pytest.raises(EngineUnavailable, match="cannot download"):
        argos_models.install_languages(["en"], models_dir=models_dir, url=url, timeout=5)
    assert not models_dir.exists()


def test_engine_path_imports_neither_torch_nor_argostranslate_translate(argos_files, models_dir):
    argos_models.install_file(argos_files["fr_en"], models_dir)
    code = (
        "import sys; from pipeline.engines.argos import ArgosEngine\n"
        f"assert ArgosEngine({str(models_dir)!r}).translate(['Oui.'], 'fr', 'en') == ['Oui.']\n"
        "bad = [m for m in ('torch', 'stanza', 'argostranslate.translate') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)


def test_a_package_installed_by_argostranslate_itself_serves_the_engine(argos_files, tmp_path):
    """argostranslate.package.install_from_path installs the tiny model; ArgosEngine then finds it and
    translates with it.  install_from_path ends by clearing a cache of argostranslate.translate, which
    imports torch and stanza (not installed here): the child process stands in a module with that cache."""
    packages = tmp_path / "argos-packages"
    code = ("import sys, types; from pathlib import Path\n"
            "stub = types.ModuleType('argostranslate.translate')\n"
            "stub.get_installed_languages = types.SimpleNamespace(cache_clear=lambda: None)\n"
            "sys.modules['argostranslate.translate'] = stub\n"
            "from argostranslate import package\n"
            f"package.install_from_path(Path({str(argos_files['fr_en'])!r}))")
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(packages), HOME=str(tmp_path))
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120, capture_output=True)
    engine = ArgosEngine(models_dir=packages, intra_threads=1)
    assert engine.provenance("fr", "en") == "argos translate-fr_en 1.0"
    texts = french(5)
    assert engine.translate(texts, "fr", "en") == texts


def test_models_install_lang_from_the_command_line(index_server, project, run, monkeypatch):
    models_dir = project / "models"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    monkeypatch.setenv("PIPELINE_MODELS_DIR", str(models_dir))
    code, _, err = run("models", "install", "de")
    assert code == 0, err
    assert "installed fr -> en 1.0 (translate-fr_en)" in err and "installed en -> de 1.0 (translate-en_de)" in err
    code, out, _ = run("models", "list")
    assert out.splitlines() == ["en -> de\t1.0\ttranslate-en_de", "fr -> en\t1.0\ttranslate-fr_en"]
    code, _, err = run("models", "install", "it")
    assert code == 1 and err.startswith("error: ") and "no model for fr->it" in err and err.count("\n") == 1
