"""Report: turn diagnostics into output. A reporter never checks anything."""

from __future__ import annotations

from dataclasses import dataclass, field

from artlint.diagnostics import Diagnostic


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the file's lines, for showing context
    readable: bool = True


FORMATS = ("text", "json")


def get_reporter(name: str):
    if name == "json":
        from artlint.reporters.json import JsonReporter

        return JsonReporter
    from artlint.reporters.text import TextReporter

    return TextReporter
