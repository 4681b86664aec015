"""Existence check (Vale's ``existence``): flag every match of a regex in prose."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._alternation import scanner
from artlint.checks._regex import compile_alternatives
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import PROSE_KINDS

_GROUP_REFERENCE = re.compile(r"\\(?:\d|g<)")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-+*•◦▪‣]|\d{1,3}[.)])?[ \t]*")


class Check:
    name = "pattern"

    def __init__(self, options: dict) -> None:
        flags = re.IGNORECASE if options.get("ignore_case") else 0
        patterns = list(options.get("patterns", []))
        if options.get("tokens"):
            words = sorted(options["tokens"], key=len, reverse=True)
            patterns.append(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
        self.regex = compile_alternatives(patterns, "patterns" if "patterns" in options else "tokens", flags)
        self.exceptions = (
            compile_alternatives(options["exceptions"], "exceptions", flags) if options.get("exceptions") else None
        )
        self.group = options.get("group", 0)
        self.blocks = frozenset(options.get("blocks", PROSE_KINDS))
        self.at_block_start = options.get("at_block_start", False)
        self.fix = options.get("fix")
        self.skip_link_text = options.get("skip_link_text", False)
        # Literal strings one of which every match contains: prose holding none is not scanned.
        self.requires = tuple(options.get("requires", ()))
        self.fixable = self.fix is not None
        # Scanned token by token where that gives the same matches and the same groups (group
        # numbers that cannot shift); a user's rule keeps its time limit.
        self.scanner = self.regex.finditer
        if not self.at_block_start and (
                len(patterns) == 1 or (self.group == 0 and not _GROUP_REFERENCE.search(self.fix or ""))):
            self.scanner = scanner(patterns, flags, lambda: self.regex)

    def _matches(self, doc: Document):
        if self.at_block_start:
            for block in doc.blocks:
                if block.kind in self.blocks:
                    lead = _LIST_MARKER.match(doc.prose, block.start, block.end)
                    m = self.regex.match(doc.prose, lead.end(), block.end)
                    if m:
                        yield m
            return
        # One scan of the whole prose mask; the block kind is looked up per match only.
        for m in self.scanner(doc.prose, doc.prose_start):
            block = doc.block_at(m.start(self.group))
            if block is not None and block.kind in self.blocks:
                yield m

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.requires and not any(s in doc.prose for s in self.requires):
            return
        linked = None  # the texts of the document's links that have a target, when needed
        for m in self._matches(doc):
            start, end = m.span(self.group)
            if start < 0 or end <= start:
                continue
            if self.exceptions and self.exceptions.fullmatch(m.group(0)):
                continue
            if self.skip_link_text:
                if linked is None:
                    linked = _linked_texts(doc)
                if any(a <= start and end <= b for a, b in linked):
                    continue
            yield Finding(start, end, fix=m.expand(self.fix) if self.fix is not None else None)


def _linked_texts(doc: Document) -> list[tuple[int, int]]:
    """Where the texts of links that lead somewhere are: ``[(link)](https://…)`` is the link
    itself, not a note that one is still to come."""
    return [(link.text_start, link.text_end) for link in doc.links
            if 0 <= link.text_start < link.text_end and link.target.strip() not in ("", "#")
            and link.kind not in ("image", "html_image")]
