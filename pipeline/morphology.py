"""Apertium's own morphological data for a language: analyse words (lt-proc) and generate forms (lt-proc -g, -p).

Every language pair Debian ships carries an analyser (`*.automorf.bin`) and a
generator with its post-generator (`*.autogen.bin`, `*.autopgen.bin`) for each
side.  The case recovery, the agreement fixer, QA's agreement check and the
bench read gender, number, part of speech and proper nouns from them instead
of word lists.  One `lt-proc` process per batch; what it said of each text is
remembered (and may be kept between runs: `answers`, `recall`).
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline import nullflush
from pipeline.locales import base_language

_ISO3 = {"fr": "fra", "es": "spa", "ca": "cat", "oc": "oci", "en": "eng", "it": "ita"}
_UNIT = re.compile(r"\^((?:[^$\\]++|\\.)*+)\$")  # possessive: a run at a time, never backtracking
_SPECIAL = re.compile(r"([\\\[\]^$/<>@{}*#~])")
_SPLIT = re.compile(r"(?<!\\)/")
_TAGS = re.compile(r"<([^<>]+)>")
_ESCAPED = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Reading:
    """One analysis: a lemma and its tags, e.g. ('el', ('det', 'def', 'f', 'sg'))."""

    lemma: str
    tags: tuple[str, ...]

    @property
    def pos(self) -> str:
        return self.tags[0] if self.tags else ""


@dataclass(frozen=True)
class Token:
    """A word of the text at [start, end), with its readings; a contraction (del) is a list per reading."""

    surface: str
    start: int
    end: int
    readings: tuple[tuple[Reading, ...], ...]  # () when the word is unknown

    @property
    def known(self) -> bool:
        return bool(self.readings)


def _datadir() -> Path:
    return Path(os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium"))


def installed(relative: str) -> Path | None:
    """An Apertium data file named by its path under the data directory, if installed."""
    path = _datadir() / relative
    return path if path.exists() else None


@lru_cache(maxsize=None)
def data_file(lang: str, kind: str) -> Path | None:
    """The first (by path) file of `kind` Debian's pairs ship for `lang`: analysers read it
    (es-fr.automorf.bin), generators write it (fr-es.autogen.bin); None without one."""
    lang = base_language(lang)
    names = {lang, _ISO3.get(lang, lang)}
    side = 0 if kind == "automorf" else 1
    found = sorted(p for p in _datadir().glob(f"apertium-*/*.{kind}.bin")
                   if p.name.count("-") == 1 and "@" not in p.name and "_" not in p.name
                   and p.name.split(".")[0].split("-")[side] in names)
    return found[0] if found else None


def analysers(lang: str) -> tuple[Path, ...]:
    """Every analyser Debian's pairs ship for `lang` (fr-es.automorf.bin, fra-cat.automorf.bin, ...), by path:
    one pair's dictionary lacks words another's has (sécuriser: fra-cat, not fr-es)."""
    lang = base_language(lang)
    names = {lang, _ISO3.get(lang, lang)}
    return tuple(sorted(p for p in _datadir().glob("apertium-*/*.automorf.bin")
                        if p.name.count("-") == 1 and "@" not in p.name and "_" not in p.name
                        and p.name.split(".")[0].split("-")[0] in names))


def known(lang: str, words: Sequence[str], proper: bool = False) -> set[str]:
    """The `words` some installed analyser of `lang` knows, as written (with `proper`: as a proper noun)."""
    found: set[str] = set()
    for analyser in analysers(lang):
        found.update(w for w, tokens in zip(words, analyse(lang, words, analyser)) if len(tokens) == 1
                     and tokens[0].known and (not proper or any(r[0].pos == "np" for r in tokens[0].readings)))
    return found


def available(lang: str) -> bool:
    """True when an analyser for `lang` is installed."""
    return data_file(lang, "automorf") is not None


def escape(text: str) -> str:
    """Text as Apertium stream data: its special characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


@lru_cache(maxsize=None)
def tagger(lang: str) -> tuple[tuple[str, ...], ...]:
    """The commands of an installed pair's mode that analyse and disambiguate `lang` (lt-proc | cg-proc |
    apertium-tagger), each null-flushed and keeping surfaces; a mode with constraint grammar first; () without."""
    lang = base_language(lang)
    names = {lang, _ISO3.get(lang, lang)}
    found = []
    for mode in sorted(_datadir().glob("modes/*.mode")):
        if "_" in mode.stem or mode.stem.split("-")[0] not in names:
            continue
        stages = [shlex.split(s) for s in mode.read_text(encoding="utf-8").split("|")]
        ends = [i for i, s in enumerate(stages) if s and s[0] == "apertium-tagger"]
        if ends:
            chain = [[a for a in s if not a.startswith("$")] for s in stages[:ends[0] + 1]]
            chain = [[s[0], "-z", *(["-p"] if s[0] == "apertium-tagger" else []), *s[1:]] for s in chain]
            found.append((not any(s[0] == "cg-proc" for s in chain), tuple(tuple(s) for s in chain)))
    return min(found)[1] if found else ()


