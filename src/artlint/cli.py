"""The ``artlint`` command. Exit codes: 0 clean, 1 findings at or above the fail level,
2 usage, configuration or rule-file error (or nothing could be linted)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from artlint import __version__
from artlint.config import ConfigError, load_config
from artlint.links.options import cache_command, cache_dir_option, link_options
from artlint.plain_check import split_values as _split
from artlint.reporters import FORMATS
from artlint.ruleset import Rule, RuleError
from artlint.selection import did_you_mean, effective_rules, load_ruleset

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ["error", "warning", "info"]


class _Main(click.Group):
    """The ``artlint`` group: did-you-mean for commands; a bug anywhere exits 2 with one line, and
    so does a standard output or error that cannot be written (``artlint.streams``)."""

    def main(self, *args, **kwargs):
        from artlint.streams import exit_checked

        return exit_checked(lambda: super(_Main, self).main(*args, **kwargs))

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            hint = did_you_mean(name, self.list_commands(ctx)).replace("see `artlint rules`", "see `artlint --help`")
            ctx.fail(f"No such command {name!r} ({hint}).")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx):
        from artlint.streams import run_guarded

        click_exceptions = (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort)
        return run_guarded(lambda: super(_Main, self).invoke(ctx), click_exceptions)


def _fail(message: str) -> NoReturn:
    click.echo(f"artlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _options(options: list):
    """Apply a list of click options to a command, in the order listed."""
    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


_RULE_SELECTION = [
    click.option("--select", multiple=True, metavar="RULES",
                 help="Only run these rule ids or categories (comma-separated; replaces the config's select)."),
    click.option("--extend-select", multiple=True, metavar="RULES",
                 help="Also run these rule ids or categories (comma-separated; added to the selection)."),
    click.option("--ignore", multiple=True, metavar="RULES",
                 help="Skip these rule ids or categories (comma-separated; added to the config's ignore)."),
    click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
                 help="Lowest severity that makes the exit code 1 [default: warning, or the config's fail-on]."),
]
_rule_selection_options = _options(_RULE_SELECTION)  # the same for check and audit
_RESPECT_GITIGNORE = click.option(
    "--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
    help="In a git work tree, skip what .gitignore ignores when walking folders (check and audit alike).")

class _PathOrUrl(click.ParamType):
    """A path, or an http(s) URL kept as the string it is (a Path would fold its "//")."""

    name = "path"

    def convert(self, value, param, ctx):
        from artlint.plain_check import path_or_url

        if isinstance(value, str) and isinstance(path_or_url(value), str):
            return value
        return click.Path(path_type=Path, allow_dash=True).convert(value, param, ctx)


_CHECK_OPTIONS = [
    click.argument("paths", nargs=-1, type=_PathOrUrl()),
    click.option("--format", "--output-format", "output_format", type=click.Choice(FORMATS), default="text",
                 show_default=True, envvar="ARTLINT_OUTPUT_FORMAT", show_envvar=True, help="Output format."),
    click.option("--output", "-o", "output_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                 help="Write the report (or the --diff) to this file instead of standard output."),
    *_RULE_SELECTION,
    click.option("--min-severity", type=click.Choice(SEVERITIES), default=None,
                 help="Report only findings of this severity or higher (the others do not fail the run either)."),
    click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                 help="Use this config file instead of searching for one."),
    click.option("--exclude", multiple=True, metavar="GLOBS",
                 help="Skip files and folders matching these globs (comma-separated; replaces the config's exclude)."),
    click.option("--extend-exclude", multiple=True, metavar="GLOBS",
                 help="Also skip files and folders matching these globs (added to the exclude)."),
    _RESPECT_GITIGNORE,
    click.option("--follow-links", is_flag=True,
                 help="Lint (and --fix) files that symbolic links point to outside the linted paths "
                      "(by default such links are skipped with a note)."),
    cache_dir_option("Keep the result and link caches here"),
    click.option("--max-file-size", metavar="SIZE", default=None,
                 help="Do not read files larger than SIZE (bytes, or 500KB, 5MB, 5MiB...; 0: no limit) "
                      "[default: the config's max-file-size, else 5MiB]."),
    click.option("--no-color", is_flag=True, help="Never colour the output (NO_COLOR is honoured too)."),
    click.option("--fix", is_flag=True,
                 help="Apply the automatic fixes and report what remains (with -, print the fixed text)."),
    click.option("--unsafe-fixes", is_flag=True,
                 help="With --fix or --diff, also apply the fixes that change what a link does."),
    click.option("--diff", is_flag=True,
                 help="Print the fixes as a unified diff instead of writing them; exit 1 if there are any."),
    click.option("--show-fixes", is_flag=True, help="In the text report, show each fixable finding's replacement."),
    click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                 help="Report only findings that are not recorded in this baseline file."),
    click.option("--write-baseline", "write_baseline_path", type=click.Path(path_type=Path, dir_okay=False),
                 default=None, help="Record the current findings in this baseline file and exit 0."),
    click.option("--changed-since", metavar="REF", default=None,
                 help="Report only findings on lines added or changed since this git commit, branch or tag "
                      "(and findings about a whole changed document)."),
    click.option("--stdin-filename", default=None, metavar="NAME",
                 help="The file name that - (stdin) stands for: its extension sets the format, its folder "
                      "the config."),
    click.option("--jobs", "-j", type=click.IntRange(1, 1024), default=None, metavar="N",
                 help="Lint in N worker processes [default: the config's jobs, else one per CPU; small runs "
                      "stay in one process]."),
    click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2)."),
    click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary, no notes."),
    click.option("--silent", "-s", is_flag=True, help="Print nothing but errors; the exit status tells."),
    click.option("--statistics", is_flag=True, help="Print how many findings each rule has, instead of the findings."),
    click.option("--markdown-summary", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
                 help="Append a Markdown summary (findings per rule, the first findings) to FILE, e.g. "
                      "$GITHUB_STEP_SUMMARY."),
    click.option("--show-files", is_flag=True, help="List the files that would be linted, and exit."),
    click.option("--show-settings", is_flag=True,
                 help="Show the config and rules that apply to the first file, and exit."),
    click.option("--watch", "-w", is_flag=True,
                 help="Lint, then lint again each file as it is saved and reprint the report (Ctrl-C stops)."),
]


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="artlint")
def main() -> None:
    """artlint: a content-quality linter for analysis articles."""


@main.command()
@_options(_CHECK_OPTIONS)
@link_options
def check(paths, **given) -> None:
    """Lint articles in PATHS (files or folders; default: the current folder; - reads stdin).

    Exit status: 0 no findings at or above the fail level, 1 findings (with --diff: there are
    fixes to make), 2 a usage, configuration or rule-file error, a file that could not be
    written, an internal error, or nothing could be linted."""
    from artlint import pipeline
    from artlint.plain_check import options_and_output

    paths = list(paths) or ([Path("-")] if given["stdin_filename"] is not None else [Path(".")])
    _check_usage(paths, given)
    options, output = options_and_output(given, _size(given["max_file_size"]))
    if given["show_files"]:
        sys.exit(pipeline.show_files(paths, options))
    if given["show_settings"]:
        sys.exit(pipeline.show_settings(paths, options))
    if given["watch"]:
        sys.exit(_watch(paths, options, output))
    sys.exit(pipeline.check(paths, options, output))


def _size(value: str | None) -> int | None:
    from artlint.config import parse_size

    try:
        return None if value is None else parse_size(value)
    except ValueError as exc:
        _fail(f"--max-file-size: {exc}")


def _check_usage(paths: list[Path], given: dict) -> None:
    """Options that cannot go together: exit 2 with one line."""
    reads_stdin = any(str(p) == "-" for p in paths)
    if any(isinstance(p, str) for p in paths) and (given["fix"] or given["diff"]):
        _fail("a web page cannot be fixed: --fix and --diff take files")
    if given["stdin_filename"] is not None and not reads_stdin:
        _fail("--stdin-filename names the file that - (stdin) stands for: give - as the path")
    if given["write_baseline_path"] is not None and given["diff"]:
        _fail("--write-baseline and --diff cannot be combined")
    if given["changed_since"] is not None and (given["fix"] or given["diff"] or reads_stdin):
        _fail("--changed-since judges files against git: it cannot be combined with --fix, --diff or -")
    if given["statistics"] and given["output_format"] not in ("text", "json"):
        _fail("--statistics prints text or json: use --output-format text or json")


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
@click.option("--no-cache", is_flag=True,
              help="Lint every file again: the result cache (shared with check) is neither read nor written.")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="Audit every page this sitemap lists (sitemap indexes are followed; robots.txt is respected).")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="Audit every article this RSS or Atom feed links to (robots.txt is respected).")
@click.option("--allow-private-hosts", "allow_private", is_flag=True,
              help="Let pages be fetched from private and local addresses (127.0.0.1, 10.x, ...).")
@click.option("--budget", type=click.FloatRange(0.1, 86400), default=None, metavar="SECONDS",
              help="Most time spent fetching pages, over the whole audit [default: the config's links budget].")
@click.option("--verify-sources", is_flag=True,
              help="Check each article's cited figures against the sources they cite (fetches them).")
@_RESPECT_GITIGNORE
def audit_command(targets, output_path, engine, scheduler, jobs, chunk, manifests, select, extend_select, ignore,
                  fail_on, config_path, timeout, html_path, no_cache, sitemaps, feeds, allow_private, budget,
                  verify_sources, respect_gitignore) -> None:
    """Audit an archive: lint folders, globs, files, URLs or manifests of stored articles and
    write JSON Lines (one line per file, one per diagnostic, then a summary).

    Exit status: 0 no findings at or above the fail level, 1 findings or articles that could not
    be read or fetched, 2 a usage or configuration error, a check that crashed, or nothing could
    be audited."""
    from artlint.audit.command import run

    if scheduler and engine == "local":
        _fail("--scheduler is the address of a Dask cluster: use it with --engine dask")
    sys.exit(run(list(targets), output_path, engine or ("dask" if scheduler else "local"), scheduler, jobs, chunk,
                 list(manifests), _split(select) if select else None, _split(ignore), fail_on, config_path,
                 timeout, html_path, extend_select=_split(extend_select), use_cache=not no_cache,
                 respect_gitignore=respect_gitignore, sitemaps=list(sitemaps), feeds=list(feeds),
                 allow_private=allow_private, budget=budget, verify_sources=verify_sources))


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


def _rule_url(r: Rule) -> str | None:
    from artlint.docs import rule_url  # not imported by `check`

    return rule_url(r)


def _rule_summary(r: Rule) -> dict:
    return {"id": r.id, "category": r.category, "severity": r.severity, "check": r.check,
            "fixable": r.fixable, "fix_safety": r.fix_safety, "enabled": r.enabled, "message": r.message,
            "description": r.description, "options": r.options, "examples": r.examples, "url": _rule_url(r)}


@main.command(name="rule")
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None)
def show_rule(rule_id, config_path) -> None:
    """Explain one rule: what it flags, why, and examples."""
    rules = {r.id: r for r in _load_for_listing(config_path)}
    rule = rules.get(rule_id)
    if rule is None:
        close = [r for r in rules if rule_id in r or r in rule_id]
        hint = f"did you mean {', '.join(close)}?" if close else did_you_mean(rule_id, rules)
        _fail(f"no rule named {rule_id!r} ({hint})")
    from artlint.docs import rule_help

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
        from artlint.safe_write import write_atomic

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


def _watch(paths: list[Path], options, output) -> int:
    """``check --watch``: what cannot be watched is a usage error; the rest is ``pipeline.watch``."""
    if any(str(p) == "-" for p in paths):
        _fail("--watch lints files as they are saved: it cannot read - (stdin)")
    if any(isinstance(p, str) for p in paths):
        _fail("--watch lints files as they are saved: it cannot watch a web page")
    if options.diff or options.write_baseline_path is not None:
        _fail("--watch reprints the report: it cannot be combined with --diff or --write-baseline")
    from artlint.pipeline.watch import watch

    return watch(paths, options, output)


@main.command(name="mcp")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Use this config file [default: for each text or file, the nearest one above it].")
def mcp_command(config_path) -> None:
    """Serve artlint's tools (lint_text, lint_files, fix_text, explain_rule) to a writing assistant
    over the Model Context Protocol, on stdin and stdout. Needs the mcp extra."""
    from artlint.mcp_server import Session, build_server, serve

    try:
        server = build_server(Session(config_path))
    except ImportError:
        _fail('`artlint mcp` needs the MCP SDK: install it with pip install ".[mcp]" in a clone of artlint '
              '(or pip install "mcp>=1.2")')
    serve(server)


@main.command(name="server")
@click.option("--stdio", is_flag=True,
              help="Talk over standard input and output (the only transport; accepted because editors pass it).")
def server_command(stdio) -> None:
    """Run the language server (LSP over standard input and output) for editors: diagnostics as you
    type, quick fixes, "fix all", "disable for this line" and rule help on hover."""
    from artlint.server import serve  # pygls is imported only here

    serve()

if __name__ == "__main__":  # pragma: no cover
    main()
