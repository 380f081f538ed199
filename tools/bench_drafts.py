"""Quality of the machine drafts per language, measured with the field's own tools (no timing).

For each language's catalogue of the dossier:
- rejected: words Debian's Hunspell dictionary rejects, per 100 words, not counting
  one-letter tokens, letters after a digit (3rd, 6e), Roman numerals of the source, names written
  verbatim in the source (capitalised in running text) or the glossary (or those in capitals, in an
  ALL-CAPS quote), English words the source itself uses (French Hunspell rejects them, British
  Hunspell accepts them: 'one size fits all'), and the source's words a block kept by rule copies
  (an address); where the
  dictionary does not keep apostrophes in words (it, oc, es), an elided article (dell', qu')
  is not checked, only the word after it;
- agreement: determiner + noun pairs whose gender or number disagree, by Apertium's
  analyser of the target (`lt-proc`), counted only where both words are unambiguous;
- doubled: a word repeated ("of of") where the source repeats none;
- unknown: words the engine marked unknown (the `mt unknown words:` comments), of them
  pivot: the pivot language's words a pivot route left (`mt pivot words:`).

    python tools/bench_drafts.py [--lang en es ...] [--locales DIR] [--show]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import morphology  # noqa: E402
from pipeline.catalog import provenance  # noqa: E402
from pipeline.protect import protect  # noqa: E402

DICTIONARIES = {"en": "en_GB", "es": "es_ES", "ca": "ca", "oc": "oc_FR", "it": "it_IT"}
# col·laboració is one word; the letters of an ordinal or a unit after a digit (3rd, 6e, 10M) are not a word
_WORD = re.compile(r"(?<![\d\w])[^\W\d_]+(?:['’·][^\W\d_]+)*", re.UNICODE)
_ROMAN = re.compile(r"[IVXLC]+")
_DOUBLED = re.compile(r"(?<!\w)(\w+)\s+\1(?!\w)", re.IGNORECASE)
_GENDERS, _NUMBERS = {"m", "f"}, {"sg", "pl"}


def plain(text: str) -> str:
    """Prose of a msgstr: markup, URLs and e-mail addresses blanked."""
    protected = protect(text)
    return re.sub(r"⟦\d+⟧", " ", protected.text)


def rejected(lang: str, texts: list[str], allowed: set[str]) -> tuple[int, list[str]]:
    """(words, rejected words) of `texts` by the Hunspell dictionary of `lang`."""
    words = [w for t in texts for w in _WORD.findall(t)]
    if "'" not in _wordchars(lang):  # it_IT, oc_FR, es_ES split dell'|innovazione and know no dell': check the word
        words = [re.split("['’]", w)[-1] for w in words]
    words = [w for w in words if len(w) > 1]
    shouted = {a.upper() for a in allowed}  # an allowed word in an ALL-CAPS quote is still that word
    bad = [w for w in _hunspell_l(DICTIONARIES[lang], words) if len(w) > 1 and w not in allowed and not (w.isupper() and w in shouted)]
    return len(words), bad


def _hunspell_l(dictionary: str, words: list[str]) -> list[str]:
    """The `words` Hunspell's `dictionary` rejects, as `hunspell -l` prints them (one per rejected word)."""
    return subprocess.run(["hunspell", "-d", dictionary, "-l"], input="\n".join(words),
                          capture_output=True, text=True, check=True).stdout.split()


def _wordchars(lang: str) -> str:
    """The dictionary's WORDCHARS: characters it keeps inside words (ca: the apostrophe)."""
    aff = Path("/usr/share/hunspell") / f"{DICTIONARIES[lang]}.aff"
    found = re.search(r"(?m)^WORDCHARS\s+(\S+)", aff.read_text(encoding="utf-8", errors="replace")) \
        if aff.exists() else None
    return found.group(1) if found else ("'" if lang == "en" else "")


def _features(readings: tuple[morphology.Reading, ...]) -> tuple[set[str], set[str]]:
    tags = set(readings[-1].tags)
    return tags & _GENDERS, tags & _NUMBERS


def disagreements(lang: str, texts: list[str]) -> list[str]:
    """`det noun` pairs whose analyses cannot agree: a word read only as a determiner (or a clitic
    pronoun, las), then a word read only as a noun."""
    found = []
    for tokens in morphology.analyse(lang, texts):
        for det, noun in zip(tokens, tokens[1:]):
            dets = [r for r in det.readings if r[-1].pos == "det"]
            if not dets or any(r[-1].pos not in ("det", "prn") for r in det.readings):
                continue
            nouns = [r for r in noun.readings if r[0].pos == "n"]
            if not nouns or len(nouns) != len(noun.readings):
                continue
            ok = False
            for d in dets:
                dg, dn = _features(d)
                for reading in nouns:
                    ng, nn = _features(reading)
                    ok = ok or ((not dg or not ng or bool(dg & ng)) and (not dn or not nn or bool(dn & nn)))
            if not ok:
                found.append(f"{det.surface} {noun.surface}")
    return found


