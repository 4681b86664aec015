"""``artlint mcp``: artlint as tools for writing assistants, over the Model Context Protocol (stdio).

Four tools, each a thin driver of what ``artlint check`` uses: ``lint_text`` and ``fix_text``
lint an in-memory draft with the config that governs its file name (``pipeline.Workspace``,
``fixer.fix_text``), ``lint_files`` runs the ``Pipeline`` over files and folders as ``check``
does, and ``explain_rule`` gives a rule's documentation (``docs``). Findings carry the fields of
``--format json``. A bad argument, a config or rule-file error, or a path that does not exist is
a tool error (the assistant reads it); the server goes on.

Standard output is the protocol's: everything artlint says goes to stderr. The MCP SDK is an
optional extra (``pip install ".[mcp]"``): version 1 calls its server ``FastMCP``, version 2
``MCPServer``; both are served."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from artlint.config import ConfigError, find_config_file
from artlint.diagnostics import Diagnostic
from artlint.document import format_for
from artlint.pipeline import USAGE_ERRORS, Options, Pipeline, Workspace
from artlint.pipeline.targets import MISSING
from artlint.ruleset import Rule, RuleError

TEXT_NAME = "<text>"  # what findings of a text without a file name carry as their path

INSTRUCTIONS = (
    "artlint checks analysis articles for what must not be published: unresolved placeholders "
    "([INTERNAL_LINK:...], TODO, XXXX), broken or empty links, claims and statistics without a source, "
    "stray spacing, leftover assistant boilerplate. Lint every draft before handing it over, fix what "
    "it reports (fix_text repairs the mechanical problems), and lint again until no error remains.")

LINT_TEXT = (
    "Lint a draft article (Markdown or plain text) and return its findings: rule, severity, message, "
    "line, column, end_line, end_column and the exact text matched. Call it before returning a drafted "
    "or edited article to the user; fix every error (fix_text repairs the fixable ones), then call it "
    "again until no error remains. file_name (optional, e.g. 'articles/draft.md') sets the format by its "
    "extension (.md Markdown, .txt plain text) and the project configuration by its folder; without it "
    "the text is Markdown under the server's configuration.")
LINT_FILES = (
    "Lint article files or folders on disk, as `artlint check` does (folders are walked with the "
    "project's include and exclude settings and .gitignore), and return each finding with its path. "
    "Call it to review saved articles, or after editing files, before telling the user they are ready.")
FIX_TEXT = (
    "Apply artlint's automatic fixes to a draft (stray spaces before punctuation, doubled spaces and "
    "other mechanical problems) and return the fixed text, how many fixes were made, and the findings "
    "that remain, which need your judgement: resolve them and call lint_text again. file_name works as "
    "in lint_text. Fixes that change what a link does are applied only with unsafe_fixes.")
EXPLAIN_RULE = (
    "Explain an artlint rule by its id (as in a finding's 'rule' field): what it flags and why, its "
    "category and severity, whether it is fixable, and examples it flags and leaves alone. Call it when "
    "a finding is unclear, before deciding how to rewrite the passage.")


class Session:
    """The configs and rules of a server: loaded once, and again when a config file changes (or
    a folder gets a nearer one), as a long-lived server must see the project's edits."""

    def __init__(self, config_path: Path | None = None) -> None:
        self.config_path = config_path
        self._workspace: Workspace | None = None
        self._by_folder: dict[Path, tuple | None] = {}  # folder -> its config file's stamp when loaded
        self._by_file: dict[str, tuple] = {}  # config file -> its stamp when loaded

    def linter_for(self, file_name: str | None):
        """The ``Linter`` that governs ``file_name`` (without one: the server's folder)."""
        folder = Path(file_name).parent if file_name else Path(".")
        stamp = _stamp(self.config_path or find_config_file(folder))
        key = Path(os.path.abspath(folder))
        if self._workspace is None or self._is_stale(key, stamp):
            self._workspace, self._by_folder, self._by_file = Workspace(self.config_path, say=_say), {}, {}
        self._by_folder[key] = stamp
        if stamp is not None:
            self._by_file[stamp[0]] = stamp
        return self._workspace.linter_for(self._workspace.config_for(folder))

    def _is_stale(self, folder: Path, stamp: tuple | None) -> bool:
        if self._by_folder.get(folder, stamp) != stamp:
            return True
        return stamp is not None and self._by_file.get(stamp[0], stamp) != stamp


def _stamp(path: Path | None) -> tuple | None:
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return None
    return (str(path), info.st_mtime_ns, info.st_size) if info is not None else None


def _say(message: str) -> None:
    import sys

    print(f"artlint: {message}", file=sys.stderr, flush=True)


def findings(diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
    return [d.to_dict() for d in diagnostics]


def _lint(linter, text: str, file_name: str | None) -> list[Diagnostic]:
    name = file_name or TEXT_NAME
    fmt = format_for(file_name) if file_name else "markdown"
    return linter.lint_text(text, name, format=fmt, file=Path(file_name) if file_name else None)


# -- the tools, as plain functions (the server wraps them; errors are ToolFailed) ---------------


class ToolFailed(Exception):
    """A call the tool cannot answer: one line for the assistant."""


def lint_text(session: Session, text: str, file_name: str | None = None) -> dict[str, Any]:
    linter = _linter(session, file_name)
    return {"findings": findings(_lint(linter, text, file_name))}


def fix_text(session: Session, text: str, file_name: str | None = None, unsafe_fixes: bool = False) -> dict:
    from artlint.fixer import fix_text as apply

    linter = _linter(session, file_name)
    unsafe = {r.id for r in linter.rules_for(file_name or TEXT_NAME) if r.fix_safety == "unsafe"}
    outcome = apply(text, lambda t: _lint(linter, t, file_name), lambda d: unsafe_fixes or d.rule not in unsafe)
    return {"text": outcome.text, "fixed": len(outcome.applied), "findings": findings(outcome.remaining)}


def lint_files(session: Session, paths: list[str]) -> dict[str, Any]:
    if not paths:
        raise ToolFailed("give at least one file or folder")
    notes: list[str] = []
    try:
        # jobs=1: a worker pool forks, and forking a server that runs threads (the SDK's) can hang
        pipeline = Pipeline(Options(config_path=session.config_path, jobs=1), say=notes.append)
        targets = pipeline.find([Path(p) for p in paths]).items
    except USAGE_ERRORS as exc:
        raise ToolFailed(str(exc)) from None
    missing = [f"{t.display}: {t.reason}" for t in targets if t.kind == MISSING]
    if missing:
        raise ToolFailed("; ".join(missing))
    results = list(pipeline.results())
    if pipeline.nothing_linted:  # as check's exit 2; a file that cannot be read among others is a finding
        raise ToolFailed("nothing could be linted: " + "; ".join(notes))
    return {"files_checked": pipeline.tally.linted,
            "findings": [d.to_dict() for result in results for d in result.diagnostics],
            "notes": notes}


def explain_rule(session: Session, rule_id: str) -> dict[str, Any]:
    from artlint.docs import fix_note, rule_text
    from artlint.selection import did_you_mean, load_ruleset

    try:
        rules = {r.id: r for r in load_ruleset(_linter(session, None).config)}
    except (ConfigError, RuleError) as exc:
        raise ToolFailed(str(exc)) from None
    rule: Rule | None = rules.get(rule_id)
    if rule is None:
        raise ToolFailed(f"no rule named {rule_id!r} ({did_you_mean(rule_id, rules)})")
    return {"id": rule.id, "category": rule.category, "severity": rule.severity, "enabled": rule.enabled,
            "fixable": fix_note(rule), "description": rule.description.strip(),
            "bad_examples": list(rule.examples["bad"]), "good_examples": list(rule.examples["good"]),
            "options": rule.options, "help": rule_text(rule)}


def _linter(session: Session, file_name: str | None):
    try:
        return session.linter_for(file_name)
    except (ConfigError, RuleError) as exc:
        raise ToolFailed(str(exc)) from None


# -- the server ---------------------------------------------------------------------------------


def _sdk():
    """The MCP SDK's server class and tool error: ``MCPServer`` (SDK 2) or ``FastMCP`` (SDK 1).
    Raises ``ImportError`` when the SDK is not installed."""
    try:
        from mcp.server.mcpserver import MCPServer
        from mcp.server.mcpserver.exceptions import ToolError
    except ImportError:
        from mcp.server.fastmcp import FastMCP as MCPServer
        from mcp.server.fastmcp.exceptions import ToolError
    return MCPServer, ToolError


def build_server(session: Session):
    """The server with its four tools; raises ``ImportError`` without the MCP SDK."""
    from mcp.types import ToolAnnotations

    server_class, tool_error = _sdk()
    server = server_class("artlint", instructions=INSTRUCTIONS)
    read_only = ToolAnnotations(readOnlyHint=True, idempotentHint=True, openWorldHint=False)

    def answer(tool, *args):
        try:
            return tool(session, *args)
        except ToolFailed as exc:
            raise tool_error(str(exc)) from None

    @server.tool(name="lint_text", description=LINT_TEXT, annotations=read_only)
    def lint_text_tool(text: str, file_name: str | None = None) -> dict[str, Any]:
        return answer(lint_text, text, file_name)

    @server.tool(name="lint_files", description=LINT_FILES, annotations=read_only)
    def lint_files_tool(paths: list[str]) -> dict[str, Any]:
        return answer(lint_files, paths)

    @server.tool(name="fix_text", description=FIX_TEXT, annotations=read_only)
    def fix_text_tool(text: str, file_name: str | None = None, unsafe_fixes: bool = False) -> dict[str, Any]:
        return answer(fix_text, text, file_name, unsafe_fixes)

    @server.tool(name="explain_rule", description=EXPLAIN_RULE, annotations=read_only)
    def explain_rule_tool(rule_id: str) -> dict[str, Any]:
        return answer(explain_rule, rule_id)

    return server



def serve(server) -> None:
    """Serve over stdio until the client closes the connection."""
    import sys

    server.run("stdio")
    if sys.stdout is not None and sys.stdout.closed:  # SDK 1 closes it on the way out: not a failed write
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the exit's flush
