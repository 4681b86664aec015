"""``--format json``: one JSON array of diagnostics, the contract other tools build on.

Its JSON Schema ships in the package: ``artlint/schemas/diagnostics.schema.json``."""

from __future__ import annotations

import json
from typing import IO

from artlint.reporters import FileResult


class JsonReporter:
    def __init__(self, out: IO[str], color: bool = False, rules=()) -> None:
        self.out = out

    def report(self, results: list[FileResult], files_checked: int) -> None:
        data = [d.to_dict() for r in results for d in r.diagnostics]
        self.out.write(json.dumps(data, ensure_ascii=False, indent=2))
        self.out.write("\n")
