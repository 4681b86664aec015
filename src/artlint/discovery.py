"""Which files a run lints.

Folders are walked in sorted order; folders matching a default exclude (``.git``,
``node_modules``, virtualenvs, ``build``, ``dist``...) or a configured ``exclude`` are pruned,
and files must match ``include``. A path named on the command line is linted whatever its
extension; only the configured ``exclude`` globs can skip it (so a pre-commit hook that passes
file names honours the project's excludes), never the built-in defaults.

Each folder is judged by its own configuration (the nearest config file above it), so a
sub-project with its own ``.artlint.toml`` gets its own ``include``/``exclude``.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Callable, Iterator

from artlint.config import DEFAULT_EXCLUDE, Config

ConfigFor = Callable[[Path], Config]


_DEFAULT_EXCLUDED = re.compile("|".join(fnmatch.translate(pattern) for pattern in DEFAULT_EXCLUDE))


def is_default_excluded(name: str) -> bool:
    """A file or folder name that is never an article folder: ``.git``, ``node_modules``...
    (``fnmatchcase`` against each pattern, as one regex)."""
    return _DEFAULT_EXCLUDED.match(name) is not None


def iter_files(path: Path, config_for: ConfigFor | Config) -> Iterator[Path]:
    """Files to lint under ``path`` (a file, or a folder to walk)."""
    lookup: ConfigFor = (lambda _p: config_for) if isinstance(config_for, Config) else config_for
    if not path.is_dir():
        if not lookup(path.parent).is_excluded_by_user(path):
            yield path
        return
    top = lookup(path)
    if top.is_excluded_by_user(path) and path.resolve() != top.root.resolve():
        return
    # A folder that cannot be listed (no permission, gone) is not skipped in silence: it is
    # yielded, and reading it says why it could not be linted.
    unlistable: list[OSError] = []
    for folder, dirs, files in os.walk(path, onerror=unlistable.append):
        while unlistable:
            yield Path(unlistable.pop(0).filename)
        base = Path(folder)
        config = lookup(base)
        # Folders above ``path`` were chosen by the user; only names met on the walk are judged.
        dirs[:] = sorted(d for d in dirs
                         if not is_default_excluded(d) and not config.is_excluded_by_user(base / d))
        for name in sorted(files):
            file = base / name
            if config.is_included(file) and not is_default_excluded(name) and not config.is_excluded_by_user(file):
                yield file
    while unlistable:
        yield Path(unlistable.pop(0).filename)
