"""Stage 4: a catalogue -> QA findings, one `Issue` per problem in a translated entry.

Machine drafts and hurried edits break what a reader or the build relies on:
markup, URLs, phone numbers, figures, approved terms.  Each check compares one
msgid with its msgstr and returns one-line messages; CHECKS keeps them in order
with a severity so `pipeline check`, the README and `--help` list the same
table.  `#, no-check-<name>` on an entry silences one check for that entry
when the translator means it (a figure written in words, a name kept as is).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import polib

from pipeline import figures
from pipeline.glossary import Glossary
from pipeline.model import Issue
from pipeline.protect import PLACEHOLDER, Piece, Protected, protect

FLAG_PREFIX = "no-check-"
OWN_PUNCTUATION = {"zh", "ja", "ko", "ar", "fa"}  # space rules of French do not apply: full-width or Arabic marks
GUILLEMETS = {"fr", "es", "it", "ca", "oc", "pt", "ru", "uk", "el", "nb", "nn", "no"}  # « » are native quotes
LENGTH_BOUNDS = {"zh": (0.15, 2.0), "ja": (0.15, 2.0), "ko": (0.2, 2.0), "ar": (0.25, 2.5)}
DEFAULT_BOUNDS = (0.3, 3.0)
MIN_LENGTH = 20  # shorter source texts (names, figures, headings) vary too much to judge

_EMPH_EDGES = re.compile(r"([*_]*)(.*?)([*_]*)", re.S)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\]]*[^\s<>()\].,;:!?'\"»]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                  r"|(?<![\w@.-])(?:[\w-]+\.)+(?i:com|fr|org|net|eu|io)(?![\w.-])")
_PASSIVE_ESCAPE = re.compile(r"\\[^*_\[\]`<>#$|~\\]")  # \( \. ...: no Markdown meaning, may follow the language
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)33[ \u00a0\u202f.]?(?:\(0\)[ \u00a0\u202f.]?)?|33[ \u00a0\u202f]?\(0\)"
                    r"[ \u00a0\u202f]?|0)[1-9](?:[ .\u00a0\u202f-]?\d\d){4}(?!\d)")
_DECIMAL_COMMA = re.compile(r"\d,\d")
_WORD = re.compile(r"[^\W\d_]{2,}")
_MARK = re.compile(r"(?<![\w*#@&\\])([#@])([^\W\d_][\w'’-]*)")
_STARS = re.compile(r"\*+")
_WORD_AFTER = re.compile(r"[^\W\d_][\w'’-]*")
_FRENCH_SPACE = re.compile(r"\S([ \u00a0\u202f]+[:;!?])")
_ENDINGS = {".": ".", "。": ".", "．": ".", "!": "!", "！": "!", "?": "?", "？": "?", "؟": "?", ":": ":", "：": ":",
            "…": "…", ";": ";", "；": ";", "؛": ";", ",": ",", "，": ",", "、": ",", "،": ","}
_CLOSERS = " \t\n\u00a0\u202f\"'”’»)]）」』》"
_PAIRS = ("()", "[]", "{}", "“”", "«»", "（）", "【】", "「」", "『』", "《》")


@dataclass(frozen=True)
class Context:
    """What a check may need beyond the two texts and the language."""

    glossary: Glossary | None = None


CheckFunction = Callable[[str, str, str, Context], list[str]]


@dataclass(frozen=True)
class Check:
    function: CheckFunction
    severity: str     # "error" blocks a release, "warning" asks a human to look
    description: str  # one line, for the README and --help


CHECKS: dict[str, Check] = {}


def _check(name: str, severity: str, description: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check in definition order: that order is the order of the report."""
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(function, severity, description)
        return function
    return register


def review(po: polib.POFile, path: str, lang: str, glossary: Glossary | None = None) -> list[Issue]:
    """Every finding of every check on the translated and fuzzy entries of `po`, in file order."""
    context = Context(glossary)
    issues = []
    for entry in po:
        if entry.obsolete or not entry.msgid or not entry.msgstr:
            continue
        silenced = {flag[len(FLAG_PREFIX):] for flag in entry.flags if flag.startswith(FLAG_PREFIX)}
        for name, check in CHECKS.items():
            if name not in silenced:
                issues += [Issue(path, entry.linenum, entry.msgid, name, check.severity, message)
                           for message in check.function(entry.msgid, entry.msgstr, lang, context)]
    return issues


