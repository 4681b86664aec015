"""Sources sections: empty ones (or holding only a placeholder), and entries that name a
publication but give the reader no way to find it (no URL, DOI, ISBN or link)."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._regex import compile_alternatives, compile_pattern
from artlint.checks._sources import LOCATOR, entries, entry_body, source_sections
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import CODE, FOOTNOTE_DEF, LIST_ITEM, PARAGRAPH, QUOTE, TABLE, TEMPLATE


class Check:
    name = "source-entries"

    def __init__(self, options: dict) -> None:
        self.report = options["report"]
        titles = options["section_titles"]
        notes = options.get("note_titles")
        self.titles = compile_pattern(f"(?:{titles})|(?:{notes})" if notes else titles, ["section_titles"], re.I)
        self.notes = compile_pattern(notes, ["note_titles"], re.I) if notes else None
        self.placeholder = compile_pattern(options.get("placeholder_entry", r"(?!)"), ["placeholder_entry"], re.I)
        cues = options.get("citation_cues")
        self.cues = compile_alternatives(cues, "citation_cues") if cues else None

    def run(self, doc: Document) -> Iterator[Finding]:
        for section in source_sections(doc, self.titles):
            if self.report == "empty-section":
                content = [b for b in section.blocks if b.kind in (LIST_ITEM, PARAGRAPH, FOOTNOTE_DEF, QUOTE, TABLE, CODE, TEMPLATE)]
                defs = [link for link in doc.links_in(section.start, section.end) if link.kind == "definition"]
                real = [b for b in content if not self.placeholder.fullmatch(entry_body(doc, b.start, b.end)[1].strip())]
                if not real and not defs:
                    yield Finding(section.heading.start, section.heading.end,
                                  args={"title": section.title(doc), "state": "only a placeholder" if content else "nothing"})
                continue
            is_notes = bool(self.notes and self.notes.fullmatch(section.title(doc).rstrip(":").strip()))
            for start, end in entries(doc, section):
                body_start, body = entry_body(doc, start, end)
                body = body.strip()
                if not body or self.placeholder.fullmatch(body) or LOCATOR.search(body):
                    continue
                if any(link.kind in ("inline", "reference", "collapsed", "autolink", "html") for link in doc.links_in(start, end)):
                    continue
                if is_notes and not (self.cues and self.cues.search(body)):
                    continue  # an explanatory note, not a citation
                yield Finding(body_start, body_start + len(doc.text[body_start:end].rstrip()))
