"""One writing command at a time per project tree.

The lock is an OS file lock (flock) on locales/.pipeline.lock: the OS releases
it when the process ends, however it ends, so a killed run never blocks the
next one.  Read-only commands (check, stats) do not take it.  Whoever holds it
may also clear the temporary files that a killed write left behind.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.config import Config
from pipeline.errors import Busy
from pipeline.fileio import temporary_files

LOCK_NAME = ".pipeline.lock"


def lock_path(config: Config) -> Path:
    return config.root / config.locales_dir / LOCK_NAME


@contextmanager
def exclusive(config: Config, wait: bool = True, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the project's lock for the block: wait for it (telling `notify` once), or raise Busy."""
    path = lock_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    held = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            where = config.relative(path)
            if not wait:
                raise Busy(f"{where}: another pipeline command (pid {holder}) is running on this tree; "
                           "run again when it is done, or without --no-wait to wait for it") from None
            if notify:
                notify(f"waiting for another pipeline command (pid {holder}) to finish ({where})")
            fcntl.flock(fd, fcntl.LOCK_EX)
        held = True
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        for folder in (config.root / config.locales_dir, config.root / config.build_dir):
            for stale in temporary_files(folder):  # left by a write that was killed: no live writer now
                stale.unlink(missing_ok=True)
        yield
    finally:
        if held:
            os.ftruncate(fd, 0)  # no pid left behind: the tree is the same after any run
        os.close(fd)  # releases the lock
