"""Configuration: ``[tool.artlint]`` in ``pyproject.toml`` or ``.artlint.toml``, found from the
linted path upward (``.artlint.toml`` wins in the same folder), validated with jsonschema."""

from __future__ import annotations

import fnmatch
import json
import math
import re
from dataclasses import field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from artlint.records import dataclass

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdx", "*.txt", "*.html", "*.htm", "*.xhtml")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".env", "env", ".tox", ".nox",
    "build", "dist", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".artlint_cache", "site-packages", "*.egg-info",
)


# Files larger than this are refused before they are read (max-file-size; 0: no limit). Memory
# and time grow with a file's size, and an article is rarely above a few hundred kilobytes.
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)?\s*", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}


def parse_size(value: int | str) -> int:
    """A size in bytes from ``5242880``, ``"5MiB"``, ``"5 MB"``, ``"500kb"``; ``ValueError`` if
    it is none."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"{value} is negative")
        return value
    match = _SIZE.fullmatch(str(value))
    if match is None:
        raise ValueError(f"{value!r} is not a size (bytes, or a number with B, KB, MB, GB, KiB, MiB or GiB)")
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "b").lower()])


def format_size(size: int) -> str:
    """``5 MiB``, ``5 MB``, ``1.5 GiB``, ``300 bytes``: a size as people read it (a whole number
    of a binary or decimal unit when there is one, as a limit usually is)."""
    units = ((2**30, "GiB"), (10**9, "GB"), (2**20, "MiB"), (10**6, "MB"), (2**10, "KiB"), (10**3, "KB"))
    for unit, name in units:
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    for unit, name in units[::2]:
        if size >= unit:
            return f"{size / unit:.1f} {name}"
    return f"{size} bytes"


class ConfigError(Exception):
    """A configuration artlint cannot use; one line naming the file and the key."""


@dataclass
class Config:
    """A loaded configuration: the defaults, a config file's settings over them."""

    path: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # folder that relative paths and globs are based on
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rules: list[Path] = field(default_factory=list)
    builtin_rules: bool = True
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    language: str = "en"
    fail_on: str = "warning"
    rule_options: dict[str, dict] = field(default_factory=dict)
    regex_timeout: float | None = None  # seconds a user's rule may take on one document (default 1)
    check_links: bool = False  # check-links: fetch external links (artlint.links)
    verify_sources: bool = False  # verify-sources: read the sources figures cite (artlint.verify)
    links: dict = field(default_factory=dict)  # [links]: online link-check settings
    jobs: int | None = None  # worker processes for `check` (None: one per CPU)
    cache: bool = True  # keep lint results in .artlint_cache/ (artlint.result_cache)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes; a larger file is not read (0: no limit)
    # [front-matter]: the keys whose values are published, so prose (None: the default ones)
    front_matter_fields: tuple[str, ...] | None = None
    docs_url: str | None = None  # where the rule reference is published (SARIF helpUri, `artlint rule`)
    nested_security: str | None = None  # "allow" | "forbid": may nested configs set security settings (trust.py)
    prefix: str = ""  # where the settings sit in the file: "tool.artlint" in pyproject.toml

    @property
    def source(self) -> str:
        return str(self.path) if self.path else "command line"

    def key(self, name: str) -> str:
        """The dotted path of a setting, as the user wrote it (``tool.artlint.select``)."""
        return f"{self.prefix}.{name}" if self.prefix else name

    def is_excluded_by_user(self, path: Path) -> bool:
        """True when a configured ``exclude`` glob (not a default) matches the path."""
        if not self.exclude:
            return False
        return _matches(self._relative(path), self.exclude)

    def _relative(self, path: Path) -> PurePosixPath:
        try:
            return PurePosixPath(path.resolve().relative_to(self.root.resolve()).as_posix())
        except (ValueError, OSError, RuntimeError):  # outside the root, or a symbolic link loop
            return PurePosixPath(path.as_posix())

    def is_excluded(self, path: Path) -> bool:
        """True when the path, or a folder it is in, matches a default or configured exclude."""
        return _matches(self._relative(path), (*DEFAULT_EXCLUDE, *self.exclude))

    def is_included(self, path: Path) -> bool:
        return any(fnmatch.fnmatch(path.name, pattern) for pattern in self.include)

    def ignored_for(self, path: Path) -> list[str]:
        if not self.per_file_ignores:
            return []
        try:
            rel = path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the root, or a symbolic link loop
            rel = path.as_posix()
        out: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            bare = pattern[3:] if pattern.startswith("**/") else pattern.removeprefix("./")
            if any(fnmatch.fnmatchcase(name, glob) for name in (rel, path.name) for glob in (pattern, bare)):
                out.extend(selectors)
        return out


