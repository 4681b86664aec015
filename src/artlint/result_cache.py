"""Results of linting kept between runs (``.artlint_cache/results.sqlite3``).

One row per linted text: the key is a BLAKE2b hash of the file's bytes, its format, its
language and the *fingerprint* of what linted it (artlint's version and source files, and each
rule that ran: id, check, severity, message, options, formats, languages and the rule file's
bytes); the value is the diagnostics as JSON (without the path, which is the caller's). A warm
hit is never parsed again. Any change to the file, the config or a rule gives another key, so
the cache never changes a result; stale rows are simply not read again (``artlint cache clear``
removes them).

A result can also depend on other files: a relative link is reported when its target is
missing. Such a row keeps the lookups its checks made (``file_probes``: path relative to the
article's folder -> existed) and is served only when the caller names the file being linted and
every lookup, made again from its folder, gives the same answer; a target that appears or
disappears makes the file be linted again. A row without lookups depends on its bytes alone.

Every row is checked before it is served: it carries what produced it (the format and the
rules' fingerprint) and a checksum of its key, producer and value, and a row that does not
verify, or does not decode into well-formed diagnostics, is a miss (the file is linted again
and the row replaced). Last, a result is served only while each diagnostic's ``match`` is the
file's text at its span. So a damaged row can cost time, never a wrong or missing finding.

Like the link cache (links/cache.py, a separate file in the same folder): WAL journal mode, a
busy timeout, reads in autocommit mode and one short write transaction at the end of a run (by
the parent process only; pool workers never touch it). A damaged file is moved aside and built
again, one that cannot be used is bypassed, each with one warning (``sqlite_store.Store``).
"""

from __future__ import annotations

import json
import os
import weakref
from pathlib import Path
from typing import Callable

from artlint import __version__, sqlite_store
from artlint.diagnostics import Diagnostic, SourceSpans
from artlint.file_probes import still_true
from artlint.hashing import blake2b

FILE_NAME = "results.sqlite3"
SCHEMA_VERSION = 3  # 2: rows keep the other files they depend on; 3: and what produced them, and a checksum
# WITHOUT ROWID: the rows are kept in the key's own b-tree, so no separate index can disagree
# with them (a damaged index entry would hide a row for good, even once written again).
_SCHEMA = ("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, producer TEXT NOT NULL, "
           "checksum TEXT NOT NULL, diagnostics TEXT NOT NULL) WITHOUT ROWID")
_SELECT = "SELECT key, producer, checksum, diagnostics FROM results WHERE key = ?"
_INSERT = "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)"
_FIELDS = ("line", "column", "end_line", "end_column", "rule", "category", "severity", "message", "match", "fix")

_source_stamp: str | None = None
_rule_file_hashes: dict[str, str] = {}


