"""What a run must redo: the (language, document) units whose inputs changed since the last run.

The state (build/.pipeline-state.json, next to the outputs it describes) keeps, per unit, a key for
everything but its catalogue that decides its outputs (configuration, options, the pipeline's code,
the installed engines, models and dictionaries, the glossary and memory, its source document, the
language's word list), the SHA-256 of its catalogue and built files as they were written, what it
gives the translation memory, and what it reported.  A unit whose key and files all match is not
read: redoing it would write the same bytes.  The pages made of several units are put together from
remembered parts: build/<lang>/review.html from each document's section (kept in
build/.pipeline-sections/<lang>.json), build/report.html from each unit's counts.

A unit's catalogue also depends on the other catalogues of its language through the translation
memory, but only while it has empty entries to fill: such a unit is drafted again when the reviewed
entries of its language changed; and on the engines only when they run (`run --no-translate` is
incremental too, and the next run with the engines drafts what it left).  A missing, unreadable or
older state means a full run.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from pipeline.config import Config
from pipeline.fileio import code_digest, file_digest, write_text
from pipeline.review_page import Section
from pipeline.stats import Stats

STATE = ".pipeline-state.json"
SECTIONS = ".pipeline-sections"
_FORMAT = 2
_HUNSPELL = Path("/usr/share/hunspell")  # the dictionaries QA reads
_STATS = {f.name for f in dataclasses.fields(Stats)}
NOTHING = "-"  # the contribution of a catalogue with no reviewed entry

Unit = tuple[str, str]
"""(language, domain)."""


@dataclass
class Record:
    """What the last run made of one unit: enough to know it is still right and to tell what it told."""

    key: str            # everything but the catalogue that decides the outputs (unit_key)
    po: str             # SHA-256 of the catalogue as written
    outputs: dict[str, str]  # build file -> SHA-256 as written
    open: int           # entries left empty: the memory may fill them when it changes
    contribution: str   # digest of its reviewed entries, what it gives the memory (NOTHING: none)
    memory: str         # digest of the language's memory when it was drafted
    built: list[Any]    # translated, reviewed, total, escaped (publish.Built)
    refused: str        # the gate's refusal line, or ""
    unavailable: str    # why no engine served it (translate.Report)
    stats: dict[str, Any]  # stats.Stats as a dict
    machine: bool       # drafted with the engines: a run without them neither fills nor refreshes drafts


@dataclass
class State:
    """The last run's record of every unit, document and language page."""

    units: dict[str, dict[str, Record]] = field(default_factory=dict)  # lang -> domain -> record
    documents: dict[str, dict[str, str]] = field(default_factory=dict)  # domain -> path, source, pot digests
    languages: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> key, review, sections digests
    report: dict[str, str] = field(default_factory=dict)               # key, digest

    def record(self, unit: Unit) -> Record | None:
        return self.units.get(unit[0], {}).get(unit[1])


@dataclass
class Plan:
    """What this run must redo, decided from digests alone, before any input is parsed."""

    key: str                      # the run's global fingerprint
    langs: list[str]
    domains: dict[str, Path]      # the source documents, in order
    state: State
    words: dict[str, str]         # lang -> digest of its word list
    dirty: list[Unit]             # units whose catalogue stage runs
    intact: set[Unit]             # units whose remembered outputs and section are still on disk as written
    pages: set[str]               # languages whose review page must be written again whatever happens
    report: bool                  # the report must be written again whatever happens
    gone: list[Path]              # files made for documents that are no longer sources

    @property
    def idle(self) -> bool:
        return not (self.dirty or self.pages or self.report or self.gone)

    def unit_key(self, unit: Unit) -> str:
        """Everything but the catalogue that decides what `unit` writes."""
        doc = self.state.documents[unit[1]]
        return _hash([self.key, *unit, doc["path"], doc["source"], self.words[unit[0]]])

    def page_key(self) -> str:
        return _hash([self.key, *self.domains])

    def report_key(self) -> str:
        return _hash([self.key, *self.langs, *self.domains])

    def settled(self, unit: Unit, po_text: str) -> bool:
        """Whether `unit`, its catalogue now `po_text`, would write what it wrote last time."""
        found = self.state.record(unit)
        return (unit in self.intact and found is not None and found.key == self.unit_key(unit)
                and found.po == text_digest(po_text))

    def memories(self, contributions: Mapping[Unit, str]) -> dict[str, str]:
        """lang -> digest of its memory: the reviewed entries of its catalogues, in domain order (the
        catalogues processed by this run given by `contributions`, the others as remembered)."""
        found = {}
        for lang in self.langs:
            parts = []
            for domain in sorted(self.domains):
                record = self.state.record((lang, domain))
                given = contributions.get((lang, domain), record.contribution if record else NOTHING)
                parts.append(f"{domain} {given}")
            found[lang] = _hash(parts)
        return found

    def waiting(self, memories: Mapping[str, str], processed: Iterable[Unit]) -> list[Unit]:
        """Unchanged units with empty entries that were drafted with another memory than this run's."""
        done = set(processed)
        found = []
        for lang in self.langs:
            for domain in self.domains:
                record = self.state.record((lang, domain))
                if (lang, domain) not in done and record and record.open and record.memory != memories[lang]:
                    found.append((lang, domain))
        return found

    def contributors(self, lang: str, processed: Iterable[Unit]) -> list[str]:
        """Domains of `lang` not processed by this run whose catalogue holds reviewed entries."""
        done = set(processed)
        return [d for d in sorted(self.domains) if (lang, d) not in done
                and (record := self.state.record((lang, d))) is not None and record.contribution != NOTHING]


