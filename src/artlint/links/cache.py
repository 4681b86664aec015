"""Results of online link checks, kept between runs in SQLite (``.artlint_cache/links.sqlite3``).

Keyed by the fetched URL (no fragment). ``ok`` and ``redirected`` results stay fresh for
``max-age`` (1 day), ``unverified`` ones for ``max-age-unverified`` (1 hour); ``dead`` links are
never served from the cache (they are checked again on every run, so a fixed link stops failing
at once: the cache only says to ask them with GET straight away), and results that depend on this
run only (time budget exhausted, a blocked address) are not kept. A result that needed a private
address is not reused by a run that does not allow private hosts, and a result without the
page's anchors is not reused when fragments are checked.

Two artlint processes may share the cache: WAL journal mode (readers never block the writer), a
busy timeout, reads outside any transaction (one connection kept for them) and one short write
transaction at the end. A cache that
cannot be opened or written is a warning, never a failure: the links are simply checked.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from artlint import sqlite_store
from artlint.links.results import DEAD, OK, REDIRECTED, UNVERIFIED, Anchors, LinkResult

FILE_NAME = "links.sqlite3"
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL,
    status INTEGER,
    final_url TEXT,
    anchors TEXT,
    private INTEGER NOT NULL DEFAULT 0,
    checked_at REAL NOT NULL
)
"""


class CacheError(Exception):
    pass


def cache_file(folder: Path) -> Path:
    return Path(folder) / FILE_NAME


class LinkCache:
    def __init__(self, folder: Path, max_age: float, max_age_unverified: float) -> None:
        self.path = cache_file(folder)
        self.max_age = max_age
        self.max_age_unverified = max_age_unverified
        self._reader: sqlite3.Connection | None = None
        try:
            sqlite_store.prepare(self.path, "links", _SCHEMA, SCHEMA_VERSION)
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(f"cannot use the link cache {self.path}: {exc}") from None

    def _select(self, columns: str, where: str, keys: list, *params) -> list[tuple]:
        """Rows for these URLs, read in autocommit mode (no transaction is left open)."""
        rows: list[tuple] = []
        try:
            if self._reader is None:
                self._reader = sqlite_store.connect(self.path)
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows += self._reader.execute(
                    f"SELECT {columns} FROM links WHERE {where} url IN ({','.join('?' * len(chunk))})",
                    [*params, *chunk]).fetchall()
        except sqlite3.Error as exc:
            raise CacheError(f"cannot read the link cache {self.path}: {exc}") from None
        return rows

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def fresh(self, urls: dict[str, bool], allow_private: bool, now: float | None = None) -> dict[str, LinkResult]:
        """Results still fresh for these URLs (URL -> whether its anchors are needed)."""
        now = time.time() if now is None else now
        out: dict[str, LinkResult] = {}
        if not urls:
            return out
        rows = self._select("url, verdict, reason, status, final_url, anchors, private, checked_at", "",
                            list(urls))
        for url, verdict, reason, status, final_url, anchors, private, checked_at in rows:
            age = now - checked_at
            if verdict in (OK, REDIRECTED):
                if age > self.max_age:
                    continue
            elif verdict == UNVERIFIED:
                if age > self.max_age_unverified:
                    continue
            else:
                continue  # dead links are checked again on every run
            if age < -60:  # written in the future: a clock went wrong, do not trust it
                continue
            if private and not allow_private:
                continue
            parsed = _anchors_from_json(anchors)
            if urls[url] and verdict in (OK, REDIRECTED) and parsed is None:
                continue
            out[url] = LinkResult(url, verdict, reason, status, final_url, parsed, bool(private),
                                  cached=True, checked_at=checked_at)
        return out

    def known_dead(self, urls) -> set[str]:
        """Which of these URLs were dead when last checked."""
        return {u for (u,) in self._select("url", "verdict = ? AND", list(urls), DEAD)}

    def store(self, results: list[LinkResult]) -> None:
        rows = [(r.url, r.verdict, r.reason, r.status, r.final_url, _anchors_to_json(r.anchors),
                 int(r.private), r.checked_at)
                for r in results if r.cacheable and not r.cached]
        self.close()
        if not rows:
            return
        try:
            sqlite_store.write_rows(self.path, "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise CacheError(f"cannot write the link cache {self.path}: {exc}") from None


def clear_cache(folder: Path) -> int | None:
    """Forget every cached result; the number of entries removed, None when there is no cache."""
    path = cache_file(folder)
    try:
        return sqlite_store.delete_all(path, "links")
    except sqlite3.Error as exc:
        raise CacheError(f"cannot clear the link cache {path}: {exc}") from None


def _anchors_to_json(anchors: Anchors | None) -> str | None:
    if anchors is None:
        return None
    return json.dumps({"complete": anchors.complete, "ids": sorted(anchors.ids)}, ensure_ascii=False)


def _anchors_from_json(text: str | None) -> Anchors | None:
    if not text:
        return None
    try:
        data = json.loads(text)
        return Anchors(frozenset(data["ids"]), bool(data["complete"]))
    except (ValueError, KeyError, TypeError):
        return None
