"""An article that states facts (figures, "according to", quotes) but has no sources at all:
no sources section, no footnotes, no external links. Reported once, on line 1."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._alternation import scanner
from artlint.checks._regex import compile_alternatives, compile_each, compile_pattern
from artlint.checks._sources import source_sections
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import FOOTNOTE_DEF, SENTENCE_KINDS

_EXTERNAL = re.compile(r"^(?:https?:)?//|^www\.", re.I)
_NOTE_MARKS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")


class Check:
    name = "missing-sources"
    scope = "document"  # one finding about the whole article (baselines ignore its position)

    def __init__(self, options: dict) -> None:
        self.titles = compile_pattern(options["section_titles"], ["section_titles"], re.I)
        claims = options["claims"]
        compile_each(claims, "claims")
        self.claims = scanner(claims, 0, lambda: compile_alternatives(claims, "claims"))
        self.min_claims = options.get("min_claims", 1)

    def _has_sources(self, doc: Document) -> bool:
        if any(b.kind == FOOTNOTE_DEF for b in doc.blocks):
            return True
        # A link to another site is a source; an image from a CDN is not.
        if any(_EXTERNAL.match(link.target) for link in doc.links if link.target and link.kind not in ("image", "html_image")):
            return True
        if any(True for _ in source_sections(doc, self.titles)):
            return True
        return bool(_NOTE_MARKS.search(doc.prose))

    def run(self, doc: Document) -> Iterator[Finding]:
        claims = 0
        for block in doc.blocks:
            if block.kind in SENTENCE_KINDS:
                claims += sum(1 for _ in self.claims(doc.prose, block.start, block.end))
                if claims >= self.min_claims:
                    break
        if claims < self.min_claims or self._has_sources(doc):
            return
        start, end = doc.line_span(1)
        yield Finding(start, end)
