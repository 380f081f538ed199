"""Machine-translation engines behind one small protocol, and the table that names them.

Engines see plain strings only: no PO entries, no markup handling, no glossary.
Protection and restoration of markup live in the translate stage.  Heavy
imports (ctranslate2, the apertium binary) happen inside the engine, on first use.
ENGINES is the one list of engine names: the configuration is checked against it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Protocol, Sequence

from pipeline.engines.identity import IdentityEngine, PseudoEngine
from pipeline.errors import ConfigError, EngineError, EngineUnavailable

if TYPE_CHECKING:
    from pipeline.config import Config  # config imports ENGINES: no import at run time

__all__ = ["ENGINES", "Engine", "EngineError", "EngineUnavailable", "IdentityEngine", "PseudoEngine", "create"]


class Engine(Protocol):
    """A batch of source strings in, the same number of target strings out."""

    name: str
    keeps_unknown_words: bool
    """Unknown words and numerals pass through in place, so the translate stage may send
    made-up words as stand-ins for placeholders (Apertium); False for neural engines."""
    last_unknown: list[list[str]]
    """The unknown words of each text of the last translate() call; empty lists when the
    engine does not report them."""

    def supports(self, source: str, target: str) -> bool:
        """True when this engine can translate source -> target on this machine."""

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate a batch; raise EngineUnavailable or EngineError on failure."""

    def provenance(self, source: str, target: str) -> str:
        """Engine and model version for the translator comment, e.g. 'argos translate-fr_en 1.9'."""


def _argos(config: Config) -> Engine:
    from pipeline.engines.argos import ArgosEngine

    return ArgosEngine(models_dir=config.models_path(), device=config.device,
                       intra_threads=config.threads or None, batch_size=config.batch_size)


def _apertium(config: Config) -> Engine:
    from pipeline.engines.apertium import ApertiumEngine

    # placeholders as superblanks: Apertium's tagger then sees clean sentences
    return ApertiumEngine(blank_placeholders=True)


ENGINES: dict[str, Callable[[Config], Engine]] = {
    "argos": _argos,
    "apertium": _apertium,
    "identity": lambda config: IdentityEngine(),
    "pseudo": lambda config: PseudoEngine(),
}
"""Engine name -> factory from the configuration; the order is the one error messages list."""


def create(name: str, config: Config) -> Engine:
    """The engine called `name`, set up from the configuration."""
    factory = ENGINES.get(name)
    if factory is None:
        raise ConfigError(config.root / "pyproject.toml", None,
                          f"unknown engine {name!r}; valid engines: {', '.join(ENGINES)}")
    return factory(config)
