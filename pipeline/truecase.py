"""ALL-CAPS text -> the case each word would have in running text, so engines see names as names.

An engine given `DE LA FRANCE` lower-cased sees `de la france`, an unknown common
word, and leaves it untranslated; given `de la France` it writes `de Francia`.
Each word takes, in order: the case it has in the document's own mixed-case
text (Aix-Marseille-Provence, IA), then the proper-noun reading of Apertium's
source-language analyser (FRANCE -> France<np>), else lower case; sentence
starts get their capital (the sentence splitter reads them), but the engine is
sent each sentence with its first word in its own case: PAGE 4 is `page 4`,
not the surname Page that fra-cat would keep, and an unknown SOLIDEMENT is
`solidement`, which mend.py takes.  Words with figures stay as written (8H30,
5E), and Roman numerals made of I, V and X (II, IV).  The translate stage upper-cases the translation again.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from pipeline import morphology
from pipeline.patterns import PLACEHOLDER

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TOKEN = re.compile(r"\S+")
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})(?<=[IVX])")
_SENTENCE_START = re.compile(r"(^|[.!?…]\s+|«\s*|\"\s*)((?:⟦\d+⟧\s*)*)(\w)")
_SENTENCE_END = re.compile(r"(?:^|[.!?…:]\s+|[«\"(]\s*)$")


def case_memory(texts: Iterable[str]) -> dict[str, str]:
    """casefolded word -> its most frequent form in mixed-case `texts`, sentence-initial words left out."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        if is_caps(text):
            continue
        for m in _WORD.finditer(text):
            if _SENTENCE_END.search(PLACEHOLDER.sub("", text[:m.start()])):
                continue  # a capital here says nothing about the word
            seen.setdefault(m.group().casefold(), Counter())[m.group()] += 1
    return {key: sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for key, forms in seen.items()}


def like(text: str, model: str) -> str:
    """`text` in the case of `model`: all capitals (DEL -> DE LA), a capital first (Del -> De la), or as it is."""
    if model.isupper():
        return text.upper()
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


def is_caps(text: str, lang: str = "") -> bool:
    """Mostly capital letters over enough text to be a shouted pull quote, not an acronym; with `lang`, also
    a short text in capitals whose every word the source analysers know in lower case (PAGE 4, SOMMAIRE;
    not CMA CGM, ITER)."""
    letters = [c for c in PLACEHOLDER.sub("", text) if c.isalpha()]
    if len(letters) >= 12:
        return sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    words = [w.lower() for w in _WORD.findall(PLACEHOLDER.sub(" ", text)) if len(w) > 1]
    return bool(lang and words and all(c.isupper() for c in letters)
                and morphology.known(lang, words) >= set(words))


def truecase(text: str, memory: Mapping[str, str], lang: str, starts: bool = True) -> str:
    """`text` in capitals -> running-text case (LE PORT DE MARSEILLE -> Le port de Marseille); without
    `starts`, a sentence's first word keeps its own case too (le port de Marseille)."""
    names = _proper_nouns(text, lang)

    def word_case(m: re.Match[str]) -> str:
        word = m.group()
        key = word.casefold()
        if key in memory:
            return memory[key]
        if _ROMAN.fullmatch(word):  # a chapter's number (II. ...), no French word
            return word
        if "-" in word:  # each part on its own; a compound holding a name is a name (Salon-de-Provence)
            parts = [word_case(p) for p in re.finditer(r"[^-]+", word)]
            if any(p in names for p in word.split("-")):
                parts[0] = parts[0][:1].upper() + parts[0][1:]
            return "-".join(parts)
        return names.get(word, word.lower())

    def token_case(m: re.Match[str]) -> str:
        token = m.group()
        if any(c.isdigit() for c in PLACEHOLDER.sub("", token)) or token.startswith("Xqz"):
            return token
        return _WORD.sub(word_case, token)

    cased = _TOKEN.sub(token_case, text)
    if not starts:
        return cased
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), cased)


def is_compound_name(word: str, memory: Mapping[str, str], lang: str) -> bool:
    """A hyphenated name to keep as written (Salon-de-Provence, Aix-Marseille, Part-Dieu), not words to
    translate: its first and last parts capitalised (in running-text case for capitals), the source
    analyser knows no such compound (États-Unis, Moyen-Orient are translated) unless a proper noun with
    particles (Aix-en-Provence), and reads no part only as an adjective (Asie-Pacifique)."""
    cased = truecase(word, memory, lang) if word.isupper() else word
    parts = cased.split("-")
    if len(parts) < 2 or not (parts[0][:1].isupper() and parts[-1][:1].isupper()):
        return False
    whole = morphology.analyse(lang, [cased])[0]
    if len(whole) == 1 and whole[0].known:  # a place name with particles stays (Aix-en-Provence, Bouches-du-Rhône)
        return any(p.islower() for p in parts) and all(r[0].pos == "np" for r in whole[0].readings)
    readings = {t.surface: t.readings for t in morphology.analyse(lang, [" ".join(parts)])[0]}
    return not any(readings.get(p) and all(r[-1].pos == "adj" for r in readings[p]) for p in parts)


def given_names(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the words of `text` the source analyser reads only as people's names
    (Mustapha, Viktor): kept as written, where an engine would write Mustafa or Víktor."""
    return [(t.start, t.end, t.surface) for t in morphology.analyse(lang, [text])[0] if t.readings
            and all(len(r) == 1 and r[0].pos == "np" and "ant" in r[0].tags for r in t.readings)]


def _proper_nouns(text: str, lang: str) -> dict[str, str]:
    """Words of `text` that the source analyser reads only as proper nouns -> the name's spelling."""
    found = {}
    for tokens in morphology.analyse(lang, [text]):
        for token in tokens:
            lemmas = {r[0].lemma for r in token.readings if len(r) == 1 and r[0].pos == "np"}
            all_names = all(len(r) == 1 and r[0].pos == "np" for r in token.readings)
            if token.readings and all_names and len(lemmas) == 1:
                lemma = lemmas.pop()
                found[token.surface] = lemma if lemma.upper() == token.surface.upper() \
                    else token.surface.capitalize()
    return found
