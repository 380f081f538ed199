"""QA of a command's catalogues, with findings kept between commands (build/.qa-findings.json).

An entry checked before is not checked again while nothing the checks read
has changed: its msgid, msgstr, comments and flags, the catalogue's source
texts (names in them are never spelling errors), the glossary, the word list,
the installed dictionaries and analysers, and the pipeline's own code.  All of
it goes into the digest each entry's findings are kept under, so any change
checks the entry afresh; an edited entry is checked, and its new words asked
about, alone.  The tools' answers are kept beside (pipeline.project.answers).
Both files are caches: missing or damaged, they are rebuilt; unwritable, ignored.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import polib

from pipeline import agreement, spelling
from pipeline.config import Config
from pipeline.fileio import code_digest, file_digest, write_text
from pipeline.glossary import Glossary
from pipeline.model import Issue
from pipeline.project import answers, inputs
from pipeline.project.inputs import Catalogs
from pipeline.review import Finding, review_all
from pipeline.workers import uncollected

NAME = ".qa-findings.json"
_FORMAT = 1
Kept = dict[str, dict[str, list[Finding]]]  # catalogue path -> entry digest -> findings


@dataclass
class QA:
    """Findings per catalogue, and the findings per entry to keep."""

    issues: dict[tuple[str, str], list[Issue]]
    kept: Kept = field(default_factory=dict)
    before: Kept = field(default_factory=dict)  # as the file held them
    remembered: int = 0  # entries whose findings were taken from the file

    @uncollected()
    def keep(self, config: Config) -> None:
        """Write the findings (those of catalogues not checked now stay) and the tools' answers; called
        once the command has written its own files."""
        table = {**self.before, **self.kept}
        if table == self.before:
            return  # every finding was remembered: no tool was asked, nothing to add
        text = json.dumps({"format": _FORMAT, "catalogues": table}, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"))
        try:
            write_text(config.root / config.build_dir / NAME, text + "\n")
        except OSError:
            pass  # a read-only build directory: the next command checks again
        answers.keep(config, complete=not self.remembered)


@uncollected()
def check(config: Config, pos: Catalogs, glossary: Glossary) -> QA:
    """Findings per catalogue: the remembered ones, then for the other entries the batch tools of all
    catalogues at once (one hunspell per dictionary, every lt-proc beside them), then the checks (on two cores)."""
    words = {lang: inputs.word_list(config, lang) for lang, _ in pos}
    before, base = _read(config), _base(config)
    paths = {key: config.relative(config.po_path(*key)) for key in pos}
    digests = {id(entry): (paths[key], digest) for key, po in pos.items()
               for entry, digest in _digests(po, _salt(base, key[0], words[key[0]], po))}

    def remembered(entry: polib.POEntry) -> list[Finding] | None:
        path, digest = digests.get(id(entry), ("", ""))
        found = before.get(path, {}).get(digest)
        return None if found is None else [tuple(f) for f in found]  # type: ignore[misc]

    known = sum(before.get(path, {}).get(digest) is not None for path, digest in digests.values())
    if known < len(digests):
        answers.recall(config)  # 2 MB of answers: read only when some entry is checked
    issues = review_all([(po, paths[key], key[0], words[key[0]]) for key, po in pos.items()], glossary, remembered)
    qa = QA(dict(zip(pos, issues)), before=before, remembered=known)
    for key, po in pos.items():
        found: dict[int, list[Finding]] = {}
        for issue in qa.issues[key]:
            found.setdefault(issue.line, []).append((issue.check, issue.severity, issue.message))
        qa.kept[paths[key]] = {digest: found.get(entry.linenum, []) for entry in po
                               if (digest := digests.get(id(entry), ("", ""))[1])}
    return qa


def _base(config: Config) -> str:
    """What every catalogue's findings depend on besides its own text: the code, glossary, tools."""
    parts = [f"format {_FORMAT}", spelling.fingerprint(), agreement.fingerprint(), f"code {code_digest()}",
             f"glossary {file_digest(config.root / config.glossary)}"]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _salt(base: str, lang: str, words: Sequence[str], po: polib.POFile) -> str:
    sources = "\0".join(e.msgid for e in po if e.msgid and not e.obsolete)
    return hashlib.sha256("\0\1".join([base, lang, "\0".join(words), sources]).encode("utf-8")).hexdigest()


def _digests(po: polib.POFile, salt: str) -> list[tuple[polib.POEntry, str]]:
    """Each entry QA reads, with the digest of everything its findings depend on."""
    return [(e, hashlib.sha256("\0\1".join([salt, e.msgctxt or "", e.msgid, e.msgstr, e.tcomment,
                                            ",".join(sorted(e.flags))]).encode("utf-8")).hexdigest())
            for e in po if not e.obsolete and e.msgid and e.msgstr]


def _read(config: Config) -> Kept:
    """The kept findings; none when the file is missing, unreadable or not as `keep` writes it."""
    try:
        kept = json.loads((config.root / config.build_dir / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    table = kept.get("catalogues") if isinstance(kept, dict) and kept.get("format") == _FORMAT else None
    if not isinstance(table, dict) or not all(
            isinstance(entries, dict) and all(isinstance(found, list) and all(
                isinstance(f, list) and len(f) == 3 and all(isinstance(x, str) for x in f) for f in found)
                for found in entries.values()) for entries in table.values()):
        return {}
    return table

