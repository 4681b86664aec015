"""The last step of a run: the report (a ``reporters`` format, or ``--statistics``), the
``--diff``, the baseline file, the notes on stderr, the Markdown summary, and the exit status."""

from __future__ import annotations

import io
import os
import sys
from collections import Counter
from pathlib import Path
from typing import IO

from artlint.records import dataclass
from artlint.reporters import FileResult, get_reporter

from .run import Pipeline

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN = 100  # files: a shorter run needs no progress bar
SUMMARY_FINDINGS = 20  # findings listed in the Markdown summary


@dataclass
class Output:
    """How a run is reported (the command line's output options)."""

    format: str = "text"
    path: Path | None = None  # --output
    no_color: bool = False
    quiet: bool = False  # the findings only: no summary line, no notes
    silent: bool = False  # nothing but errors; the exit status says the rest
    statistics: bool = False  # counts per rule instead of the findings
    show_fixes: bool = False  # text: each finding's replacement
    exit_zero: bool = False
    markdown_summary: Path | None = None  # appended to (GitHub's $GITHUB_STEP_SUMMARY)
    progress: bool | None = None  # None: on a terminal, for long runs


def use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress_wanted(output: Output, files: int, out=None, err=None) -> bool:
    """A progress bar on stderr: for a long run, when stderr is a terminal that the report
    (stdout) does not also go to."""
    if output.progress is not None:
        return output.progress
    out, err = out or sys.stdout, err or sys.stderr
    if output.quiet or output.silent or files < PROGRESS_MIN or not _isatty(err):
        return False
    return output.path is not None or not _isatty(out)


class OutputError(Exception):
    """The report, the diff or the baseline could not be written; one line."""


