"""What an audit lints: folders, globs, single files and manifests, turned into a sorted list
of ``Source`` items (a local file, a URL, or a path that does not exist).

A manifest lists stored articles, one path or URL a line (``#`` comments and blank lines are
ignored), or as JSON: a ``.json`` array, or ``.jsonl`` lines, of strings or of ``{"path": ...}``
/ ``{"url": ...}`` objects. Relative paths are resolved against the manifest's folder. A file
is read as a manifest when it ends in ``.jsonl``, ``.ndjson``, ``.json``, ``.list``, ``.lst`` or
``.manifest``, when its name starts with ``manifest``, or when it is given with ``--manifest``.
"""

from __future__ import annotations

import glob
import json
import os
from pathlib import Path, PurePosixPath
from typing import Callable, NamedTuple, Union
from urllib.parse import urlparse

from artlint.config import Config
from artlint.discovery import GitIgnore, Links, is_default_excluded, iter_files, linted_root

MANIFEST_SUFFIXES = (".jsonl", ".ndjson", ".json", ".list", ".lst", ".manifest")
URL_SCHEMES = ("http", "https", "file")
_GLOB_CHARS = frozenset("*?[")


class ManifestError(Exception):
    """A manifest that cannot be read; one line naming the file (and line)."""


class Source(NamedTuple):
    """One article to audit. ``kind``: ``path`` (a local file), ``url`` (a ``file:`` URL, read by
    the worker), ``page`` (a web page, fetched already: ``text``, and ``format`` when its media
    type decides it), or ``missing`` (reported with status ``error`` and ``message``)."""

    path: str  # what records show: the path as given (or built from the manifest), or the URL
    kind: str
    location: str  # the file to read, or the URL to fetch
    message: str | None = None
    config: int = 0  # which of the run's linters lints it (records.Linters), by the nearest config
    digest: bool = False  # the worker adds the hash of the bytes it linted (for the result cache)
    text: str | None = None  # a fetched page's text
    format: str | None = None  # a fetched page's format (html, markdown), else by its path
    extra: tuple = ()  # findings made before linting, as JSON objects (--verify-sources' verdicts)


ConfigFor = Union[Config, Callable[[Path], Config]]


def _lookup(config: ConfigFor) -> Callable[[Path], Config]:
    return (lambda _folder: config) if isinstance(config, Config) else config


def is_url(text: str) -> bool:
    scheme = urlparse(text).scheme.lower()
    return scheme in URL_SCHEMES and "://" in text


