"""Candidate glossary terms (`pipeline glossary suggest`): what a terminologist would consider adding.

The sources are read with Apertium's tagger (pipeline.morphology): names (runs
of capitalised names and unknown words; people aside), acronyms, words the
dictionary lacks, and noun phrases N ADJ* ((de|à) det? N ADJ*)?, keyed by
lemma so that inflections are one candidate.  Left out, as a terminologist
would strike them: a phrase a glossary term covers; an adjective that does not
agree with the noun before it in gender or number (it belongs to another word:
*recherche public-privé* in *partenariat de recherche public-privé*); a phrase
headed by a light or generic noun (*matière* in *en matière de*, *niveau*,
*ensemble*, *acteur*) or closed by an evaluative or scope adjective
(*mondial*, *majeur*, *actuel*, *français*), which never make a term: two
small hand-written tables, since Apertium's dictionary does not mark either.
Ranked by spread over segments, then frequency.  (Unithood, a phrase's count
over its words' counts, was tried as a filter and left out: the project's own
approved terms built on frequent words, *innovation numérique*, *hub
numérique*, score as low as free combinations.)
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline import morphology
from pipeline.glossary import Glossary

# Light and generic head nouns: a phrase they head is a general-language phrase, not a term.
GENERIC_HEADS = frozenset({
    "matière", "domaine", "ensemble", "rang", "niveau", "échelle", "cadre", "sein", "nombre", "partie", "part",
    "série", "type", "façon", "manière", "moitié", "milliard", "million", "millier", "centaine", "dizaine",
    "acteur", "enjeu", "défi", "besoin", "partenaire"})
# Evaluative and scope adjectives: they qualify a thing without naming a kind of it.
EVALUATIVE = frozenset({
    "mondial", "national", "local", "international", "français", "majeur", "actuel", "spécifique", "concret",
    "nouveau", "grand", "petit", "tel", "même", "autre", "principal", "important", "premier", "dernier",
    "certain", "seul", "propre", "véritable", "divers", "différent", "nombreux", "meilleur", "fort", "réel",
    "général", "particulier", "prochain", "essentiel", "clé", "crucial", "unique", "large", "bon", "vrai",
    "plein", "simple"})

_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+|[*_`\[\]#>|\\]")
_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+|$)")
_GENDERS, _NUMBERS = {"m", "f"}, {"sg", "pl"}


@dataclass(frozen=True)
class Suggestion:
    """A candidate term: how often it occurs, in how many segments, and a sentence that shows it."""

    phrase: str
    count: int
    segments: int
    example: str


def suggest(glossary: Glossary, texts: Iterable[str], min_count: int = 2, limit: int = 40,
            lang: str = "fr") -> list[Suggestion]:
    """Noun phrases (N ADJ, N de N, N ADJ de N ADJ, N à N), names, acronyms and unknown words of the sources, as
    Apertium's tagger reads them, that no glossary term covers in any inflection and a terminologist would not
    strike (see the module); ranked by spread over segments, then frequency."""
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
        if not any(_inside(c.phrase, k.phrase) and c.count <= k.count for k in candidates):
            kept.append(c)
    return kept[:limit]


def _kind(token: morphology.Token) -> str:
    """noun, adj, de, de+det, à, det, name or "" (anything else, punctuation included): the tagger's choice."""
    if not token.known:
        word = token.surface.replace("-", "")
        return "" if not word.isalpha() else "name" if token.surface[:1].isupper() else "noun"
    parts = token.readings[0]
    first = parts[0]
    if first.lemma.lower() == "de" and first.pos == "pr":
        return "de+det" if len(parts) > 1 else "de"
    if first.lemma.lower() == "à" and first.pos == "pr" and len(parts) == 1:
        return "à"
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
        person = any(_person(t, named_after=kinds[i] == "noun") for t in tokens[i:j])  # people are no terms
        if not person and (j - i > 1 or (j - i == 1 and _rare(tokens[i]))):
            spans.append((i, j - 1))
        i = max(j, i + 1)
    for i, kind in enumerate(kinds):
        if (kind != "noun" or (tokens[i].surface[:1].isupper() and not _starts_sentence(tokens, i))
                or _lemma(tokens[i]) in GENERIC_HEADS):
            continue
        j = _modifiers(tokens, kinds, i)
        spans += [(i, k) for k in range(i if _rare(tokens[i]) else i + 1, j + 1)]
        if j + 1 < len(tokens) and kinds[j + 1] == "adj":  # stopped at an adjective no term of it takes
            continue
        k = j + 1
        if k < len(tokens) and (kinds[k] in ("de", "de+det") or (kinds[k] == "à" and k + 1 < len(tokens)
                                                                   and kinds[k + 1] == "noun")):
            k += 1 if kinds[k] != "de" or k + 1 >= len(tokens) or kinds[k + 1] != "det" else 2
            if k < len(tokens) and kinds[k] == "noun" and not tokens[k].surface[:1].isupper():
                spans += [(i, m) for m in range(k, _modifiers(tokens, kinds, k) + 1)]
    return spans


def _modifiers(tokens: list[morphology.Token], kinds: list[str], noun: int) -> int:
    """The last adjective after `noun` that is part of its phrase: agreeing with it, not evaluative."""
    j = noun
    while (j + 1 < len(tokens) and kinds[j + 1] == "adj" and _agree(tokens[noun], tokens[j + 1])
           and _lemma(tokens[j + 1]) not in EVALUATIVE):
        j += 1
    return j


def _agree(noun: morphology.Token, adj: morphology.Token) -> bool:
    """Gender and number compatible, as the tagger read them (mf, sp and unknown words agree with anything)."""
    if not noun.known or not adj.known:
        return True
    a, b = set(noun.readings[0][0].tags), set(adj.readings[0][0].tags)
    return all(not (a & values) or not (b & values) or bool(a & b & values) for values in (_GENDERS, _NUMBERS))


def _person(token: morphology.Token, named_after: bool = False) -> bool:
    """A first name or a surname as Apertium's dictionary marks them (ant, cog), acronyms aside; a surname
    after a common noun names a thing (Institut Laënnec), a first name still a person (Lieutenant-colonel Michaël)."""
    tags = token.readings[0][0].tags if token.known else ()
    return "ant" in tags or ("cog" in tags and not token.surface.isupper() and not named_after)


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


