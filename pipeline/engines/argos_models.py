"""Argos Translate model management: list, install from a file, install from the index.

Package metadata is read with argostranslate.package (which, unlike
argostranslate.translate, does not import torch).  Installing and downloading
are done here rather than with argostranslate's own helpers, because those
import argostranslate.translate (install_from_path, uninstall), never time out
and log instead of raising on network errors (update_package_index, download),
and recurse without end when the index cannot be fetched (get_available_packages).
"""
from __future__ import annotations

import http.client
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from pipeline.errors import EngineUnavailable, ModelFileError

PIVOT = "en"
# argostranslate's Package and AvailablePackage are untyped: they travel as Any here


class ModelInfo(NamedTuple):
    source: str
    target: str
    version: str
    name: str


def default_models_dir() -> Path:
    """ARGOS_PACKAGES_DIR (environment or Argos settings.json), read now, not at import."""
    from argostranslate import settings

    return Path(settings.get_setting("ARGOS_PACKAGES_DIR", default=settings.package_data_dir))


def index_url() -> str:
    """The index.json URL under ARGOS_PACKAGE_INDEX (a base URL ending in '/')."""
    from argostranslate import settings

    base = str(settings.get_setting("ARGOS_PACKAGE_INDEX", default=settings.package_index))
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def installed_packages(models_dir: Path | None = None) -> list[Any]:
    """Installed translate packages (argostranslate.package.Package); broken dirs are skipped."""
    from argostranslate import package

    root = Path(models_dir) if models_dir is not None else default_models_dir()
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.iterdir()):
        if not path.is_dir() or path.name.startswith("."):
            continue
        try:
            pkg = package.Package(path)
        except (OSError, ValueError):  # no/unreadable metadata.json (json errors are ValueError)
            continue
        if pkg.type == "translate" and pkg.from_code and pkg.to_code:
            found.append(pkg)
    return found


def _info(pkg: Any) -> ModelInfo:
    from argostranslate import package

    return ModelInfo(pkg.from_code, pkg.to_code, pkg.package_version, package.argospm_package_name(pkg))


def list_models(models_dir: Path | None = None) -> list[ModelInfo]:
    """(from, to, version, name) of every installed translate package."""
    return [_info(p) for p in installed_packages(models_dir)]


