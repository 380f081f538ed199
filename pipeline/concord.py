"""Determiners that agree with their noun in a draft: `la sector` -> `el sector`, `del IA` -> `de la IA`.

A glossary term reaches a rule-based engine as a stand-in word of no gender, so
the engine leaves the determiner before it as the source had it (LA FILIÈRE ->
LA SECTOR) or takes the masculine default (DE L'INNOVATION -> DEL INNOVACIÓN).
Here each determiner before a term, and each unambiguous determiner before an
unambiguous noun, is checked against the noun's gender and number and, where
they cannot agree, generated anew by Apertium's generator and post-generator
for the target (contractions and elisions included: del/de la, al/a la,
dell'/della).  Genders come from the target's analyser; a term the analyser
does not know (IA in Spanish) takes the glossary's `gender` column.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline import morphology
from pipeline.agreement import HEAD
from pipeline.locales import base_language
from pipeline.morphology import Reading, Token
from pipeline.patterns import PLACEHOLDER
from pipeline.truecase import like

_GENDERS, _NUMBERS = ("m", "f"), ("sg", "pl")
_ELIDING = {"it", "ca", "oc", "fr"}  # languages whose articles elide before a vowel: l'impronta, l'empresa
_FIRST_WORD = re.compile(r"[^\W\d_]+(?:['’·][^\W\d_]+)*")


@dataclass(frozen=True)
class Features:
    """What a noun asks of its determiner; '' where it asks nothing."""

    gender: str = ""
    number: str = ""


@dataclass(frozen=True)
class _Fix:
    text: int        # index of the text
    start: int       # span of the determiner (with a preposition before it) in the text
    end: int
    stream: str      # Apertium stream to generate, ending in the following word
    word: str        # that following word


def agree(texts: Sequence[str], terms: Sequence[Mapping[int, tuple[str, str]]], lang: str,
          sources: Sequence[tuple[str, Mapping[int, str]]] = ()) -> list[str]:
    """Each text with determiners made to agree; terms[i] maps placeholder n of texts[i] to
    (the term's rendering, the glossary's gender for it or '').  With `sources`, per text the source with the
    same placeholders and each term as it writes it, an adjective after a term is made to agree too, where
    the source's adjective there agrees with the source's term: the source's grammar says which noun it
    qualifies (un supercalculateur d'⟦IA⟧ alimenté: not IA)."""
    if not morphology.available(lang) or morphology.data_file(lang, "autogen") is None:
        return list(texts)
    features = _features(lang, sorted({r for t in terms for r, _ in t.values()}))
    qualified = _qualified(sources)
    fixes: list[_Fix] = []
    for i, (text, tokens) in enumerate(zip(texts, morphology.analyse(lang, list(texts)))):
        for m in PLACEHOLDER.finditer(text):
            if int(m.group(1)) not in terms[i]:
                continue
            rendering, gender = terms[i][int(m.group(1))]
            want = features[rendering]
            if gender and not want.gender:
                want = Features(gender, want.number)
            word = _FIRST_WORD.search(rendering)
            before = [t for t in tokens if t.end <= m.start() and not text[t.end:m.start()].strip()]
            if want.gender and word and before:
                _plan(fixes, i, text, tokens, tokens.index(before[-1]), m.start(), want, word.group().lower(), True)
            after = [t for t in tokens if t.start >= m.end()][:1]
            if (i, int(m.group(1))) in qualified and after and text[m.end():after[0].start] == " " \
                    and _qualifies(after[0]):
                _plan_adjective(fixes, i, after[0], Features(want.gender, want.number or "sg"))  # IA: one
        for k, (det, noun) in enumerate(zip(tokens, tokens[1:])):
            gap = text[det.end:noun.start]
            if not gap and _elided_before_consonant(det, noun):  # d'marcia, after a mend: di marcia
                fixes.append(_Fix(i, det.start, noun.start, f"^{morphology.escape(det.readings[0][0].lemma)}<pr>$ "
                                                            f"{morphology.escape(noun.surface.lower())}",
                                  noun.surface.lower()))
                continue
            if (gap.isspace() or not gap and det.surface[-1:] in "'’") and not PLACEHOLDER.search(noun.surface):
                want = _noun([noun], strict=True)
                if want.gender and all(r[-1].pos in ("det", "prn") for r in det.readings):  # las: det or clitic
                    _plan(fixes, i, text, tokens, k, noun.start, want, noun.surface.lower(), False,
                          _misjoined(det.surface, noun.surface, want, lang))
    generated = morphology.generate(lang, [f.stream for f in fixes])
    out = list(texts)
    for fix, new in sorted(zip(fixes, generated), key=lambda p: (p[0].text, -p[0].start)):
        if "\\/" in new and new[-len(fix.word) - 1:-len(fix.word)] == " ":  # la seva\/la seua: the first, as
            new = new.split("\\/")[0] + new[-len(fix.word) - 1:]          # the pair writes it elsewhere
        if not new.lower().endswith(fix.word) or any(c in new for c in "#@*~/"):
            continue
        old = out[fix.text][fix.start:fix.end]
        prefix = like(new[:len(new) - len(fix.word)], old)
        out[fix.text] = out[fix.text][:fix.start] + prefix + out[fix.text][fix.end:]
    return out


_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+) $")


