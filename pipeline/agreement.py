"""Determiner-noun agreement in gender and number, read by Apertium's morphological analyser.

`lt-proc` with the target language's analyser (the `.automorf.bin` of an
installed pair whose first language is the target) gives every reading of
every word.  A determiner followed directly by a word that can only be a noun
disagrees when none of its determiner readings fits any noun reading: `los
empresa`, `la ciutats`.  Ambiguity never raises a finding.  One lt-proc process
per catalogue reads every text at once, one per line.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from pipeline.locales import base_language
from pipeline.reading import visible

APERTIUM_DIR = Path("/usr/share/apertium")
ANALYSERS = {"es": "apertium-fr-es/es-fr.automorf.bin", "ca": "apertium-fra-cat/cat-fra.automorf.bin",
             "oc": "apertium-oci-fra/oci-fra.automorf.bin", "it": "apertium-spa-ita/ita-spa.automorf.bin"}
_UNIT = re.compile(r"\^((?:[^$\\]|\\.)*)\$")
_SPECIAL = re.compile(r"([\\^$/<>\[\]{}@*#+~])")
_SLASH = re.compile(r"(?<!\\)/")
_TAG = re.compile(r"<([^<>]+)>")
_GENDERS, _NUMBERS = {"m", "f", "nt", "mf"}, {"sg", "pl", "sp"}
_WORDS = {"m": "masculine", "f": "feminine", "nt": "neuter", "sg": "singular", "pl": "plural"}
_VOWELS = re.compile(r"[aeiouáéíóúü]+")

_EL_UN = {"el", "un", "del", "al", "algún", "ningún"}


def available(lang: str) -> bool:
    """Whether lt-proc and an analyser for `lang` are installed."""
    path = ANALYSERS.get(base_language(lang))
    return bool(path and shutil.which("lt-proc") and (APERTIUM_DIR / path).exists())


@lru_cache(maxsize=64)
def disagreements(texts: tuple[str, ...], lang: str) -> dict[str, tuple[str, ...]]:
    """text -> one message per determiner-noun pair that disagrees; texts without any are left out.

    Remembered, so that a run can analyse every language's catalogue at once first (pipeline.review.warm)."""
    if not texts or not available(lang):
        return {}
    lines = [_SPECIAL.sub(r"\\\1", " ".join(visible(t).split())) for t in texts]
    done = subprocess.run(["lt-proc", "-w", str(APERTIUM_DIR / ANALYSERS[base_language(lang)])],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, encoding="utf-8",
                          check=True)
    found = {}
    for text, line in zip(texts, done.stdout.split("\n")):
        messages = tuple(dict.fromkeys(_pairs(line, base_language(lang))))
        if messages:
            found[text] = messages
    return found


@lru_cache(maxsize=16384)
def _readings(unit: str) -> tuple[str, list[set[str]]]:
    """(surface form, tag sets of each reading); a contraction (del = de+el) is read by its last part.
    Remembered (the same words recur in every text): read, never change."""
    surface, *readings = _SLASH.split(unit)
    return surface.replace("\\", ""), [set(_TAG.findall(r.split("+")[-1])) for r in readings if not r.startswith("*")]


def _pairs(line: str, lang: str) -> list[str]:
    out = []
    previous: re.Match[str] | None = None
    for unit in _UNIT.finditer(line):
        if previous is not None and not line[previous.end():unit.start()].strip():
            message = _disagree(_readings(previous.group(1)), _readings(unit.group(1)), lang)
            if message:
                out.append(message)
        previous = unit
    return out


def _disagree(first: tuple[str, list[set[str]]], second: tuple[str, list[set[str]]], lang: str) -> str:
    (det_form, det_readings), (noun_form, noun_readings) = first, second
    dets = [r for r in det_readings if "det" in r]
    if not dets or any("pr" in r and "det" not in r for r in det_readings):
        return ""  # no determiner, or also a bare preposition (Occitan de)
    if not noun_readings or not all("n" in r for r in noun_readings):
        return ""
    if lang == "es" and det_form.lower() in _EL_UN and _stressed_a(noun_form.lower()):
        return ""
    if any(_fits(d, n) for d in dets for n in noun_readings):
        return ""
    gender = not any(_fits(d, n, number=False) for d in dets for n in noun_readings)
    what = "gender" if gender else "number"
    return (f"«{det_form} {noun_form}»: determiner and noun disagree in {what} "
            f"({_describe(dets[0], gender)}, {_describe(noun_readings[0], gender)}); make them agree")


def _stressed_a(word: str) -> bool:
    """Spanish el/un before a feminine noun in stressed a-: el agua, el área, un aula (not el agencia)."""
    bare = word.removeprefix("h")
    return bare.startswith("á") or (bare.startswith("a") and len(_VOWELS.findall(word)) <= 2)


def _fits(det: set[str], noun: set[str], number: bool = True) -> bool:
    def agree(kinds: set[str], wild: str) -> bool:
        a, b = det & kinds, noun & kinds
        return not a or not b or bool(a & b) or wild in a | b
    return agree(_GENDERS, "mf") and (not number or agree(_NUMBERS, "sp"))


def _describe(tags: set[str], gender: bool) -> str:
    kinds = _GENDERS if gender else _NUMBERS
    return next((_WORDS.get(t, t) for t in sorted(tags & kinds)), "unmarked")