def tag(lang: str, texts: Sequence[str]) -> list[list[Token]]:
    """Each text as its words with the one reading the tagger chose; [] per text when no pair tags `lang`.
    One run of each tool for all texts."""
    chain = tagger(lang)
    if not chain or not texts:
        return [[] for _ in texts]
    data = "".join(escape(t.replace("\n", " ")) + "\n\0" for t in texts).encode("utf-8")
    data = nullflush.ask(chain[0], data, len(texts))  # the analyser kept; the taggers carry state (pipes.FRESH)
    for command in chain[1:]:
        data = subprocess.run(list(command), input=data, capture_output=True, check=True).stdout
    return [_tokens(text, chunk) for text, chunk in zip(texts, data.decode("utf-8").split("\0"))]


def _lt_proc(args: Sequence[str], text: str, count: int) -> str:
    """`text`, `count` chunks ended by NUL, through a kept `lt-proc -z` (pipeline.nullflush)."""
    return nullflush.ask(["lt-proc", "-z", *args], text.encode("utf-8"), count).decode("utf-8")


def analyse(lang: str, texts: Sequence[str], analyser: Path | None = None) -> list[list[Token]]:
    """Each text as its words with their readings; [] per text when no analyser is installed.

    `analyser`: an installed `.automorf.bin` other than `data_file(lang, "automorf")`, for a caller that
    names its own (QA's agreement check); one lt-proc for the texts not analysed before by it."""
    analyser = analyser or data_file(lang, "automorf")
    if analyser is None:
        return [[] for _ in texts]
    said, tokens = streams(analyser, texts), _cache(source(analyser))
    return [tokens[t] if t in tokens else tokens.setdefault(t, _tokens(t, said[t])) for t in texts]


def streams(analyser: Path, texts: Sequence[str]) -> Mapping[str, str]:
    """text -> what the installed `analyser` says of it (its lexical units, ^surface/reading/...$), one
    lt-proc for the texts not analysed before by it: for a caller that reads a few units of many texts
    (pipeline.agreement) rather than every `Token`."""
    installed = source(analyser)
    with _lock(installed):  # a second caller waits for the analysis under way, then finds it remembered
        said = _ANSWERS.setdefault(installed, {})
        _USED.setdefault(installed, set()).update(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in said]
        if todo:
            said.update(zip(todo, _session(analyser).ask(todo)))
    return said


def units(stream: str) -> list[str]:
    """The bodies of the lexical units of an lt-proc stream, in order (`unit` reads one)."""
    return _UNIT.findall(stream)


def start(analyser: Path) -> None:
    """Start the analyser's lt-proc now when nothing it said is remembered: it loads (the Occitan one takes
    most of a second) while the caller prepares the texts to `analyse`."""
    installed = source(analyser)
    with _lock(installed):
        if not _ANSWERS.get(installed):
            _session(analyser)


_ANSWERS: dict[str, dict[str, str]] = {}  # analyser as installed (see `source`) -> text -> what lt-proc said
_USED: dict[str, set[str]] = {}  # analyser as installed -> the texts analysed (or found analysed) in this process


def answers() -> dict[str, dict[str, str]]:
    """What each analyser said of each text asked about in this process, by source (the analyser file as
    installed, so that answers kept between runs are never read from another version): for a cache to keep."""
    return {installed: {t: _ANSWERS[installed][t] for t in sorted(used)} for installed, used in _USED.items()}


def recall(kept: Mapping[str, Mapping[str, str]]) -> None:
    """Take back answers kept from an earlier run, of the analysers still installed as they were."""
    for installed, said in kept.items():
        if source(Path(installed.split(" ", 1)[0])) == installed:
            _ANSWERS.setdefault(installed, {}).update(said)


@lru_cache(maxsize=None)
def source(analyser: Path) -> str:
    """The analyser as installed: path, size and modification time of the file and of lt-proc."""
    files = [analyser, Path(shutil.which("lt-proc") or "lt-proc")]
    return " ".join(f"{f} {f.stat().st_size} {f.stat().st_mtime_ns}" if f.exists() else f"{f} absent" for f in files)


