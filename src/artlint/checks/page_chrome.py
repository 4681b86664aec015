"""Page chrome scraped into an article: comment forms, share and subscribe bars, "Scroll to Top".

Chrome comes in runs of short lines (``Share this:`` / ``Twitter`` / ``Facebook``, ``Leave a
Comment`` / ``Your email address will not be published.`` / ``Required fields are marked *``),
and every line of a run is reported, not only the first.

A line is chrome when it starts with one of ``patterns`` ("Leave a Comment", "Share this:"),
after any list, heading or emphasis marker, and starts a block or follows a line that ends a
sentence or is chrome itself (so "readers who / leave a comment" wrapped mid-sentence is not).
A line that is one of ``run_lines`` in full ("Twitter", "Email", "Like this:") is chrome only in
a run that holds a ``patterns`` line: on its own, or in prose, it is a word like any other. A
run is a sequence of such lines with nothing but blank lines between them.
"""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._regex import compile_alternatives
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import PROSE_KINDS

# What may stand before the words of a line: a list or heading marker, emphasis.
_LEAD = re.compile(r"[ \t]*(?:(?:[-+*•◦▪‣]|\d{1,3}[.)]|#{1,6})[ \t]+)?(?:[*_]{1,2})?[ \t]*")
_SENTENCE_END = tuple(".!?:*…")
_TRAILING = " \t*_"
_STRONG, _WEAK = "strong", "weak"


class Check:
    name = "page-chrome"

    def __init__(self, options: dict) -> None:
        self.strong = compile_alternatives(options["patterns"], "patterns", re.I)
        self.weak = compile_alternatives(options["run_lines"], "run_lines", re.I) if options.get("run_lines") else None
        self.blocks = frozenset(options.get("blocks", PROSE_KINDS))

    def run(self, doc: Document) -> Iterator[Finding]:
        if not self._has_strong_line(doc):
            return  # a run is reported only for a ``patterns`` line: no line to read further
        run: list[tuple[str, int, int]] = []  # (kind, start, end) of the lines of the run being read
        previous_end = doc.body_start
        for block in doc.blocks:
            # Read in the prose: between an HTML page's blocks stand tags, which end no run.
            if block.kind not in self.blocks or doc.prose[previous_end : block.start].strip():
                yield from _close(run)
                run = []
            previous_end = block.end
            if block.kind not in self.blocks:
                continue
            previous = ""  # the line above, within the block
            for start, end in _lines(doc.prose, block.start, block.end):
                line = self._classify(doc, start, end, previous)
                previous = doc.prose[start:end].rstrip()
                if line is None:
                    yield from _close(run)
                    run = []
                else:
                    run.append(line)
        yield from _close(run)

    def _has_strong_line(self, doc: Document) -> bool:
        """Does a line of the blocks read start with one of ``patterns`` (what ``_classify``
        asks first, without the line above or the ``run_lines``)? Most documents have none."""
        prose = doc.prose
        for block in doc.blocks:
            if block.kind not in self.blocks:
                continue
            for start, end in _lines(prose, block.start, block.end):
                lead = _LEAD.match(prose, start, end).end()
                stop = end
                while stop > lead and prose[stop - 1] in _TRAILING:
                    stop -= 1
                if stop > lead:
                    m = self.strong.match(prose, lead, stop)
                    if m and m.end() > lead:
                        return True
        return False

    def _classify(self, doc: Document, start: int, end: int, previous: str) -> tuple[str, int, int] | None:
        prose = doc.prose
        lead = _LEAD.match(prose, start, end).end()
        stop = end
        while stop > lead and prose[stop - 1] in _TRAILING:
            stop -= 1
        if stop <= lead:
            return None
        m = self.strong.match(prose, lead, stop)
        if m and m.end() > lead and (not previous or previous.endswith(_SENTENCE_END) or self._is_chrome(previous)):
            return _STRONG, lead, m.end()
        if self.weak is not None:
            a, b = _link_text(doc, lead, stop)  # a share button is often a link: "- [Twitter](…)"
            if self.weak.fullmatch(prose, a, b):
                return _WEAK, lead, stop
        return None

    def _is_chrome(self, line: str) -> bool:
        """Was the line above chrome (so a run goes on inside one paragraph)?"""
        lead = _LEAD.match(line).end()
        body = line[lead:].rstrip(_TRAILING)
        return bool(body) and bool(self.strong.match(body) or (self.weak is not None and self.weak.fullmatch(body)))


def _link_text(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The text of the link that is all of text[start:end], else (start, end)."""
    for link in doc.links_in(start, start + 1):
        if link.end == end and link.text_start >= 0:
            return link.text_start, link.text_end
    return start, end


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end:
        line_end = text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        yield start, line_end
        start = line_end + 1


def _close(run: list[tuple[str, int, int]]) -> Iterator[Finding]:
    """The chrome lines of a finished run: all of them if one is a ``patterns`` line."""
    if any(kind == _STRONG for kind, _, _ in run):
        for _, start, end in run:
            yield Finding(start, end)
