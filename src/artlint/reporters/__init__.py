"""Report: turn diagnostics into output. A reporter never checks anything.

Each format is one module with a ``Reporter`` subclass taking ``(out, color=False, rules=())``.
``rules`` are the rules that ran (SARIF lists them in ``tool.driver.rules``), or a function
returning them (the run is not over when streaming starts); the other formats may ignore them.

A reporter is used whole, ``report(results, files_checked)``, or streamed: ``begin()``, then
``add(result)`` for each file in order, then ``end(files_checked)``. The text, JSON and GitHub
formats write each file's findings as it comes, so a run over a large archive does not hold
them all; SARIF, JUnit and GitLab documents are written at the end (``write_all``)."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import field
from typing import IO

from artlint.diagnostics import Diagnostic
from artlint.records import dataclass


@dataclass
class FileResult:
    """One linted file, as the reporters take it."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the file's lines, for showing context
    readable: bool = True
    fixed: list[Diagnostic] = field(default_factory=list)  # findings that --fix removed


class Reporter:
    def __init__(self, out: IO[str], color: bool = False, rules=()) -> None:
        self.out = out
        self.color = color
        self._rules = rules
        self._collected: list[FileResult] = []

    @property
    def rules(self) -> list:
        return list(self._rules() if callable(self._rules) else self._rules)

    def report(self, results: Iterable[FileResult], files_checked: int) -> None:
        self.begin()
        for result in results:
            self.add(result)
        self.end(files_checked)

    # Streamed use. By default the results are collected and written at the end.
    def begin(self) -> None:
        self._collected = []

    def add(self, result: FileResult) -> None:
        self._collected.append(result)

    def end(self, files_checked: int) -> None:
        self.write_all(self._collected, files_checked)
        self._collected = []

    def write_all(self, results: list[FileResult], files_checked: int) -> None:
        raise NotImplementedError


# format name -> (module in this package, class)
_REPORTERS = {
    "text": ("text", "TextReporter"),
    "json": ("json", "JsonReporter"),
    "github": ("github", "GithubReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "junit": ("junit", "JunitReporter"),
    "gitlab": ("gitlab", "GitlabReporter"),
}
FORMATS = tuple(_REPORTERS)


def get_reporter(name: str):
    module, cls = _REPORTERS.get(name, _REPORTERS["text"])
    return getattr(importlib.import_module(f"artlint.reporters.{module}"), cls)
