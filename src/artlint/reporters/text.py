"""Human output: ``path:line:col: severity [rule] message``, the line, a caret, a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import IO

import click

from artlint.reporters import FileResult

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _width(s: str) -> int:
    """Terminal cells taken by s (wide East Asian characters take two, combining marks none)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


class TextReporter:
    def __init__(self, out: IO[str], color: bool = False) -> None:
        self.out = out
        self.color = color

    def _style(self, text: str, **kw) -> str:
        return click.style(text, **kw) if self.color else text

    def report(self, results: list[FileResult], files_checked: int) -> None:
        counts: Counter[str] = Counter()
        fixable = 0
        for result in results:
            for d in result.diagnostics:
                counts[d.severity] += 1
                fixable += d.fix is not None
                where = self._style(f"{d.path}:{d.line}:{d.column}:", bold=True)
                sev = self._style(d.severity, fg=_COLORS[d.severity], bold=True)
                rule = self._style(f"[{d.rule}]", dim=True)
                self.out.write(f"{where} {sev} {rule} {d.message}\n")
                if result.lines and 0 < d.line <= len(result.lines):
                    line = result.lines[d.line - 1].expandtabs(1)
                    self.out.write(f"    {line}\n")
                    end_col = d.end_column if d.end_line == d.line else len(line) + 1
                    pad = _width(line[: d.column - 1])
                    width = max(1, _width(line[d.column - 1 : end_col - 1]))
                    self.out.write("    " + " " * pad + self._style("^" * width, fg=_COLORS[d.severity]) + "\n")
        total = sum(counts.values())
        files = f"{files_checked} file{'s' if files_checked != 1 else ''}"
        if total == 0:
            self.out.write(self._style(f"All clean: {files} checked, no problems found.\n", fg="green"))
            return
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
                 for s in ("error", "warning", "info") if counts[s]]
        fix_note = f"; {fixable} with an automatic fix" if fixable else ""
        self.out.write(f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} checked{fix_note}.\n")
