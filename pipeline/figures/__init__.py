"""Figures (numbers, amounts, dates, times) kept right across languages, by value.

Three jobs, one module each:
- recognise: find the figures of a French text and their values (`find_figures`);
- render: write a figure as a target locale writes it, with Babel (`render`, `localise`);
- readback: read the values back from target text, so QA can compare (`values`, `compare`).
"""
from __future__ import annotations

from pipeline.figures.readback import compare, values
from pipeline.figures.recognise import DateParts, DayRange, Figure, find_figures, magnitudes, same_value
from pipeline.figures.render import localise, render

__all__ = ["DateParts", "DayRange", "Figure", "compare", "find_figures", "localise", "magnitudes", "render",
           "same_value", "values"]
