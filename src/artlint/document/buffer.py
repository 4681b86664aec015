"""A mutable copy of a text, for blanking what is not prose, at 1, 2 or 4 bytes a character.

The parsers blank markup (code, tags, link targets ...) in a copy of the text of the same
length, so that offsets never move. A ``list`` of one-character strings costs 8 bytes a
character for its pointers alone (and about 50 more for each character outside Latin-1); this
buffer keeps the text encoded at a fixed width, the narrowest that holds its widest character,
like CPython's own strings.
"""

from __future__ import annotations

import re

_CHUNK = 1 << 16
_ENCODINGS = {1: "latin-1", 2: "utf-16-le", 4: "utf-32-le"}
# Every byte but a newline becomes a space (for the 1-byte width).
_BLANK_LATIN1 = bytes(0x0A if b == 0x0A else 0x20 for b in range(256))


SURROGATE = re.compile("[\ud800-\udfff]")  # a lone surrogate: only in a text built in memory


def blanked(s: str) -> str:
    """``s`` with every character but newlines made a space (split and join: a dozen times
    faster than a regex substitution of each character)."""
    if "\n" not in s:
        return " " * len(s)
    return "\n".join(" " * len(line) for line in s.split("\n"))


def _width(text: str) -> int:
    if text.isascii():
        return 1
    widest = ord(max(text))
    if widest < 0x100:
        return 1
    # Two lone surrogates side by side would decode from UTF-16 as one character: 4 bytes then.
    return 2 if widest < 0x10000 and not SURROGATE.search(text) else 4


class ProseBuffer:
    """``text`` as a mutable buffer: slices read and written as strings of the same length."""

    __slots__ = ("_data", "_encoding", "_width")

    def __init__(self, text: str, wide_as: str | None = None) -> None:
        """``wide_as``: a text whose characters may be written later (the buffer's width)."""
        self._width = _width(text if wide_as is None else wide_as)
        self._encoding = _ENCODINGS[self._width]
        # surrogatepass: a lone surrogate (a text built in memory) is one 2- or 4-byte unit.
        # Encoded a chunk at a time: the whole text encoded at once would be a second copy.
        self._data = bytearray()
        for i in range(0, len(text), _CHUNK):
            self._data += text[i : i + _CHUNK].encode(self._encoding, "surrogatepass")

    def __len__(self) -> int:
        return len(self._data) // self._width

    def _span(self, start: int, stop: int) -> slice:
        """The bytes of [start, stop), both already known to be >= 0 (the parsers' offsets)."""
        size = len(self._data)
        first = min(start * self._width, size)
        return slice(first, max(min(stop * self._width, size), first))

    def _bytes(self, key: int | slice) -> slice:
        if type(key) is slice and key.step is None and type(key.start) is int and type(key.stop) is int \
                and key.start >= 0 and key.stop >= 0:
            return self._span(key.start, key.stop)  # the common case, without slice.indices()
        if isinstance(key, int):
            key = slice(key, key + 1) if key >= 0 else slice(len(self) + key, len(self) + key + 1)
        start, stop, step = key.indices(len(self))
        if step != 1:
            raise ValueError("ProseBuffer slices have no step")
        stop = max(start, stop)
        return slice(start * self._width, stop * self._width)

    def __getitem__(self, key: int | slice) -> str:
        return self._data[self._bytes(key)].decode(self._encoding, "surrogatepass")

    def __setitem__(self, key: int | slice, value: str) -> None:
        span = self._bytes(key)
        encoded = value.encode(self._encoding, "surrogatepass")
        if len(encoded) != span.stop - span.start:
            # Offsets are the document's: a write that changed the length would move them all.
            raise ValueError("a ProseBuffer write must keep the length of the span")
        self._data[span] = encoded

    def blank(self, start: int, end: int) -> None:
        """Spaces for every character of [start, end) but newlines."""
        if start >= end:
            return
        if self._width == 1 and start >= 0:
            span = self._span(start, end)
            self._data[span] = self._data[span].translate(_BLANK_LATIN1)
        else:
            self[start:end] = blanked(self[start:end])

    def text(self) -> str:
        return self._data.decode(self._encoding, "surrogatepass")