def _drafted(entry: polib.POEntry, text: str) -> str:
    """The words of `text` a draft made: in a block the pipeline keeps by rule (a postal address:
    LES DOCKS, CEDEX), the words copied from the source are names kept as they are, not draft words;
    a label it localised there (TÉL. → TEL.) is still checked."""
    origin = getattr(provenance(entry), "origin", "") or ""
    if "address kept" not in origin:
        return text
    kept = set(_WORD.findall(plain(entry.msgid)))
    return _WORD.sub(lambda m: " " if m.group() in kept else m.group(), text)


def measure(lang: str, po: polib.POFile, allowed: set[str]) -> dict[str, object]:
    entries = [e for e in po if not e.obsolete and e.msgstr]
    texts = [plain(e.msgstr) for e in entries]
    words, bad = rejected(lang, [_drafted(e, t) for e, t in zip(entries, texts)], allowed)
    doubled = [m.group() for e, t in zip(entries, texts) for m in _DOUBLED.finditer(t)
               if not _DOUBLED.search(plain(e.msgid)) and not m.group(1).isdigit()]
    unknown = [w for e in entries for w in (getattr(provenance(e), "unknown_words", ()) or ())]
    pivot = [w for e in entries for w in (getattr(provenance(e), "pivot_words", ()) or ())]
    return {"entries": len(entries), "words": words, "rejected": bad,
            "per100": 100 * len(bad) / words if words else 0.0,
            "agreement": disagreements(lang, texts) if morphology.available(lang) else [],
            "doubled": doubled, "unknown": unknown, "pivot": pivot}




def _english_in_source(text: str) -> set[str]:
    """English words the French source itself uses ('one size fits all', big tech, pitches): French
    Hunspell rejects them and British Hunspell accepts them, so a draft that keeps them keeps the
    source's own choice; a French word left in a draft is rejected by both and still counted."""
    alone = re.sub(r"[^\W\d_]+-(?=\w)", " ", text)  # a prefix (co-construit) is not a word the source uses
    foreign = set(_hunspell_l("fr_FR", sorted({w for w in _WORD.findall(alone) if len(w) > 1})))
    return foreign - set(_hunspell_l("en_GB", sorted(foreign)))


def allowed_names(root: Path, every_source_word: bool = False) -> set[str]:
    """Names a dictionary may lack: words written with a capital in the sources' running text
    (a line that also has lower case: an ALL-CAPS quote names nothing by its capitals), and the
    glossary's words.  French common words left in a draft (`sécuriser`, `cœur`) are therefore
    counted as rejected.  `every_source_word` gives the lenient figure earlier sessions printed,
    where any word of the source was allowed, which hid the engine's French leftovers."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((root / "source").glob("*.md")))
    if every_source_word:
        words = _WORD.findall(text)
    else:
        words = [w for line in text.splitlines() if any(c.islower() for c in line)
                 for w in _WORD.findall(line) if re.split("['’]", w)[-1][:1].isupper()]
    words += [w for w in _WORD.findall(text) if _ROMAN.fullmatch(w)]  # II, IV: numerals, as the source writes them
    words += sorted(_english_in_source(text))
    glossary = root / "glossary.csv"
    if glossary.exists():
        words += _WORD.findall(glossary.read_text(encoding="utf-8"))
    return set(words) | {re.split("['’]", w)[-1] for w in words}  # d'Arles: Arles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="*", default=list(DICTIONARIES))
    parser.add_argument("--locales", type=Path, default=ROOT / "locales")
    parser.add_argument("--show", action="store_true", help="list the words behind each figure")
    args = parser.parse_args()
    allowed, lenient = allowed_names(ROOT), allowed_names(ROOT, every_source_word=True)
    print("rejected/100: names (capitalised in the source's running text) and glossary words allowed;"
          " any-source-word/100: every word of the source allowed (hides French left in a draft)")
    print(f"{'lang':4} {'entries':>7} {'words':>6} {'rejected/100':>12} {'any-source-word/100':>19} "
          f"{'agreement':>9} {'doubled':>7} {'unknown':>7} {'pivot':>5}  route")
    for lang in args.lang:
        path = args.locales / lang / "LC_MESSAGES" / "dossier.po"
        po = polib.pofile(str(path))
        r = measure(lang, po, allowed)
        loose = 100 * len(rejected(lang, [plain(e.msgstr) for e in po if not e.obsolete and e.msgstr], lenient)[1]) \
            / max(int(r["words"]), 1)  # type: ignore[call-overload]
        routes = sorted({p.origin.split(" (")[0] for e in po if (p := provenance(e)) is not None})
        print(f"{lang:4} {r['entries']:>7} {r['words']:>6} {r['per100']:>12.2f} {loose:>19.2f} {len(r['agreement']):>9} "  # type: ignore[arg-type]
              f"{len(r['doubled']):>7} {len(r['unknown']):>7} {len(r['pivot']):>5}  {', '.join(routes) or '-'}")  # type: ignore[arg-type]
        if args.show:
            for key in ("rejected", "agreement", "doubled", "unknown", "pivot"):
                counts: dict[str, int] = {}
                for w in r[key]:  # type: ignore[attr-defined]
                    counts[w] = counts.get(w, 0) + 1
                shown = ", ".join(f"{w}×{n}" if n > 1 else w for w, n in
                                  sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
                print(f"     {key}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
