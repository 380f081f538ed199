"""Glossary matching at scale: the one-pass matcher against the per-term regex loop it replaced.

Three workloads, each timed before (the old algorithm, kept below as the
reference) and after (Glossary.find), min and median of RUNS runs side by side:
the dossier's segments with the real glossary.csv; the same with a synthetic
glossary of 100 000 terms (made deterministically here); and the dossier as one
300 KB line.  Then `pipeline check` on every language, in-process before/after
and as a command (wall time, interpreter start included).  A benchmark, not a
test: it fails only if the two algorithms disagree.
"""
from __future__ import annotations

import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

from pipeline.config import load as load_config
from pipeline.glossary import Glossary, Match, Term, _is_plural, _pattern
from pipeline.patterns import WEB
from pipeline.project import commands, inputs

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
SYNTHETIC_TERMS = 100_000
SAMPLE = 20  # segments (evenly spread) the old loop runs over with 100 000 terms (all of them would take an hour)
LINE_BYTES = 300_000


def reference_find(glossary: Glossary, text: str, approved_only: bool = True) -> list[Match]:
    """The matcher before the one-pass index: every term's regex over the text, then an all-pairs overlap test."""
    if "_reference" not in glossary.__dict__:
        glossary.__dict__["_reference"] = [(t, _pattern(t)) for t in glossary.terms]
    patterns: list[tuple[Term, re.Pattern[str]]] = glossary.__dict__["_reference"]
    blocked = [(m.start(), m.end()) for m in WEB.finditer(text)]
    found = []
    for term, pattern in patterns:
        if approved_only and term.status != "approved":
            continue
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in blocked):
                found.append(Match(term, m.start(), m.end(), m.group(), _is_plural(term, m.group())))
    chosen: list[Match] = []
    for match in sorted(found, key=lambda f: (-(f.end - f.start), f.start, f.term.line)):
        if all(match.end <= c.start or c.end <= match.start for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda c: c.start)


def synthetic(real: Glossary, size: int) -> Glossary:
    """The real terms plus made-up French-looking ones up to `size`: 1-3 words, some plural forms, dnt, exact case."""
    rnd = random.Random(12)
    syllables = ["ca", "ré", "mo", "dè", "le", "sé", "cu", "ri", "té", "por", "tu", "ai", "re", "nu", "mé", "ri",
                 "que", "ban", "pla", "ti", "on", "fran", "ço", "is", "gé", "né", "ra", "teur", "ma", "ri", "ti", "me"]
    links = ["de", "des", "du", "à", "la", "d'", "en"]
    seen = {t.fr.casefold() for t in real.terms}
    terms = list(real.terms)
    while len(terms) < size:
        words = ["".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 4))) for _ in range(rnd.randint(1, 3))]
        if len(words) > 1 and rnd.random() < 0.5:
            words.insert(1, rnd.choice(links))
        fr = " ".join(words).replace("d' ", "d'")
        if fr.casefold() in seen:
            continue
        seen.add(fr.casefold())
        kind = rnd.random()
        terms.append(Term(fr, fr + "x" if kind < 0.05 else "", {"en": (fr.upper(), "")},
                          dnt=0.05 <= kind < 0.08, exact_case=0.08 <= kind < 0.1,
                          status="draft" if kind > 0.95 else "approved", line=len(terms) + 2))
    return Glossary("synthetic.csv", real.languages, terms)


def timed(work: Callable[[], object], *fresh: Glossary) -> list[float]:
    """Seconds per run; each run starts with `fresh` glossaries forgetting the texts their find remembers (if any)."""
    runs = []
    for _ in range(RUNS):
        for glossary in fresh:
            memo = getattr(glossary, "_found", None)
            if isinstance(memo, dict):
                memo.clear()
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return runs


def show(label: str, before: list[float] | None, after: list[float]) -> None:
    def cell(runs: list[float] | None) -> str:
        return f"min {min(runs):8.3f} s  median {statistics.median(runs):8.3f} s" if runs else " " * 33
    ratio = f"  {statistics.median(before) / statistics.median(after):7.0f}x" if before else ""
    print(f"{label:44} before {cell(before)} | after {cell(after)}{ratio}")


def same(glossary: Glossary, texts: list[str]) -> None:
    def key(matches: list[Match]) -> list[tuple[int, int, int, bool]]:
        return [(m.term.line, m.start, m.end, m.plural) for m in matches]
    for text in texts:
        if key(glossary.find(text)) != key(reference_find(glossary, text)):
            sys.exit(f"the two matchers disagree on {text[:80]!r}")


def main() -> int:
    config = load_config(ROOT)
    real = inputs.glossary(config)
    texts = [s.text for d in inputs.documents(config) for s in d.segments]
    line = " ".join(" ".join(texts * (LINE_BYTES // sum(map(len, texts)) + 1)).split())[:LINE_BYTES]
    print(f"dossier: {len(texts)} segments; glossary.csv: {len(real.terms)} terms; {RUNS} runs each")

    same(real, texts + [line])
    show(f"dossier, {len(real.terms)} terms", timed(lambda: [reference_find(real, t) for t in texts]),
         timed(lambda: [real.find(t) for t in texts], real))
    show(f"one line of {len(line) // 1000} KB, {len(real.terms)} terms",
         timed(lambda: reference_find(real, line)), timed(lambda: real.find(line), real))

    big = synthetic(real, SYNTHETIC_TERMS)
    start = time.perf_counter()
    big.find("")
    print(f"synthetic glossary: {len(big.terms)} terms; index built in {time.perf_counter() - start:.2f} s")
    sample = texts[::len(texts) // SAMPLE][:SAMPLE]
    start = time.perf_counter()
    same(big, sample)  # also compiles the old loop's 100 000 patterns, outside its timings
    print(f"  (old loop: {len(big.terms)} patterns compiled in {time.perf_counter() - start:.1f} s, not timed below)")
    show(f"{SAMPLE} segments, {len(big.terms)} terms", timed(lambda: [reference_find(big, t) for t in sample]),
         timed(lambda: [big.find(t) for t in sample], big))
    show(f"dossier, {len(big.terms)} terms", None, timed(lambda: [big.find(t) for t in texts], big))
    show(f"one line of {len(line) // 1000} KB, {len(big.terms)} terms", None, timed(lambda: big.find(line), big))

    def check() -> None:
        commands.check(config, list(config.targets))
    with mock.patch.object(Glossary, "find", reference_find):
        before = timed(check)
    show(f"pipeline check, {len(config.targets)} languages (in process)", before, timed(check))
    command = [sys.executable, "-m", "pipeline", "check"]
    show("pipeline check (command, wall time)", None,
         timed(lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=False)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
