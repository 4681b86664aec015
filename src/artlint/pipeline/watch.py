"""``artlint check --watch``: a full run, then a run over what changed each time files are saved.

It drives the same ``Pipeline`` as ``check``: each batch of changes finds the files again (so
excludes, ``.gitignore`` and new, deleted or renamed files are judged as ``check`` judges them),
lints only the files whose content changed or that are new, keeps the other files' results, and
prints the report of every file it knows. A change to a config or rule file starts afresh (new
``Workspace``: configs and rules loaded again). A file that cannot be read is one line and one
``unreadable-file`` finding, as in ``check``; a config that cannot be loaded is one line, and
the next change tries again.

With ``--fix``, a file the fixer wrote is remembered by its new content: the change event of
that write is not a change to lint again, so fixing can never feed itself (and a second run on
fixed text changes nothing anyway, ``fixer.fix_text``).

Ctrl-C stops it with status 0. ``watchfiles`` (file-system notifications, or polling with
``WATCHFILES_FORCE_POLLING=1``) is imported only here, when ``--watch`` is given."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from artlint.config import Config, find_config_file
from artlint.records import dataclass
from artlint.reporters import FileResult

from . import USAGE_ERRORS
from .report import EXIT_CLEAN, EXIT_ERROR, Output, Report
from .run import Options, Pipeline
from .targets import FILE, Target
from .workspace import say_on_stderr

CONFIG_NAMES = frozenset({".artlint.toml", "pyproject.toml"})
CACHE_FOLDER = ".artlint_cache"  # written by every run: never a change to lint
WATCHING = "watching for changes (Ctrl-C stops)"


def fingerprint(path: Path) -> bytes | None:
    """A digest of the file's bytes (None: it cannot be read), to tell a real change from an
    event that changed nothing (a touch, our own ``--fix`` write, a second event of one save)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


