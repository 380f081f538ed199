"""Pure, CPU-bound work done by one forked process while the parent goes on, so that QA uses a second core.

The checks of an entry that read only its texts (pipeline.checks: not `tools`)
need nothing the batch tools say, so a copy of the process made by fork() can
run them while the parent waits for Hunspell and lt-proc and runs the checks
that read their answers, and hand back its findings, pickled through a pipe.
Threads would not help: the checks are Python code, one at a time under the
interpreter lock.  Without fork (Windows) or with one core, the parent does the
work itself when it wants the result; a child that fails in any way leaves its
work to the parent, which then meets the same error, with its own traceback.
`uncollected` pauses the garbage collector for such work, in one process or two.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def started(work: Callable[[], T], worth: bool = True) -> Iterator[Callable[[], T]]:
    """`work()` begun now in a forked child (when the OS can fork, there are two cores or more and `worth`);
    the function yielded returns its result, waiting for the child.  `work` must be pure: what a child changes
    in its memory is lost.  Fork before starting threads or tool processes, whose pipes the child would hold
    open.  A child whose result is not asked for (the parent met an error) is ended on leaving."""
    if not worth or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        yield work
        return
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the result, pickled into the pipe, then gone without running exit handlers
        try:
            os.close(read)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write)
    reaped = False

    def result() -> T:
        nonlocal reaped
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        reaped = True
        try:
            found: T = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError):
            return work()  # the child failed: its error, if any, happens here
        return found
    try:
        yield result
    finally:
        if not reaped:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            with suppress(OSError):
                os.close(read)  # unless result() closed it before failing


@contextmanager
def uncollected() -> Iterator[None]:
    """The cyclic garbage collector paused (as a `with` or a decorator): work that makes hundreds of thousands
    of small objects and no garbage cycles (a parse's tokens, QA's words, readings and findings) would otherwise
    have the collector walk them again and again (a sixth to a quarter of the time); it runs after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
