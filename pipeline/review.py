"""Stage 4: a catalogue -> QA findings, one `Issue` per problem in a translated or fuzzy entry.

Machine drafts and hurried edits break what readers and the build rely on:
markup, URLs, phone numbers, figures, approved terms.  Each check compares one
msgid with its msgstr and returns one-line messages (what is wrong; what to
do).  CHECKS keeps them in order with a severity, so `pipeline check`, the
README and `--help` list one table.  `#, no-check-<name>` on an entry silences
one check for that entry, where the translator means it (a figure in words).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import polib

from pipeline.figures import find_figures, magnitudes
from pipeline.figures_render import render, values
from pipeline.glossary import Glossary
from pipeline.locales import PSEUDO
from pipeline.model import Issue
from pipeline.protect import PLACEHOLDER, Piece, Protected, protect

FLAG_PREFIX = "no-check-"
NON_LATIN = {"zh", "ja", "ko", "ar", "fa"}  # own punctuation; words unspaced (CJK) or with clitics (Arabic)
GUILLEMETS = {"fr", "es", "it", "ca", "oc", "pt", "ru", "uk", "el", "nb", "nn", "no", "ar"}  # « » are native quotes
LENGTH_BOUNDS = {"zh": (0.15, 2.0), "ja": (0.15, 2.0), "ko": (0.2, 2.0), "ar": (0.25, 2.5)}
DEFAULT_BOUNDS = (0.3, 3.0)
MIN_LENGTH = 20  # visible characters; shorter texts (names, figures, headings) vary too much to judge
BLANK = "\ue000"  # masks markup: neither space nor letter, so "see https://x.org:" keeps no space before ':'

_EMPH_EDGES = re.compile(r"([*_]*)(.*?)([*_]*)", re.S)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\]]*[^\s<>()\].,;:!?'\"»]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                  r"|(?<![\w@.-])(?:[\w-]+\.)+(?i:com|fr|org|net|eu|io)(?![\w.-])")
_PASSIVE_ESCAPE = re.compile(r"\\[^*_\[\]`<>#$|~\\]")  # \( \. have no Markdown meaning: may follow the language
_SP = "[ .\u00a0\u202f-]?"
_PHONE = re.compile(rf"(?<![\d+])(?:(?:\+|00)33{_SP}(?:\(0\){_SP})?|33{_SP}\(0\){_SP}|0)[1-9](?:{_SP}\d\d){{4}}(?!\d)")
_DECIMAL_COMMA = re.compile(r"\d,\d")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_MARK = re.compile(r"(?<![\w*#@&\\])[#@][^\W\d_][\w'’-]*")
_STARS = re.compile(r"\*+")
_FRENCH_SPACE = re.compile(r"\S([ \u00a0\u202f]+[:;!?])")
_ENDINGS = dict(zip(".。．!！?？؟:：…;；؛,，、،", "...!!???::…;;;,,,,"))  # full-width and Arabic marks -> one class
_QUOTE_PAIRS = {"“”", "«»", "„“", "「」", "『』"}
_CLOSERS = " \t\n\u00a0\u202f\"'”’»)]）」』》］·"  # ］ and · close a qps-ploc pseudo-translation
_PAIRS = ("()", "[]", "{}", "“”", "«»", "（）", "【】", "「」", "『』", "《》")


@dataclass(frozen=True)
class Context:
    """What a check may need beyond the two texts and the language."""

    glossary: Glossary | None = None


CheckFunction = Callable[[str, str, str, Context], list[str]]


@dataclass(frozen=True)
class Check:
    function: CheckFunction
    severity: str     # "error": wrong content or broken output; "warning": a human should look
    description: str  # one line, for the README and --help


CHECKS: dict[str, Check] = {}


def _check(name: str, severity: str, description: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check; definition order is the order of the report."""
    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = Check(function, severity, description)
        return function
    return register


def review(po: polib.POFile, path: str, lang: str, glossary: Glossary | None = None) -> list[Issue]:
    """Every finding on the translated and fuzzy entries of `po`, in file order."""
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


def _masked(text: str, roles: tuple[str, ...] = ("open", "close", "atom")) -> str:
    """`text` with the markup of `roles` (link syntax, URLs, code, tags) and placeholders blanked, same length."""
    out, pos = [], 0
    for piece in _protected(text).pieces:
        at = text.find(piece.markup, pos)
        if at >= 0:
            lead, core, trail = _split(piece)
            out += [text[pos:at], lead, BLANK * len(core) if piece.role in roles else core, trail]
            pos = at + len(piece.markup)
    out.append(text[pos:])
    return PLACEHOLDER.sub(lambda m: BLANK * len(m.group()), "".join(out))


def _visible(text: str) -> str:
    """The words a reader sees: markup and URLs out, whitespace collapsed."""
    return " ".join(_URL.sub(" ", PLACEHOLDER.sub(" ", _protected(text).text)).split())


