"""Where an audit runs: ``local`` (a pool of processes on this machine) or ``dask`` (a Dask
cluster: an existing one by its scheduler address, or a ``LocalCluster`` started for the run).

Both run the same task (``records.audit_chunk``) over the same chunks of articles and hand the
results back in the order of the chunks, so their output is the same. The ``Linter`` travels
by its inputs (a few hundred bytes): a worker builds the rule set on its first chunk and reuses
it for the next ones (``artlint.api``); on Dask it is scattered to the workers once.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Iterator

from artlint.api import Linter

from .inputs import Source
from .records import Linters, Records, audit_chunk

MIN_CHUNK, MAX_CHUNK = 16, 256


class EngineUnavailable(Exception):
    """The engine cannot start (Dask not installed, scheduler unreachable); one line."""


def chunk_size(files: int, slots: int, wanted: int | None = None) -> int:
    """Files per task: about four tasks per worker, 16 to 256 files each (``wanted`` wins)."""
    if wanted:
        return wanted
    return max(MIN_CHUNK, min(MAX_CHUNK, math.ceil(files / max(1, slots * 4))))


def chunked(items: list[Source], size: int) -> list[list[Source]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _warm(linter: Linter | Linters) -> None:
    """Build every check now (before forking: the workers inherit them)."""
    for one in linter if isinstance(linter, Linters) else [linter]:
        for rule in one.rules:
            getattr(rule.checker, "name", None)


class LocalEngine:
    """A pool of ``jobs`` worker processes (forked where possible); a run of fewer than two
    chunks, or ``jobs=1``, stays in this process."""

    name = "local"

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.workers = 1

    @property
    def slots(self) -> int:
        return self.jobs

    def run(self, linter: Linter | Linters, chunks: list[list[Source]], timeout: float) -> Iterator[list[Records]]:
        task = functools.partial(audit_chunk, linter=linter, timeout=timeout)
        if self.jobs <= 1 or len(chunks) < 2:
            self.workers = 1
            yield from map(task, chunks)
            return
        from concurrent.futures import ProcessPoolExecutor

        from artlint.parallel import _pool_context

        _warm(linter)
        self.workers = min(self.jobs, len(chunks))
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=_pool_context()) as pool:
            yield from pool.map(task, chunks)

    def close(self) -> None:
        pass


class DaskEngine:
    """Tasks on a Dask cluster: ``scheduler`` (``tcp://host:8786``), or a ``LocalCluster`` of
    ``jobs`` single-threaded worker processes, without a dashboard, shut down by ``close``."""

    name = "dask"

    def __init__(self, scheduler: str | None, jobs: int, connect_timeout: float = 30.0) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineUnavailable('--engine dask needs Dask: pip install "artlint[dask]"') from None
        self.cluster = None
        self.client = None
        for name in ("distributed", "bokeh", "tornado"):
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=f"{connect_timeout}s")
            else:
                # The scheduler serves HTTP even without a dashboard, on 8787 unless told: a port
                # of its own on loopback, so two runs side by side never meet there.
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                            dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
                self.client.wait_for_workers(jobs, timeout=120)
        except (OSError, TimeoutError) as exc:
            self.close()
            where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
            raise EngineUnavailable(f"cannot connect to {where}: {exc}") from None
        self.workers = len(self.client.scheduler_info().get("workers", {})) or jobs

    @property
    def slots(self) -> int:
        return max(1, sum(self.client.nthreads().values())) if self.client else 1

    def run(self, linter: Linter | Linters, chunks: list[list[Source]], timeout: float) -> Iterator[list[Records]]:
        client = self.client
        shared = client.scatter(linter, broadcast=True, hash=False)
        futures = client.map(audit_chunk, chunks, linter=shared, timeout=timeout, pure=False)
        try:
            for future in futures:
                yield future.result()
                future.release()  # its records are here now: the worker can drop them
        except BaseException:  # a failed task, or the caller stopped reading: stop the others
            client.cancel(futures)
            raise
        self.workers = len(client.scheduler_info().get("workers", {})) or self.workers

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


def make_engine(name: str, jobs: int, scheduler: str | None = None,
                connect_timeout: float = 30.0) -> LocalEngine | DaskEngine:
    if name == "dask":
        return DaskEngine(scheduler, jobs, connect_timeout)
    return LocalEngine(jobs)
