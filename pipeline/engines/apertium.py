"""Apertium, the rule-based engine from Debian's packages (apertium-fr-es, ...).

A whole batch goes through a mode in ONE pass, as `apertium -f html MODE` would
translate it (pipes.py keeps the mode's programs running): each segment is an
escaped `<p>` block. The HTML deformatter turns the tags into superblanks, which
Apertium copies verbatim, and adds a sentence end before each block, so segments
neither merge nor lose their order; the output is split back on the same tags.

Apertium marks unknown words in its output with `*` (not in the analyser), `@`
(not in the bilingual dictionary) and `#` (no generation). We run without `-u`
so the marks can be reported, then strip them. A mark may follow any character
(even a letter: `A.xy*zzy`), so the source's own `*`, `#` and `@` are sent as
superblank tags and restored afterwards: every mark char left in the text is a
mark.
"""
from __future__ import annotations

import html
import os
import re
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from pipeline import morphology
from pipeline.engines import errata, lexicon, pipes, prefixed
from pipeline.engines.choice import Pass, choose
from pipeline.engines.mend import in_expressions, mend, replace, source_spelling, spelled_out
from pipeline.errors import EngineError, EngineUnavailable
from pipeline.locales import base_language
from pipeline.patterns import PLACEHOLDER
from pipeline.protect import numeral_opener

# ISO 639-3 codes used in Apertium mode names -> the ISO 639-1 codes callers use.
_ISO1 = {
    "fra": "fr", "spa": "es", "cat": "ca", "oci": "oc", "eng": "en", "por": "pt",
    "ita": "it", "glg": "gl", "eus": "eu", "arg": "an", "epo": "eo", "ron": "ro",
    "nld": "nl", "afr": "af", "bre": "br", "srd": "sc", "deu": "de",
}
# Debian packages that provide fr -> X here (checked with `dpkg -S` on the modes).
_PACKAGES = {
    ("fr", "es"): "apertium-fr-es",
    ("fr", "ca"): "apertium-fra-cat",
    ("fr", "oc"): "apertium-oci-fra",
    ("es", "en"): "apertium-eng-spa",
    ("ca", "en"): "apertium-eng-cat",
    ("ca", "it"): "apertium-cat-ita",
    ("es", "it"): "apertium-spa-ita",
}
_PIVOTS = ("es", "ca")  # tried in this order when no direct mode exists and ROUTES names none
ROUTES: dict[tuple[str, str], tuple[str, ...]] = {
    # Measured on the dossier with tools/bench_drafts.py against en_GB / it_IT (Hunspell rejections per 100
    # words; pivot words left), leftover words mended through the other pivot (mend.py), rules 4:
    #   en via es 1.10 (6 pivot words), via ca 0.90 (14); per sentence the better of both (choice.py),
    #      Catalan first 0.83 (4), Spanish first 0.84 (4);
    #   it via es 1.24 (5), via ca 1.42 (18); per sentence, Spanish first 1.04 (4), Catalan first 1.14 (4).
    # The first route is kept on a tie, and is the only one with ApertiumEngine(choose=False).  English goes
    # Spanish first although Catalan first measures one word better: read side by side, cat-eng drops the
    # subject pronouns Spanish-first keeps (`has launched`, `Work at`) and writes `at the kick of` for `au
    # service de` and `the year 2020` for `en 2020`, errors Hunspell cannot see.
    ("fr", "en"): ("fr-es", "spa-eng"),
    ("fr", "it"): ("fr-es", "spa-ita"),
}
_MARKS = "*#@"
_LITERAL = re.compile(r"[*#@]")
_TAG = re.compile(r'<apx-([lp]) n="(\d+)"/>')
_MARKED = re.compile(r"[*#@]+(\w+(?:[-'’·]\w+)*)?")
_BLOCK = re.compile(r"<p>(.*?)</p>", re.S)
_WORD = re.compile(r"(?<![\w-])[^\W\d_][^\W_]*(?![\w-])")
_TIMEOUT = 900
_BETWEEN = r"(?:⟦\d+⟧|[^\w\s])*\s+(?:⟦\d+⟧|[^\w\s])*"  # a space, with markup or a placeholder either side


