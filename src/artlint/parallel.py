"""Lint many files: the result cache first, then in this process (small runs) or in a pool of
worker processes (``--jobs``), in chunks of files.

Each worker loads the rules once (pool initializer; with the ``fork`` start method it simply
inherits the parent's) and sends back, per file, only what the parent needs: the diagnostics,
the lines they are on (for text context and baseline fingerprints) and the hash of the bytes it
linted. Results come back in the order the files were given, whatever the number of jobs, so
the output is the same with ``--jobs 1`` and ``--jobs 8``. The parent never holds a Document.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from artlint.config import Config
from artlint.diagnostics import Diagnostic
from artlint.document import UnreadableFile, decode, format_for
from artlint.document.reader import read_bytes
from artlint.engine import lint_text
from artlint.selection import rules_for_file

if TYPE_CHECKING:
    from artlint.api import Linter

CHUNK = 32  # files per task; runs of fewer than 2 chunks stay in this process
# Near the end of a run the chunks shrink to this, so that the workers finish together (a
# worker handed the last full chunk while the other idles would add a chunk's time)
CHUNK_MIN = 4

_NEWLINES = re.compile(r"\r\n|\r|\n")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class SparseLines(Sequence):
    """A file's lines as reporters and baselines see them (``lines[d.line - 1]``, ``len``),
    keeping only the lines that diagnostics are on."""

    __slots__ = ("_lines", "_count")

    def __init__(self, lines: dict[int, str], count: int) -> None:
        self._lines = lines
        self._count = count

    @classmethod
    def of(cls, source: str, diagnostics: list[Diagnostic]) -> "SparseLines":
        if "\r" in source:  # CR or CRLF line ends: split as diagnostics count lines
            lines = _NEWLINES.split(source)
            wanted = {d.line - 1 for d in diagnostics if 0 < d.line <= len(lines)}
            return cls({i: lines[i] for i in wanted}, len(lines))
        # LF only (almost every file): count the lines, cut out only the wanted ones
        count = source.count("\n") + 1
        kept: dict[int, str] = {}
        start, at = 0, 0  # offset of line ``at`` (0-based)
        for want in sorted({d.line - 1 for d in diagnostics if 0 < d.line <= count}):
            while at < want:
                start = source.index("\n", start) + 1
                at += 1
            end = source.find("\n", start)
            kept[want] = source[start:] if end < 0 else source[start:end]
        return cls(kept, count)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._lines.get(index, "")

    def __reduce__(self):
        return (SparseLines, (self._lines, self._count))


# Outcome of one file: ("ok", diagnostics, lines, content hash) | ("unreadable", reason) |
# ("crash", "ExceptionType: message") | ("memory", "reading" or "linting"): memory ran out

_STATE: dict = {}  # token, configs, rules (one list per config)


def _init(token: str, linters: list) -> None:
    if _STATE.get("token") == token:  # forked: the parent's rules are already here
        return
    _STATE.clear()  # spawned: each Linter travels by its inputs and builds its rules here
    _STATE.update(token=token, configs=[linter.config for linter in linters],
                  rules=[linter.rules for linter in linters])


def _lint_one(display: str, path: str, ci: int) -> tuple:
    from artlint.result_cache import content_hash

    config, rules = _STATE["configs"][ci], _STATE["rules"][ci]
    try:
        data = read_bytes(Path(path), config.max_file_size)
        source = decode(data)
    except UnreadableFile as exc:
        return ("unreadable", str(exc))
    except MemoryError:  # this file only: what it held is freed on return, the others go on
        return ("memory", "reading")
    try:
        diags = lint_text(source, rules_for_file(rules, config, Path(path)), display,
                          format=format_for(display), lang=config.language, fields=config.front_matter_fields)
    except MemoryError:
        return ("memory", "linting")
    except Exception as exc:  # a bug in a check: the parent says where and lints the other files
        if os.environ.get("ARTLINT_DEBUG"):
            raise
        return ("crash", f"{type(exc).__name__}: {exc}")
    return ("ok", diags, SparseLines.of(source, diags), content_hash(data))


def _run_chunk(chunk: list[tuple[str, str, int]]) -> list[tuple]:
    from artlint import rule_cache, startup_gc

    done = []
    for display, path, ci in chunk:
        done.append(_lint_one(display, path, ci))
        startup_gc.resume()  # the run has started: what it built lives on, frozen (artlint.startup_gc)
    rule_cache.flush()  # the regexes first compiled here (a worker's, or this process's), kept
    return done


def build_checks(rule_lists: list[list]) -> None:
    """Build every rule's check now (a packaged rule's is built at its first use), and keep in
    the rule cache what that computed: before a pool forks, so that its workers share one."""
    from artlint import rule_cache

    for rules in rule_lists:
        for rule in rules:
            getattr(rule.checker, "run", None)  # ("name" is answered without building the check)
    rule_cache.flush()


def _pool_context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def lint_files(items: list[tuple[str, Path, Config]], linter_for: Callable[[Config], Linter], jobs: int,
               cache_for: Callable[[Config], object | None]) -> Iterator[tuple]:
    """Outcomes for ``(display, file, config)`` items, one by one in their order (the lint
    step of ``artlint.pipeline``: ``linter_for`` gives each config's rules, ``cache_for`` its
    result cache or None).

    A generator, and a pipeline: files are looked up in the result cache and sent to the
    workers in chunks a few at a time (at most ``2 * jobs`` chunks in flight), and each outcome
    is handed back as soon as it and all before it are in. The caller reports and drops them,
    so memory does not grow with the number of files."""
    run = _Lint(items, linter_for, jobs, cache_for)
    try:
        for display, file, config in items:
            run.take(display, file, config)
            yield from run.ready(wait_above=2 * jobs - 1)
        run.send()
        yield from run.ready(wait_above=-1)
    finally:
        run.close()


class _Lint:
    """The state of one ``lint_files`` run.

    ``queue`` holds, in order: ("done", outcome, None), or ("chunk", entries, the chunk's result:
    a future or a list), where entries are the chunk's files and the cache hits that came
    between them, in order: ("todo", cache slot) or ("done", outcome)."""

    def __init__(self, items, linter_for, jobs: int, cache_for) -> None:
        from artlint.pipeline.cached import CachedResults

        self.configs: list[Config] = []
        self.config_index: dict[int, int] = {}
        for _, _, config in items:
            if id(config) not in self.config_index:
                self.config_index[id(config)] = len(self.configs)
                self.configs.append(config)
        self.linter_for = linter_for
        self.cached = CachedResults(cache_for, linter_for)
        self.jobs = jobs
        self.token = os.urandom(16).hex()  # unique (uuid would import platform)
        _STATE.clear()
        _STATE.update(token=self.token, configs=self.configs, rules=[linter_for(c).rules for c in self.configs])
        self.pooled = jobs > 1 and len(items) >= 2 * CHUNK
        self.left = len(items)  # files not yet taken
        self.queue: deque = deque()
        self.chunk: list[tuple[str, str, int]] = []
        self.entries: list[tuple] = []
        self.in_flight = 0
        self.pool = None
        self.frozen = False  # this process's objects frozen for the workers to fork (_pool)

    def looked_up(self, display: str, file: Path, config: Config):
        """The outcome from the cache (or of reading the file), or the slot to store one in."""
        slot = self.cached.slot(display, file, config)
        if slot is None:
            return None, None
        try:
            data = read_bytes(file, config.max_file_size)
        except UnreadableFile as exc:
            return ("unreadable", str(exc)), None
        except MemoryError:
            return ("memory", "reading"), None
        try:
            source = decode(data)
        except UnreadableFile:
            return None, slot  # the worker says why
        diags = self.cached.get(slot, data, source, display)
        if diags is None:
            return None, slot
        return ("ok", diags, SparseLines.of(source, diags), None), None

    def take(self, display: str, file: Path, config: Config) -> None:
        self.left -= 1
        outcome, slot = self.looked_up(display, file, config)
        if outcome is not None:
            if self.chunk:
                self.entries.append(("done", outcome))  # after the files waiting in the chunk
            else:
                self.queue.append(("done", outcome, None))
            return
        self.chunk.append((display, str(file), self.config_index[id(config)]))
        self.entries.append(("todo", slot))
        if len(self.chunk) >= self.chunk_size():
            self.send()

    def chunk_size(self) -> int:
        """Files per chunk: CHUNK, or, once fewer files are left than two chunks per worker,
        a share of what is left (at least CHUNK_MIN)."""
        if not self.pooled:
            return CHUNK
        return max(CHUNK_MIN, min(CHUNK, self.left // (2 * self.jobs)))

    def send(self) -> None:
        if not self.chunk:
            self.queue.extend(("done", outcome, None) for _, outcome in self.entries)
        elif self.pooled:
            starting = self.pool is None
            self.queue.append(("chunk", self.entries, self._pool().submit(_run_chunk, self.chunk)))
            self.in_flight += 1
            if starting:  # the first task forks the workers: this process collects its objects again
                self._thaw()
        else:
            self.queue.append(("chunk", self.entries, _run_chunk(self.chunk)))
        self.chunk, self.entries = [], []

    def _pool(self):
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor  # only for runs that use a pool

            build_checks(_STATE["rules"])  # once here: forked workers inherit them
            from artlint import startup_gc

            startup_gc.resume()  # the collector is on in the workers, and here once they fork
            context = _pool_context()
            if context.get_start_method() == "fork":
                import gc

                # What is built by now (rules, checks, modules) lives as long as the run: frozen,
                # the workers' collections do not walk it (a full one walked tens of thousands
                # of objects, and wrote to each, copying the pages forked workers share)
                gc.freeze()
                self.frozen = True
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=_init,
                                            initargs=(self.token, [self.linter_for(c) for c in self.configs]))
        return self.pool

    def _thaw(self) -> None:
        if self.frozen:
            import gc

            gc.unfreeze()  # (the workers' copies stay frozen)
            self.frozen = False

    def stored(self, outcome: tuple, slot) -> tuple:
        if outcome[0] == "ok":
            self.cached.put(slot, outcome[3], outcome[1])
        return outcome

    def ready(self, wait_above: int) -> Iterator[tuple]:
        """The outcomes at the front of the queue that are in, waiting for the front chunk
        while more than ``wait_above`` chunks are in flight."""
        queue = self.queue
        while queue:
            kind, first, result = queue[0]
            if kind == "done":
                queue.popleft()
                yield first
                continue
            if self.pooled:
                if not result.done() and self.in_flight <= wait_above:
                    return
                result = result.result()
                self.in_flight -= 1
            queue.popleft()
            linted = iter(result)
            for what, value in first:
                yield value if what == "done" else self.stored(next(linted), value)

    def close(self) -> None:
        from artlint import rule_cache

        self._thaw()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        _STATE.clear()
        self.cached.flush()
        rule_cache.flush(final=True)
