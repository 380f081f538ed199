"""The stage commands over a project: extract, update, translate, build, check, stats, run.

Each takes a Config (and the languages chosen) and returns a Result.  All of a
command's outputs are computed in memory first and written at the end, each
file atomically and only when its content changed: a failure anywhere leaves
every file as it was.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import glossary as glossary_module
from pipeline import report as report_module
from pipeline import stats as stats_module
from pipeline.catalog import build_catalog, dump, merge, provenance, read_catalog
from pipeline.config import Config
from pipeline.engines import Engine, create
from pipeline.project.writer import Written, write_outputs
from pipeline.glossary import Glossary
from pipeline.locales import language
from pipeline.memory import Memory
from pipeline.model import Issue
from pipeline.project import cache, inputs, publish, qa
from pipeline.project.inputs import Catalogs, Document, Seen
from pipeline.review import CHECKS
from pipeline.review_page import Section
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
    removed: list[Path] = field(default_factory=list)        # outputs of source documents that are gone

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
    pots = inputs.templates(config, docs)
    pos = _merged(config, pots, [(lang, domain) for lang in langs for domain in pots], inputs.glossary(config), seen)
    return Result().wrote(write_outputs(_catalog_texts(config, pos), seen))


def translate(config: Config, langs: Sequence[str], tm: Sequence[Path] = (),
              progress: Progress | None = None, redraft: bool = False) -> Result:
    """Drafts for the empty entries of the catalogues on disk: memory first, then the engines; untouched
    drafts that are stale (every untouched draft with `redraft`) drafted again."""
    docs = inputs.documents(config)
    seen: Seen = {}
    pos = inputs.catalogs(config, docs, langs, seen)
    reports = _translate(config, pos, langs, inputs.glossary(config), inputs.memory(config, pos, tm), progress, redraft)
    return Result(reports=list(reports.values())).wrote(write_outputs(_catalog_texts(config, pos), seen))


def build(config: Config, langs: Sequence[str]) -> Result:
    """Catalogues on disk -> localised documents that pass the gates, and build/report.html."""
    docs = inputs.documents(config)
    pos = inputs.catalogs(config, docs, langs)
    return _publish(config, docs, pos, langs, inputs.glossary(config))


def check(config: Config, langs: Sequence[str]) -> Result:
    """QA findings on the catalogues on disk; writes nothing."""
    docs = inputs.documents(config)
    found = qa.check(config, inputs.catalogs(config, docs, langs), inputs.glossary(config))
    found.keep(config)  # the only files check writes: its caches under build/
    issues = found.issues
    return Result(issues=[i for key in sorted(issues, key=lambda k: (langs.index(k[0]), k[1])) for i in issues[key]])


def stats(config: Config, langs: Sequence[str]) -> Result:
    """Progress counts per language and document, and build/report.html."""
    docs = inputs.documents(config)
    pos = inputs.catalogs(config, docs, langs)
    found = qa.check(config, pos, inputs.glossary(config))
    counts = _statistics(config, pos, found.issues)
    page = config.root / config.build_dir / "report.html"
    done = write_outputs({page: _report(config, counts, [])})
    found.keep(config)
    return Result(stats=counts, report_page=page).wrote(done)


def run(config: Config, langs: Sequence[str], machine: bool = True, tm: Sequence[Path] = (),
        progress: Progress | None = None, redraft: bool = False) -> Result:
    """The main job: extract, update, translate, build; nothing is written before every stage has run.

    Only the (language, document) units whose inputs changed since the last run are redone
    (pipeline.project.cache); the review pages and the report are put together from the remembered
    parts of the others, so the outputs are a full run's.  With nothing changed, nothing is read.
    """
    plan = cache.plan(config, langs, inputs.sources(config), machine, tm, redraft)
    if plan.idle:
        return _remembered(config, plan, None, {}, machine)
    glossary = inputs.checked_glossary(config)
    docs: dict[str, Document] = {}
    _read(config, plan, docs, plan.dirty)
    pots = {domain: _template(config, docs[domain]) for domain in dict.fromkeys(d for _, d in plan.dirty)}
    seen: Seen = {}
    pos = _merged(config, pots, plan.dirty, glossary, seen)
    memories = plan.memories({unit: cache.contribution(po) for unit, po in pos.items()})
    reports: dict[cache.Unit, Report] = {}
    if machine:
        for unit in plan.waiting(memories, pos):  # unchanged, so merging it again would change nothing
            po = inputs.existing(config, *unit, seen)
            if po is not None:
                pos[unit] = po
        memory = inputs.Deferred(lambda lang: inputs.memory(config, _feeding(config, plan, pos, lang), tm))
        reports = _translate(config, pos, langs, glossary, memory, progress, redraft)
    texts = {config.pot_path(domain): dump(pot) for domain, pot in pots.items()}
    texts.update(_catalog_texts(config, pos))
    order = {unit: i for i, unit in enumerate((lang, d) for lang in langs for d in plan.domains)}
    fresh = sorted((u for u in pos if not plan.settled(u, texts[config.po_path(*u)])), key=order.__getitem__)
    _read(config, plan, docs, fresh)
    made = _made(config, docs, {u: pos[u] for u in fresh}, glossary)
    texts.update(made.outputs)
    pages = _pages(config, plan, made, plan.pages | {lang for lang, _ in fresh})
    texts.update({path: text for lang, both in pages.items()
                  for path, text in zip((cache.review_path(config, lang), cache.sections_path(config, lang)), both)})
    result = _remembered(config, plan, made, reports, machine)
    report = _report(config, result.stats, result.refused) if plan.report or fresh or plan.gone else None
    if report is not None:
        texts[cache.report_path(config)] = report
    result.wrote(write_outputs(texts, seen))
    made.keep(config)
    for path in plan.gone:
        path.unlink(missing_ok=True)
    result.removed = list(plan.gone)
    records = _records(config, plan, made, reports, memories, pos, texts, result, machine)
    cache.remember(config, plan, {domain: texts[config.pot_path(domain)] for domain in pots}, records, pages, report)
    return result


def _pages(config: Config, plan: cache.Plan, made: _Made, langs: set[str]) -> dict[str, tuple[str, str]]:
    """lang -> (review page, its sections file) for `langs`, each page made of its documents' sections:
    those this run made, the others as the last run left them."""
    found = {}
    for lang in sorted(langs):
        kept = cache.sections(config, lang) if any((lang, d) not in made.sections for d in plan.domains) else {}
        parts = {d: made.sections.get((lang, d)) or kept[d] for d in plan.domains}
        found[lang] = (publish.review_page(config, lang, list(parts.values())), cache.sections_text(parts))
    return found


def _read(config: Config, plan: cache.Plan, docs: dict[str, Document], units: Sequence[cache.Unit]) -> None:
    """Segment the source documents of `units` not read yet."""
    wanted = [plan.domains[d] for d in dict.fromkeys(d for _, d in units) if d not in docs]
    if wanted:
        docs.update((d.domain, d) for d in inputs.documents(config, wanted))


def _feeding(config: Config, plan: cache.Plan, pos: Catalogs, lang: str) -> Catalogs:
    """The catalogues of `lang` that feed the memory: those of this run, and the unchanged ones that hold
    reviewed entries, read now."""
    found = {unit: po for unit, po in pos.items() if unit[0] == lang}
    found.update({(lang, d): read_catalog(config.po_path(lang, d)) for d in plan.contributors(lang, pos)})
    return found


def _template(config: Config, doc: Document) -> polib.POFile:
    project = f"{config.project} {config.version}".strip()
    return build_catalog(doc.segments, project, config.source_language, config.bugs_address)


def _templates(config: Config, docs: Sequence[Document]) -> dict[Path, str]:
    return {config.pot_path(d.domain): dump(_template(config, d)) for d in docs}


def _merged(config: Config, pots: dict[str, polib.POFile], units: Sequence[tuple[str, str]], glossary: Glossary,
            seen: Seen) -> Catalogs:
    """(lang, domain) -> PO merged from the template and the PO already on disk, with glossary hints."""
    merged = {}
    for lang, domain in units:
        po = merge(pots[domain], inputs.existing(config, lang, domain, seen), language(lang))
        glossary_module.annotate(po, glossary, lang)
        merged[(lang, domain)] = po
    return merged


def _translate(config: Config, pos: Catalogs, langs: Sequence[str], glossary: Glossary, memory: Memory,
               progress: Progress | None, redraft: bool = False) -> dict[tuple[str, str], Report]:
    """Drafts for the catalogues `pos`, in place, language by language (in `langs` order); engines are
    created once and shared by languages."""
    engines: dict[str, Engine] = {}
    reports = {}
    for lang in [lang for lang in langs if any(code == lang for code, _ in pos)]:
        for name in config.engines_for(lang):
            if name not in engines:
                engines[name] = create(name, config)
        chosen = [engines[name] for name in config.engines_for(lang)]
        step = (lambda done, total, lang=lang: progress(lang, done, total)) if progress else None
        reports.update({(code, domain): translate_catalog(po, config.source_language, lang, chosen, step, glossary,
                                                          memory, config.tm_threshold, redraft)
                        for (code, domain), po in sorted(pos.items()) if code == lang})
    return reports


def _catalog_texts(config: Config, pos: Catalogs) -> dict[Path, str]:
    """{path: PO text}; serialising also numbers each entry's line for QA messages."""
    return {config.po_path(lang, domain): dump(po) for (lang, domain), po in pos.items()}


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