def _named(middle: Sequence[str], out: Sequence[str], texts: Sequence[str], pivot: str,
           target: str) -> list[list[str]]:
    """Per text, the pivot words the second pair passed on as names: capitalised, written as the pivot text
    has them and the source does not, a common word for the pivot's analyser and none for the target's
    (Protection -> Amparo, a given name for spa-eng and English)."""
    found = [sorted({w for w in _WORD.findall(o) if w[:1].isupper() and _has(m, w) and not _has(t, w)})
             for m, o, t in zip(middle, out, texts)]
    words = sorted({w for ws in found for w in ws})
    lowered = [w.lower() for w in words]
    common = {w for w, p, t in zip(words, morphology.analyse(pivot, lowered), morphology.analyse(target, lowered))
              if _common(p) and not _common(t)}
    return [[w for w in ws if w in common] for ws in found]


def _has(text: str, word: str, flags: int = 0) -> bool:
    """Whether `word` is in `text` as a whole word."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags) is not None


def _common(tokens: Sequence[morphology.Token]) -> bool:
    """One word with a reading that is not a proper noun."""
    return len(tokens) == 1 and any(r[0].pos != "np" for r in tokens[0].readings)


def _iso(code: str) -> str:
    """`fra`, `fr`, `fr-FR`, `fr_FR` -> `fr`."""
    base = base_language(code.strip())
    return _ISO1.get(base, base)


def _encode(text: str, blanks: bool) -> tuple[str, list[str]]:
    """Escape text for `-f html`; hide mark chars (and ⟦n⟧ if blanks) in tags.

    Returns the block body and the ⟦n⟧ placeholders it replaced, in order.
    """
    parts = PLACEHOLDER.split(text)[::2] if blanks else [text]  # [::2]: without the captured numbers
    found = [m.group() for m in PLACEHOLDER.finditer(text)] if blanks else []
    body = []
    for i, part in enumerate(parts):
        escaped = html.escape(part, quote=False)  # quotes stay: `&apos;` breaks elision
        body.append(_LITERAL.sub(lambda m: f'<apx-l n="{_MARKS.index(m.group())}"/>', escaped))
        if i < len(found):
            body.append(f'<apx-p n="{i}"/>')
    return "".join(body), found


def _decode(block: str, found: list[str]) -> tuple[str, list[str]]:
    """Strip Apertium's marks from one output block; return (text, unknown words)."""
    unknown: list[str] = []

    def strip(m: re.Match[str]) -> str:
        if m.group(1):
            unknown.append(m.group(1))
        return m.group(1) or ""

    pieces = _TAG.split(block)  # text, kind, n, text, kind, n, ...
    out = [_MARKED.sub(strip, html.unescape(pieces[0]))]
    for kind, n, text in zip(pieces[1::3], pieces[2::3], pieces[3::3]):
        out.append(_MARKS[int(n)] if kind == "l" else found[int(n)])
        out.append(_MARKED.sub(strip, html.unescape(text)))
    return "".join(out), unknown


def _uncapitalised(source: str, output: str, unknown: list[str]) -> str:
    """Undo a capital the engine gave the word after an unknown word that opens a sentence: spa-eng takes
    the unknown word for no chunk and capitalises the next one as the sentence's first (`Focus sobre los
    retos` -> `Focus On the challenges`, `Provenza ha sido` -> `Provenza Has been`).  Only where the
    engine's input had that next word in lower case."""
    for word in dict.fromkeys(unknown):
        after = re.search(rf"(?<!\w){re.escape(word)}{_BETWEEN}([^\W\d_])", source)
        if after is None or not after.group(1).islower():
            continue
        opener = re.compile(rf"((?:^|[.!?:]\s+)(?:⟦\d+⟧|[^\w\s])*{re.escape(word)}{_BETWEEN})"
                            r"([^\W\d_])(?=[^\W\d_]*[^\W\d_A-Z])")
        output = opener.sub(lambda m: m.group(1) + m.group(2).lower(), output)
    return output


_DPKG_STATUS = Path("/var/lib/dpkg/status")


