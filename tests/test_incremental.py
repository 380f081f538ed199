"""Runs that cost what changed: only the (language, document) units whose inputs changed are redone,
and the outputs are byte for byte those of a full run on the same inputs."""
from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from pipeline import cli
from pipeline.project import answers, cache, commands, publish, qa
from tests import conftest

PYPROJECT = conftest.PYPROJECT.replace('["en", "de", "ar"]', '["en", "de", "qps-ploc"]').replace(
    "default = []", 'en = ["identity"]\nde = []')
LANGS = ("en", "de", "qps-ploc")
DOCS = [f"doc{i}" for i in range(8)]
INPUTS = ("pyproject.toml", "glossary.csv", "source/*.md", "locales/*/LC_MESSAGES/*.po", "locales/*/words.txt")


def document(i: int) -> str:
    return (f"# Note {i} sur le port\n\nLe port de Marseille accueille {i + 10} navires chaque jour.\n\n"
            f"La souveraineté numérique de la métropole, sujet numéro {i}.\n\n- Premier point du dossier {i}\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for i, name in enumerate(DOCS):
        (root / "source" / f"{name}.fr.md").write_text(document(i), encoding="utf-8")
    assert main(root) == 0
    return root


def main(root: Path, *args: str) -> int:
    return cli.main(["-C", str(root), "-q", "run", *args])


def files(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file with its bytes and modification time, the state and QA's caches aside (QA keeps the
    findings of entries it checked under their inputs' digest: a run that checked fewer catalogues keeps
    older digests of the others, which a later check simply does not find)."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in (cache.STATE, qa.NAME, answers.NAME)}


def full_run(root: Path, elsewhere: Path, spy: dict[str, set[tuple[str, str]]]) -> dict[str, bytes]:
    """The files of a run from scratch on a copy of the project's inputs (no outputs, no state); the spy
    forgets what this run did."""
    for pattern in INPUTS:
        for path in root.glob(pattern):
            target = elsewhere / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    assert main(elsewhere) == 0
    for units in spy.values():
        units.clear()
    return {name: data for name, (data, _) in files(elsewhere).items()}


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, set[tuple[str, str]]]:
    """The units whose catalogue a run read, and those it built."""
    seen: dict[str, set[tuple[str, str]]] = {"read": set(), "built": set()}
    existing, build = commands.inputs.existing, publish.build

    def reading(config, lang, domain, *more):  # type: ignore[no-untyped-def]
        seen["read"].add((lang, domain))
        return existing(config, lang, domain, *more)

    def building(config, units, pos):  # type: ignore[no-untyped-def]
        seen["built"].update((lang, doc.domain) for lang, doc in units)
        return build(config, units, pos)

    monkeypatch.setattr(commands.inputs, "existing", reading)
    monkeypatch.setattr(publish, "build", building)
    return seen


def outputs_of(domain: str) -> set[str]:
    """The files a change to one document may change: its own, and the pages made of every document."""
    own = {f"locales/{domain}.pot", "build/report.html"}
    for lang in LANGS:
        own |= {f"locales/{lang}/LC_MESSAGES/{domain}.po", f"build/{lang}/{domain}.md", f"build/{lang}/{domain}.html",
                f"build/{lang}/review.html", f"{'build'}/{cache.SECTIONS}/{lang}.json"}
    return own


