"""One run of the linter, step by step: find the files (``targets``), lint them (the result
cache, then in this process or in a pool: ``artlint.parallel``), apply fixes, keep only changed
lines (``--changed-since``), filter through a baseline, check links online, and hand each
file's ``FileResult`` on, in the order of the paths. Reporting is the caller's (``check``).

``Pipeline.results`` is a generator: a file's result is handed on as soon as it and every one
before it are in, so memory stays flat on a large archive, except from the first file whose
links are checked online (those results wait for the link checks)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from artlint.config import Config
from artlint.diagnostics import SEVERITY_RANK, Diagnostic
from artlint.records import dataclass
from artlint.reporters import FileResult

from .targets import FILE, MISSING, STDIN, URL, Target, Targets, find_targets
from .workspace import Overrides, Workspace, say_on_stderr

if TYPE_CHECKING:
    from artlint.baseline import Baseline

# The document parser, the engine and the checks are imported when the first file is linted, after
# the rule cache is open (``artlint.rule_cache``): the regexes they compile as they are imported
# then come from the cache. A run that needs no baseline or fixes does not import those modules.


@dataclass
class Options:
    """What a run does (the command line's options, or an editor's or a watcher's)."""

    config_path: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    min_severity: str | None = None  # findings below it are neither reported nor counted
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    cache_dir: Path | None = None
    jobs: int | None = None
    links: object | None = None  # links.args.LinkArgs
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    baseline_path: Path | None = None
    write_baseline_path: Path | None = None
    stdin_filename: str | None = None
    changed_since: str | None = None
    follow_links: bool = False  # lint (and fix) what symbolic links out of the linted paths point to
    max_file_size: int | None = None  # bytes (0: no limit); None: each config's max-file-size

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff

    @property
    def checks_links_online(self) -> bool:
        """Online link checks run, unless only fixes or a baseline are being written."""
        return not self.diff and self.write_baseline_path is None


@dataclass
class Tally:
    """What happened in a run, for the summary and the exit status."""

    linted: int = 0
    unreadable: int = 0
    crashed: int = 0
    write_failed: int = 0
    failing: bool = False  # a finding at or above its file's fail level
    would_fix: int = 0  # --diff: the fixes it shows
    diffs: list[str] = field(default_factory=list)
    stdin_data: bytes | None = None
    stdin_fixed: bytes | None = None  # --fix with -: the fixed text
    baseline_entries: list = field(default_factory=list)
    document_rules: set[str] = field(default_factory=set)


_LINES = re.compile(r"\r\n|\r|\n")


class _WhenWanted:
    """Online link checks (``links.runner.OnlineLinks``) or source verification
    (``verify.runner.SourceVerification``), made at the first file whose config or command line
    wants them: a run that wants neither does not even import them. ``asked``: the command
    line's say (None: each config's ``setting`` decides), as each of them decides."""

    def __init__(self, make: Callable[[], object], asked: bool | None, setting: str) -> None:
        self._make = make
        self._asked = asked
        self._setting = setting
        self._made = None

    def wanted(self, config: Config) -> bool:
        return self._asked if self._asked is not None else bool(getattr(config, self._setting, False))

    @property
    def files(self) -> list:
        return self._made.files if self._made is not None else []

    def add(self, result, source: str, path: Path, config: Config, rules: list, level: int) -> None:
        if self._made is None:
            if not self.wanted(config):  # what each of them does first, before anything else
                return
            self._made = self._make()
        self._made.add(result, source, path, config, rules, level)

    def check(self) -> bool:
        return self._made.check() if self._made is not None else False

    def print_summary(self, output_format: str, out=None) -> None:
        if self._made is not None:
            self._made.print_summary(output_format, out)



class Pipeline:
    """One run. Raises ``ConfigError``, ``RuleError`` (finding files), ``BaselineError`` (at
    construction) and ``ChangesError`` (``--changed-since``): the caller turns them into exit 2."""

    def __init__(self, options: Options, *, say: Callable[[str], None] = say_on_stderr,
                 read_stdin: Callable[[], bytes] | None = None, workspace: Workspace | None = None) -> None:
        from artlint.links.args import LinkArgs

        self.options = options
        self.say = say
        self.read_stdin = read_stdin or (lambda: sys.stdin.buffer.read())
        links = options.links or LinkArgs()
        # A watcher or an editor passes the workspace of its earlier runs: configs and rules stay loaded.
        self.workspace = workspace or Workspace(options.config_path, options.select, options.ignore,
                                                options.extend_select,
                                                Overrides(options.exclude, options.extend_exclude, options.cache_dir,
                                                          options.max_file_size),
                                                use_cache=not links.no_cache,
                                                respect_gitignore=options.respect_gitignore,
                                                nested_security=links.nested_security, say=say)
        self._links = links
        self.baseline = self._load_baseline()  # now: a baseline it cannot use is an error before any work
        self.online = self._online_links()
        self.verify = self._verification()
        self.tally = Tally()
        self.targets = Targets()
        self.changes = None
        self._min_rank = SEVERITY_RANK[options.min_severity] if options.min_severity else 0

    # -- step 1: the files ----------------------------------------------------------------------

    def find(self, paths: list[Path]) -> Targets:
        """The files to lint (``--changed-since``: only the changed ones). Each call starts a new
        run over the same workspace: a watcher calls it again when files change."""
        options = self.options
        if self.tally.linted or self.tally.unreadable or self.tally.crashed:  # a run again: start afresh
            self.baseline = self._load_baseline()
            self.online = self._online_links()
            self.verify = self._verification()
        self.tally = Tally()
        self.targets = find_targets(paths, self.workspace, read_stdin=self._read_stdin,
                                    stdin_filename=options.stdin_filename, say=self.say,
                                    follow_links=options.follow_links, fetch_pages=self._fetch_pages)
        self._sweep_temporary_files()
        if options.changed_since is not None:
            from .changes import changed_lines

            files = [t.file for t in self.targets.items if t.kind == FILE]
            self.changes = changed_lines(options.changed_since, files[0].parent if files else Path("."))
            self.targets.items = [t for t in self.targets.items if t.kind != FILE or self.changes.touches(t.file)]
        return self.targets

    def _online_links(self) -> "_WhenWanted":
        def make():
            from artlint.links.runner import OnlineLinks

            return OnlineLinks(self._links)

        return _WhenWanted(make, self._links.check_links, "check_links")

    def _verification(self) -> "_WhenWanted":
        def make():
            from artlint.verify.runner import SourceVerification

            links = self._links
            return SourceVerification(links.verify_sources, links.allow_private_hosts, links.no_cache)

        return _WhenWanted(make, self._links.verify_sources, "verify_sources")

    def _fetch_pages(self, urls: list[str], config: Config) -> dict:
        """Web pages named on the command line, fetched as links are checked (``artlint.pages``)."""
        from artlint.links.settings import settings_from_config
        from artlint.pages import page_fetcher

        settings = settings_from_config(config, allow_private=self._links.allow_private_hosts,
                                        no_cache=self._links.no_cache)
        with page_fetcher(settings, lambda message: self.say(f"artlint: warning: {message}")) as fetcher:
            return fetcher.fetch(urls)

    def _sweep_temporary_files(self) -> None:
        """Remove what a killed ``--fix`` left in the folders of this run (``safe_write``)."""
        from artlint.safe_write import sweep_stale

        folders = {t.file.parent for t in self.targets.items if t.kind == FILE}
        for folder in sorted(folders):
            for path in sweep_stale(folder):
                self.say(f"{path}: removed a temporary file left by an interrupted run")

    def _load_baseline(self) -> Baseline | None:
        path = self.options.baseline_path
        if path is None:
            return None
        from artlint.baseline import Baseline

        return Baseline.load(path)

    def _read_stdin(self) -> bytes:
        self.tally.stdin_data = self.read_stdin()
        return self.tally.stdin_data

    # -- steps 2 to 6: lint, fix, changed lines, baseline, links ----------------------------------

    def results(self, targets: list[Target] | None = None) -> Iterator[FileResult]:
        """Each target's result, in order (a file that cannot be linted may have none)."""
        held: list[FileResult] = []
        for result in self._linted(self.targets.items if targets is None else targets):
            if held or self.online.files or self.verify.files:
                held.append(result)  # its links, or an earlier file's, are still being checked
            else:
                yield result
        if self.options.checks_links_online:
            self.tally.failing |= self.online.check()
            self.tally.failing |= self.verify.check()
        yield from held

    def _linted(self, targets: list[Target]) -> Iterator[FileResult]:
        from artlint import startup_gc  # the run has started once a file is linted (or a batch)

        batch: list[Target] = []
        for target in targets:
            if target.kind == FILE and self._batchable(target.config):
                batch.append(target)
                continue
            yield from self._lint_batch(batch)
            batch = []
            result = self._lint_alone(target)
            startup_gc.resume()
            if result is not None:
                yield result
        yield from self._lint_batch(batch)
        startup_gc.resume()

    def _batchable(self, config: Config) -> bool:
        """Linted with others (cache, pool): only what needs no source text afterwards."""
        online = self.online.wanted(config) or self.verify.wanted(config)
        return not self.options.fixing and not (self.options.checks_links_online and online)

    def _lint_batch(self, batch: list[Target]) -> Iterator[FileResult]:
        """The lint step for many files: the result cache, then in process or in a pool."""
        if not batch:
            return
        from artlint.parallel import default_jobs, lint_files

        workspace = self.workspace
        jobs = self.options.jobs or batch[0].config.jobs or default_jobs()
        items = [(t.display, t.file, t.config) for t in batch]
        outcomes = lint_files(items, workspace.linter_for, jobs, workspace.result_cache_for)
        for target, outcome in zip(batch, outcomes):
            if outcome[0] == "unreadable":
                result = self._cannot_read(target.display, outcome[1])
            elif outcome[0] == "crash":
                result = self._crash(target.display, outcome[1])
            elif outcome[0] == "memory":
                result = self._out_of_memory(target.display, outcome[1])
            else:
                _, diags, lines, _ = outcome
                self.tally.linted += 1
                result = self._record(target, diags, lines)
            if result is not None:
                yield result

    def _lint_alone(self, target: Target) -> FileResult | None:
        """The lint step for one file in this process, with its fixes and its links."""
        if target.kind == MISSING:
            return self._cannot_read(target.display, target.reason)
        from artlint.document import UnreadableFile, decode, format_for
        from artlint.document.reader import read_bytes, refuse_size

        try:
            if target.kind in (STDIN, URL):
                data = target.data
                refuse_size(len(data), target.config.max_file_size)
            else:
                data = read_bytes(target.file, target.config.max_file_size)
            source = decode(data)
        except UnreadableFile as exc:
            return self._cannot_read(target.display, str(exc))
        except MemoryError:
            return self._out_of_memory(target.display, "reading")
        linter = self.workspace.linter_for(target.config)
        try:
            diags = linter.lint_text(source, target.display, format=target.format or format_for(target.display),
                                     file=target.file)
            fixed = self._fix(target, data, source, diags) if self.options.fixing else None
        except MemoryError:
            return self._out_of_memory(target.display, "linting")
        except Exception as exc:
            if os.environ.get("ARTLINT_DEBUG"):
                raise
            return self._crash(target.display, f"{type(exc).__name__}: {exc}")
        self.tally.linted += 1
        applied: list[Diagnostic] = []
        if fixed is not None:
            source, diags, applied = fixed
        rules = linter.rules_for(target.file)
        result = self._record(target, diags, _LINES.split(source), applied)
        if self.options.checks_links_online:
            level = linter.fail_level(self.options.fail_on)
            self.online.add(result, source, target.file, target.config, rules, level)
            self.verify.add(result, source, target.file, target.config, rules, level)
        return result

    def _fix(self, target: Target, data: bytes, source: str, diags: list[Diagnostic]):
        """Step 3, fixes: (text, its diagnostics, the fixed ones) once written, else None."""
        from artlint.document import format_for
        from artlint.fixer import encode_like, fix_text, unified_diff  # only for --fix and --diff
        from artlint.safe_write import FileChanged, NotWritten, write_atomic

        options = self.options
        linter = self.workspace.linter_for(target.config)
        unsafe = {r.id for r in linter.rules_for(target.file) if r.fix_safety == "unsafe"}

        def lint(text: str) -> list[Diagnostic]:
            return linter.lint_text(text, target.display, format=format_for(target.display), file=target.file)

        outcome = fix_text(source, lint, lambda d: options.unsafe_fixes or d.rule not in unsafe, diagnostics=diags)
        if not outcome.changed(source):
            return None
        if options.diff:
            self.tally.diffs.append(unified_diff(source, outcome.text, target.display))
            self.tally.would_fix += len(outcome.applied)
            return None
        if target.kind == STDIN:
            self.tally.stdin_fixed = encode_like(outcome.text, data)
            return outcome.text, outcome.remaining, outcome.applied
        try:
            within = None if options.follow_links or target.root is None else [target.root]
            write_atomic(target.file, encode_like(outcome.text, data), expected=data, within=within)
        except (FileChanged, NotWritten) as exc:
            self.say(str(exc))
        except OSError as exc:
            self.say(f"{target.display}: cannot write the fixes ({exc.strerror or exc}); the file is unchanged")
        else:
            return outcome.text, outcome.remaining, outcome.applied
        self.tally.write_failed += 1
        return None

    def _record(self, target: Target, diags: list[Diagnostic], lines, fixed=()) -> FileResult:
        """Steps 4 and 5: changed lines only, the baseline; then the fail level."""
        options, tally = self.options, self.tally
        linter = self.workspace.linter_for(target.config)
        document_rules: set[str] = set()
        if self.baseline is not None or options.write_baseline_path is not None or self.changes is not None:
            document_rules = {r.id for r in linter.rules_for(target.file) if r.document_level}  # builds checks
            tally.document_rules.update(document_rules)
        if self.changes is not None and target.kind == FILE:
            diags = self.changes.keep(target.file, diags, document_rules)
        if options.write_baseline_path is not None:
            tally.baseline_entries.append((target.display, diags, lines))
        if self.baseline is not None:
            diags = self.baseline.filter(target.display, diags, lines, document_rules)
        if self._min_rank:
            diags = [d for d in diags if SEVERITY_RANK[d.severity] >= self._min_rank]
        level = linter.fail_level(options.fail_on)
        tally.failing |= any(SEVERITY_RANK[d.severity] >= level for d in diags)
        return FileResult(target.display, diags, lines, fixed=list(fixed))

    def _cannot_read(self, display: str, reason: str) -> FileResult | None:
        from artlint.engine import READ_ERROR_RULE, read_error

        self.say(f"{display}: {reason}")
        self.tally.unreadable += 1
        if {READ_ERROR_RULE, "file"} & set(self.options.ignore):
            return None
        self.tally.failing = True
        return FileResult(display, [read_error(display, reason)], readable=False)

    def _crash(self, display: str, detail: str) -> None:
        """A bug in a check: say where, lint the other files (the run ends with status 2)."""
        self.say(f"{display}: internal error, file skipped: {detail} (please report this bug; "
                 f"ARTLINT_DEBUG=1 shows the traceback)")
        self.tally.crashed += 1
        return None

    def _out_of_memory(self, display: str, step: str) -> None:
        """Memory ran out on one file: say so (no traceback), lint the others, exit 2 at the end."""
        self.say(f"{display}: out of memory while {step} it; file skipped (a lower max-file-size refuses "
                 f"such files before reading them)")
        self.tally.crashed += 1
        return None

    # -- the outcome ----------------------------------------------------------------------------

    @property
    def nothing_linted(self) -> bool:
        t = self.tally
        return t.linted == 0 and (t.unreadable > 0 or self.targets.found == self.targets.skipped == 0)

    @property
    def errors(self) -> bool:
        """A crash (or memory running out), a fix that could not be written, or nothing could be
        linted: exit 2."""
        return bool(self.tally.crashed or self.tally.write_failed or self.nothing_linted)