def elide(texts: Sequence[str], names: Sequence[Mapping[int, str]], lang: str) -> list[str]:
    """Each text with the word before a name or term elided or contracted as the target's post-generator
    says (`de ⟦3⟧` -> `d'⟦3⟧` for Aix-Marseille, `el ⟦4⟧` -> `l'⟦4⟧` for École, `de ⟦5⟧` -> `d'⟦5⟧` for
    excel·lència): it reaches the engine as a stand-in starting with a consonant; names[i] maps placeholder
    n of texts[i] to the name or the term's rendering."""
    if morphology.data_file(lang, "autopgen") is None:
        return list(texts)
    spots: list[tuple[int, int, int, str]] = []  # text, start of the word before, placeholder start, name's word
    for i, text in enumerate(texts):
        for m in PLACEHOLDER.finditer(text):
            first = _FIRST_WORD.search(names[i].get(int(m.group(1)), ""))
            before = _BEFORE.search(text[:m.start()])
            if first and before and first.start() == 0:
                spots.append((i, before.start(), m.start(), first.group()))
    befores = morphology.analyse(lang, [texts[i][start:end].strip().lower() for i, start, end, _ in spots])
    streams = []
    for (i, start, end, word), tokens in zip(spots, befores):
        joined = [r for t in tokens[:1] for r in t.readings if len(r) == 2 and (r[0].pos, r[1].pos) == ("pr", "det")]
        if joined:  # a contraction (del, della) is generated again from its parts: dell'École
            streams.append(" ".join(f"^{morphology.escape(p.lemma)}{''.join(f'<{t}>' for t in p.tags)}$"
                                    for p in joined[0]) + f" {word}")
        else:
            streams.append(f"~{texts[i][start:end].lower()}{word}")
    generated = morphology.generate(lang, streams)
    out = list(texts)
    for (i, start, end, word), new in sorted(zip(spots, generated), key=lambda p: (p[0][0], -p[0][1])):
        old = out[i][start:end]
        if new.endswith(word) and not any(c in new for c in "#@*~") and new[:-len(word)] != old.lower():
            out[i] = out[i][:start] + like(new[:-len(word)], old) + out[i][end:]
    return out


def adjectives_first(texts: Sequence[str], terms: Sequence[Mapping[int, tuple[str, str]]], lang: str) -> list[str]:
    """English drafts with an adjective after a term put before it: the term reached the engine as a stand-in
    it cannot read as a noun, so the French order stayed (`the ⟦1⟧ economic` -> `the economic ⟦1⟧`); an
    article before it is written again for the adjective by the post-generator (an ⟦1⟧ international -> an
    international ⟦1⟧, a ⟦2⟧ ambitious -> an ambitious ⟦2⟧)."""
    if base_language(lang) != "en":
        return list(texts)
    out, articles = [], []  # (text, start, end of the article and adjective)
    for i, (text, tokens, these) in enumerate(zip(texts, morphology.analyse(lang, list(texts)), terms)):
        for m in reversed(list(PLACEHOLDER.finditer(text))):
            after = [t for t in tokens if t.start >= m.end()][:3]
            if int(m.group(1)) in these and after and text[m.end():after[0].start] == " " \
                    and after[0].readings and all(len(r) == 1 and r[0].pos == "adj" for r in after[0].readings) \
                    and not _governs(after[1:]):
                text = text[:m.start()] + after[0].surface + " " + m.group() + text[after[0].end:]
                article = _ARTICLE.search(text[:m.start()])
                if article:
                    articles.append((i, article.start(), m.start() + len(after[0].surface)))
        out.append(text)
    # the post-generator writes `an` for `a` before a vowel, never `a` for `an`: it is asked with `a`
    generated = morphology.generate(lang, [f"~a {out[i][start:end].split(' ', 1)[1].lower()}"
                                           for i, start, end in articles])
    for (i, start, end), new in sorted(zip(articles, generated), key=lambda p: (p[0][0], -p[0][1])):
        old = out[i][start:end]
        if new.lower().split()[1:] == old.lower().split()[1:] and not any(c in new for c in "#@*~"):
            out[i] = out[i][:start] + like(new.split()[0], old) + old[len(old.split()[0]):] + out[i][end:]
    return out


