"""Words made of a productive prefix and a word the route knows, sent with a hyphen and joined again.

fr-es knows `financée` but not `cofinancée`, so `cofinancée` would reach the
Spanish draft as French.  Sent as `co-financée`, it comes back `co-financiada`:
Apertium translates the part after the hyphen in its sentence (agreement
holds) and passes the unknown prefix on.  The prefix is then written in the
target's form (PREFIXES: pharmaco -> farmaco) and joined to the word when the
target's Hunspell dictionary or Apertium analyser knows the result
(`cofinanciada`); otherwise the hyphenated form stays (`co-funded`,
`re-desarrollo`), a target word the post-editor reads at once, where the
French word would be left.  Only words the route's own analyser lacks, whose
rest it knows, are split, and none that mend.py can send through another route.  PREFIXES is a small hand-written table (no package
lists French prefixes with their equivalents).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline import morphology, spelling

PREFIXES: dict[str, dict[str, str]] = {  # French prefix -> its form per target language, where not the same
    "co": {},
    "cyber": {"es": "ciber", "ca": "ciber", "oc": "ciber"},
    "inter": {},
    "pharmaco": {"es": "farmaco", "ca": "farmaco", "oc": "farmaco", "it": "farmaco"},
    "re": {},
    "ré": {"en": "re", "es": "re", "ca": "re", "oc": "re", "it": "ri"},
}
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")
_SHORTEST = 4  # letters after the prefix: `rein` is not re + in


def split(texts: Sequence[str], source: str, analyser: Path | None, others: Sequence[Path] = (),
          alone: Callable[[list[str]], list[str]] | None = None) -> tuple[list[str], list[set[str]]]:
    """`texts` in `source` (French: PREFIXES are French prefixes; other languages are left as they are) with
    each prefixed word `analyser` lacks (and knows the rest of) hyphenated; per text, the
    prefixes split there (as written).  A word one of the `others` knows is left to the route that starts
    with it (mend.py: `redouble`, unknown to fr-es, is `redobla` through fra-cat + cat-spa, not `redoble`);
    one whose rest the route translates `alone` into more than one word stays (cybersécurisation: fra-cat's
    `sécurisation` is `reforç de la seguretat`)."""
    if analyser is None or source != "fr":
        return list(texts), [set() for _ in texts]
    words = sorted({m.group() for text in texts for m in _WORD.finditer(text)})
    parts = {w: (w[:len(p)], w[len(p):]) for p in sorted(PREFIXES, key=len) for w in words  # the longest prefix wins
             if w.lower().startswith(p) and len(w) - len(p) >= _SHORTEST}
    asked = sorted(set(parts) | {rest for _, rest in parts.values()})
    known = {w for w, tokens in zip(asked, morphology.analyse("", asked, analyser))
             if len(tokens) == 1 and tokens[0].known}
    elsewhere = {w for other in others for w, tokens in zip(asked, morphology.analyse("", asked, other))
                 if len(tokens) == 1 and tokens[0].known}
    hyphenated = {w: f"{prefix}-{rest}" for w, (prefix, rest) in parts.items()
                  if w not in known | elsewhere and rest in known}
    if alone is not None and hyphenated:
        rests = sorted({parts[w][1] for w in hyphenated})
        single = {rest for rest, out in zip(rests, alone(rests)) if len(out.split()) == 1}
        hyphenated = {w: h for w, h in hyphenated.items() if parts[w][1] in single}
    out, used = [], []
    for text in texts:
        seen: set[str] = set()

        def one(m: re.Match[str]) -> str:
            if m.group() not in hyphenated:
                return m.group()
            seen.add(parts[m.group()][0].lower())
            return hyphenated[m.group()]

        out.append(_WORD.sub(one, text))
        used.append(seen)
    return out, used


def join(texts: Sequence[str], prefixes: Sequence[set[str]], originals: Sequence[str],
         target: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The engine's `texts` with each word a split prefix starts (`co-financiada`) in the target's form, joined
    when the target's dictionary or analyser knows the word; per text, the hyphenated beginnings (`co-`) of the
    words the split made, whatever a pivot made of them, to take off the engine's unknown words.  A prefix
    the `originals` hyphenate themselves (co-construites) is left alone."""
    made = [tuple(f"{p}-" for p in sorted(split) if not re.search(rf"(?<![\w-]){re.escape(p)}-", original, re.I))
            for split, original in zip(prefixes, originals)]
    found = [[m for p in starts for m in re.finditer(rf"(?<![\w-]){re.escape(p)}([^\W\d_]+)(?![\w-])", text, re.I)]
             for text, starts in zip(texts, made)]
    formed = {m.group(): _form(m.group().split("-", 1)[0], target) + m.group(1) for ms in found for m in ms}
    good = _accepted(target, sorted(set(formed.values())))
    out = []
    for text, ms in zip(texts, found):
        for m in sorted(ms, key=lambda m: m.start(), reverse=True):
            whole = formed[m.group()]
            word = whole if whole in good else f"{whole[:len(whole) - len(m.group(1))]}-{m.group(1)}"
            text = text[:m.start()] + word + text[m.end():]
        out.append(text)
    return out, made


def _form(prefix: str, target: str) -> str:
    """The prefix as the target writes it, in the case the engine wrote it (CO, Co, co)."""
    form = PREFIXES.get(prefix.lower(), {}).get(target, prefix.lower())
    return form.upper() if prefix.isupper() else form.capitalize() if prefix[:1].isupper() else form


def _accepted(target: str, words: list[str]) -> set[str]:
    """The `words` the target's Hunspell dictionary accepts or its Apertium analyser knows."""
    if not words:
        return set()
    lexicon = spelling.lexicon({target: words})
    analysed = morphology.analyse(target, words)
    return {w for w, tokens in zip(words, analysed)
            if lexicon.accepts(target, w) or len(tokens) == 1 and tokens[0].known}
