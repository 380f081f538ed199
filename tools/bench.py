"""`make bench`: extraction (md2po) and reassembly (po2md) on a 5 MB French corpus, against po4a and translate-toolkit.

A benchmark, not a test: it prints figures and fails only if our identity round
trip is not byte-identical.  Each tool runs as its users run it, a command per
step, on the same corpus, in turns (ours, po4a, translate-toolkit, then again),
so that the load of the machine weighs on all alike; wall and CPU time (user +
system, children included) are taken per step, min and median over --runs.
"ours on 3 lines" runs our two commands on a three-line document: what the
interpreter's start and the command line's imports take of each.  The last
lines give the peers' time over ours and whether the goals (GOALS) are met.
The identity catalogue of every tool is made by gettext's `msgen` from its own
template.  The peers live outside the project's environment: po4a from Debian
(tools/bench-packages.txt, installed when missing and we are root), translate-
toolkit in build/bench-venv (tools/bench-requirements.txt, exact versions).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline.catalog import build_catalog, merge
from pipeline.locales import language
from pipeline.segment import segment

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 5 * 1024 * 1024
VENV = ROOT / "build" / "bench-venv"
Steps = list[tuple[str, Sequence[str], Path | None]]  # (step, command, file the step writes)
GOALS = {"po4a": 2.0, "translate-toolkit": 6.0}
"""How many times faster than each peer extract + rebuild must be (issue 12): met when the CPU ratio of
the medians and that of the minimums both reach it."""


def corpus() -> str:
    """The dossier repeated to 5 MB, each copy's text lines made distinct so msgids do not collapse."""
    dossier = (ROOT / "source" / "dossier.fr.md").read_text(encoding="utf-8")
    copies, size, k = [], 0, 0
    while size < TARGET_BYTES:
        copy = re.sub(r"(?m)^(?=[A-ZÀ-Ý])", f"V{k} ", dossier)
        copies.append(copy)
        size += len(copy.encode("utf-8"))
        k += 1
    return "\n\n".join(copies)


@dataclass
class Tool:
    """One tool's commands: extract to a template, then rebuild the document from the identity catalogue."""

    name: str
    commands: Callable[[Path], tuple[Steps, Steps]]   # work folder -> (extract, rebuild)
    times: dict[str, list[tuple[float, float]]] = field(default_factory=dict)  # step -> (wall, cpu) per run
    identical: bool | None = None


def _ours(tmp: Path) -> tuple[Steps, Steps]:
    py = [sys.executable, "-m", "pipeline"]
    return ([("extract", [*py, "md2po", str(tmp / "corpus.md"), "-o", str(tmp / "ours.pot")], tmp / "ours.pot")],
            [("rebuild", [*py, "po2md", str(tmp / "corpus.md"), str(tmp / "ours.po"), "-o", str(tmp / "ours.md")],
              tmp / "ours.md")])


def _startup(tmp: Path) -> tuple[Steps, Steps]:
    """Our two commands on a three-line document: what starting the interpreter and importing costs them."""
    (tmp / "tiny.md").write_text("# Titre\n\nUn paragraphe.\n", encoding="utf-8")
    py = [sys.executable, "-m", "pipeline"]
    return ([("extract", [*py, "md2po", str(tmp / "tiny.md"), "-o", str(tmp / "tiny.pot")], tmp / "tiny.pot")],
            [("rebuild", [*py, "po2md", str(tmp / "tiny.md"), str(tmp / "tiny.po"), "-o", str(tmp / "tiny.md.out")],
              tmp / "tiny.md.out")])


def _po4a(tmp: Path) -> tuple[Steps, Steps]:
    common = ["-f", "text", "-o", "markdown", "-o", "neverwrap", "-M", "UTF-8", "-m", str(tmp / "corpus.md")]
    return ([("extract", ["po4a-updatepo", *common, "-p", str(tmp / "po4a.pot")], tmp / "po4a.pot")],
            [("rebuild", ["po4a-translate", *common, "-p", str(tmp / "po4a.po"), "-l", str(tmp / "po4a.md"),
                          "-k", "0"], tmp / "po4a.md")])


def _toolkit(tmp: Path) -> tuple[Steps, Steps]:
    bin_ = VENV / "bin"
    return ([("extract", [str(bin_ / "md2po"), "--progress=none", "-i", str(tmp / "corpus.md"), "-o",
                          str(tmp / "tt.pot")], tmp / "tt.pot")],
            [("rebuild", [str(bin_ / "po2md"), "--progress=none", "-t", str(tmp / "corpus.md"), "-i",
                          str(tmp / "tt.po"), "-o", str(tmp / "tt.md")], tmp / "tt.md")])


def _timed(command: Sequence[str], output: Path | None) -> tuple[float, float]:
    """Wall and CPU seconds of one command (the file it writes removed first: a fresh run every time)."""
    if output is not None:
        output.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def peers_installed() -> list[str]:
    """Install what the peers need outside .venv; the names of the peers that cannot run."""
    missing = []
    packages = (ROOT / "tools" / "bench-packages.txt").read_text().split()
    if not all(shutil.which(p) for p in ("po4a-updatepo", "po4a-translate")):
        if os.geteuid() == 0 and shutil.which("apt-get"):
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            for apt in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", *packages]):
                subprocess.run(apt, check=False, stdout=subprocess.DEVNULL, env=env)
        if not shutil.which("po4a-translate"):
            print(f"po4a left out: sudo apt-get install {' '.join(packages)}", file=sys.stderr)
            missing.append("po4a")
    requirements = ROOT / "tools" / "bench-requirements.txt"
    stamp = VENV / "installed.sha256"
    wanted = hashlib.sha256(requirements.read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != wanted:
        base = getattr(sys, "_base_executable", sys.executable)  # the Python .venv was made with, not .venv's
        made = subprocess.run([base, "-m", "venv", "--clear", str(VENV)], check=False).returncode == 0 and \
            subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", "-r",
                            str(requirements)], check=False).returncode == 0
        if made:
            stamp.write_text(wanted)
    if not stamp.exists() or stamp.read_text() != wanted:
        print(f"translate-toolkit left out: could not install {requirements.name} in {VENV}", file=sys.stderr)
        missing.append("translate-toolkit")
    return missing


