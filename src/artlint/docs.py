"""The rule reference, generated from the rule files: ``docs/rules.md``.

    artlint docs --output docs/rules.md          # or: python -m artlint.docs docs/rules.md
    artlint docs --output docs/rules.md --check  # exit 1 when the file is stale

One section per rule: what it flags and why (its description), examples it flags and leaves
alone (its ``examples``, which are also tests), its options, and whether ``--fix`` repairs it.
The same text feeds ``artlint rule ID`` and the help of each rule in SARIF output."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from artlint.checks import CHECK_TYPES
from artlint.diagnostics import CATEGORIES

HEADER = ("<!-- Generated from rules/*.yaml by `artlint docs --output docs/rules.md`. "
          "Do not edit by hand: edit the rule file and regenerate. -->\n")


def rule_url(rule) -> str | None:
    """The rule's section in the published reference: the config's ``docs-url`` with
    ``#rule-id``, or None when the config names no such page (artlint has no site of its own:
    the help text itself is given instead)."""
    base = getattr(rule, "docs_url", None)
    return f"{base}#{rule.id}" if base else None


def rule_summary(rule) -> str:
    """The first sentence of the description, on one line."""
    first = rule.description.split("\n\n")[0].replace("\n", " ")
    return first.split(". ")[0].rstrip(".") + "."


def fix_note(rule) -> str:
    if not rule.fixable:
        return "no"
    if rule.fix_safety == "unsafe":
        return "yes, with `--fix --unsafe-fixes` (the fix changes what the link does: review it)"
    return "yes, with `--fix`"


def _fence(text: str, lang: str = "") -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{text.rstrip(chr(10))}\n{ticks}\n"


def _options_yaml(rule) -> str:
    import yaml  # only for the rule reference, not for every command that imports this module

    return yaml.safe_dump(rule.options, sort_keys=False, allow_unicode=True, default_flow_style=None,
                          width=100).rstrip("\n")


def rule_markdown(rule, level: int = 2) -> str:
    """One rule's section of the reference, headings starting at ``level``."""
    h = "#" * level
    fmt = rule.examples.get("format", "markdown")
    lang = fmt if fmt in ("markdown", "html") else "text"
    out = [f"{h} {rule.id}\n",
           "| category | severity | fixable | on by default | check type |\n| --- | --- | --- | --- | --- |\n"
           f"| {rule.category} | {rule.severity} | {fix_note(rule)} | {'yes' if rule.enabled else 'no'} "
           f"| `{rule.check}` |\n",
           f"{h}# What it flags, and why\n", rule.description.strip() + "\n"]
    for title, key in (("Flagged", "bad"), ("Not flagged", "good")):
        out.append(f"{h}# {title}\n")
        out.extend(_fence(example, lang) for example in rule.examples[key])
    out.append(f"{h}# Options\n")
    if rule.options:
        out.append(f"Check type `{rule.check}`, with these options (change them under "
                   f"`[tool.artlint.rule-options.{rule.id}]`; the schema is "
                   f"`artlint/checks/{CHECK_TYPES.get(rule.check, rule.check)}.schema.json`):\n")
        out.append(_fence(_options_yaml(rule), "yaml"))
    else:
        out.append(f"Check type `{rule.check}`, with its default options.\n")
    return "\n".join(out)


def _indented(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def options_note(rule) -> str:
    """The rule's options and where to change them, in plain text."""
    if not rule.options:
        return f"Options: none (check type `{rule.check}` with its defaults)."
    return (f"Options (check type `{rule.check}`; change them under "
            f"[tool.artlint.rule-options.{rule.id}] in pyproject.toml, or [rule-options.{rule.id}] "
            f"in .artlint.toml):\n" + _indented(_options_yaml(rule)))


def rule_text(rule) -> str:
    """Plain-text help for one rule (SARIF ``help.text``): everything the reference says."""
    parts = [rule.description.strip()]
    for title, key in (("Flagged", "bad"), ("Not flagged", "good")):
        parts.append(f"{title}:\n" + "\n".join(_indented(e) for e in rule.examples[key]))
    parts.append(options_note(rule))
    parts.append(f"Fixable: {fix_note(rule)}.")
    return "\n\n".join(parts)


def rule_help(rule) -> str:
    """``artlint rule ID``: what it flags and why, examples, its options and where it is defined."""
    fixable = ("yes (with --unsafe-fixes)" if rule.fix_safety == "unsafe" else "yes") if rule.fixable else "no"
    out = [f"# {rule.id}\n",
           f"Category: {rule.category}    Severity: {rule.severity}    Fixable: {fixable}"
           f"    Check type: {rule.check}\n",
           rule.description.strip() + "\n"]
    for title, key in (("Flagged", "bad"), ("Not flagged", "good")):
        out.append(f"## {title}\n")
        out.extend(_indented(example) + "\n" for example in rule.examples[key])
    out.append("## Options\n")
    out.append(options_note(rule) + "\n")
    out.append(f"Defined in: {rule.path}")
    url = rule_url(rule)
    if url:
        out.append(f"Documentation: {url}")
    return "\n".join(out)


def _order(rule) -> tuple:
    return (CATEGORIES.index(rule.category) if rule.category in CATEGORIES else len(CATEGORIES), rule.id)


def render(rules) -> str:
    """The whole reference for ``rules``."""
    rules = sorted(rules, key=_order)
    out = [HEADER, "# artlint rules\n",
           f"{len(rules)} rules. `artlint rules` lists them, `artlint rule ID` explains one, and "
           "`artlint rules --format json` gives all of this to tools. Select and ignore them by id or "
           "by category (see the README's Configuration section).\n",
           "| rule | category | severity | fixable |\n| --- | --- | --- | --- |\n"
           + "".join(f"| [`{r.id}`](#{r.id}) | {r.category} | {r.severity} | "
                     f"{'yes' if r.fixable else 'no'}{' (unsafe)' if r.fix_safety == 'unsafe' else ''} |\n"
                     for r in rules)]
    out.extend(rule_markdown(rule) for rule in rules)
    return "\n".join(out)


def builtin_reference() -> str:
    from artlint.ruleset import builtin_rules_dir, load_rules

    return render(load_rules([builtin_rules_dir()]))


def main(argv: list[str] | None = None) -> int:
    """``python -m artlint.docs [FILE]``: write the built-in rules' reference (stdout without FILE)."""
    argv = sys.argv[1:] if argv is None else argv
    text = builtin_reference()
    if not argv or argv[0] == "-":
        sys.stdout.write(text)
        return 0
    target = Path(argv[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
