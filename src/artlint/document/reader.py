"""Read a file's bytes into text, or say clearly why it cannot be linted."""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


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
        line = sum(1 for _ in _LINE_BREAK.finditer(data, 0, exc.start)) + 1  # lines as diagnostics count them
        raise UnreadableFile(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} on line {line} (save the file as UTF-8)"
        ) from None


def read_text(path: Path, max_size: int = 0) -> str:
    return decode(read_bytes(path, max_size))


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                (stat.S_ISBLK, "a device"))


def refuse_size(size: int, max_size: int) -> None:
    """``UnreadableFile`` when ``size`` bytes are above ``max_size`` (0: no limit)."""
    if max_size and size > max_size:
        from artlint.config import format_size

        shown = format_size(size) if size > max_size + 1 else f"more than {format_size(max_size)}"
        raise UnreadableFile(f"too large: {shown}, above the limit of {format_size(max_size)} (max-file-size)")


def _read_at_most(f, size: int, max_size: int) -> bytes:
    """The rest of ``f``, whose size is said to be ``size``, refused past ``max_size`` bytes. A
    file can be longer than it says (it grows, or it is in /proc): then it is read on, but never
    past the limit."""
    if not max_size:
        return f.read()
    data = f.read(size + 1)
    if len(data) <= size:
        return data
    data += f.read(max_size + 1 - len(data))
    refuse_size(len(data), max_size)
    return data


def read_bytes(path: Path, max_size: int = 0) -> bytes:
    """The file's bytes, or ``UnreadableFile`` saying why not.

    Only a regular file is read: a named pipe would block the run until something writes to
    it, and a device such as /dev/zero never ends. The file is opened without blocking and
    looked at through its descriptor, so it cannot be swapped for a pipe in between. A file
    above ``max_size`` bytes (0: no limit) is refused by its size, before a byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise UnreadableFile("is a directory") from None
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile("is a directory")
        for test, kind in _NOT_REGULAR:
            if test(info.st_mode):
                raise UnreadableFile(f"not a regular file ({kind}), not an article")
        refuse_size(info.st_size, max_size)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return _read_at_most(f, info.st_size, max_size)
    except IsADirectoryError:
        raise UnreadableFile("is a directory") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:  # an I/O error, or a file on a network share that went away
        raise UnreadableFile(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
