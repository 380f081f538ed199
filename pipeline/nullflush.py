"""A tool process kept running between batches: chunks ended by NUL go in, one answer ended by NUL comes out.

Apertium's programs answer and flush at each NUL when run with `-z`, so a process
that loaded a large automaton once (an analyser, a transfer) serves every later
batch of this process with no second load: starting a pair's programs costs
more than translating a paragraph with them.
"""
from __future__ import annotations

import atexit
import os
import selectors
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence


class Tool:
    """One long-lived process; a caller holds it for one `ask` at a time."""

    def __init__(self, command: Sequence[str], env: Mapping[str, str] | None = None) -> None:
        self.command = list(command)
        self.errors = tempfile.TemporaryFile()  # what it says on stderr: the last line names a failure
        self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.errors, env=None if env is None else dict(env))
        atexit.register(self.close)

    def ask(self, body: bytes, count: int, timeout: float | None = None) -> bytes:
        """The answers to `body`, `count` chunks each ended by NUL: up to and with the `count`-th NUL out.

        The body is written from a thread while the answers are read, so neither pipe fills up.  A process
        that ends first raises CalledProcessError (`output`: what it wrote; `stderr`: its last line), one
        that says nothing for `timeout` seconds is ended and raises TimeoutExpired."""
        assert self.process.stdin is not None and self.process.stdout is not None
        writer = threading.Thread(target=self._write, args=(body,), daemon=True)
        writer.start()
        chunks: list[bytes] = []
        ends, out = 0, self.process.stdout.fileno()
        with selectors.DefaultSelector() as waiting:
            waiting.register(out, selectors.EVENT_READ)
            while ends < count:
                if not waiting.select(timeout):
                    self.close(kill=True)
                    raise subprocess.TimeoutExpired(self.command, timeout or 0, b"".join(chunks))
                data = os.read(out, 1 << 16)
                if not data:
                    writer.join()
                    raise subprocess.CalledProcessError(self.process.wait(), self.command, b"".join(chunks),
                                                        self.last_error().encode("utf-8"))
                chunks.append(data)
                ends += data.count(b"\0")
        writer.join()
        return b"".join(chunks)

    def last_error(self) -> str:
        """The last line the process wrote on stderr, or ''."""
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        self.errors.seek(0, os.SEEK_END)
        return lines[-1] if lines else ""

    def _write(self, body: bytes) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(body)
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass  # it ended (or was closed): the reader reports it

    def close(self, kill: bool = False) -> None:
        if kill and self.process.poll() is None:
            self.process.kill()
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.errors.close()


class Pool:
    """Tools by key, each lent to one caller at a time: a second thread asking for a busy one gets a new one
    rather than waiting, and a tool that failed is dropped rather than lent again."""

    def __init__(self) -> None:
        self._idle: dict[object, list[Tool]] = {}
        self._lock = threading.Lock()

    def take(self, key: object, command: Sequence[str], env: Mapping[str, str] | None = None) -> Tool:
        with self._lock:
            idle = self._idle.get(key)
            if idle:
                return idle.pop()
        return Tool(command, env)

    def give_back(self, key: object, tool: Tool) -> None:
        with self._lock:
            self._idle.setdefault(key, []).append(tool)

    def close(self) -> None:
        """End every idle tool (a busy one ends at exit)."""
        with self._lock:
            idle, self._idle = self._idle, {}
        for tools in idle.values():
            for tool in tools:
                tool.close()


_POOL = Pool()


def ask(command: Sequence[str], body: bytes, count: int, env: Mapping[str, str] | None = None,
        timeout: float | None = None) -> bytes:
    """`body` (`count` chunks ended by NUL) through a kept `command`, started with `env` the first time: the
    answers, up to and with the last NUL.  A tool that fails or times out is ended and its error raised."""
    key = tuple(command)
    tool = _POOL.take(key, command, env)
    try:
        out = tool.ask(body, count, timeout)
    except BaseException:
        tool.close(kill=True)
        raise
    _POOL.give_back(key, tool)
    return out


def close() -> None:
    """End the kept tools (they end at exit anyway): for a caller that changed a tool's data in place."""
    _POOL.close()
