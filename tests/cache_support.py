"""Editing the result cache's rows as a test needs to (a row carries a checksum of what it
holds, so a value changed on purpose must be signed again to be served)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from artlint import result_cache


def edit_results(db: Path, edit: Callable[[str], str]) -> int:
    """Replace each row's stored value by ``edit(value)``, with a matching checksum; the
    number of rows changed."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT key, producer, diagnostics FROM results").fetchall()
        for key, producer, value in rows:
            new = edit(value)
            conn.execute("UPDATE results SET diagnostics = ?, checksum = ? WHERE key = ?",
                         (new, result_cache.checksum(key, producer, new), key))
        conn.commit()
    finally:
        conn.close()
    return len(rows)
