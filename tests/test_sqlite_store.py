"""The SQLite files under .artlint_cache/: two runs that create one at the same moment both use it.

SQLite answers "database is locked" at once, without waiting for its busy timeout, when a
connection switches a file to WAL mode while another holds it; before ``prepare`` tried again,
about one run in five of such pairs went on without its cache ("cannot use the link cache ...
(database is locked)"). Real processes, started together at a barrier."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

from artlint import sqlite_store

SCHEMA = "CREATE TABLE rows (k TEXT PRIMARY KEY, v TEXT)"


def _prepare(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        sqlite_store.prepare(Path(path), "rows", SCHEMA, 1)
        results.put("ok")
    except sqlite3.Error as exc:
        results.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_create_one_cache_at_once(tmp_path):
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    outcomes = []
    for n in range(30):
        path = tmp_path / f"run{n}" / "cache.sqlite3"
        barrier, results = context.Barrier(2), context.Queue()
        procs = [context.Process(target=_prepare, args=(str(path), barrier, results)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=60)
        outcomes += [results.get(timeout=10) for _ in procs]
        conn = sqlite3.connect(path)  # the file is a WAL database with its table
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("SELECT COUNT(*) FROM rows").fetchone()[0] == 0
        finally:
            conn.close()
    assert outcomes == ["ok"] * 60
