"""Whitespace that should not be there: ``weight .``, ``India , Japan``, ``( see below )``.

The span reported is the whitespace itself and the fix deletes it, so applying the fix can
only ever remove spaces. Ellipses, decimals (``.5``), ``.NET``, ``:)`` and list markers are
not word-ending punctuation and are left alone.
"""

from __future__ import annotations

import re
from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import CODE

_SPACE_CHAR = "[ \\t\\u00a0\\u202f\\u2009]"
_EMOTICON = r"(?![:;]-?[()DPpO3/\\|\[\]])"


def _class(chars: str) -> str:
    return "[" + re.escape(chars) + "]" if chars else "(?!)"


class Check:
    name = "spacing"
    fixable = True

    def __init__(self, options: dict) -> None:
        self.mode = options["mode"]
        self.punctuation = options.get("punctuation", ".,;:!?")
        self.exemptions = options.get("language_exemptions", {})
        openers = options.get("openers", "([{“‘")
        closers = options.get("closers", ")]}”")
        self._regexes: dict[str, re.Pattern] = {}
        if self.mode == "inside-brackets":
            # "(?<=OPEN)SPACE+(?=[^\s CLOSE])|(?<=[^\s OPEN])SPACE+(?=CLOSE)", written to start
            # with the space class so that re skips to the next space in C (same matches)
            self.inside = re.compile(
                rf"{_SPACE_CHAR}(?:(?<={_class(openers)}{_SPACE_CHAR}){_SPACE_CHAR}*(?=[^\s{re.escape(closers)}])"
                rf"|(?<=[^\s{re.escape(openers)}]{_SPACE_CHAR}){_SPACE_CHAR}*(?={_class(closers)}))"
            )

    def _before(self, lang: str) -> re.Pattern:
        marks = "".join(c for c in self.punctuation if c not in self.exemptions.get(lang, ""))
        if marks not in self._regexes:
            # A mark that ends a word: followed by space, end of line or a closing quote/bracket,
            # and not the start of an ellipsis, a number (.5), a name (.NET) or an emoticon.
            # "(?<=\S)SPACE+...", starting with the space class so that re skips in C
            self._regexes[marks] = re.compile(
                rf"{_SPACE_CHAR}(?<=\S{_SPACE_CHAR}){_SPACE_CHAR}*{_EMOTICON}"
                rf"(?={_class(marks)}(?![.\w])(?:[\s\"”’»)\]*_]|$))"
            )
        return self._regexes[marks]

    def run(self, doc: Document) -> Iterator[Finding]:
        regex = self._before(doc.lang) if self.mode == "before-punctuation" else self.inside
        text, prose = doc.text, doc.prose
        for m in regex.finditer(prose, doc.prose_start):
            a, b = m.span()
            # Only real whitespace next to real (unmasked) text: never delete a code span or URL.
            if not text[a:b].strip() == "" or prose[a - 1] != text[a - 1] or prose[b] != text[b]:
                continue
            block = doc.block_at(a)
            if block is None or block.kind == CODE:
                continue
            yield Finding(a, b, args={"mark": text[b] if self.mode == "before-punctuation" else ""}, fix="")
