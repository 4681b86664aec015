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


def read_text(path: Path) -> str:
    return decode(read_bytes(path))


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                (stat.S_ISBLK, "a device"))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or ``UnreadableFile`` saying why not.

    Only a regular file is read: a named pipe would block the run until something writes to
    it, and a device such as /dev/zero never ends. The file is opened without blocking and
    looked at through its descriptor, so it cannot be swapped for a pipe in between."""
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
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFile("is a directory")
        for test, kind in _NOT_REGULAR:
            if test(mode):
                raise UnreadableFile(f"not a regular file ({kind}), not an article")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except IsADirectoryError:
        raise UnreadableFile("is a directory") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as exc:  # an I/O error, or a file on a network share that went away
        raise UnreadableFile(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
