"""Positions: artlint's (1-based line, 1-based column in code points, into the text as the
editor holds it) against LSP's (0-based line, 0-based character in the negotiated encoding:
UTF-16 code units unless the client asked for UTF-8 or UTF-32). An emoji before a finding
counts 1 code point, 2 UTF-16 units and 4 UTF-8 bytes: columns are converted, never copied."""

from __future__ import annotations

import bisect

from lsprotocol import types

from artlint.diagnostics import SourceSpans

UTF16, UTF8, UTF32 = types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf32


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Lines:
    """A text's lines (ending in LF, CRLF or CR, as both artlint and LSP count them), for
    converting positions both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = SourceSpans(text).starts

    def line_end(self, line: int) -> int:
        """Where 0-based ``line``'s text ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        if self.text[end - 1 : end] == "\n":
            end -= 1
        if self.text[end - 1 : end] == "\r":
            end -= 1
        return end

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of artlint's ``line``:``column``."""
        index = min(max(line - 1, 0), len(self.starts) - 1)
        start = self.starts[index]
        prefix = self.text[start : start + max(column - 1, 0)]
        return types.Position(line=index, character=units(prefix, self.encoding))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of an LSP position (a character past the line's end is its end)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.line_end(position.line)
        line = self.text[start:end]
        if self.encoding == UTF32 or line.isascii():
            return start + min(position.character, len(line))
        counted = 0
        for i, char in enumerate(line):
            if counted >= position.character:
                return start + i
            counted += units(char, self.encoding)
        return end

    def range_of(self, start: int, end: int) -> types.Range:
        """The LSP range of code-point offsets ``start``..``end``."""
        return types.Range(start=self._at(start), end=self._at(end))

    def _at(self, offset: int) -> types.Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line=line, character=units(self.text[self.starts[line] : offset], self.encoding))
