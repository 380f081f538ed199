"""Reading inputs with clear errors, and atomic writes that never leave a truncated file."""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from pipeline.errors import LocatedError, SourceError


def read_text(path: Path, error: type[LocatedError] = SourceError) -> str:
    """A UTF-8 text file; a missing or non-UTF-8 file raises `error` naming the file and line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(path, None, "no such file") from None
    except IsADirectoryError:
        raise error(path, None, "is a directory, not a file") from None
    except PermissionError:
        raise error(path, None, "permission denied") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
                                "save the file as UTF-8 and run again") from None


def write_text(path: Path, text: str, before_replace: Callable[[], None] | None = None) -> bool:
    """Write `text` atomically (temporary file, fsync, rename); False when the file already held it.

    `before_replace` runs once the new content is safely on disk, just before the
    rename: it may raise to leave the file as it is (the temporary file is removed).
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def temporary_files(folder: Path) -> list[Path]:
    """Temporary files that write_text left behind in `folder` and below (a write killed midway)."""
    return sorted(p for p in folder.rglob(".*.tmp") if p.is_file()) if folder.is_dir() else []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes; "absent" when it cannot be read (a missing glossary, memory or word list)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """One digest of the pipeline's code and its own page strings, as installed: what the run cache and the
    kept QA findings both depend on (computed once per process; the code does not change under it)."""
    code = Path(__file__).parent
    parts = [f"{p.relative_to(code)} {file_digest(p)}" for p in sorted(code.rglob("*"))
             if p.suffix in (".py", ".po", ".pot")]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
