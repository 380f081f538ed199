"""Every expected failure, in one place: shown to the user as one line, never as a traceback.

Library code raises these; only the command line prints `error: ...` and
returns `exit_code`.  Anything else that escapes is a bug and keeps its traceback.
"""
from __future__ import annotations


def where(path: object, line: int | None = None) -> str:
    """`path:line`, or `path` when the line is unknown: how every message names a place."""
    return f"{path}:{line}" if line else str(path)


class PipelineError(Exception):
    """An expected failure; cli.main() prints it as `error: ...` and exits with exit_code."""

    exit_code = 1


class UsageError(PipelineError):
    """A command line that asks for something impossible (like argparse's own errors, exit 2)."""

    exit_code = 2


class Busy(PipelineError):
    """Another command holds the project's lock and we were asked not to wait."""


class GateRefused(PipelineError):
    """A publish gate refused a document (too little translated or reviewed); nothing was written."""


class LocatedError(PipelineError):
    """An error in a file, at a line when known: `path:line: message`."""

    def __init__(self, path: object, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{where(self.path, line)}: {message}")


class SourceError(LocatedError):
    """A source document that cannot be read or segmented."""


class CatalogError(LocatedError):
    """A POT/PO catalogue that cannot be read or written."""


class ConfigError(LocatedError):
    """A bad [tool.pipeline] setting."""


class OutputError(LocatedError):
    """An output file or folder that cannot be written."""


class GlossaryError(LocatedError):
    """A glossary.csv that cannot be read."""


class WordListError(LocatedError):
    """A locales/<lang>/words.txt line that is not one word."""


class TMXError(LocatedError):
    """A TMX translation-memory file that cannot be read."""


class ModelFileError(LocatedError):
    """A .argosmodel file that is not a valid, readable Argos package."""


class EngineUnavailable(PipelineError):
    """A translation engine, model or binary is missing; the message says how to install it."""


class EngineError(PipelineError):
    """A translation engine failed while translating."""
