"""An Apertium mode's programs kept running between batches, as `apertium -f html MODE` would run them.

`apertium` starts a mode's ten to twenty programs for each call, and each loads
its automaton or rules again: most of a short call's time (0.1-0.4 s a call,
a few hundred calls for a catalogue's drafts and mends).  Here the programs run
null-flushed (`-z`, from `apertium-wblank-mode`, as the wrapper builds them)
and stay up for the process, one batch a NUL-ended chunk.  The HTML
deformatter and reformatter, which load nothing, run per batch.

Two programs are run afresh for every batch, as they carry state from one
NUL-ended chunk into the next: the HMM tagger (`apertium-tagger -g`) and the
constraint grammar (`cg-proc`, whose rules look at the previous window).
Measured on the dossier's batches, each changed words of a later batch
(fra-cat, fra-oci, spa-ita, cat-ita, es-fr; cg-proc on one Occitan sentence
of a whole run), where run afresh they give exactly `apertium`'s output; both
load in about 10 ms.  Every other program gave the same output kept as fresh
(tests/test_apertium.py compares the two).
"""
from __future__ import annotations

import os
import re
import subprocess
from functools import lru_cache
from pathlib import Path

from pipeline import nullflush

FRESH = ("apertium-tagger", "cg-proc")  # programs that carry state across a NUL flush: run per batch
_STAGE = re.compile(r"(?:[^|']|'[^']*')+")  # a program of the pipeline: up to a | outside quotes


@lru_cache(maxsize=1)
def environment() -> dict[str, str]:
    """The environment `apertium` gives its programs: a UTF-8 LC_CTYPE (the first UTF-8 locale installed,
    as the wrapper picks it), APERTIUM_PATH first on PATH."""
    env = dict(os.environ)
    found = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.split()
    utf8 = [name for name in found if re.search(r"utf[.-]*8", name, re.I)]
    if utf8:
        env["LC_CTYPE"] = utf8[0]
    if env.get("APERTIUM_PATH"):
        env["PATH"] = f"{env['APERTIUM_PATH']}:{env.get('PATH', '')}"
    return env


@lru_cache(maxsize=None)
def _segments(mode: Path, size: int, mtime: int) -> tuple[tuple[bool, str], ...]:
    """The mode's programs, null-flushed, in runs of kept or FRESH ones: (kept, shell command)."""
    script = subprocess.run(["apertium-wblank-mode", "-z", str(mode)], capture_output=True, text=True,
                            check=True, env=environment()).stdout.strip()
    runs: list[tuple[bool, list[str]]] = []
    for stage in (s.strip() for s in _STAGE.findall(script)):
        kept = stage.split(" ", 1)[0] not in FRESH
        if runs and runs[-1][0] == kept:
            runs[-1][1].append(stage)
        else:
            runs.append((kept, [stage]))
    return tuple((kept, " | ".join(stages)) for kept, stages in runs)


def translate(mode: Path, body: bytes, timeout: float) -> tuple[bytes, str]:
    """HTML `body` through `mode` (a `.mode` file): (the HTML out, the last line a program wrote on stderr).

    Unknown words are marked (`*`, `@`, `#`), as `apertium` marks them without `-u`.  A program that fails
    leaves the output short (the caller counts its blocks); one silent for `timeout` s raises TimeoutExpired."""
    stat = mode.stat()
    env = environment()
    data = subprocess.run(["apertium-deshtml"], input=body, capture_output=True, check=True, env=env).stdout
    for kept, command in _segments(mode, stat.st_size, stat.st_mtime_ns):
        args = ["bash", "-c", command, "apertium", "-g", ""]  # $1: the generator's option (marks), $2: the tagger's
        if not kept:
            done = subprocess.run(args, input=data + b"\0", capture_output=True, env=env, timeout=timeout,
                                  check=False)
            data = done.stdout.split(b"\0", 1)[0]
            if done.returncode:
                return data, done.stderr.decode("utf-8", "replace").strip().rsplit("\n", 1)[-1]
            continue
        try:
            data = nullflush.ask(args, data + b"\0", 1, env, timeout).split(b"\0", 1)[0]
        except subprocess.CalledProcessError as failed:
            return (failed.output or b"").split(b"\0", 1)[0], (failed.stderr or b"").decode("utf-8", "replace")
    out = subprocess.run(["apertium-rehtml"], input=data, capture_output=True, check=True, env=env).stdout
    return out, ""

