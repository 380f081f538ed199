"""What glossary editors run: lint, suggest new terms, export for CAT tools."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.candidates import Suggestion, suggest  # noqa: F401  (glossary tools: lint, suggest, export)
from pipeline.catalog import dump
from pipeline.errors import GlossaryError
from pipeline.glossary import NOT_LANGUAGES, Glossary, Term, from_rows, read_rows, row_problem


@dataclass(frozen=True)
class Finding:
    """One lint result; errors stop a run, warnings do not."""

    line: int | None
    severity: str  # "error" or "warning"
    message: str


def lint(path: Path, languages: Iterable[str], sources: Iterable[str]) -> list[Finding]:
    """Every problem of the glossary at `path`, in line order; `sources` are the texts terms should occur in."""
    languages = tuple(languages)
    if not path.exists():
        return []
    try:
        rows, header = read_rows(path)
    except GlossaryError as exc:
        return [Finding(exc.line, "error", exc.message)]
    findings = lint_rows(rows, header, languages)
    glossary = from_rows(path, rows, header, languages) if not any(f.severity == "error" for f in findings) else None
    if glossary is not None:
        texts = list(sources)
        used = set().union(*(glossary.occurring(text) for text in texts)) if texts else set()
        findings += [Finding(t.line, "warning", f"{t.fr!r} occurs in no source document")
                     for t in glossary.terms if t.line not in used]
    return sorted(findings, key=lambda f: (f.line or 0, f.severity))


def lint_rows(rows: list[tuple[int, dict[str, str]]], header: list[str], languages: tuple[str, ...]) -> list[Finding]:
    """The problems of rows already read (read_rows) on their own, without the source texts, in line order."""
    findings = [Finding(1, "warning", f"column {c!r} is not a configured language; it is ignored")
                for c in header if c not in NOT_LANGUAGES and c not in languages]
    seen: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in rows:
        findings += [Finding(line, "warning", f"{column} cell {value!r} starts with {value[0]!r}, which a spreadsheet "
                             "runs as a formula; reword it (`glossary export --format csv` writes it quoted with ')")
                     for column, value in row.items() if _formula(value)]
        problem = row_problem(row)
        if problem:
            findings.append(Finding(line, "error", problem))
            continue
        key = row["fr"] if row["case"] == "exact" else row["fr"].casefold()
        if key in seen:
            first, other = seen[key]
            diff = [lang for lang in header if lang not in NOT_LANGUAGES and row[lang] != other[lang]]
            if diff:
                lang = diff[0]
                findings.append(Finding(line, "error", f"conflicting translations of {row['fr']!r}: line {first} has "
                                        f"{lang}={other[lang]!r}, this line {lang}={row[lang]!r}"))
            else:
                findings.append(Finding(line, "error", f"duplicate French term {row['fr']!r} (also on line {first})"))
            continue
        seen[key] = (line, row)
        targets = {lang: row[lang] for lang in languages if lang in row}
        if row["dnt"] == "yes":
            differ = [f"{lang}={v!r}" for lang, v in targets.items() if v and v != row["fr"]]
            if differ:
                findings.append(Finding(line, "error", f"{row['fr']!r} is do-not-translate but has other targets: "
                                        f"{', '.join(differ)}; empty them or remove dnt"))
        elif row["status"] == "approved":
            empty = [lang for lang in languages if not row.get(lang)]
            if empty:
                findings.append(Finding(line, "warning", f"{row['fr']!r} has no translation for {', '.join(empty)}"))
    return findings


TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export_tbx(glossary: Glossary, languages: Iterable[str], source_language: str = "fr") -> str:
    """TBX-Basic (ISO 30042:2019, DCA style): one conceptEntry per approved term."""
    ET.register_namespace("", TBX_NS)
    root = ET.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: source_language})
    header = ET.SubElement(ET.SubElement(root, f"{{{TBX_NS}}}tbxHeader"), f"{{{TBX_NS}}}fileDesc")
    ET.SubElement(ET.SubElement(header, f"{{{TBX_NS}}}titleStmt"), f"{{{TBX_NS}}}title").text = "Glossary"
    ET.SubElement(ET.SubElement(header, f"{{{TBX_NS}}}sourceDesc"), f"{{{TBX_NS}}}p").text = \
        f"Exported from {Path(glossary.path).name} (approved terms only)"
    body = ET.SubElement(ET.SubElement(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    for number, term in enumerate(glossary.approved(), start=1):
        concept = ET.SubElement(body, f"{{{TBX_NS}}}conceptEntry", {"id": f"c{number}"})
        _lang_sec(concept, source_language, term.fr, term.fr_plural, term.note, term)
        for lang in languages:
            singular, plural = (term.fr, term.fr_plural) if term.dnt else term.targets.get(lang, ("", ""))
            if singular:
                _lang_sec(concept, lang, singular, plural, "", term)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _lang_sec(concept: ET.Element, lang: str, singular: str, plural: str, note: str, term: Term) -> None:
    sec = ET.SubElement(concept, f"{{{TBX_NS}}}langSec", {XML_LANG: lang})
    if note:
        ET.SubElement(sec, f"{{{TBX_NS}}}descrip", {"type": "definition"}).text = note
    for text, number in ((singular, "singular"), (plural, "plural")):
        if not text:
            continue
        term_sec = ET.SubElement(sec, f"{{{TBX_NS}}}termSec")
        ET.SubElement(term_sec, f"{{{TBX_NS}}}term").text = text
        ET.SubElement(term_sec, f"{{{TBX_NS}}}termNote", {"type": "administrativeStatus"}).text = \
            "preferredTerm-admn-sts"
        if plural:
            ET.SubElement(term_sec, f"{{{TBX_NS}}}termNote", {"type": "grammaticalNumber"}).text = number
        if term.dnt:
            ET.SubElement(term_sec, f"{{{TBX_NS}}}note").text = "do not translate"


def export_po(glossary: Glossary, lang: str) -> str:
    """A PO glossary for Weblate or Poedit: msgid the French term, msgstr its translation."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Language": lang, "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit"}
    po.header = f"Glossary fr -> {lang}, exported from {Path(glossary.path).name} (approved terms only)."
    for term in glossary.approved():
        target = term.fr if term.dnt else term.target(lang)
        if target:
            comment = "\n".join(filter(None, [term.note, "do not translate" if term.dnt else ""]))
            po.append(polib.POEntry(msgid=term.fr, msgstr=target, comment=comment))
    return dump(po)


def export_csv(glossary: Glossary, lang: str) -> str:
    """Two-column CSV (source, target) plus the note: Weblate's CSV glossary format."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "target", "explanation"])
    for term in glossary.approved():
        target = term.fr if term.dnt else term.target(lang)
        if target:
            writer.writerow([_inert(term.fr), _inert(target), _inert(term.note)])
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, CSV injection)."""


def _formula(cell: str) -> bool:
    return cell.startswith(_FORMULA_START)


def _inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe before what would start a formula."""
    return "'" + cell if _formula(cell) else cell
