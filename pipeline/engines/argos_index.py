"""The Argos package index over the network: read it, choose the models a language needs, download them.

argostranslate's own helpers are not used for this: they never time out, log
instead of raising on network errors (update_package_index, download), and
recurse without end when the index cannot be fetched (get_available_packages).
Downloads go over https only (plain http when the user allows it), are capped
in size and checked against the index's checksum; each archive is then
installed by argos_models.install_file, which validates it first.
"""
from __future__ import annotations

import hashlib
import http.client
import io
import json
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, BinaryIO, Iterable

from pipeline.engines.argos_models import PIVOT, ModelInfo, default_models_dir, install_file, installed_packages, newest
from pipeline.errors import EngineUnavailable, ModelFileError, PipelineError

# argostranslate's AvailablePackage is untyped: it travels as Any here
MAX_DOWNLOAD = 2 * 1024**3      # bytes of one .argosmodel download (the largest Argos models are ~0.5 GB)
MAX_INDEX = 16 * 1024**2        # bytes of the package index


def index_url() -> str:
    """The index.json URL under ARGOS_PACKAGE_INDEX (a base URL ending in '/')."""
    from argostranslate import settings

    base = str(settings.get_setting("ARGOS_PACKAGE_INDEX", default=settings.package_index))
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


class _SameSchemeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a scheme the download may use: no https -> http downgrade."""

    def __init__(self, allow_http: bool) -> None:
        self.allow_http = allow_http

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        _check_scheme(newurl, self.allow_http)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_scheme(url: str, allow_http: bool) -> None:
    """Downloads go over https; plain http only when the user said so (a local mirror, the tests)."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and allow_http):
        return
    remedy = " (`--allow-http` accepts plain http from a mirror you trust)" if scheme == "http" else ""
    raise ModelFileError(url, None, f"refused: downloads must use https, not {scheme or 'a bare path'}{remedy}; "
                         "for a local file use `pipeline models install --file`")


def _download(url: str, out: BinaryIO, timeout: float, limit: int, allow_http: bool) -> str:
    """Stream `url` into `out`, at most `limit` bytes; its SHA-256."""
    _check_scheme(url, allow_http)
    opener = urllib.request.build_opener(_SameSchemeRedirects(allow_http))
    request = urllib.request.Request(url, headers={"User-Agent": "pipeline"})
    digest, size = hashlib.sha256(), 0
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise ModelFileError(url, None, f"is {declared} bytes, more than the limit of {limit}; refused")
            for block in iter(lambda: response.read(1 << 20), b""):
                size += len(block)
                if size > limit:
                    raise ModelFileError(url, None, f"is more than the limit of {limit} bytes; refused")
                digest.update(block)
                out.write(block)
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EngineUnavailable(
            f"cannot download {url} ({reason}); are you offline? "
            "Install a downloaded .argosmodel file instead") from None
    return digest.hexdigest()


def available_packages(url: str | None = None, timeout: float = 30, allow_http: bool = False) -> list[Any]:
    """Translate packages listed in the package index (argostranslate AvailablePackage), each with
    `sha256`: the archive's checksum when the index gives one (a `sha256` field), else ""."""
    from argostranslate import package

    url = url or index_url()
    buffer = io.BytesIO()
    _download(url, buffer, timeout, MAX_INDEX, allow_http)
    try:
        index = json.loads(buffer.getvalue())
    except ValueError:
        raise EngineUnavailable(f"the Argos package index {url} is not valid JSON") from None
    if not isinstance(index, list):
        raise EngineUnavailable(f"the Argos package index {url} is not a list of packages")
    packages = []
    for meta in index:
        if isinstance(meta, dict):
            pkg = package.AvailablePackage(meta)
            checksum = meta.get("sha256")
            pkg.sha256 = checksum.lower() if isinstance(checksum, str) else ""
            if pkg.type == "translate" and pkg.links:
                packages.append(pkg)
    return packages


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
                      url: str | None = None, timeout: float = 30, allow_http: bool = False) -> list[ModelInfo]:
    """Download and install what translating source -> codes needs; return what was installed.

    Pairs already installed at the index's version or newer are skipped.  Each
    archive is streamed to a hidden file in the models directory, checked against
    the index's checksum when it gives one, and must declare the pair asked for.
    """
    root = Path(models_dir) if models_dir is not None else default_models_dir()
    needed = plan(list(codes), source, available_packages(url, timeout, allow_http))
    have = {(p.from_code, p.to_code): p for p in installed_packages(root)}
    created = not root.exists()
    done: list[ModelInfo] = []
    try:
        _install_each(needed, have, root, timeout, allow_http, done)
    except PipelineError:
        if created and not done:  # leave no empty models directory behind a refused download
            shutil.rmtree(root, ignore_errors=True)
        raise
    return done


def _install_each(needed: list[Any], have: dict[tuple[str, str], Any], root: Path, timeout: float,
                  allow_http: bool, done: list[ModelInfo]) -> None:
    for pkg in needed:
        current = have.get((pkg.from_code, pkg.to_code))
        if current is not None and newest([current, pkg], pkg.from_code, pkg.to_code) is current:
            continue
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".argos-download-", dir=root) as tmp:
            file = Path(tmp) / f"{pkg.from_code}_{pkg.to_code}.argosmodel"
            failure: PipelineError = EngineUnavailable(f"no download link for {pkg}")
            for link in pkg.links:
                try:
                    with file.open("wb") as out:
                        sha256 = _download(link, out, timeout, MAX_DOWNLOAD, allow_http)
                    break
                except EngineUnavailable as exc:
                    failure = exc
            else:
                raise failure
            if pkg.sha256 and sha256 != pkg.sha256:
                raise ModelFileError(link, None, f"SHA-256 {sha256} differs from the index's {pkg.sha256}; refused")
            done.append(install_file(file, root, (pkg.from_code, pkg.to_code)))
