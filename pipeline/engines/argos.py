"""Argos Translate engine: installed Argos packages run directly with CTranslate2.

argostranslate.translate is never imported: it imports torch and stanza (seconds
of start-up), splits sentences with MiniSBD or Stanza (both try to download
models), and translates one string per call.  The caller has already segmented
the text, so here every input is tokenized with the package's SentencePiece (or
BPE) model, inputs are sorted by length and sent in chunks of batch_size, one
translate_batch call per chunk, and the results are put back in input order.
Decoding mirrors argostranslate (beam 4, length_penalty 0.2, replace_unknowns,
the package's target_prefix) with a decoding-length cap tied to the input length.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

from pipeline.engines import argos_models
from pipeline.errors import EngineError, EngineUnavailable

MAX_DECODING_LENGTH = 1024  # tokens; a hard ceiling whatever the input length


class ArgosEngine:
    """Offline machine translation with installed Argos packages (direct or through English)."""

    name = "argos"
    keeps_unknown_words = False  # unknown words come out as the model's best guess, not in place

    def __init__(self, models_dir: Path | str | None = None, device: str = "cpu",
                 intra_threads: int | None = None, batch_size: int = 32,
                 beam_size: int = 4) -> None:
        self.models_dir = Path(models_dir) if models_dir is not None else None
        self.device = device
        self.intra_threads = intra_threads if intra_threads is not None else (os.cpu_count() or 1)
        self.batch_size = max(1, batch_size)
        self.beam_size = max(1, beam_size)
        self.last_unknown: list[list[str]] = []
        # argostranslate's Package and ctranslate2's Translator are untyped: Any
        self._packages: dict[tuple[str, str], Any] | None = None
        self._translators: dict[Path, Any] = {}

    # -- routes -----------------------------------------------------------

    def _installed(self) -> dict[tuple[str, str], Any]:
        """(from, to) -> newest installed package, read once per engine."""
        if self._packages is None:
            found = argos_models.installed_packages(self.models_dir)
            self._packages = {}
            for pair in {(p.from_code, p.to_code) for p in found}:
                self._packages[pair] = argos_models.newest(found, *pair)
        return self._packages

    def _route(self, source: str, target: str) -> list[Any]:
        installed = self._installed()
        if (source, target) in installed:
            return [installed[(source, target)]]
        pivot = argos_models.PIVOT
        if source != pivot and target != pivot:
            hops = [installed.get((source, pivot)), installed.get((pivot, target))]
            if all(hops):
                return hops
        return []

    def supports(self, source: str, target: str) -> bool:
        return source == target or bool(self._route(source, target))

    def _require(self, source: str, target: str) -> list[Any]:
        route = self._route(source, target)
        if not route:
            where = self.models_dir or argos_models.default_models_dir()
            raise EngineUnavailable(
                f"no Argos model for {source}->{target} in {where}; "
                f"install one with `pipeline models install {target}`")
        return route

    def provenance(self, source: str, target: str) -> str:
        from argostranslate.package import argospm_package_name

        route = self._require(source, target)
        return "argos " + " + ".join(f"{argospm_package_name(p)} {p.package_version}" for p in route)

    # -- translation ------------------------------------------------------

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        texts = list(texts)
        self.last_unknown = [[] for _ in texts]
        if source == target or not texts:
            return texts
        for pkg in self._require(source, target):
            texts = self._translate_with(pkg, texts)
        return texts

    def _translator(self, pkg: Any) -> Any:
        """One CTranslate2 Translator per package, created on first use."""
        path = pkg.package_path / "model"
        if path not in self._translators:
            import ctranslate2

            try:
                self._translators[path] = ctranslate2.Translator(
                    str(path), device=self.device, intra_threads=self.intra_threads)
            except (RuntimeError, ValueError, OSError) as exc:
                raise EngineError(f"cannot load Argos model {path}: {exc}") from None
        return self._translators[path]

    def _translate_with(self, pkg: Any, texts: list[str]) -> list[str]:
        try:
            tokens = [pkg.tokenizer.encode(t) if t.strip() else [] for t in texts]
        except (RuntimeError, OSError, AttributeError) as exc:  # no/unreadable tokenizer
            raise EngineError(f"cannot tokenize with {pkg.package_path}: {exc}") from None
        translator = self._translator(pkg)
        out = list(texts)  # blank inputs stay as they are
        order = sorted((i for i, t in enumerate(tokens) if t), key=lambda i: len(tokens[i]))
        prefix = getattr(pkg, "target_prefix", "")
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            batch = [tokens[i] for i in chunk]
            longest = max(len(t) for t in batch)
            try:
                results = translator.translate_batch(
                    batch,
                    target_prefix=[[prefix]] * len(batch) if prefix else None,
                    beam_size=self.beam_size,
                    num_hypotheses=1,
                    length_penalty=0.2,
                    replace_unknowns=True,
                    max_decoding_length=min(MAX_DECODING_LENGTH, 2 * longest + 20),
                )
            except (RuntimeError, ValueError) as exc:
                raise EngineError(f"Argos model {pkg.package_path.name} failed: {exc}") from None
            if len(results) != len(batch):
                raise EngineError(f"Argos model {pkg.package_path.name} returned "
                                  f"{len(results)} results for {len(batch)} inputs")
            for i, result in zip(chunk, results):
                out[i] = self._decode(pkg, result.hypotheses[0], prefix)
        return out

    @staticmethod
    def _decode(pkg: Any, pieces: list[str], prefix: str) -> str:
        """Detokenize like argostranslate, minus its '_' -> ' ' replacement (it breaks identifiers)."""
        if prefix and pieces[:1] == [prefix]:
            pieces = pieces[1:]
        tokenizer = pkg.tokenizer
        if hasattr(tokenizer, "lazy_processor"):  # SentencePiece
            text: str = tokenizer.lazy_processor().decode_pieces(pieces).replace("\u2581", " ")
        else:  # BPE + Moses
            text = tokenizer.decode(pieces)
        return text[1:] if text.startswith(" ") else text
