"""``--format github``: GitHub Actions workflow commands, one per finding, which GitHub shows
as annotations on the pull request's diff:

    ::error file=a.md,line=3,col=19,endLine=3,endColumn=54,title=artlint/rule-id::message

``error`` findings become ``::error``, ``warning`` ``::warning`` and ``info`` ``::notice``.
Values are escaped as the workflow-command rules require: ``%``, CR and LF in the message;
also ``:`` and ``,`` in the properties. Columns are 1-based code points, the end exclusive, as in
every other format. Nothing else is printed, so the output can be parsed line by line."""

from __future__ import annotations

from artlint.reporters import FileResult, Reporter

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def begin(self) -> None:
        pass

    def end(self, files_checked: int) -> None:
        pass

    def add(self, result: FileResult) -> None:
        # one command per finding, written as the file comes
        for d in result.diagnostics:
            props = {
                "file": d.path, "line": d.line, "col": d.column,
                "endLine": d.end_line, "endColumn": d.end_column, "title": f"artlint/{d.rule}",
            }
            joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
            self.out.write(f"::{COMMANDS[d.severity]} {joined}::{escape_data(d.message)}\n")
