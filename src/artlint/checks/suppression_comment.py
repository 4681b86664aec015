"""Suppression comments that do not do what they say: one naming no rule or category, and one
that suppressed nothing although its rule ran. Run by the engine after every other rule, on what
the suppressions did (``suppressions.SuppressionUse``)."""

from __future__ import annotations

from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.suppressions import ALL, USE_KEY


class Check:
    name = "suppression-comment"

    def __init__(self, options: dict) -> None:
        self.defect = options["defect"]

    def run(self, doc: Document) -> Iterator[Finding]:
        use = doc.shared.get(USE_KEY)
        if use is None:  # no suppression comment in the document
            return
        found = use.unknown() if self.defect == "unknown-rule" else use.unused()
        for start, end, name in found:
            yield Finding(start, end, args={"name": "all rules" if name == ALL else name})
