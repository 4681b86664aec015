"""The ``artlint`` command. Exit codes: 0 clean, 1 findings at or above the fail level,
2 usage, configuration or rule-file error (or nothing could be linted)."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import click

from artlint import __version__
from artlint.api import Linter
from artlint.baseline import Baseline, BaselineError
from artlint.baseline import render as render_baseline
from artlint.config import Config, ConfigError, find_config_file, load_config
from artlint.diagnostics import SEVERITY_RANK
from artlint.discovery import iter_files
from artlint.docs import rule_help, rule_url
from artlint.document import UnreadableFile, decode, format_for
from artlint.document.reader import read_bytes
from artlint.engine import READ_ERROR_RULE, read_error
from artlint.fixer import FileChanged, encode_like, fix_text, unified_diff, write_atomic
from artlint.links.options import cache_command, link_options
from artlint.reporters import FORMATS, FileResult, get_reporter
from artlint.ruleset import Rule, RuleError
from artlint.selection import effective_rules, load_ruleset

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    click.echo(f"artlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


class _Run:
    """Configs and rule sets for one run, each loaded once.

    Without ``--config``, every file is linted with the nearest config file above it
    (``.artlint.toml`` or ``pyproject.toml`` with ``[tool.artlint]``), like ruff."""

    def __init__(self, explicit_config: Path | None, select, ignore) -> None:
        self.explicit = explicit_config
        self.select = select
        self.ignore = ignore
        self._resolved: dict[Path, Path] = {}  # folder as met -> resolved (each costs system calls)
        self._by_folder: dict[Path, Config] = {}  # by resolved folder
        self._by_file: dict[Path | None, Config] = {}
        self._linters: dict[int, Linter] = {}

    def _resolve_folder(self, folder: Path) -> Path:
        if folder not in self._resolved:
            self._resolved[folder] = folder.resolve()
        return self._resolved[folder]

    def config_for(self, folder: Path) -> Config:
        """The config that governs files in ``folder``."""
        key = self._resolve_folder(folder)
        if key not in self._by_folder:
            if self.explicit is not None:
                found: Path | None = self.explicit
            else:
                found = find_config_file(key)
            if found not in self._by_file:
                self._by_file[found] = load_config(self.explicit, key)
            self._by_folder[key] = self._by_file[found]
        return self._by_folder[key]

    def resolved(self, file: Path) -> Path:
        """``file.resolve()``, with the folder resolved once for all its files."""
        if file.is_symlink():
            return file.resolve()
        return self._resolve_folder(file.parent) / file.name

    def linter_for(self, config: Config) -> Linter:
        """The config's ``Linter`` (its rules loaded once per run)."""
        if id(config) not in self._linters:
            self._linters[id(config)] = Linter(config, self.select, self.ignore)
        return self._linters[id(config)]

    def rules_for(self, config: Config) -> list[Rule]:
        return self.linter_for(config).rules

    def all_rules(self) -> list[Rule]:
        """Every rule that ran under any config of this run, once per id."""
        by_id: dict[str, Rule] = {}
        for linter in self._linters.values():
            for rule in linter.rules:
                by_id.setdefault(rule.id, rule)
        return list(by_id.values())


def _lines(source: str) -> list[str]:
    """The file's physical lines, split exactly as diagnostics count them (LF, CRLF or CR)."""
    return re.split(r"\r\n|\r|\n", source)


def _rule_selection_options(command):
    """--select, --ignore and --fail-on, the same for check and audit."""
    for option in reversed([
        click.option("--select", multiple=True, metavar="RULES",
                     help="Only run these rule ids or categories (comma-separated; replaces the config's select)."),
        click.option("--ignore", multiple=True, metavar="RULES",
                     help="Skip these rule ids or categories (comma-separated; added to the config's ignore)."),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
                     help="Lowest severity that makes the exit code 1 [default: warning, or the config's "
                          "fail-on]."),
    ]):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="artlint")
