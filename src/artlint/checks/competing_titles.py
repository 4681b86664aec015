"""More than one title: several headlines stacked at the top of a scraped post (plain text),
or more than one level-1 heading in Markdown. Every title after the first is reported."""

from __future__ import annotations

from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import HEADING, TITLE


class Check:
    name = "competing-titles"

    def __init__(self, options: dict) -> None:
        pass

    def run(self, doc: Document) -> Iterator[Finding]:
        titles = [b for b in doc.blocks if b.kind == TITLE or (b.kind == HEADING and b.level == 1)]
        for block in titles[1:]:
            first_line_end = doc.text.find("\n", block.start, block.end)
            end = block.end if first_line_end < 0 else first_line_end
            yield Finding(block.start, end, args={"first": doc.line_col(titles[0].start)[0]})