def content_hash(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


def _artlint_stamp() -> str:
    """artlint's version and its source and data files (name, size, mtime): an edited check, or
    the shared vocabularies it reads (checks/attribution.yaml, checks/sources.yaml), invalidate."""
    global _source_stamp
    if _source_stamp is None:
        h = blake2b(__version__.encode(), digest_size=16)
        package = Path(__file__).resolve().parent
        for name, st in _package_files(str(package)):
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        _source_stamp = h.hexdigest()
    return _source_stamp


def _package_files(package: str) -> list[tuple[str, os.stat_result]]:
    """Every ``*.py`` and ``*.yaml`` under the package, by relative path, sorted as paths sort,
    with its stat (one scandir walk: a pathlib glob made several system calls per file)."""
    found: list[tuple[tuple[str, ...], os.stat_result]] = []
    todo = [(package, ())]
    while todo:
        folder, parts = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append((entry.path, (*parts, entry.name)))
                elif entry.name.endswith((".py", ".yaml")):
                    found.append(((*parts, entry.name), entry.stat()))
    found.sort(key=lambda item: item[0])
    return [("/".join(parts) if os.sep == "/" else os.sep.join(parts), st) for parts, st in found]


def _rule_file_hash(path: str) -> str:
    if path not in _rule_file_hashes:
        try:
            _rule_file_hashes[path] = content_hash(Path(path).read_bytes())
        except OSError:
            _rule_file_hashes[path] = "unreadable"
    return _rule_file_hashes[path]


def fingerprint(rules, language: str, front_matter_fields=None) -> str:
    """What decides a file's result besides its bytes and format."""
    described = [[r.id, r.check, r.category, r.severity, r.message, r.options, list(r.formats),
                  list(r.languages), list(r.skip_languages), _rule_file_hash(r.path),
                  getattr(r, "timeout", None)] for r in rules]
    # Every rule id loaded (selected or not): the names a suppression comment may use.
    known = sorted(set().union(*(getattr(r, "ruleset_ids", ()) for r in rules)))
    text = json.dumps([_artlint_stamp(), language, front_matter_fields, described, known], sort_keys=True,
                      default=str, ensure_ascii=False)
    return blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def entry_key(data_hash: str, fmt: str | None, print_: str) -> str:
    return blake2b(f"{data_hash}\0{fmt}\0{print_}".encode(), digest_size=20).hexdigest()


def dump(diagnostics: list[Diagnostic]) -> str:
    """The stored value: the diagnostics' fields, with the file lookups they depend on if any."""
    rows = [[getattr(d, f) for f in _FIELDS] for d in diagnostics]
    probes = getattr(diagnostics, "file_probes", None)
    value = {"file_probes": probes, "diagnostics": rows} if probes else rows
    return json.dumps(value, ensure_ascii=False)


def _current(value: str, document: str | Path | None) -> str | None:
    """The diagnostics of a stored value (JSON), or None when they may be stale: they depend on
    other files and ``document`` (the file being linted) is not given, or one of those files
    appeared or disappeared since."""
    if not value.startswith("{"):
        return value
    try:
        stored = json.loads(value)
        probes = stored["file_probes"]
    except (ValueError, KeyError, TypeError):
        return None
    if document is None or not still_true(probes, Path(document).parent):
        return None
    return json.dumps(stored["diagnostics"], ensure_ascii=False)


def load(text: str, path: str) -> list[Diagnostic]:
    return [Diagnostic(path, *row) for row in json.loads(text)]


def checksum(key: str, producer: str, value: str) -> str:
    """What a row must carry to be served: a hash of everything it holds."""
    return sqlite_store.digest((key, producer, value))


def _intact(row: tuple) -> bool:
    """Does a row hold what was written (its checksum matches)?"""
    return len(row) == 4 and all(isinstance(v, str) for v in row) and row[2] == checksum(row[0], row[1], row[3])


_KINDS = (int, int, int, int, str, str, str, str, str, (str, type(None)))


def decoded(text: str, path: str) -> list[Diagnostic] | None:
    """``load``, or None when the text is not a list of well-formed diagnostics."""
    try:
        rows = json.loads(text)
    except ValueError:
        return None
    if not isinstance(rows, list):
        return None
    for row in rows:
        if not isinstance(row, list) or len(row) != len(_KINDS):
            return None
        if not all(isinstance(v, kind) and not isinstance(v, bool) for v, kind in zip(row, _KINDS)):
            return None
    return [Diagnostic(path, *row) for row in rows]


def spans_hold(diagnostics: list[Diagnostic], source: str) -> bool:
    """Is each diagnostic's ``match`` the text of ``source`` at its span? (The last guard
    before a cached result is served: positions that point elsewhere are never reported.)"""
    if not diagnostics:
        return True
    spans = SourceSpans(source, max(max(d.line, d.end_line) for d in diagnostics))
    return all(spans.span(d) is not None for d in diagnostics)


class ResultCache:
    """Read while linting, write once at the end (``flush``). ``warn`` prints one line (a
    damaged or unusable cache file); by default on stderr."""

    def __init__(self, folder: Path, warn: Callable[[str], None] | None = None) -> None:
        self.path = Path(folder) / FILE_NAME
        self._pending: dict[str, tuple[str, str]] = {}
        self._store = sqlite_store.Store(self.path, "results", _SCHEMA, SCHEMA_VERSION, "result cache", warn)
        _OPEN.add(self)

    @property
    def usable(self) -> bool:
        return self._store.usable

    @property
    def _reader(self):
        return self._store._reader

    def close_reader(self) -> None:
        self._store.close()

    def get(self, key: str, document: str | Path | None = None, producer: str = "") -> str | None:
        """The diagnostics stored under ``key`` by ``producer`` (JSON, for ``decoded``), if the
        row is intact and still true for the file ``document`` (a row that depends on other
        files is never served without it)."""
        rows = self._store.rows(_SELECT, (key,))
        if not rows:
            return None
        if not _intact(rows[0]):
            self._store.row_failed()  # a miss; the row is written again at the end of the run
            return None
        stored_key, stored_producer, _, value = rows[0]
        if (stored_key, stored_producer) != (key, producer):
            return None
        return _current(value, document)

    def put(self, key: str, diagnostics: list[Diagnostic], producer: str = "") -> None:
        # A rule stopped by its time limit depends on the machine's load, not on the file: not kept.
        if self.usable and not any(d.rule == "rule-timeout" for d in diagnostics):
            self._pending[key] = (producer, dump(diagnostics))

    def flush(self) -> None:
        rows = [(key, producer, checksum(key, producer, value), value)
                for key, (producer, value) in self._pending.items()]
        self._pending = {}
        self._store.write(_INSERT, rows)  # on failure the next run lints these files again


# A forked worker must not inherit an open SQLite connection (SQLite's rule: a child that
# closes it at exit could take the parent's WAL with it), so every reader is closed before a
# fork; the parent reopens it on its next lookup.
_OPEN: weakref.WeakSet[ResultCache] = weakref.WeakSet()


def _close_readers() -> None:
    for cache in list(_OPEN):
        cache.close_reader()


os.register_at_fork(before=_close_readers)


def clear(folder: Path) -> int | None:
    """Forget every cached result; the number removed, None when there is no result cache."""
    return sqlite_store.delete_all(Path(folder) / FILE_NAME, "results")
