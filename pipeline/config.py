"""[tool.pipeline] from pyproject.toml -> one frozen Config; unknown keys are an error."""
from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import dialect, frontmatter
from pipeline.engines import ENGINES
from pipeline.errors import ConfigError
from pipeline.fileio import read_text
from pipeline.locales import PSEUDO, check

DEFAULT_TARGETS = ("en", "es", "it", "de", "ar", "zh", "ca", "oc")
DEFAULT_ENGINES = ("argos", "apertium")


@dataclass(frozen=True)
class Config:
    """Every option of the pipeline; paths are relative to `root`."""

    root: Path
    project: str = "pipeline"
    version: str = ""
    source_language: str = "fr"
    sources: tuple[str, ...] = ("source/*.md",)
    targets: tuple[str, ...] = DEFAULT_TARGETS
    locales_dir: str = "locales"
    build_dir: str = "build"
    release: bool = False        # release build: reviewed text only; draft build (default): drafts too, flagged
    include_fuzzy: bool = False  # publish fuzzy drafts even in a release build
    min_translated: float = 0.0
    min_reviewed: float = 0.0
    fail_on_qa_errors: bool = False
    bugs_address: str = ""
    markdown: tuple[str, ...] = dialect.DEFAULT  # Markdown extensions (dialect.EXTENSIONS); [] = CommonMark + tables
    front_matter_keys: tuple[str, ...] = frontmatter.DEFAULT_KEYS  # front-matter values (or lists) to translate
    glossary: str = "glossary.csv"
    memory: str = "locales/memory.tmx"  # the project's translation memory (TMX), fed by `pipeline tm import`
    tm_threshold: float = 0.75           # least similarity for a fuzzy memory match
    engines: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"default": DEFAULT_ENGINES})
    models_dir: str = ""   # Argos models; "" = $PIPELINE_MODELS_DIR, else argostranslate's own
    device: str = "cpu"
    threads: int = 0       # CTranslate2 intra-op threads; 0 = every core
    batch_size: int = 32

    def models_path(self) -> Path | None:
        """Where Argos models live: $PIPELINE_MODELS_DIR, else models_dir, else None (argostranslate's own)."""
        chosen = os.environ.get("PIPELINE_MODELS_DIR") or self.models_dir
        return (self.root / chosen) if chosen else None

    def engines_for(self, lang: str) -> tuple[str, ...]:
        """Engine names to try for `lang`, in order (the pseudo-locale needs none but its own)."""
        if lang == PSEUDO and lang not in self.engines:
            return ("pseudo",)
        return self.engines.get(lang, self.engines.get("default", DEFAULT_ENGINES))

    def documents(self) -> list[Path]:
        """Source documents matched by `sources`, sorted, as absolute paths."""
        found: set[Path] = set()
        for pattern in self.sources:
            found.update(p for p in self.root.glob(pattern) if p.is_file())
        return sorted(found)

    def domain(self, document: Path) -> str:
        """Catalogue domain of a source document: dossier.fr.md -> dossier."""
        stem = document.name.removesuffix(".md").removesuffix(".markdown")
        return stem.removesuffix("." + self.source_language)

    def relative(self, path: Path) -> str:
        """`path` as written in PO references: POSIX, relative to the project root."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def pot_path(self, domain: str) -> Path:
        return self.root / self.locales_dir / f"{domain}.pot"

    def po_path(self, lang: str, domain: str) -> Path:
        return self.root / self.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"

    def build_path(self, lang: str, domain: str, suffix: str) -> Path:
        return self.root / self.build_dir / lang / f"{domain}{suffix}"


_KEYS = {f.name for f in dataclasses.fields(Config)} - {"root", "project", "version"}


def find_root(start: Path) -> Path:
    """The nearest directory at or above `start` with a pyproject.toml, else `start`."""
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return start


_RANGES: dict[str, tuple[float, float, str]] = {
    "batch_size": (1, 1_000_000, "at least 1"),
    "threads": (0, 1_000_000, "0 (every core) or more"),
    "tm_threshold": (0.01, 1.0, "a similarity between 0.01 and 1"),
    "min_translated": (0, 100, "a percentage between 0 and 100"),
    "min_reviewed": (0, 100, "a percentage between 0 and 100"),
}
_DEVICES = ("cpu", "cuda", "auto")
_PATHS = ("locales_dir", "build_dir", "glossary", "memory", "models_dir")
"""Settings naming a file or directory: inside the project, or an absolute path the user chose."""


def load(root: Path) -> Config:
    """Read and validate [tool.pipeline] of root/pyproject.toml (defaults when absent)."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return Config(root=root)
    text = read_text(path, ConfigError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, getattr(exc, "lineno", None), f"not valid TOML: {exc}") from None
    project = _table(data, "project", path, text)
    table = _table(_table(data, "tool", path, text), "pipeline", path, text, "tool.")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(path, _line_of(text, unknown[0] + " "),
                          f"unknown key [tool.pipeline] {unknown[0]!r}; valid keys: {', '.join(sorted(_KEYS))}")
    values: dict[str, object] = {}
    for key, value in table.items():
        values[key] = _value(key, value, getattr(Config(root=root), key), path, text)
    chosen = values.get("markdown", ())
    unknown = sorted(set(chosen) - set(dialect.EXTENSIONS)) if isinstance(chosen, tuple) else []
    if unknown:
        raise ConfigError(path, _line_of(text, f'"{unknown[0]}"'), f"unknown Markdown extension {unknown[0]!r} in "
                          f"[tool.pipeline] markdown; known: {', '.join(dialect.EXTENSIONS)}")
    for code in (values.get("source_language", "fr"), *values.get("targets", DEFAULT_TARGETS)):  # type: ignore[misc]
        try:
            check(str(code))
        except ValueError:
            raise ConfigError(path, _line_of(text, f'"{code}"'),
                              f"unknown language code {code!r} in [tool.pipeline]; use an ISO 639 code such as 'de' or 'pt_BR'") from None
    return Config(root=root, project=str(project.get("name", root.name)),
                  version=str(project.get("version", "")), **values)  # type: ignore[arg-type]


