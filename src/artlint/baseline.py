"""Baselines: adopt artlint on an archive that already has findings, and see only new ones.

``artlint check --write-baseline FILE`` records every current finding; ``--baseline FILE``
then reports only the findings that are not in it. A finding is recorded by file, rule and a
*fingerprint*: a hash of the rule, the matched text and the text around it on its line
(whitespace collapsed), never its line or column, so a finding stays known when lines are
added or removed above it. Identical findings in the same context are counted, so a second
copy of a recorded defect is reported as new. A finding about the whole article (``no-sources``)
is fingerprinted by its rule alone.

Paths in the file are relative to the baseline's folder, so the baseline works from any working
directory and in a fresh clone."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from artlint.diagnostics import Diagnostic

FORMAT_VERSION = 1
CONTEXT = 40  # characters of the line on each side of the match that belong to the fingerprint


class BaselineError(Exception):
    """A baseline file artlint cannot use; one line for the user."""


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _hash(d: Diagnostic, lines: Sequence[str], document_rules: Iterable[str]) -> str:
    if d.rule in document_rules:
        parts = [d.rule]
    else:
        line = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
        start = d.column - 1
        end = d.end_column - 1 if d.end_line == d.line else len(line)
        before = _collapse(line[max(0, start - CONTEXT):start])
        after = _collapse(line[end:end + CONTEXT])
        match = d.match.replace("\r\n", "\n").replace("\r", "\n")
        parts = [d.rule, before, match, after]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:20]


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
        if not isinstance(data, dict) or data.get("artlint-baseline") != FORMAT_VERSION \
                or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: not an artlint baseline (version {FORMAT_VERSION}); "
                                f"write one with --write-baseline")
        counts: Counter = Counter()
        for i, entry in enumerate(data["findings"]):
            try:
                key = (str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))
                count = int(entry.get("count", 1))
            except (TypeError, KeyError, ValueError):
                raise BaselineError(f"{path}: findings[{i}]: needs path, rule and fingerprint") from None
            counts[key] += count
        return cls(path=path, counts=counts)

    def filter(self, display: str, diagnostics: list[Diagnostic], lines: Sequence[str],
               document_rules: Iterable[str] = ()) -> list[Diagnostic]:
        """The diagnostics of one file that the baseline does not know."""
        file_key = _key_path(display, self.path.parent)
        self.files_seen.add(file_key)
        document_rules = set(document_rules)
        new = []
        for d in diagnostics:
            key = (file_key, d.rule, _hash(d, lines, document_rules))
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
