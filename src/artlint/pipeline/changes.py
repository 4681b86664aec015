"""``--changed-since REF``: which lines of which files changed since a git ref, so that a pull
request is judged on what it touched.

The comparison is between the work tree (committed, staged or not) and the merge base of REF and
``HEAD`` (where the branch left REF; REF itself when there is none, as in a shallow clone), as
``git diff`` reports it with renames followed. Files git does not track yet are new, every line
of them. A finding is kept when one of its lines was added or changed, or when it is about the
whole document (``no-sources``) and the file changed at all."""

from __future__ import annotations

import codecs
import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from artlint.diagnostics import Diagnostic
from artlint.records import dataclass

if TYPE_CHECKING:  # imported only for --changed-since, where it runs
    import subprocess

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class ChangesError(Exception):
    """git cannot say what changed (no git, not a work tree, an unknown ref); one line."""


@dataclass
class Changes:
    """Changed line numbers by resolved path; ``None``: the whole file is new."""

    lines: dict[Path, set[int] | None] = field(default_factory=dict)

    def _key(self, file: Path) -> Path:
        try:
            return file.resolve()
        except (OSError, RuntimeError):
            return file.absolute()

    def touches(self, file: Path) -> bool:
        return self._key(file) in self.lines

    def keep(self, file: Path, diagnostics: list[Diagnostic], document_rules: set[str]) -> list[Diagnostic]:
        """The diagnostics on changed lines, and those about the whole (changed) document."""
        key = self._key(file)
        if key not in self.lines:
            return []
        changed = self.lines[key]
        if changed is None:
            return diagnostics
        return [d for d in diagnostics if d.rule in document_rules or _on_changed_line(d, changed)]


def _on_changed_line(d: Diagnostic, changed: set[int]) -> bool:
    last = d.end_line - 1 if d.end_line > d.line and d.end_column == 1 else d.end_line  # ends at a line start
    return any(line in changed for line in range(d.line, last + 1))


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    import subprocess  # only for --changed-since

    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=300)
    except FileNotFoundError:
        raise ChangesError("--changed-since needs git, which is not installed (or not on PATH)") from None


def _unquote(name: str) -> str:
    """A path as git prints it: C-quoted when it holds a tab, a quote or a backslash."""
    if name.startswith('"') and name.endswith('"'):
        return codecs.escape_decode(name[1:-1].encode("utf-8"))[0].decode("utf-8", "surrogateescape")
    return name


def parse_diff(text: str) -> dict[str, set[int]]:
    """Added or changed line numbers (in the new file) by path, from ``git diff -U0`` output."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            name = _unquote(line[4:].rstrip("\t"))
            current = None if name == "/dev/null" else out.setdefault(name.removeprefix("b/"), set())
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or 1)
                current.update(range(start, start + count))
    return out


def changed_lines(ref: str, cwd: Path = Path(".")) -> Changes:
    """What changed since ``ref`` in the work tree that holds ``cwd``."""
    top_run = _git(["rev-parse", "--show-toplevel"], cwd)
    if top_run.returncode != 0:
        raise ChangesError(f"--changed-since {ref}: {Path(cwd).resolve()} is not in a git work tree")
    top = Path(top_run.stdout.decode("utf-8", "surrogateescape").strip())
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top).returncode != 0:
        raise ChangesError(f"--changed-since {ref}: no such commit, branch or tag in {top}")
    merge_base = _git(["merge-base", ref, "HEAD"], top)
    base = merge_base.stdout.decode().strip() if merge_base.returncode == 0 else ref
    diff = _git(["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "-U0",
                 "--find-renames", "--src-prefix=a/", "--dst-prefix=b/", base, "--"], top)
    if diff.returncode != 0:
        raise ChangesError(f"--changed-since {ref}: git diff failed: "
                           f"{diff.stderr.decode('utf-8', 'replace').strip().splitlines()[-1:]}")
    changes = Changes()
    for name, lines in parse_diff(diff.stdout.decode("utf-8", "surrogateescape")).items():
        changes.lines[(top / name).resolve()] = lines
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    for name in untracked.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if name:
            changes.lines[(top / name).resolve()] = None
    return changes
