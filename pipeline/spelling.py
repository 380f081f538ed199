"""Words as Hunspell checks them, and which of a catalogue's words each dictionary rejects.

Debian's `hunspell` command does the work, started once per dictionary for a
whole catalogue with every distinct word on its input (`-l` prints the rejected
ones), all dictionaries at once.  A Python binding would add a compiled
dependency (the PyPI bindings are thin, lightly kept forks of one wrapper) to
save a process start that costs 30-150 ms per catalogue and dictionary; the
command reads the very dictionaries the packages install.
"""
from __future__ import annotations

import atexit
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.locales import base_language
from pipeline.reading import masked

DICTIONARY_DIR = Path("/usr/share/hunspell")
DICTIONARIES = {"en": "en_GB", "es": "es_ES", "ca": "ca", "oc": "oc_FR", "it": "it_IT", "fr": "fr_FR",
                "de": "de_DE", "ar": "ar"}  # Debian's hunspell-* packages, tools/hunspell-packages.txt
PACKAGES = {"en": "hunspell-en-gb", "es": "hunspell-es", "ca": "hunspell-ca", "oc": "hunspell-oc", "it": "hunspell-it",
            "fr": "hunspell-fr", "de": "hunspell-de-de", "ar": "hunspell-ar"}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’·-][^\W\d_]+)*")
_SPELLED = re.compile(r"(?<![^\W_])(?<!\d\.)" + _TOKEN.pattern)  # not a figure's suffix: 6th, 6º, 1.º, 2.ª
_ELIDING = {"fr", "it", "ca", "oc"}  # l'ostal, dell'intelligenza: the article is checked apart, and is fine
_ELISION = re.compile(r"^[^\W\d_]{1,5}['’](?=[^\W\d_])")
_END = "qzxqzxqzq"  # a word no dictionary has: ends each word's answer
_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")  # a word hunspell reads whole: letters alone, no ' · -
_ANSWERS: dict[str, dict[str, frozenset[str]]] = {}  # language -> word -> what hunspell -l printed for it
_USED: dict[str, set[str]] = {}  # language -> the words a lexicon was made of in this process
_STARTED: dict[str, subprocess.Popen[str]] = {}  # language -> a hunspell loading its dictionary, not yet fed


def words(text: str, lang: str) -> list[str]:
    """The words of `text` as Hunspell is asked about them, in order: markup, URLs and code left out, and
    letters right after a digit (the th of 6th, º of 1.º); elided articles and prepositions (l', dell') dropped,
    ’ as '; compounds whole (see `pieces`)."""
    return list(_words(text, base_language(lang) in _ELIDING))


@lru_cache(maxsize=8192)
def _words(text: str, elides: bool) -> tuple[str, ...]:
    tokens = (token.replace("’", "'") for token in _SPELLED.findall(masked(text)))
    return tuple(_ELISION.sub("", token) if elides and "'" in token else token for token in tokens)


def is_word(text: str) -> bool:
    """Whether `text` is one word as `words` finds them (letters, inner ' ’ · -): what a word list may hold."""
    return bool(_TOKEN.fullmatch(text))


@lru_cache(maxsize=65536)
def pieces(word: str) -> tuple[str, ...]:
    """A compound and its parts (avant-garde, avant, garde): the dictionary may know either.
    Remembered (asked per word by every check that reads words)."""
    parts = tuple(p for p in word.split("-") if p)
    return (word, *parts) if len(parts) > 1 else (word,)


@dataclass(frozen=True)
class Lexicon:
    """For each dictionary language asked, the words it rejected; languages without a dictionary are absent."""

    rejected: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def rejects(self, lang: str, word: str) -> bool:
        return word in self.rejected.get(base_language(lang), ())

    def rejected_by(self, lang: str) -> frozenset[str]:
        """What the dictionary of `lang` rejected (`rejects` for every word of a text, looked up once)."""
        return self.rejected.get(base_language(lang), frozenset())

    def rejected_parts(self, lang: str, word: str) -> list[str]:
        """`word` itself when rejected; for a rejected compound, its rejected parts (Aix-Marsella -> Marsella)."""
        if not self.rejects(lang, word):
            return []
        parts = pieces(word)[1:]
        return [p for p in parts if self.rejects(lang, p)] if parts else [word]

    def accepts(self, lang: str, word: str) -> bool:
        """True for a word asked about and found; False when rejected or no dictionary was run."""
        return base_language(lang) in self.rejected and word not in self.rejected[base_language(lang)]


