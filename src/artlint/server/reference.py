"""What the editor shows about a rule: the link of a diagnostic's code (``codeDescription``)
and the hover text. Both come from ``artlint.docs``, as ``artlint rule ID`` and SARIF do.

The link is the config's ``docs-url`` (with ``#rule-id``) when it sets one; else, for a
built-in rule, the rule's section of the reference shipped with artlint (``docs/rules.md``,
packaged as ``artlint/reference/rules.md``), as a ``file://`` URI; else the rule's own YAML
file. artlint has no web site: no link is made up."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from artlint.docs import fix_note, rule_markdown, rule_url
from artlint.ruleset import Rule, builtin_rules_dir


@lru_cache(maxsize=1)
def reference_file() -> Path | None:
    """The rule reference installed with artlint (a wheel), or the checkout's docs/rules.md."""
    packaged = resources.files("artlint").joinpath("reference", "rules.md")
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
    return checkout if checkout.is_file() else None


@lru_cache(maxsize=1)
def _builtin_folder() -> Path:
    return builtin_rules_dir().resolve()


def rule_href(rule: Rule) -> str | None:
    """Where a rule is documented: a URL or a ``file://`` URI that exists."""
    path = getattr(rule, "path", None)
    return rule_url(rule) or _local_href(rule.id, str(path) if path else None)


@lru_cache(maxsize=1024)
def _local_href(rule_id: str, path: str | None) -> str | None:
    """A built-in rule's section of the reference, else the rule's file (asked once per rule)."""
    reference = reference_file()
    file = Path(path).resolve() if path else None
    if reference is not None and (file is None or file.parent == _builtin_folder()):
        return f"{reference.as_uri()}#{rule_id}"
    return file.as_uri() if file is not None and file.is_file() else None


def hover_markdown(rule: Rule, message: str) -> str:
    """The hover of one finding: its message, then the rule's section of the reference (what it
    flags and why, flagged and unflagged examples, options), headings under the hover's own."""
    link = rule_href(rule)
    title = f"[`{rule.id}`]({link})" if link else f"`{rule.id}`"
    head = f"**artlint** {title} ({rule.severity}, fixable: {fix_note(rule)}): {message}\n"
    return head + "\n" + rule_markdown(rule, level=3)
