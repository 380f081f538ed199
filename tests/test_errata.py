"""A pair's known output errors corrected by rule, only in that pair's output (real apertium below)."""
from __future__ import annotations

import pytest

from pipeline.engines import errata
from pipeline.engines.apertium import ApertiumEngine


@pytest.mark.parametrize("mode, text, expected", [
    ("fr-es", "El uno de los objetivos del gobierno", "Uno de los objetivos del gobierno"),
    ("fr-es", "ha lanzado el uno de los primeros", "ha lanzado uno de los primeros"),
    ("fr-es", "Lo una de las primeras", "Una de las primeras"),
    ("fr-es", "EL UNO DE LOS EJES", "UNO DE LOS EJES"),
    ("fr-es", "Es un de los iniciadores", "Es uno de los iniciadores"),
    ("fr-es", "el uno de enero", "el uno de enero"),           # a date: no article after de
    ("fr-es", "un debate", "un debate"),
    ("fra-cat", "El uno de los objetivos", "El uno de los objetivos"),  # another pair's output: not touched
    ("spa-eng", "with the end to propose", "in order to propose"),
    ("spa-eng", "With the end of explore", "In order to explore"),
    ("spa-eng", "THE TECHNICAL SQUADS", "THE TECHNICAL TEAMS"),
    ("spa-eng", "the squad TALEP", "the team TALEP"),
    ("cat-eng", "AT THE KICK OF THE NATIONAL DEFENCE", "AT THE SERVICE OF THE NATIONAL DEFENCE"),
    ("cat-eng", "For such to reinforce", "In order to reinforce"),
    ("spa-eng", "the end of the year", "the end of the year"),
    ("spa-ita", "Partorisca trasformare i proietti", "Per trasformare i progetti"),
    ("spa-ita", "IL PROIETTO EUROPEO", "IL PROGETTO EUROPEO"),
    ("cat-ita", "partorisca", "partorisca"),
])
def test_a_pairs_known_errors_are_corrected_in_its_output(mode: str, text: str, expected: str) -> None:
    assert errata.correct(mode, text) == expected


def test_the_engine_corrects_them_and_the_pivot_route_carries_the_correction() -> None:
    engine = ApertiumEngine(choose=False)
    assert engine.translate(["L'un des objectifs du gouvernement."], "fr", "es") == ["Uno de los objetivos del gobierno."]
    assert engine.translate(["L'un des objectifs du gouvernement."], "fr", "en")[0].startswith("One of the")