class Report:
    """Collects a run's results as they come and writes what the options ask for."""

    def __init__(self, output: Output, pipeline: Pipeline) -> None:
        self.output = output
        self.pipeline = pipeline
        options = pipeline.options
        self.mode = "baseline" if options.write_baseline_path else "diff" if options.diff else "report"
        self.buffer = io.StringIO()  # the report, when it goes to --output
        self.by_rule: Counter[str] = Counter()
        self.fixable_rules: set[str] = set()
        self.first: list = []  # the first findings, for the Markdown summary
        self.fixed = self.remaining = 0
        self.reporter = self._reporter() if self.mode == "report" and not output.statistics else None

    def note(self, message: str) -> None:
        """Information for people on stderr (not errors): quiet and silent runs skip it."""
        if not (self.output.quiet or self.output.silent):
            import click  # (not imported by a run that has nothing to say: artlint.plain_check)

            click.echo(f"artlint: {message}", err=True)

    def _stream(self) -> IO[str]:
        pipeline, output = self.pipeline, self.output
        to_stderr = pipeline.options.fix and pipeline.tally.stdin_data is not None and output.path is None
        if output.path is not None:
            return self.buffer
        if output.silent:
            return io.StringIO()  # dropped
        return sys.stderr if to_stderr else sys.stdout  # with --fix on stdin, stdout holds the text

    def _reporter(self):
        output = self.output
        stream = self._stream()
        color = use_color(output.no_color) and output.format == "text" and stream is sys.stdout
        extra = {"show_fixes": output.show_fixes, "summary": not output.quiet} if output.format == "text" else {}
        made = get_reporter(output.format)(stream, color=color, rules=self.pipeline.workspace.all_rules, **extra)
        made.begin()
        return made

    def add(self, result: FileResult) -> None:
        self.fixed += len(result.fixed)
        self.remaining += len(result.diagnostics)
        for d in result.diagnostics:
            self.by_rule[d.rule] += 1
            if d.fix is not None:
                self.fixable_rules.add(d.rule)
            if len(self.first) < SUMMARY_FINDINGS:
                self.first.append(d)
        if self.reporter is not None:
            self.reporter.add(result)

    # -- the end --------------------------------------------------------------------------------

    def finish(self) -> int:
        """Write what is left; the exit status."""
        pipeline, tally, options = self.pipeline, self.pipeline.tally, self.pipeline.options
        if options.fix and not options.diff and tally.stdin_data is not None:  # an editor replaces its buffer
            sys.stdout.flush()
            sys.stdout.buffer.write(tally.stdin_fixed if tally.stdin_fixed is not None else tally.stdin_data)
            sys.stdout.buffer.flush()
        try:
            if self.mode == "baseline":
                self._write_baseline()
            elif self.mode == "diff":
                self._write_diff()
            else:
                self._write_report()
            if self.output.markdown_summary is not None:
                self._write_markdown_summary()
        except OutputError as exc:
            import click

            click.echo(f"artlint: error: {exc}", err=True)
            return EXIT_ERROR
        if pipeline.errors:
            if tally.linted == 0:
                import click

                click.echo("artlint: error: nothing could be linted", err=True)
            return EXIT_ERROR
        if self.mode == "baseline" or self.output.exit_zero:
            return EXIT_CLEAN
        if self.mode == "diff":
            return EXIT_FINDINGS if tally.diffs else EXIT_CLEAN
        return EXIT_FINDINGS if tally.failing else EXIT_CLEAN

    def _write_baseline(self) -> None:
        from artlint.baseline import render
        from artlint.safe_write import write_atomic

        tally, path = self.pipeline.tally, self.pipeline.options.write_baseline_path
        text, total = render(tally.baseline_entries, path.parent, tally.document_rules)
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            raise OutputError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
        files = len(tally.baseline_entries)
        self.note(f"recorded {plural(total, 'finding')} in {plural(files, 'file')} to {path}")

    def _write_diff(self) -> None:
        tally = self.pipeline.tally
        self._emit("".join(tally.diffs))
        if tally.diffs:
            self.note(f"would fix {plural(tally.would_fix, 'problem')} in {plural(len(tally.diffs), 'file')} "
                      f"(run with --fix to apply)")
        else:
            self.note("nothing to fix")

    def _write_report(self) -> None:
        pipeline, output = self.pipeline, self.output
        if self.reporter is None:
            stream = self._stream()
            self._write_statistics(stream)
        else:
            self.reporter.end(pipeline.tally.linted)
            stream = self.reporter.out
        if not (output.quiet or output.silent):
            pipeline.online.print_summary(output.format, stream)
            pipeline.verify.print_summary(output.format, stream)
        if output.path is not None:
            self._emit(self.buffer.getvalue())
        if pipeline.options.fix and (output.format != "text" or output.path is not None):
            self.note(f"fixed {plural(self.fixed, 'problem')}; {self.remaining} remain")
        baseline = pipeline.baseline
        if baseline is not None and baseline.suppressed:
            gone = f"; {baseline.gone} no longer occur" if baseline.gone else ""
            self.note(f"{baseline.suppressed} known finding{'s' if baseline.suppressed != 1 else ''} hidden by "
                      f"the baseline {pipeline.options.baseline_path}{gone}")

    def _write_statistics(self, stream: IO[str]) -> None:
        """``--statistics``: how many findings of each rule, most first (ruff's layout)."""
        rows = sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        if self.output.format == "json":
            import json

            data = [{"rule": rule, "count": n, "fixable": rule in self.fixable_rules} for rule, n in rows]
            stream.write(json.dumps(data, indent=2) + "\n")
            return
        count_width = max((len(str(n)) for _, n in rows), default=1)
        rule_width = max((len(rule) for rule, _ in rows), default=1)
        for rule, n in rows:
            mark = "[*]" if rule in self.fixable_rules else ""
            stream.write(f"{n:>{count_width}}  {rule:<{rule_width}}  {mark}".rstrip() + "\n")

    def _emit(self, text: str) -> None:
        """Write ``text`` to the --output file, or to stdout."""
        path = self.output.path
        if path is None:
            if not self.output.silent:
                sys.stdout.write(text)
                sys.stdout.flush()
            return
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write the output: {exc.strerror or exc}") from None

    def _write_markdown_summary(self) -> None:
        """Counts per rule and the first findings, appended to the file (GitHub shows only a few
        annotations per step; the job summary has room for the rest)."""
        total = sum(self.by_rule.values())
        lines = ["## artlint", ""]
        if not total:
            lines.append(f"No findings in {plural(self.pipeline.tally.linted, 'file')}.")
        else:
            lines += [f"{plural(total, 'finding')} in {plural(self.pipeline.tally.linted, 'file')} checked.", "",
                      "| rule | findings |", "| --- | ---: |"]
            lines += [f"| `{rule}` | {n} |" for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]
            shown = "First findings" if total > len(self.first) else "Findings"
            lines += ["", f"{shown}:", ""]
            lines += [f"- `{d.path}:{d.line}:{d.column}` {d.severity} `{d.rule}`: {_markdown_text(d.message)}"
                      for d in self.first]
        try:
            with open(self.output.markdown_summary, "a", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n\n")
        except OSError as exc:
            raise OutputError(f"{self.output.markdown_summary}: cannot write the summary: {exc.strerror or exc}") \
                from None


def _markdown_text(text: str) -> str:
    """Text that Markdown shows as it is (no emphasis, no links, no HTML)."""
    out = text.replace("\n", " ")
    for c in "\\`*_[]<>|#":
        out = out.replace(c, "\\" + c)
    return out
