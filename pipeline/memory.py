"""Translation memory: reviewed translations from catalogues and TMX files.

Every reviewed entry (translated, not fuzzy) of every catalogue feeds the
memory; `pipeline translate` fills empty entries from it before any engine:
exact matches, then fuzzy ones above a threshold.  Both are marked fuzzy for
review, with where they came from and the score.  TMX 1.4b in and out.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import __version__
from pipeline.catalog import Provenance, set_draft
from pipeline.errors import TMXError
from pipeline.fileio import read_text
from pipeline.figures import find_figures, render
from pipeline.fuzzy import FuzzyIndex
from pipeline.locales import PSEUDO, base_language

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Unit:
    """One remembered translation."""

    source: str
    target: str
    lang: str
    origin: str  # file it came from


@dataclass
class Memory:
    """Translations by language, first one remembered wins for a given source."""

    units: dict[str, dict[str, Unit]] = field(default_factory=dict)  # lang -> source -> unit
    _index: dict[str, tuple[list[Unit], FuzzyIndex]] = field(default_factory=dict, repr=False)

    def add(self, unit: Unit) -> None:
        if unit.source and unit.target:
            self.units.setdefault(unit.lang, {}).setdefault(unit.source, unit)
            self._index.pop(unit.lang, None)

    def add_catalog(self, po: polib.POFile, lang: str, origin: str) -> None:
        """Reviewed entries only: machine drafts and fuzzy guesses are not memory."""
        for entry in po:
            if entry.msgstr and not entry.fuzzy and not entry.obsolete and not entry.msgid_plural:
                self.add(Unit(entry.msgid, entry.msgstr, lang, origin))

    def __len__(self) -> int:
        return sum(len(v) for v in self.units.values())

    def lookup(self, source: str, lang: str, threshold: float) -> tuple[Unit, float] | None:
        """The exact unit (score 1.0), else the closest above `threshold`, else None."""
        table = self.units.get(lang, {})
        if source in table:
            return table[source], 1.0
        if not table:
            return None
        if lang not in self._index:
            units = list(table.values())
            self._index[lang] = (units, FuzzyIndex([u.source for u in units]))
        units, index = self._index[lang]
        found = index.best(source, threshold)
        return (units[found[0]], found[1]) if found else None


def fill(po: polib.POFile, lang: str, memory: Memory, threshold: float) -> int:
    """Fill empty entries from memory, as fuzzy drafts with the match in a comment; how many were filled."""
    filled = 0
    for entry in po:
        if entry.obsolete or entry.msgstr or entry.msgid_plural:
            continue
        found = memory.lookup(entry.msgid, lang, threshold)
        if found is None:
            continue
        unit, score = found
        kind = "exact match" if score == 1.0 else f"{score:.0%} match of {unit.source[:60]!r}"
        text = unit.target if score == 1.0 else _refigure(unit, entry.msgid, lang)
        set_draft(entry, text, Provenance("memory", f"{kind} from {unit.origin}"))
        filled += 1
    return filled


def _refigure(unit: Unit, source: str, lang: str) -> str:
    """A close match's translation with the figures that changed in the source rendered anew:
    "depuis 2015" remembered as "since 2015" gives "since 2016" for "depuis 2016"."""
    old, new = find_figures(unit.source), find_figures(source)
    target = unit.target
    if len(old) != len(new) or lang == PSEUDO:
        return target
    for before, after in zip(old, new):
        if before.kind != after.kind or before.text == after.text:
            continue
        was, now = render(before, lang), render(after, lang)
        if target.count(was) == 1:
            target = target.replace(was, now)
    return target


def export_tmx(memory: Memory, source_language: str) -> str:
    """TMX 1.4b: one <tu> per source text, a <tuv> for the source and each language, sorted."""
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(root, "header", {
        "creationtool": "pipeline", "creationtoolversion": __version__, "segtype": "paragraph",
        "o-tmf": "PO", "adminlang": "en", "srclang": source_language, "datatype": "plaintext"})
    body = ET.SubElement(root, "body")
    by_source: dict[str, dict[str, str]] = {}
    for lang, table in memory.units.items():
        for unit in table.values():
            by_source.setdefault(unit.source, {})[lang] = unit.target
    for source in sorted(by_source):
        tu = ET.SubElement(body, "tu")
        for lang, text in [(source_language, source), *sorted(by_source[source].items())]:
            ET.SubElement(ET.SubElement(tu, "tuv", {XML_LANG: lang}), "seg").text = text
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def read_tmx(path: Path, source_language: str) -> list[Unit]:
    """The units of a TMX file (1.4b; `lang` of TMX 1.1 accepted); errors name the file and line."""
    return parse_tmx(read_text(path, TMXError), path, source_language)


def parse_tmx(text: str, path: Path, source_language: str) -> list[Unit]:
    """The units of TMX text; `path` names it in errors and as the units' origin."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise TMXError(path, exc.position[0], f"not well-formed XML: {exc}") from None
    if root.tag != "tmx" or root.find("body") is None:
        raise TMXError(path, None, "not a TMX file (no <tmx> with a <body>)")
    header = root.find("header")
    srclang = (header.get("srclang") if header is not None else None) or source_language
    src = base_language(srclang if srclang != "*all*" else source_language)
    units = []
    for tu in root.iter("tu"):
        segs = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if lang and seg is not None:
                segs[base_language(lang)] = "".join(seg.itertext())
        source = segs.pop(src, "")
        units += [Unit(source, target, lang, path.name) for lang, target in sorted(segs.items())]
    return units


def build(catalogs: Iterable[tuple[polib.POFile, str, str]], tmx: Iterable[Path] = (),
          source_language: str = "fr") -> Memory:
    """A memory from (po, lang, origin) catalogues and TMX files."""
    memory = Memory()
    for po, lang, origin in catalogs:
        memory.add_catalog(po, lang, origin)
    for path in tmx:
        for unit in read_tmx(path, source_language):
            memory.add(unit)
    return memory
