"""Pure, CPU-bound work shared with one forked process, so that QA's checks use a second core.

The checks of a catalogue read only the catalogue and what its batch tools
already said (pipeline.review.prepare), so a copy of the process made by
fork() can run some of them and hand back their findings, pickled through a
pipe.  Threads would not help: the checks are Python code, one at a time under
the interpreter lock.  Without fork (Windows) or with one core, the parent does
everything itself; a child that fails in any way leaves its share to the
parent, which then meets the same error, with its own traceback.
"""
from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def split(work: Callable[[int], T], weights: Sequence[int]) -> list[T]:
    """`work(i)` for each index of `weights`, in order; about half of the weight in a forked child when the
    OS can fork, there are two cores or more and two items have any weight.  `work` must be pure: what a
    child changes in its memory is lost."""
    mine, theirs = halves(weights)
    if not theirs or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return [work(i) for i in range(len(weights))]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its share, pickled into the pipe, then gone without running exit handlers
        try:
            os.close(read)
            data = pickle.dumps([work(i) for i in theirs], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write)
    results = {i: work(i) for i in mine}
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    try:
        results.update(zip(theirs, pickle.loads(data), strict=True))
    except (pickle.UnpicklingError, EOFError, ValueError):
        results.update((i, work(i)) for i in theirs)  # the child failed: its error, if any, happens here
    return [results[i] for i in range(len(weights))]


def halves(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """(the parent's indexes, the child's), balanced by weight, heaviest first; the child gets none unless
    two items have weight (an idle item is cheaper done than sent)."""
    loads = [0, 0]
    shares: tuple[list[int], list[int]] = ([], [])
    for i in sorted((i for i, w in enumerate(weights) if w), key=lambda i: (-weights[i], i)):
        side = 0 if loads[0] <= loads[1] else 1
        loads[side] += weights[i]
        shares[side].append(i)
    mine = sorted([i for i, w in enumerate(weights) if not w] + shares[0])
    return (mine, sorted(shares[1])) if shares[1] else (list(range(len(weights))), [])