def changed(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> set[str]:
    """Files added, removed, or whose bytes or modification time differ."""
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_a_run_with_nothing_changed_reads_and_writes_nothing(project: Path, spy) -> None:  # type: ignore[no-untyped-def]
    before = files(project)
    state = (project / "build" / cache.STATE).read_bytes()
    assert main(project) == 0
    assert files(project) == before and (project / "build" / cache.STATE).read_bytes() == state
    assert spy == {"read": set(), "built": set()}


def test_editing_one_document_redoes_that_document_only_and_matches_a_full_run(project: Path, tmp_path: Path,
                                                                               spy) -> None:  # type: ignore[no-untyped-def]
    source = project / "source" / "doc3.fr.md"
    source.write_text(source.read_text(encoding="utf-8").replace("chaque jour", "chaque semaine")
                      + "\nUn paragraphe ajouté au dossier.\n", encoding="utf-8")
    expected = full_run(project, tmp_path / "full", spy)
    before = files(project)
    assert main(project) == 0
    after = files(project)
    assert spy["read"] == spy["built"] == {(lang, "doc3") for lang in LANGS}
    assert changed(before, after) <= outputs_of("doc3")
    assert {name for name in changed(before, after) if "doc3" in name} >= {"locales/doc3.pot", "build/en/doc3.html"}
    assert {name: data for name, (data, _) in after.items()} == expected


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_translator_save_redoes_that_catalogue_only_and_matches_a_full_run(lang: str, project: Path,
                                                                             tmp_path: Path, spy) -> None:  # type: ignore[no-untyped-def]
    path = project / f"locales/{lang}/LC_MESSAGES/doc5.po"
    po = polib.pofile(str(path))
    entry = po.find("Premier point du dossier 5")
    entry.msgstr, entry.flags = "First point of file 5", []  # reviewed: it feeds the memory of its language
    po.save(str(path))
    expected = full_run(project, tmp_path / "full", spy)
    before = files(project)
    assert main(project) == 0
    after = files(project)
    assert spy["built"] >= {(lang, "doc5")} and all(unit[0] == lang for unit in spy["built"])
    assert {name for name in changed(before, after) if "doc" in name and "doc5" not in name} <= {
        f"locales/{lang}/LC_MESSAGES/{d}.po" for d in DOCS} | {f"build/{lang}/{d}.{s}" for d in DOCS for s in ("md", "html")}
    assert {name: data for name, (data, _) in after.items()} == expected
    if lang == "en":  # drafted by an engine: nothing left for the memory to fill elsewhere
        assert spy["read"] == spy["built"] == {("en", "doc5")}
    else:  # no engine: the other documents' empty entries take the reviewed one as a memory draft
        assert spy["read"] == {("de", d) for d in DOCS}
        drafts = polib.pofile(str(project / "locales/de/LC_MESSAGES/doc2.po")).find("Premier point du dossier 2")
        assert drafts.msgstr == "First point of file 2" and drafts.fuzzy  # the figure rendered anew


def test_a_glossary_edit_redoes_every_unit(project: Path, tmp_path: Path, spy) -> None:  # type: ignore[no-untyped-def]
    (project / "glossary.csv").write_text("fr,en,de,note,dnt,case,status\nport,port,Hafen,,,,approved\n",
                                          encoding="utf-8")
    expected = full_run(project, tmp_path / "full", spy)
    assert main(project) == 0
    assert spy["read"] == spy["built"] == {(lang, d) for lang in LANGS for d in DOCS}
    assert {name: data for name, (data, _) in files(project).items()} == expected


def test_a_deleted_document_takes_its_outputs_along_and_keeps_its_catalogues(project: Path, tmp_path: Path,
                                                                              spy) -> None:  # type: ignore[no-untyped-def]
    (project / "source" / "doc7.fr.md").unlink()
    expected = full_run(project, tmp_path / "full", spy)
    assert main(project) == 0
    after = {name: data for name, (data, _) in files(project).items()}
    assert not [name for name in after if "doc7" in name and not name.endswith(".po")]
    assert {f"locales/{lang}/LC_MESSAGES/doc7.po" for lang in LANGS} <= after.keys()  # translations are kept
    assert spy["built"] == set()
    assert after == expected


@pytest.mark.parametrize("state", ["{not json", '{"format": 1, "key": "x"}', '{"format": 2, "units": 3}', "[]",
                                   '{"format": 2, "documents": {}, "languages": {}, "report": {}, '
                                   '"units": {"en": {"doc0": {"key": 1}}}}'])
def test_an_unreadable_or_older_state_means_a_full_run(state: str, project: Path, spy) -> None:  # type: ignore[no-untyped-def]
    before = files(project)
    (project / "build" / cache.STATE).write_text(state, encoding="utf-8")
    assert main(project) == 0
    assert spy["built"] == {(lang, d) for lang in LANGS for d in DOCS}
    assert {n: d for n, (d, _) in files(project).items()} == {n: d for n, (d, _) in before.items()}
    assert main(project) == 0 and len(spy["built"]) == len(LANGS) * len(DOCS)  # and the state is right again


def test_a_changed_output_or_section_is_made_again(project: Path, spy) -> None:  # type: ignore[no-untyped-def]
    before = files(project)
    (project / "build/de/doc1.html").write_text("edited by hand", encoding="utf-8")
    (project / "build" / cache.SECTIONS / "en.json").unlink()
    (project / "build/qps-ploc/review.html").unlink()
    assert main(project) == 0
    assert spy["built"] == {("de", "doc1")} | {("en", d) for d in DOCS}
    assert {n: d for n, (d, _) in files(project).items()} == {n: d for n, (d, _) in before.items()}


def test_runs_without_the_engines_are_incremental_too_and_the_next_run_with_them_drafts_what_they_left(
        project: Path, tmp_path: Path, spy) -> None:  # type: ignore[no-untyped-def]
    before = files(project)
    assert main(project, "--no-translate") == 0
    assert files(project) == before and spy["built"] == set()
    source = project / "source" / "doc3.fr.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUn paragraphe ajouté au dossier.\n", encoding="utf-8")
    assert main(project, "--no-translate") == 0
    assert spy["built"] == {(lang, "doc3") for lang in LANGS}
    assert not polib.pofile(str(project / "locales/en/LC_MESSAGES/doc3.po")).find("Un paragraphe ajouté au dossier.").msgstr
    expected = full_run(project, tmp_path / "full", spy)
    assert main(project) == 0
    assert spy["built"] == {("en", "doc3"), ("qps-ploc", "doc3")}  # de has no engine: nothing to draft
    assert polib.pofile(str(project / "locales/en/LC_MESSAGES/doc3.po")).find("Un paragraphe ajouté au dossier.").msgstr
    assert {name: data for name, (data, _) in files(project).items()} == expected
