"""`pipeline --help` stays light: the command line imports the stages only for the command that runs.

Each case runs in a fresh interpreter, so what sys.modules holds afterwards is
what the command imported, not what earlier tests left behind.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# The heavy libraries (Markdown parser, PO reader, MT runtime, Babel's locale data, YAML, progress bars)
# and the pipeline's own stages, which import them.
HEAVY = ["markdown_it", "mdit_py_plugins", "polib", "ctranslate2", "sentencepiece", "argostranslate", "babel",
         "yaml", "tqdm", "ahocorasick", "pipeline.config", "pipeline.segment", "pipeline.catalog",
         "pipeline.translate", "pipeline.review", "pipeline.checks", "pipeline.assemble", "pipeline.project",
         "pipeline.cli.stages", "pipeline.cli.tools"]

SCRIPT = """
import contextlib, io, json, sys
{setup}
heavy = {heavy!r}
print(json.dumps(sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))))
"""

HELP = """
from pipeline.cli import main
for argv in {argvs!r}:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main(argv)
"""

COMMANDS = [["--help"], ["--version"], ["md2po", "--help"], ["po2md", "--help"], ["extract", "--help"],
            ["update", "--help"], ["translate", "--help"], ["build", "--help"], ["run", "--help"],
            ["models", "--help"], ["models", "install", "--help"], ["glossary", "suggest", "--help"],
            ["tm", "import", "--help"], ["stats", "--help"]]


def _loaded(setup: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running `setup`."""
    code = SCRIPT.format(setup=setup, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


@pytest.mark.parametrize("setup", ["import pipeline", "import pipeline.cli", HELP.format(argvs=COMMANDS)],
                         ids=["package", "cli", "help-of-every-command"])
def test_the_command_line_and_its_help_import_no_stage_and_no_heavy_library(setup: str) -> None:
    assert _loaded(setup) == []


def test_running_a_command_imports_its_stages() -> None:
    """The other side: the stages are imported when a command runs (here md2po on a one-line file)."""
    setup = ("import tempfile, pathlib\nfrom pipeline.cli import main\n"
             "d = pathlib.Path(tempfile.mkdtemp()); (d / 'a.md').write_text('# Titre\\n', encoding='utf-8')\n"
             "with contextlib.redirect_stdout(io.StringIO()) as out: assert main(['md2po', str(d / 'a.md')]) == 0\n"
             "assert 'msgid \"Titre\"' in out.getvalue()")
    loaded = _loaded(setup)
    assert {"markdown_it", "polib", "pipeline.segment", "pipeline.catalog", "pipeline.cli.stages"} <= set(loaded)


def test_check_help_lists_every_check() -> None:
    """`check --help` reads the checks table when it is shown (the one help that imports the QA)."""
    from pipeline.checks import CHECKS
    done = subprocess.run([sys.executable, "-m", "pipeline", "check", "--help"], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={**os.environ, "COLUMNS": "10000"})  # no line breaks in names
    text = done.stdout
    assert all(f"{name} ({check.severity})" in text for name, check in CHECKS.items())


def test_md2po_and_po2md_start_without_yaml_babel_data_or_what_only_build_needs() -> None:
    """md2po and po2md run once per file, often in a build loop: on a document without front matter they
    import no PyYAML, none of Babel's plural and calendar modules, and none of build's pages, reports and QA."""
    setup = ("import tempfile, pathlib\nfrom pipeline.cli import main\n"
             "d = pathlib.Path(tempfile.mkdtemp()); (d / 'a.md').write_text('# Titre\\n\\nUn *mot*.\\n', encoding='utf-8')\n"
             "assert main(['-q', 'md2po', str(d / 'a.md'), '-o', str(d / 'a.pot')]) == 0\n"
             "assert main(['-q', 'po2md', str(d / 'a.md'), str(d / 'a.pot'), '-o', str(d / 'b.md')]) == 0\n"
             "assert (d / 'b.md').read_text(encoding='utf-8') == '# Titre\\n\\nUn *mot*.\\n'")
    code = SCRIPT.format(setup=setup, heavy=["yaml", "babel.messages", "babel.dates", "pipeline.project.publish",
                                              "pipeline.page", "pipeline.review_page", "pipeline.stats",
                                              "pipeline.protect", "pipeline.glossary", "pipeline.figures",
                                              "pipeline.fuzzy"])
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []
