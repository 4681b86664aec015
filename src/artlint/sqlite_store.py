"""The embedded SQLite files under ``.artlint_cache/`` (link results, lint results).

Shared by both caches so that they behave the same with concurrent artlint processes: WAL
journal mode (readers never block the writer), a busy timeout, autocommit reads, and writes
batched into one short ``BEGIN IMMEDIATE`` transaction.

A cache is advisory: ``Store`` never lets a cache stop a run. A file that is damaged (not a
database, truncated, corrupt pages, a folder in its place) is moved aside to ``NAME.corrupt``
with one warning and a new one is built; a cache that cannot be used at all (a read-only
folder, no space) is bypassed with one warning; a lock held too long by another run is a miss.
Checking what a row holds is the caller's (each row carries a checksum).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Callable, Sequence

from artlint.hashing import blake2b

BUSY_MS = 10_000

# SQLite's primary result codes that say "another process holds it" (a miss, nothing more) and
# "the file is damaged" (a new file in its place will work). Any other error says the place
# cannot hold a cache (read-only, full, cannot open...): it is bypassed, as a new file would fail.
_BUSY = {5, 6, 15}  # SQLITE_BUSY, SQLITE_LOCKED, SQLITE_PROTOCOL
_DAMAGE = {1, 11, 20, 24, 26}  # ERROR (a table missing), CORRUPT, MISMATCH, FORMAT, NOTADB


def connect(path: Path) -> sqlite3.Connection:
    # A run may open the cache in one thread and close it in another (a driver that lints in a
    # worker thread); one thread at a time uses a connection, which SQLite allows.
    conn = sqlite3.connect(str(path), timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
    # A damaged byte inside a text value must be a row that fails its checksum, not an error
    # that hides every other row.
    conn.text_factory = lambda data: data.decode("utf-8", "replace")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    # WAL with synchronous NORMAL: no fsync at each commit (one at checkpoints), and still no
    # corruption on a crash; a cache may lose its last rows to a power cut, nothing more.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def make_cache_folder(folder: Path) -> None:
    """Create a cache folder, git-ignored (every cache file of a project lives in it)."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        try:
            ignore.write_text("# Created by artlint: this folder is a cache.\n*\n", encoding="utf-8")
        except OSError:
            pass


