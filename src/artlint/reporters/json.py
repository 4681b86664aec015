"""``--format json``: one JSON array of diagnostics, the contract other tools build on.

Its JSON Schema ships in the package: ``artlint/schemas/diagnostics.schema.json``."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

from artlint.reporters import FileResult, Reporter


def _value(value) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    return json.dumps(value)


class JsonReporter(Reporter):
    """Streams the array: each diagnostic is written as its file comes, laid out exactly as
    ``json.dumps(all_of_them, ensure_ascii=False, indent=2)`` would lay them out."""

    def begin(self) -> None:
        self._written = 0

    def add(self, result: FileResult) -> None:
        for d in result.diagnostics:
            # json.dumps with indent runs its pure-Python encoder; the layout is simple enough to
            # write here, each value encoded by json's C string encoder
            fields = ",\n    ".join(f'"{key}": {_value(value)}' for key, value in d.to_dict().items())
            self.out.write(("[\n  {\n    " if self._written == 0 else ",\n  {\n    ") + fields + "\n  }")
            self._written += 1

    def end(self, files_checked: int) -> None:
        self.out.write("[]\n" if self._written == 0 else "\n]\n")