CACHE_FOLDER = ".artlint_cache"  # the caches' folder in a project, unless links.cache-dir says otherwise


def project_root(config: Config) -> Path:
    """The folder the cache lives in: the config file's folder, else the current folder."""
    return config.path.parent.resolve() if config.path is not None else Path.cwd()


def _matches(rel: PurePosixPath, patterns) -> bool:
    """A glob without ``/`` matches any one component; with ``/``, the path or a leading part of it."""
    parts = [p for p in rel.parts if p not in (".", "")]
    for pattern in patterns:
        pattern = pattern.strip("/")
        if pattern.startswith("./"):
            pattern = pattern[2:]
        if "/" in pattern:
            if any(fnmatch.fnmatchcase("/".join(parts[: i + 1]), pattern) for i in range(len(parts))):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in parts):
            return True
    return False


@lru_cache(maxsize=1)
def _schema() -> dict:
    from importlib import resources  # a run without a config file never needs it

    return json.loads(resources.files("artlint").joinpath("config.schema.json").read_text("utf-8"))


def regex_timeout_ok(value) -> bool:
    """A ``regex-timeout`` that keeps the limit on: unset, or a finite positive number (at most
    an hour: the schema's bound)."""
    if value is None:
        return True
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 3600


def _non_finite(value, path: list[str]) -> list[str] | None:
    """The path to the first nan or infinity in a TOML value (TOML allows them), else None."""
    if isinstance(value, float) and not math.isfinite(value):
        return path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _non_finite(item, [*path, str(key)])
        if found is not None:
            return found
    return None


def _validate(data: dict, source: str, prefix: str) -> None:
    # JSON Schema's bounds let nan through (every comparison with it is false): a regex-timeout
    # or a link budget of nan would turn its limit off. No setting takes nan or infinity.
    timeout = data.get("regex-timeout")
    if isinstance(timeout, float) and not math.isfinite(timeout):  # (the schema words the other errors)
        raise ConfigError(f"{source}: {prefix + '.' if prefix else ''}regex-timeout: must be a finite positive "
                          f"number of seconds, not {timeout!r}")
    found = _non_finite(data, [prefix] if prefix else [])
    if found is not None:
        raise ConfigError(f"{source}: {'.'.join(found)}: must be a finite number, not {_value_at(data, found, prefix)}")
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(_schema()).iter_errors(data))
    if error is None:
        return
    path = [prefix] if prefix else []
    path += [str(p) for p in error.absolute_path]
    message = error.message
    if error.validator == "additionalProperties" and error.validator_value is False:
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(k for k in error.instance if k not in allowed)
        if unknown:
            path.append(unknown[0])
            known = ", ".join(sorted(allowed))
            message = f"unknown key (known keys: {known})" if allowed else "unknown key"
    raise ConfigError(f"{source}: {'.'.join(path) or '(top level)'}: {message}")


def _value_at(data: dict, path: list[str], prefix: str):
    value = data
    for key in path[1 if prefix else 0 :]:
        value = value[int(key)] if isinstance(value, list) else value[key]
    return value


