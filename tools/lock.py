"""`make lock`: resolve pyproject.toml afresh in a scratch venv and write the two lock files.

argostranslate is installed without its dependencies: it declares torch, stanza
and spacy for its own translate module, which the pipeline never imports (it
runs CTranslate2 and SentencePiece itself and needs only argostranslate.package).
Everything else is resolved by pip as declared.  requirements.lock serves `make`
and `make test`; requirements-lint.lock adds mypy for `make lint`.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NO_DEPS = ("argostranslate",)


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _freeze(pip: list[str]) -> dict[str, str]:
    out = subprocess.run([*pip, "freeze", "--exclude-editable"], capture_output=True, text=True, check=True).stdout
    return {_name(line): line for line in out.splitlines() if "==" in line}


def main() -> int:
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
    for path, lines in ((ROOT / "requirements.lock", base), (ROOT / "requirements-lint.lock", lint)):
        path.write_text("".join(f"{lines[k]}\n" for k in sorted(lines)), encoding="utf-8")
        print(f"{path.name}: {len(lines)} packages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