def _governs(tokens: Sequence[Token]) -> bool:
    """A preposition and a verb: the adjective before them governs them and stays after its noun (virtual
    agents able to express, capable of doing)."""
    return len(tokens) == 2 and any(r[0].pos == "pr" for r in tokens[0].readings) \
        and any(r[0].pos == "vblex" for r in tokens[1].readings)


_ARTICLE = re.compile(r"(?<![\w'’])(?:an?|AN?|An?) $")


def _qualified(sources: Sequence[tuple[str, Mapping[int, str]]]) -> set[tuple[int, int]]:
    """(text, placeholder) of the terms the French source follows with an adjective or participle that agrees
    with them (l'⟦attractivité⟧ économique, des ⟦PME⟧ innovantes; not des modèles d'⟦IA⟧ alternatifs)."""
    terms = sorted({t for _, found in sources for t in found.values()})
    if not terms:
        return set()
    heads = _features("fr", terms)
    found = set()
    for i, ((text, these), tokens) in enumerate(zip(sources, morphology.analyse("fr", [s for s, _ in sources]))):
        for m in PLACEHOLDER.finditer(text):
            head = heads.get(these.get(int(m.group(1)), ""), Features())
            after = [t for t in tokens if t.start >= m.end()][:1]
            if head.gender and after and text[m.end():after[0].start] == " " and _qualifies(after[0]) \
                    and any(_agrees(r[0], head) for r in after[0].readings):
                found.add((i, int(m.group(1))))
    return found


def _features(lang: str, renderings: Sequence[str]) -> dict[str, Features]:
    """Gender and number of each term's first noun: by the target's analyser, then by its other pairs' analysers
    (one pair's dictionary lacks a word another has: attrattività), then, for a one-word term none knows, by
    its longest ending read as a noun (atractivitat: -itat, feminine)."""
    features = dict(zip(renderings, (_noun(tokens) for tokens in morphology.analyse(
        lang, [r.lower() for r in renderings]))))
    for analyser in morphology.analysers(lang):
        todo = [r for r in renderings if not features[r].gender]
        if not todo:
            break
        for rendering, tokens in zip(todo, morphology.analyse(lang, [r.lower() for r in todo], analyser)):
            if _noun(tokens).gender:
                features[rendering] = _noun(tokens)
    todo = [r for r in renderings if not features[r].gender and _FIRST_WORD.fullmatch(r.lower())]
    heads = morphology.noun_endings(lang, [r.lower() for r in todo], HEAD)
    features.update((r, _noun([heads[r.lower()]])) for r in todo if r.lower() in heads)
    return features


def _qualifies(token: Token) -> bool:
    """An adjective or a past participle and nothing else: it agrees with the noun it follows."""
    return bool(token.readings) and all(len(r) == 1 and (r[0].pos == "adj" or r[0].tags[:2] == ("vblex", "pp"))
                                        for r in token.readings)


def _plan_adjective(fixes: list[_Fix], i: int, token: Token, want: Features) -> None:
    """Queue the adjective `token` generated again in the gender of the term before it.  One of another
    number qualifies another noun (modelos de ⟦IA⟧ alternativos), and so does one the term cannot agree with."""
    if not want.gender or any(_agrees(r[0], want) for r in token.readings) \
            or not any(_agrees(r[0], Features("", want.number)) for r in token.readings):
        return
    part = token.readings[0][0]
    fixes.append(_Fix(i, token.start, token.end, f"^{morphology.escape(part.lemma)}{_tags(part, want)}$", ""))


