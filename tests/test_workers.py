"""QA's checks on two cores (pipeline.workers): the same findings in the same order as on one."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import polib
import pytest

from pipeline import review as review_module
from pipeline import workers
from pipeline.catalog import read_catalog
from tests.test_review import CASES, GLOSSARY

FORKS = hasattr(os, "fork") and (os.cpu_count() or 1) >= 2
needs_fork = pytest.mark.skipif(not FORKS, reason="no fork() or a single core: everything runs in one process")


@needs_fork
def test_the_work_is_done_in_a_child_while_the_parent_goes_on() -> None:
    parent = os.getpid()
    with workers.started(lambda: [(i * i, os.getpid() == parent) for i in range(4)]) as result:
        here = os.getpid() == parent
        made = result()
    assert made == [(0, False), (1, False), (4, False), (9, False)] and here


def test_work_not_worth_a_process_is_done_in_the_parent() -> None:
    parent = os.getpid()
    with workers.started(lambda: os.getpid() == parent, worth=False) as result:
        assert result()


@needs_fork
def test_a_child_that_dies_leaves_its_work_to_the_parent() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), 9)
        return 100
    with workers.started(work) as result:
        assert result() == 100


def test_an_error_in_the_work_reaches_the_caller() -> None:
    def work() -> int:
        raise ValueError("bad entry 1")
    with pytest.raises(ValueError, match="bad entry 1"), workers.started(work) as result:
        result()


@needs_fork
def test_a_child_whose_result_is_not_asked_for_is_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(pid := fork()) or pid)
    with pytest.raises(KeyError), workers.started(lambda: threading.Event().wait()):
        raise KeyError("the parent's own error")  # the child, waiting for ever, is killed and reaped
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # reaped: no such child any more


def _catalogue(tmp_path: Path, lang: str) -> polib.POFile:
    """The review table's examples of `lang`, passing and failing, as one catalogue."""
    rows = [row for good, bad in CASES.values() for row in good + bad if row[2] == lang]
    po = polib.POFile()
    po.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
    for n, (msgid, msgstr, _, *comment) in enumerate(rows):
        if all(e.msgid != msgid for e in po):
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, tcomment=comment[0] if comment else "",
                                    occurrences=[("source/dossier.fr.md", str(n + 1))]))
    path = tmp_path / f"{lang}.po"
    po.save(str(path))
    return read_catalog(path)


def test_checks_on_two_cores_find_what_one_core_finds_in_the_same_order(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    catalogues = [(_catalogue(tmp_path, lang), f"{lang}.po", lang, ()) for lang in ("en", "es", "de", "zh")]
    assert all(len(po) > 3 for po, *_ in catalogues) and sum(map(len, (po for po, *_ in catalogues))) >= review_module.FORK_FROM
    split = review_module.review_all(catalogues, GLOSSARY)
    monkeypatch.setattr(review_module, "FORK_FROM", 10**9)
    alone = review_module.review_all(catalogues, GLOSSARY)
    assert split == alone
    assert all(issues for issues in alone)  # every catalogue has findings to compare
