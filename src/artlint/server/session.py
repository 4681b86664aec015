"""The state of one editor session: the workspace of configs and warm linters, and what each
open document was last linted as.

Each file gets the nearest config above it, as ``artlint check FILE`` would
(``pipeline.Workspace``). A config's ``Linter`` is built once and reused for every edit; the
whole workspace is dropped and built again only when a config or rule file changes (a
watched-file event, or ``watch.Stamps`` noticing a new modification time before a lint, or a
config file appearing nearer to the file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from pathlib import Path

from artlint.api import Linter
from artlint.config import Config, ConfigError, find_config_file
from artlint.diagnostics import Diagnostic
from artlint.pipeline import Workspace
from artlint.records import dataclass
from artlint.ruleset import Rule, RuleError

from .links import CachedLinks
from .watch import Stamps, dependencies


class ConfigProblem(Exception):
    """A config or rule file that cannot be used: one line naming the file and the problem."""


@dataclass
class Linted:
    """A text as last linted."""

    text: str
    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    linter: Linter | None = None  # None: the file is excluded by its config
    config: Config | None = None
    rules: dict[str, Rule] = field(default_factory=dict)  # the rules that ran, by id

    def lint(self, text: str) -> list[Diagnostic]:
        """Another text linted as this one (for fixes and their checks)."""
        if self.linter is None:
            return []
        return self.linter.lint_text(text, str(self.path), file=self.path)


class Session:
    def __init__(self, say: Callable[[str], None], link_mode: str = "cache") -> None:
        self.say = say
        self.link_mode = link_mode
        self.links = CachedLinks(lambda message: say(f"warning: {message}"))
        self.reloads = 0  # how many times the configs were loaded afresh (a test counts them)
        self._fresh_workspace()

    def _fresh_workspace(self) -> None:
        self.workspace = Workspace(say=self.say)
        self._stamps = Stamps()
        self._governing: dict[Path, Path | None] = {}  # folder -> its nearest config file

    def reload(self) -> None:
        """Forget every config and linter: they are loaded again at the next lint."""
        self.links.forget()
        self.reloads += 1
        self._fresh_workspace()

    def _stale(self, folder: Path) -> bool:
        """Did a config or rule file change, or a config file appear or go, since loading?"""
        if folder in self._governing and find_config_file(folder) != self._governing[folder]:
            return True
        return self._stamps.changed()

    def config_for(self, folder: Path) -> Config:
        if self._stale(folder):
            self.reload()
        if folder not in self._governing:
            self._governing[folder] = found = find_config_file(folder)
            self._stamps.track([found] if found is not None else [])  # a broken one too: its fix reloads
        try:
            config = self.workspace.config_for(folder)
        except (ConfigError, RuleError) as exc:
            raise ConfigProblem(str(exc)) from None
        self._stamps.track(dependencies(config))
        return config

    def lint(self, path: Path, text: str) -> Linted:
        """Lint an editor's text as the file ``path`` (raises ``ConfigProblem``)."""
        config = self.config_for(path.parent)
        if config.is_excluded_by_user(path):  # as `artlint check FILE` skips it
            return Linted(text, path, config=config)
        try:
            linter = self.workspace.linter_for(config)
            rules = linter.rules_for(path)
        except (ConfigError, RuleError) as exc:
            raise ConfigProblem(str(exc)) from None
        diagnostics = linter.lint_text(text, str(path), file=path)
        if self.link_mode != "off":
            found = self.links.diagnostics(text, path, config, rules)
            if found:
                diagnostics = sorted(diagnostics + found, key=lambda d: d.sort_key)
        return Linted(text, path, diagnostics, linter, config, {r.id: r for r in rules})
