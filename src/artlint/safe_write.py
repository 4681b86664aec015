"""Replacing a file safely: atomically, inside the linted tree, keeping the file's identity.

A file is replaced by writing the new bytes to a temporary file in the same folder, named
``.NAME.PID.XXXXXXXX.artlint-tmp``, giving it the original's owner and permissions, and
renaming it over the original (``os.replace``). What such a replacement cannot do right is
refused with one line (``NotWritten``) and the original is left as it was:

- a symbolic link whose target is outside the linted paths (``within``), looked at again just
  before the rename: a link in a stranger's pull request must not make ``--fix`` rewrite a file
  elsewhere on the machine;
- a read-only file (no write permission bit, or no access for this user): the rename needs
  only the folder's permission, so it would overwrite what its owner protected;
- a file with several hard links: a rename splits them (the other names keep the old text),
  and writing in place would change the other names behind the user's back;
- a file whose owner the new file cannot be given (not root, another user's file).

A run killed mid-write (``kill -9``) leaves its temporary file behind; ``sweep_stale`` removes
those whose process is gone or that are older than a minute, at the start of the next run."""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path
from typing import Sequence

TEMP_SUFFIX = ".artlint-tmp"
STALE_AFTER = 60.0  # seconds: a temporary file lives for the time of one write
# .NAME.PID.XXXXXXXX.artlint-tmp, or .NAME.XXXXXXXX.artlint-tmp from versions without the PID
_TEMP_NAME = re.compile(r"^\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.(?P<random>[a-z0-9_]+)\.artlint-tmp$")


class FileChanged(Exception):
    """The file on disk is no longer the one that was linted."""


class NotWritten(OSError):
    """A file artlint refuses to replace; the message is one line naming the file. An
    ``OSError``, so every caller that reports a failed write reports this one too."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def is_inside(target: Path, roots: Sequence[Path]) -> bool:
    """Whether the resolved ``target`` is one of ``roots`` (resolved) or under one of them."""
    return any(target == root or target.is_relative_to(root) for root in roots)


def _refuse_outside(path: Path, roots: Sequence[Path] | None) -> Path:
    """The file a write to ``path`` would change, refused when it is outside ``roots``."""
    target = Path(os.path.realpath(path))
    if roots is not None and not is_inside(target, roots):
        raise NotWritten(f"{path}: a symbolic link to {target}, outside the linted paths; not written "
                         f"(--follow-links allows it)")
    return target


def _refuse_identity_loss(path: Path, info: os.stat_result) -> None:
    """Refuse what an atomic replacement would silently change: protection, hard links."""
    if not stat.S_ISREG(info.st_mode):
        raise NotWritten(f"{path}: not a regular file; not written")
    if info.st_mode & 0o222 == 0 or not os.access(path, os.W_OK):
        raise NotWritten(f"{path}: read-only file; not written (make it writable first if it should change)")
    if info.st_nlink > 1:
        raise NotWritten(f"{path}: has {info.st_nlink} hard links; not written (replacing it would split "
                         f"them and writing in place would change the other names: fix it by hand)")


def _give_identity(tmp: str, path: Path, info: os.stat_result | None) -> None:
    """The temporary file gets the original's owner, then its permissions (``chown`` clears
    set-user-id bits, so the mode comes second); a new file gets the umask's default mode."""
    if info is None:
        os.chmod(tmp, _new_file_mode())
        return
    mine = os.stat(tmp)
    if hasattr(os, "chown") and (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
        try:
            os.chown(tmp, info.st_uid, info.st_gid)
        except PermissionError:
            raise NotWritten(f"{path}: owned by user {info.st_uid}, group {info.st_gid}, which the rewritten "
                             f"file could not keep; not written") from None
    os.chmod(tmp, stat.S_IMODE(info.st_mode))


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _stat(target: Path, path: Path, expected: bytes | None) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        if expected is not None:
            raise FileChanged(f"{path}: the file was removed since it was read") from None
        return None


def _refuse_changed(target: Path, path: Path, expected: bytes | None) -> None:
    if expected is not None and target.read_bytes() != expected:
        raise FileChanged(f"{path}: the file changed since it was read; not written")


def write_atomic(path: Path, data: bytes, expected: bytes | None = None,
                 within: Sequence[Path] | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its owner and permissions (and writing
    through a symbolic link to its target). ``within``: the resolved folders the file must be
    in (a link out of them is refused). With ``expected``, raise ``FileChanged`` instead of
    writing when the file's bytes are no longer ``expected``. ``NotWritten`` (and any other
    ``OSError``) is raised as is; either way the original is untouched and no temporary file
    is left behind."""
    target = _refuse_outside(path, within)
    info = _stat(target, path, expected)
    if info is not None:
        _refuse_identity_loss(path, info)
    _refuse_changed(target, path, expected)
    import tempfile  # only to write: a run that writes nothing does not import it (nor shutil, random)

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            _give_identity(tmp, path, info)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if _refuse_outside(path, within) != target:  # the last moment we can look: swapped for a link?
            raise FileChanged(f"{path}: the file was replaced since it was read; not written")
        _refuse_changed(target, path, expected)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# -- temporary files of a killed run ------------------------------------------------------------

def _process_is_gone(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows: judge by age only
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):  # another user's process (or no such number)
        return False
    return False


def is_stale(name: str, age: float) -> bool:
    """Whether a temporary file named ``name``, ``age`` seconds old, belongs to no live write."""
    match = _TEMP_NAME.match(name)
    if match is None:
        return False
    if age > STALE_AFTER:
        return True
    pid = match.group("pid")
    return pid is not None and int(pid) != os.getpid() and _process_is_gone(int(pid))


def sweep_stale(folder: Path) -> list[Path]:
    """Remove the stale temporary files of ``folder`` (left by a run that was killed); the
    ones removed. A folder that cannot be listed, or a file that cannot be removed, is left."""
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(folder) if n.endswith(TEMP_SUFFIX)]
    except OSError:
        return removed
    now = time.time()
    for name in names:
        path = folder / name
        try:
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and is_stale(name, now - info.st_mtime):
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
    return removed
