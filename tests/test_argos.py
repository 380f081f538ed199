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
import tempfile
import threading
import zipfile
from functools import partial
from pathlib import Path

import ctranslate2
import pytest

from pipeline.engines import argos_index, argos_models
from pipeline.engines.argos import ArgosEngine
from pipeline.errors import EngineUnavailable, ModelFileError, PipelineError
from tests.conftest import CORPUS, ROOT as REPO, snapshot


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
    sha256 = hashlib.sha256(argos_files["fr_en"].read_bytes()).hexdigest()
    assert info == ("fr", "en", "1.0", "translate-fr_en", sha256)
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


def test_a_word_out_of_the_vocabulary_is_put_back_from_the_source(argos_files, models_dir):
    """The copy model writes <unk> for a character its vocabulary lacks; replace_unknowns puts the source's
    piece back, as argostranslate does."""
    argos_models.install_file(argos_files["fr_en"], models_dir)
    out = ArgosEngine(models_dir, batch_size=2, intra_threads=1).translate(french(2) + ["Le ☃ de Noël."], "fr", "en")
    assert "☃" in out[2] and "<unk>" not in out[2]


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
    assert [m[:4] for m in argos_models.list_models(models_dir)] == [("en", "de", "1.0", "translate-en_de")]


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
    installed = argos_index.install_languages(["de"], source="fr", models_dir=models_dir, timeout=10,
                                               allow_http=True)
    assert sorted(i.name for i in installed) == ["translate-en_de", "translate-fr_en"]
    assert argos_index.install_languages(["de", "en"], source="fr", models_dir=models_dir, timeout=10,
                                          allow_http=True) == []
    assert ArgosEngine(models_dir).translate(["Le chat dort."], "fr", "de") == ["Le chat dort."]
    with pytest.raises(EngineUnavailable, match="no model for fr->it"):
        argos_index.install_languages(["it"], source="fr", models_dir=models_dir, timeout=10, allow_http=True)


def test_install_languages_offline_is_engine_unavailable(models_dir):
    with socket.socket() as sock:  # a loopback port with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/index.json"
    with pytest.raises(EngineUnavailable, match="cannot download"):
        argos_index.install_languages(["en"], models_dir=models_dir, url=url, timeout=5, allow_http=True)
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


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_models_install_lang_from_the_command_line(index_server, argos_files, project, run, monkeypatch):
    models_dir = project / "models"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    monkeypatch.setenv("PIPELINE_MODELS_DIR", str(models_dir))
    code, _, err = run("models", "install", "de", "--allow-http")
    assert code == 0, err
    assert "installed fr -> en 1.0 (translate-fr_en)" in err and "installed en -> de 1.0 (translate-en_de)" in err
    code, out, _ = run("models", "list")
    assert out.splitlines() == [f"en -> de\t1.0\ttranslate-en_de\tsha256:{_sha(argos_files['en_de'])}",
                                f"fr -> en\t1.0\ttranslate-fr_en\tsha256:{_sha(argos_files['fr_en'])}"]
    code, _, err = run("models", "install", "it", "--allow-http")
    assert code == 1 and err.startswith("error: ") and "no model for fr->it" in err and err.count("\n") == 1


