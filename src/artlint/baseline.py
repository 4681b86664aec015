"""Baselines: adopt artlint on an archive that already has findings, and see only new ones.

``artlint check --write-baseline FILE`` records every current finding; ``--baseline FILE``
then reports only the findings that are not in it. A finding is recorded by file, rule and a
*fingerprint*: a hash of the rule and the matched text (whitespace collapsed; for a match that
is only whitespace, such as a stray space, the character after it too), never its line, column
or the text around it. So a finding stays known when lines move, when the same line or
paragraph is edited elsewhere (in a ``.txt`` file a paragraph is one line), and after ``--fix``
repairs another finding next to it. Identical findings are told apart by count: the file holds
how many there are, they are matched in order, and one copy more than recorded is new. A
finding about the whole article (``no-sources``) is fingerprinted by its rule alone.

The file is versioned (``"artlint-baseline": 2``). Version 1 files, whose fingerprints also
hashed 40 characters of the line on each side of the match, still load and are matched the way
they were written; ``--write-baseline`` writes version 2.

Paths in the file are relative to the baseline's folder, so the baseline works from any working
directory and in a fresh clone."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import field
from pathlib import Path
from typing import Iterable, Sequence

from artlint.diagnostics import Diagnostic
from artlint.records import dataclass

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
V1_CONTEXT = 40  # version 1: characters of the line on each side of the match in the fingerprint


class BaselineError(Exception):
    """A baseline file artlint cannot use; one line for the user."""


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _next_character(d: Diagnostic, lines: Sequence[str]) -> str:
    """The first non-blank character after a finding on its last line ("" when none is known)."""
    rest = _line(lines, d.end_line)[d.end_column - 1:].lstrip() if d.end_line == d.line else ""
    return rest[:1]


def _hash(d: Diagnostic, lines: Sequence[str], document_rules: Iterable[str], version: int = FORMAT_VERSION) -> str:
    if d.rule in document_rules:
        parts = [d.rule]
    elif version == 1:
        parts = _v1_parts(d, lines)
    else:
        match = _collapse(d.match)
        # A stray space is only told from another by what it stands before (" ," or " .").
        parts = [d.rule, match] if match else [d.rule, "", _next_character(d, lines)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:20]


def _v1_parts(d: Diagnostic, lines: Sequence[str]) -> list[str]:
    """Version 1: the match and up to 40 characters of its line on each side."""
    line = _line(lines, d.line)
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line else len(line)
    before = _collapse(line[max(0, start - V1_CONTEXT):start])
    after = _collapse(line[end:end + V1_CONTEXT])
    match = d.match.replace("\r\n", "\n").replace("\r", "\n")
    return [d.rule, before, match, after]


def fingerprints(diagnostics: Sequence[Diagnostic], lines: Sequence[str],
                 document_rules: Iterable[str] = ()) -> list[str]:
    """One fingerprint per diagnostic of one file, ``<hash>:<n>`` where ``n`` counts earlier
    diagnostics with the same hash (so each is unique in its file), independent of line numbers."""
    document_rules = set(document_rules)
    seen: Counter[str] = Counter()
    out = []
    for d in diagnostics:
        h = _hash(d, lines, document_rules)
        out.append(f"{h}:{seen[h]}")
        seen[h] += 1
    return out


def _key_path(display: str, folder: Path) -> str:
    """A file's path as the baseline records it: relative to the baseline's folder."""
    if display.startswith("<"):  # <stdin>
        return display
    absolute = os.path.abspath(display)
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(folder))).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_posix()


@dataclass
class Baseline:
    path: Path
    counts: Counter = field(default_factory=Counter)  # (path, rule, hash) -> occurrences
    used: Counter = field(default_factory=Counter)
    files_seen: set = field(default_factory=set)
    version: int = FORMAT_VERSION  # how its fingerprints were made

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file does not exist (write one with --write-baseline)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}: not a baseline file: invalid JSON ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("findings"), list) \
                or "artlint-baseline" not in data:
            raise BaselineError(f"{path}: not an artlint baseline; write one with --write-baseline")
        version = data["artlint-baseline"]
        if type(version) is not int or version not in READABLE_VERSIONS:
            raise BaselineError(f"{path}: baseline format version {version!r} is not one this artlint "
                                f"reads ({', '.join(map(str, READABLE_VERSIONS))}); write it again with "
                                f"--write-baseline")
        counts: Counter = Counter()
        for i, entry in enumerate(data["findings"]):
            try:
                key = (str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))
                count = int(entry.get("count", 1))
            except (TypeError, KeyError, ValueError):
                raise BaselineError(f"{path}: findings[{i}]: needs path, rule and fingerprint") from None
            counts[key] += count
        return cls(path=path, counts=counts, version=version)

    def filter(self, display: str, diagnostics: list[Diagnostic], lines: Sequence[str],
               document_rules: Iterable[str] = ()) -> list[Diagnostic]:
        """The diagnostics of one file that the baseline does not know."""
        file_key = _key_path(display, self.path.parent)
        self.files_seen.add(file_key)
        document_rules = set(document_rules)
        new = []
        for d in diagnostics:
            key = (file_key, d.rule, _hash(d, lines, document_rules, self.version))
            if self.used[key] < self.counts[key]:
                self.used[key] += 1
            else:
                new.append(d)
        return new

    @property
    def suppressed(self) -> int:
        return sum(self.used.values())

    @property
    def gone(self) -> int:
        """Recorded findings, in the files seen in this run, that no longer occur."""
        return sum(n - self.used[k] for k, n in self.counts.items() if k[0] in self.files_seen)


def render(entries: Iterable[tuple[str, list[Diagnostic], Sequence[str]]], folder: Path,
           document_rules: Iterable[str] = ()) -> tuple[str, int]:
    """The baseline file's text for ``(display path, diagnostics, lines)`` of each file, and the
    number of findings it records."""
    document_rules = set(document_rules)
    grouped: dict[tuple[str, str, str], dict] = {}
    total = 0
    for display, diagnostics, lines in entries:
        file_key = _key_path(display, folder)
        for d in diagnostics:
            key = (file_key, d.rule, _hash(d, lines, document_rules))
            total += 1
            if key in grouped:
                grouped[key]["count"] += 1
            else:  # line and match are for people reading the file; matching ignores them
                grouped[key] = {"path": key[0], "rule": d.rule, "fingerprint": key[2], "count": 1,
                                "line": d.line, "match": d.match[:80]}
    findings = sorted(grouped.values(), key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]))
    data = {"artlint-baseline": FORMAT_VERSION,
            "comment": "Findings recorded by `artlint check --write-baseline`; `--baseline` reports only new ones.",
            "findings": findings}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n", total
