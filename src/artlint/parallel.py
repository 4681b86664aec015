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
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Callable

from artlint.config import Config
from artlint.diagnostics import Diagnostic
from artlint.document import UnreadableFile, decode, format_for
from artlint.document.reader import read_bytes
from artlint.engine import lint_text
from artlint.selection import effective_rules, load_ruleset, rules_for_file

CHUNK = 32  # files per task; runs of fewer than 2 chunks stay in this process

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
        lines = _NEWLINES.split(source)
        wanted = {d.line - 1 for d in diagnostics if 0 < d.line <= len(lines)}
        return cls({i: lines[i] for i in wanted}, len(lines))

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
# ("crash", "ExceptionType: message")

_STATE: dict = {}  # token, configs, rules (one list per config)


def _init(token: str, configs: list[Config], select, ignore) -> None:
    if _STATE.get("token") == token:  # forked: the parent's rules are already here
        return
    _STATE.clear()
    _STATE.update(token=token, configs=configs,
                  rules=[effective_rules(load_ruleset(c), c, select, ignore) for c in configs])


def _lint_one(display: str, path: str, ci: int) -> tuple:
    from artlint.result_cache import content_hash

    config, rules = _STATE["configs"][ci], _STATE["rules"][ci]
    try:
        data = read_bytes(Path(path))
        source = decode(data)
    except UnreadableFile as exc:
        return ("unreadable", str(exc))
    try:
        diags = lint_text(source, rules_for_file(rules, config, Path(path)), display,
                          format=format_for(display), lang=config.language)
    except Exception as exc:  # a bug in a check: the parent says where and lints the other files
        if os.environ.get("ARTLINT_DEBUG"):
            raise
        return ("crash", f"{type(exc).__name__}: {exc}")
    return ("ok", diags, SparseLines.of(source, diags), content_hash(data))


def _run_chunk(chunk: list[tuple[int, str, str, int]]) -> list[tuple[int, tuple]]:
    return [(pos, _lint_one(display, path, ci)) for pos, display, path, ci in chunk]


def _pool_context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def lint_files(items: list[tuple[str, Path, Config]], rules_for: Callable[[Config], list], select, ignore,
               jobs: int, cache_for: Callable[[Config], object | None]) -> list[tuple]:
    """Outcomes for ``(display, file, config)`` items, in their order."""
    from artlint.result_cache import content_hash, entry_key, fingerprint, load

    configs: list[Config] = []
    config_index: dict[int, int] = {}
    prints: dict[tuple, str] = {}
    outcomes: list[tuple | None] = [None] * len(items)
    keys: dict[int, tuple] = {}  # position -> (cache, format, fingerprint) of a file to store
    tasks: list[tuple[int, str, str, int]] = []
    caches = set()
    for pos, (display, file, config) in enumerate(items):
        if id(config) not in config_index:
            config_index[id(config)] = len(configs)
            configs.append(config)
        ci = config_index[id(config)]
        cache = cache_for(config)
        if cache is not None:
            caches.add(cache)
            try:
                data = read_bytes(file)
            except UnreadableFile as exc:
                outcomes[pos] = ("unreadable", str(exc))
                continue
            rules = rules_for_file(rules_for(config), config, file)
            pkey = (ci, tuple(r.id for r in rules))
            if pkey not in prints:
                prints[pkey] = fingerprint(rules, config.language)
            fmt = format_for(display)
            digest = content_hash(data)
            hit = cache.get(entry_key(digest, fmt, prints[pkey]))
            if hit is not None:
                try:
                    source = decode(data)
                except UnreadableFile:
                    pass
                else:
                    diags = load(hit, display)
                    outcomes[pos] = ("ok", diags, SparseLines.of(source, diags), digest)
                    continue
            keys[pos] = (cache, fmt, prints[pkey])
        tasks.append((pos, display, str(file), ci))
    for cache in caches:
        cache.flush()  # closes the reader before any fork; nothing is pending yet

    chunks = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    token = uuid.uuid4().hex
    _STATE.clear()
    _STATE.update(token=token, configs=configs, rules=[rules_for(c) for c in configs])
    if tasks:  # build the checks once here: forked workers inherit them
        for rules in _STATE["rules"]:
            for rule in rules:
                getattr(rule.checker, "name", None)
    if jobs <= 1 or len(tasks) < 2 * CHUNK:
        done = map(_run_chunk, chunks)
        for chunk_out in done:
            _collect(chunk_out, outcomes)
    else:
        from concurrent.futures import ProcessPoolExecutor  # only for runs that use a pool

        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_pool_context(),
                                 initializer=_init, initargs=(token, configs, select, ignore)) as pool:
            for chunk_out in pool.map(_run_chunk, chunks):
                _collect(chunk_out, outcomes)
    _STATE.clear()

    for pos, (cache, fmt, print_) in keys.items():
        outcome = outcomes[pos]
        # a rule stopped by its time limit may finish next time: such a result is not kept
        if outcome is not None and outcome[0] == "ok" and not any(d.rule == "rule-timeout" for d in outcome[1]):
            cache.put(entry_key(outcome[3], fmt, print_), outcome[1])
    for cache in caches:
        cache.flush()
    return outcomes  # type: ignore[return-value]


def _collect(chunk_out: list[tuple[int, tuple]], outcomes: list) -> None:
    for pos, outcome in chunk_out:
        outcomes[pos] = outcome
