"""A "Table of Contents" with nothing under it: the list was a widget on the page it was
scraped from and did not survive the copy."""

from __future__ import annotations

from typing import Iterator

from artlint.checks._regex import compile_pattern
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import HEADING, LIST_ITEM, PARAGRAPH, TITLE, heading_text
import re


class Check:
    name = "empty-toc"

    def __init__(self, options: dict) -> None:
        self.titles = compile_pattern(options["titles"], ["titles"], re.I)

    def run(self, doc: Document) -> Iterator[Finding]:
        blocks = doc.blocks
        for i, block in enumerate(blocks):
            if block.kind not in (HEADING, TITLE, PARAGRAPH):
                continue
            label = heading_text(doc, block) if block.kind != PARAGRAPH else doc.text[block.start:block.end].strip()
            if not self.titles.fullmatch(label.rstrip(":").strip()):
                continue
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following is None or following.kind != LIST_ITEM:
                yield Finding(block.start, block.end)