def available(lang: str) -> bool:
    """Whether the hunspell command and a dictionary for `lang` are installed."""
    name = DICTIONARIES.get(base_language(lang))
    return bool(name and shutil.which("hunspell") and (DICTIONARY_DIR / f"{name}.dic").exists())


def affix_file(lang: str) -> Path | None:
    """The installed affix file (.aff) of the dictionary of `lang`, or None."""
    name = DICTIONARIES.get(base_language(lang))
    path = DICTIONARY_DIR / f"{name}.aff"
    return path if name and path.exists() else None


def lexicon(asked: Mapping[str, Iterable[str]]) -> Lexicon:
    """What each dictionary of `asked` (language -> words) rejects, from hunspell's answers (see `ask`).

    A language whose dictionary is not installed is left out (its checks then find nothing)."""
    ask(asked)
    rejected = {}
    for lang, found in asked.items():
        wanted = sorted(set(found))
        if wanted and available(lang):
            _USED.setdefault(base_language(lang), set()).update(wanted)
            said = frozenset().union(*(_ANSWERS[base_language(lang)][w] for w in wanted))
            parts = said - frozenset(wanted)  # pieces of a word that the dictionary splits itself (at ' or ·)
            rejected[base_language(lang)] = frozenset(w for w in wanted if w in said
                                                      or (parts and any(p in parts for p in re.split("['·]", w))))
    return Lexicon(rejected)


def start(langs: Iterable[str]) -> None:
    """Start hunspell for each of `langs` that has no answers in this process yet, so that it loads its
    dictionary (30-150 ms) while the caller finds the words to ask; `ask` then feeds it."""
    for lang in dict.fromkeys(map(base_language, langs)):
        if lang not in _STARTED and not _ANSWERS.get(lang) and available(lang):
            _STARTED[lang] = _hunspell(lang)


def rejected(lang: str, found: Iterable[str]) -> frozenset[str]:
    """The words of `found` the dictionary of `lang` rejects (none without one), not kept for the QA cache:
    for choosing between drafts (engines/choice.py)."""
    wanted = sorted(set(found))
    ask({lang: wanted})
    said = _ANSWERS.get(base_language(lang), {})
    return frozenset(w for w in wanted if said.get(w))


def ask(asked: Mapping[str, Iterable[str]]) -> None:
    """Run one hunspell per language of `asked`, all at once, on the words not asked before in this run.

    Hunspell (`-l`) prints the rejected words, or the rejected pieces of a word it splits (at ' · -).  A word
    of letters alone is never split: those come first, one a line, and what it prints of them is the rejected
    ones.  Then each other word is followed by a word every dictionary rejects, so that the output says what
    it printed for each (the end word costs hunspell as much as a word: only where needed).  The answers are
    remembered."""
    running = {}
    for lang, found in asked.items():
        memo = _ANSWERS.setdefault(base_language(lang), {})
        wanted = sorted(set(found) - memo.keys())
        if wanted and available(lang):
            process = _STARTED.pop(base_language(lang), None) or _hunspell(base_language(lang))
            running[base_language(lang)] = (process, wanted)
    for lang, (process, wanted) in running.items():
        plain = [w for w in wanted if _PLAIN.fullmatch(w)]
        other = [w for w in wanted if not _PLAIN.fullmatch(w)]
        out, _ = process.communicate("".join(f"{w}\n" for w in plain) + f"{_END}\n"
                                     + "".join(f"{w}\n{_END}\n" for w in other))
        first, *answers = out.split(f"{_END}\n")
        printed = set(first.split("\n")) - {""}
        if len(answers) != len(other) + 1 or not printed <= set(plain):
            raise RuntimeError(f"hunspell ({lang}) answered {len(answers) - 1} of {len(other)} words, "
                               f"or printed {sorted(printed - set(plain))[:3]} for words of letters alone")
        _ANSWERS[lang].update((w, frozenset((w,)) if w in printed else frozenset()) for w in plain)
        _ANSWERS[lang].update(zip(other, (frozenset(a.split("\n")) - {""} for a in answers)))


