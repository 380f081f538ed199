"""pipeline.nullflush: a tool kept running between batches, against real processes (cat, sh, sleep)."""
from __future__ import annotations

import subprocess

import pytest

from pipeline import nullflush


def test_a_kept_tool_answers_batch_after_batch_in_one_process() -> None:
    tool = nullflush.Tool(["cat"])
    try:
        assert tool.ask(b"un\0deux\0", 2) == b"un\0deux\0"
        big = b"x" * 300_000 + b"\0"  # larger than a pipe's buffer: written while it is read
        assert tool.ask(big, 1) == big
        assert tool.process.poll() is None
    finally:
        tool.close()


def test_a_tool_that_ends_says_so_with_its_last_error_line() -> None:
    tool = nullflush.Tool(["sh", "-c", "printf 'part'; echo 'first' >&2; echo 'it broke' >&2; exit 3"])
    with pytest.raises(subprocess.CalledProcessError) as failed:
        tool.ask(b"text\0", 1)
    assert failed.value.returncode == 3 and failed.value.output == b"part" and failed.value.stderr == b"it broke"
    tool.close()


def test_a_silent_tool_is_ended_after_the_timeout() -> None:
    tool = nullflush.Tool(["sleep", "30"])
    with pytest.raises(subprocess.TimeoutExpired):
        tool.ask(b"text\0", 1, timeout=0.2)
    assert tool.process.returncode is not None  # killed, not left running


def test_a_tool_is_lent_to_one_caller_at_a_time_and_a_failed_one_dropped() -> None:
    pool = nullflush.Pool()
    first = pool.take("cat", ["cat"])
    second = pool.take("cat", ["cat"])  # the first is busy: a new one
    assert first is not second
    pool.give_back("cat", first)
    assert pool.take("cat", ["cat"]) is first
    pool.give_back("cat", first)
    pool.give_back("cat", second)
    pool.close()
    assert first.process.returncode == 0 and second.process.returncode == 0

    command = ["sh", "-c", "exit 1"]
    with pytest.raises(subprocess.CalledProcessError):
        nullflush.ask(command, b"text\0", 1)
    assert not nullflush._POOL._idle.get(tuple(command))  # the dead one is not lent again
    assert nullflush.ask(["cat"], b"ok\0", 1) == b"ok\0"
    assert len(nullflush._POOL._idle[("cat",)]) == 1  # a working one is
