"""The other files a document's result depends on.

A relative link (``[guide](guide.md)``) is reported or not depending on whether ``guide.md``
exists next to the article, so a lint result is a function of the article's bytes *and* of what
its checks looked up on disk. Checks ask through ``probes(doc).exists(path)``, which records
each answer, relative to the article's folder; ``engine.lint_document`` hands the record on with
the diagnostics (``LintResult.file_probes``), and the result cache keeps it with the row and
serves the row only while every recorded answer is still the same."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

_KEY = "file-probes"


class FileProbes:
    """Existence checks made relative to one folder: relative path -> whether it existed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.answers: dict[str, bool] = {}
        # The folder's half of os.path.relpath, worked out once (a missing link's target is
        # looked up under eleven names), for the current folder it was worked out in when the
        # folder is relative; on POSIX only, whose relpath this is, and whose relative paths
        # are already written as as_posix writes them.
        self._posix = os.path is posixpath
        self._absolute = os.path.isabs(folder)
        self._folder_parts: list[str] | None = None
        self._cwd: str | None = None

    def exists(self, path: Path) -> bool:
        found = path.exists()
        self.answers[self._relative(path)] = found
        return found

    def _relative(self, path: Path) -> str:
        """``Path(os.path.relpath(path, self.folder)).as_posix()``."""
        if not self._posix:
            return Path(os.path.relpath(path, self.folder)).as_posix()
        cwd = None if self._absolute else os.getcwd()
        folder_parts = self._folder_parts
        if folder_parts is None or cwd != self._cwd:
            folder_parts = self._folder_parts = [x for x in os.path.abspath(self.folder).split("/") if x]
            self._cwd = cwd
        parts = [x for x in os.path.abspath(path).split("/") if x]
        shared = len(os.path.commonprefix([folder_parts, parts]))
        relative = [os.pardir] * (len(folder_parts) - shared) + parts[shared:]
        return "/".join(relative) if relative else os.curdir


def probes(doc, folder: Path) -> FileProbes:
    """The document's record of file lookups made relative to ``folder`` (its own folder)."""
    found = doc.shared.get(_KEY)
    if found is None:
        found = doc.shared[_KEY] = FileProbes(folder)
    return found


def answers_of(doc) -> dict[str, bool]:
    found = doc.shared.get(_KEY)
    return dict(found.answers) if found is not None else {}


def still_true(answers: dict[str, bool], folder: Path) -> bool:
    """Whether every recorded lookup, made again from ``folder``, gives the same answer."""
    try:
        return all((folder / rel).exists() == existed for rel, existed in answers.items())
    except (OSError, ValueError):
        return False


class LintResult(list):
    """A document's diagnostics (a plain list to every reader), with the file lookups they
    depend on: ``file_probes`` maps a path relative to the document's folder to whether it
    existed. It pickles with them, so pool workers hand them to the parent's cache."""

    def __init__(self, diagnostics=(), file_probes: dict[str, bool] | None = None) -> None:
        super().__init__(diagnostics)
        self.file_probes = file_probes or {}
