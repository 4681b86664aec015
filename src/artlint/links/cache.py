"""Results of online link checks, kept between runs in SQLite (``.artlint_cache/links.sqlite3``).

Keyed by the fetched URL (no fragment). ``ok`` and ``redirected`` results stay fresh for
``max-age`` (1 day), ``unverified`` ones for ``max-age-unverified`` (1 hour); ``dead`` links are
never served from the cache (they are checked again on every run, so a fixed link stops failing
at once: the cache only says to ask them with GET straight away), and results that depend on this
run only (time budget exhausted, a blocked address) are not kept. A result that needed a private
address is not reused by a run that does not allow private hosts, and a result without the
page's anchors is not reused when fragments are checked.

Every row carries what produced it (``producer``: the settings that decide a verdict, such as
the user agent and the accepted status codes) and a checksum of all it holds; a row that does
not verify is a miss (the link is checked again and the row replaced).

Two artlint processes may share the cache: WAL journal mode (readers never block the writer), a
busy timeout, reads outside any transaction (one connection kept for them) and one short write
transaction at the end. A damaged cache file is moved aside and built again, one that cannot be
used is bypassed, each with one warning (``sqlite_store.Store``): the links are simply checked.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Callable

from artlint import sqlite_store
from artlint.links.results import DEAD, OK, REDIRECTED, UNVERIFIED, Anchors, LinkResult

FILE_NAME = "links.sqlite3"
SCHEMA_VERSION = 2  # 2: rows carry what produced them and a checksum
_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL,
    status INTEGER,
    final_url TEXT,
    anchors TEXT,
    private INTEGER NOT NULL DEFAULT 0,
    checked_at REAL NOT NULL,
    producer TEXT NOT NULL,
    checksum TEXT NOT NULL
) WITHOUT ROWID
"""  # WITHOUT ROWID: no separate index of URLs that could disagree with the rows
_COLUMNS = "url, verdict, reason, status, final_url, anchors, private, checked_at, producer, checksum"
_VERDICTS = (OK, REDIRECTED, UNVERIFIED, DEAD)


class CacheError(Exception):
    pass


def cache_file(folder: Path) -> Path:
    return Path(folder) / FILE_NAME


def producer_of(settings) -> str:
    """What decides a link's verdict besides its URL (``LinkSettings``): a result checked
    with other headers or other accepted status codes is not reused."""
    hosts = sorted((pattern, sorted(host.headers.items())) for pattern, host in settings.hosts)
    described = [SCHEMA_VERSION, settings.user_agent, sorted(settings.headers.items()), hosts,
                 sorted(settings.accept), settings.max_redirects, settings.fragment_max_bytes, settings.soft_404]
    return sqlite_store.digest(described)


class LinkCache:
    """``producer``: ``producer_of(settings)``; ``warn`` prints one line (a damaged or
    unusable cache file)."""

    def __init__(self, folder: Path, max_age: float, max_age_unverified: float, producer: str = "",
                 warn: Callable[[str], None] | None = None) -> None:
        self.path = cache_file(folder)
        self.max_age = max_age
        self.max_age_unverified = max_age_unverified
        self.producer = producer
        self._store = sqlite_store.Store(self.path, "links", _SCHEMA, SCHEMA_VERSION, "link cache", warn)

    def _rows(self, keys: list) -> list[tuple]:
        """The intact rows of these URLs by this producer, read in autocommit mode."""
        rows: list[tuple] = []
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows += self._store.rows(f"SELECT {_COLUMNS} FROM links WHERE url IN ({','.join('?' * len(chunk))})",
                                     chunk)
        intact = [row for row in rows if _intact(row)]
        if len(intact) < len(rows):
            self._store.row_failed()  # misses; those links are checked and stored again
        wanted = set(keys)  # (a damaged b-tree could hand back another URL's row)
        return [row[:8] for row in intact if row[0] in wanted and row[8] == self.producer]

    def close(self) -> None:
        self._store.close()

    def fresh(self, urls: dict[str, bool], allow_private: bool, now: float | None = None) -> dict[str, LinkResult]:
        """Results still fresh for these URLs (URL -> whether its anchors are needed)."""
        now = time.time() if now is None else now
        out: dict[str, LinkResult] = {}
        if not urls:
            return out
        for url, verdict, reason, status, final_url, anchors, private, checked_at in self._rows(list(urls)):
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

    def recorded(self, urls: dict[str, bool], allow_private: bool, now: float | None = None) -> dict[str, LinkResult]:
        """What the cache knows of these URLs, for a reader that never fetches (an editor): the
        fresh results, and the dead links as last found (``fresh`` leaves those out so that a run
        checks them again; an editor that does not fetch shows them until the next check)."""
        out = self.fresh(urls, allow_private, now)
        rest = [url for url in urls if url not in out]
        for url, verdict, reason, status, final_url, _anchors, private, checked_at in self._rows(rest) if rest else ():
            if verdict == DEAD and (allow_private or not private):
                out[url] = LinkResult(url, verdict, reason, status, final_url, None, bool(private), cached=True,
                                      checked_at=checked_at)
        return out

    def known_dead(self, urls) -> set[str]:
        """Which of these URLs were dead when last checked."""
        return {row[0] for row in self._rows(list(urls)) if row[1] == DEAD}

    def store(self, results: list[LinkResult]) -> None:
        rows = []
        for r in results:
            if r.cacheable and not r.cached:
                values = (r.url, r.verdict, r.reason, r.status, r.final_url, _anchors_to_json(r.anchors),
                          int(r.private), r.checked_at, self.producer)
                rows.append((*values, sqlite_store.digest(values)))
        self._store.write(f"INSERT OR REPLACE INTO links ({_COLUMNS}) VALUES ({', '.join('?' * 10)})", rows)


def _intact(row: tuple) -> bool:
    """Does a row hold what was written (its checksum matches, its values are well-formed)?"""
    if len(row) != 10 or row[9] != sqlite_store.digest(row[:9]):
        return False
    url, verdict, reason, status, final_url, _anchors, private, checked_at, producer = row[:9]
    return (isinstance(url, str) and verdict in _VERDICTS and isinstance(reason, str)
            and isinstance(status, (int, type(None))) and isinstance(final_url, (str, type(None)))
            and isinstance(private, int) and isinstance(checked_at, (int, float)) and isinstance(producer, str))




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