# -- helpers ----------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _protected(text: str) -> Protected:
    return protect(text)


def _base(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


def _split(piece: Piece) -> tuple[str, str, str]:
    """(leading emphasis, other markup, trailing emphasis): protect() merges adjacent runs such as `**[`."""
    if piece.role == "break" or piece.markup.startswith(("\\", "`")):
        return "", piece.markup, ""
    lead, core, trail = _EMPH_EDGES.fullmatch(piece.markup).groups()  # type: ignore[union-attr]
    return lead, core, trail


def _masked(text: str) -> str:
    """`text` with all markup but emphasis blanked, same length: URLs, code, tags, link syntax, placeholders."""
    out, pos = [], 0
    for piece in _protected(text).pieces:
        at = text.find(piece.markup, pos)
        if at < 0:
            continue
        lead, core, trail = _split(piece)
        out += [text[pos:at], lead, core if piece.role == "break" else " " * len(core), trail]
        pos = at + len(piece.markup)
    out.append(text[pos:])
    return PLACEHOLDER.sub(lambda m: " " * len(m.group()), "".join(out))


def _visible(text: str) -> str:
    """The words a reader sees: markup and URLs out, whitespace collapsed."""
    return " ".join(_URL.sub(" ", PLACEHOLDER.sub(" ", _protected(text).text)).split())


def _markup(text: str) -> tuple[Counter[str], Counter[str]]:
    """(emphasis characters, other markup tokens) of a text; bare URLs are left to the `urls` check."""
    emphasis: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for piece in _protected(text).pieces:
        lead, core, trail = _split(piece)
        emphasis.update(lead + trail)
        if piece.role == "break":
            other["hard line break"] += 1  # two spaces or a backslash: the same break
        elif core and not _URL.fullmatch(core) and not _PASSIVE_ESCAPE.fullmatch(core):
            other[core] += 1
    return emphasis, other


def _what(token: str) -> tuple[str, str]:
    """What a markup token is, and how to fix it when it went missing."""
    if token.startswith(("](", "][")):
        return f"link destination {token[1:]}", "keep the URL as in the source"
    if token in ("[", "!["):
        return ("image opening ![" if token == "![" else "link text opening ["), "keep [text](url) as in the source"
    if token.startswith("`"):
        return f"inline code {token}", "copy it unchanged"
    return (f"HTML tag {token}" if token.startswith("<") else f"markup {token}"), "keep it as in the source"


def _links(text: str) -> Counter[str]:
    """URLs and e-mail addresses written in the text, link destinations aside (`markup` checks those)."""
    p = _protected(text)
    found = [core for piece in p.pieces if piece.role == "atom" for core in [_split(piece)[1]] if _URL.fullmatch(core)]
    return Counter(found + _URL.findall(PLACEHOLDER.sub(" ", p.text)))


def _phone_digits(number: str) -> str:
    """The national form of a French number: 33 (0)4 96 11 60 00 and +33 4 96 11 60 00 -> 0496116000."""
    digits = re.sub(r"\D", "", number).removeprefix("00")
    return "0" + digits[3:] if digits.startswith("330") else "0" + digits[2:] if digits.startswith("33") else digits


def _marks(text: str) -> list[str]:
    """Apertium's unknown-word marks (*word, #word, @word); emphasis, anchors and e-mails are not."""
    masked = _masked(text)
    found = [m.group() for m in _MARK.finditer(masked)]
    opened: list[re.Match[str]] = []
    for m in _STARS.finditer(masked):
        before = masked[m.start() - 1] if m.start() else " "
        after = masked[m.end()] if m.end() < len(masked) else " "
        if len(m.group()) != 1:
            continue  # ** and *** are bold
        if not before.isspace() and opened:
            opened.pop()  # closes the nearest opening *: emphasis
        elif not after.isspace() and not before.isalnum():
            opened.append(m)
    for m in opened:
        word = _WORD_AFTER.match(masked, m.end())
        if word:
            found.append("*" + word.group())
    return found


def _ending(text: str) -> str:
    """The class of a text's final punctuation mark ('' for none): '.' and '。' are the same class."""
    core = PLACEHOLDER.sub("", _protected(text).text).rstrip(_CLOSERS)
    return "…" if core.endswith("...") else _ENDINGS.get(core[-1:], "")


def _unbalanced(text: str) -> list[str]:
    """The bracket and quote pairs that do not open and close in order."""
    bad = []
    for pair in _PAIRS:
        depth = 0
        for ch in text:
            depth += (ch == pair[0]) - (ch == pair[1])
            if depth < 0:
                break
        if depth:
            bad.append(pair)
    if text.count("‘") > text.count("’"):  # ’ alone is an apostrophe
        bad.append("‘’")
    if text.count('"') % 2:
        bad.append('""')
    return bad


# -- checks -----------------------------------------------------------------------------------

@_check("markup", "error", "Markdown markup differs: emphasis, links and URLs, code, HTML tags, images, hard breaks")
def check_markup(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    (src_emph, src), (tgt_emph, tgt) = _markup(msgid), _markup(msgstr)
    out = [f"emphasis marker {c}: {src_emph[c]} in the source, {tgt_emph[c]} here; "
           f"keep **bold** and *italic* markers as in the source" for c in "*_" if src_emph[c] != tgt_emph[c]]
    if src["hard line break"] != tgt["hard line break"]:
        out.append(f"hard line breaks: {src['hard line break']} in the source, {tgt['hard line break']} here; "
                   "end the same lines with two spaces")
    out += [f"{_what(t)[0]} missing or changed; {_what(t)[1]}" for t in src - tgt if t != "hard line break"]
    out += [f"{_what(t)[0]} is not in the source; remove it or make it match the source"
            for t in tgt - src if t != "hard line break"]
    return out


@_check("urls", "error", "a URL or e-mail address of the source is missing or changed")
def check_urls(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    out = []
    for url, count in _links(msgid).items():
        found = re.findall(rf"(?<![\w.+/@-]){re.escape(url)}(?![\w/#?=&%@-]|[.:][\w])", msgstr)
        if len(found) < count:
            what = "e-mail address" if "@" in url and "://" not in url else "URL"
            out.append(f"{what} {url} missing or changed; copy it exactly as in the source")
    return out


@_check("phones", "error", "a phone number of the source is missing or has other digits")
def check_phones(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    have = Counter(_phone_digits(m.group()) for m in _PHONE.finditer(msgstr))
    out = []
    for m in _PHONE.finditer(msgid):
        digits = _phone_digits(m.group())
        if have[digits]:
            have[digits] -= 1
        else:
            out.append(f"phone number {m.group()} missing or changed; copy its digits as in the source")
    return out


@_check("numbers", "error", "a figure of the source is missing or has another value (target formats are fine)")
def check_numbers(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    """Read the msgstr the target's way (7,000; €8 billion; 80亿), then the French way: "7 000" with
    spaces is ISO grouping, fine anywhere; "26,6" passes only where the target writes a decimal comma."""
    target = Counter(v.normalize() for v in figures.values(msgstr, lang))
    french = Counter(v.normalize() for v in figures.values(msgstr, "fr"))
    out = []
    for fig in figures.find_figures(msgid):
        need = Counter(Decimal(v).normalize() for v in figures.magnitudes(fig))
        rendered = figures.render(fig, lang)
        if need <= target:
            target -= need
        elif need <= french and fig.scale == 1 and (not _DECIMAL_COMMA.search(fig.text)
                                                    or _DECIMAL_COMMA.search(rendered)):
            french -= need
        else:
            out.append(f"figure {fig.text.strip()!r} missing, changed or in French form; write {rendered!r} "
                       "or the same value another way")
    return out


@_check("glossary", "error", "an approved glossary term is not translated as approved, or a dnt name was changed")
def check_glossary(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    if context.glossary is None:
        return []
    target = " ".join(msgstr.replace("’", "'").split())
    out: list[str] = []
    for m in context.glossary.find(msgid):
        if m.term.dnt:
            if m.text not in msgstr and f"{m.text} (do not translate)" not in out:
                out.append(f"{m.text} (do not translate) missing or changed; write it exactly as in the source")
            continue
        wanted = {w.replace("’", "'") for w in (m.term.target(lang), m.term.target(lang, plural=True)) if w}
        edge = "" if _base(lang) in OWN_PUNCTUATION else r"(?<!\w)"
        found = any(re.search(rf"{edge}{re.escape(w)}" + ("" if not edge else r"(?:s|es|e|n|en|x)?(?!\w)"),
                              target, re.I) for w in wanted)
        message = f"glossary: {m.term.fr} should be translated as {' or '.join(sorted(wanted))}; use the approved term"
        if wanted and not found and message not in out:
            out.append(message)
    return out


@_check("untranslated", "warning", "the translation is the source text unchanged")
def check_untranslated(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    if msgstr.strip() != msgid.strip():
        return []
    text = _visible(msgid)
    if context.glossary is not None:
        for m in reversed(context.glossary.find(text)):
            if m.term.dnt:
                text = text[:m.start] + " " + text[m.end:]
    letters = [c for c in text if c.isalpha()]
    caps = bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    words = [w for w in _WORD.findall(text) if caps or not w[0].isupper()]  # capitalised words: names
    return ["translation identical to the source; translate it, or flag no-check-untranslated if it "
            "stays as is"] if len(words) >= 2 else []


@_check("whitespace", "warning", "leading or trailing whitespace differs from the source")
def check_whitespace(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    out = []
    lead = (msgid[:len(msgid) - len(msgid.lstrip())], msgstr[:len(msgstr) - len(msgstr.lstrip())])
    trail = (msgid[len(msgid.rstrip()):], msgstr[len(msgstr.rstrip()):])
    for where, (src, tgt) in (("leading", lead), ("trailing", trail)):
        if src != tgt:
            out.append(f"{where} whitespace {tgt!r} where the source has {src!r}; match the source")
    return out


@_check("punctuation", "warning", "the final punctuation mark differs (target equivalents such as 。 ؟ are fine)")
def check_punctuation(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    src, tgt = _ending(msgid), _ending(msgstr)
    if src == tgt:
        return []
    return [f"ends with {tgt or 'no punctuation'!r} where the source ends with {src or 'no punctuation'!r}; "
            "end as the source does, in the target language's form"]


@_check("brackets", "warning", "brackets or quotation marks that the source balances are unbalanced")
def check_brackets(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    source = set(_unbalanced(_masked(msgid)))
    return [f"unbalanced {pair[0]} {pair[1]}; close every bracket or quote that you open"
            for pair in _unbalanced(_masked(msgstr)) if pair not in source]


@_check("french-typography", "warning", "French « » or a space before : ; ! ? left in a non-French translation")
def check_french_typography(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    base, text = _base(lang), _masked(msgstr)
    out = []
    if base not in GUILLEMETS and ("«" in text or "»" in text):
        out.append("French guillemets « » left; use the target language's quotation marks")
    if base != "fr" and base not in OWN_PUNCTUATION:
        marks = sorted({m.group(1).strip() for m in _FRENCH_SPACE.finditer(text)})
        if marks:
            out.append(f"space before {' '.join(marks)} (French typography); remove the space")
    return out


@_check("mt-marks", "error", "machine-translation unknown-word marks (*word #word @word) or ⟦n⟧ placeholders left")
def check_mt_marks(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    source = set(_marks(msgid))
    out = [f"machine-translation mark {mark} left; translate the word and remove the {mark[0]}"
           for mark in dict.fromkeys(_marks(msgstr)) if mark not in source]
    kept = set(PLACEHOLDER.findall(msgid))
    out += [f"placeholder ⟦{n}⟧ left by machine translation; put back the markup or term it stands for"
            for n in dict.fromkeys(PLACEHOLDER.findall(msgstr)) if n not in kept]
    return out


@_check("length", "warning", "translation much shorter or longer than the source (bounds per language)")
def check_length(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    src, tgt = len(_visible(msgid)), len(_visible(msgstr))
    low, high = LENGTH_BOUNDS.get(_base(lang), DEFAULT_BOUNDS)
    if src <= MIN_LENGTH or low <= tgt / src <= high:
        return []
    return [f"translation is {tgt / src:.2f} times the source length (expected {low}–{high}); "
            "check for a missing or repeated part"]
