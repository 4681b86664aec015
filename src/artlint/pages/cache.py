"""Pages kept between runs with the validators they came with (ETag, Last-Modified), so that a
page is asked for again with ``If-None-Match`` / ``If-Modified-Since`` and a ``304 Not
Modified`` costs no body. Every run asks: a kept page is never used without the server's word
that it has not changed. Text is stored compressed; a page larger than ``MAX_KEPT`` is not
kept. Rows carry a checksum (``sqlite_store``); a damaged row is a miss."""

from __future__ import annotations

import hashlib
import json
import time
import zlib
from pathlib import Path
from typing import Callable

from artlint import sqlite_store

FILE_NAME = "pages.sqlite3"
VERSION = 1
MAX_KEPT = 4 * 1024 * 1024  # characters of one page
_SCHEMA = """CREATE TABLE pages (
    url TEXT PRIMARY KEY,
    fetched_at REAL NOT NULL,
    content_type TEXT NOT NULL,
    validators TEXT NOT NULL,
    text BLOB NOT NULL,
    producer TEXT NOT NULL,
    checksum TEXT NOT NULL
)"""
_COLUMNS = "url, fetched_at, content_type, validators, text, producer, checksum"


def _checksum(url: str, fetched_at: float, content_type: str, validators: str, blob: bytes, producer: str) -> str:
    return sqlite_store.digest([url, fetched_at, content_type, validators, hashlib.blake2b(blob).hexdigest(), producer])


class PageCache:
    def __init__(self, folder: Path, producer: str, warn: Callable[[str], None] | None = None) -> None:
        self.producer = producer
        self._store = sqlite_store.Store(Path(folder) / FILE_NAME, "pages", _SCHEMA, VERSION, "page cache", warn)

    def kept(self, urls: list[str]) -> dict[str, tuple[str, str, dict]]:
        """URL -> (content type, text, validators) of the pages kept."""
        out = {}
        for i in range(0, len(urls), 500):
            chunk = urls[i:i + 500]
            rows = self._store.rows(f"SELECT {_COLUMNS} FROM pages WHERE url IN ({','.join('?' * len(chunk))})", chunk)
            for row in rows:
                if len(row) != 7 or not isinstance(row[4], bytes) or row[6] != _checksum(*row[:6]):
                    self._store.row_failed()
                    continue
                url, _at, ctype, validators, blob, producer = row[:6]
                if producer != self.producer or url not in chunk:
                    continue
                try:
                    out[url] = (ctype, zlib.decompress(blob).decode("utf-8"), dict(json.loads(validators)))
                except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
                    continue
        return out

    def store(self, pages: dict[str, tuple[str, str, dict]]) -> None:
        """URL -> (content type, text, validators) of pages fetched now (with validators)."""
        rows = []
        now = time.time()
        for url, (ctype, text, validators) in pages.items():
            if not validators or len(text) > MAX_KEPT:
                continue
            blob = zlib.compress(text.encode("utf-8"), 6)
            asked = json.dumps(validators, sort_keys=True)
            rows.append((url, now, ctype, asked, blob, self.producer,
                         _checksum(url, now, ctype, asked, blob, self.producer)))
        self._store.write(f"INSERT OR REPLACE INTO pages ({_COLUMNS}) VALUES ({', '.join('?' * 7)})", rows)

    def close(self) -> None:
        self._store.close()
