"""The stage commands over a project: extract, update, translate, build, check, stats, run.

Each takes a Config (and the languages chosen) and returns a Result.  All of a
command's outputs are computed in memory first and written at the end, each
file atomically and only when its content changed: a failure anywhere leaves
every file as it was.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import glossary as glossary_module
from pipeline import report as report_module
from pipeline import stats as stats_module
from pipeline.catalog import build_catalog, dump, merge, provenance
from pipeline.config import Config
from pipeline.engines import Engine, create
from pipeline.project.writer import Written, write_outputs
from pipeline.glossary import Glossary
from pipeline.locales import language
from pipeline.model import Issue
from pipeline.project import cache, inputs, publish
from pipeline.project.inputs import Catalogs, Document, Seen
from pipeline.review import CHECKS, review, warm
from pipeline.translate import Report, translate_catalog

Progress = Callable[[str, int, int], None]
"""progress(lang, step, total): `step` more of `total` sentences of `lang` translated."""


@dataclass
class Result:
    """What a command did, for the command line to tell."""

    written: list[Path] = field(default_factory=list)        # files whose content changed
    merged: dict[Path, int] = field(default_factory=dict)    # saved by a person during the run: their entries kept
    conflicts: dict[Path, str] = field(default_factory=dict)  # left as a person saved them during the run: why
    reports: list[Report] = field(default_factory=list)      # translate: one per catalogue
    built: list[publish.Built] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)         # documents a gate did not let through
    issues: list[Issue] = field(default_factory=list)        # QA findings, in language then file order
    stats: list[stats_module.Stats] = field(default_factory=list)
    report_page: Path | None = None

    @property
    def exit_code(self) -> int:
        """1 when an engine failed, a gate refused a document or a person's save could not be merged."""
        return 1 if self.refused or self.conflicts or any(r.error for r in self.reports) else 0

    def wrote(self, done: Written) -> Result:
        self.written, self.merged, self.conflicts = done.changed, done.merged, done.conflicts
        return self


def extract(config: Config) -> Result:
    """Source documents -> POT templates."""
    return Result().wrote(write_outputs(_templates(config, inputs.documents(config))))


def update(config: Config, langs: Sequence[str]) -> Result:
    """Templates on disk -> one merged PO per language and document."""
    docs = inputs.documents(config)
    seen: Seen = {}
    pos = _merged(config, inputs.templates(config, docs), langs, inputs.glossary(config), seen)
    return Result().wrote(write_outputs(_catalog_texts(config, pos), seen))


def translate(config: Config, langs: Sequence[str], tm: Sequence[Path] = (),
              progress: Progress | None = None, redraft: bool = False) -> Result:
    """Drafts for the empty entries of the catalogues on disk: memory first, then the engines; untouched
    drafts that are stale (every untouched draft with `redraft`) drafted again."""
    docs = inputs.documents(config)
    seen: Seen = {}
    pos = inputs.catalogs(config, docs, langs, seen)
    reports = _translate(config, pos, langs, inputs.glossary(config), tm, progress, redraft)
    return Result(reports=reports).wrote(write_outputs(_catalog_texts(config, pos), seen))


def build(config: Config, langs: Sequence[str]) -> Result:
    """Catalogues on disk -> localised documents that pass the gates, and build/report.html."""
    docs = inputs.documents(config)
    pos = inputs.catalogs(config, docs, langs)
    return _publish(config, docs, pos, langs, inputs.glossary(config), {}, {})


def check(config: Config, langs: Sequence[str]) -> Result:
    """QA findings on the catalogues on disk; writes nothing."""
    docs = inputs.documents(config)
    qa = _qa(config, inputs.catalogs(config, docs, langs), inputs.glossary(config))
    return Result(issues=[i for key in sorted(qa, key=lambda k: (langs.index(k[0]), k[1])) for i in qa[key]])


def stats(config: Config, langs: Sequence[str]) -> Result:
    """Progress counts per language and document, and build/report.html."""
    docs = inputs.documents(config)
    pos = inputs.catalogs(config, docs, langs)
    counts = _statistics(config, pos, _qa(config, pos, inputs.glossary(config)))
    page = config.root / config.build_dir / "report.html"
    done = write_outputs({page: _report(config, counts, [])})
    return Result(stats=counts, report_page=page).wrote(done)


def run(config: Config, langs: Sequence[str], machine: bool = True, tm: Sequence[Path] = (),
        progress: Progress | None = None, redraft: bool = False) -> Result:
    """The main job: extract, update, translate, build; nothing is written before every stage has run.

    When nothing it reads or writes changed since the last successful run (pipeline.project.cache),
    it writes nothing and tells what that run told.
    """
    key, before = cache.fingerprint(config, langs, machine, tm), cache.inputs_now(config)
    remembered = None if redraft else cache.unchanged(config, key)
    if remembered is not None:
        reports, built, refused = cache.replay(config, remembered)
        return Result(reports=reports, built=built, refused=refused,
                      report_page=config.root / config.build_dir / "report.html")
    docs = inputs.documents(config)
    glossary = inputs.checked_glossary(config)
    pots = {d.domain: _template(config, d) for d in docs}
    seen: Seen = {}
    pos = _merged(config, pots, langs, glossary, seen)
    reports = _translate(config, pos, langs, glossary, tm, progress, redraft) if machine else []
    texts = {config.pot_path(domain): dump(pot) for domain, pot in pots.items()}
    texts.update(_catalog_texts(config, pos))
    result = _publish(config, docs, pos, langs, glossary, texts, seen)
    result.reports = reports
    if not (result.conflicts or result.merged or any(r.error for r in reports)):
        cache.remember(config, key, before, texts, reports, result.built, result.refused)
    return result


