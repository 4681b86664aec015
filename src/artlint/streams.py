"""When standard output or standard error cannot be written.

``artlint check ... > /dev/full`` (a full disk, a dead terminal) and ``artlint check | head -1``
(the reader went away) make a write fail, in the middle of a run or only when the interpreter
flushes at exit. Either way the run ends with status 2: with one line on stderr saying which
stream failed, or quietly for a closed pipe (or when stderr itself is what failed). The broken
stream is then pointed at the null device, so that the interpreter's own flush at exit finds
nothing to fail on (it would print "Exception ignored" and exit 120)."""

from __future__ import annotations

import errno
import os
import sys

EXIT_ERROR = 2
# What a failed write of the output raises. A write that fails mid-run leaves no trace on the
# stream (the buffer is dropped), so such an error reaching the top of a command is taken for one.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _silence(stream) -> None:
    """Point the stream's file descriptor at the null device (nothing for an in-memory one)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def say_if_possible(message: str) -> None:
    """One line on stderr, unless stderr cannot be written either."""
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        _silence(sys.stderr)


def broken_stream_status() -> int | None:
    """Flush stdout and stderr: ``EXIT_ERROR`` when one of them cannot be written (said on
    stderr when it can and the reader did not simply go away), else None."""
    for name, stream in (("standard output", sys.stdout), ("standard error", sys.stderr)):
        if stream is None:
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            _silence(stream)
            return EXIT_ERROR
        except (OSError, ValueError) as exc:
            _silence(stream)
            if stream is sys.stdout:
                say_if_possible(f"artlint: error: cannot write to {name}: {getattr(exc, 'strerror', None) or exc}")
            return EXIT_ERROR
    return None


def output_failed(exc: OSError) -> int | None:
    """For an ``OSError`` that reached the top of a command: ``EXIT_ERROR`` (said in one line)
    when it is a failed write of the output, None for any other error (a bug)."""
    status = broken_stream_status()
    if status is not None or exc.errno not in _WRITE_ERRNOS:
        return status
    say_if_possible(f"artlint: error: cannot write the output (standard output or error): {exc.strerror or exc}")
    return EXIT_ERROR
