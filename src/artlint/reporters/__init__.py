"""Report: turn diagnostics into output. A reporter never checks anything.

Each format is one module with a class taking ``(out, color=False, rules=())`` and a
``report(results, files_checked)`` method. ``rules`` are the rules that ran (SARIF lists them
in ``tool.driver.rules``); the other formats may ignore them."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from artlint.diagnostics import Diagnostic


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the file's lines, for showing context
    readable: bool = True
    fixed: list[Diagnostic] = field(default_factory=list)  # findings that --fix removed


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
