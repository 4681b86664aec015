"""What a workspace's configs depend on, so that an edit to any of them reloads them: each
config file, each rule folder (a file added or removed changes its modification time) and each
rule file in it. ``Stamps`` is the fallback for editors that send no
``workspace/didChangeWatchedFiles``: it is compared before each lint, a few ``stat`` calls."""

from __future__ import annotations

import os
from pathlib import Path

from artlint.config import Config

CONFIG_NAMES = frozenset({".artlint.toml", "pyproject.toml"})
RULE_SUFFIXES = (".yaml", ".yml")


def stamp(path: Path) -> tuple[int, int] | None:
    """(modification time, size) of a file or folder; None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def dependencies(config: Config) -> list[Path]:
    """The files and folders a loaded config was built from (its own file, its rule folders and
    their rule files)."""
    paths = [config.path] if config.path is not None else []
    for folder in config.rules:
        folder = Path(folder)
        paths.append(folder)
        if folder.is_dir():
            paths.extend(p for p in sorted(folder.iterdir()) if p.suffix in RULE_SUFFIXES)
    return paths


def is_config_related(path: Path) -> bool:
    """Could a change to this file change a config or a rule (a watched-file event worth a reload)?"""
    return path.name in CONFIG_NAMES or path.suffix in RULE_SUFFIXES


class Stamps:
    """The stamps of the files a set of configs depends on, as they were when loaded."""

    def __init__(self) -> None:
        self._seen: dict[Path, tuple[int, int] | None] = {}

    def track(self, paths) -> None:
        for path in paths:
            if path not in self._seen:
                self._seen[path] = stamp(path)

    def changed(self) -> bool:
        return any(stamp(path) != seen for path, seen in self._seen.items())