def _noun(tokens: Sequence[Token], strict: bool = False) -> Features:
    """Gender and number of the first noun of a term, before any preposition (emprendedor en serie: not serie);
    with `strict`, only of a word that is nothing but a noun."""
    for token in tokens:
        if token.readings and all(r[0].pos == "pr" for r in token.readings):
            return Features()
        nouns = [r[0] for r in token.readings if len(r) == 1 and r[0].pos in ("n", "np")]
        if strict and (not nouns or len(nouns) != len(token.readings) or nouns[0].pos != "n"):
            return Features()
        if nouns:
            genders = {g for r in nouns for g in r.tags if g in _GENDERS + ("mf",)}
            numbers = {n for r in nouns for n in r.tags if n in _NUMBERS + ("sp",)}
            return Features(genders.pop() if genders in ({"m"}, {"f"}) else "",
                            numbers.pop() if numbers in ({"sg"}, {"pl"}) else "")
        if strict or not token.known:
            return Features()
    return Features()


def _elided_before_consonant(word: Token, after: Token) -> bool:
    """An elided preposition and nothing else (d') before a word that starts with a consonant other than h: a
    mend put a new word after what the engine elided for the old one (d'andadura -> d'marcia)."""
    return word.surface[-1:] in "'’" and bool(word.readings) \
        and all(len(r) == 1 and r[0].pos == "pr" for r in word.readings) \
        and after.surface[:1].isalpha() and after.surface[:1].lower() not in "aeiouhàáèéìíòóùúâêîôûäëïöü"


def _misjoined(det: str, noun: str, want: Features, lang: str) -> bool:
    """An elided determiner before a consonant (all'Protezione, after a mend), or in a language that elides a full
    singular one before a vowel or h (della intelligenza; not la IoT, an acronym, nor degli attori, which the
    generator would write dei): the post-generator writes it anew."""
    vowel = noun[:1].lower() in "aeiouàáèéìíòóùú"
    if det[-1:] in "'’":
        return not vowel and noun[:1].lower() != "h"
    return (vowel or noun[:1].lower() == "h") and noun[1:] == noun[1:].lower() and want.number == "sg" \
        and base_language(lang) in _ELIDING


def _plan(fixes: list[_Fix], i: int, text: str, tokens: Sequence[Token], k: int, end: int, want: Features,
          word: str, term: bool, misjoined: bool = False) -> None:
    """Queue a new determiner for tokens[k] (up to `end`, where its noun starts) when none of its
    determiner readings agrees with `want`, or when it is `misjoined` to the noun (_misjoined)."""
    det = tokens[k]
    readings = [r for r in det.readings if r[-1].pos == "det"]
    if not readings or any(_agrees(r[-1], want) for r in readings) and not misjoined:
        return
    parts = [Reading(p.lemma, tuple(want.gender if t == "mf" and misjoined and want.gender else t for t in p.tags))
             for p in readings[0]]  # all' (mf) -> alla: the noun's gender; su (mf) stays su
    start = det.start
    prev = tokens[k - 1] if k else None
    if len(parts) == 1 and prev is not None and text[prev.end:det.start] == " " \
            and prev.readings and all(len(r) == 1 and r[0].pos == "pr" for r in prev.readings):
        parts.insert(0, prev.readings[0][0])  # de la -> del: the preposition contracts with the new form
        start = prev.start
    stream = " ".join(f"^{morphology.escape(p.lemma)}{_tags(p, want)}$" for p in parts)
    fixes.append(_Fix(i, start, end, f"{stream} {morphology.escape(word)}", word))


def _agrees(det: Reading, want: Features) -> bool:
    gender = next((t for t in det.tags if t in _GENDERS), "")
    number = next((t for t in det.tags if t in _NUMBERS), "")
    return (not gender or not want.gender or gender == want.gender) and \
        (not number or not want.number or number == want.number)


def _tags(part: Reading, want: Features) -> str:
    if part.pos not in ("det", "adj", "vblex"):
        return "".join(f"<{t}>" for t in part.tags)
    tags = [want.gender if t in _GENDERS and want.gender else
            want.number if t in _NUMBERS and want.number else t for t in part.tags]
    return "".join(f"<{t}>" for t in tags)