def _hunspell(lang: str) -> subprocess.Popen[str]:
    command = ["hunspell", "-i", "utf-8", "-d", str(DICTIONARY_DIR / DICTIONARIES[lang]), "-l"]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, encoding="utf-8")


@atexit.register
def _stop() -> None:
    """End the hunspells started and never asked (every word was known after all)."""
    while _STARTED:
        _STARTED.popitem()[1].communicate("")


def accepted(lang: str, words: Iterable[str]) -> set[str]:
    """The `words` the dictionary of `lang` accepts, from one `hunspell -l` not remembered (for candidates made
    up by the thousand, respell's); set() without the dictionary."""
    wanted = sorted(set(words))
    if not wanted or not available(lang):
        return set()
    process = _hunspell(base_language(lang))
    out, _ = process.communicate("\n".join(wanted) + "\n")
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return set(wanted) - set(out.split("\n"))


def answers() -> dict[str, dict[str, list[str]]]:
    """What hunspell printed for each word asked about in this process, by source (the dictionary as
    installed, so that answers kept between runs are never read for another version): for a cache to keep."""
    return {_source(lang): {w: sorted(_ANSWERS[lang][w]) for w in sorted(used)} for lang, used in _USED.items()}


def recall(kept: Mapping[str, Mapping[str, Iterable[str]]]) -> None:
    """Take back answers kept from an earlier run, of the dictionaries still installed as they were."""
    for lang in DICTIONARIES:
        if available(lang) and _source(lang) in kept:
            _ANSWERS.setdefault(lang, {}).update((w, frozenset(said)) for w, said in kept[_source(lang)].items())


def fingerprint() -> str:
    """Every dictionary QA may read, as installed: a change to any makes earlier findings stale."""
    return "\n".join(_source(lang) for lang in sorted(DICTIONARIES))


@lru_cache(maxsize=None)
def _source(lang: str) -> str:
    """The dictionary of `lang` as installed: path, size and modification time of its files and of hunspell."""
    base = DICTIONARY_DIR / DICTIONARIES[base_language(lang)]
    files = [base.with_suffix(".dic"), base.with_suffix(".aff"), Path(shutil.which("hunspell") or "hunspell")]
    return " ".join(f"{f} {f.stat().st_size} {f.stat().st_mtime_ns}" if f.exists() else f"{f} absent" for f in files)


@lru_cache(maxsize=64)
def names(sources: tuple[str, ...]) -> frozenset[str]:
    """Casefolded names and acronyms of the source texts: words written capitalised or in capitals
    inside a sentence and never in lower case (Marseille, IA, CMA); capitals of an all-caps heading prove nothing."""
    named: set[str] = set()
    lower: set[str] = set()
    for text in sources:
        shown = masked(text)
        letters = list(filter(str.isalpha, shown))
        caps_text = sum(map(str.isupper, letters)) >= 0.9 * len(letters) if letters else False
        found = list(re.finditer(r"[^\W\d_]+(?:['’·][^\W\d_]+)*", shown))
        for i, m in enumerate(found):
            word = _ELISION.sub("", m.group().replace("’", "'"))
            at = m.start() - 1  # the last character before the word, spaces and emphasis aside
            while at >= 0 and shown[at] in " *_\u00a0\ue000":
                at -= 1
            starts = at < 0 or shown[at] in ".!?:»«\"“\n-–—•"
            starts = starts and not (shown[at] == "-" and at > 0 and shown[at - 1].isalpha())  # Bouches-du-Rhône
            following = found[i + 1].group() if i + 1 < len(found) else ""
            if word[:1].islower():
                lower.add(word.casefold())
            elif not caps_text and (not starts or following[:1].isupper()):  # Martine Vassal: a name anywhere
                named.add(word.casefold())
    return frozenset(named - lower)