def _markup(text: str) -> tuple[Counter[str], Counter[str]]:
    """(emphasis characters, other markup tokens); bare URLs are the `urls` check's."""
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
    if token.startswith("]("):
        return f"link destination {token[1:]}", "keep the URL as in the source"
    if token.startswith("]["):
        return f"link reference {token[1:]}", "keep the label as in the source"
    if token in ("[", "!["):
        return ("image opening ![" if token == "![" else "link text opening ["), "keep [text](url) as in the source"
    if token.startswith("`"):
        return f"inline code {token}", "copy it unchanged"
    return (f"HTML tag {token}" if token.startswith("<") else f"markup {token}"), "keep it as in the source"


def _links(text: str) -> Counter[str]:
    """URLs and e-mail addresses written in the text; link destinations are the `markup` check's."""
    p = _protected(text)
    cores = [_split(piece)[1] for piece in p.pieces if piece.role == "atom"]
    return Counter([c for c in cores if _URL.fullmatch(c)] + _URL.findall(PLACEHOLDER.sub(" ", p.text)))


def _phone(number: str) -> str:
    """National digits: 33 (0)4 96 11 60 00, +33 4 96 11 60 00 and 04 96 11 60 00 are one number."""
    digits = re.sub(r"\D", "", number).removeprefix("00")
    return "0" + digits[-9:] if digits.startswith("33") else digits


def _marks(text: str) -> list[str]:
    """Apertium's unknown-word marks (*word, #word, @word); emphasis, anchors and e-mails are none."""
    masked = _masked(text)
    found = _MARK.findall(masked)
    opened: list[re.Match[str]] = []
    for m in _STARS.finditer(masked):
        before = masked[m.start() - 1] if m.start() else " "
        after = masked[m.end()] if m.end() < len(masked) else " "
        if len(m.group()) > 1:
            continue  # ** and *** are bold
        if not before.isspace() and opened:
            opened.pop()  # closes the nearest opening *, as Markdown pairs emphasis
        elif not after.isspace() and not before.isalnum():
            opened.append(m)
    words = (_WORD.match(masked, m.end()) for m in opened)
    return found + ["*" + w.group() for w in words if w]


def _ending(text: str) -> str:
    """The class of the final punctuation mark ('' for none): '.' and '。' are one class."""
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
        bad += [pair] if depth else []
    bad += ["‘’"] if text.count("‘") > text.count("’") else []  # a lone ’ is an apostrophe
    return bad + (['""'] if text.count('"') % 2 else [])


