"""``--format json``: one JSON array of diagnostics, the contract other tools build on.

Its JSON Schema ships in the package: ``artlint/schemas/diagnostics.schema.json``."""

from __future__ import annotations

import json

from artlint.reporters import FileResult, Reporter


class JsonReporter(Reporter):
    """Streams the array: each diagnostic is written as its file comes, laid out exactly as
    ``json.dumps(all_of_them, ensure_ascii=False, indent=2)`` would lay them out."""

    def begin(self) -> None:
        self._written = 0

    def add(self, result: FileResult) -> None:
        for d in result.diagnostics:
            text = json.dumps(d.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            self.out.write(("[\n  " if self._written == 0 else ",\n  ") + text)
            self._written += 1

    def end(self, files_checked: int) -> None:
        self.out.write("[]\n" if self._written == 0 else "\n]\n")
