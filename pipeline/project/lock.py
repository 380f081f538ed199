"""One writing command at a time per project tree.

The lock is an OS file lock (flock) on the project directory itself: no file
to create or clean up, and the OS releases it when the process ends, however
it ends, so a killed run never blocks the next one.  Read-only commands
(check, stats) do not take it.  Whoever holds it may also clear the temporary
files that a killed write left behind.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pipeline.config import Config
from pipeline.errors import Busy
from pipeline.fileio import temporary_files


@contextmanager
def exclusive(config: Config, wait: bool = True, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the project's lock for the block: wait for it (telling `notify` once), or raise Busy."""
    fd = os.open(config.root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise Busy(f"{config.root}: another pipeline command is writing this project; run again when it "
                           "is done, or without --no-wait to wait for it") from None
            if notify:
                notify(f"waiting for another pipeline command writing this project ({config.root}) to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        for folder in (config.root / config.locales_dir, config.root / config.build_dir):
            for stale in temporary_files(folder):  # left by a write that was killed: no live writer now
                stale.unlink(missing_ok=True)
        yield
    finally:
        os.close(fd)  # releases the lock