class _Session:
    """One lt-proc per analyser for the whole process, null-flushed (pipeline.nullflush): a later batch (the
    endings of unknown words, pipeline.agreement) costs no second load (the Occitan analyser's takes most of
    a second)."""

    def __init__(self, analyser: Path) -> None:
        self.tool = nullflush.Tool(["lt-proc", "-z", "-w", str(analyser)])

    def ask(self, texts: Sequence[str]) -> list[str]:
        """What lt-proc says of each text."""
        # each text ends in a newline: lt-proc drops a word that runs into the NUL flush
        body = "".join(escape(t.replace("\n", " ")) + "\n\0" for t in texts).encode("utf-8")
        return self.tool.ask(body, len(texts)).decode("utf-8").split("\0")[:len(texts)]


@lru_cache(maxsize=None)
def _session(analyser: Path) -> _Session:
    return _Session(analyser)  # created under the analyser's lock (see `analyse`): one per analyser


def _lock(installed: str) -> threading.Lock:
    return _LOCKS.setdefault(installed, threading.Lock())  # setdefault is atomic: one lock per source


_LOCKS: dict[str, threading.Lock] = {}


@lru_cache(maxsize=None)
def _cache(installed: str) -> dict[str, list[Token]]:
    return {}


def _tokens(text: str, stream: str) -> list[Token]:
    tokens, pos, find = [], 0, text.find  # every unit of every text QA reads: kept lean
    for body in _UNIT.findall(stream):
        surface, readings = unit(body)
        start = find(surface, pos)
        if start >= 0:
            pos = start + len(surface)
            tokens.append(Token(surface, start, pos, readings))
    return tokens


@lru_cache(maxsize=65536)
def unit(body: str) -> tuple[str, tuple[tuple[Reading, ...], ...]]:
    """A lexical unit's surface and readings (a contraction's parts per reading; () when unknown); remembered
    (la, de, el recur in every text): read, never change."""
    surface, *analyses = _SPLIT.split(body)
    readings = () if analyses and analyses[0].startswith("*") else tuple(
        tuple(_reading(part) for part in a.split("+")) for a in analyses)
    return _unescape(surface), readings


def last_tags(body: str) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """A lexical unit's surface and, for each reading, the tags of its last part (of del = de+el, el's):
    `unit` without lemmas, for a caller that reads only tags."""
    surface, *analyses = _SPLIT.split(body)
    if analyses and analyses[0].startswith("*"):
        return _unescape(surface), ()
    return _unescape(surface), tuple(tuple(_TAGS.findall(a.rsplit("+", 1)[-1])) for a in analyses)


def _reading(part: str) -> Reading:
    return Reading(_unescape(_TAGS.sub("", part)), tuple(_TAGS.findall(part)))


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def noun_endings(lang: str, words: Sequence[str], shortest: int, analyser: Path | None = None) -> dict[str, Token]:
    """Lower-case words no analyser knows -> the analysis of their longest ending (at least `shortest` letters and
    half the word) read whole as a word with a noun reading: the head a reader hears (attrattività: attività, a
    feminine noun; ciberataques: ataques).  One lt-proc for all the endings."""
    words = sorted({w for w in words if w.isalpha() and w.islower() and len(w) >= shortest + 2})
    endings = {w: [w[i:] for i in range(2, len(w) - max(shortest, (len(w) + 1) // 2) + 1)] for w in words}
    asked = sorted({e for found in endings.values() for e in found})
    read = dict(zip(asked, analyse(lang, asked, analyser))) if asked else {}
    heads = {}
    for word, found in endings.items():
        for ending in found:
            tokens = read[ending]
            if len(tokens) == 1 and tokens[0].surface == ending \
                    and any("n" in r[-1].tags for r in tokens[0].readings):
                heads[word] = tokens[0]
                break
    return heads


def generate(lang: str, streams: Sequence[str], generator: Path | None = None) -> list[str]:
    """Apertium stream text (`^de<pr>$ ^el<det><def><f><sg>$ IA`) -> surface text, post-generated (de la IA).

    `generator`: an installed `.autogen.bin` other than `data_file(lang, "autogen")` (a route's own, for the
    engine's lexicon), post-generated by the `.autopgen.bin` beside it."""
    if generator is not None:
        post: Path | None = generator.with_name(generator.name.replace(".autogen.", ".autopgen."))
    else:
        generator, post = data_file(lang, "autogen"), data_file(lang, "autopgen")
    post = post if post is not None and post.exists() else None
    if generator is None or post is None or not streams:
        return list(streams)
    body = "".join(s + "\n\0" for s in streams)
    out = _lt_proc(["-p", str(post)], _lt_proc(["-g", str(generator)], body, len(streams)), len(streams))
    return [s.strip("\n") for s in out.split("\0")[:len(streams)]]