@_check("markup", "error", "Markdown differs: emphasis, links and URLs, inline code, HTML tags, images, hard breaks")
def check_markup(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    (src_emph, src), (tgt_emph, tgt) = _markup(msgid), _markup(msgstr)
    out = [f"emphasis marker {c}: {src_emph[c]} in the source, {tgt_emph[c]} here; "
           "keep **bold** and *italic* markers as in the source" for c in "*_" if src_emph[c] != tgt_emph[c]]
    breaks = src.pop("hard line break", 0), tgt.pop("hard line break", 0)
    if breaks[0] != breaks[1]:
        out.append(f"hard line breaks: {breaks[0]} in the source, {breaks[1]} here; end the same lines with two spaces")
    slack: Counter[str] = Counter()  # 6<sup>e</sup> is 6.º in Spanish, 第6 in Chinese: no superscript to keep
    for fig in find_figures(msgid):
        if fig.kind == "ordinal" and "<sup>" in fig.text and "<sup>" not in render(fig, lang):
            slack.update(("<sup>", "</sup>"))
    missing = [t for t, n in (src - tgt).items() if n > slack[t]
               and not (t[:1] == "\\" and len(t) == 2 and t[1] not in msgstr)]  # \$ needs no escape once $ is gone
    out += [f"{_what(t)[0]} missing or changed; {_what(t)[1]}" for t in missing]
    return out + [f"{_what(t)[0]} is not in the source; remove it or make it match the source" for t in tgt - src]


@_check("urls", "error", "a URL or e-mail address of the source is missing or changed")
def check_urls(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    text = _masked(msgstr, roles=("close",))  # link destinations are the `markup` check's
    out = []
    for url, count in _links(msgid).items():
        if len(re.findall(rf"(?<![A-Za-z0-9_.+/@-]){re.escape(url)}(?![A-Za-z0-9_/#?=&%@-]|[.:]\w)", text)) < count:
            what = "e-mail address" if "@" in url and "://" not in url else "URL"
            out.append(f"{what} {url} missing or changed; copy it exactly as in the source")
    return out


@_check("phones", "error", "a phone number of the source is missing or has other digits (spacing may differ)")
def check_phones(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    have = Counter(_phone(m.group()) for m in _PHONE.finditer(msgstr))
    out = []
    for m in _PHONE.finditer(msgid):
        if have[_phone(m.group())] > 0:
            have[_phone(m.group())] -= 1
        else:
            out.append(f"phone number {m.group()} missing or changed; copy its digits as in the source")
    return out


@_check("numbers", "error", "a figure of the source is missing or has another value (target formats are fine)")
def check_numbers(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    """Read the msgstr the target's way (7,000; €8 billion; 80亿), then the French way: "7 000" is ISO
    grouping, fine anywhere, but "26,6" only where the target writes a decimal comma too."""
    if lang == PSEUDO:  # the pseudo-locale copies figures as written by construction
        return []
    lang = lang.replace("-", "_")
    target = Counter(v.normalize() for v in values(msgstr, lang))
    french = Counter(v.normalize() for v in values(msgstr, "fr"))
    out = []
    for fig in find_figures(msgid):
        need = Counter(Decimal(v).normalize() for v in magnitudes(fig))
        rendered = render(fig, lang)
        if need <= target:
            target -= need
        elif need <= french and fig.scale == 1 and (not _DECIMAL_COMMA.search(fig.text)
                                                    or _DECIMAL_COMMA.search(rendered)):
            french -= need
        else:
            out.append(f"figure {fig.text.strip()} missing, changed or in French form; "
                       f"write {rendered} or the same value another way")
    return out


@_check("glossary", "error", "an approved glossary term lacks its approved translation, or a dnt name was changed")
def check_glossary(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    target, out = " ".join(msgstr.replace("’", "'").split()), []
    edge, inflection = ("", "") if _base(lang) in NON_LATIN else (r"(?<!\w)", r"(?:s|es|e|n|en|x)?(?!\w)")
    for m in context.glossary.find(msgid) if context.glossary else []:
        if m.term.dnt:
            message = f"{m.text} (do not translate) missing or changed; write it exactly as in the source"
            ok = m.text in msgstr
        else:
            wanted = sorted({w.replace("’", "'") for w in (m.term.target(lang), m.term.target(lang, True)) if w})
            message = f"glossary: {m.term.fr} should be {' or '.join(wanted)}; use the approved translation"
            ok = not wanted or any(re.search(edge + re.escape(w) + inflection, target, re.I) for w in wanted)
        if not ok and message not in out:
            out.append(message)
    return out


@_check("untranslated", "warning", "the translation is the source text unchanged (names and figures aside)")
def check_untranslated(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    if msgstr.strip() != msgid.strip():
        return []
    text = _visible(msgid)
    for m in reversed(context.glossary.find(text) if context.glossary else []):
        text = text[:m.start] + " " + text[m.end:] if m.term.dnt else text
    letters = [c for c in text if c.isalpha()]
    caps = sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    words = [w for w in _LETTERS.findall(text) if caps or not w[0].isupper()]  # Capitalised words: names
    return ["translation identical to the source; translate it, or flag no-check-untranslated "
            "if it stays as is"] if len(words) >= 2 else []


@_check("whitespace", "warning", "leading or trailing whitespace differs from the source")
def check_whitespace(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    sides = {"leading": (msgid[:len(msgid) - len(msgid.lstrip())], msgstr[:len(msgstr) - len(msgstr.lstrip())]),
             "trailing": (msgid[len(msgid.rstrip()):], msgstr[len(msgstr.rstrip()):])}
    return [f"{where} whitespace {tgt!r} where the source has {src!r}; match the source"
            for where, (src, tgt) in sides.items() if src != tgt]


@_check("punctuation", "warning", "the final punctuation mark differs (equivalents such as 。 ؟ are fine)")
def check_punctuation(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    src, tgt = _ending(msgid) or "no punctuation", _ending(msgstr) or "no punctuation"
    return [] if src == tgt else [f"ends with {tgt} where the source ends with {src}; "
                                  "end as the source does, in the target language's form"]


@_check("brackets", "warning", "brackets or quotation marks balanced in the source are unbalanced")
def check_brackets(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    source = set(_unbalanced(_masked(msgid)))
    if source & _QUOTE_PAIRS:  # a quotation left open in the source (it runs on) may stay open in any quotes
        source |= _QUOTE_PAIRS
    return [f"unbalanced {pair[0]} {pair[1]}; close every bracket or quote that you open"
            for pair in _unbalanced(_masked(msgstr)) if pair not in source]


@_check("french-typography", "warning", "French « » or a space before : ; ! ? left in a non-French translation")
def check_french_typography(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    base, text, out = _base(lang), _masked(msgstr), list[str]()
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
    source = set(_marks(msgid)) | set(PLACEHOLDER.findall(msgid))
    out = [f"machine-translation mark {mark} left; translate the word and remove the {mark[0]}"
           for mark in dict.fromkeys(_marks(msgstr)) if mark not in source]
    return out + [f"placeholder ⟦{n}⟧ left by machine translation; put back the markup or term it stands for"
                  for n in dict.fromkeys(PLACEHOLDER.findall(msgstr)) if n not in source]


@_check("length", "warning", "translation far shorter or longer than the source (0.3–3×; zh 0.15–2×, ar 0.25–2.5×)")
def check_length(msgid: str, msgstr: str, lang: str, context: Context) -> list[str]:
    src, tgt = len(_visible(msgid)), len(_visible(msgstr))
    low, high = LENGTH_BOUNDS.get(_base(lang), DEFAULT_BOUNDS)
    if src <= MIN_LENGTH or low <= tgt / src <= high:
        return []
    return [f"translation is {tgt / src:.2f} times the source length (expected {low}–{high}); "
            "check for a missing or repeated part"]
