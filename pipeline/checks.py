"""The QA checks: each compares one msgid with its msgstr and returns one-line messages.

Each message says what is wrong and what to do.  CHECKS keeps the checks in
report order with a severity, so `pipeline check`, the README and `--help`
list one table, and `#, no-check-<name>` on an entry silences one of them.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from pipeline import wording
from pipeline.catalog import Provenance
from pipeline.figures.recognise import after_designator
from pipeline.figures import Figure, find_figures, magnitudes, render, values
from pipeline.glossary import Glossary
from pipeline.locales import PSEUDO
from pipeline.locales import base_language as _base
from pipeline.patterns import PHONE, PLACEHOLDER
from pipeline.spelling import DICTIONARIES, Lexicon
from pipeline.reading import (describe, ending, links, markup_tokens, masked, mt_marks, phone_digits, protected,
                              unbalanced, visible)
from pipeline.respell import typos

NON_LATIN = {"zh", "ja", "ko", "ar", "fa"}  # own punctuation; words unspaced (CJK) or with clitics (Arabic)
GUILLEMETS = {"fr", "es", "it", "ca", "oc", "pt", "ru", "uk", "el", "nb", "nn", "no", "ar"}  # « » are native quotes
LENGTH_BOUNDS = {"zh": (0.15, 2.0), "ja": (0.15, 2.0), "ko": (0.2, 2.0), "ar": (0.25, 2.5)}
DEFAULT_BOUNDS = (0.3, 3.0)
MIN_LENGTH = 20  # visible characters; shorter texts (names, figures, headings) vary too much to judge
_DECIMAL_COMMA = re.compile(r"\d,\d")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_FRENCH_SPACE = re.compile(r"\S([ \u00a0\u202f]+[:;!?])")
_SCRIPT_TEXT = re.compile(r"<(sup|sub)>([^<]*)</\1>", re.I)
_NOT_SUFFIX = re.compile(r"[\d.\s]|<[^>]*>")  # 6th -> th, 6.º -> º
_ACTIVE = re.compile(r"(?i)<\s*(?:script|iframe|object|embed|style|form|meta|link|base|svg)\b"
                     r"|\bon[a-z]+\s*=|(?:javascript|vbscript|data)\s*:")  # runs in a browser
_NATIVE_DIGITS = {ord(c): str(unicodedata.digit(c)) for c in map(chr, range(0x660, 0x1100))
                  if unicodedata.category(c) == "Nd"} | {0x66B: ".", 0x66C: ",", 0x2396: "."}  # ٫ decimal, ٬ group
_NATIVE = re.compile("[" + "".join(map(chr, sorted(_NATIVE_DIGITS))) + "]")  # a character _NATIVE_DIGITS changes
_DIGITS = re.compile(r"(?<![\w.,])\d+(?![\w.,]\w)")
_UNGROUPED = re.compile(r"(?<![\d.,/])\d{4,}(?![\d/])")
_QUOTE_PAIRS = {"“”", "«»", "„“", "「」", "『』"}


@dataclass(frozen=True)
class Context:
    """What a check may need beyond the two texts and the language: the catalogue's batch results
    (pipeline.review.prepare) and the entry's own provenance."""

    glossary: Glossary | None = None
    provenance: Provenance | None = None  # the entry's draft record: engine, pivot, unknown words
    known: frozenset[str] = frozenset()  # casefolded: source names and acronyms, glossary words, words.txt
    lexicon: Lexicon = field(default_factory=Lexicon)  # what Hunspell rejected among the catalogue's words
    grammar: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # msgstr -> agreement findings

    @property
    def pivots(self) -> tuple[str, ...]:
        return self.provenance.pivots if self.provenance else ()


CheckFunction = Callable[[str, str, str, Context], list[str]]


@dataclass(frozen=True)
class Check:
    function: CheckFunction
    severity: str     # "error": wrong content or broken output; "warning": a human should look
    description: str  # one line, for the README and --help
    tools: bool = False  # reads the batch tools' answers (Context.known, lexicon, grammar), not only the texts


