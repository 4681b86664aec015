"""Code actions: each fixable finding's fix as a quick fix (safe ones preferred, unsafe ones
marked), "Fix all safe problems in this file" (``source.fixAll.artlint``, which editors run on
save), and "Disable RULE for this line" (the suppression comment the engine reads).

Fixes are the fixer's: a quick fix replaces the finding's span with its ``fix`` only when the
text there is still its ``match``; "fix all" is ``fixer.fix_text`` with the safe fixes, lint
after lint, as ``artlint check --fix`` does. A suppression comment is offered only when linting
the text with it shows that it works (a comment cannot work everywhere, e.g. inside front
matter or a code block)."""

from __future__ import annotations

import re

from lsprotocol import types

from artlint.diagnostics import Diagnostic, SourceSpans
from artlint.fixer import fix_text

from .convert import diagnostic_range
from .positions import Lines
from .session import Linted

FIX_ALL = "source.fixAll.artlint"
_DISABLE_LINE = re.compile(r"<!--\s*artlint-disable-line\b([^>]*?)\s*-->")
SUPPRESSION_RULES = frozenset({"unused-suppression", "unknown-rule-in-suppression"})


def wanted(kind: str, only: list[str] | None) -> bool:
    """Does the request's ``only`` ask for actions of ``kind`` (itself or a kind it contains)?"""
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def unsafe_rules(linted: Linted) -> set[str]:
    return {rule_id for rule_id, rule in linted.rules.items() if rule.fix_safety == "unsafe"}


def in_range(linted: Linted, lines: Lines, spans: SourceSpans, asked: types.Range) -> list[Diagnostic]:
    """The findings that touch the asked range."""
    first, last = lines.offset(asked.start), lines.offset(asked.end)
    out = []
    for d in linted.diagnostics:
        span = spans.span(d)
        if span is not None and span[0] <= last and first <= span[1]:
            out.append(d)
    return out


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _fix_title(d: Diagnostic, unsafe: bool) -> str:
    what = f"Delete {d.match!r}" if d.fix == "" else f"Replace {d.match!r} with {d.fix!r}"
    return f"{what} ({d.rule}){' (unsafe)' if unsafe else ''}"


def quick_fix(uri: str, lines: Lines, d: Diagnostic, lsp_diagnostic: types.Diagnostic | None,
              unsafe: bool) -> types.CodeAction:
    return types.CodeAction(
        title=_fix_title(d, unsafe), kind=types.CodeActionKind.QuickFix, is_preferred=not unsafe,
        diagnostics=[lsp_diagnostic] if lsp_diagnostic is not None else None,
        edit=_edit(uri, [types.TextEdit(range=diagnostic_range(lines, d), new_text=d.fix)]))


def minimal_edit(old: str, new: str, lines: Lines) -> types.TextEdit:
    """One edit from ``old`` to ``new`` covering only what differs (the cursor stays put)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return types.TextEdit(range=lines.range_of(start, end_old), new_text=new[start:end_new])


def fix_all(uri: str, linted: Linted, lines: Lines) -> types.CodeAction | None:
    """Every safe fix of the file, applied as ``--fix`` applies them; None when there is none."""
    unsafe = unsafe_rules(linted)
    if not any(d.fix is not None and d.rule not in unsafe for d in linted.diagnostics):
        return None
    outcome = fix_text(linted.text, linted.lint, lambda d: d.rule not in unsafe, diagnostics=linted.diagnostics)
    if not outcome.changed(linted.text):
        return None
    return types.CodeAction(title="Fix all safe problems in this file (artlint)", kind=FIX_ALL,
                            edit=_edit(uri, [minimal_edit(linted.text, outcome.text, lines)]))


def disable_edit(text: str, lines: Lines, d: Diagnostic) -> tuple[int, str]:
    """Where to insert what, so that a ``disable-line`` comment on the finding's first line names
    its rule: added to the line's comment when it has one, else a new comment at the line's end."""
    index = d.line - 1
    start, end = lines.starts[index], lines.line_end(index)
    existing = list(_DISABLE_LINE.finditer(text, start, end))
    if existing:
        return existing[-1].end(1), f" {d.rule}"
    space = "" if start == end or text[end - 1] in " \t" else " "
    return end, f"{space}<!-- artlint-disable-line {d.rule} -->"


def _suppresses(linted: Linted, d: Diagnostic, new_text: str) -> bool:
    """Does the text with the comment lose the finding, and gain no other kind of finding?"""
    rule = linted.rules.get(d.rule)
    if rule is not None and getattr(rule.checker, "online", False):
        return True  # found from the link cache: the engine reads the comment the same way
    after = linted.lint(new_text)
    before_kinds = {x.rule for x in linted.diagnostics}
    still = any(x.rule == d.rule and (x.line, x.column) == (d.line, d.column) for x in after)
    return not still and not ({x.rule for x in after} - before_kinds)


def disable_for_line(uri: str, linted: Linted, lines: Lines, d: Diagnostic,
                     lsp_diagnostic: types.Diagnostic | None) -> types.CodeAction | None:
    at, insert = disable_edit(linted.text, lines, d)
    if not _suppresses(linted, d, linted.text[:at] + insert + linted.text[at:]):
        return None
    where = lines.range_of(at, at)
    return types.CodeAction(title=f"Disable {d.rule} for this line", kind=types.CodeActionKind.QuickFix,
                            diagnostics=[lsp_diagnostic] if lsp_diagnostic is not None else None,
                            edit=_edit(uri, [types.TextEdit(range=where, new_text=insert)]))


def code_actions(uri: str, linted: Linted, lines: Lines, asked: types.Range, only: list[str] | None,
                 lsp_of: dict[int, types.Diagnostic]) -> list[types.CodeAction]:
    """The actions for a range: quick fixes and disable comments for its findings, and fix-all.
    ``lsp_of``: the published LSP diagnostic of each finding, by ``id``."""
    out: list[types.CodeAction] = []
    if wanted(types.CodeActionKind.QuickFix, only):
        unsafe = unsafe_rules(linted)
        found = in_range(linted, lines, SourceSpans(linted.text), asked)
        for d in found:
            if d.fix is not None:
                out.append(quick_fix(uri, lines, d, lsp_of.get(id(d)), d.rule in unsafe))
        offered: set[tuple[str, int]] = set()
        for d in found:
            if (d.rule, d.line) in offered:
                continue  # one comment per rule and line
            offered.add((d.rule, d.line))
            action = disable_for_line(uri, linted, lines, d, lsp_of.get(id(d)))
            if action is not None:
                out.append(action)
    if wanted(FIX_ALL, only):
        action = fix_all(uri, linted, lines)
        if action is not None:
            out.append(action)
    return out