def _validate(path: Path) -> tuple[str, dict[str, Any]]:
    """Check the archive before anything is extracted; return (top directory, metadata)."""
    def bad(message: str) -> ModelFileError:
        return ModelFileError(path, None, f"not a valid Argos model: {message}")

    if not path.is_file():
        raise ModelFileError(path, None, "no such file")
    if not zipfile.is_zipfile(path):
        raise bad("not a zip archive")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            tops = {n.split("/", 1)[0] for n in names}
            if len(tops) != 1 or any(n.startswith("/") or ".." in n.split("/") for n in names):
                raise bad("expected exactly one top-level directory")
            top = tops.pop()
            broken = zf.testzip()
            if broken is not None:
                raise bad(f"corrupt member {broken}")
            try:
                metadata = json.loads(zf.read(f"{top}/metadata.json"))
            except KeyError:
                raise bad(f"no {top}/metadata.json") from None
            if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get("to_code"):
                raise bad("metadata.json lacks from_code/to_code")
            if f"{top}/model/model.bin" not in names:
                raise bad(f"no {top}/model/model.bin")
            tokenizers = {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & set(names)
            if not tokenizers:
                raise bad("no sentencepiece.model or bpe.model")
            if f"{top}/sentencepiece.model" in tokenizers:
                import sentencepiece as spm

                try:
                    spm.SentencePieceProcessor(model_proto=zf.read(f"{top}/sentencepiece.model"))
                except (RuntimeError, OSError) as exc:
                    raise bad(f"unreadable sentencepiece.model ({exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise bad(str(exc) or type(exc).__name__) from None
    return top, metadata


def install_file(path: Path | str, models_dir: Path | None = None) -> ModelInfo:
    """Validate a .argosmodel file, then install it, replacing other versions of its pair.

    The archive is extracted next to the models directory and moved in with one
    rename, so a failure leaves the models directory as it was.
    """
    from argostranslate import package

    path = Path(path)
    top, _ = _validate(path)
    root = Path(models_dir) if models_dir is not None else default_models_dir()
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".argos-install-", dir=root.parent))
    try:
        try:
            with zipfile.ZipFile(path) as zf:
                zf.extractall(staging)
            pkg = package.Package(staging / top)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ModelFileError(path, None, f"cannot extract: {exc}") from None
        root.mkdir(exist_ok=True)
        target = root / top
        if target.exists():  # same directory name: keep it aside until the new one is in
            os.replace(target, staging / ".previous")
        os.replace(staging / top, target)
        for old in installed_packages(root):
            if old.package_path != target and (old.from_code, old.to_code) == (pkg.from_code, pkg.to_code):
                shutil.rmtree(old.package_path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _info(package.Package(target))


def _fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "pipeline"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read()
            return data
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EngineUnavailable(
            f"cannot download {url} ({reason}); are you offline? "
            "Install a downloaded .argosmodel file instead") from None


def available_packages(url: str | None = None, timeout: float = 30) -> list[Any]:
    """Translate packages listed in the package index (argostranslate AvailablePackage)."""
    from argostranslate import package

    url = url or index_url()
    try:
        index = json.loads(_fetch(url, timeout))
    except ValueError:
        raise EngineUnavailable(f"the Argos package index {url} is not valid JSON") from None
    if not isinstance(index, list):
        raise EngineUnavailable(f"the Argos package index {url} is not a list of packages")
    packages = [package.AvailablePackage(m) for m in index if isinstance(m, dict)]
    return [p for p in packages if p.type == "translate" and p.links]


def newest(packages: Iterable[Any], source: str, target: str) -> Any:
    """The package of the pair with the highest package_version, or None."""
    from packaging.version import InvalidVersion, Version

    def key(p: Any) -> Version:
        try:
            return Version(p.package_version)
        except InvalidVersion:
            return Version("0")

    matching = [p for p in packages if (p.from_code, p.to_code) == (source, target)]
    return max(matching, key=key) if matching else None


def plan(codes: Iterable[str], source: str, packages: list[Any]) -> list[Any]:
    """Packages needed for source -> each code: direct, else through English."""
    needed: dict[tuple[str, str], Any] = {}
    for code in codes:
        if code == source:
            continue
        direct = newest(packages, source, code)
        hops = [direct] if direct else [newest(packages, source, PIVOT), newest(packages, PIVOT, code)]
        if not all(hops):
            raise EngineUnavailable(f"the Argos package index has no model for {source}->{code}")
        for p in hops:
            needed[(p.from_code, p.to_code)] = p
    return list(needed.values())


def install_languages(codes: Iterable[str], source: str = "fr", models_dir: Path | None = None,
                      url: str | None = None, timeout: float = 30) -> list[ModelInfo]:
    """Download and install what translating source -> codes needs; return what was installed.

    Pairs already installed at the index's version or newer are skipped.
    """
    root = Path(models_dir) if models_dir is not None else default_models_dir()
    needed = plan(list(codes), source, available_packages(url, timeout))
    have = {(p.from_code, p.to_code): p for p in installed_packages(root)}
    done = []
    for pkg in needed:
        current = have.get((pkg.from_code, pkg.to_code))
        if current is not None and newest([current, pkg], pkg.from_code, pkg.to_code) is current:
            continue
        data, failure = None, None
        for link in pkg.links:
            try:
                data = _fetch(link, timeout)
                break
            except EngineUnavailable as exc:
                failure = exc
        if data is None:
            raise failure or EngineUnavailable(f"no download link for {pkg}")
        with tempfile.TemporaryDirectory() as tmp:
            file = Path(tmp) / (link.rsplit("/", 1)[-1] or "package.argosmodel")
            file.write_bytes(data)
            done.append(install_file(file, root))
    return done
