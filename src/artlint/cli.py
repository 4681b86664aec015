"""The ``artlint`` command. Exit codes: 0 clean, 1 findings at or above the fail level,
2 usage, configuration or rule-file error (or nothing could be linted)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from artlint import __version__
from artlint.config import Config, ConfigError, load_config
from artlint.diagnostics import SEVERITY_RANK
from artlint.discovery import iter_files
from artlint.document import UnreadableFile, format_for, read_text
from artlint.engine import lint_text, read_error
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
    """Configs and rule sets for one run, loaded once each."""

    def __init__(self, explicit_config: Path | None, select, ignore) -> None:
        self.explicit = explicit_config
        self.select = select
        self.ignore = ignore
        self._configs: dict[Path | None, Config] = {}
        self._rules: dict[Path | None, list[Rule]] = {}

    def config_for(self, path: Path) -> Config:
        start = path if path.is_dir() else path.parent
        config = load_config(self.explicit, start)
        return self._configs.setdefault(config.path, config)

    def rules_for(self, config: Config) -> list[Rule]:
        if config.path not in self._rules:
            self._rules[config.path] = effective_rules(load_ruleset(config), config, self.select, self.ignore)
        return self._rules[config.path]


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
    """Lint articles in PATHS (files or folders; default: the current folder)."""
    paths = list(paths) or [Path(".")]
    run = _Run(config_path, _split(select) if select else None, _split(ignore))
    results: list[FileResult] = []
    fail_levels: list[int] = []
    linted = 0
    seen: set[Path] = set()
    try:
        for arg in paths:
            if not arg.exists() and not arg.is_symlink():
                click.echo(f"artlint: {arg}: no such file or directory", err=True)
                results.append(FileResult(str(arg), [read_error(str(arg), "no such file or directory")],
                                          readable=False))
                continue
            config = run.config_for(arg)
            rules = run.rules_for(config)
            level = SEVERITY_RANK[fail_on or config.fail_on]
            for file in iter_files(arg, config):
                key = file.resolve()
                if key in seen:
                    continue
                seen.add(key)
                display = str(file)
                try:
                    source = read_text(file)
                except UnreadableFile as exc:
                    click.echo(f"artlint: {display}: {exc}", err=True)
                    results.append(FileResult(display, [read_error(display, str(exc))], readable=False))
                    fail_levels.append(level)
                    continue
                diags = lint_text(source, rules_for_file(rules, config, file), display,
                                  format=format_for(display), lang=config.language)
                linted += 1
                fail_levels.append(level)
                results.append(FileResult(display, diags, source.splitlines()))
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))

    reporter = get_reporter(output_format)(sys.stdout, color=_use_color(no_color) and output_format == "text")
    reporter.report(results, linted)
    if linted == 0 and any(not r.readable for r in results):
        sys.exit(EXIT_ERROR)
    threshold = min(fail_levels, default=SEVERITY_RANK[fail_on or "warning"])
    worst = max((SEVERITY_RANK[d.severity] for r in results for d in r.diagnostics), default=-1)
    sys.exit(EXIT_FINDINGS if worst >= threshold else EXIT_CLEAN)


def _load_for_listing(config_path: Path | None) -> list[Rule]:
    try:
        config = load_config(config_path, Path("."))
        return load_ruleset(config)
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