def main() -> None:
    """artlint: a content-quality linter for analysis articles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", "output_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report (or the --diff) to this file instead of standard output.")
@_rule_selection_options
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Use this config file instead of searching for one.")
@click.option("--no-color", is_flag=True, help="Never colour the output (NO_COLOR is honoured too).")
@click.option("--fix", is_flag=True,
              help="Apply the automatic fixes and report what remains (with -, print the fixed text).")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also apply the fixes that change what a link does.")
@click.option("--diff", is_flag=True,
              help="Print the fixes as a unified diff instead of writing them; exit 1 if there are any.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Report only findings that are not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Record the current findings in this baseline file and exit 0.")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="The file name that - (stdin) stands for: its extension sets the format, its folder "
                   "the config.")
@click.option("--jobs", "-j", type=click.IntRange(1, 1024), default=None, metavar="N",
              help="Lint in N worker processes [default: the config's jobs, else one per CPU; small runs "
                   "stay in one process].")
@link_options
def check(paths, output_format, output_path, select, ignore, fail_on, config_path, no_color, fix, unsafe_fixes,
          diff, baseline_path, write_baseline_path, stdin_filename, jobs, links) -> None:
    """Lint articles in PATHS (files or folders; default: the current folder; - reads stdin).

    Exit status: 0 no findings at or above the fail level, 1 findings (with --diff: there are
    fixes to make), 2 a usage, configuration or rule-file error, a file that could not be
    written, or nothing could be linted."""
    paths = list(paths)
    if stdin_filename is not None and not paths:
        paths = [Path("-")]
    reads_stdin = any(str(p) == "-" for p in paths)
    if stdin_filename is not None and not reads_stdin:
        _fail("--stdin-filename names the file that - (stdin) stands for: give - as the path")
    if write_baseline_path is not None and diff:
        _fail("--write-baseline and --diff cannot be combined")
    paths = paths or [Path(".")]
    baseline = None
    if baseline_path is not None:
        try:
            baseline = Baseline.load(baseline_path)
        except BaselineError as exc:
            _fail(str(exc))
    fixing = fix or diff
    ignored = _split(ignore)
    run = _Run(config_path, _split(select) if select else None, ignored)
    from artlint.links.runner import OnlineLinks

    online = OnlineLinks(links)  # --check-links: each linted file's external links are fetched
    show_read_errors = not ({READ_ERROR_RULE, "file"} & set(ignored))
    results: list[FileResult] = []
    failing = False
    linted = found = unreadable = skipped = 0
    crashed = write_failed = False
    seen: set[Path] = set()
    diffs: list[str] = []
    would_fix = 0
    stdin_data: bytes | None = None
    stdin_out: bytes | None = None
    baseline_entries: list = []
    document_rules: set[str] = set()
    batch: list | None = None if fixing else []  # files linted together (parallel.lint_files)
    caches: dict = {}
    # Once every file is found, results are reported as they come and dropped (a large archive
    # is not held in memory), unless fixes, a baseline to write or online link checks still
    # need them.
    streaming = not fixing and write_baseline_path is None
    found_all = False
    buffer = io.StringIO()  # the report, when it goes to --output
    reporter = None

    def make_reporter():
        to_stderr = fix and stdin_data is not None and output_path is None  # stdout holds the text
        stream = buffer if output_path is not None else (sys.stderr if to_stderr else sys.stdout)
        color = (_use_color(no_color) and output_format == "text" and output_path is None
                 and not to_stderr)
        made = get_reporter(output_format)(stream, color=color, rules=run.all_rules)
        made.begin()
        return made

    def stream_results() -> None:
        nonlocal reporter
        if not (streaming and found_all and results) or online.files:
            return
        if reporter is None:
            reporter = make_reporter()
        for result in results:
            reporter.add(result)
        results.clear()

    def cache_for(config: Config):
        if links.no_cache or not config.cache:
            return None
        if id(config) not in caches:
            from artlint.links.settings import CACHE_FOLDER, project_root
            from artlint.result_cache import ResultCache

            folder = (project_root(config) / config.links.get("cache-dir", CACHE_FOLDER)).resolve()
            if folder not in caches:
                caches[folder] = ResultCache(folder)
            caches[id(config)] = caches[folder]
        return caches[id(config)]

    def lint_batch() -> None:
        """Lint the files gathered so far (cache, then in process or in a pool), in order."""
        nonlocal linted
        if not batch:
            return
        from artlint.parallel import default_jobs, lint_files

        workers = jobs or batch[0][2].jobs or default_jobs()
        outcomes = lint_files(batch, run.rules_for, run.select, run.ignore, workers, cache_for)
        for (display, file, config), outcome in zip(batch, outcomes):
            if outcome[0] == "unreadable":
                cannot_read(display, outcome[1])
                continue
            if outcome[0] == "crash":
                report_crash(display, outcome[1])
                continue
            _, diags, lines, _ = outcome
            linter = run.linter_for(config)
            linted += 1
            record(display, diags, lines, linter.rules_for(file), linter.fail_level(fail_on))
            stream_results()
        batch.clear()

    def report_crash(display: str, detail: str) -> None:
        """A bug in a check: say where, lint the other files."""
        nonlocal crashed
        click.echo(f"artlint: {display}: internal error, file skipped: {detail} (please report "
                   f"this bug; ARTLINT_DEBUG=1 shows the traceback)", err=True)
        crashed = True

    def record(display: str, diags: list, lines: list[str], rules: list, level: int, fixed=()) -> FileResult:
        """Baseline bookkeeping and filtering, the fail level, and the result to report."""
        nonlocal failing
        file_document_rules: set[str] = set()
        if baseline is not None or write_baseline_path is not None:  # (builds lazy checks)
            file_document_rules = {r.id for r in rules if r.document_level}
            document_rules.update(file_document_rules)
        if write_baseline_path is not None:
            baseline_entries.append((display, diags, lines))
        if baseline is not None:
            diags = baseline.filter(display, diags, lines, file_document_rules)
        failing |= any(SEVERITY_RANK[d.severity] >= level for d in diags)
        results.append(FileResult(display, diags, lines, fixed=list(fixed)))
        return results[-1]

    def cannot_read(display: str, reason: str) -> None:
        nonlocal unreadable, failing
        click.echo(f"artlint: {display}: {reason}", err=True)
        unreadable += 1
        if show_read_errors:
            results.append(FileResult(display, [read_error(display, reason)], readable=False))
            failing = True

    def lint_one(display: str, data: bytes, config: Config, file: Path, target: Path | None) -> None:
        """Lint one file's bytes, fix them when asked, and record the result. ``target`` is
        where fixes are written (None: stdin, whose fixed text goes to stdout)."""
        nonlocal linted, write_failed, would_fix, stdin_out
        try:
            source = decode(data)
        except UnreadableFile as exc:
            cannot_read(display, str(exc))
            return
        linter = run.linter_for(config)
        rules = linter.rules_for(file)
        level = linter.fail_level(fail_on)
        fmt = format_for(display)
        unsafe = {r.id for r in rules if r.fix_safety == "unsafe"}

        def lint(text: str):
            return linter.lint_text(text, display, format=fmt, file=file)

        try:
            diags = lint(source)
            outcome = None
            if fixing:
                outcome = fix_text(source, lint, lambda d: unsafe_fixes or d.rule not in unsafe, diagnostics=diags)
        except Exception as exc:
            if os.environ.get("ARTLINT_DEBUG"):
                raise
            report_crash(display, f"{type(exc).__name__}: {exc}")
            return
        linted += 1
        fixed = []
        if outcome is not None and outcome.changed(source):
            if diff:
                diffs.append(unified_diff(source, outcome.text, display))
                would_fix += len(outcome.applied)
            elif target is None:
                stdin_out = encode_like(outcome.text, data)
                source, diags, fixed = outcome.text, outcome.remaining, outcome.applied
            else:
                try:
                    write_atomic(target, encode_like(outcome.text, data), expected=data)
                except FileChanged as exc:
                    click.echo(f"artlint: {exc}", err=True)
                    write_failed = True
                except OSError as exc:
                    click.echo(f"artlint: {display}: cannot write the fixes ({exc.strerror or exc}); "
                               f"the file is unchanged", err=True)
                    write_failed = True
                else:
                    source, diags, fixed = outcome.text, outcome.remaining, outcome.applied
        result = record(display, diags, _lines(source), rules, level, fixed)
        online.add(result, source, file, config, rules, level)

    try:
        for arg in paths:
            if str(arg) == "-":
                if stdin_data is not None:
                    continue
                stdin_data = sys.stdin.buffer.read()
                display = stdin_filename or "<stdin>"
                named = Path(stdin_filename) if stdin_filename else Path(display)
                config = run.config_for(named.parent if stdin_filename else Path("."))
                found += 1
                if stdin_filename and config.is_excluded_by_user(named):
                    skipped += 1
                    continue
                lint_batch()  # keep the order of the paths
                lint_one(display, stdin_data, config, named, None)
                continue
            if not arg.exists():
                lint_batch()
                reason = "broken symbolic link" if arg.is_symlink() else "no such file or directory"
                cannot_read(str(arg), reason)
                continue
            before = found
            for file in iter_files(arg, run.config_for):
                found += 1
                try:
                    key = run.resolved(file)
                except (OSError, RuntimeError):  # a symbolic link loop: reading it says so
                    key = file.absolute()
                if key in seen:
                    continue
                seen.add(key)
                display = str(file)
                config = run.config_for(file.parent)
                run.rules_for(config)  # a config or rule error stops the run before any file is read
                if batch is not None and not online.wanted(config):
                    batch.append((display, file, config))
                    continue
                lint_batch()
                try:
                    data = read_bytes(file)
                except UnreadableFile as exc:
                    cannot_read(display, str(exc))
                    continue
                lint_one(display, data, config, file, file)
            if found == before:
                if arg.is_dir():
                    include = ", ".join(run.config_for(arg).include)
                    click.echo(f"artlint: {arg}: no files to lint in this folder (include: {include})",
                               err=True)
                else:
                    skipped += 1  # named, but excluded by the config: not an error (pre-commit)
        found_all = True
        lint_batch()
        if not diff and write_baseline_path is None:
            failing |= online.check()
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))

    nothing = linted == 0 and (unreadable or found == skipped == 0)
    errors = crashed or write_failed or nothing
    if fix and not diff and stdin_data is not None:  # an editor replaces its buffer with this
        sys.stdout.flush()
        sys.stdout.buffer.write(stdin_out if stdin_out is not None else stdin_data)
        sys.stdout.buffer.flush()

    if write_baseline_path is not None:
        text, total = render_baseline(baseline_entries, write_baseline_path.parent, document_rules)
        try:
            write_atomic(write_baseline_path, text.encode("utf-8"))
        except OSError as exc:
            _fail(f"{write_baseline_path}: cannot write the baseline: {exc.strerror or exc}")
        click.echo(f"artlint: recorded {total} finding{'s' if total != 1 else ''} in "
                   f"{len(baseline_entries)} file{'s' if len(baseline_entries) != 1 else ''} "
                   f"to {write_baseline_path}", err=True)
    elif diff:
        _emit("".join(diffs), output_path)
        changed = len(diffs)
        if changed:
            click.echo(f"artlint: would fix {would_fix} problem{'s' if would_fix != 1 else ''} in {changed} "
                       f"file{'s' if changed != 1 else ''} (run with --fix to apply)", err=True)
        else:
            click.echo("artlint: nothing to fix", err=True)
    else:
        fixed = sum(len(r.fixed) for r in results)
        remaining = sum(len(r.diagnostics) for r in results)
        if reporter is None:
            reporter = make_reporter()
        for result in results:
            reporter.add(result)
        reporter.end(linted)
        online.print_summary(output_format, reporter.out)
        if output_path is not None:
            _emit(buffer.getvalue(), output_path)
        if fix and (output_format != "text" or output_path is not None):
            click.echo(f"artlint: fixed {fixed} problem{'s' if fixed != 1 else ''}; {remaining} remain", err=True)
        if baseline is not None and baseline.suppressed:
            gone = f"; {baseline.gone} no longer occur" if baseline.gone else ""
            click.echo(f"artlint: {baseline.suppressed} known finding{'s' if baseline.suppressed != 1 else ''} "
                       f"hidden by the baseline {baseline_path}{gone}", err=True)

    if errors:
        if linted == 0:
            click.echo("artlint: error: nothing could be linted", err=True)
        sys.exit(EXIT_ERROR)
    if write_baseline_path is not None:
        sys.exit(EXIT_CLEAN)
    if diff:
        sys.exit(EXIT_FINDINGS if diffs else EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _emit(text: str, output_path: Path | None) -> None:
    """Write ``text`` to the --output file, or to stdout."""
    if output_path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(output_path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        _fail(f"{output_path}: cannot write the output: {exc.strerror or exc}")


@main.command(name="audit")
@click.argument("targets", nargs=-1, metavar="PATH|GLOB|URL|MANIFEST...")
@click.option("--output", "-o", "output_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the JSON Lines to this file instead of standard output.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Where to lint: local worker processes, or a Dask cluster [default: local; dask "
                   "with --scheduler].")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="The Dask scheduler of an existing cluster (tcp://host:8786); without it, --engine "
                   "dask starts a local cluster.")
@click.option("--jobs", "-j", type=click.IntRange(1, 1024), default=None, metavar="N",
              help="Worker processes (local engine, or the local Dask cluster) [default: the config's "
                   "jobs, else one per CPU].")
@click.option("--chunk-size", "chunk", type=click.IntRange(1, 100_000), default=None, metavar="N",
              help="Articles per task [default: about four tasks per worker, 16 to 256 articles each].")
@click.option("--manifest", "manifests", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A manifest of paths or URLs, one a line (or .json / .jsonl), whatever its name.")
@_rule_selection_options
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Use this config file [default: the nearest one above the first PATH].")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True, metavar="SECONDS",
              help="How long to wait for each URL of a manifest (and for a Dask scheduler to answer).")
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write an HTML report of the audit to this file.")
def audit_command(targets, output_path, engine, scheduler, jobs, chunk, manifests, select, ignore, fail_on,
                  config_path, timeout, html_path) -> None:
    """Audit an archive: lint folders, globs, files, URLs or manifests of stored articles and
    write JSON Lines (one line per file, one per diagnostic, then a summary).

    Exit status: 0 no findings at or above the fail level, 1 findings or articles that could not
    be read or fetched, 2 a usage or configuration error, or nothing could be audited."""
    from artlint.audit.command import run

    if scheduler and engine == "local":
        _fail("--scheduler is the address of a Dask cluster: use it with --engine dask")
    sys.exit(run(list(targets), output_path, engine or ("dask" if scheduler else "local"), scheduler, jobs, chunk,
                 list(manifests), _split(select) if select else None, _split(ignore), fail_on, config_path,
                 timeout, html_path))


def _load_for_listing(config_path: Path | None) -> list[Rule]:
    try:
        config = load_config(config_path, Path("."))
        rules = load_ruleset(config)
        effective_rules(rules, config)  # the whole config is checked, as `check` would
        return rules
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
        raise  # unreachable


@main.command(name="rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None)
def list_rules(output_format, config_path) -> None:
    """List the rules: id, category, severity and what each flags."""
    rules = _load_for_listing(config_path)
    if output_format == "json":
        import json

        click.echo(json.dumps([_rule_summary(r) for r in rules], ensure_ascii=False, indent=2))
        return
    if not rules:
        click.echo("No rules loaded (builtin-rules is off and no rule folder is configured).", err=True)
        return
    width = max(len(r.id) for r in rules)
    for r in sorted(rules, key=lambda r: (r.category, r.id)):
        first = r.description.split("\n\n")[0].replace("\n", " ")
        first = first.split(". ")[0].rstrip(".") + "."
        fix = (" (fixable with --unsafe-fixes)" if r.fix_safety == "unsafe" else " (fixable)") if r.fixable else ""
        off = " (off by default)" if not r.enabled else ""
        click.echo(f"{r.id:<{width}}  {r.category:<11} {r.severity:<7}  {first}{fix}{off}")


def _rule_summary(r: Rule) -> dict:
    return {"id": r.id, "category": r.category, "severity": r.severity, "check": r.check,
            "fixable": r.fixable, "fix_safety": r.fix_safety, "enabled": r.enabled, "message": r.message,
            "description": r.description, "options": r.options, "examples": r.examples, "url": rule_url(r)}


@main.command(name="rule")
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None)
def show_rule(rule_id, config_path) -> None:
    """Explain one rule: what it flags, why, and examples."""
    rules = {r.id: r for r in _load_for_listing(config_path)}
    rule = rules.get(rule_id)
    if rule is None:
        close = [r for r in rules if rule_id in r or r in rule_id]
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see `artlint rules`)"
        _fail(f"no rule named {rule_id!r}{hint}")
    click.echo(rule_help(rule))


@main.command(name="test-rules")
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None)
def test_rules_command(folder, config_path) -> None:
    """Run the good and bad examples of the rules in FOLDER (default: every rule the config
    loads, built-in ones included) as tests: exit 1 when a good example is flagged or a bad one
    is not."""
    from artlint.ruleset.selftest import load_for_selftest, run_rule_examples

    try:
        under_test, companions = load_for_selftest(folder, lambda: _load_for_listing(config_path))
    except RuleError as exc:
        _fail(str(exc))
    report = run_rule_examples(under_test, companions)
    for failure in report.failures:
        click.echo(f"FAIL {failure.describe()}")
    click.echo(report.coverage_line())
    sys.exit(EXIT_FINDINGS if report.failures else EXIT_CLEAN)


@main.command(name="docs")
@click.option("--output", "-o", "output_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the reference to this file (default: standard output).")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when the --output file is not up to date.")
def docs_command(output_path, check_only) -> None:
    """Generate the reference of the built-in rules (docs/rules.md) from the rule files."""
    from artlint.docs import builtin_reference

    try:
        text = builtin_reference()
    except RuleError as exc:
        _fail(str(exc))
    if output_path is None:
        if check_only:
            _fail("--check needs --output FILE, the file to compare with")
        click.echo(text, nl=False)
        return
    current = output_path.read_text(encoding="utf-8") if output_path.is_file() else None
    if check_only:
        if current != text:
            click.echo(f"artlint: {output_path} is out of date: run `artlint docs --output {output_path}`",
                       err=True)
            sys.exit(EXIT_FINDINGS)
        click.echo(f"artlint: {output_path} is up to date", err=True)
        return
    if current != text:
        output_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output_path, text.encode("utf-8"))
    click.echo(f"artlint: wrote {output_path}", err=True)


@main.command(name="init")
@click.option("--file", "target", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write here: pyproject.toml gets a [tool.artlint] table appended, any other file "
                   "(.artlint.toml) the settings at its top level. Default: ./pyproject.toml when it "
                   "exists, else ./.artlint.toml.")
def init_command(target) -> None:
    """Write a commented configuration with the defaults (never overwrites one)."""
    from artlint.scaffold import InitError, init_config

    try:
        written = init_config(Path("."), target)
    except InitError as exc:
        _fail(str(exc))
    table = "a [tool.artlint] table" if written.name == "pyproject.toml" else "the default settings"
    click.echo(f"artlint: wrote {table} to {written}; edit it, then run `artlint check`")


main.add_command(cache_command)


if __name__ == "__main__":  # pragma: no cover
    main()
