"""Argos Translate models on this machine: list them, install one from a .argosmodel file.

Package metadata is read with argostranslate.package (which, unlike
argostranslate.translate, does not import torch).  Installing is done here
rather than with argostranslate's own helpers, because those import
argostranslate.translate (install_from_path, uninstall).  Fetching models from
the package index over the network is argos_index.py's job.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

from pipeline.errors import ModelFileError

PIVOT = "en"
# argostranslate's Package and AvailablePackage are untyped: they travel as Any here


MAX_UNPACKED = 4 * 1024**3      # bytes an archive may unpack to
MAX_RATIO = 100                 # unpacked/packed size of a member larger than RATIO_FLOOR: model weights barely compress
RATIO_FLOOR = 1024**2
RECORD = "archive.sha256"       # written into each package installed here: the SHA-256 of its archive


class ModelInfo(NamedTuple):
    source: str
    target: str
    version: str
    name: str
    sha256: str = ""  # of the archive it was installed from; "" when installed by another tool


def default_models_dir() -> Path:
    """ARGOS_PACKAGES_DIR (environment or Argos settings.json), read now, not at import."""
    from argostranslate import settings

    return Path(settings.get_setting("ARGOS_PACKAGES_DIR", default=settings.package_data_dir))


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

    record = Path(pkg.package_path) / RECORD
    try:
        sha256 = record.read_text(encoding="utf-8").split()[0]
    except (OSError, UnicodeDecodeError, IndexError):
        sha256 = ""
    return ModelInfo(pkg.from_code, pkg.to_code, pkg.package_version, package.argospm_package_name(pkg), sha256)


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
            for name in names:
                parts = name.removesuffix("/").split("/")
                if "\\" in name or any(part in ("", ".", "..") for part in parts) or parts[0].startswith("."):
                    raise bad(f"unsafe entry {name!r}: every entry must be a plain path inside one top-level directory")
            tops = {n.split("/", 1)[0] for n in names}
            if len(tops) != 1:
                raise bad("expected exactly one top-level directory")
            top = tops.pop()
            _check_sizes(zf, bad)
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


def _check_sizes(zf: zipfile.ZipFile, bad: Callable[[str], ModelFileError]) -> None:
    """Refuse an archive that would unpack to too much, or a member that expands like a zip bomb."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise bad(f"{info.filename} unpacks {info.file_size // max(info.compress_size, 1)} times larger than "
                      f"it is packed (more than {MAX_RATIO}); refused as a zip bomb")
    if total > MAX_UNPACKED:
        raise bad(f"unpacks to {total} bytes, more than the limit of {MAX_UNPACKED}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def install_file(path: Path | str, models_dir: Path | None = None,
                 pair: tuple[str, str] | None = None) -> ModelInfo:
    """Validate a .argosmodel file, then install it, replacing other versions of its pair.

    `pair` is the (from, to) the caller asked for: a package declaring another is refused.
    The archive is extracted into a hidden directory inside the models directory and
    moved in with one rename, so a failure leaves the installed models as they were.
    """
    from argostranslate import package

    path = Path(path)
    top, metadata = _validate(path)
    if pair is not None and (metadata["from_code"], metadata["to_code"]) != pair:
        raise ModelFileError(path, None, f"declares {metadata['from_code']} -> {metadata['to_code']}, "
                             f"not the {pair[0]} -> {pair[1]} asked for; refused")
    root = Path(models_dir) if models_dir is not None else default_models_dir()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".argos-install-", dir=root))
    try:
        try:
            with zipfile.ZipFile(path) as zf:
                zf.extractall(staging)
            (staging / top / RECORD).write_text(f"{_sha256(path)}  {path.name}\n", encoding="utf-8")
            pkg = package.Package(staging / top)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ModelFileError(path, None, f"cannot extract: {exc}") from None
        target = root / top
        if target.parent != root:  # _validate guarantees it; the models directory itself must never be the target
            raise ModelFileError(path, None, f"unsafe top-level directory {top!r}")
        if target.exists():  # same directory name: keep it aside until the new one is in
            os.replace(target, staging / ".previous")
        os.replace(staging / top, target)
        for old in installed_packages(root):
            if old.package_path != target and (old.from_code, old.to_code) == (pkg.from_code, pkg.to_code):
                shutil.rmtree(old.package_path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _info(package.Package(target))


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


