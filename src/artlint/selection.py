"""Which rules run, at which severity: config and command line applied to the loaded rules.

Like flake8's DecisionEngine, the more specific selector wins: a rule id beats a category,
which beats ALL; at equal specificity ``ignore`` wins over ``select``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from artlint.config import Config, ConfigError, regex_timeout_ok
from artlint.diagnostics import CATEGORIES

READ_ERROR_RULE = "unreadable-file"  # emitted by the command itself, never by a rule
from artlint.ruleset import Rule, RuleError, builtin_rules_dir, load_rules


def _specificity(selector: str, rule: Rule) -> int:
    if selector == rule.id:
        return 2
    if selector == rule.category:
        return 1
    if selector == "ALL":
        return 0
    return -1


def _best(selectors: list[str], rule: Rule) -> int:
    return max((_specificity(s, rule) for s in selectors), default=-1)


def _chosen(selectors: list[str], rule: Rule) -> int:
    chosen = _best(selectors, rule)
    return chosen if rule.enabled or chosen == 2 else -1  # a rule that is off by default runs only when named


def is_selected(rule: Rule, select: list[str] | None, ignore: list[str], extend_select: list[str] = ()) -> bool:
    chosen = _chosen(select, rule) if select is not None else (0 if rule.enabled else -1)
    if extend_select:
        chosen = max(chosen, _chosen(list(extend_select), rule))
    ignored = _best(ignore, rule)
    return chosen >= 0 and chosen > ignored


def check_selectors(selectors: list[str], rules: list[Rule], where: str) -> None:
    known = {r.id for r in rules} | set(CATEGORIES) | {"ALL", "file", READ_ERROR_RULE}
    for s in selectors:
        if s not in known:
            raise ConfigError(f"{where}: unknown rule or category {s!r} ({did_you_mean(s, known)})")


def did_you_mean(name: str, known) -> str:
    """``did you mean 'x'?`` for the closest known names, else a pointer to ``artlint rules``."""
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    if not close:
        return "see `artlint rules`"
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


def load_ruleset(config: Config) -> list[Rule]:
    """Built-in rules, then the config's rule folders, with ``rule-options`` applied."""
    folders = ([builtin_rules_dir()] if config.builtin_rules else []) + list(config.rules)
    rules = load_rules(folders)
    by_id = {r.id: i for i, r in enumerate(rules)}
    for rule_id, options in config.rule_options.items():
        if rule_id not in by_id:
            raise ConfigError(f"{config.source}: {config.key('rule-options')}.{rule_id}: no such rule "
                              f"(see `artlint rules`)")
        i = by_id[rule_id]
        try:
            rules[i] = rules[i].with_options(options, config.source)
        except RuleError as exc:  # name the setting as the user wrote it
            message = str(exc)
            where = f"{config.key('rule-options')}.{rule_id}"
            for inner in (f"rule-options.{rule_id}", "options"):
                if message.startswith(f"{config.source}: {inner}"):
                    message = f"{config.source}: {where}" + message[len(config.source) + 2 + len(inner):]
                    break
            raise ConfigError(message) from None
    for rule in rules:
        rule.docs_url = config.docs_url
    if not regex_timeout_ok(config.regex_timeout):  # a Config built in code, not read from a file
        raise ConfigError(f"{config.source}: {config.key('regex-timeout')}: must be a finite positive number "
                          f"of seconds, not {config.regex_timeout!r}")
    if config.regex_timeout is not None:  # rules with user regexes (a timeout) get the configured one
        for rule in rules:
            if rule.timeout is not None:
                rule.timeout = config.regex_timeout
    return rules


def effective_rules(rules: list[Rule], config: Config, select: list[str] | None = None,
                    ignore: list[str] = (), extend_select: list[str] = ()) -> list[Rule]:
    """Selected rules with severity overrides applied. ``select`` from the command line replaces
    the config's; ``ignore`` and ``extend_select`` from the command line add to the config's."""
    src = config.source
    check_selectors(list(config.select or []), rules, f"{src}: {config.key('select')}")
    check_selectors(config.ignore, rules, f"{src}: {config.key('ignore')}")
    check_selectors(list(config.severity), rules, f"{src}: {config.key('severity')}")
    for glob, selectors in config.per_file_ignores.items():
        check_selectors(selectors, rules, f"{src}: {config.key('per-file-ignores')}.{glob!r}")
    check_selectors(list(select or []), rules, "--select")
    check_selectors(list(ignore), rules, "--ignore")
    check_selectors(list(extend_select), rules, "--extend-select")
    chosen_select = select if select is not None else config.select
    chosen_ignore = list(config.ignore) + list(ignore)
    out = []
    for rule in rules:
        if not is_selected(rule, chosen_select, chosen_ignore, extend_select):
            continue
        severity = config.severity.get(rule.id) or config.severity.get(rule.category)
        out.append(replace(rule, severity=severity) if severity else rule)
    return out


def rules_for_file(rules: list[Rule], config: Config, path: Path) -> list[Rule]:
    ignored = config.ignored_for(path)
    if not ignored:
        return rules
    return [r for r in rules if _best(ignored, r) < 0]


__all__ = ["ConfigError", "RuleError", "did_you_mean", "effective_rules", "load_ruleset", "rules_for_file"]
