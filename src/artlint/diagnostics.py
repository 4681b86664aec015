"""What checks produce (``Finding``: offsets into the document) and what users see
(``Diagnostic``: the JSON contract, 1-based positions into the original file)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import field, fields
from typing import Any

from artlint.records import dataclass

CATEGORIES = ("placeholder", "link", "source", "spacing", "statistic", "boilerplate", "structure", "style")
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    """One match of a check: a span of ``Document.text`` and what to say about it."""

    start: int
    end: int
    args: dict = field(default_factory=dict, hash=False, compare=False)  # fills the rule's message
    fix: str | None = None  # replacement text for the span, when the fix is safe
    message: str | None = None  # overrides the rule's message when the check knows better


@dataclass
class Diagnostic:
    """One finding, as reported (its fields are the JSON output's)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    match: str
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``--format json`` (the fields in this order). Spelt out rather
        than ``dataclasses.asdict``, which deep-copies and costs ten times more per finding."""
        return {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "rule": self.rule, "category": self.category,
                "severity": self.severity, "message": self.message, "match": self.match, "fix": self.fix}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """The inverse of ``to_dict``; keys that are not fields (``line_text``, ``type``) are ignored."""
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})

    def to_json(self) -> str:
        """One JSON object on one line."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Diagnostic:
        return cls.from_dict(json.loads(text))

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)


def diagnostics_to_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON array of diagnostics, exactly as ``artlint check --format json`` prints it."""
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


def diagnostics_from_json(text: str) -> list[Diagnostic]:
    """Diagnostics from a JSON array (``--format json``) or JSON Lines (one object a line;
    lines of an ``artlint audit`` file that are not diagnostics are skipped)."""
    stripped = text.strip()
    if not stripped:
        return []
    if stripped.startswith("["):
        return [Diagnostic.from_dict(item) for item in json.loads(stripped)]
    out = []
    for line in stripped.splitlines():
        if line.strip():
            item = json.loads(line)
            if item.get("type", "diagnostic") == "diagnostic":
                out.append(Diagnostic.from_dict(item))
    return out


_LINE_END = re.compile(r"\r\n|\r|\n")


class SourceSpans:
    """Where diagnostics' 1-based positions fall in a file's text, lines ending in CRLF, CR or
    LF as positions count them: the one reading of line:column that the fixer and the result
    cache's last check share. ``lines``: the last line any position names (None: all), so
    that only the start of the file is scanned when that is all that is asked about."""

    def __init__(self, text: str, lines: int | None = None) -> None:
        self.text = text
        wanted = len(text) + 2 if lines is None else lines + 1  # a line's end is the next one's start
        starts = [0]
        if "\r" in text:
            for m in _LINE_END.finditer(text):
                if len(starts) >= wanted:
                    break
                starts.append(m.end())
        else:  # LF only (almost every file): found in C
            at = text.find("\n")
            while at >= 0 and len(starts) < wanted:
                starts.append(at + 1)
                at = text.find("\n", at + 1)
        self.starts = starts

    def _offset(self, line: int, column: int) -> int | None:
        starts = self.starts
        if not 0 < line <= len(starts) or column < 1:
            return None
        offset = starts[line - 1] + column - 1
        line_end = starts[line] if line < len(starts) else len(self.text)
        return offset if offset <= line_end else None

    def span(self, d: Diagnostic) -> tuple[int, int] | None:
        """(start, end) of ``d`` in the text, or None when its position does not hold ``d.match``."""
        start, end = self._offset(d.line, d.column), self._offset(d.end_line, d.end_column)
        if start is None or end is None or end < start or self.text[start:end] != d.match:
            return None
        return start, end