def _template(config: Config, doc: Document) -> polib.POFile:
    project = f"{config.project} {config.version}".strip()
    return build_catalog(doc.segments, project, config.source_language, config.bugs_address)


def _templates(config: Config, docs: Sequence[Document]) -> dict[Path, str]:
    return {config.pot_path(d.domain): dump(_template(config, d)) for d in docs}


def _merged(config: Config, pots: dict[str, polib.POFile], langs: Sequence[str], glossary: Glossary,
            seen: Seen) -> Catalogs:
    """(lang, domain) -> PO merged from the template and the PO already on disk, with glossary hints."""
    merged = {}
    for lang in langs:
        for domain, pot in pots.items():
            po = merge(pot, inputs.existing(config, lang, domain, seen), language(lang))
            glossary_module.annotate(po, glossary, lang)
            merged[(lang, domain)] = po
    return merged


def _translate(config: Config, pos: Catalogs, langs: Sequence[str], glossary: Glossary,
               tm: Sequence[Path], progress: Progress | None, redraft: bool = False) -> list[Report]:
    """Drafts for every catalogue of `langs`, in place; engines are created once and shared by languages."""
    memory = inputs.memory(config, pos, tm)
    engines: dict[str, Engine] = {}
    reports = []
    for lang in langs:
        for name in config.engines_for(lang):
            if name not in engines:
                engines[name] = create(name, config)
        chosen = [engines[name] for name in config.engines_for(lang)]
        step = (lambda done, total, lang=lang: progress(lang, done, total)) if progress else None
        reports += [translate_catalog(po, config.source_language, lang, chosen, step, glossary, memory,
                                      config.tm_threshold, redraft)
                    for (code, _domain), po in sorted(pos.items()) if code == lang]
    return reports


def _catalog_texts(config: Config, pos: Catalogs) -> dict[Path, str]:
    """{path: PO text}; serialising also numbers each entry's line for QA messages."""
    return {config.po_path(lang, domain): dump(po) for (lang, domain), po in pos.items()}


def _qa(config: Config, pos: Catalogs, glossary: Glossary) -> dict[tuple[str, str], list[Issue]]:
    """Findings per catalogue.  The batch tools run first for all catalogues at once (one hunspell per
    dictionary, every lt-proc beside them); the checks then read their remembered answers."""
    words = {lang: inputs.word_list(config, lang) for lang, _ in pos}
    warm((po, lang) for (lang, _), po in pos.items())
    return {key: review(po, config.relative(config.po_path(*key)), key[0], glossary, words[key[0]])
            for key, po in pos.items()}


def _statistics(config: Config, pos: Catalogs, qa: dict[tuple[str, str], list[Issue]]) -> list[stats_module.Stats]:
    """Counts per language (in configured order) and document, with QA error and warning counts."""
    order = {lang: i for i, lang in enumerate(config.targets)}
    found = []
    for (lang, domain), po in sorted(pos.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][1])):
        counts = stats_module.count(po, lang, domain)
        issues = qa.get((lang, domain), [])
        counts.errors = sum(i.severity == "error" for i in issues)
        counts.warnings = len(issues) - counts.errors
        counts.checks = {name: sum(i.check == name for i in issues) for name in CHECKS}
        _describe(config, po, counts)
        found.append(counts)
    return found


def _describe(config: Config, po: polib.POFile, counts: stats_module.Stats) -> None:
    """The language's name, route, main engine, unknown words and next step, for the report and --json."""
    origins: dict[str, int] = {}
    unknown: set[str] = set()
    for entry in po:
        draft = None if entry.obsolete else provenance(entry)
        if draft is not None and draft.kind == "machine":
            origins[draft.origin] = origins.get(draft.origin, 0) + 1
            unknown.update(draft.unknown_words)
    counts.name = language(counts.lang).english_name
    counts.route = ", ".join(config.engines_for(counts.lang))
    counts.engine = max(origins, key=lambda o: origins[o]) if origins else ""
    counts.unknown_words = len(unknown)
    counts.next_step = report_module.next_step(counts)


def _report(config: Config, counts: list[stats_module.Stats], refused: list[str]) -> str:
    """build/report.html, its links relative to the build folder."""
    build = config.root / config.build_dir
    po_dir = os.path.relpath(config.root / config.locales_dir, build).replace(os.sep, "/")
    return report_module.report_page(counts, f"{config.project}: translation progress", po_dir, refused)


def _publish(config: Config, docs: Sequence[Document], pos: Catalogs, langs: Sequence[str], glossary: Glossary,
             texts: dict[Path, str], seen: Seen) -> Result:
    """Check, build and gate; write `texts` (the catalogues, for `run`), the documents let through and the report.

    QA names PO lines: entries read from disk carry theirs, merged ones got theirs when `texts` was serialised.
    """
    qa = _qa(config, pos, glossary)
    built = publish.build(config, docs, pos, langs)
    documents, refused = publish.gate(config, built, qa, pos)
    page = config.root / config.build_dir / "report.html"
    counts = _statistics(config, pos, qa)
    texts.update(documents)
    texts.update(publish.review_pages(config, built, pos, qa))
    texts[page] = _report(config, counts, refused)
    return Result(built=built, refused=refused, stats=counts, report_page=page).wrote(write_outputs(texts, seen))
