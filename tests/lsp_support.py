"""A real LSP client for the tests of ``artlint server``: pygls's ``LanguageClient`` starts the
installed console script and talks to it over stdin and stdout, on an event loop in a thread of
its own, so that plain (synchronous) tests can drive it: open, edit, save, ask for code actions
and hovers, and wait for what the server publishes."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 60  # seconds: generous, for a busy machine


class Editor:
    def __init__(self, command: list[str], cwd: Path, options: dict | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.changed = threading.Condition()
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.messages: list[types.ShowMessageParams] = []
        self.registrations: list[types.Registration] = []
        self.versions: dict[str, int] = {}
        self.client = self._client()
        self.run(self.client.start_io(*command, cwd=str(cwd)))
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)),
            text_document=types.TextDocumentClientCapabilities(
                hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown])))
        self.initialized = self.run(self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities, root_uri=cwd.as_uri(), initialization_options=options or {})))
        self.call(self.client.initialized, types.InitializedParams())

    def _client(self) -> LanguageClient:
        client = LanguageClient("artlint-tests", "1")

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            with self.changed:
                self.published.setdefault(params.uri, []).append(params)
                self.changed.notify_all()

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams) -> None:
            with self.changed:
                self.messages.append(params)
                self.changed.notify_all()

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def log(params: types.LogMessageParams) -> None:
            pass

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

        return client

    # -- plumbing ----------------------------------------------------------------------------------

    def run(self, coroutine, timeout: float = TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def call(self, function, *args) -> None:
        """A notification, sent from the client's own thread."""
        done = threading.Event()

        def send() -> None:
            function(*args)
            done.set()

        self.loop.call_soon_threadsafe(send)
        assert done.wait(TIMEOUT)

    def close(self) -> None:
        try:
            self.run(self.client.shutdown_async(None), timeout=20)
            self.call(self.client.exit, None)
            self.run(self.client.stop(), timeout=20)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(20)

    # -- what the server published -----------------------------------------------------------------

    def count(self, uri: str) -> int:
        with self.changed:
            return len(self.published.get(uri, []))

    def wait(self, uri: str, after: int, test=lambda p: True) -> list[types.Diagnostic]:
        """The diagnostics of the first publication for ``uri`` after the ``after``-th that passes ``test``."""
        with self.changed:
            def found():
                return next((p for p in self.published.get(uri, [])[after:] if test(p)), None)
            assert self.changed.wait_for(found, TIMEOUT), f"nothing published for {uri}"
            return list(found().diagnostics)

    def wait_message(self, test) -> types.ShowMessageParams:
        with self.changed:
            assert self.changed.wait_for(lambda: any(test(m) for m in self.messages), TIMEOUT)
            return next(m for m in self.messages if test(m))

    # -- what an editor does -----------------------------------------------------------------------

    def open(self, path: Path, text: str | None = None, language: str = "markdown") -> list[types.Diagnostic]:
        uri = path.as_uri()
        before = self.count(uri)
        self.versions[uri] = 1
        item = types.TextDocumentItem(uri=uri, language_id=language, version=1,
                                      text=path.read_text("utf-8") if text is None else text)
        self.call(self.client.text_document_did_open, types.DidOpenTextDocumentParams(text_document=item))
        return self.wait(uri, before)

    def edit(self, path: Path, start: tuple[int, int], end: tuple[int, int], text: str) -> list[types.Diagnostic]:
        """Replace a range (0-based line, character) and wait for the diagnostics of the new version."""
        uri = path.as_uri()
        before = self.count(uri)
        version = self.versions[uri] = self.versions[uri] + 1
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(*start), end=types.Position(*end)), text=text)
        self.call(self.client.text_document_did_change, types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
        return self.wait(uri, before, lambda p: p.version == version)

    def replace_all(self, path: Path, text: str) -> list[types.Diagnostic]:
        uri = path.as_uri()
        before = self.count(uri)
        version = self.versions[uri] = self.versions[uri] + 1
        self.call(self.client.text_document_did_change, types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.wait(uri, before, lambda p: p.version == version)

    def save(self, path: Path) -> None:
        self.call(self.client.text_document_did_save, types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri())))

    def close_document(self, path: Path) -> None:
        self.call(self.client.text_document_did_close, types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri())))

    def code_actions(self, path: Path, start: tuple[int, int], end: tuple[int, int],
                     only: list[str] | None = None) -> list[types.CodeAction]:
        params = types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=types.Range(start=types.Position(*start), end=types.Position(*end)),
            context=types.CodeActionContext(diagnostics=[], only=only))
        return self.run(self.client.text_document_code_action_async(params)) or []

    def hover(self, path: Path, line: int, character: int) -> types.Hover | None:
        return self.run(self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character))))

    def files_changed(self, *paths: Path) -> None:
        self.call(self.client.workspace_did_change_watched_files, types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=p.as_uri(), type=types.FileChangeType.Changed) for p in paths]))

    def configure(self, settings: dict) -> None:
        self.call(self.client.workspace_did_change_configuration,
                  types.DidChangeConfigurationParams(settings=settings))


def offset_of(text: str, position: types.Position) -> int:
    """The code-point offset of an LSP position (UTF-16 units), computed here independently of
    the server's own conversion."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start = starts[position.line]
    units = 0
    at = start
    while units < position.character and at < len(text) and text[at] not in "\r\n":
        units += 2 if ord(text[at]) > 0xFFFF else 1
        at += 1
    return at


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """A text with LSP edits applied, as an editor applies them (from the last one back)."""
    spans = sorted(((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def utf16_column(line_text: str, code_points: int) -> int:
    """The UTF-16 column of a code-point column (computed here independently of the server)."""
    return len(line_text[:code_points].encode("utf-16-le")) // 2
