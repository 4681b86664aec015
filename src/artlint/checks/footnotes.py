"""Footnotes that do not connect: a ``[^3]`` marker with no ``[^3]:`` definition (the reader
is promised a source that is not there), or a definition that no marker points to."""

from __future__ import annotations

from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import normalize_label


class Check:
    name = "footnotes"

    def __init__(self, options: dict) -> None:
        self.report = options["report"]

    def run(self, doc: Document) -> Iterator[Finding]:
        defined = doc.footnote_definitions
        refs = [ref for ref in doc.footnote_refs if ref.kind == "footnote"]  # not citation roles
        if self.report == "undefined":
            for ref in refs:
                if normalize_label(ref.label) not in defined:
                    yield Finding(ref.start, ref.end, args={"label": ref.label})
            return
        used = {normalize_label(ref.label) for ref in refs}
        for key, block in defined.items():
            if key not in used:
                end = doc.text.find("]", block.start) + 1
                yield Finding(block.start + (len(doc.text[block.start:end]) - len(doc.text[block.start:end].lstrip())), end,
                              args={"label": block.label})