CHECKS: dict[str, Check] = {}


@lru_cache(maxsize=4096)
def _figures(text: str) -> tuple[Figure, ...]:
    return tuple(find_figures(text))


def _check(name: str, severity: str, description: str, tools: bool = False) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check; definition order is the order of the report.  `tools`: it reads what Hunspell or
    lt-proc said (pipeline.review.prepare)."""
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(function, severity, description, tools)
        return function
    return register


@_check("markup", "error", "Markdown differs: emphasis, links and URLs, inline code, HTML tags and attributes, "
                           "sup/sub text, images, hard breaks, footnote references, attribute lists; active HTML added "
                           "(script tags, on... handlers, javascript: links)")
def check_markup(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    (src_emph, src), (tgt_emph, tgt) = markup_tokens(msgid), markup_tokens(msgstr)
    src, tgt = src.copy(), tgt.copy()  # remembered: not to change
    out = [f"emphasis marker {c}: {src_emph[c]} in the source, {tgt_emph[c]} here; "
           "keep **bold** and *italic* markers as in the source" for c in "*_" if src_emph[c] != tgt_emph[c]]
    breaks = src.pop("hard line break", 0), tgt.pop("hard line break", 0)
    if breaks[0] != breaks[1]:
        out.append(f"hard line breaks: {breaks[0]} in the source, {breaks[1]} here; end the same lines with two spaces")
    slack: Counter[str] = Counter()  # 6<sup>e</sup> is 6.º in Spanish, 第6 in Chinese: no superscript to keep
    for fig in _figures(msgid):
        if fig.kind == "ordinal" and "<sup>" in fig.text and "<sup>" not in render(fig, lang):
            slack.update(("<sup>", "</sup>"))
    missing = [t for t, n in (src - tgt).items() if n > slack[t]
               and not (t[:1] == "\\" and len(t) == 2 and t[1] not in msgstr)]  # \$ needs no escape once $ is gone
    out += [f"{describe(t)[0]} missing or changed; {describe(t)[1]}" for t in missing]
    added = list((tgt - src).elements())
    out += [f"active content {t} added (it would run in the published page); remove it"
            for t in dict.fromkeys(added) if _ACTIVE.search(t)]
    out += [f"{describe(t)[0]} is not in the source; remove it or make it match the source"
            for t in dict.fromkeys(added) if not _ACTIVE.search(t)]
    return out + [f"{t} is not the source's text; keep what <sup> and <sub> hold as in the source"
                  for t in _script_texts(msgid, msgstr, lang)]


def _script_texts(msgid: str, msgstr: str, lang: str) -> list[str]:
    """<sup>/<sub> elements of the msgstr whose text the source does not have, beyond the ordinal
    suffixes the figures stage writes (6<sup>e</sup> may become 6<sup>th</sup>)."""
    if lang == PSEUDO or "<" not in msgstr:  # accents inside <sup> by design; no element to read
        return []
    source = Counter(m.group() for m in _SCRIPT_TEXT.finditer(msgid))
    allowed = set()
    for fig in _figures(msgid):
        if fig.kind == "ordinal" and "<sup>" in fig.text:
            rendered = render(fig, lang)
            allowed |= {m.group() for m in _SCRIPT_TEXT.finditer(rendered)}
            allowed.add(f"<sup>{_NOT_SUFFIX.sub('', rendered)}</sup>")
    extra = Counter(m.group() for m in _SCRIPT_TEXT.finditer(msgstr)) - source
    return [t for t in extra if t not in allowed]


@_check("urls", "error", "a URL or e-mail address of the source is missing or changed")
def check_urls(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    text = masked(msgstr, roles=("close",))  # link destinations are the `markup` check's
    out = []
    for url, count in links(msgid).items():
        if len(re.findall(rf"(?<![A-Za-z0-9_.+/@-]){re.escape(url)}(?![A-Za-z0-9_/#?=&%@-]|[.:]\w)", text)) < count:
            what = "e-mail address" if "@" in url and "://" not in url else "URL"
            out.append(f"{what} {url} missing or changed; copy it exactly as in the source")
    return out


@_check("phones", "error", "a phone number of the source is missing or has other digits (spacing may differ)")
def check_phones(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    have = Counter(digits for _, digits in _phones(msgstr))
    out = []
    for number, digits in _phones(msgid):
        if have[digits] > 0:
            have[digits] -= 1
        else:
            out.append(f"phone number {number} missing or changed; copy its digits as in the source")
    return out


@lru_cache(maxsize=8192)
def _phones(text: str) -> tuple[tuple[str, str], ...]:
    """Each phone number of `text` with its national digits (remembered: every language reads the same source)."""
    return tuple((m.group(), phone_digits(m.group())) for m in PHONE.finditer(text))


@_check("numbers", "error", "a figure of the source is missing or has another value (any correct target form: "
                            "49,000, 49000, ٤٩٬٠٠٠, 49 thousand), or a designated number (PAGE 4, NIS 2) changed")
def check_numbers(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    """Read the msgstr the target's way (7,000; €8 billion; 80亿), then the French way: "7 000" is ISO
    grouping, fine anywhere, but "26,6" only where the target writes a decimal comma too."""
    if lang == PSEUDO or not re.search(r"\d", msgid):  # the pseudo-locale copies figures as written by construction
        return []
    lang = lang.replace("-", "_")
    msgstr = msgstr.translate(_NATIVE_DIGITS) if _NATIVE.search(msgstr) else msgstr  # ٤٩٬٠٠٠ reads as 49,000
    target = Counter(v.normalize() for v in values(msgstr, lang))
    french: Counter[Decimal] | None = None  # read only when a figure is not found the target's way
    ungrouped = Counter(Decimal(m.group()) for m in _UNGROUPED.finditer(masked(msgstr)))  # 49000: es, CLDR
    out = []
    for fig, need in _needs(msgid):
        if need <= target:
            target -= need
            continue
        rendered = render(fig, lang)
        french = Counter(v.normalize() for v in values(msgstr, "fr")) if french is None else french
        if need <= french and fig.scale == 1 and (not _DECIMAL_COMMA.search(fig.text)
                                                  or _DECIMAL_COMMA.search(rendered)):
            french -= need
        elif fig.kind == "integer" and need <= ungrouped:
            ungrouped -= need
        else:
            out.append(f"figure {fig.text.strip()} missing, changed or in French form; "
                       f"write {rendered} or the same value another way")
    have = Counter(_DIGITS.findall(masked(msgstr)))
    return out + [f"number {n} (a page, code or name) missing or changed; copy it as in the source"
                  for n in (_codes(msgid) - have)]


@lru_cache(maxsize=4096)
def _needs(msgid: str) -> tuple[tuple[Figure, Counter[Decimal]], ...]:
    """Each figure of the source with the values a translation must show for it (remembered: read, never change)."""
    return tuple((fig, Counter(Decimal(v).normalize() for v in magnitudes(fig))) for fig in _figures(msgid))


@lru_cache(maxsize=4096)
def _codes(msgid: str) -> Counter[str]:
    """Numbers the source designates (PAGE 4, NIS 2, CS 45607), outside figures and phone numbers: never localised."""
    text = PHONE.sub(lambda m: " " * len(m.group()), masked(msgid))
    for fig in _figures(msgid):
        text = text[:fig.start] + " " * (fig.end - fig.start) + text[fig.end:]
    return Counter(m.group() for m in _DIGITS.finditer(text) if after_designator(text, m.start(), m.end()))


@_check("glossary", "error", "an approved glossary term lacks its approved translation, or a dnt name was changed")
def check_glossary(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    folded, out = " ".join(msgstr.replace("’", "'").split()).lower(), []
    for m in context.glossary.find(msgid) if context.glossary else []:
        if m.term.dnt:
            message = f"{m.text} (do not translate) missing or changed; write it exactly as in the source"
            ok = m.text in msgstr
        else:
            wanted = sorted({w.replace("’", "'") for w in (m.term.target(lang), m.term.target(lang, True)) if w})
            message = f"glossary: {m.term.fr} should be {' or '.join(wanted)}; use the approved translation"
            ok = not wanted or any(_has_term(folded, w.lower(), _base(lang) in NON_LATIN) for w in wanted)
        if not ok and message not in out:
            out.append(message)
    return out


def _has_term(folded: str, term: str, unspaced: bool) -> bool:
    """An approved translation (lower case) in `folded` as a whole word, perhaps inflected (-s -es -e -n -en
    -x), found without compiling a pattern per term (a regular expression each cost more than the check);
    in unspaced scripts anywhere."""
    if unspaced:
        return term in folded
    at = folded.find(term)
    while at >= 0:
        end = at + len(term)
        if not (at and _word_char(folded[at - 1])) \
                and any(folded.startswith(tail, end) and not _word_char(folded[end + len(tail):end + len(tail) + 1])
                        for tail in _INFLECTIONS):
            return True
        at = folded.find(term, at + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what a regular expression's word character is


_INFLECTIONS = ("s", "es", "e", "n", "en", "x", "")


@_check("source-words", "error", "French words left in the translation (names and dnt terms aside), or words "
                                  "of the pivot language a draft went through (Hunspell)", tools=True)
def check_source_words(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    runs, pivoted = wording.leaked(msgid, msgstr, lang, context.lexicon, context.known, context.pivots)
    out = [f"French left untranslated: «{run}»; translate it" for run in runs]
    return out + [f"{'/'.join(context.pivots)}-language word{'s' * (len(pivoted) > 1)} from the pivot draft: "
                  f"{', '.join(pivoted)}; translate into {lang}"] if pivoted else out


@_check("untranslated", "warning", "the translation is the source text unchanged (names and figures aside)")
def check_untranslated(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    if msgstr.strip() != msgid.strip():
        return []
    text = visible(msgid)
    for m in reversed(context.glossary.find(text) if context.glossary else []):
        text = text[:m.start] + " " + text[m.end:] if m.term.dnt else text
    letters = [c for c in text if c.isalpha()]
    caps = sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    words = [w for w in _LETTERS.findall(text) if caps or not w[0].isupper()]  # Capitalised words: names
    return ["translation identical to the source; translate it, or flag no-check-untranslated "
            "if it stays as is"] if len(words) >= 2 else []


@_check("spelling", "warning", "words the target language's Hunspell dictionary rejects (source names, glossary "
                               "terms and locales/<lang>/words.txt aside)", tools=True)
def check_spelling(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    found = wording.misspelled(msgid, msgstr, lang, context.lexicon, context.known, context.pivots)
    return [f"not in the {DICTIONARIES.get(_base(lang), lang)} dictionary: {', '.join(found)}; correct the "
            f"spelling, or add a correct word to locales/{lang}/words.txt"] if found else []


@_check("doubled-words", "warning", "the same word twice in a row where the source has no such doubling")
def check_doubled_words(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    return [f"doubled word «{pair}»; remove the repetition" for pair in wording.doubled(msgid, msgstr)]


@_check("agreement", "warning", "determiner and noun disagree in gender or number (es, ca, oc, it; Apertium analyser)",
        tools=True)
def check_agreement(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    return list(context.grammar.get(msgstr, ()))


@_check("whitespace", "warning", "leading or trailing whitespace differs from the source")
def check_whitespace(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    sides = {"leading": (msgid[:len(msgid) - len(msgid.lstrip())], msgstr[:len(msgstr) - len(msgstr.lstrip())]),
             "trailing": (msgid[len(msgid.rstrip()):], msgstr[len(msgstr.rstrip()):])}
    return [f"{where} whitespace {tgt!r} where the source has {src!r}; match the source"
            for where, (src, tgt) in sides.items() if src != tgt]


@_check("punctuation", "warning", "the final punctuation mark differs (equivalents such as 。 ؟ are fine)")
def check_punctuation(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    src, tgt = ending(msgid) or "no punctuation", ending(msgstr) or "no punctuation"
    return [] if src == tgt else [f"ends with {tgt} where the source ends with {src}; "
                                  "end as the source does, in the target language's form"]


@_check("brackets", "warning", "brackets or quotation marks balanced in the source are unbalanced")
def check_brackets(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    source = set(unbalanced(masked(msgid)))
    if source & _QUOTE_PAIRS:  # a quotation left open in the source (it runs on) may stay open in any quotes
        source |= _QUOTE_PAIRS
    return [f"unbalanced {pair[0]} {pair[1]}; close every bracket or quote that you open"
            for pair in unbalanced(masked(msgstr)) if pair not in source]


@_check("french-typography", "warning", "French « » or a space before : ; ! ? left in a non-French translation")
def check_french_typography(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    base, text, out = _base(lang), masked(msgstr), list[str]()
    if lang == PSEUDO:  # a pseudo-translation of French text is French typography by design
        return out
    if base not in GUILLEMETS and ("«" in text or "»" in text):
        out.append("French guillemets « » left; use the target language's quotation marks")
    marks = sorted({m.group(1).strip() for m in _FRENCH_SPACE.finditer(text)})
    if marks and base != "fr" and base not in NON_LATIN:
        out.append(f"space before {' '.join(marks)} (French typography); remove the space")
    return out


@_check("mt-marks", "error", "machine-translation unknown-word marks (*word #word @word) or ⟦n⟧ placeholders left")
def check_mt_marks(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    source = _marks(msgid)
    out = [f"machine-translation mark {mark} left; translate the word and remove the {mark[0]}"
           for mark in dict.fromkeys(mt_marks(msgstr)) if mark not in source]
    return out + [f"placeholder ⟦{n}⟧ left by machine translation; put back the markup or term it stands for"
                  for n in dict.fromkeys(PLACEHOLDER.findall(msgstr)) if n not in source]


@lru_cache(maxsize=4096)
def _marks(msgid: str) -> frozenset[str]:
    """The machine-translation marks and placeholders a source has (remembered: every language reads it)."""
    return frozenset(mt_marks(msgid)) | frozenset(PLACEHOLDER.findall(msgid))


@_check("mt-unknown", "warning", "words the engine did not know, still in the draft (names, dictionary words, "
                                 "English loanwords and Roman numerals of the source aside)", tools=True)
def check_mt_unknown(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    if context.provenance is None:
        return []
    found = wording.unknown(msgid, msgstr, lang, context.provenance.unknown_words, context.lexicon,
                           context.known)
    return [f"the engine did not know {', '.join(found)}; check these words, then remove them from the "
            "'mt unknown words' comment"] if found else []


@_check("source-typo", "warning", "a misspelt source word the draft was made from as the word meant "
                                  "(`mt source read: CHOISSANT -> CHOISISSANT`; capitals without accents are fine)")
def check_source_typo(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    read = typos(context.provenance.source_read) if context.provenance is not None else []
    return [f"the draft read the source's {', '.join(read)}; check the reading, have the source fixed, then "
            "remove the 'mt source read' comment"] if read else []


@_check("length", "warning", "translation far shorter or longer than the source (0.3–3×; zh 0.15–2×, ar 0.25–2.5×)")
def check_length(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    src, tgt = len(visible(msgid)), len(visible(msgstr))
    low, high = LENGTH_BOUNDS.get(_base(lang), DEFAULT_BOUNDS)
    if src <= MIN_LENGTH or low <= tgt / src <= high:
        return []
    return [f"translation is {tgt / src:.2f} times the source length (expected {low}–{high}); "
            "check for a missing or repeated part"]