def is_manifest(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(MANIFEST_SUFFIXES) or name.startswith("manifest")


def _has_glob(text: str) -> bool:
    return any(c in _GLOB_CHARS for c in text)


def _glob(pattern: str, config_for: Callable[[Path], Config], gitignore: GitIgnore | None) -> list[Path]:
    out = []
    for name in glob.glob(pattern, recursive=True):
        path = Path(name)
        if not path.is_file():
            continue
        if any(is_default_excluded(part) for part in path.parts[:-1] if part not in (".", "..")):
            continue
        if config_for(path.parent).is_excluded_by_user(path):
            continue
        if gitignore and gitignore.ignores(path, False):  # a pattern walks folders as a folder target does
            continue
        out.append(path)
    return out


def _entry(text: str, base: Path | None, config_for: Callable[[Path], Config], out: list[Source],
           notes: list[str], gitignore: GitIgnore | None = None) -> None:
    """One target: a URL, a glob, a folder, a file, or a path that does not exist."""
    if is_url(text):
        out.append(Source(text, "url", text))
        return
    from_manifest = base is not None and not os.path.isabs(text)
    name = os.path.join(base, text) if from_manifest else text
    path = Path(name)

    def shown(file: Path | str) -> str:
        """A manifest's entries are shown without the detour: lists/../a.md is a.md."""
        return os.path.normpath(file) if from_manifest else str(file)

    if path.is_dir():
        def skipped(link: Path, target: Path, root: Path) -> None:  # (the archive's lines stay its own)
            notes.append(f"{shown(link)}: symbolic link to {target}, outside {root}; skipped")

        found = list(iter_files(path, config_for, gitignore, Links(linted_root(path), report=skipped)))
        if not found:
            include = ", ".join(config_for(path).include)
            notes.append(f"{shown(name)}: no files to audit in this folder (include: {include})")
        out.extend(Source(shown(f), "path", str(f)) for f in found)
    elif path.exists() or path.is_symlink():
        out.append(Source(shown(path), "path", str(path)))
    elif _has_glob(text):
        found = _glob(name, config_for, gitignore)
        if not found:
            notes.append(f"{shown(name)}: no files match this pattern")
        out.extend(Source(shown(f), "path", str(f)) for f in found)
    else:
        out.append(Source(shown(path), "missing", str(path), "no such file or directory"))


def _manifest_entries(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {getattr(exc, 'strerror', None) or exc}") from None
    name = path.name.lower()

    def one(item, where: str) -> str:
        if isinstance(item, str) and item.strip():
            return item.strip()
        if isinstance(item, dict):
            value = item.get("url", item.get("path"))
            if isinstance(value, str) and value.strip():
                return value.strip()
        raise ManifestError(f"{path}: {where}: expected a path, a URL, or an object with \"path\" or \"url\"")

    if name.endswith((".jsonl", ".ndjson")):
        entries = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ManifestError(f"{path}: line {number}: invalid JSON: {exc.msg}") from None
            entries.append(one(item, f"line {number}"))
        return entries
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ManifestError(f"{path}: invalid JSON: {exc.msg} (line {exc.lineno})") from None
        if isinstance(data, dict) and isinstance(data.get("files"), list):
            data = data["files"]
        if not isinstance(data, list):
            raise ManifestError(f"{path}: a JSON manifest is an array of paths or URLs (or of objects "
                                f"with \"path\" or \"url\"), or an object with such a \"files\" array")
        return [one(item, f"item {i}") for i, item in enumerate(data)]
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


def collect(targets: list[str], config: ConfigFor, manifests: list[str] = (),
            gitignore: GitIgnore | None = None) -> tuple[list[Source], list[str]]:
    """The sources to audit, sorted by path and without duplicates, and notes for the user
    (a folder or a pattern with nothing in it). ``config``: one config for every folder, or the
    config of each folder (``Workspace.config_for``). With ``gitignore`` (``Workspace.gitignore()``),
    folders and patterns skip what git ignores; a file named outright is audited all the same.
    Raises ``ManifestError``."""
    config = _lookup(config)
    items: list[Source] = []
    notes: list[str] = []
    for manifest in manifests:
        _from_manifest(Path(manifest), config, items, notes, gitignore)
    for target in targets:
        path = Path(target)
        if not is_url(target) and path.is_file() and is_manifest(path):
            _from_manifest(path, config, items, notes, gitignore)
        else:
            _entry(target, None, config, items, notes, gitignore)
    seen: set[str] = set()
    unique: list[Source] = []
    for item in items:
        key = item.location
        if item.kind == "path":
            try:
                key = str(Path(item.location).resolve())
            except (OSError, RuntimeError):
                key = str(Path(item.location).absolute())
        if key in seen:
            continue
        seen.add(key)
        unique.append(item)
    unique.sort(key=lambda s: s.path)
    return unique, notes


def _from_manifest(path: Path, config: Callable[[Path], Config], items: list[Source], notes: list[str],
                   gitignore: GitIgnore | None) -> None:
    if not path.is_file():
        raise ManifestError(f"{path}: manifest not found")
    base = path.parent
    for entry in _manifest_entries(path):
        _entry(entry, None if str(base) in ("", ".") else base, config, items, notes, gitignore)


def folder_of(path: str) -> str:
    """The folder a record belongs to: the parent of a path (``.`` for none), or of a URL's path."""
    if is_url(path):
        parsed = urlparse(path)
        parent = str(PurePosixPath(parsed.path or "/").parent)
        return f"{parsed.scheme}://{parsed.netloc}{'' if parent == '/' else parent}"
    return str(Path(path).parent)


def format_name(path: str) -> str:
    """The name whose extension picks the format: a URL's path without query and fragment."""
    return urlparse(path).path if is_url(path) else path
