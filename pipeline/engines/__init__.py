"""Machine-translation engines behind one small protocol.

Engines see plain strings only: no PO entries, no markup handling, no glossary.
Protection and restoration of markup live in the translate stage.  Heavy
imports (ctranslate2, the apertium binary) happen inside the engine, on first use.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol, Sequence

from pipeline.errors import EngineError, EngineUnavailable

if TYPE_CHECKING:
    from pipeline.config import Config

__all__ = ["Engine", "EngineError", "EngineUnavailable", "IdentityEngine", "PseudoEngine", "create"]


class Engine(Protocol):
    """A batch of source strings in, the same number of target strings out."""

    name: str

    def supports(self, source: str, target: str) -> bool:
        """True when this engine can translate source -> target on this machine."""

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate a batch; raise EngineUnavailable or EngineError on failure."""

    def provenance(self, source: str, target: str) -> str:
        """Engine and model version for the translator comment, e.g. 'argos translate-fr_en 1.9'."""


class IdentityEngine:
    """Returns its input: exercises protection, batching and marking without any model."""

    name = "identity"

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return list(texts)

    def provenance(self, source: str, target: str) -> str:
        return "identity (copies the source)"


class PseudoEngine:
    """The qps-ploc pseudo-translation: accented letters, about 30 % longer, brackets around each
    string; placeholders (so all markup) untouched.  Shows layout and markup problems with no model."""

    name = "pseudo"
    _ACCENTS = str.maketrans("abcdeghiklnorstuyzABCDEGHIKLNORSTUYZ", "àƀçđéĝĥîķĺñöŕšţûýžÀƁÇĐÉĜĤÎĶĹÑÖŔŠŢÛÝŽ")

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [self._pseudo(t) for t in texts]

    def _pseudo(self, text: str) -> str:
        visible = len(re.sub(r"⟦\d+⟧", "", text))
        return f"［{text.translate(self._ACCENTS)} {'·' * max(1, round(visible * 0.3))}］"

    def provenance(self, source: str, target: str) -> str:
        return "pseudo (qps-ploc)"


def create(name: str, config: Config) -> Engine:
    """The engine called `name`, set up from the configuration."""
    if name == "argos":
        from pipeline.engines.argos import ArgosEngine

        return ArgosEngine(models_dir=config.models_path(), device=config.device,
                           intra_threads=config.threads or None, batch_size=config.batch_size)
    if name == "apertium":
        from pipeline.engines.apertium import ApertiumEngine

        # placeholders as superblanks: Apertium's tagger then sees clean sentences
        return ApertiumEngine(blank_placeholders=True)
    if name == "identity":
        return IdentityEngine()
    if name == "pseudo":
        return PseudoEngine()
    raise ValueError(f"unknown engine {name!r}")
