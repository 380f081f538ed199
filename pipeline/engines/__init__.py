"""Machine-translation engines behind one small protocol.

Engines see plain strings only: no PO entries, no markup handling, no glossary.
Protection and restoration of markup live in the translate stage.
"""
from __future__ import annotations

from typing import Protocol, Sequence

from pipeline.errors import EngineError, EngineUnavailable

__all__ = ["Engine", "EngineError", "EngineUnavailable"]


class Engine(Protocol):
    """A batch of source strings in, the same number of target strings out."""

    name: str

    def supports(self, source: str, target: str) -> bool:
        """True when this engine can translate source -> target on this machine."""

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate a batch; raise EngineUnavailable or EngineError on failure."""

    def provenance(self, source: str, target: str) -> str:
        """Engine and model version for the translator comment, e.g. 'argos translate-fr_en 1.9'."""
