"""The pipeline's own page strings as a catalogue of the project: `make ui-strings` re-extracts and updates it.

pipeline/**/*.py ──Babel's extractor (_, N_)──▶ pipeline/locale/pipeline.pot
    ──merge (pipeline.catalog, msgmerge semantics)──▶ pipeline/locale/<lang>/LC_MESSAGES/pipeline.po
    ──the pipeline's own engines, English source──▶ fuzzy machine drafts of the empty entries

Every target of pyproject.toml gets a catalogue (the pseudo-locale aside).  A
reviewed or edited entry is never overwritten: the merge keeps every
translation, and translate_catalog fills empty entries only (and drafts again
only an untouched stale draft).  References name the file without a line, so
the template changes only when a string does.  Run it, review the drafts
(clear the fuzzy flag), run it again (a reviewed draft is recorded as
post-edited) and commit.  `--check` changes nothing and exits 1 when the
template is out of date.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import polib
from babel.messages.extract import extract_from_file

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import config as config_module  # noqa: E402
from pipeline.catalog import GENERATOR, dump, merge, parse_catalog, provenance, set_draft  # noqa: E402
from pipeline.engines.apertium import ApertiumEngine  # noqa: E402
from pipeline.fileio import write_text  # noqa: E402
from pipeline.locales import PSEUDO, language  # noqa: E402
from pipeline.translate import Report, translate_catalog  # noqa: E402
from pipeline.ui import DOMAIN, SOURCE, catalogue_path, template_path  # noqa: E402

KEYWORDS = {"_": None, "N_": None}
BRACE = re.compile(r"(?<!\{)\{\w*\}(?!\})")
PERCENT = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")
PLACEHOLDER = re.compile(BRACE.pattern + "|" + r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
CODE = re.compile(r"(`[^`]*`)")


def template(root: Path = ROOT) -> polib.POFile:
    """Every marked string of the package, in file then line order, one entry per msgid."""
    pot = polib.POFile(wrapwidth=79)
    pot.header = ("User-facing strings of the pipeline's own pages (notice, review page, report).\n"
                  "Made by `make ui-strings` (tools/ui_catalog.py); do not edit: translate in the PO of each language.")
    pot.metadata = {"Project-Id-Version": DOMAIN, "Report-Msgid-Bugs-To": "", "Language": "", "Language-Team": "",
                    "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                    "Content-Transfer-Encoding": "8bit", "Plural-Forms": "nplurals=INTEGER; plural=EXPRESSION;",
                    "X-Generator": GENERATOR, "X-Source-Language": SOURCE}
    found: dict[str, polib.POEntry] = {}
    for path in sorted((root / "pipeline").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        for _line, message, comments, _context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
            if not isinstance(message, str) or not message:
                continue
            entry = found.get(message)
            if entry is None:
                entry = found[message] = polib.POEntry(msgid=message, msgstr="", comment="\n".join(comments),
                                                       flags=_flags(message))
                pot.append(entry)
            if (name, "") not in entry.occurrences:
                entry.occurrences.append((name, ""))
    return pot


def _flags(message: str) -> list[str]:
    """The format flags `msgfmt -c` checks the translations against."""
    return (["python-brace-format"] if BRACE.search(message) else []) + (
        ["python-format"] if PERCENT.search(message) else [])


def targets(root: Path = ROOT) -> list[str]:
    """The project's target languages that get a catalogue of the pipeline's strings."""
    return [t for t in config_module.load(root).targets if t not in (SOURCE, PSEUDO)]


def update(pot: polib.POFile, lang: str, engine: ApertiumEngine) -> tuple[str, str]:
    """(new PO text, what happened) for `lang`: merged with the template, empty entries drafted."""
    path = catalogue_path(lang)
    old = parse_catalog(path.read_text(encoding="utf-8"), path) if path.is_file() else None
    po = merge(pot, old, language(lang))
    report = draft(po, lang, engine)
    empty = sum(1 for e in po if not e.obsolete and not e.msgstr)
    said = f"{report.drafts} drafted ({report.engine})" if report.drafts else "nothing drafted"
    return dump(po), f"{said}, {empty} without a translation (English on the pages)"


def draft(po: polib.POFile, lang: str, engine: ApertiumEngine) -> Report:
    """Machine drafts for the empty entries of `po`, in place.  The engine sees each format placeholder as a
    code span, markup that pipeline.protect keeps from it (it would translate `{language}` otherwise)."""
    todo = [e for e in po if not e.obsolete and not e.msgstr]
    shown = polib.POFile()
    for entry in todo:
        shown.append(polib.POEntry(msgid=_hide(entry.msgid), msgstr=""))
    report = translate_catalog(shown, SOURCE, lang, [engine])
    for entry, done in zip(todo, shown):
        made = provenance(done)
        if done.msgstr and made is not None:
            set_draft(entry, _unhide(done.msgstr), made)
    return report


def _hide(text: str) -> str:
    """Each placeholder outside a code span written as a code span of its own."""
    return "".join(part if part.startswith("`") else PLACEHOLDER.sub(lambda m: f"`{m.group()}`", part)
                   for part in CODE.split(text))


def _unhide(text: str) -> str:
    return re.sub(r"`(" + PLACEHOLDER.pattern + r")`", r"\1", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the template is out of date")
    args = parser.parse_args(argv)
    pot_text = dump(template())
    pot_path = template_path()
    if args.check:
        stale = not pot_path.is_file() or pot_path.read_text(encoding="utf-8") != pot_text
        print(f"{pot_path.relative_to(ROOT)}: {'out of date: run make ui-strings' if stale else 'up to date'}")
        return int(stale)
    pot = parse_catalog(pot_text, pot_path)
    write_text(pot_path, pot_text)
    engine = ApertiumEngine()
    for lang in targets():
        text, said = update(pot, lang, engine)
        path = catalogue_path(lang)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_text(path, text)
        print(f"{path.relative_to(ROOT)}: {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
