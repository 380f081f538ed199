"""What glossary editors run: lint, suggest new terms, export for CAT tools."""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline import morphology
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


_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+|[*_`\[\]#>|\\]")
_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+|$)")


@dataclass(frozen=True)
class Suggestion:
    """A candidate term: how often it occurs, in how many segments, and a sentence that shows it."""

    phrase: str
    count: int
    segments: int
    example: str


def suggest(glossary: Glossary, texts: Iterable[str], min_count: int = 2, limit: int = 40,
            lang: str = "fr") -> list[Suggestion]:
    """Noun phrases (N, N ADJ, N de N, N ADJ de N ADJ) and names of the sources, as Apertium's tagger reads
    them, that no glossary term covers in any inflection; ranked by spread over segments, then frequency."""
    cleaned = [" ".join(_MARKUP.sub(" ", raw).split()) for raw in texts]
    found: dict[tuple[str, ...], list[tuple[int, str, int]]] = {}
    for index, (text, tokens) in enumerate(zip(cleaned, morphology.tag(lang, cleaned))):
        covered = [(m.start, m.end) for m in glossary.find(text, False)]
        letters = [c for c in text if c.isalpha()]
        shouting = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
        for first, last in [] if shouting else _phrases(tokens):
            start, end = tokens[first].start, tokens[last].end
            if any(s <= start and end <= e for s, e in covered):
                continue
            key = tuple(_lemma(t) for t in tokens[first:last + 1])
            surface = text[start:end]
            if _starts_sentence(tokens, first) and _kind(tokens[first]) != "name" and surface[1:2].islower():
                surface = surface[:1].lower() + surface[1:]
            found.setdefault(key, []).append((index, surface, start))
    candidates = []
    for key, hits in found.items():
        if len(hits) < min_count:
            continue
        phrase = Counter(h[1] for h in hits).most_common(1)[0][0]
        if any(m.start == 0 and m.end == len(phrase) for m in glossary.find(phrase, False)):
            continue
        examples = [_sentence(cleaned[index], start) for index, _, start in hits]
        example = next((e for e in examples if 30 <= len(e) <= 160 and not e.endswith("…")), examples[0])
        candidates.append(Suggestion(phrase, len(hits), len({h[0] for h in hits}), example))
    candidates.sort(key=lambda c: (-c.segments, -c.count, -len(c.phrase.split()), c.phrase))
    kept: list[Suggestion] = []
    for c in candidates:  # a phrase only ever seen inside a longer candidate is that candidate
        if not any(_inside(c.phrase, k.phrase) and c.count <= k.count for k in kept):
            kept.append(c)
    return kept[:limit]


def _kind(token: morphology.Token) -> str:
    """noun, adj, de, det, name or "" (anything else, punctuation included): the tagger's choice."""
    if not token.known:
        word = token.surface.replace("-", "")
        return "" if not word.isalpha() else "name" if token.surface[:1].isupper() else "noun"
    parts = token.readings[0]
    first = parts[0]
    if first.lemma.lower() == "de" and first.pos == "pr":
        return "de+det" if len(parts) > 1 else "de"
    if first.pos == "np":
        return "name"
    if first.pos == "n":
        return "noun"
    if first.pos == "adj" or (first.pos == "vblex" and "pp" in first.tags):
        return "adj"
    if first.pos == "det" and "def" in first.tags:
        return "det"
    return ""


def _phrases(tokens: list[morphology.Token]) -> list[tuple[int, int]]:
    """Token spans [first, last] that are a name run or a noun phrase N ADJ* (de det? N ADJ*)?."""
    kinds = [_kind(t) for t in tokens]
    spans = []
    i = 0
    while i < len(tokens):  # names: runs of capitalised nouns, names and unknown words
        j = i
        while (j < len(tokens) and kinds[j] in ("name", "noun")
               and tokens[j].surface[:1].isupper()):
            j += 1
        while j - i > 1 and kinds[j - 1] == "noun" and tokens[j - 1].known:  # not a title after a name
            j -= 1
        person = any(t.known and "ant" in t.readings[0][0].tags for t in tokens[i:j])  # people are no terms
        if not person and (j - i > 1 or (j - i == 1 and _rare(tokens[i]))):
            spans.append((i, j - 1))
        i = max(j, i + 1)
    for i, kind in enumerate(kinds):
        if kind != "noun" or (tokens[i].surface[:1].isupper() and not _starts_sentence(tokens, i)):
            continue
        j = i
        while j + 1 < len(tokens) and kinds[j + 1] == "adj":
            j += 1
        spans += [(i, k) for k in range(i if _rare(tokens[i]) else i + 1, j + 1)]
        k = j + 1
        if k < len(tokens) and kinds[k] in ("de", "de+det"):
            k += 1 if kinds[k] == "de+det" or k + 1 >= len(tokens) or kinds[k + 1] != "det" else 2
            if k < len(tokens) and kinds[k] == "noun" and not tokens[k].surface[:1].isupper():
                spans.append((i, k))
                while k + 1 < len(tokens) and kinds[k + 1] == "adj":
                    k += 1
                    spans.append((i, k))
    return spans


def _rare(token: morphology.Token) -> bool:
    """A word worth proposing alone: one the dictionary lacks, or an acronym; common single words are not terms."""
    return (not token.known and len(token.surface) > 3) or (len(token.surface) > 1 and token.surface.isupper())


def _lemma(token: morphology.Token) -> str:
    """What inflected forms share: the lemma of nouns and adjectives, the word itself otherwise."""
    if token.known and _kind(token) in ("noun", "adj"):
        return token.readings[0][0].lemma.casefold()
    return token.surface.casefold().replace("’", "'")


def _starts_sentence(tokens: list[morphology.Token], i: int) -> bool:
    return i == 0 or (tokens[i - 1].known and tokens[i - 1].readings[0][0].pos == "sent")


def _sentence(text: str, offset: int) -> str:
    """The sentence of `text` around `offset`, shortened to 160 characters."""
    for m in _SENTENCE.finditer(text):
        if m.start() <= offset < max(m.end(), m.start() + 1):
            sentence = m.group().strip()
            return sentence if len(sentence) <= 160 else sentence[:159] + "…"
    return text[:160]


def _inside(short: str, long: str) -> bool:
    return short != long and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long, re.IGNORECASE) is not None


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
