"""Segments/second of one pass per batch vs one pass per segment, and of a pass through the kept programs
(engines/pipes.py) vs a fresh `apertium -f html` process.

Why: each `apertium` call starts a dozen processes and loads the pair's
dictionaries, so per-segment calls pay that start-up every time; the engine
keeps a mode's programs running instead (all but the tagger and cg-proc). Run from the
repository root: `.venv/bin/python tools/bench_apertium.py [--target es] [-n 100]`.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.engines import pipes  # noqa: E402
from pipeline.engines.apertium import ApertiumEngine, _encode  # noqa: E402

SOURCE = ROOT / "source" / "dossier.fr.md"


def sentences(path: Path, count: int) -> list[str]:
    """The first `count` prose sentences (4+ words) of a Markdown file."""
    text = re.sub(r"[*_#>`|]+", " ", path.read_text(encoding="utf-8"))
    found: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        for sent in re.split(r"(?<=[.!?»])\s+(?=[A-ZÀ-ÖØ-Þ«])", para):
            if len(sent.split()) >= 4:
                found.append(sent)
                if len(found) == count:
                    return found
    return found


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="es")
    parser.add_argument("-n", type=int, default=100, help="number of sentences")
    args = parser.parse_args()

    texts = sentences(SOURCE, args.n)
    engine = ApertiumEngine()
    engine.translate(texts[:1], "fr", args.target)  # warm the page cache

    batched: list[str] = []
    per_segment: list[str] = []
    t_batch = timed(lambda: batched.extend(engine.translate(texts, "fr", args.target)))
    t_single = timed(lambda: per_segment.extend(
        engine.translate([t], "fr", args.target)[0] for t in texts))

    n = len(texts)
    print(f"apertium fr->{args.target}: {n} sentences from {SOURCE.name}, "
          f"{sum(len(t) for t in texts)} chars")
    print(f"  {engine.provenance('fr', args.target)}")
    print(f"  batched     : {t_batch:7.2f} s  {n / t_batch:8.1f} segments/s")
    print(f"  per segment : {t_single:7.2f} s  {n / t_single:8.1f} segments/s")
    print(f"  ratio       : {t_single / t_batch:7.1f}x faster batched")
    same = sum(a == b for a, b in zip(batched, per_segment))
    print(f"  identical outputs batched vs per segment: {same}/{n}")

    # one segment a pass, raw (no mending or choice): the kept programs against a fresh `apertium` each time
    mode = engine.route("fr", args.target)[0]
    bodies = [f"<p>{_encode(t, False)[0]}</p>\n".encode() for t in texts]
    env = dict(pipes.environment(), APERTIUM_TRANSFUSE="no")
    kept: list[bytes] = []
    fresh: list[bytes] = []
    t_kept = timed(lambda: kept.extend(pipes.translate(engine._mode_file(mode), b, 60)[0] for b in bodies))
    t_fresh = timed(lambda: fresh.extend(subprocess.run(["apertium", "-f", "html", mode], input=b, env=env,
                                                        capture_output=True, check=True).stdout for b in bodies))
    print(f"  {mode}, one segment a pass: kept programs {t_kept:6.2f} s ({n / t_kept:6.1f}/s), "
          f"a fresh `apertium` each {t_fresh:6.2f} s ({n / t_fresh:6.1f}/s): {t_fresh / t_kept:.1f}x; "
          f"identical {sum(a == b for a, b in zip(kept, fresh))}/{n} (load {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
