"""A run of artlint, owned here rather than by the command line:

    find files (targets) -> each folder's config and rules (workspace) -> read -> lint (the
    result cache, then in process or in a pool: artlint.parallel) -> fixes -> changed lines
    (changes) -> baseline -> online link checks (links.runner) -> report (report)

``artlint check`` is ``check(paths, Options(...), Output(...))``; ``artlint audit`` resolves
its configs and result cache through the same ``Workspace`` and lints on its engines (local
processes or Dask). An editor or a watcher drives the same pieces::

    workspace = Workspace()                       # configs found and loaded once
    workspace.lint_text(buffer, "notes/draft.md") # one in-memory text, with its nearest config

    pipeline = Pipeline(Options())
    pipeline.find([Path("a.md"), Path("notes")])  # a set of files, again and again
    results = list(pipeline.results())
"""

from __future__ import annotations

from pathlib import Path

from artlint.config import ConfigError
from artlint.ruleset import RuleError

from .report import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Output, Report, progress_wanted
from .run import Options, Pipeline, Tally
from .targets import FILE, STDIN, Target
from .workspace import Overrides, Workspace

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "Options", "Output", "Overrides", "Pipeline", "Tally",
           "Target", "Workspace", "check", "show_files", "show_settings"]



def _usage_errors() -> tuple[type[Exception], ...]:
    """The errors that end a run with one line and exit 2. Used in ``except`` clauses, which
    evaluate it only when something was raised: a run without a baseline or --changed-since
    does not import those modules."""
    from artlint.baseline import BaselineError

    from .changes import ChangesError

    return ConfigError, RuleError, BaselineError, ChangesError


def __getattr__(name: str):
    if name == "USAGE_ERRORS":  # (ConfigError, RuleError, BaselineError, ChangesError)
        return _usage_errors()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# click is imported where it writes: ``artlint check FILE`` runs without it (``artlint.plain_check``).


def _error(message: str) -> int:
    import click

    click.echo(f"artlint: error: {message}", err=True)
    return EXIT_ERROR


def _prepared(paths: list[Path], options: Options) -> Pipeline:
    """A pipeline with its files found (raises the ``USAGE_ERRORS``: ``_usage_errors()``)."""
    pipeline = Pipeline(options)
    pipeline.find(paths)
    return pipeline


def check(paths: list[Path], options: Options, output: Output) -> int:
    """``artlint check``: lint, report; the exit status (0 clean, 1 findings, 2 errors)."""
    try:
        pipeline = _prepared(paths, options)
        report = Report(output, pipeline)
        results = pipeline.results()
        if progress_wanted(output, len(pipeline.targets.items)):
            import click

            with click.progressbar(results, length=len(pipeline.targets.items), label="Linting",
                                   file=click.get_text_stream("stderr")) as bar:
                for result in bar:
                    report.add(result)
        else:
            for result in results:
                report.add(result)
    except _usage_errors() as exc:
        return _error(str(exc))
    return report.finish()


def show_files(paths: list[Path], options: Options) -> int:
    """``--show-files``: the files a run would lint, one a line."""
    import click

    try:
        pipeline = _prepared(paths, options)
    except _usage_errors() as exc:
        return _error(str(exc))
    for target in pipeline.targets.items:
        if target.kind in (FILE, STDIN):
            click.echo(target.display)
    return EXIT_CLEAN


def show_settings(paths: list[Path], options: Options) -> int:
    """``--show-settings``: the config that applies to the first file, and the rules it runs."""
    import click

    try:
        pipeline = _prepared(paths, options)
    except _usage_errors() as exc:
        return _error(str(exc))
    target = next((t for t in pipeline.targets.items if t.kind in (FILE, STDIN)), None)
    if target is None:
        return _error("no file to show the settings of")
    config = target.config
    linter = pipeline.workspace.linter_for(config)
    click.echo(f"Settings for {target.display}:")
    click.echo(f"  config file:      {config.path or '(none: the defaults)'}")
    click.echo(f"  root:             {config.root}")
    for name in ("include", "exclude", "select", "ignore", "severity", "per_file_ignores", "rules", "builtin_rules",
                 "language", "fail_on", "rule_options", "check_links", "jobs", "cache", "max_file_size"):
        label = name.replace("_", "-") + ":"
        click.echo(f"  {label:<17} {getattr(config, name)}")
    rules = linter.rules_for(target.file)
    click.echo(f"  rules that run ({len(rules)}):")
    for rule in sorted(rules, key=lambda r: r.id):
        click.echo(f"    {rule.id} ({rule.severity})")
    return EXIT_CLEAN
