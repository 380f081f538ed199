"""The lock files: every package pinned to one version with the hashes pip's --require-hashes mode needs."""
from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from tests.conftest import ROOT

LOCK = runpy.run_path(str(ROOT / "tools" / "lock.py"))
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def _requirements(path: Path) -> list[str]:
    """Each requirement of a pip requirements file, its continuation lines joined."""
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return [" ".join(r.split()) for r in text.replace("\\\n", " ").splitlines() if r.strip()]


@pytest.mark.parametrize("path", LOCK["LOCKS"], ids=lambda p: p.name)
def test_every_pin_is_one_version_with_its_hashes(path: Path) -> None:
    requirements = _requirements(path)
    assert requirements
    for requirement in requirements:
        pin, *hashes = requirement.split(" ")
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.+!-]*", pin), requirement
        assert hashes and all(HASH.fullmatch(h) for h in hashes), requirement
    assert sorted(LOCK["pinned"](path).values()) == sorted(r.split(" ")[0] for r in requirements)


def test_rehash_reads_back_the_versions_it_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--rehash` keeps the versions: what write() puts in a lock file, pinned() reads back as it was."""
    pins = {"babel": "babel==2.18.0", "typing-extensions": "typing_extensions==4.16.0"}
    write, pinned = LOCK["write"], LOCK["pinned"]
    monkeypatch.setitem(write.__globals__, "hashes", lambda pin: [f"{len(pin):064x}", "f" * 64])
    path = tmp_path / "requirements.lock"
    write(path, pins)
    assert pinned(path) == pins
    assert _requirements(path)[0] == f"babel==2.18.0 --hash=sha256:{len('babel==2.18.0'):064x} --hash=sha256:{'f' * 64}"
