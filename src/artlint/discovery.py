"""Which files a run lints.

Folders are walked in sorted order; folders matching a default exclude (``.git``,
``node_modules``, virtualenvs, ``build``, ``dist``...) or a configured ``exclude`` are pruned,
and files must match ``include``. A path named on the command line is linted whatever its
extension; only the configured ``exclude`` globs can skip it (so a pre-commit hook that passes
file names honours the project's excludes), never the built-in defaults.

Each folder is judged by its own configuration (the nearest config file above it), so a
sub-project with its own ``.artlint.toml`` gets its own ``include``/``exclude``.

In a git work tree the walk also skips what git ignores (``GitIgnore``: every ``.gitignore``
from the work tree's top down, and ``.git/info/exclude``), as ruff does; like the configured
excludes, this judges only names met on the walk, never a path named on the command line.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Callable, Iterator, Optional

from artlint.config import DEFAULT_EXCLUDE, Config

ConfigFor = Callable[[Path], Config]


_DEFAULT_EXCLUDED = re.compile("|".join(fnmatch.translate(pattern) for pattern in DEFAULT_EXCLUDE))


def is_default_excluded(name: str) -> bool:
    """A file or folder name that is never an article folder: ``.git``, ``node_modules``...
    (``fnmatchcase`` against each pattern, as one regex)."""
    return _DEFAULT_EXCLUDED.match(name) is not None


class GitIgnore:
    """What git ignores, read from the ``.gitignore`` files of the work trees met (with pathspec,
    which implements git's own matching); a deeper ``.gitignore`` overrides a shallower one.
    Outside a git work tree nothing is ignored."""

    def __init__(self) -> None:
        self._tops: dict[Path, Path | None] = {}  # folder -> the top of its work tree
        self._specs: dict[Path, object | None] = {}  # folder -> its patterns

    def _top(self, folder: Path) -> Path | None:
        if folder not in self._tops:
            if (folder / ".git").exists():
                self._tops[folder] = folder
            elif folder.parent == folder:
                self._tops[folder] = None
            else:
                self._tops[folder] = self._top(folder.parent)
        return self._tops[folder]

    def _spec(self, folder: Path, top: Path):
        if folder not in self._specs:
            lines: list[str] = []
            sources = [folder / ".gitignore"]
            if folder == top:
                sources.insert(0, top / ".git" / "info" / "exclude")
            for source in sources:
                try:
                    lines += source.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    pass
            if lines:
                import pathspec

                self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines)
            else:
                self._specs[folder] = None
        return self._specs[folder]

    def ignores(self, path: Path, is_dir: bool) -> bool:
        """True when git ignores ``path`` (a folder when ``is_dir``)."""
        path = Path(os.path.abspath(path))
        top = self._top(path.parent)
        if top is None:
            return False
        verdict = None
        folder = path.parent
        chain = [folder, *folder.parents]
        for base in reversed(chain[:chain.index(top) + 1]):  # from the top down: deeper files win
            spec = self._spec(base, top)
            if spec is None:
                continue
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            include = spec.check_file(relative).include
            if include is not None:
                verdict = include
        return bool(verdict)


def iter_files(path: Path, config_for: ConfigFor | Config, gitignore: Optional[GitIgnore] = None) -> Iterator[Path]:
    """Files to lint under ``path`` (a file, or a folder to walk); with ``gitignore``, the walk
    skips what git ignores."""
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
                         if not is_default_excluded(d) and not config.is_excluded_by_user(base / d)
                         and not (gitignore and gitignore.ignores(base / d, True)))
        for name in sorted(files):
            file = base / name
            if config.is_included(file) and not is_default_excluded(name) and not config.is_excluded_by_user(file) \
                    and not (gitignore and gitignore.ignores(file, False)):
                yield file
    while unlistable:
        yield Path(unlistable.pop(0).filename)
