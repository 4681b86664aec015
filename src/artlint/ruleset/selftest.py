"""``artlint test-rules [FOLDER]``: every rule's ``examples`` run as tests.

A ``bad`` example must get at least one finding of its rule, a ``good`` one none. Each example
is linted with the rule and every enabled rule loaded with it (only the rule's own findings
count), so that a rule about other rules' findings, such as ``unused-suppression``, sees them
as it would in a real run. Online rules (``--check-links``) are not run: their examples need
the network."""

from __future__ import annotations

from dataclasses import field

from artlint.engine import lint_text
from artlint.records import dataclass
from artlint.ruleset.loader import Rule


@dataclass
class ExampleFailure:
    rule: Rule
    kind: str  # "bad" (not flagged) or "good" (flagged)
    index: int  # 1-based, as people count
    example: str
    flagged: list = field(default_factory=list)  # the good example's findings

    def describe(self) -> str:
        if self.kind == "bad":
            what = f"bad example {self.index} is not flagged"
        else:
            spots = ", ".join(f"{d.line}:{d.column} {d.match!r}" for d in self.flagged)
            what = f"good example {self.index} is flagged ({spots})"
        shown = "\n".join("    " + line for line in self.example.splitlines())
        return f"{self.rule.path}: {self.rule.id}: {what}:\n{shown}"


@dataclass
class SelfTestReport:
    tested: list[Rule] = field(default_factory=list)
    online: list[Rule] = field(default_factory=list)  # not run offline
    examples: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)

    def coverage_line(self) -> str:
        total = len(self.tested) + len(self.online)
        failing = len({f.rule.id for f in self.failures})
        line = (f"{len(self.tested)} of {total} rules tested with {self.examples} examples: "
                f"{len(self.tested) - failing} passed, {failing} failed")
        if self.online:
            line += f"; {len(self.online)} online rules not run (their examples need --check-links)"
        return line


def _is_online(rule: Rule) -> bool:
    return bool(getattr(rule.checker, "online", False))


def run_examples(rule: Rule, companions: list[Rule]) -> tuple[int, list[ExampleFailure]]:
    """The number of examples of ``rule`` run, and those that fail."""
    fmt = rule.examples.get("format", "markdown")
    rules = [r for r in companions if r is not rule and r.enabled and not _is_online(r)] + [rule]
    failures = []
    count = 0
    for kind in ("bad", "good"):
        for index, example in enumerate(rule.examples[kind], 1):
            count += 1
            # A name no file has, so a relative link is never resolved against the working folder.
            found = [d for d in lint_text(example, rules, f"<example {index}>", format=fmt) if d.rule == rule.id]
            if kind == "bad" and not found:
                failures.append(ExampleFailure(rule, kind, index, example))
            elif kind == "good" and found:
                failures.append(ExampleFailure(rule, kind, index, example, found))
    return count, failures


def run_rule_examples(under_test: list[Rule], companions: list[Rule]) -> SelfTestReport:
    report = SelfTestReport()
    for rule in under_test:
        if _is_online(rule):
            report.online.append(rule)
            continue
        report.tested.append(rule)
        count, failures = run_examples(rule, companions)
        report.examples += count
        report.failures.extend(failures)
    return report



def load_for_selftest(folder, configured) -> tuple[list[Rule], list[Rule]]:
    """(rules under test, rules they run with): the rules of ``folder`` with the built-in ones
    beside them, or, without a folder, ``configured()`` (every rule the config loads) for both."""
    from pathlib import Path

    from artlint.ruleset.loader import RuleError, builtin_rules_dir, load_rules

    if folder is None:
        rules = configured()
        return rules, rules
    folder = Path(folder)
    builtin = builtin_rules_dir()
    if folder.is_dir() and folder.resolve() == builtin.resolve():
        rules = load_rules([builtin])
        return rules, rules
    rules = load_rules([builtin, folder])
    under_test = [r for r in rules if Path(r.path).parent == folder]
    if not under_test:
        raise RuleError(f"{folder}: no rule files (*.yaml, *.yml) in this folder")
    return under_test, rules
