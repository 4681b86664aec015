"""``artlint audit``: lint an archive of stored articles (folders, globs, manifests of paths
and URLs) on this machine's processes or on a Dask cluster, writing JSON Lines.

    from artlint import Linter
    from artlint.audit import audit

    for record in audit(["archive/"], Linter.from_config(start="archive")):
        ...   # file records, diagnostic records, then the summary record

See ``records`` for the record format, ``inputs`` for manifests, ``engines`` for the engines.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from artlint.api import Linter

from .engines import EngineUnavailable, chunk_size, chunked, make_engine
from .inputs import ManifestError, Source, collect
from .pages import fetch_pages
from .records import Linters, Summary, audit_chunk, audit_one, linter_of, ok_records

__all__ = ["EngineUnavailable", "Linters", "ManifestError", "Source", "Summary", "audit", "audit_chunk",
           "audit_one", "audit_sources", "collect"]


def audit_sources(sources: list[Source], linter: Linter | Linters, *, engine: str = "local", jobs: int = 1,
                  scheduler: str | None = None, chunk: int | None = None, timeout: float = 30.0,
                  cached=None) -> Iterator[dict[str, Any]]:
    """Records for ``sources`` in their order, then the summary record. Raises
    ``EngineUnavailable`` before the first record when the engine cannot start. ``linter``: one
    for every source, or one per config (``Linters``, by each source's ``config``); ``cached``:
    the run's result cache (``artlint.pipeline.cached.CachedResults``), looked up here, before
    the engine, and filled with what the engine lints."""
    start = time.perf_counter()
    sources = list(sources)
    hits = _cache_hits(sources, linter, cached) if cached is not None else {}
    runner = make_engine(engine, jobs, scheduler, connect_timeout=max(timeout, 1.0))
    linting = None
    try:
        summary = Summary()
        misses = [s for i, s in enumerate(sources) if i not in hits]
        chunks = chunked(misses, chunk_size(len(misses), runner.slots, chunk))
        linting = runner.run(linter, chunks, timeout)
        linted = (records for chunk_records in linting for records in chunk_records)
        for i, source in enumerate(sources):
            records = hits.pop(i) if i in hits else next(linted)
            if source.digest:
                _store(cached, linter, source, records)
            summary.add(records)
            yield from records
        for _rest in linting:  # nothing is left, but the engine finishes its run (and counts workers)
            pass
        workers = runner.workers
    finally:
        if linting is not None:
            linting.close()  # before the engine closes: a Dask run cancels what is left while it can
        runner.close()
        if cached is not None:
            cached.flush()
    yield summary.record(engine, workers, time.perf_counter() - start)


def _slot(cached, linter, source: Source):
    from pathlib import Path

    return cached.slot(source.path, Path(source.location), linter_of(linter, source).config)


def _cache_hits(sources: list[Source], linter, cached) -> dict[int, list[dict[str, Any]]]:
    """The records of the sources found in the result cache, by index; the others are marked
    (``digest``) so the engine says what it linted."""
    from pathlib import Path

    from artlint.document import UnreadableFile, decode, format_for, normalize_newlines
    from artlint.document.frontmatter import read_front_matter
    from artlint.document.reader import read_bytes

    hits = {}
    for i, source in enumerate(sources):
        # verified sources carry this run's verdicts: never served from the cache, never stored
        slot = _slot(cached, linter, source) if source.kind == "path" and not source.extra else None
        if slot is None:
            continue
        try:
            data = read_bytes(Path(source.location), linter_of(linter, source).config.max_file_size)
            text = decode(data)
        except UnreadableFile:
            continue  # the engine reports it
        found = cached.get(slot, data, text, source.path)
        if found is None:
            sources[i] = source._replace(digest=True)
            continue
        markdown = format_for(source.path) == "markdown"
        front = read_front_matter(normalize_newlines(text)) if markdown else None
        metadata = front.metadata if front else {}
        hits[i] = ok_records(source.path, text, found, metadata)
    return hits


def _store(cached, linter, source: Source, records: list[dict[str, Any]]) -> None:
    from artlint.diagnostics import Diagnostic

    digest = records[0].pop("digest", None)
    if digest is None or records[0]["status"] != "ok":
        return
    fields = [{k: v for k, v in r.items() if k not in ("type", "line_text")} for r in records[1:]]
    cached.put(_slot(cached, linter, source), digest, [Diagnostic.from_dict(f) for f in fields])


def audit(targets: list[str], linter: Linter | None = None, **options: Any) -> Iterator[dict[str, Any]]:
    """Audit folders, globs, files, URLs and manifests (see ``audit_sources`` for the options)."""
    linter = linter or Linter.from_config()
    manifests = options.pop("manifests", ())
    sources, _notes = collect(list(targets), linter.config, list(manifests))
    sources = fetch_pages(sources, list(options.pop("sitemaps", ())), list(options.pop("feeds", ())), linter.config,
                          allow_private=options.pop("allow_private", False), timeout=options.get("timeout", 30.0),
                          budget=options.pop("budget", None), say=lambda _line: None)
    return audit_sources(sources, linter, **options)
