"""Segments/second of one `apertium` call per batch vs one call per segment.

Why: each `apertium` call starts a dozen processes and loads the pair's
dictionaries, so per-segment calls pay that start-up every time. Run from the
repository root: `.venv/bin/python tools/bench_apertium.py [--target es] [-n 100]`.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.engines.apertium import ApertiumEngine  # noqa: E402

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
