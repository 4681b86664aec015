"""What each source said, kept between runs: its passages (or why it could not be read), with
the validators it came with (ETag, Last-Modified), for ``max-age`` seconds. A second run within
that time makes no request. Rows carry a checksum, as the link cache's do (``sqlite_store``)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

from artlint import sqlite_store
from artlint.verify.reading import Passage, SourceText

FILE_NAME = "sources.sqlite3"
VERSION = 1
_SCHEMA = """CREATE TABLE sources (
    url TEXT PRIMARY KEY,
    fetched_at REAL NOT NULL,
    unreadable TEXT,
    passages TEXT NOT NULL,
    producer TEXT NOT NULL,
    checksum TEXT NOT NULL
)"""
_COLUMNS = "url, fetched_at, unreadable, passages, producer, checksum"


class SourceCache:
    def __init__(self, folder: Path, max_age: float, producer: str, warn: Callable[[str], None] | None = None) -> None:
        self.max_age = max_age
        self.producer = producer
        self._store = sqlite_store.Store(Path(folder) / FILE_NAME, "sources", _SCHEMA, VERSION, "source cache", warn)

    def fresh(self, urls: list[str], now: float | None = None) -> dict[str, SourceText]:
        now = time.time() if now is None else now
        out: dict[str, SourceText] = {}
        for i in range(0, len(urls), 500):
            chunk = urls[i:i + 500]
            rows = self._store.rows(f"SELECT {_COLUMNS} FROM sources WHERE url IN ({','.join('?' * len(chunk))})",
                                    chunk)
            for row in rows:
                if len(row) != 6 or row[5] != sqlite_store.digest(row[:5]):
                    self._store.row_failed()
                    continue
                url, fetched_at, unreadable, passages, producer = row[:5]
                if producer != self.producer or not 0 <= now - fetched_at <= self.max_age or url not in chunk:
                    continue
                try:
                    items = tuple(Passage(*p) for p in json.loads(passages))
                except (ValueError, TypeError):
                    continue
                out[url] = SourceText(items, unreadable)
        return out

    def store(self, texts: dict[str, SourceText]) -> None:
        rows = []
        now = time.time()
        for url, text in texts.items():
            passages = json.dumps([(p.text, p.location, p.context) for p in text.passages], ensure_ascii=False)
            values = (url, now, text.unreadable, passages, self.producer)
            rows.append((*values, sqlite_store.digest(values)))
        self._store.write(f"INSERT OR REPLACE INTO sources ({_COLUMNS}) VALUES ({', '.join('?' * 6)})", rows)

    def close(self) -> None:
        self._store.close()
