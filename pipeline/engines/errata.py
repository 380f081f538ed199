"""Errors a pair always makes in its output, corrected by rule: a small hand-written table per mode.

fr-es reads `l'un des` as an article and a number, `l'une des` as the neuter
article: `El uno de los objetivos`, `Lo una de las primeras`, and `un des` as
`un de los`.  None of these is ever Spanish, and the pivot routes carry them on
(`The one of the aims`); spa-eng writes `with the end to` for `con el fin de`,
cat-eng `at the kick of` for `al servei de`, and spa-ita `partorisca` (give
birth) for the preposition `para`.  Each rule names the mode whose output it corrects, so
a text is touched only where that pair wrote it.
"""
from __future__ import annotations

import re

from pipeline.truecase import like

_RULES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "fr-es": (
        (re.compile(r"(?<![\w'’])(?:el|lo) (uno|una) de (los|las)(?![\w'’])", re.IGNORECASE), r"\1 de \2"),
        (re.compile(r"(?<![\w'’])(un) de (los|las)(?![\w'’])", re.IGNORECASE), r"\1o de \2"),
    ),
    # spa-eng and cat-eng: `con el fin de` / `per tal de` (afin de) and `equipo` / `equip` (équipe), `al servei
    # de` (au service de) read as a football kick-off
    "spa-eng": (
        (re.compile(r"(?<![\w'’])with the end (?:to|of)(?![\w'’])", re.IGNORECASE), "in order to"),
        (re.compile(r"(?<![\w'’])squad(s?)(?![\w'’])", re.IGNORECASE), r"team\1"),
    ),
    # spa-ita: the preposition `para` read as the subjunctive of parir (partorisca, give birth), `proyecto` as
    # proietto (a projectile)
    "spa-ita": (
        (re.compile(r"(?<![\w'’])partorisca(?![\w'’])", re.IGNORECASE), "per"),
        (re.compile(r"(?<![\w'’])proiett([oi])(?![\w'’])", re.IGNORECASE), r"progett\1"),
    ),
    "cat-eng": (
        (re.compile(r"(?<![\w'’])for such to(?![\w'’])", re.IGNORECASE), "in order to"),
        (re.compile(r"(?<![\w'’])squad(s?)(?![\w'’])", re.IGNORECASE), r"team\1"),
        (re.compile(r"(?<![\w'’])at the kick of(?![\w'’])", re.IGNORECASE), "at the service of"),
    ),
}


def correct(mode: str, text: str) -> str:
    """`text`, the output of `mode`, with that mode's known errors corrected, in the case they were written."""
    for pattern, replacement in _RULES.get(mode, ()):
        text = pattern.sub(lambda m: like(m.expand(replacement), m.group()), text)
    return text