def real(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


@dataclass
class Known:
    """A file of the watched run: its target, its last result, the content that result is of."""

    target: Target
    result: FileResult | None  # None: it could not be linted (said on stderr)
    content: bytes | None  # its fingerprint when it was linted (or written by --fix)


class Watcher:
    """The files a watched run knows, in the order of the paths, and their results."""

    def __init__(self, paths: list[Path], options: Options, output: Output,
                 say: Callable[[str], None] = say_on_stderr) -> None:
        self.paths = paths
        self.options = options
        self.output = replace(output, progress=False)
        self.say = say
        self.pipeline: Pipeline | None = None  # None: the config could not be loaded
        self.known: dict[Path, Known] = {}
        self.config_seen: dict[Path, bytes | None] = {}  # the config and rule files of the last start

    # -- runs -----------------------------------------------------------------------------------

    def start(self) -> bool:
        """A full run with configs and rules loaded afresh; False when they cannot be."""
        self.known = {}
        try:
            self.pipeline = Pipeline(self.options, say=self.say)
            targets = self.pipeline.find(self.paths).items
        except USAGE_ERRORS as exc:
            self.pipeline = None
            self.say(f"error: {exc} (fix it and save: the watch goes on)")
            return False
        self.config_seen = self.config_state(targets)
        self._lint(targets, targets)
        return True

    def catch_up(self, changed: set[Path]) -> bool:
        """The first batch of a watch: also what changed between the run and the start of the
        watch, which sent no event (configs and rules compared by content, every known file too)."""
        if self.pipeline is None:
            return self.start() if changed else False
        if self.config_state([k.target for k in self.known.values()]) != self.config_seen:
            return self.start()
        return self.update(changed | set(self.known))

    def update(self, changed: set[Path]) -> bool:
        """Lint what ``changed`` (real paths) changed; True when the report is to be printed again."""
        if self.pipeline is None or self.touches_config(changed):
            return self.start()  # when it cannot, the last report stays, under the error line
        try:
            targets = self.pipeline.find(self.paths).items
        except USAGE_ERRORS as exc:
            self.say(f"error: {exc}")
            return False
        stale = [t for t in targets if self._is_stale(t, changed)]
        if not stale and [self.key(t) for t in targets] == list(self.known):
            return False  # nothing that is linted changed (a cache write, an ignored file...)
        self._lint(targets, stale)
        return True

    def key(self, target: Target) -> Path:
        return real(target.file)

    def _is_stale(self, target: Target, changed: set[Path]) -> bool:
        key = self.key(target)
        known = self.known.get(key)
        if known is None or known.target.kind != target.kind:
            return True  # new, renamed, or a named file that came back (or went)
        return key in changed and (target.kind != FILE or fingerprint(target.file) != known.content)

    def _lint(self, targets: list[Target], stale: list[Target]) -> None:
        """Lint ``stale`` and keep the other targets' results, in the order of ``targets``."""
        contents = {self.key(t): fingerprint(t.file) for t in stale if t.kind == FILE}
        results = {r.path: r for r in self.pipeline.results(stale)}
        linted = {self.key(t) for t in stale}
        known: dict[Path, Known] = {}
        for target in targets:
            key = self.key(target)
            if key in linted:
                result = results.get(target.display)
                content = fingerprint(target.file) if result is not None and result.fixed else contents.get(key)
                known[key] = Known(target, result, content)  # content: what --fix wrote, if it wrote
            elif key in self.known:
                old = self.known[key]
                kept = replace(old.result, fixed=[]) if old.result is not None else None  # fixed before
                known[key] = Known(target, kept, old.content)
        self.known = known

    # -- what to watch --------------------------------------------------------------------------

    def configs(self) -> list[Config]:
        seen: dict[int, Config] = {}
        for known in self.known.values():
            if known.target.config is not None:
                seen.setdefault(id(known.target.config), known.target.config)
        return list(seen.values())

    def config_state(self, targets: list[Target]) -> dict[Path, bytes | None]:
        """The config and rule files that govern ``targets`` and the paths, by content."""
        folders = {real(t.file).parent for t in targets} | {real(p) for p in self.paths if p.is_dir()}
        files = {find_config_file(folder) for folder in folders if folder.is_dir()}
        files.add(self.options.config_path)
        for config in {id(t.config): t.config for t in targets if t.config is not None}.values():
            files.update(file for folder in config.rules if folder.is_dir() for file in folder.iterdir())
        return {real(file): fingerprint(file) for file in files if file is not None}

    def touches_config(self, changed: set[Path]) -> bool:
        """A config file (any ``.artlint.toml`` or ``pyproject.toml``, ``--config``) or a file in
        a rule folder changed: everything is linted again."""
        explicit = real(self.options.config_path) if self.options.config_path else None
        folders = [real(folder) for config in self.configs() for folder in config.rules]
        return any(path.name in CONFIG_NAMES or path == explicit or any(f in path.parents for f in folders)
                   for path in changed)

    def roots(self) -> list[Path]:
        """The folders to watch: each path's (a file's folder, so that a save by renaming is
        seen), each config's folder and each rule folder; none inside another."""
        wanted = [real(p if p.is_dir() else p.parent) for p in self.paths]
        nearest = [find_config_file(folder) for folder in wanted if folder.is_dir()]  # even one that fails
        wanted += [config.parent for config in nearest if config is not None]
        for config in self.configs():
            wanted += [real(config.path.parent)] if config.path is not None else []
            wanted += [real(folder) for folder in config.rules]
        if self.options.config_path is not None:
            wanted.append(real(self.options.config_path).parent)
        existing = sorted({w for w in wanted if w.is_dir()})
        return [w for w in existing if not any(other in w.parents for other in existing)]

    # -- the report -----------------------------------------------------------------------------

    def report(self) -> int:
        """Print the report of every known file (the screen cleared first on a terminal)."""
        if self.pipeline is None:
            return EXIT_ERROR
        pipeline = self.pipeline
        results = [k.result for k in self.known.values() if k.result is not None]
        pipeline.tally = replace(pipeline.tally, linted=sum(r.readable for r in results),
                                 unreadable=sum(not r.readable for r in results),
                                 failing=any(self._fails(k) for k in self.known.values()))
        if self.output.path is None and sys.stdout.isatty():
            click.clear()
        report = Report(self.output, pipeline)
        for result in results:
            report.add(result)
        status = report.finish()
        if not (self.output.quiet or self.output.silent):
            click.echo(f"artlint: {WATCHING}", err=True)
        return status

    def _fails(self, known: Known) -> bool:
        result = known.result
        if result is None or not result.readable:
            return result is not None
        return self.pipeline.workspace.linter_for(known.target.config).fails(result.diagnostics,
                                                                              self.options.fail_on)


def _ignored(change, path: str) -> bool:
    return CACHE_FOLDER in Path(path).parts


def _watch_filter():
    from watchfiles import DefaultFilter

    default = DefaultFilter(ignore_dirs=(*DefaultFilter.ignore_dirs, CACHE_FOLDER))
    return lambda change, path: default(change, path) and not _ignored(change, path)


def _follow(watcher: Watcher, roots: list[Path]) -> bool:
    """Re-lint and report on each batch of changes under ``roots``, until Ctrl-C (True) or until
    a reload changes the folders to watch (False).

    The first batch (or the first second without one) is ``Watcher.catch_up``: a file saved
    after the run read it but before the watch began sent no event."""
    import logging

    from watchfiles import watch

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # not its "KeyboardInterrupt caught" line
    first = True
    for changes in watch(*roots, watch_filter=_watch_filter(), raise_interrupt=False, rust_timeout=1000,
                         yield_on_timeout=True):
        if not changes and not first:
            continue
        changed = {real(path) for _change, path in changes}
        if watcher.catch_up(changed) if first else watcher.update(changed):
            watcher.report()
        first = False
        if watcher.roots() != roots:
            return False
    return True  # watchfiles ends its loop on Ctrl-C


def watch(paths: list[Path], options: Options, output: Output) -> int:
    """``artlint check --watch``: runs until Ctrl-C, then exits 0."""
    watcher = Watcher(paths, options, output)
    try:
        if watcher.start():
            watcher.report()
        from artlint import startup_gc

        startup_gc.resume()  # started: the collector runs while watching
        while not _follow(watcher, watcher.roots() or [Path.cwd()]):
            pass
    except KeyboardInterrupt:  # Ctrl-C while linting or printing, not while waiting
        pass
    return EXIT_CLEAN