def _rewritten(good: Path, out: Path, rename, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of the archive `good` with every entry renamed by `rename`, plus `extra` members."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(rename(item.filename), src.read(item))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out


CRAFTED = {  # name -> (rename each entry, extra members, what the refusal says)
    "dot-slash entries": (lambda n: "./" + n, {}, "unsafe entry './translate-fr_en-1_0"),
    "dot-slash inside": (lambda n: n.replace("1_0/", "1_0/./", 1), {}, "unsafe entry"),
    "parent entries": (lambda n: "../" + n, {}, "unsafe entry '../"),
    "absolute entries": (lambda n: "/" + n, {}, "unsafe entry '/"),
    "backslash entries": (lambda n: n.replace("/", "\\", 1), {}, "unsafe entry"),
    "hidden top": (lambda n: "." + n, {}, "unsafe entry '.translate"),
    "two tops": (lambda n: n, {"other/readme.txt": b"x"}, "exactly one top-level directory"),
    "zip bomb": (lambda n: n, {"translate-fr_en-1_0/model/zeros.bin": bytes(64 * 1024**2)}, "zip bomb"),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_crafted_archives_are_refused_and_change_nothing(case: str, argos_files, models_dir, tmp_path):
    argos_models.install_file(argos_files["en_de"], models_dir)
    rename, extra, message = CRAFTED[case]
    crafted = _rewritten(argos_files["fr_en"], tmp_path / "crafted.argosmodel", rename, extra)
    before = snapshot(tmp_path / "share")
    with pytest.raises(ModelFileError) as err:
        argos_models.install_file(crafted, models_dir)
    assert message in str(err.value) and "\n" not in str(err.value), err.value
    assert snapshot(tmp_path / "share") == before
    assert [m.name for m in argos_models.list_models(models_dir)] == ["translate-en_de"]


def test_an_archive_larger_than_the_unpacked_limit_is_refused(argos_files, models_dir, monkeypatch):
    monkeypatch.setattr(argos_models, "MAX_UNPACKED", 1024)
    with pytest.raises(ModelFileError, match="unpacks to .* bytes, more than the limit of 1024"):
        argos_models.install_file(argos_files["fr_en"], models_dir)
    assert not models_dir.exists()


def test_staging_happens_inside_the_models_directory(argos_files, models_dir, monkeypatch):
    seen = []
    real = tempfile.mkdtemp
    monkeypatch.setattr(argos_models.tempfile, "mkdtemp", lambda **kw: seen.append(kw["dir"]) or real(**kw))
    argos_models.install_file(argos_files["fr_en"], models_dir)
    assert seen == [models_dir]
    assert sorted(p.name for p in models_dir.iterdir()) == ["translate-fr_en-1_0"]


def _index(www: Path, base: str, entries: list[dict]) -> None:
    (www / "index.json").write_text(json.dumps(entries))


def _meta(archive: Path) -> dict:
    with zipfile.ZipFile(archive) as zf:
        return json.loads(next(zf.read(n) for n in zf.namelist() if n.endswith("/metadata.json")))


def test_downloads_need_https_unless_allowed(index_server, models_dir, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    with pytest.raises(ModelFileError, match=r"refused: downloads must use https, not http \(`--allow-http`"):
        argos_index.install_languages(["en"], models_dir=models_dir, timeout=10)
    assert not models_dir.exists()


def test_links_with_other_schemes_are_refused_even_with_allow_http(index_server, argos_files, tmp_path,
                                                                      models_dir, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    _index(tmp_path / "www", index_server,
           [{**_meta(argos_files["fr_en"]), "links": [argos_files["fr_en"].as_uri()]}])
    with pytest.raises(ModelFileError, match="refused: downloads must use https, not file"):
        argos_index.install_languages(["en"], models_dir=models_dir, timeout=10, allow_http=True)
    assert not models_dir.exists()


def test_a_redirect_to_plain_http_is_refused():
    import urllib.request

    handler = argos_index._SameSchemeRedirects(allow_http=False)
    request = urllib.request.Request("https://example.org/model.argosmodel")
    with pytest.raises(ModelFileError, match="not http"):
        handler.redirect_request(request, None, 302, "Found", {}, "http://example.org/model.argosmodel")


def test_a_package_declaring_another_pair_than_the_index_is_refused(index_server, argos_files, tmp_path,
                                                                     models_dir, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    lying = {**_meta(argos_files["fr_en"]), "to_code": "es", "links": [f"{index_server}fr_en.argosmodel"]}
    _index(tmp_path / "www", index_server, [lying])
    with pytest.raises(ModelFileError, match="declares fr -> en, not the fr -> es asked for"):
        argos_index.install_languages(["es"], models_dir=models_dir, timeout=10, allow_http=True)
    assert argos_models.list_models(models_dir) == [] and not models_dir.exists()


@pytest.mark.parametrize("good", [True, False])
def test_the_index_checksum_is_checked_and_the_installed_one_recorded(good: bool, index_server, argos_files,
                                                                      tmp_path, models_dir, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    sha = _sha(argos_files["fr_en"]) if good else "0" * 64
    _index(tmp_path / "www", index_server, [{**_meta(argos_files["fr_en"]), "sha256": sha.upper(),
                                             "links": [f"{index_server}fr_en.argosmodel"]}])
    if good:
        (info,) = argos_index.install_languages(["en"], models_dir=models_dir, timeout=10, allow_http=True)
        assert info.sha256 == sha and argos_models.list_models(models_dir) == [info]
    else:
        with pytest.raises(ModelFileError, match=f"SHA-256 {_sha(argos_files['fr_en'])} differs from the index's"):
            argos_index.install_languages(["en"], models_dir=models_dir, timeout=10, allow_http=True)
        assert not models_dir.exists()


def test_a_download_over_the_size_limit_is_refused(index_server, models_dir, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    monkeypatch.setattr(argos_index, "MAX_DOWNLOAD", 1000)
    with pytest.raises(ModelFileError, match="more than the limit of 1000"):
        argos_index.install_languages(["en"], models_dir=models_dir, timeout=10, allow_http=True)
    assert not models_dir.exists()
