"""What `pipeline check` on every language of the dossier costs, cold and warm, wall clock and CPU.

Cold: without the kept findings and tool answers (build/.qa-findings.json,
build/.tool-answers.json): every entry checked, every hunspell and lt-proc asked.
Warm: a second check with nothing changed.  Each run is a fresh `python -m
pipeline check` on a copy of the project; CPU is that process's and its
children's (hunspell, lt-proc).  Goal (issue 12): cold under 1 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(runs: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of each cold and each warm check, alternating, on a copy of the project."""
    figures: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": []}
    with tempfile.TemporaryDirectory() as folder:
        copy_root = Path(folder)
        for name in ("pyproject.toml", "glossary.csv", "source", "locales"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, copy_root / name)
        command = [sys.executable, "-m", "pipeline", "-C", str(copy_root), "check", "--format", "json"]
        for _ in range(runs):
            for kind in ("cold", "warm"):
                if kind == "cold":
                    shutil.rmtree(copy_root / "build", ignore_errors=True)
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, cwd=ROOT, capture_output=True, check=False)  # cwd: this tree's pipeline
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                figures[kind].append((wall, cpu))
    return figures


def report(figures: dict[str, list[tuple[float, float]]]) -> None:
    load = os.getloadavg()[0]
    for kind, runs in figures.items():
        wall, cpu = [w for w, _ in runs], [c for _, c in runs]
        print(f"pipeline check, all languages, {kind}: wall min {min(wall):.2f} s, median {statistics.median(wall):.2f} s; "
              f"CPU min {min(cpu):.2f} s, median {statistics.median(cpu):.2f} s "
              f"({len(runs)} runs; load average {load:.1f} on {os.cpu_count()} cores)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold and warm checks each (default 5)")
    report(measure(parser.parse_args().runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