def _publish(config: Config, docs: Sequence[Document], pos: Catalogs, langs: Sequence[str], glossary: Glossary
             ) -> Result:
    """Check, build and gate every document of `langs`; write those let through, the review pages and the report."""
    made = _made(config, {d.domain: d for d in docs},
                 {(lang, d.domain): pos[(lang, d.domain)] for lang in langs for d in docs}, glossary)
    by_lang: dict[str, list[Section]] = {}
    for (lang, _), part in made.sections.items():
        by_lang.setdefault(lang, []).append(part)
    texts = {**made.outputs, **{cache.review_path(config, lang): publish.review_page(config, lang, parts)
                                for lang, parts in by_lang.items()}}
    counts, refused = list(made.stats.values()), list(made.refused.values())
    page = cache.report_path(config)
    texts[page] = _report(config, counts, refused)
    done = write_outputs(texts)
    made.keep(config)
    return Result(built=list(made.built.values()), refused=refused, stats=counts, report_page=page).wrote(done)


@dataclass
class _Made:
    """What checking, building and gating some units made: their files, and per unit its build summary,
    refusal, review page section and counts."""

    outputs: dict[Path, str]
    built: dict[cache.Unit, publish.Built]
    refused: dict[cache.Unit, str]
    sections: dict[cache.Unit, Section]
    stats: dict[cache.Unit, stats_module.Stats]
    checked: qa.QA | None = None  # the findings and tool answers to keep once the outputs are written

    def keep(self, config: Config) -> None:
        """Keep QA's findings and tool answers (build/), after the command's own writes."""
        if self.checked is not None:
            self.checked.keep(config)


