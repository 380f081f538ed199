"""Expected failures: shown to the user as one line, never as a traceback."""
from __future__ import annotations


class PipelineError(Exception):
    """An expected failure; cli.main() prints it as `error: ...` and exits."""

    exit_code = 1


class LocatedError(PipelineError):
    """An error in a file, at a line when known: `path:line: message`."""

    def __init__(self, path: object, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class SourceError(LocatedError):
    """A source document that cannot be read or segmented."""


class CatalogError(LocatedError):
    """A POT/PO catalogue that cannot be read or written."""


class ConfigError(LocatedError):
    """A bad [tool.pipeline] setting."""


class EngineUnavailable(PipelineError):
    """A translation engine, model or binary is missing; the message says how to install it."""


class EngineError(PipelineError):
    """A translation engine failed while translating."""