def fingerprint(config: Config, tm: Sequence[Path]) -> str:
    """Everything a run reads that is not one unit's own: configuration, options, the pipeline's code,
    the glossary and project memory, the installed engines, models and dictionaries."""
    parts = [f"format {_FORMAT}", repr(dataclasses.replace(config, root=Path("."))),
             *(f"tm {p} {file_digest(p)}" for p in tm),
             f"glossary {file_digest(config.root / config.glossary)}", f"memory {file_digest(config.root / config.memory)}",
             f"code {code_digest()}"]
    from pipeline.engines.argos_models import default_models_dir

    apertium = Path(os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium")) / "modes"  # as the engines read it
    for folder in [apertium, _HUNSPELL, config.models_path() or default_models_dir()]:
        parts += [f"{p} {p.stat().st_mtime_ns} {p.stat().st_size}" for p in _listing(folder)]
    return _hash(parts)


def plan(config: Config, langs: Sequence[str], domains: dict[str, Path], machine: bool, tm: Sequence[Path],
         redraft: bool = False) -> Plan:
    """Which units, pages and files this run must make again; everything when `redraft`."""
    key = fingerprint(config, tm)
    state = State() if redraft else load(config)
    documents = {domain: {"path": config.relative(path), "source": file_digest(path),
                          "pot": file_digest(config.pot_path(domain))} for domain, path in domains.items()}
    words = {lang: file_digest(config.root / config.locales_dir / lang / "words.txt") for lang in langs}
    old_documents, state.documents = state.documents, documents
    found = Plan(key, list(langs), domains, state, words, [], set(), set(), False, [])
    for lang in langs:
        page = state.languages.get(lang, {})
        sections = page.get("sections") == file_digest(sections_path(config, lang))
        if page.get("key") != found.page_key() or page.get("review") != file_digest(review_path(config, lang)):
            found.pages.add(lang)
        for domain in domains:
            unit = (lang, domain)
            record = state.record(unit)
            if sections and record is not None and record.key == found.unit_key(unit) and all(
                    file_digest(config.root / name) == digest for name, digest in record.outputs.items()):
                found.intact.add(unit)
            if unit not in found.intact or old_documents.get(domain) != documents[domain] \
                    or record is None or file_digest(config.po_path(*unit)) != record.po or machine > record.machine:
                found.dirty.append(unit)
    gone = []
    for domain in sorted(set(old_documents) - set(domains)):
        gone.append(config.pot_path(domain))
        for by_domain in state.units.values():
            record = by_domain.pop(domain, None)
            gone += [config.root / name for name in record.outputs] if record else []
    found.gone = [p for p in gone if p.exists()]
    found.report = state.report != {"key": found.report_key(), "digest": file_digest(report_path(config))}
    return found


def remember(config: Config, plan: Plan, templates: Mapping[str, str], records: Mapping[Unit, Record | None],
             pages: Mapping[str, tuple[str, str]], report: str | None) -> None:
    """Write the state after a run: the templates it wrote (domain -> text), its new `records` (None:
    redo that unit next time), the review pages and sections it wrote (lang -> texts) and the report,
    if it wrote one."""
    state = plan.state
    for domain, text in templates.items():
        state.documents[domain]["pot"] = text_digest(text)
    for (lang, domain), record in records.items():
        if record is None:
            state.units.get(lang, {}).pop(domain, None)
        else:
            state.units.setdefault(lang, {})[domain] = record
    for lang, (review, sections_of_lang) in pages.items():
        state.languages[lang] = {"key": plan.page_key(), "review": text_digest(review),
                                 "sections": text_digest(sections_of_lang)}
    if report is not None:
        state.report = {"key": plan.report_key(), "digest": text_digest(report)}
    write_text(state_path(config), save(state))


def load(config: Config) -> State:
    """The state of the last run; an empty one (a full run) when it is missing, unreadable, older or not
    in the shape this version writes."""
    try:
        data = json.loads(state_path(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return State()
    if not (isinstance(data, dict) and data.get("format") == _FORMAT and _table(data.get("documents"), 2)
            and _table(data.get("languages"), 2) and _table(data.get("report"), 1)
            and isinstance(data.get("units"), dict)
            and all(isinstance(by_domain, dict) and all(_record(r) for r in by_domain.values())
                    for by_domain in data["units"].values())):
        return State()
    units = {lang: {domain: Record(**record) for domain, record in by_domain.items()}
             for lang, by_domain in data["units"].items()}
    return State(units, data["documents"], data["languages"], data["report"])


def _table(value: object, depth: int) -> bool:
    """Whether `value` is a dict of strings, nested `depth` deep."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and (isinstance(v, str) if depth == 1 else _table(v, depth - 1)) for k, v in value.items())


def _record(value: object) -> bool:
    """Whether `value` is a Record as save() writes it."""
    names = {f.name: f.type for f in dataclasses.fields(Record)}
    if not isinstance(value, dict) or value.keys() != names.keys():
        return False
    kinds = {"str": str, "int": int, "bool": bool, "dict[str, str]": dict, "list[Any]": list, "dict[str, Any]": dict}
    built = value["built"]
    return (all(isinstance(value[name], kinds[str(kind)]) for name, kind in names.items())
            and _table(value["outputs"], 1) and value["stats"].keys() == _STATS
            and len(built) == 4 and all(isinstance(n, int) for n in built[:3]) and isinstance(built[3], list))


def save(state: State) -> str:
    """The state's text, for the run to write last."""
    data = {"format": _FORMAT, "documents": state.documents, "languages": state.languages, "report": state.report,
            "units": {lang: {domain: dataclasses.asdict(r) for domain, r in sorted(by_domain.items())}
                      for lang, by_domain in sorted(state.units.items()) if by_domain}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def sections(config: Config, lang: str) -> dict[str, Section]:
    """The review page sections of `lang` as last written (empty when unreadable: the plan then redid them)."""
    try:
        data = json.loads(sections_path(config, lang).read_text(encoding="utf-8"))
        return {domain: Section(**part) for domain, part in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def sections_text(parts: Mapping[str, Section]) -> str:
    return json.dumps({domain: dataclasses.asdict(part) for domain, part in parts.items()},
                      ensure_ascii=False, indent=1) + "\n"


def contribution(po: polib.POFile) -> str:
    """Digest of what `po` gives the translation memory: its reviewed entries, in order (memory.add_catalog)."""
    pairs = [(e.msgid, e.msgstr) for e in po
             if e.msgstr and not e.fuzzy and not e.obsolete and not e.msgid_plural]
    return _hash(json.dumps(p, ensure_ascii=False) for p in pairs) if pairs else NOTHING


def empty_entries(po: polib.POFile) -> int:
    """Entries a later run may fill from the memory (translate_catalog's todo)."""
    return sum(1 for e in po if not e.obsolete and not e.msgstr and not e.msgid_plural)


def state_path(config: Config) -> Path:
    return config.root / config.build_dir / STATE


def sections_path(config: Config, lang: str) -> Path:
    return config.root / config.build_dir / SECTIONS / f"{lang}.json"


def review_path(config: Config, lang: str) -> Path:
    return config.root / config.build_dir / lang / "review.html"


def report_path(config: Config) -> Path:
    return config.root / config.build_dir / "report.html"


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hash(parts: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _listing(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


