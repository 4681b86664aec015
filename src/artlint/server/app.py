"""The language server: LSP messages in, the session's lints out.

Documents are linted when opened and saved at once, and after edits once the client has been
quiet for ``debounce`` seconds (a timer per document, restarted by each edit). A code action or
hover on a text not linted yet lints it first, so they always see the current text."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from artlint import __version__

from . import actions
from .convert import to_lsp_all
from .links import check_online
from .positions import Lines
from .reference import hover_markdown
from .session import ConfigProblem, Linted, Session
from .settings import Settings, updated
from .watch import is_config_related

WATCHED = ("**/.artlint.toml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")


class ArtlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("artlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.session = Session(self.log)
        self.linted: dict[str, Linted] = {}
        self.published: dict[str, dict[int, types.Diagnostic]] = {}  # uri -> id(finding) -> LSP diagnostic
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._problems: dict[str, str] = {}  # uri -> the config error shown for it (once, not per keystroke)
        self._checking: set[str] = set()  # documents whose links are being checked online

    # -- messages to the client ------------------------------------------------------------------

    def log(self, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Log, message=f"artlint: {message}"))

    def show_problem(self, uri: str, message: str | None) -> None:
        """Show a document's config error, unless it is on show already (for it or another
        document); None: its config is usable again."""
        if message is None:
            self._problems.pop(uri, None)
            return
        if message not in self._problems.values():
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"artlint: {message}"))
        self._problems[uri] = message

    def apply_settings(self, given) -> None:
        self.settings, problems = updated(self.settings, given)
        self.session.link_mode = self.settings.check_links
        for problem in problems:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                             message=f"artlint: setting {problem}"))

    # -- linting ---------------------------------------------------------------------------------

    def path_of(self, uri: str) -> Path:
        """The file a document is linted as (an unsaved one: a file in the current folder)."""
        fs_path = to_fs_path(uri)
        if fs_path:
            return Path(fs_path)
        document = self.workspace.get_text_document(uri)
        return Path.cwd() / ("untitled.md" if document.language_id == "markdown" else "untitled.txt")

    def lines_of(self, text: str) -> Lines:
        return Lines(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def lint(self, uri: str) -> Linted | None:
        """Lint the document's current text and publish the diagnostics."""
        self._cancel(uri)
        document = self.workspace.get_text_document(uri)
        text = document.source
        try:
            linted = self.session.lint(self.path_of(uri), text)
        except ConfigProblem as exc:
            self.show_problem(uri, str(exc))
            self.linted.pop(uri, None)
            self._publish(uri, document.version, [])
            return None
        except Exception as exc:  # a bug in a check: say so, keep serving
            if os.environ.get("ARTLINT_DEBUG"):
                raise
            self.log(f"{uri}: internal error: {type(exc).__name__}: {exc} (please report this bug)")
            return None
        self.show_problem(uri, None)
        lsp = to_lsp_all(linted.diagnostics, self.lines_of(text), linted.rules)
        self.linted[uri] = linted
        self.published[uri] = {id(d): x for d, x in zip(linted.diagnostics, lsp)}
        self._publish(uri, document.version, lsp)
        return linted

    def lint_and_check_links(self, uri: str) -> None:
        """On open and save: lint, then check the links online if the settings say so."""
        self.check_links_online(uri, self.lint(uri))

    def _publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def current(self, uri: str) -> Linted | None:
        """The document as linted now: linted again when it changed since."""
        linted = self.linted.get(uri)
        if linted is not None and linted.text == self.workspace.get_text_document(uri).source:
            return linted
        return self.lint(uri)

    def lint_later(self, uri: str) -> None:
        self._cancel(uri)
        if self.settings.debounce <= 0:
            self.lint(uri)
            return
        loop = asyncio.get_running_loop()
        self._timers[uri] = loop.call_later(self.settings.debounce, self.lint, uri)

    def _cancel(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def lint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.lint(uri)

    def check_links_online(self, uri: str, linted: Linted | None) -> None:
        """``checkLinks: "on"``: check the document's links in a thread, then lint it again (the
        verdicts are then in the cache)."""
        if self.settings.check_links != "on" or linted is None or linted.linter is None or uri in self._checking:
            return
        self._checking.add(uri)
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(self.thread_pool, check_online, linted.text, linted.path, linted.config,
                                   list(linted.rules.values()))

        def done(future: asyncio.Future) -> None:
            self._checking.discard(uri)
            if future.exception() is not None:
                self.log(f"{uri}: link check failed: {future.exception()}")
            elif future.result():
                self.log(future.result().strip())
            if uri in self.workspace.text_documents:
                self.lint(uri)

        job.add_done_callback(done)

    def forget(self, uri: str) -> None:
        self._cancel(uri)
        self._problems.pop(uri, None)
        self.linted.pop(uri, None)
        self.published.pop(uri, None)
        self._publish(uri, None, [])


def build_server() -> ArtlintServer:
    server = ArtlintServer()
    _lifecycle(server)
    _documents(server)
    _workspace(server)
    _help(server)
    return server


def _lifecycle(server: ArtlintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: ArtlintServer, params: types.InitializeParams) -> None:
        ls.apply_settings(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: ArtlintServer, params: types.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps is not None else None
        if watched is not None and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED])
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="artlint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options)]))


def _documents(server: ArtlintServer) -> None:
    """Open, edit, save, close: lint and publish."""

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArtlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint_and_check_links(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArtlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArtlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint_and_check_links(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArtlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)


def _workspace(server: ArtlintServer) -> None:
    """Config or rule files changed, or the client's settings: lint every open document again."""

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: ArtlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_related(Path(to_fs_path(change.uri) or change.uri)) for change in params.changes):
            ls.session.reload()
            ls.lint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: ArtlintServer, params: types.DidChangeConfigurationParams) -> None:
        ls.apply_settings(params.settings)
        ls.lint_all()


def _help(server: ArtlintServer) -> None:
    """Code actions and hovers, on the current text."""

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]))
    def code_action(ls: ArtlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None or linted.linter is None:
            return None
        return actions.code_actions(uri, linted, ls.lines_of(linted.text), params.range, params.context.only,
                                    ls.published.get(uri, {})) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArtlintServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None:
            return None
        lines = ls.lines_of(linted.text)
        return hover_on(linted, lines, params.position, ls.published.get(uri, {}))


def hover_on(linted: Linted, lines: Lines, position: types.Position,
             published: dict[int, types.Diagnostic]) -> types.Hover | None:
    """The help of each finding under the cursor (its rule's description and examples)."""
    at = lines.offset(position)
    under: list[tuple] = []
    for d in linted.diagnostics:
        shown = published.get(id(d))
        rule = linted.rules.get(d.rule)
        if shown is None or rule is None:
            continue
        start, end = lines.offset(shown.range.start), lines.offset(shown.range.end)
        if start <= at <= end:
            under.append((d, rule, shown.range))
    if not under:
        return None
    text = "\n\n---\n\n".join(hover_markdown(rule, d.message) for d, rule, _ in under)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=under[0][2])
