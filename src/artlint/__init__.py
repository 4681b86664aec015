"""artlint: a content-quality linter for analysis articles.

The Python API (loaded on first use, so ``import artlint`` stays cheap)::

    from artlint import Linter, Diagnostic, diagnostics_to_json, diagnostics_from_json

    linter = Linter.from_config()             # config and rules, loaded once
    diagnostics = linter.lint_file("article.md")
    text = diagnostics_to_json(diagnostics)   # the JSON of `artlint check --format json`
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (`artlint --version`)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from artlint.api import Linter
    from artlint.config import Config, ConfigError
    from artlint.diagnostics import (
        Diagnostic,
        diagnostics_from_json,
        diagnostics_to_json,
    )
    from artlint.ruleset import Rule, RuleError

__all__ = ["Config", "ConfigError", "Diagnostic", "Linter", "Rule", "RuleError", "__version__",
           "diagnostics_from_json", "diagnostics_to_json"]

_LAZY = {
    "Linter": "artlint.api",
    "Config": "artlint.config",
    "ConfigError": "artlint.config",
    "Diagnostic": "artlint.diagnostics",
    "diagnostics_to_json": "artlint.diagnostics",
    "diagnostics_from_json": "artlint.diagnostics",
    "Rule": "artlint.ruleset",
    "RuleError": "artlint.ruleset",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'artlint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
