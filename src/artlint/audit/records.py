"""The work of an audit, the same in every engine: read or fetch one article, lint it, and
turn the outcome into JSON Lines records; then the run's summary.

Records (the keys are a contract: ``artlint.audit.html`` and other tools read them):

- ``{"type": "file", "path", "status": "ok"|"unreadable"|"error", "message", "diagnostics",
  "counts": {"error", "warning", "info"}, "categories": {category: n}, "date", "folder"}``,
  written before the file's diagnostics;
- ``{"type": "diagnostic", <the fields of --format json>, "line_text"}``, sorted by line,
  column and rule;
- a last ``{"type": "summary", ...}`` (``summary_record``).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from artlint.api import Linter
from artlint.diagnostics import SEVERITIES, Diagnostic
from artlint.document import UnreadableFile, decode, format_for
from artlint.document.reader import read_bytes

from .inputs import Source, folder_of, format_name

_NEWLINES = re.compile(r"\r\n|\r|\n")
_DATE = re.compile(r"\A(\d{4}-\d{2}-\d{2})")

Records = list[dict[str, Any]]  # one file: its file record, then its diagnostic records
INTERNAL_ERROR = "internal error"  # a file record's message starts so when a check crashed


def read_file_url(url: str, max_size: int | None) -> bytes:
    """The bytes of a ``file:`` URL (web pages are fetched before linting: ``audit.pages``)."""
    from urllib.parse import unquote, urlparse
    from urllib.request import url2pathname

    return read_bytes(Path(url2pathname(unquote(urlparse(url).path))), max_size)


def _date(metadata: dict) -> str | None:
    value = metadata.get("date")
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        m = _DATE.match(value.strip())
        return m.group(1) if m else None
    return None


def file_record(path: str, status: str, message: str | None = None, diagnostics: Iterable[dict] = (),
                date: str | None = None) -> dict[str, Any]:
    diagnostics = list(diagnostics)
    counts = {s: 0 for s in SEVERITIES}
    for d in diagnostics:
        counts[d["severity"]] = counts.get(d["severity"], 0) + 1
    categories = Counter(d["category"] for d in diagnostics)
    return {"type": "file", "path": path, "status": status, "message": message, "diagnostics": len(diagnostics),
            "counts": counts, "categories": dict(sorted(categories.items())), "date": date,
            "folder": folder_of(path)}


class Linters:
    """The linters of a run, one per configuration: a source's ``config`` is its index. Ships to
    workers as one object (each ``Linter`` by its inputs)."""

    def __init__(self, linters: list[Linter]) -> None:
        self.linters = list(linters)

    def __getitem__(self, index: int) -> Linter:
        return self.linters[index]

    def __iter__(self):
        return iter(self.linters)


def linter_of(linter: Linter | Linters, source: Source) -> Linter:
    """The linter (its config) of ``source``: one for the whole audit, or that of its folder."""
    return linter[source.config] if isinstance(linter, Linters) else linter


def ok_records(path: str, text: str, found: list, metadata: dict) -> Records:
    """The records of an article that was linted (or whose result came from the cache)."""
    found.sort(key=lambda d: (d.line, d.column, d.rule))
    lines = _NEWLINES.split(text) if found else []
    diagnostics = [{"type": "diagnostic", **d.to_dict(),
                    "line_text": lines[d.line - 1] if 0 < d.line <= len(lines) else ""} for d in found]
    return [file_record(path, "ok", None, diagnostics, _date(metadata)), *diagnostics]


def audit_one(linter: Linter | Linters, source: Source, timeout: float = 30.0) -> Records:
    """The records of one article (with ``source.digest``, its file record carries the hash of
    the bytes linted under ``"digest"``, for the result cache; the caller removes it)."""
    if source.kind == "missing":
        return [file_record(source.path, "error", source.message)]
    if source.kind == "page":
        return _lint_records(linter_of(linter, source), source, source.text, source.text.encode("utf-8"))
    max_size = linter_of(linter, source).config.max_file_size
    try:
        data = read_file_url(source.location, max_size) if source.kind == "url" else \
            read_bytes(Path(source.location), max_size)
    except UnreadableFile as exc:
        status = "error" if str(exc) == "no such file" else "unreadable"
        return [file_record(source.path, status, "no such file or directory" if status == "error" else str(exc))]
    except MemoryError:  # this article only (exit 2 at the end, as for a crash)
        return [file_record(source.path, "error", f"{INTERNAL_ERROR}: out of memory while reading it")]
    try:
        text = decode(data)
    except UnreadableFile as exc:
        return [file_record(source.path, "unreadable", str(exc))]
    return _lint_records(linter_of(linter, source), source, text, data)


def _lint_records(linter: Linter, source: Source, text: str, data: bytes) -> Records:
    """The records of an article read (``text``, decoded from ``data``)."""
    try:
        document = linter.parse(text, source.path, format=source.format or format_for(format_name(source.path)))
        found = linter.lint_document(document, text,
                                     file=source.location if source.kind == "path" else source.path)
        found += [Diagnostic.from_dict(d) for d in source.extra]
    except MemoryError:
        return [file_record(source.path, "error", f"{INTERNAL_ERROR}: out of memory while linting it")]
    except Exception as exc:  # a bug in a check: say so for this file, audit the others
        if os.environ.get("ARTLINT_DEBUG"):
            raise
        return [file_record(source.path, "error", f"{INTERNAL_ERROR}: {type(exc).__name__}: {exc} (please report "
                                                  f"this bug)")]
    records = ok_records(source.path, text, found, document.metadata)
    if source.digest:
        from artlint.result_cache import content_hash

        records[0]["digest"] = content_hash(data)
    return records


def audit_chunk(chunk: list[Source], linter: Linter | Linters, timeout: float = 30.0) -> list[Records]:
    """One task: the records of each article of the chunk, in order. The ``Linter``'s rules are
    built on the first chunk a process runs and reused for the next ones."""
    return [audit_one(linter, Source(*source), timeout) for source in chunk]


class Summary:
    """Totals over the file records and diagnostics of a run."""

    def __init__(self) -> None:
        self.files = self.files_ok = self.diagnostics = 0
        self.by_severity: Counter[str] = Counter({s: 0 for s in SEVERITIES})
        self.by_category: Counter[str] = Counter()
        self.by_rule: Counter[str] = Counter()

    def add(self, records: Records) -> None:
        head = records[0]
        self.files += 1
        self.files_ok += head["status"] == "ok"
        for d in records[1:]:
            self.diagnostics += 1
            self.by_severity[d["severity"]] += 1
            self.by_category[d["category"]] += 1
            self.by_rule[d["rule"]] += 1

    @property
    def files_failed(self) -> int:
        return self.files - self.files_ok

    def record(self, engine: str, workers: int, seconds: float) -> dict[str, Any]:
        from artlint import __version__

        return {"type": "summary", "files": self.files, "files_ok": self.files_ok,
                "files_failed": self.files_failed, "diagnostics": self.diagnostics,
                "by_severity": {s: self.by_severity[s] for s in SEVERITIES},
                "by_category": dict(sorted(self.by_category.items())),
                "by_rule": dict(sorted(self.by_rule.items())),
                "engine": engine, "workers": workers, "seconds": round(seconds, 3),
                "artlint_version": __version__}
