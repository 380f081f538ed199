"""Segments/second: batched ArgosEngine vs argostranslate.translate.translate() per segment.

Both run the same installed package (the tiny model from build_test_model.py
unless --model is given) on the same French segments, with the same beam size,
thread count and compute type.  Everything lives in a temporary directory, and
non-loopback connections are refused in-process: argostranslate's sentence
splitters (MiniSBD by default, Stanza, spaCy) all try to download a model on
first use, so its splitter is replaced by a pass-through one, which is what the
engine does too (segments arrive already split).
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

blocked: list[object] = []
_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and not str(host).startswith(("127.", "::1")):
        blocked.append(address)
        raise OSError(f"bench_argos: network access refused ({address})")
    _real_connect(self, address)


class PassThrough:
    """Stands in for argostranslate's sentencizer: one segment is one sentence."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


def segments(n: int) -> list[str]:
    lines = (REPO / "tests" / "data" / "argos" / "corpus.txt").read_text(encoding="utf-8").splitlines()[:100]
    return [lines[i % len(lines)] + (" Merci beaucoup." if i >= len(lines) else "") for i in range(n)]


def best_rates(runners: dict, texts: list[str], repeat: int) -> dict[str, tuple[float, list[str]]]:
    """Best segments/second of each runner and its output; runs interleave, so load drift hits all."""
    best: dict[str, tuple[float, list[str]]] = {name: (0.0, []) for name in runners}
    for _ in range(repeat):
        for name, fn in runners.items():
            start = time.perf_counter()
            out = fn(texts)
            best[name] = (max(best[name][0], len(texts) / (time.perf_counter() - start)), out)
    return best


def import_seconds(module: str = "argostranslate.translate") -> float:
    """Import time in a fresh interpreter (the bench process has torch loaded already)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return float(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help=".argosmodel fr->en (default: build the tiny one)")
    parser.add_argument("-n", type=int, default=200, help="number of segments")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory(prefix="bench-argos-") as tmp:
        return run(args, Path(tmp))


def run(args: argparse.Namespace, tmp: Path) -> int:
    models_dir = tmp / "packages"
    # argostranslate reads its settings once, at import: set them first.
    os.environ.update({
        "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_CACHE_HOME": str(tmp / "cache"), "ARGOS_PACKAGES_DIR": str(models_dir),
        "ARGOS_COMPUTE_TYPE": "default", "ARGOS_INTRA_THREADS": str(args.threads),
        "ARGOS_BEAM_SIZE": "4", "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
    })
    from pipeline.engines import argos_models
    from pipeline.engines.argos import ArgosEngine

    model = args.model
    if model is None:
        import build_test_model

        model = build_test_model.build("fr", "en", "1.0", tmp / "fr_en.argosmodel")
    argos_models.install_file(model, models_dir)
    texts = segments(args.n)

    engine = ArgosEngine(models_dir, intra_threads=args.threads, batch_size=args.batch_size, beam_size=4)
    engine.translate(texts[:1], "fr", "en")  # load the model outside the timing

    try:  # the translation stack argostranslate declares (torch, stanza) is not in the project's venv
        import argostranslate.translate as argos_translate
    except ImportError:
        argos_translate = None
    if argos_translate is not None:
        translation = argos_translate.get_translation_from_codes("fr", "en")
        translation.underlying.sentencizer = PassThrough()
        argos_translate.translate(texts[0], "fr", "en")
        baseline = "argostranslate.translate per call"
        per_call = lambda t: [argos_translate.translate(s, "fr", "en") for s in t]  # noqa: E731
    else:  # what argostranslate does: one string per translate_batch call
        single = ArgosEngine(models_dir, intra_threads=args.threads, batch_size=1, beam_size=4)
        baseline = "one call per segment (as argostranslate)"
        per_call = lambda t: [single.translate([s], "fr", "en")[0] for s in t]  # noqa: E731

    results = best_rates({"engine": lambda t: engine.translate(t, "fr", "en"), "argos": per_call}, texts, args.repeat)
    (engine_rate, engine_out), (argos_rate, argos_out) = results["engine"], results["argos"]
    same = sum(a == b for a, b in zip(engine_out, argos_out))
    print(f"model: {model.name}  segments: {len(texts)}  threads: {args.threads}  "
          f"batch size: {args.batch_size}  beam: 4  best of {args.repeat}")
    print(f"ArgosEngine (batched):            {engine_rate:9.1f} segments/s")
    print(f"{baseline + ':':<34}{argos_rate:9.1f} segments/s")
    print(f"ratio: {engine_rate / argos_rate:.1f}x")
    print(f"identical outputs: {same}/{len(texts)}")
    print(f"fresh-process import of pipeline.engines.argos: {import_seconds('pipeline.engines.argos'):.2f} s")
    print(f"non-loopback connections refused: {len(blocked)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
