"""Planted defects: does `pipeline check` flag each class on the right entry, and only there?

The committed en and es drafts are taken as reviewed (fuzzy cleared), one
defect of a class is planted in each of up to 25 eligible entries, and the
catalogue is reviewed again.  A plant counts as flagged when its entry has a
finding it did not have before planting.  Findings on entries with nothing
planted are counted too: they are the drafts' own problems, the same before and
after.  Goal: every class flagged on at least 95 % of its entries.  What
`pipeline check` costs, cold and warm, is tools/bench_check.py's.
"""
from __future__ import annotations

import copy
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this tree's pipeline, not the one installed in .venv

from pipeline.catalog import read_catalog  # noqa: E402
from pipeline.config import load  # noqa: E402
from pipeline.project import inputs  # noqa: E402
from pipeline.review import review  # noqa: E402

PER_CLASS = 25
Plant = Callable[[polib.POEntry, str], bool]  # changes entry in place; False when the entry does not fit
_WORD = re.compile(r"(?<![\w*_\[(<`⟦/.@-])[a-záéíóúñ]{4,}(?![\w*_\])>`⟧/.@-])")
_SPANISH = ["empresas", "desarrollo", "investigación", "también", "ciudad"]
_NOUN_ES = re.compile(r"\b(la|las|el|los|una|un) ((?:\w+)(?:ción|dad|miento|ismo|encia|ancia|tura|ista|sión))\b")
_SWAP = {"la": "las", "las": "la", "el": "los", "los": "el", "una": "unas", "un": "unos"}  # number
_DIGIT = re.compile(r"(?<![\w/.#-])(\d)(\d*)(?![\w/])")


def _plain(entry: polib.POEntry) -> bool:
    return not re.search(r"[*_\[\]<>`\\]|https?:|@", entry.msgid + entry.msgstr) and "\n" not in entry.msgstr


