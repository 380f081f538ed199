"""`make lock`: resolve pyproject.toml afresh in a scratch venv and write the two lock files, with hashes.

argostranslate is installed without its dependencies: it declares torch, stanza
and spacy for its own translate module, which the pipeline never imports (it
runs CTranslate2 and SentencePiece itself and needs only argostranslate.package).
Everything else is resolved by pip as declared.  requirements.lock serves `make`
and `make test`; requirements-lint.lock adds mypy for `make lint`.

Each pin carries the SHA-256 of every file PyPI has for that version (wheels for
every platform and the sdist), in pip's `--require-hashes` format, so that an
install on any machine verifies what it downloads.  `--rehash` keeps the pinned
versions and only fetches their hashes again.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = (ROOT / "requirements.lock", ROOT / "requirements-lint.lock")
NO_DEPS = ("argostranslate",)
PYPI = "https://pypi.org/pypi"  # PyPI's JSON API
HEADER = ("# Written by `make lock` (tools/lock.py): exact versions, with the SHA-256 of every file PyPI has for each.\n"
          "# Installed with pip install --require-hashes --no-deps -r {name}\n")


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _freeze(pip: list[str]) -> dict[str, str]:
    out = subprocess.run([*pip, "freeze", "--exclude-editable"], capture_output=True, text=True, check=True).stdout
    return {_name(line): line for line in out.splitlines() if "==" in line}


def resolve() -> tuple[dict[str, str], dict[str, str]]:
    """pyproject.toml's dependencies (with the test extra) and the lint extra, resolved by pip: {name: name==version}."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    runtime = [r for r in project["dependencies"] + extras["test"] if _name(r) not in NO_DEPS]
    pinned = [r for r in project["dependencies"] if _name(r) in NO_DEPS]
    with tempfile.TemporaryDirectory(prefix="lock-") as tmp:
        subprocess.run([sys.executable, "-m", "venv", tmp], check=True)
        pip = [f"{tmp}/bin/python", "-m", "pip", "--quiet"]
        subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
        subprocess.run([*pip, "install", "--no-deps", *pinned], check=True)
        subprocess.run([*pip, "install", *runtime], check=True)
        base = _freeze(pip)
        subprocess.run([*pip, "install", *extras["lint"]], check=True)
        lint = {k: v for k, v in _freeze(pip).items() if base.get(k) != v}
    return base, lint


def pinned(path: Path) -> dict[str, str]:
    """The `name==version` pins of a lock file, with or without hashes."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        pin = line.split("#", 1)[0].split("\\", 1)[0].strip()
        if "==" in pin and not pin.startswith("-"):
            pins[_name(pin)] = pin.split(";", 1)[0].strip()
    return pins


def _json(url: str) -> dict[str, object] | None:
    """A PyPI JSON document, or None when PyPI has no such page (404)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}),
                                    timeout=60) as response:
            found: dict[str, object] = json.load(response)
            return found
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def hashes(pin: str) -> list[str]:
    """The SHA-256 of every file PyPI has for `name==version`: the release's page, else the project's list."""
    name, version = pin.split("==")
    release = _json(f"{PYPI}/{name}/{version}/json")
    if release is not None:
        files = release["urls"]
    else:
        project = _json(f"{PYPI}/{name}/json")
        releases = project["releases"] if project is not None else {}
        files = releases.get(version) if isinstance(releases, dict) else None
    digests = sorted({f["digests"]["sha256"] for f in files or [] if not f.get("yanked")})
    if not digests:
        raise SystemExit(f"error: PyPI has no files for {pin}")
    return digests


def write(path: Path, pins: dict[str, str]) -> None:
    """A lock file in pip's --require-hashes format, as pip-tools' --generate-hashes writes it."""
    blocks = []
    for key in sorted(pins):
        pin = pins[key]
        blocks.append(" \\\n".join([pin, *(f"    --hash=sha256:{h}" for h in hashes(pin))]) + "\n")
    path.write_text(HEADER.format(name=path.name) + "".join(blocks), encoding="utf-8")
    print(f"{path.name}: {len(pins)} packages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rehash", action="store_true",
                        help="keep the versions pinned in the lock files; only fetch their hashes again")
    args = parser.parse_args(argv)
    locks = [pinned(path) for path in LOCKS] if args.rehash else list(resolve())
    for path, pins in zip(LOCKS, locks):
        write(path, pins)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
