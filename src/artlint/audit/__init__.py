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
from .records import Summary, audit_chunk, audit_one

__all__ = ["EngineUnavailable", "ManifestError", "Source", "Summary", "audit", "audit_chunk", "audit_one",
           "audit_sources", "collect"]


def audit_sources(sources: list[Source], linter: Linter, *, engine: str = "local", jobs: int = 1,
                  scheduler: str | None = None, chunk: int | None = None,
                  timeout: float = 30.0) -> Iterator[dict[str, Any]]:
    """Records for ``sources`` in their order, then the summary record. Raises
    ``EngineUnavailable`` before the first record when the engine cannot start."""
    start = time.perf_counter()
    runner = make_engine(engine, jobs, scheduler, connect_timeout=max(timeout, 1.0))
    try:
        summary = Summary()
        chunks = chunked(sources, chunk_size(len(sources), runner.slots, chunk))
        for chunk_records in runner.run(linter, chunks, timeout):
            for records in chunk_records:
                summary.add(records)
                yield from records
        workers = runner.workers
    finally:
        runner.close()
    yield summary.record(engine, workers, time.perf_counter() - start)


def audit(targets: list[str], linter: Linter | None = None, **options: Any) -> Iterator[dict[str, Any]]:
    """Audit folders, globs, files, URLs and manifests (see ``audit_sources`` for the options)."""
    linter = linter or Linter.from_config()
    manifests = options.pop("manifests", ())
    sources, _notes = collect(list(targets), linter.config, list(manifests))
    return audit_sources(sources, linter, **options)