def _stamp(path: Path) -> tuple[int, int]:
    """A file's (size, modification time), (-1, -1) when it is missing: what the caches below are keyed on."""
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=None)
def _listing(args: tuple[str, ...], modes: tuple[int, int]) -> tuple[int, str]:
    """`apertium -l`'s exit code and output, once per process while the modes folder (`modes`) is unchanged:
    every engine a process makes asks it (0.1 s a call)."""
    proc = subprocess.run([*args, "-l"], capture_output=True, text=True, timeout=60, check=False)
    return proc.returncode, proc.stdout


@lru_cache(maxsize=None)
def _owner(data: str, file: tuple[int, int], status: tuple[int, int]) -> str:
    """`apertium-fr-es 0.9.4-1`, the Debian package owning `data` and its version, once per process while
    the file and dpkg's status are unchanged (dpkg-query -S reads the whole package list: 70 ms)."""
    try:
        owner = subprocess.run(["dpkg-query", "-S", data], capture_output=True, text=True, check=False)
        pkg = owner.stdout.split(":", 1)[0].strip()
        if owner.returncode == 0 and pkg:
            ver = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True,
                                 check=False)
            if ver.returncode == 0:
                return f"{pkg} {ver.stdout.strip()}"
    except (OSError, subprocess.SubprocessError):
        pass  # not a Debian system
    return "version unknown"


