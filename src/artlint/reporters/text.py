"""Human output: ``path:line:col: severity [rule] message``, the line, a caret, a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import IO

from artlint.reporters import FileResult, Reporter

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _cell(c: str) -> int:
    if unicodedata.combining(c) or c in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def _width(s: str) -> int:
    """Terminal cells taken by s (wide East Asian characters take two, combining marks none)."""
    return sum(_cell(c) for c in s)


def _fits(s: str, limit: int) -> bool:
    """_width(s) <= limit, looking at no more of s than it takes to know (a line may be MBs)."""
    if len(s) <= limit // 2:
        return True
    used = 0
    for c in s:
        used += _cell(c)
        if used > limit:
            return False
    return True


MAX_CONTEXT = 100  # terminal cells of source shown for one finding
ELLIPSIS = "…"


def _printable(line: str) -> str:
    """One cell per tab and per control character, so columns still line up."""
    return "".join(" " if c == "\t" or (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in line)


def window(line: str, start: int, end: int, limit: int = MAX_CONTEXT) -> tuple[str, int, int]:
    """The part of ``line`` to show for a span ``[start, end)`` (0-based code points), and the
    caret's offset and width in terminal cells under it.

    A line wider than ``limit`` cells (a paragraph is often one 600-character line) is cut to a
    window around the span, about a third of it before the span, with ``…`` where it was cut;
    the caret stays under the span."""
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    if _fits(line, limit):
        return line, _width(line[:start]), max(1, _width(line[start:end]))
    budget = limit - 2  # room for an ellipsis on each side
    lo, used = start, 0
    while lo > 0 and used + _cell(line[lo - 1]) <= budget // 3:
        lo -= 1
        used += _cell(line[lo])
    hi, used = lo, 0
    while hi < len(line) and used + _cell(line[hi]) <= budget:
        used += _cell(line[hi])
        hi += 1
    while lo > 0 and used + _cell(line[lo - 1]) <= budget:  # near the end: show more before
        lo -= 1
        used += _cell(line[lo])
    # Start on a word when one begins close by, so the window does not open mid-word.
    if lo > 0:
        space = line.find(" ", lo, start)
        if 0 <= space and space - lo <= 15:
            lo = space + 1
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < len(line) else ""
    shown = prefix + line[lo:hi] + suffix
    pad = _width(prefix + line[lo:start])
    width = max(1, _width(line[start:min(end, hi)]))
    return shown, pad, width


class TextReporter(Reporter):
    """``show_fixes``: each fixable finding's replacement under it (``--show-fixes``);
    ``summary``: the closing line (``Found 3 problems...``; off with ``--quiet``)."""

    def __init__(self, out: IO[str], color: bool = False, rules=(), *, show_fixes: bool = False,
                 summary: bool = True) -> None:
        super().__init__(out, color, rules)
        self._unsafe: dict[str, bool] = {}
        self.show_fixes = show_fixes
        self.summary = summary

    def _is_unsafe(self, rule_id: str) -> bool:
        """Asked only of rules with a fix to show, so that a run served from the result cache
        builds no check."""
        if rule_id not in self._unsafe:
            rule = next((r for r in self.rules if r.id == rule_id), None)
            self._unsafe[rule_id] = rule is not None and rule.fix_safety == "unsafe"
        return self._unsafe[rule_id]

    def _style(self, text: str, **kw) -> str:
        if not self.color:
            return text
        import click  # only for a terminal (a run into a pipe or a file does not import it)

        return click.style(text, **kw)

    def begin(self) -> None:
        self.counts: Counter[str] = Counter()
        self.fixable = self.unsafe = self.fixed = self.fixed_files = 0

    def add(self, result: FileResult) -> None:
        self.fixed += len(result.fixed)
        self.fixed_files += bool(result.fixed)
        printable: dict[int, str] = {}  # once per line: a long line has many findings
        for d in result.diagnostics:
            self.counts[d.severity] += 1
            self.fixable += d.fix is not None
            self.unsafe += d.fix is not None and self._is_unsafe(d.rule)
            where = self._style(f"{d.path}:{d.line}:{d.column}:", bold=True)
            sev = self._style(d.severity, fg=_COLORS[d.severity], bold=True)
            rule = self._style(f"[{d.rule}]", dim=True)
            self.out.write(f"{where} {sev} {rule} {d.message}\n")
            if result.lines and 0 < d.line <= len(result.lines):
                if d.line not in printable:
                    printable[d.line] = _printable(result.lines[d.line - 1])
                line = printable[d.line]
                end_col = d.end_column if d.end_line == d.line else len(line) + 1
                shown, pad, width = window(line, d.column - 1, end_col - 1)
                self.out.write(f"    {shown}\n")
                self.out.write("    " + " " * pad + self._style("^" * width, fg=_COLORS[d.severity]) + "\n")
            if self.show_fixes and d.fix is not None:
                unsafe = " (with --unsafe-fixes)" if self._is_unsafe(d.rule) else ""
                self.out.write(self._style(f"    fix: {d.match!r} -> {d.fix!r}{unsafe}", fg="green") + "\n")

    def end(self, files_checked: int) -> None:
        if not self.summary:
            return
        counts, fixed, fixed_files = self.counts, self.fixed, self.fixed_files
        total = sum(counts.values())
        files = f"{files_checked} file{'s' if files_checked != 1 else ''}"
        if fixed:
            self.out.write(self._style(f"Fixed {fixed} problem{'s' if fixed != 1 else ''} in {fixed_files} "
                                       f"file{'s' if fixed_files != 1 else ''}.\n", fg="green"))
        if total == 0 and files_checked == 0:
            self.out.write("No files checked.\n")
            return
        if total == 0:
            self.out.write(self._style(f"All clean: {files} checked, no problems found.\n", fg="green"))
            return
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
                 for s in ("error", "warning", "info") if counts[s]]
        fix_note = f"; {self.fixable} with an automatic fix" if self.fixable else ""
        if self.unsafe:
            fix_note += f" ({self.unsafe} only with --unsafe-fixes)"
        self.out.write(f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} checked{fix_note}.\n")
