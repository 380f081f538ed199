"""Every command works without the translation stack argostranslate declares (torch, stanza, spacy...).

The project installs argostranslate without its dependencies; here the heavy
modules are made unimportable in a child process, and every command runs.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAVY = ["torch", "stanza", "spacy", "onnxruntime", "minisbd", "sacremoses", "argostranslate.translate"]

SCRIPT = """
import importlib.abc, json, sys
HEAVY = {heavy!r}
class Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == h or name.startswith(h + ".") for h in HEAVY):
            raise ImportError(f"{{name}} is not in the lean environment")
sys.meta_path.insert(0, Blocked())
from pipeline.cli import main
codes = [main(["-q", "-C", {root!r}, *args]) for args in json.loads(sys.argv[1])]
print(json.dumps(codes))
assert not [m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]
"""


@pytest.mark.slow
def test_every_command_runs_without_the_argostranslate_translation_stack(project: Path, argos_files, tmp_path) -> None:
    md, po = tmp_path / "one.md", tmp_path / "one.po"
    md.write_text("# Titre\n\nUn paragraphe.\n", encoding="utf-8")
    # what is imported does not depend on the document's length: a page of the dossier, not all of it
    source = project / "source/dossier.fr.md"
    source.write_text("\n".join(source.read_text(encoding="utf-8").splitlines()[:60]) + "\n", encoding="utf-8")
    config = project / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("default = []", 'default = []\nen = ["argos"]'),
                      encoding="utf-8")
    commands = [
        ["models", "install", "--file", str(argos_files["fr_en"])], ["models", "list"],
        ["extract"], ["update"], ["translate"], ["build"], ["run"], ["check"], ["stats", "--json"],
        ["glossary", "suggest"], ["glossary", "export", "--format", "tbx", "-o", str(tmp_path / "g.tbx")],
        ["tm", "export", "-o", str(tmp_path / "m.tmx")], ["tm", "import", str(tmp_path / "m.tmx")],
        ["md2po", str(md), "-o", str(po)], ["po2md", str(md), str(po), "-o", str(tmp_path / "out.md")],
    ]
    env_models = {"PIPELINE_MODELS_DIR": str(tmp_path / "models")}
    code = SCRIPT.format(heavy=HEAVY, root=str(project))
    done = subprocess.run([sys.executable, "-c", code, json.dumps(commands)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **env_models})
    assert done.returncode == 0, done.stderr
    expected = [1 if args == ["check"] else 0 for args in commands]  # the tiny model copies French: QA says so
    assert json.loads(done.stdout.splitlines()[-1]) == expected, done.stderr
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == "# Titre\n\nUn paragraphe.\n"
    drafts = (project / "locales/en/LC_MESSAGES/dossier.po").read_text(encoding="utf-8")
    assert "# machine translation: argos translate-fr_en 1.0" in drafts  # the tiny model drafted English
