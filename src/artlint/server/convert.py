"""artlint's diagnostics as LSP diagnostics: the range in the editor's encoding, the severity,
``source`` "artlint", the rule id as ``code`` with the rule's documentation link."""

from __future__ import annotations

from lsprotocol import types

from artlint.diagnostics import Diagnostic
from artlint.ruleset import Rule

from .positions import Lines
from .reference import rule_href

SOURCE = "artlint"
SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
              "info": types.DiagnosticSeverity.Information}
UNNECESSARY = frozenset({"unused-suppression"})  # shown faded: the comment does nothing


def diagnostic_range(lines: Lines, d: Diagnostic) -> types.Range:
    return types.Range(start=lines.position(d.line, d.column), end=lines.position(d.end_line, d.end_column))


def to_lsp(d: Diagnostic, lines: Lines, rules: dict[str, Rule]) -> types.Diagnostic:
    rule = rules.get(d.rule)
    href = rule_href(rule) if rule is not None else None
    return types.Diagnostic(
        range=diagnostic_range(lines, d), message=d.message, severity=SEVERITIES.get(d.severity),
        source=SOURCE, code=d.rule, code_description=types.CodeDescription(href=href) if href else None,
        tags=[types.DiagnosticTag.Unnecessary] if d.rule in UNNECESSARY else None,
        data={"fix": d.fix} if d.fix is not None else None)


def to_lsp_all(diagnostics: list[Diagnostic], lines: Lines, rules: dict[str, Rule]) -> list[types.Diagnostic]:
    return [to_lsp(d, lines, rules) for d in diagnostics]
