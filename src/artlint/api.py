"""The Python API: load a configuration and its rules once, then lint strings and files.

    >>> from artlint import Linter
    >>> linter = Linter.from_config()            # the nearest config above "." (or none)
    >>> [d.rule for d in linter.lint_text("See [LINK: tbd].\\n", path="a.md")]
    ['unresolved-link-placeholder']

A ``Linter`` is what ``artlint check`` and ``artlint audit`` use. It pickles by its inputs
(the configuration, ``select`` and ``ignore``), never by its compiled rules, so it is cheap to
ship to worker processes or a Dask cluster; an unpickled ``Linter`` rebuilds its rules on first
use, once per process (later copies of the same ``Linter`` in that process share them).
"""

from __future__ import annotations

import os
from _thread import allocate_lock
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from artlint.config import Config, ConfigError, load_config
from artlint.diagnostics import SEVERITY_RANK, Diagnostic
from artlint.document import (
    Document,
    UnreadableFile,
    format_for,
    parse_document,
    read_text,
)
from artlint.engine import lint_document, read_error
from artlint.ruleset import Rule, RuleError
from artlint.selection import effective_rules, load_ruleset, rules_for_file

__all__ = ["ConfigError", "Linter", "RuleError"]

# Rule sets built in this process, by Linter token: an unpickled Linter (a task of a worker)
# finds the rules its earlier copies built. Bounded: a long-lived worker sees a few Linters.
_BUILT: OrderedDict[str, list[Rule]] = OrderedDict()
_BUILT_MAX = 16
_LOCK = allocate_lock()  # threading.Lock, without importing threading


def _remember(token: str, rules: list[Rule]) -> None:
    with _LOCK:
        _BUILT[token] = rules
        _BUILT.move_to_end(token)
        while len(_BUILT) > _BUILT_MAX:
            _BUILT.popitem(last=False)


class Linter:
    """One configuration and its selected rules, ready to lint.

    ``config``: a loaded ``Config`` (``Linter.from_config`` finds and loads one); ``select``
    replaces the config's ``select`` and ``ignore`` is added to its ``ignore``, as the command
    line options do; ``extend_select`` adds rules to the selection (``--extend-select``).
    Configuration and rule-file errors (``ConfigError``, ``RuleError``) are raised here, not at
    the first lint."""

    def __init__(self, config: Config | None = None, select: Sequence[str] | None = None,
                 ignore: Iterable[str] = (), *, extend_select: Iterable[str] = ()) -> None:
        self._config = config if config is not None else Config()
        self._select = list(select) if select is not None else None
        self._ignore = list(ignore)
        self._extend_select = list(extend_select)
        self._token = os.urandom(16).hex()  # unique (uuid would import platform)
        self._rules: list[Rule] | None = None
        self.rules  # noqa: B018 - load and check now: errors belong to the caller that made it

    @classmethod
    def from_config(cls, path: str | Path | None = None, start: str | Path = ".",
                    select: Sequence[str] | None = None, ignore: Iterable[str] = ()) -> Linter:
        """Load ``path`` (a ``.artlint.toml`` or ``pyproject.toml``), or else the nearest config
        file above ``start``, or the defaults when there is none."""
        config = load_config(Path(path) if path is not None else None, Path(start))
        return cls(config, select, ignore)

    # -- what it is --------------------------------------------------------------------------

    @property
    def config(self) -> Config:
        return self._config

    @property
    def select(self) -> list[str] | None:
        return None if self._select is None else list(self._select)

    @property
    def ignore(self) -> list[str]:
        return list(self._ignore)

    @property
    def rules(self) -> list[Rule]:
        """The rules that run (selection and severity overrides applied), built once per process."""
        if self._rules is None:
            rules = _BUILT.get(self._token)
            if rules is None:
                rules = effective_rules(load_ruleset(self._config), self._config, self._select, self._ignore,
                                        self._extend_select)
                _remember(self._token, rules)
            self._rules = rules
        return self._rules

    def rules_for(self, path: str | Path) -> list[Rule]:
        """The rules for one file: ``rules`` less the config's ``per-file-ignores`` for it."""
        return rules_for_file(self.rules, self._config, Path(path))

    def fail_level(self, fail_on: str | None = None) -> int:
        """The rank (``SEVERITY_RANK``) at or above which a finding fails the run."""
        return SEVERITY_RANK[fail_on or self._config.fail_on]

    def fails(self, diagnostics: Iterable[Diagnostic], fail_on: str | None = None) -> bool:
        """True when any diagnostic is at or above the fail level (``fail_on``, else the config's)."""
        level = self.fail_level(fail_on)
        return any(SEVERITY_RANK[d.severity] >= level for d in diagnostics)

    # -- linting -----------------------------------------------------------------------------

    def parse(self, text: str, path: str = "<string>", format: str | None = None) -> Document:
        """The parsed document (what the checks see)."""
        return parse_document(text, path, format=format or format_for(path), lang=self._config.language,
                              fields=self._config.front_matter_fields)

    def lint_document(self, document: Document, source: str | None = None, *,
                      file: str | Path | None = None) -> list[Diagnostic]:
        """Diagnostics for a parsed document (``source``: its text before newlines were normalised)."""
        rules = self.rules_for(file if file is not None else document.path)
        return lint_document(document, rules, source)

    def lint_text(self, text: str, path: str = "<string>", format: str | None = None, *,
                  file: str | Path | None = None) -> list[Diagnostic]:
        """Lint a string. ``path`` is the name diagnostics carry; its extension picks the format
        (Markdown for ``.md``, ``.markdown``...; an HTML page for ``.html``, ``.htm``, ``.xhtml``, a
        URL's too; plain text otherwise) unless ``format`` is given (``"markdown"``, ``"html"`` or
        ``"text"``). ``file``: the file the text comes from, when it is not
        ``path``, for matching ``per-file-ignores``. Sorted by line, column and rule."""
        from artlint import engine

        fmt = format or format_for(path)
        return engine.lint_text(text, self.rules_for(file if file is not None else path), path, format=fmt,
                                lang=self._config.language, fields=self._config.front_matter_fields)

    def lint_file(self, path: str | Path, display: str | None = None) -> list[Diagnostic]:
        """Lint a file (UTF-8, with or without a BOM). A file that cannot be read, or is larger
        than the config's ``max-file-size``, gives one ``unreadable-file`` diagnostic, as
        ``artlint check`` reports it."""
        name = display or str(path)
        try:
            source = read_text(Path(path), self.config.max_file_size)  # as check refuses a huge file
        except UnreadableFile as exc:
            return [read_error(name, str(exc))]
        # Linted under its real path, so that relative links resolve beside the file; the
        # display name is only what the diagnostics carry.
        diagnostics = self.lint_text(source, str(path), format=format_for(name))
        for d in diagnostics:
            d.path = name
        return diagnostics

    # -- pickling: by inputs -------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self._config, "select": self._select, "ignore": self._ignore,
                "extend_select": self._extend_select, "token": self._token}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._config = state["config"]
        self._select = state["select"]
        self._ignore = state["ignore"]
        self._extend_select = state.get("extend_select", [])
        self._token = state["token"]
        self._rules = None  # built (or found) on first use, in this process

    def __repr__(self) -> str:
        return (f"Linter(config={self._config.source!r}, select={self._select!r}, ignore={self._ignore!r}, "
                f"rules={len(self._rules) if self._rules is not None else '?'})")