def _table(data: dict[str, object], key: str, path: Path, text: str, prefix: str = "") -> dict[str, object]:
    """data[key] when it is a TOML table (empty when absent); a ConfigError naming its line otherwise."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        found = re.search(rf"^\s*{key}\s*=", text, re.MULTILINE)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        raise ConfigError(path, line, f"{prefix}{key} must be a table ([{prefix}{key}]), not {type(value).__name__}")
    return value


def _value(key: str, value: object, default: object, path: Path, text: str) -> object:
    """One [tool.pipeline] setting, checked for its type, range and, for paths, where it points."""
    def bad(message: str) -> ConfigError:
        return ConfigError(path, _line_of(text, key), f"[tool.pipeline] {key} {message}")

    if isinstance(default, dict):
        return _engines(value, path, text, key)
    if isinstance(default, tuple):
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise bad("must be a list of strings")
        if key == "sources":
            for pattern in value:
                if _outside(pattern) or Path(pattern).is_absolute():
                    raise bad(f"pattern {pattern!r} must be relative to the project directory and stay inside it")
        return tuple(value)
    if isinstance(default, (bool, str)):
        if type(value) is not type(default):
            raise bad(f"must be a {type(default).__name__}")
    elif isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(default, int) and not isinstance(value, int)):
        raise bad("must be a whole number" if isinstance(default, int) else "must be a number")
    if key in _RANGES:
        low, high, what = _RANGES[key]
        if not low <= value <= high:  # type: ignore[operator]
            raise bad(f"is {value!r}; it must be {what}")
    if key == "device" and value not in _DEVICES:
        raise bad(f"is {value!r}; it must be one of {', '.join(_DEVICES)}")
    if key in _PATHS and isinstance(value, str):
        if "\0" in value or (not value and key != "models_dir"):
            raise bad("must name a file or directory")
        if _outside(value):
            raise bad(f"{value!r} points outside the project directory; use a path inside it, "
                      "or an absolute path to mean a place outside on purpose")
    return value


def _outside(relative: str) -> bool:
    """True when a relative path leaves the directory it is relative to (absolute paths are the user's choice)."""
    if Path(relative).is_absolute():
        return False
    return os.path.normpath(relative).split(os.sep)[0] == ".."


def _engines(value: object, path: Path, text: str, key: str) -> dict[str, tuple[str, ...]]:
    """[tool.pipeline.engines]: language (or "default") -> list of engine names."""
    if not isinstance(value, dict):
        raise ConfigError(path, _line_of(text, key), "[tool.pipeline.engines] must be a table: language = [engines]")
    table: dict[str, tuple[str, ...]] = {"default": DEFAULT_ENGINES}
    for lang, names in value.items():
        if not (isinstance(names, list) and all(isinstance(n, str) and n in ENGINES for n in names)):
            raise ConfigError(path, _line_of(text, f"{lang} ="), f"[tool.pipeline.engines] {lang}: "
                              f"a list of engine names among {', '.join(ENGINES)}")
        table[lang] = tuple(names)
    return table


def _line_of(text: str, needle: str, section: str = "[tool.pipeline]") -> int | None:
    """The 1-based line of `needle` after the `section` header (from the top without one), for error messages."""
    start = text.find(section) if section else 0
    pos = text.find(needle, max(start, 0))
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None
