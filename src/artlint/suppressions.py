"""Suppression comments in Markdown:

    <!-- artlint-disable RULE ... -->            off from here (all rules when none is named)
    <!-- artlint-enable RULE ... -->             on again
    <!-- artlint-disable-next-line RULE ... -->  off for the next non-blank line
    <!-- artlint-disable-file RULE ... -->       off for the whole file

RULE is a rule id or a category; several may be given, separated by spaces or commas.
"""

from __future__ import annotations

import re

from artlint.document import Document

_DIRECTIVE = re.compile(r"^\s*artlint-(disable-next-line|disable-file|disable|enable)\b([^>]*)$", re.S)


class Suppressions:
    def __init__(self, doc: Document) -> None:
        self._file: set[str] = set()
        self._lines: dict[int, set[str]] = {}
        # (start_offset, end_offset, names) of disabled regions; "*" means every rule
        self._regions: list[tuple[int, int, frozenset[str]]] = []
        open_regions: dict[str, int] = {}
        for comment in doc.comments:
            m = _DIRECTIVE.match(comment.body)
            if not m:
                continue
            kind = m.group(1)
            names = frozenset(re.split(r"[\s,]+", m.group(2).strip())) - {""} or frozenset({"*"})
            if kind == "disable-file":
                self._file |= names
            elif kind == "disable-next-line":
                line, _ = doc.line_col(comment.end)
                line += 1
                while line < doc.line_count and not doc.text[slice(*doc.line_span(line))].strip():
                    line += 1
                self._lines.setdefault(line, set()).update(names)
            elif kind == "disable":
                for name in names:
                    open_regions.setdefault(name, comment.end)
            else:  # enable
                targets = list(open_regions) if "*" in names else names
                for name in targets:
                    if name in open_regions:
                        self._regions.append((open_regions.pop(name), comment.start, frozenset({name})))
                if "*" in names:  # "enable" with no rule also ends the all-rules region
                    open_regions.clear()
        for name, start in open_regions.items():
            self._regions.append((start, len(doc.text), frozenset({name})))

    @staticmethod
    def _hit(names, rule: str, category: str) -> bool:
        return "*" in names or rule in names or category in names

    def suppressed(self, rule: str, category: str, start: int, line: int) -> bool:
        if self._hit(self._file, rule, category):
            return True
        if line in self._lines and self._hit(self._lines[line], rule, category):
            return True
        return any(a <= start < b and self._hit(names, rule, category) for a, b, names in self._regions)
