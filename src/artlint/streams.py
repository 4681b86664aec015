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


def run_guarded(body, passthrough: tuple[type[BaseException], ...] = ()):
    """Run a command's ``body``: a reader that went away, an output that cannot be written or a
    bug ends it with status 2 (one line on stderr for the latter two, never status 1, which
    means findings). Exceptions in ``passthrough`` (click's own) and ``SystemExit`` go on."""
    try:
        return body()
    except passthrough:
        raise
    except BrokenPipeError:  # the reader went away (`artlint check | head`): nothing more to say
        _silence(sys.stdout)
        sys.exit(EXIT_ERROR)
    except OSError as exc:  # stdout or stderr cannot be written (`> /dev/full`), or a bug
        if output_failed(exc) is None:
            internal_error(exc)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug: say so in one line and exit 2
        internal_error(exc)
        sys.exit(EXIT_ERROR)


def internal_error(exc: Exception) -> None:
    if os.environ.get("ARTLINT_DEBUG"):
        raise exc
    say_if_possible(f"artlint: internal error: {type(exc).__name__}: {exc} (please report this bug; "
                    f"ARTLINT_DEBUG=1 shows the traceback)")


def exit_checked(body):
    """Run a command line's ``body``, then flush stdout and stderr: a stream that cannot be
    written makes the status 2 (``broken_stream_status``), whether ``body`` exits or returns."""
    try:
        result = body()
    except SystemExit:
        if broken_stream_status() is not None:  # what was left to write could not be
            raise SystemExit(EXIT_ERROR) from None
        raise
    if broken_stream_status() is not None:
        sys.exit(EXIT_ERROR)
    return result
