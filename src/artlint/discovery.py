"""Which files a run lints.

Folders are walked in sorted order; folders matching a default exclude (``.git``,
``node_modules``, virtualenvs, ``build``, ``dist``...) or a configured ``exclude`` are pruned,
and files must match ``include``. A path named on the command line is linted whatever its
extension; only the configured ``exclude`` globs can skip it (so a pre-commit hook that passes
file names honours the project's excludes), never the built-in defaults.

Each folder is judged by its own configuration (the nearest config file above it), so a
sub-project with its own ``.artlint.toml`` gets its own ``include``/``exclude``.

Symbolic links are not followed out of the linted path: a link (to a file or a folder) whose
target is outside the folder named on the command line (for a named file, outside its folder)
is skipped and reported (``Links``), unless ``--follow-links`` asks for it; a stranger's pull
request can add ``articles/x.md -> ../../private/notes.txt``, and neither its lines nor
``--fix`` may reach that file. Links inside the linted path are linted (once, by
``pipeline.targets``); folder links inside it are not walked again, as before.

In a git work tree the walk also skips what git ignores (``GitIgnore``: every ``.gitignore``
from the work tree's top down, and ``.git/info/exclude``), as ruff does; like the configured
excludes, this judges only names met on the walk, never a path named on the command line.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import field
from pathlib import Path
from typing import Callable, Iterator, Optional

from artlint.config import DEFAULT_EXCLUDE, Config
from artlint.records import dataclass
from artlint.safe_write import is_inside

ConfigFor = Callable[[Path], Config]
LinkReport = Callable[[Path, Path, Path], None]  # (the link, its target, the linted root)


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


def linted_root(path: Path) -> Path:
    """The resolved folder a path's files must stay in: the folder itself, or a file's folder."""
    return Path(os.path.realpath(path if path.is_dir() else path.parent))


@dataclass
class Links:
    """How one walk treats symbolic links: a link whose target is outside ``root`` is
    reported and skipped, unless ``follow``; with ``follow``, folder links are walked, each
    real folder once (a link back up would otherwise loop forever)."""

    root: Path
    follow: bool = False
    report: LinkReport | None = None
    walked: set[Path] = field(default_factory=set, init=False, repr=False)  # real folders followed into

    def _outside(self, path: Path) -> Path | None:
        """The target of ``path`` when it is a link leading out of the root. A broken link or
        a loop is not judged here: reading it says what is wrong."""
        if not os.path.islink(path) or not os.path.exists(path):
            return None
        target = Path(os.path.realpath(path))
        return None if is_inside(target, [self.root]) else target

    def keeps_file(self, file: Path) -> bool:
        target = self._outside(file)
        if target is None or self.follow:
            return True
        if self.report is not None:
            self.report(file, target, self.root)
        return False

    def keeps_folder(self, folder: Path) -> bool:
        if not os.path.islink(folder):
            return True
        if not self.follow:  # never walked (os.walk does not follow links); said when it leads out
            self.keeps_file(folder)
            return False
        real = Path(os.path.realpath(folder))
        if real in self.walked or real == self.root:
            return False
        self.walked.add(real)
        return True


def iter_files(path: Path, config_for: ConfigFor | Config, gitignore: Optional[GitIgnore] = None,
               links: Links | None = None) -> Iterator[Path]:
    """Files to lint under ``path`` (a file, or a folder to walk); with ``gitignore``, the walk
    skips what git ignores; ``links``: how symbolic links are treated (default: a link out of
    ``path`` is skipped in silence)."""
    lookup: ConfigFor = (lambda _p: config_for) if isinstance(config_for, Config) else config_for
    links = links or Links(linted_root(path))
    if not path.is_dir():
        if not lookup(path.parent).is_excluded_by_user(path) and links.keeps_file(path):
            yield path
        return
    top = lookup(path)
    if top.is_excluded_by_user(path) and path.resolve() != top.root.resolve():
        return
    # A folder that cannot be listed (no permission, gone) is not skipped in silence: it is
    # yielded, and reading it says why it could not be linted.
    unlistable: list[OSError] = []
    for folder, dirs, files in os.walk(path, onerror=unlistable.append, followlinks=links.follow):
        while unlistable:
            yield Path(unlistable.pop(0).filename)
        base = Path(folder)
        config = lookup(base)
        # Folders above ``path`` were chosen by the user; only names met on the walk are judged.
        dirs[:] = sorted(d for d in dirs
                         if not is_default_excluded(d) and not config.is_excluded_by_user(base / d)
                         and not (gitignore and gitignore.ignores(base / d, True)) and links.keeps_folder(base / d))
        for name in sorted(files):
            file = base / name
            if config.is_included(file) and not is_default_excluded(name) and not config.is_excluded_by_user(file) \
                    and not (gitignore and gitignore.ignores(file, False)) and links.keeps_file(file):
                yield file
    while unlistable:
        yield Path(unlistable.pop(0).filename)