def _made(config: Config, docs: dict[str, Document], pos: Catalogs, glossary: Glossary) -> _Made:
    """Check, build and gate the catalogues `pos` (QA names PO lines: entries read from disk carry theirs,
    merged ones got theirs when they were serialised)."""
    checked = qa.check(config, pos, glossary) if pos else None
    issues = checked.issues if checked else {}
    built = publish.build(config, [(lang, docs[domain]) for lang, domain in pos], pos)
    outputs, refused = publish.gate(config, built, issues, pos)
    return _Made(outputs, {(b.lang, b.document.domain): b for b in built}, refused,
                 publish.sections(config, built, pos, issues),
                 {(s.lang, s.document): s for s in _statistics(config, pos, issues)}, checked)


def _remembered(config: Config, plan: cache.Plan, made: _Made | None, reports: dict[cache.Unit, Report],
                machine: bool) -> Result:
    """The run's result over every unit: what was made afresh, what the state remembers of the others."""
    made = made or _Made({}, {}, {}, {}, {})
    built, refused, counts, told = [], [], [], []
    for lang in plan.langs:
        for domain, path in plan.domains.items():
            unit = (lang, domain)
            record = plan.state.record(unit)
            if unit in made.built:
                built.append(made.built[unit])
                refused += [made.refused[unit]] if unit in made.refused else []
                counts.append(made.stats[unit])
                continue
            assert record is not None, f"{unit}: neither redone nor remembered"  # the plan redoes unrecorded units
            translated, reviewed, total, escaped = record.built
            built.append(publish.Built(lang, Document(path, domain, "", []), translated, reviewed, total, {},
                                       escaped=tuple(escaped)))
            refused += [record.refused] if record.refused else []
            counts.append(stats_module.Stats(**record.stats))
        told += [reports.get((lang, d)) or Report(lang, unavailable=_unavailable(plan, (lang, d)))
                 for d in sorted(plan.domains)] if machine else []
    order = {lang: i for i, lang in enumerate(config.targets)}
    counts.sort(key=lambda s: (order.get(s.lang, len(order)), s.document))
    return Result(reports=told, built=built, refused=refused, stats=counts, report_page=cache.report_path(config))


def _unavailable(plan: cache.Plan, unit: cache.Unit) -> str:
    record = plan.state.record(unit)
    return record.unavailable if record else ""


def _records(config: Config, plan: cache.Plan, made: _Made, reports: dict[cache.Unit, Report],
             memories: dict[str, str], pos: Catalogs, texts: dict[Path, str], result: Result, machine: bool
             ) -> dict[cache.Unit, cache.Record | None]:
    """The state's new record of every unit this run processed; None for those to redo next time (a
    person saved the catalogue during the run, or an engine failed)."""
    found: dict[cache.Unit, cache.Record | None] = {}
    for unit, po in pos.items():
        path, old, report = config.po_path(*unit), plan.state.record(unit), reports.get(unit)
        if path in result.merged or path in result.conflicts or (report and report.error):
            found[unit] = None
        elif unit in made.built:
            b = made.built[unit]
            found[unit] = cache.Record(
                plan.unit_key(unit), cache.text_digest(texts[path]),
                {config.relative(p): cache.text_digest(texts[p]) for p in b.outputs},
                cache.empty_entries(po), cache.contribution(po), memories[unit[0]],
                [b.translated, b.reviewed, b.total, list(b.escaped)], made.refused.get(unit, ""),
                report.unavailable if report else "", made.stats[unit].as_dict(), machine)
        elif old is not None:  # settled: it made what it made last time
            found[unit] = dataclasses.replace(old, memory=memories[unit[0]], machine=machine or old.machine)
    return found
