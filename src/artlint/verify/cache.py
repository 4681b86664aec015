"""What each source said, kept between runs: its passages (or why it could not be read), with
the validators it came with (ETag, Last-Modified). A copy younger than ``max-age`` is used as it
is: no request. An older one is asked for again with its validators (``If-None-Match``,
``If-Modified-Since``): a 304 keeps it, anything else replaces it. Rows carry a checksum, as
the link cache's do (``sqlite_store``)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

from artlint import sqlite_store
from artlint.records import dataclass
from artlint.verify.reading import Passage, SourceText

FILE_NAME = "sources.sqlite3"
VERSION = 2
_SCHEMA = """CREATE TABLE sources (
    url TEXT PRIMARY KEY,
    fetched_at REAL NOT NULL,
    unreadable TEXT,
    passages TEXT NOT NULL,
    validators TEXT NOT NULL,
    producer TEXT NOT NULL,
    checksum TEXT NOT NULL
)"""
_COLUMNS = "url, fetched_at, unreadable, passages, validators, producer, checksum"


@dataclass(frozen=True, slots=True)
class Kept:
    text: SourceText
    validators: dict  # request headers: If-None-Match, If-Modified-Since
    fresh: bool  # younger than max-age: used without asking


class SourceCache:
    def __init__(self, folder: Path, max_age: float, producer: str, warn: Callable[[str], None] | None = None) -> None:
        self.max_age = max_age
        self.producer = producer
        self._store = sqlite_store.Store(Path(folder) / FILE_NAME, "sources", _SCHEMA, VERSION, "source cache", warn)

    def kept(self, urls: list[str], now: float | None = None) -> dict[str, Kept]:
        """The copies kept of these URLs (by this producer), fresh or to be asked for again."""
        now = time.time() if now is None else now
        out: dict[str, Kept] = {}
        for i in range(0, len(urls), 500):
            chunk = urls[i:i + 500]
            rows = self._store.rows(f"SELECT {_COLUMNS} FROM sources WHERE url IN ({','.join('?' * len(chunk))})",
                                    chunk)
            for row in rows:
                if len(row) != 7 or row[6] != sqlite_store.digest(row[:6]):
                    self._store.row_failed()
                    continue
                url, fetched_at, unreadable, passages, validators, producer = row[:6]
                if producer != self.producer or url not in chunk or now - fetched_at < -60:
                    continue
                try:
                    items = tuple(Passage(*p) for p in json.loads(passages))
                    asked = dict(json.loads(validators))
                except (ValueError, TypeError):
                    continue
                age = now - fetched_at
                if age > self.max_age and not asked:
                    continue  # stale, and nothing to ask with: fetched again
                out[url] = Kept(SourceText(items, unreadable), asked, age <= self.max_age)
        return out

    def store(self, texts: dict[str, tuple[SourceText, dict]]) -> None:
        """URL -> (what it said, its validators), as of now."""
        rows = []
        now = time.time()
        for url, (text, validators) in texts.items():
            passages = json.dumps([(p.text, p.location, p.context, p.line, p.table) for p in text.passages],  # a row
                                  ensure_ascii=False)  # written before lines (or table rows) were marked has fewer: Passage's default
            values = (url, now, text.unreadable, passages, json.dumps(validators, sort_keys=True), self.producer)
            rows.append((*values, sqlite_store.digest(values)))
        self._store.write(f"INSERT OR REPLACE INTO sources ({_COLUMNS}) VALUES ({', '.join('?' * 7)})", rows)

    def close(self) -> None:
        self._store.close()
