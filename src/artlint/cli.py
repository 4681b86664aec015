"""The ``artlint`` command. Exit codes: 0 clean, 1 findings at or above the fail level,
2 usage, configuration or rule-file error (or nothing could be linted)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from artlint import __version__
from artlint.config import Config, ConfigError, find_config_file, load_config
from artlint.diagnostics import SEVERITY_RANK
from artlint.discovery import iter_files
from artlint.document import UnreadableFile, format_for, read_text
from artlint.engine import READ_ERROR_RULE, lint_text, read_error
from artlint.reporters import FORMATS, FileResult, get_reporter
from artlint.ruleset import Rule, RuleError
from artlint.selection import effective_rules, load_ruleset, rules_for_file

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
        self._by_folder: dict[Path, Config] = {}
        self._by_file: dict[Path | None, Config] = {}
        self._rules: dict[int, list[Rule]] = {}

    def config_for(self, folder: Path) -> Config:
        """The config that governs files in ``folder``."""
        key = folder.resolve()
        if key not in self._by_folder:
            if self.explicit is not None:
                found: Path | None = self.explicit
            else:
                found = find_config_file(key)
            if found not in self._by_file:
                self._by_file[found] = load_config(self.explicit, key)
            self._by_folder[key] = self._by_file[found]
        return self._by_folder[key]

    def rules_for(self, config: Config) -> list[Rule]:
        if id(config) not in self._rules:
            self._rules[id(config)] = effective_rules(load_ruleset(config), config, self.select, self.ignore)
        return self._rules[id(config)]


def _lines(source: str) -> list[str]:
    """The file's physical lines, split exactly as diagnostics count them (LF, CRLF or CR)."""
    return re.split(r"\r\n|\r|\n", source)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="artlint")
def main() -> None:
    """artlint: a content-quality linter for analysis articles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only run these rule ids or categories (comma-separated; replaces the config's select).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rule ids or categories (comma-separated; added to the config's ignore).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning, or the config's fail-on].")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Use this config file instead of searching for one.")
@click.option("--no-color", is_flag=True, help="Never colour the output (NO_COLOR is honoured too).")
def check(paths, output_format, select, ignore, fail_on, config_path, no_color) -> None:
    """Lint articles in PATHS (files or folders; default: the current folder).

    Exit status: 0 no findings at or above the fail level, 1 findings, 2 a usage,
    configuration or rule-file error, or nothing could be linted."""
    paths = list(paths) or [Path(".")]
    ignored = _split(ignore)
    run = _Run(config_path, _split(select) if select else None, ignored)
    show_read_errors = not ({READ_ERROR_RULE, "file"} & set(ignored))
    results: list[FileResult] = []
    failing = False
    linted = found = unreadable = skipped = 0
    crashed = False
    seen: set[Path] = set()
    try:
        for arg in paths:
            if not arg.exists():
                reason = "broken symbolic link" if arg.is_symlink() else "no such file or directory"
                click.echo(f"artlint: {arg}: {reason}", err=True)
                unreadable += 1
                if show_read_errors:
                    results.append(FileResult(str(arg), [read_error(str(arg), reason)], readable=False))
                    failing = True
                continue
            before = found
            for file in iter_files(arg, run.config_for):
                found += 1
                key = file.resolve()
                if key in seen:
                    continue
                seen.add(key)
                display = str(file)
                config = run.config_for(file.parent)
                rules = run.rules_for(config)
                level = SEVERITY_RANK[fail_on or config.fail_on]
                try:
                    source = read_text(file)
                except UnreadableFile as exc:
                    click.echo(f"artlint: {display}: {exc}", err=True)
                    unreadable += 1
                    if show_read_errors:
                        results.append(FileResult(display, [read_error(display, str(exc))], readable=False))
                        failing = True
                    continue
                try:
                    diags = lint_text(source, rules_for_file(rules, config, file), display,
                                      format=format_for(display), lang=config.language)
                except Exception as exc:  # a bug in a check: say where, lint the other files
                    if os.environ.get("ARTLINT_DEBUG"):
                        raise
                    click.echo(f"artlint: {display}: internal error, file skipped: "
                               f"{type(exc).__name__}: {exc} (please report this bug; "
                               f"ARTLINT_DEBUG=1 shows the traceback)", err=True)
                    crashed = True
                    continue
                linted += 1
                failing |= any(SEVERITY_RANK[d.severity] >= level for d in diags)
                results.append(FileResult(display, diags, _lines(source)))
            if found == before:
                if arg.is_dir():
                    include = ", ".join(run.config_for(arg).include)
                    click.echo(f"artlint: {arg}: no files to lint in this folder (include: {include})",
                               err=True)
                else:
                    skipped += 1  # named, but excluded by the config: not an error (pre-commit)
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))

    reporter = get_reporter(output_format)(sys.stdout, color=_use_color(no_color) and output_format == "text")
    reporter.report(results, linted)
    if crashed or linted == 0 and (unreadable or found == skipped == 0):
        if linted == 0:
            click.echo("artlint: error: nothing could be linted", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


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
        fix = " (fixable)" if r.fixable else ""
        off = " (off by default)" if not r.enabled else ""
        click.echo(f"{r.id:<{width}}  {r.category:<11} {r.severity:<7}  {first}{fix}{off}")


def _rule_summary(r: Rule) -> dict:
    return {"id": r.id, "category": r.category, "severity": r.severity, "check": r.check,
            "fixable": r.fixable, "enabled": r.enabled, "message": r.message, "description": r.description,
            "options": r.options, "examples": r.examples}


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
    click.echo(f"# {rule.id}\n")
    click.echo(f"Category: {rule.category}    Severity: {rule.severity}    Fixable: {'yes' if rule.fixable else 'no'}"
               f"    Check type: {rule.check}\n")
    click.echo(rule.description + "\n")
    for title, key in (("Flagged", "bad"), ("Not flagged", "good")):
        click.echo(f"## {title}\n")
        for example in rule.examples[key]:
            click.echo("\n".join("    " + line for line in example.splitlines()))
            click.echo()
    click.echo(f"Defined in: {rule.path}")


if __name__ == "__main__":  # pragma: no cover
    main()