def compare(runs: int) -> int:
    """Time every tool on the corpus, `runs` times in turns, and print the table."""
    missing = peers_installed()
    tools = [Tool("ours (pipeline)", _ours), Tool("po4a 0.69", _po4a), Tool("translate-toolkit 3.20.4", _toolkit),
             Tool("ours on 3 lines (start-up)", _startup)]
    tools = [t for t in tools if not any(t.name.startswith(m) for m in missing)]
    text = corpus()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        source = tmp / "corpus.md"
        source.write_bytes(text.encode("utf-8"))
        mb = source.stat().st_size / 1e6
        load = os.getloadavg()
        for _ in range(runs):
            for tool in tools:
                extract, rebuild = tool.commands(tmp)
                for step, command, output in extract:
                    tool.times.setdefault(step, []).append(_timed(command, output))
                template = extract[-1][2]
                assert template is not None
                subprocess.run(["msgen", str(template), "-o", str(template.with_suffix(".po"))], check=True)
                for step, command, output in rebuild:
                    tool.times.setdefault(step, []).append(_timed(command, output))
                rebuilt = rebuild[-1][2]
                assert rebuilt is not None
                original = tmp / "tiny.md" if tool.commands is _startup else source
                tool.identical = rebuilt.read_bytes() == original.read_bytes()
        entries = len(polib.pofile(str(tmp / "ours.pot"))) if (tmp / "ours.pot").exists() else 0
    end = os.getloadavg()
    print(f"corpus: {mb:.2f} MB of French Markdown, {entries} distinct entries; {runs} runs in turns; "
          f"load average {load[0]:.1f} at the start, {end[0]:.1f} at the end, {os.cpu_count()} cores")
    print(f"{'tool':26s} {'step':9s} {'wall min':>9s} {'wall med':>9s} {'CPU min':>8s} {'CPU med':>8s} {'MB/s (CPU)':>10s}")
    totals = {}
    for tool in tools:
        per_run = [(sum(tool.times[s][i][0] for s in tool.times), sum(tool.times[s][i][1] for s in tool.times))
                   for i in range(runs)]
        totals[tool.name] = per_run
        for step, values in [*tool.times.items(), ("total", per_run)]:
            walls, cpus = [v[0] for v in values], [v[1] for v in values]
            print(f"{tool.name:26s} {step:9s} {min(walls):8.2f}s {statistics.median(walls):8.2f}s "
                  f"{min(cpus):7.2f}s {statistics.median(cpus):7.2f}s {mb / statistics.median(cpus):10.2f}")
        print(f"{'':26s} identity round trip: {'byte-identical' if tool.identical else 'differs from the source'}")
    for mine in [name for name in totals if name.startswith("ours (")]:
        ours = totals[mine]
        for name, runs_ in totals.items():
            if name.startswith("ours"):
                continue
            ratio = [statistics.median(v[k] for v in runs_) / statistics.median(v[k] for v in ours) for k in (0, 1)]
            best = [min(v[k] for v in runs_) / min(v[k] for v in ours) for k in (0, 1)]
            goal = next((g for peer, g in GOALS.items() if name.startswith(peer)), None)
            verdict = "" if goal is None else \
                f"; goal {goal:g}x: {'met' if min(ratio[1], best[1]) >= goal else 'NOT met'}"
            print(f"{name} / {mine}, extract + rebuild: CPU {ratio[1]:.2f}x (medians), {best[1]:.2f}x (mins); "
                  f"wall {ratio[0]:.2f}x (medians), {best[0]:.2f}x (mins){verdict}")
    return 0 if all(tool.identical for tool in tools if tool.name.startswith("ours")) else 1


def update_figure() -> None:
    """How long `update` takes after one paragraph in ten changed (msgmerge semantics, fuzzy matching)."""
    text = corpus()
    pot = build_catalog(segment(text, "corpus.md"), "bench", "fr")
    po = polib.POFile()
    for entry in pot:
        po.append(polib.POEntry(msgid=entry.msgid, msgstr=entry.msgid, occurrences=entry.occurrences))
    edited = re.sub(r"(?m)^(V\d*[05] )", r"\1modifié ", text)  # one paragraph in ten changes
    new_pot = build_catalog(segment(edited, "corpus.md"), "bench", "fr")
    start = time.perf_counter()
    merged = merge(new_pot, po, language("en"))
    took = time.perf_counter() - start
    fuzzy = sum(1 for e in merged if e.fuzzy)
    print(f"update after editing {fuzzy} of {len(new_pot)} entries: {took:6.2f} s "
          "(each inherits its old translation as fuzzy)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of every tool, in turns (default 3)")
    parser.add_argument("--no-update", action="store_true", help="leave out the update (merge) figure")
    args = parser.parse_args(argv)
    code = compare(args.runs)
    if not args.no_update:
        update_figure()
    return code


if __name__ == "__main__":
    sys.exit(main())
