"""``artlint server``: a Language Server (LSP over standard input and output) for editors.

One more driver of the pipeline, like ``check`` and ``audit``: a ``pipeline.Workspace`` finds
each file's nearest config and keeps its ``Linter`` (its rules) warm between edits; the fixes
are the fixer's, the suppression comments the engine's, the rule help ``docs``'s. The modules:

    session      open documents, their configs (reloaded when a config or rule file changes)
    watch        what a workspace depends on: config and rule files, by modification time
    positions    artlint's 1-based code-point columns <-> LSP positions (UTF-16 by default)
    convert      artlint diagnostics -> LSP diagnostics
    reference    a rule's documentation link and hover text
    actions      quick fixes, "fix all", "disable RULE for this line"
    links        online-link verdicts from the link cache (and online checks when asked)
    settings     initializationOptions and workspace settings
    app          the pygls server: the LSP messages, debouncing

pygls is imported only here, when ``artlint server`` runs."""

from __future__ import annotations


def serve() -> None:
    """Serve one editor over standard input and output until it says exit."""
    from artlint.server.app import build_server

    build_server().start_io()
