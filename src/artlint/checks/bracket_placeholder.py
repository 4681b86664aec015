"""Bracketed placeholders: ``[INTERNAL_LINK:slug]``, ``[[External Link: url]]``, ``[LINK]``,
``[Insert source here]``, ``[Author Name]``.

Only brackets that are not links count: ``[link](https://x.org)`` and ``[source][ref]`` are
links, and so is a shortcut ``[link]`` whose ``[link]: url`` definition exists. A placeholder
written where a link's address goes counts too: ``<a href="[INTERNAL_LINK:slug]">``.

Front matter: published fields are prose like the body; in every other string value too
(``author: "[Author Name]"``) a bracketed placeholder is still one nobody filled in.
"""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._regex import compile_alternatives
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import Link, normalize_label

# "[slot]" or "[[slot]]" inside a front-matter value that is not prose
_BRACKETED = re.compile(r"\[\[[^\[\]\n]{1,300}\]\]|\[[^\[\]\n]{1,300}\]")


class Check:
    name = "bracket-placeholder"

    def __init__(self, options: dict) -> None:
        flags = re.IGNORECASE if options.get("ignore_case", True) else 0
        self.patterns = compile_alternatives(options["patterns"], "patterns", flags)
        cs = options.get("case_sensitive_patterns")
        self.case_sensitive = compile_alternatives(cs, "case_sensitive_patterns") if cs else None

    def _is_placeholder(self, inner: str) -> bool:
        inner = inner.strip()
        # "[[External Link: ...]]": look through one more pair of brackets.
        if inner.startswith("[") and inner.endswith("]"):
            inner = inner[1:-1].strip()
        inner = " ".join(inner.split())
        return bool(self.patterns.fullmatch(inner) or (self.case_sensitive and self.case_sensitive.fullmatch(inner)))

    def run(self, doc: Document) -> Iterator[Finding]:
        defined = doc.reference_definitions
        last_end = -1
        for link in doc.links:
            if link.target_start >= 0 and link.kind not in ("bare", "autolink"):
                finding = self._in_target(doc, link)
                if finding is not None:
                    yield finding
                continue
            if link.kind != "shortcut" or link.start < last_end:
                continue
            if normalize_label(link.label) in defined:
                continue
            # Match the prose (URLs blanked) so a wrapped URL does not decide, but report the text.
            if self._is_placeholder(doc.prose[link.text_start : link.text_end]) or self._is_placeholder(
                doc.text[link.text_start : link.text_end]
            ):
                last_end = link.end
                yield Finding(link.start, link.end)
        for value in doc.front_matter.values if doc.front_matter is not None else ():
            if not value.published:
                for m in _BRACKETED.finditer(doc.text, value.start, value.end):
                    if self._is_placeholder(m.group()[1:-1]):
                        yield Finding(m.start(), m.end())

    def _in_target(self, doc: Document, link: Link) -> Finding | None:
        """``<a href="[INTERNAL_LINK:slug]">``, ``[guide]([LINK])``: a placeholder where the
        address goes. Reported on the target as written."""
        target = link.target.strip()
        if not (target.startswith("[") and target.endswith("]") and self._is_placeholder(target)):
            return None
        raw = doc.text[link.target_start : link.target_end]
        start = link.target_start + len(raw) - len(raw.lstrip())
        return Finding(start, link.target_start + len(raw.rstrip()))
