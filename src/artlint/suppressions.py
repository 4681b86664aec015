"""Suppression comments in Markdown:

    <!-- artlint-disable RULE ... -->            off from here (all rules when none is named)
    <!-- artlint-enable RULE ... -->             on again
    <!-- artlint-disable-line RULE ... -->       off for the line the comment is on
    <!-- artlint-disable-next-line RULE ... -->  off for the next non-blank line
    <!-- artlint-disable-file RULE ... -->       off for the whole file

RULE is a rule id or a category; several may be given, separated by spaces or commas.

Each directive remembers which of its names suppressed something, so that the rules of the
``suppression-comment`` check (run after every other rule) can report a name that is no rule or
category (``unknown-rule-in-suppression``) and one that suppressed nothing although its rule ran
(``unused-suppression``, like ruff's RUF100).
"""

from __future__ import annotations

import re
from dataclasses import field

from artlint.diagnostics import CATEGORIES
from artlint.document import Document
from artlint.records import dataclass

_DIRECTIVE = re.compile(
    r"^\s*artlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*)$", re.S)
_NAME = re.compile(r"[^\s,]+")
ALL = "*"
# Names a suppression may use besides rule ids: categories, and what the command itself reports.
BUILTIN_NAMES = frozenset(CATEGORIES) | {"file", "unreadable-file", "rule-timeout"}
# doc.shared key under which the engine leaves what the suppression-comment check reports on
USE_KEY = "suppressions:use"


@dataclass
class Directive:
    """One suppression comment."""

    kind: str  # disable, enable, disable-line, disable-next-line, disable-file
    start: int  # the comment's span in the document's text
    end: int
    names: dict[str, tuple[int, int]]  # name -> its span in the text; {"*": comment span} for all
    used: set[str] = field(default_factory=set)

    def matching(self, rule: str, category: str) -> list[str]:
        return [n for n in self.names if n == ALL or n == rule or n == category]


def _directive(doc: Document, comment) -> Directive | None:
    m = _DIRECTIVE.match(comment.body)
    if not m:
        return None
    body_start = comment.start + 4  # after "<!--"
    names = {n.group(0): (body_start + m.start(2) + n.start(), body_start + m.start(2) + n.end())
             for n in _NAME.finditer(m.group(2))}
    return Directive(m.group(1), comment.start, comment.end, names or {ALL: (comment.start, comment.end)})


class Suppressions:
    def __init__(self, doc: Document) -> None:
        self.directives: list[Directive] = []
        self._file: list[Directive] = []
        self._lines: dict[int, list[Directive]] = {}
        # (start_offset, end_offset, name, directive) of disabled regions; "*" means every rule
        self._regions: list[tuple[int, int, str, Directive]] = []
        open_regions: dict[str, tuple[int, Directive]] = {}
        for comment in doc.comments:
            directive = _directive(doc, comment)
            if directive is None:
                continue
            self.directives.append(directive)
            kind, names = directive.kind, directive.names
            if kind == "disable-file":
                self._file.append(directive)
            elif kind == "disable-line":
                first, last = doc.line_col(comment.start)[0], doc.line_col(comment.end)[0]
                for line in range(first, last + 1):
                    self._lines.setdefault(line, []).append(directive)
            elif kind == "disable-next-line":
                line = doc.line_col(comment.end)[0] + 1
                while line < doc.line_count and not doc.text[slice(*doc.line_span(line))].strip():
                    line += 1
                self._lines.setdefault(line, []).append(directive)
            elif kind == "disable":
                for name in names:
                    open_regions.setdefault(name, (comment.end, directive))
            else:  # enable
                targets = list(open_regions) if ALL in names else names
                for name in targets:
                    if name in open_regions:
                        start, opened = open_regions.pop(name)
                        self._regions.append((start, comment.start, name, opened))
                if ALL in names:  # "enable" with no rule also ends the all-rules region
                    open_regions.clear()
        for name, (start, opened) in open_regions.items():
            self._regions.append((start, len(doc.text), name, opened))

    def suppressed(self, rule: str, category: str, start: int, line: int) -> bool:
        """Whether a finding is suppressed; every directive that suppresses it counts as used."""
        hit = False
        for directive in (*self._file, *self._lines.get(line, ())):
            names = directive.matching(rule, category)
            directive.used.update(names)
            hit = hit or bool(names)
        for a, b, name, directive in self._regions:
            if a <= start < b and name in (ALL, rule, category):
                directive.used.add(name)
                hit = True
        return hit


@dataclass
class SuppressionUse:
    """What the suppression-comment check reports on, left by the engine after the other rules
    ran: the directives (with what each suppressed), the (id, category) of each rule that ran
    on the document, and every name a suppression may use."""

    suppressions: Suppressions
    ran: list[tuple[str, str]]
    known: frozenset[str]

    def unknown(self):
        """(start, end, name) of each name that is no rule id or category."""
        for directive in self.suppressions.directives:
            for name, (start, end) in directive.names.items():
                if name != ALL and name not in self.known:
                    yield start, end, name

    def unused(self):
        """(start, end, name) of each disabling name that suppressed nothing although a rule it
        names ran (a name whose rules were not selected is left alone)."""
        for directive in self.suppressions.directives:
            if directive.kind == "enable":
                continue
            for name, (start, end) in directive.names.items():
                if name in directive.used or name not in self.known and name != ALL:
                    continue
                if any(name in (ALL, rule, category) for rule, category in self.ran):
                    yield start, end, name
