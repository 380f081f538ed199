"""QA's checks on two cores (pipeline.workers): the same findings in the same order as on one."""
from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest

from pipeline import review as review_module
from pipeline import workers
from pipeline.catalog import read_catalog
from tests.test_review import CASES, GLOSSARY

FORKS = hasattr(os, "fork") and (os.cpu_count() or 1) >= 2
needs_fork = pytest.mark.skipif(not FORKS, reason="no fork() or a single core: everything runs in one process")


@pytest.mark.parametrize("weights, mine, theirs", [
    ([], [], []),
    ([5], [0], []),
    ([5, 0, 0], [0, 1, 2], []),  # one item with work: not worth a process
    ([3, 3], [0], [1]),
    ([281, 281, 0, 281, 281], [0, 2, 3], [1, 4]),  # idle items stay with the parent
    ([10, 1, 1, 1, 9], [0, 2], [1, 3, 4]),  # heaviest first, each to the lighter side
])
def test_work_is_halved_by_weight_heaviest_first(weights: list[int], mine: list[int], theirs: list[int]) -> None:
    assert workers.halves(weights) == (mine, theirs)


@needs_fork
def test_split_returns_every_result_in_order_part_of_them_made_in_a_child() -> None:
    parent = os.getpid()
    made = workers.split(lambda i: (i * i, os.getpid() == parent), [3, 2, 0, 4])
    assert [square for square, _ in made] == [0, 1, 4, 9]
    assert {here for _, here in made} == {True, False}


@needs_fork
def test_a_child_that_dies_leaves_its_share_to_the_parent() -> None:
    parent = os.getpid()

    def work(i: int) -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), 9)
        return i + 100
    assert workers.split(work, [1, 1, 1]) == [100, 101, 102]


def test_an_error_in_the_work_reaches_the_caller() -> None:
    def work(i: int) -> int:
        if i == 1:
            raise ValueError("bad entry 1")
        return i
    with pytest.raises(ValueError, match="bad entry 1"):
        workers.split(work, [1, 1])


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
    assert all(len(po) > 3 for po, *_ in catalogues)
    split = review_module.review_all(catalogues, GLOSSARY)
    monkeypatch.setattr(workers, "split", lambda work, weights: [work(i) for i in range(len(weights))])
    alone = review_module.review_all(catalogues, GLOSSARY)
    assert split == alone
    assert all(issues for issues in alone)  # every catalogue has findings to compare