def prepare(path: Path, table: str, schema: str, version: int) -> None:
    """Create the cache folder (git-ignored) and the table, replacing one of another version."""
    make_cache_folder(path.parent)
    conn = connect(path)
    try:
        _use_wal(conn)
        if conn.execute("PRAGMA user_version").fetchone()[0] != version:
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0] != version:  # another process may have won
                conn.execute(f"DROP TABLE IF EXISTS {table}")
                conn.execute(schema)
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
    finally:
        conn.close()


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode. SQLite answers "locked" at once, without its busy handler, when
    another connection holds the file as the mode changes (two runs creating one cache at the
    same moment): that is tried again until the busy timeout, and the other run may have made
    the change meanwhile."""
    deadline = time.monotonic() + BUSY_MS / 1000
    while conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


def write_rows(path: Path, sql: str, rows: list[tuple]) -> None:
    """Insert many rows in one transaction."""
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
    finally:
        conn.close()


def delete_all(path: Path, table: str) -> int | None:
    """Empty a table; the number of rows removed, None when the file does not exist."""
    if not path.exists():
        return None
    try:
        conn = connect(path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                removed = conn.execute(f"DELETE FROM {table}").rowcount
            except sqlite3.OperationalError as exc:
                if "no such table" not in str(exc):
                    raise
                removed = 0  # no table: nothing was ever stored
            conn.execute("COMMIT")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if not is_damaged(path, exc):
            raise
        move_aside(path)  # what it held cannot be read: it is gone from the cache all the same
        return 0
    return removed


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # the primary code of an extended one


def is_busy(exc: BaseException) -> bool:
    return _code(exc) in _BUSY


def is_damaged(path: Path, exc: BaseException) -> bool:
    """Is the file itself at fault, so that a new one in its place would work? (Not a database,
    corrupt, a table missing, a folder where the file should be.)"""
    if path.is_dir():
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = _code(exc)
    return code in _DAMAGE or (code is None and type(exc) is sqlite3.DatabaseError)  # (ours: integrity)


def identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def move_aside(path: Path) -> Path:
    """Rename a damaged cache file (and its journal) to ``NAME.corrupt``; the new name."""
    aside = path.with_name(path.name + ".corrupt")
    for n in range(1, 10):  # an older one is replaced, unless it is a folder: then another name
        try:
            os.replace(path, aside)
            break
        except OSError:
            if n == 9 or not aside.is_dir():
                raise
            aside = path.with_name(f"{path.name}.corrupt{n}")
    for suffix in ("-wal", "-shm"):  # an old journal must not be replayed into the new file
        try:
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
        except OSError:
            pass
    return aside


class Store:
    """One cache file, used so that it can never stop or falsify a run: ``rows`` and ``write``
    never raise. ``what`` names it in warnings ("result cache"); ``warn`` prints one line (by
    default on stderr)."""

    def __init__(self, path: Path, table: str, schema: str, version: int, what: str,
                 warn: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self._table, self._schema, self._version = table, schema, version
        self.what = what
        self._warn = warn or _warn_on_stderr
        self._warned = False
        self._reader: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None  # the file the errors were met in
        self._checked = False  # integrity checked this run (after a row failed its checksum)
        self.usable = True
        self._open()

    def _open(self) -> None:
        self._identity = identity(self.path)
        try:
            prepare(self.path, self._table, self._schema, self._version)
        except (sqlite3.Error, OSError) as exc:
            if is_busy(exc):  # held past the busy timeout: the table may not even exist yet
                self.usable = False
                self._say(f"cannot use the {self.what} {self.path} ({_reason(exc)}); running without it")
            else:
                self._failed(exc)
            return
        self._identity = identity(self.path)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def rows(self, sql: str, params) -> list[tuple]:
        """The rows of a query, read in autocommit mode; none when the cache fails."""
        if not self.usable:
            return []
        try:
            if self._reader is None:  # opened on first use
                self._reader = connect(self.path)
            return self._reader.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return []

    def row_failed(self) -> None:
        """A row did not verify: a damaged value is simply replaced, but damage to the file's
        structure (which SQLite may not notice on its own) has it moved aside and rebuilt.
        Checked once a run, and only then, as it reads the whole file."""
        if self._checked or not self.usable:
            return
        self._checked = True
        try:
            conn = connect(self.path)
            try:
                verdict = conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error as exc:
            self._failed(exc)
            return
        if verdict != "ok":
            self.close()
            self._failed(sqlite3.DatabaseError(f"integrity check: {verdict}"))

    def write(self, sql: str, rows: list[tuple]) -> None:
        """Insert rows in one transaction; into a new file when this one turns out damaged."""
        self.close()
        if not rows or not self.usable:
            return
        for _attempt in range(2):
            try:
                write_rows(self.path, sql, rows)
                return
            except sqlite3.Error as exc:
                if not self._failed(exc):
                    return

    def _failed(self, exc: BaseException) -> bool:
        """Deal with an error: a busy file is a miss, a damaged one is moved aside and built
        again, anything else turns the cache off for this run. True when it is usable again."""
        self.close()
        if is_busy(exc):
            return False
        if is_damaged(self.path, exc) and self._rebuild(exc):
            return True
        self.usable = False
        self._say(f"cannot use the {self.what} {self.path} ({_reason(exc)}); running without it")
        return False

    def _rebuild(self, exc: BaseException) -> bool:
        # Another run may have replaced the file already: then use its new one as it is.
        current = identity(self.path)
        reason = "a folder is in its place" if self.path.is_dir() else _reason(exc)
        moved = None
        if current is not None and current == self._identity:
            try:
                moved = move_aside(self.path)
            except OSError:
                return False
        try:
            prepare(self.path, self._table, self._schema, self._version)
        except (sqlite3.Error, OSError):
            return False
        self._identity = identity(self.path)
        if moved is not None:
            self._say(f"the {self.what} {self.path} was damaged ({reason}); moved it to "
                      f"{moved.name} and started a new one")
        return True

    def _say(self, message: str) -> None:
        if not self.usable:
            UNUSABLE_FOLDERS.add(self.path.parent)
        if not self._warned:  # one line per cache file and run, however many rows fail
            self._warned = True
            self._warn(message)


# Cache folders a cache in this process said it cannot use: the rule cache (a plain file beside
# the SQLite ones) does not say it again.
UNUSABLE_FOLDERS: set[Path] = set()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _warn_on_stderr(message: str) -> None:
    import sys

    sys.stderr.write(f"artlint: warning: {message}\n")
    sys.stderr.flush()


def digest(values: Sequence) -> str:
    """A short hash of some JSON values: the checksum a cache row carries of what it holds, or
    the key of what produced it."""
    text = json.dumps(list(values), ensure_ascii=False, default=str)
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
