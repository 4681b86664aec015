"""Query parameters in link targets that should not be published: ``utm_source=chatgpt.com``
that a writing assistant appends to every link it cites.

Each link's target is read as written (an HTML attribute separates parameters with ``&amp;``).
The fix removes the parameter with one separator, so the link stays valid and points where it
did: ``?utm_source=chatgpt.com`` goes, ``?a=1&utm_source=chatgpt.com`` keeps ``?a=1``,
``?utm_source=chatgpt.com&a=1`` becomes ``?a=1``.
"""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._regex import compile_alternatives
from artlint.diagnostics import Finding
from artlint.document import Document

# One query parameter: its separator, then key=value up to the next separator or fragment.
_PARAMETER = re.compile(r"(\?|&amp;|&)([^&#?\s]*)")


class Check:
    name = "link-parameter"
    fixable = True

    def __init__(self, options: dict) -> None:
        self.parameters = compile_alternatives(options["parameters"], "parameters", re.IGNORECASE)

    def run(self, doc: Document) -> Iterator[Finding]:
        seen: set[int] = set()
        for link in doc.links:
            if link.target_start < 0 or link.target_start in seen or "?" not in link.target:
                continue
            seen.add(link.target_start)
            yield from self._in_target(doc.text, link.target_start, link.target_end)

    def _in_target(self, text: str, start: int, end: int) -> Iterator[Finding]:
        query = text.find("?", start, end)
        fragment = text.find("#", start, end)
        if query < 0 or 0 <= fragment < query:
            return
        stop = end if fragment < 0 else fragment
        parameters = list(_PARAMETER.finditer(text, query, stop))
        taken = query  # removed up to here: a separator taken with an earlier parameter
        for i, m in enumerate(parameters):
            if not self.parameters.fullmatch(m.group(2)):
                continue
            following = parameters[i + 1] if i + 1 < len(parameters) else None
            if m.start(1) >= taken and m.group(1) != "?":
                a, b = m.start(), m.end()  # "&utm_source=..." with its separator
            elif following is not None:
                a, b = m.start(2), following.start(2)  # "utm_source=...&": the next keeps "?"
            else:
                a, b = (m.start(), m.end()) if m.group(1) == "?" else (m.start(2), m.end())
            taken = b
            yield Finding(a, b, args={"parameter": m.group(2)}, fix="")