class ApertiumEngine:
    """Apertium's modes, one pass per batch (and per pivot leg) through programs kept running (pipes.py)."""

    name = "apertium"
    # unknown words and numerals pass through in place: the translate stage uses them as stand-ins
    keeps_unknown_words = True

    def __init__(self, binary: str = "apertium", datadir: str | None = None,
                 blank_placeholders: bool = False,
                 routes: dict[tuple[str, str], tuple[str, ...]] | None = None, choose: bool = True) -> None:
        self.binary = binary
        self.datadir = datadir  # None: the system's /usr/share/apertium
        # True: send ⟦n⟧ as superblanks. The tagger then sees the words as if the
        # markup were absent (better words), but a superblank keeps its position
        # when a rule reorders words, so it may end up around the wrong word.
        self.blank_placeholders = blank_placeholders
        self.routes = ROUTES if routes is None else routes  # preferred mode sequence per pair
        self.choose = choose  # through a pivot: per text, the better of the two pivots' drafts (choice.py)
        self._listed: set[str] = set()
        self.last_unknown: list[list[str]] = []
        self.last_pivot: list[list[str]] = []  # per text: pivot-language words left in it (a subset of last_unknown)
        self.last_routes: list[tuple[str, ...]] = []  # per text: the modes its draft went through
        self._modes: dict[tuple[str, str], str] | None = None
        self._versions: dict[str, str] = {}

    # -- discovery -----------------------------------------------------------
    def _args(self) -> list[str]:
        return [self.binary] + (["-d", self.datadir] if self.datadir else [])

    def modes(self) -> dict[tuple[str, str], str]:
        """(source, target) ISO codes -> mode name, read once from `apertium -l`."""
        if self._modes is None:
            try:
                code, out = _listing(tuple(self._args()), _stamp(self._modes_dir()))
            except (FileNotFoundError, PermissionError) as exc:
                raise EngineUnavailable(
                    f"apertium: cannot run {self.binary!r} ({exc}); "
                    "install it with `apt-get install apertium`") from exc
            except subprocess.TimeoutExpired as exc:
                raise EngineError(f"apertium -l: no answer after {exc.timeout}s") from exc
            modes: dict[tuple[str, str], str] = {}
            listed = out.split() if code == 0 else []
            self._listed = set(listed)
            for name in sorted(listed):
                parts = name.split("-")
                if len(parts) != 2 or "_" in name:  # skip variants: eco-fr-es, fra-oci_gascon
                    continue
                modes.setdefault((_iso(parts[0]), _iso(parts[1])), name)
            self._modes = modes
        return self._modes

    def route(self, source: str, target: str) -> list[str]:
        """Mode names to run in sequence: one direct mode, or two through a pivot."""
        src, tgt = _iso(source), _iso(target)
        modes = self.modes()
        chosen = self.routes.get((src, tgt), ())
        if chosen and set(chosen) <= self._listed:
            return list(chosen)
        if (src, tgt) in modes:
            return [modes[(src, tgt)]]
        for pivot in _PIVOTS + tuple(sorted({t for s, t in modes if s == src})):
            if (src, pivot) in modes and (pivot, tgt) in modes:
                return [modes[(src, pivot)], modes[(pivot, tgt)]]
        needed = _PACKAGES.get((src, tgt))
        if needed is None and (src, "es") in _PACKAGES and ("es", tgt) in _PACKAGES:
            needed = f"{_PACKAGES[(src, 'es')]} {_PACKAGES[('es', tgt)]}"
        remedy = (f"`apt-get install {needed}`" if needed
                  else "`apt-cache search apertium` for a package with this pair")
        raise EngineUnavailable(f"apertium: no {src}-{tgt} mode installed; try {remedy}")

    def supports(self, source: str, target: str) -> bool:
        try:
            self.route(source, target)
        except EngineUnavailable:
            return False
        return True

    # -- translation ---------------------------------------------------------
    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate the batch; `last_unknown[i]` lists the unknown words of texts[i], `last_pivot[i]` those of
        them a pivot route left in the pivot language, `last_routes[i]` the modes its draft went through.
        Through a pivot, the words either pair left are sent alone through the other pivot first (mend.py),
        and each text goes through both pivots, the draft with fewer words in doubt kept (choice.py)."""
        route = self.route(source, target)
        other = self._alternative(route, source, target)
        best = self._through(route, other, list(texts), source, target)
        if self.choose and len(route) == 2 and other is not None:
            best = choose(texts, [best, self._through(other, route, list(texts), source, target)], target)
        self.last_unknown, self.last_pivot, self.last_routes = best.unknown, best.pivot, best.routes
        return best.texts

    def _through(self, route: list[str], other: list[str] | None, texts: list[str], source: str,
                 target: str) -> Pass:
        """The texts through `route`, the words it leaves mended through `other` (mend.py); a prefixed word the
        route lacks sent hyphenated and joined again in the target's form (prefixed.py); a stand-in opening a
        sentence before a clitic as a numeral through the first pair (protect.numeral_opener)."""
        first_analyser = self._analyser(route[0])
        elsewhere = [a for a in [self._analyser(other[0]) if other else None] if a is not None]
        current, split = prefixed.split(texts, _iso(source), first_analyser, elsewhere,  # cofinancée
                                        lambda words: self._plain(route, words))
        unknown: list[list[str]] = [[] for _ in current]
        pivot: list[list[str]] = [[] for _ in current]
        first: list[list[str]] = [[] for _ in current]  # source words the first pair did not know
        middle = list(texts)
        for leg, mode in enumerate(route):
            if leg:
                middle = current
            opened = [numeral_opener(t) for t in current] if leg == 0 else [(t, {}) for t in current]
            current, found = self._run(mode, [t for t, _ in opened])
            current = [re.sub(r"(?<!\d)\d+(?!\d)", lambda m: back.get(m.group(), m.group()), t) if back else t
                       for t, (_, back) in zip(current, opened)]  # the word stand-in again, for the next pair
            for seen, start, left, new in zip(unknown, first, pivot, found):
                (left if leg else start).extend(w for w in new if w not in seen)
                seen.extend(w for w in new if w not in seen)
        current, made = prefixed.join(current, split, texts, _iso(target))  # co-financiada -> cofinanciada
        for words, starts in zip(unknown + first + pivot, made * 3):
            words[:] = [w for w in words if not w.lower().startswith(starts)]
        fixed: dict[str, str] = {}
        origins: dict[str, str] = {}  # pivot word -> the source word it stood for (back mode)
        if other is not None:
            if len(route) == 2:
                named = _named(middle, current, texts, _iso(route[0].split("-")[1]), target)
                for seen, left, new in zip(unknown, pivot, named):
                    left.extend(w for w in new if w not in seen)
                    seen.extend(w for w in new if w not in seen)
                # words the first pair wrote (afaiçonen), not names, figures or numerals it passed on as the source
                # had them (II, in whatever case the second pair wrote it: Ii), nor target words the second pair
                # could not inflect (#Francia)
                pivot = [[w for w in words if not _has(text, w, re.I)] for words, text in zip(pivot, texts)]
                left = sorted({w for words in pivot for w in words})
                known = {w for w, tokens in zip(left, morphology.analyse(target, left))
                         if not (len(tokens) == 1 and tokens[0].known)} | {w for words in named for w in words}
                pivot = [[w for w in words if w in known] for words in pivot]
                back = "-".join(reversed(route[0].split("-")))
                fixed = mend(self._run, source, target, sorted(known), other, back,
                             common={w for words in named for w in words},
                             origins=origins) if back in self._listed else {}
            # source words the first mode did not know (berceau for fr-es), direct route or pivot; a ligature
            # spelled out first, through the route itself (cœur -> coeur)
            lower = sorted({w for words in first for w in words if w[:1].islower()})
            fixed.update(mend(self._run, source, target, [w for w in lower if spelled_out(w) != w], route,
                              spell=spelled_out))
            fixed.update(mend(self._run, source, target, [w for w in lower if w not in fixed], other))
            current = [replace(text, words, fixed) for text, words in zip(current, unknown)]
            # a pivot word no route translates goes back to the source word it stood for, where the sentence has
            # it: a French word the reviewer reads and the checks flag, where a Catalan one misleads (confrontat)
            spelled = [{w: o for w in words if w not in fixed and (o := source_spelling(text, origins.get(w, ""), w))}
                       for words, text in zip(pivot, texts)]
            current = [replace(text, list(back_to), back_to) for text, back_to in zip(current, spelled)]
            unknown = [[back_to.get(w, w) for w in words] for words, back_to in zip(unknown, spelled)]
            pivot = [[w for w in words if w not in back_to] for words, back_to in zip(pivot, spelled)]
        analysers = [a for a in dict.fromkeys([first_analyser, *elsewhere]) if a is not None]
        for analyser in analysers:  # the sentences with a mend, in one lt-proc each: in_expressions reads them back
            morphology.analyse(source, [t for words, t in zip(unknown, texts) if any(w in fixed for w in words)],
                               analyser)
        mended = [[w for w in words if w in fixed and in_expressions(text, [origins.get(w, w)], source, analysers)]
                  for words, text in zip(unknown, texts)]
        unknown = [[w for w in words if w not in fixed] for words in unknown]
        pivot = [[w for w in words if w not in fixed] for words in pivot]
        lost = [[w for w in words if w[:1].isupper() and _has(text, w) and not _has(out, w)]
                for words, text, out in zip(first, texts, current)] if len(route) == 2 else [[] for _ in texts]
        # French words no route translates, in the target's form from the supplementary lexicon (lexicon.py)
        generators = [g for g in dict.fromkeys(self._data(r[-1], "autogen") for r in (route, other) if r) if g]
        current, done = lexicon.supplement(texts, current, unknown, _iso(source), target, generators)
        unknown = [[w for w in words if w not in d] for words, d in zip(unknown, done)]
        pivot = [[w for w in words if w not in d] for words, d in zip(pivot, done)]
        return Pass([tuple(route)] * len(texts), current, unknown, pivot, mended, lost)

    def _plain(self, route: list[str], texts: list[str]) -> list[str]:
        """`texts` through every mode of `route` in turn."""
        for mode in route:
            texts = self._run(mode, texts)[0]
        return texts

    def _analyser(self, mode: str) -> Path | None:
        """The analyser a mode starts with (`fr-es.automorf.bin`), or None."""
        return self._data(mode, "automorf")

    def _modes_dir(self) -> Path:
        """The folder of `.mode` files `apertium` reads."""
        return Path(self.datadir or os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium"), "modes")

    def _mode_file(self, mode: str) -> Path:
        """The `.mode` file `apertium` would read for `mode`."""
        return self._modes_dir() / f"{mode}.mode"

    def _data(self, mode: str, kind: str) -> Path | None:
        """The `.{kind}.bin` file a mode reads: its analyser (automorf), its generator (autogen), or None."""
        try:
            with open(self._mode_file(mode), encoding="utf-8") as f:
                found = re.search(rf"'([^']+\.{kind}\.bin)'", f.read())
        except OSError:
            return None
        return Path(found.group(1)) if found else None

    def _alternative(self, route: list[str], source: str, target: str) -> list[str] | None:
        """Two modes through a pivot language the route's first mode does not reach, the target's variant
        kept (spa-eng_US for cat-eng_US): fra-cat + cat-spa beside fr-es, fr-es + spa-ita beside fra-cat + cat-ita."""
        variant = route[-1].split("-", 1)[1]
        for pivot in _PIVOTS:
            modes = self.modes()
            if (_iso(source), pivot) not in modes or _iso(route[0].split("-")[1]) == pivot:
                continue
            first = modes[(_iso(source), pivot)]
            for second in (f"{first.split('-')[1]}-{variant}", modes.get((pivot, _iso(target)), "")):
                if second in self._listed:
                    return [first, second]
        return None

    def _run(self, mode: str, texts: list[str]) -> tuple[list[str], list[list[str]]]:
        """All non-blank texts in one batch through MODE, as `apertium -f html MODE` (pipes.py)."""
        todo = [i for i, t in enumerate(texts) if t.strip()]
        results, unknown = list(texts), [list[str]() for _ in texts]
        if not todo:
            return results, unknown
        encoded = [_encode(texts[i], self.blank_placeholders) for i in todo]
        body = "".join(f"<p>{b}</p>\n" for b, _ in encoded)
        try:
            out, last = pipes.translate(self._mode_file(mode), body.encode("utf-8"), _TIMEOUT)
        except (FileNotFoundError, PermissionError, subprocess.CalledProcessError) as exc:
            raise EngineUnavailable(
                f"apertium {mode}: cannot run it ({exc}); `apt-get install apertium`") from exc
        except subprocess.TimeoutExpired as exc:
            raise EngineError(f"apertium {mode}: no answer after {_TIMEOUT}s") from exc
        last = last or "no message"
        # a program that dies leaves the output short: the count tells
        blocks = _BLOCK.findall(out.decode("utf-8", "replace"))
        if len(blocks) != len(todo):
            raise EngineError(f"apertium {mode}: sent {len(todo)} segments, "
                              f"got {len(blocks)} back ({last})")
        for i, block, (_, found) in zip(todo, blocks, encoded):
            text, unknown[i] = _decode(block, found)
            results[i] = errata.correct(mode, _uncapitalised(texts[i], text, unknown[i]))
        return results, unknown

    # -- provenance ----------------------------------------------------------
    def _package_version(self, mode: str) -> str:
        """`apertium-fr-es 0.9.4-1`: the Debian package owning the mode's data."""
        if mode in self._versions:
            return self._versions[mode]
        label = "version unknown"
        try:
            with open(self._mode_file(mode), encoding="utf-8") as f:
                data = re.search(r"'(/[^']+)'", f.read())  # a file the pair ships
            if data:
                label = _owner(data.group(1), _stamp(Path(data.group(1))), _stamp(_DPKG_STATUS))
        except OSError:
            pass  # not a Debian system: provenance stays usable without a version
        self._versions[mode] = label
        return label

    def provenance(self, source: str, target: str) -> str:
        """'apertium fr-es (apertium-fr-es 0.9.4-1)'; pivots say so."""
        return self.label([tuple(self.route(source, target))])

    def label(self, routes: Sequence[Sequence[str]]) -> str:
        """The provenance of a draft whose sentences went through `routes` (several: the per-sentence choice)."""
        routes = sorted({tuple(r) for r in routes})
        versions = ", ".join(self._package_version(m) for m in dict.fromkeys(m for r in routes for m in r))
        names = " and ".join("+".join(r) for r in routes)
        if all(len(r) == 1 for r in routes):
            return f"apertium {names} ({versions})"
        pivots = " and ".join(dict.fromkeys(_iso(r[0].split("-")[1]) for r in routes if len(r) > 1))
        return f"apertium {names} (pivot via {pivots}, lower quality; {versions})"

    def origins(self, source: str, target: str) -> set[str]:
        """Every provenance a draft of this pair may record today: its route's, and with the per-sentence choice
        the other pivot's and both."""
        route = self.route(source, target)
        other = self._alternative(route, source, target)
        if not (self.choose and len(route) == 2 and other is not None):
            return {self.label([route])}
        return {self.label([route]), self.label([other]), self.label([route, other])}
