"""The embedded SQLite files under ``.artlint_cache/`` (link results, lint results).

Shared by both caches so that they behave the same with concurrent artlint processes: WAL
journal mode (readers never block the writer), a busy timeout, autocommit reads, and writes
batched into one short ``BEGIN IMMEDIATE`` transaction. Errors are the caller's to handle.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_MS = 10_000


def connect(path: Path) -> sqlite3.Connection:
    # A run may open the cache in one thread and close it in another (a driver that lints in a
    # worker thread); one thread at a time uses a connection, which SQLite allows.
    conn = sqlite3.connect(str(path), timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return conn


def prepare(path: Path, table: str, schema: str, version: int) -> None:
    """Create the cache folder (git-ignored) and the table, replacing one of another version."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        try:
            ignore.write_text("# Created by artlint: this folder is a cache.\n*\n", encoding="utf-8")
        except OSError:
            pass
    conn = connect(path)
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        if conn.execute("PRAGMA user_version").fetchone()[0] != version:
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0] != version:  # another process may have won
                conn.execute(f"DROP TABLE IF EXISTS {table}")
                conn.execute(schema)
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
    finally:
        conn.close()


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
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            removed = conn.execute(f"DELETE FROM {table}").rowcount
        except sqlite3.OperationalError:  # no table: nothing was ever stored
            removed = 0
        conn.execute("COMMIT")
    finally:
        conn.close()
    return removed