def doubled(entry: polib.POEntry, lang: str) -> bool:
    words = list(_WORD.finditer(entry.msgstr))
    if len(words) < 4:
        return False
    m = words[len(words) // 2]
    entry.msgstr = entry.msgstr[:m.end()] + " " + m.group() + entry.msgstr[m.end():]
    return True


def pivot_word(entry: polib.POEntry, lang: str) -> bool:
    words = list(_WORD.finditer(entry.msgstr))
    if lang != "en" or len(words) < 4:
        return False
    m = words[len(words) // 2]
    entry.msgstr = entry.msgstr[:m.start()] + _SPANISH[len(entry.msgid) % len(_SPANISH)] + entry.msgstr[m.end():]
    return True


def french_half(entry: polib.POEntry, lang: str) -> bool:
    src, tgt = entry.msgid.split(), entry.msgstr.split()
    if not _plain(entry) or len(src) < 8 or len(tgt) < 8:
        return False
    entry.msgstr = " ".join(tgt[:len(tgt) // 2] + src[len(src) // 2:])
    return True


def superscript(entry: polib.POEntry, lang: str) -> bool:
    if "<sup>" not in entry.msgstr:
        return False
    entry.msgstr = re.sub(r"<sup>[^<]*</sup>", "<sup>and</sup>", entry.msgstr, count=1)
    return True


def unknown_word(entry: polib.POEntry, lang: str) -> bool:
    words = list(_WORD.finditer(entry.msgstr))
    if not words or entry.tcomment.count("mt unknown words"):
        return False
    m = words[-1]
    entry.msgstr = entry.msgstr[:m.start()] + "*" + m.group() + "qx" + entry.msgstr[m.end():]
    entry.msgstr = entry.msgstr.replace("*" + m.group() + "qx", m.group() + "qx", 1)
    entry.tcomment += f"\nmt unknown words: {m.group()}qx"
    return True


def agreement(entry: polib.POEntry, lang: str) -> bool:
    m = _NOUN_ES.search(entry.msgstr)
    if lang != "es" or not m:
        return False
    entry.msgstr = entry.msgstr[:m.start()] + _SWAP[m.group(1)] + entry.msgstr[m.start() + len(m.group(1)):]
    return True


def figure(entry: polib.POEntry, lang: str) -> bool:
    m = _DIGIT.search(entry.msgstr)
    if not m or not re.search(r"\d", entry.msgid):
        return False
    digit = str((int(m.group(1)) % 9) + 1)
    entry.msgstr = entry.msgstr[:m.start()] + digit + entry.msgstr[m.start() + 1:]
    return True


def emphasis(entry: polib.POEntry, lang: str) -> bool:
    if "**" not in entry.msgstr:
        return False
    entry.msgstr = entry.msgstr.replace("**", "", 2)
    return True


def placeholder(entry: polib.POEntry, lang: str) -> bool:
    words = entry.msgstr.split(" ")
    if len(words) < 3:
        return False
    entry.msgstr = " ".join(words[:2] + ["⟦2⟧"] + words[2:])
    return True


def truncated(entry: polib.POEntry, lang: str) -> bool:
    if not _plain(entry) or len(entry.msgstr) < 80:
        return False
    entry.msgstr = entry.msgstr[:len(entry.msgstr) // 5].rsplit(" ", 1)[0]
    return True


def html(entry: polib.POEntry, lang: str) -> bool:
    entry.msgstr += " <img src=x onerror=alert(1)>"
    return True


CLASSES: dict[str, Plant] = {
    "doubled word": doubled, "pivot-language word": pivot_word, "French half sentence": french_half,
    "<sup> text changed": superscript, "engine unknown word": unknown_word, "agreement": agreement,
    "changed figure": figure, "dropped emphasis": emphasis, "leftover placeholder": placeholder,
    "truncated sentence": truncated, "added HTML": html,
}


def _findings(po: polib.POFile, lang: str, glossary: object, words: tuple[str, ...]) -> dict[int, Counter[str]]:
    found: dict[int, Counter[str]] = {}
    for issue in review(po, "bench.po", lang, glossary, words):  # type: ignore[arg-type]
        found.setdefault(issue.line, Counter())[f"{issue.check}: {issue.message}"] += 1
    return found


def main() -> int:
    config = load(ROOT)
    glossary = inputs.glossary(config)
    print(f"planted defects, up to {PER_CLASS} entries per class and language (goal: 95 % flagged)")
    for lang in ("en", "es"):
        po = read_catalog(config.po_path(lang, "dossier"))
        for entry in po:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")  # reviewed
        po = read_catalog_text(po)
        words = inputs.word_list(config, lang)
        start = time.perf_counter()
        before = _findings(po, lang, glossary, words)
        print(f"{lang}: unplanted catalogue: {sum(sum(c.values()) for c in before.values())} findings on "
              f"{len(before)} of {len(po)} entries ({time.perf_counter() - start:.2f} s)")
        for name, plant in CLASSES.items():
            planted = copy.deepcopy(po)
            lines = []
            for entry in planted:
                text = entry.msgstr
                if len(lines) < PER_CLASS and text and not entry.obsolete and plant(entry, lang) \
                        and entry.msgstr != text:
                    lines.append(entry.linenum)
            if not lines:
                continue
            after = _findings(planted, lang, glossary, words)
            flagged = [line for line in lines if after.get(line, Counter()) - before.get(line, Counter())]
            checks = Counter(m.split(":")[0] for line in lines for m in after.get(line, Counter()) - before.get(line, Counter()))
            elsewhere = sum(sum(c.values()) for line, c in after.items() if line not in lines)
            elsewhere_new = sum(sum((c - before.get(line, Counter())).values()) for line, c in after.items() if line not in lines)
            print(f"  {name:<22} {len(flagged):>3}/{len(lines):<3} flagged ({100 * len(flagged) / len(lines):5.1f} %)"
                  f"  by {', '.join(sorted(checks))}; on unplanted entries: {elsewhere} findings, {elsewhere_new} new")
    return 0


def read_catalog_text(po: polib.POFile) -> polib.POFile:
    """Re-read the catalogue from its text, so every entry carries its own PO line again."""
    return polib.pofile(str(po), wrapwidth=79)


if __name__ == "__main__":
    sys.exit(main())
