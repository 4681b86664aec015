"""Read a file's bytes into text, or say clearly why it cannot be linted."""

from __future__ import annotations

import codecs
from pathlib import Path


class UnreadableFile(Exception):
    """A file artlint cannot lint; the message is one line for the user."""


def decode(data: bytes) -> str:
    """UTF-8 with or without a BOM. NUL bytes mean a binary file."""
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary file (contains NUL bytes), not an article")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFile(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} on line {line} (save the file as UTF-8)"
        ) from None


def read_text(path: Path) -> str:
    return decode(read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or ``UnreadableFile`` saying why not."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise UnreadableFile("is a directory") from None
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None