def load_config_file(path: Path) -> Config:
    import tomllib  # only when there is a config file to read

    source = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{source}: cannot read config: {exc}") from None
    if path.name == "pyproject.toml":
        data, prefix = raw.get("tool", {}).get("artlint", {}), "tool.artlint"
    else:
        data, prefix = raw, ""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: {prefix}: must be a table")
    _validate(data, source, prefix)
    root = path.parent.resolve()
    key = (lambda name: f"{prefix}.{name}" if prefix else name)
    for i, folder in enumerate(data.get("rules", [])):
        if not (root / folder).is_dir():
            raise ConfigError(f"{source}: {key('rules')}[{i}]: rule folder {folder!r} does not exist "
                              f"(relative to {root})")
    return Config(
        path=path,
        root=root,
        select=data.get("select"),
        ignore=data.get("ignore", []),
        severity=data.get("severity", {}),
        per_file_ignores=data.get("per-file-ignores", {}),
        rules=[(root / folder) for folder in data.get("rules", [])],
        builtin_rules=data.get("builtin-rules", True),
        include=data.get("include", list(DEFAULT_INCLUDE)),
        exclude=data.get("exclude", []),
        language=data.get("language", "en"),
        fail_on=data.get("fail-on", "warning"),
        rule_options=data.get("rule-options", {}),
        regex_timeout=data.get("regex-timeout"),
        check_links=data.get("check-links", False),
        verify_sources=data.get("verify-sources", data.get("verify_sources", False)),
        links=data.get("links", {}),
        jobs=data.get("jobs"),
        cache=data.get("cache", True),
        max_file_size=_max_file_size(data, source, key),
        front_matter_fields=_front_matter_fields(data.get("front-matter", {})),
        docs_url=data.get("docs-url"),
        nested_security=data.get("nested-security"),
        prefix=prefix,
    )


def _max_file_size(data: dict, source: str, key) -> int:
    try:
        return parse_size(data.get("max-file-size", DEFAULT_MAX_FILE_SIZE))
    except ValueError as exc:
        raise ConfigError(f"{source}: {key('max-file-size')}: {exc}") from None


def _front_matter_fields(table: dict) -> tuple[str, ...] | None:
    """``fields`` replaces the default published keys, ``extend-fields`` adds to them."""
    if "fields" not in table and "extend-fields" not in table:
        return None
    if "fields" in table:
        base = tuple(table["fields"])
    else:
        from artlint.document.frontmatter import DEFAULT_FIELDS

        base = DEFAULT_FIELDS
    return tuple(dict.fromkeys((*base, *table.get("extend-fields", []))))


def find_config_file(start: Path, memo: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest ``.artlint.toml``, or ``pyproject.toml`` with a ``[tool.artlint]`` table.
    ``memo``: what each folder was found to hold, shared by the lookups of one run (files in a
    hundred folders under a ``pyproject.toml`` without the table read and parsed it a hundred times)."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if memo is not None and candidate in memo:
            found = memo[candidate]
        else:
            found = _config_in(candidate)
            if memo is not None:
                memo[candidate] = found
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    """The config file in this very folder, if any (see ``find_config_file``)."""
    dotfile = folder / ".artlint.toml"
    if dotfile.is_file():
        return dotfile
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return None
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "artlint" not in text:
        return None
    import tomllib

    try:
        if "artlint" in tomllib.loads(text).get("tool", {}):
            return pyproject
    except tomllib.TOMLDecodeError:
        # Broken TOML is our error to report only when it holds our table.
        if "[tool.artlint" in text:
            return pyproject
    return None


def load_config(explicit: Path | None, start: Path, memo: dict[Path, Path | None] | None = None) -> Config:
    """``explicit``, else the config that governs ``start`` (``memo``: see ``find_config_file``)."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file does not exist")
        return load_config_file(explicit)
    found = find_config_file(start, memo)
    if found is None:
        return Config(root=start.resolve() if start.is_dir() else start.resolve().parent)
    return load_config_file(found)
