"""The configurations of a run: which config governs each folder, and each config's rules.

Without an explicit config file, every file is linted with the nearest config file above it
(``.artlint.toml`` or ``pyproject.toml`` with ``[tool.artlint]``), like ruff. Each config is
loaded once, and its ``Linter`` (its rules) built once, however many files it governs; the
command line's overrides (``--exclude``, ``--cache-dir``...) are applied to every config."""

from __future__ import annotations

from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from artlint.config import CACHE_FOLDER, Config, find_config_file, load_config, project_root
from artlint.diagnostics import Diagnostic
from artlint.discovery import GitIgnore
from artlint.records import dataclass
from artlint.ruleset import Rule

if TYPE_CHECKING:
    from artlint.api import Linter


def say_on_stderr(message: str) -> None:
    import click

    click.echo(f"artlint: {message}", err=True)


@dataclass
class Overrides:
    """What the command line changes in every configuration."""

    exclude: list[str] | None = None  # replaces the config's exclude
    extend_exclude: list[str] = field(default_factory=list)  # added to it
    cache_dir: Path | None = None  # where the result and link caches live
    max_file_size: int | None = None  # bytes, 0 for no limit: replaces the config's max-file-size

    def apply(self, config: Config) -> Config:
        changes: dict = {}
        if self.max_file_size is not None:
            changes["max_file_size"] = self.max_file_size
        if self.exclude is not None or self.extend_exclude:
            base = self.exclude if self.exclude is not None else config.exclude
            changes["exclude"] = [*base, *self.extend_exclude]
        if self.cache_dir is not None:  # absolute, so that every config's root leads here
            changes["links"] = {**config.links, "cache-dir": str(self.cache_dir.resolve())}
        return replace(config, **changes) if changes else config


class Workspace:
    """Configs, linters and result caches for one run (or one editor session)."""

    def __init__(self, explicit_config: Path | None = None, select: list[str] | None = None,
                 ignore: list[str] = (), extend_select: list[str] = (), overrides: Overrides | None = None,
                 use_cache: bool = True, respect_gitignore: bool = True, nested_security: str | None = None,
                 say: Callable[[str], None] | None = None) -> None:
        """``nested_security``: the command line's ``--nested-security`` (artlint.trust);
        ``say``: prints one line on stderr ("artlint: " and the message); a damaged or
        unusable result cache is a warning through it."""
        self.explicit = explicit_config
        self.nested_security = nested_security
        self.say = say or say_on_stderr
        self._root: Config | None | bool = False  # False: not looked for yet
        self.select = select
        self.ignore = list(ignore)
        self.extend_select = list(extend_select)
        self.overrides = overrides or Overrides()
        self.use_cache = use_cache
        self.respect_gitignore = respect_gitignore
        self._resolved: dict[Path, Path] = {}  # folder as met -> resolved (each costs system calls)
        self._by_folder: dict[Path, Config] = {}  # by resolved folder
        self._config_in: dict[Path, Path | None] = {}  # folder -> the config file right in it (find_config_file)
        self._by_file: dict[Path | None, Config] = {}
        self._linters: dict[int, Linter] = {}
        self._caches: dict = {}

    # -- configurations -------------------------------------------------------------------------

    def _resolve_folder(self, folder: Path) -> Path:
        if folder not in self._resolved:
            self._resolved[folder] = folder.resolve()
        return self._resolved[folder]

    def config_for(self, folder: Path) -> Config:
        """The config that governs files in ``folder``."""
        key = self._resolve_folder(folder)
        if key not in self._by_folder:
            found = self.explicit if self.explicit is not None else find_config_file(key, self._config_in)
            if found not in self._by_file and self.explicit is None:
                self.root_config()  # loaded first: it says what the others may set
            if found not in self._by_file:
                config = load_config(self.explicit, key, self._config_in)  # (found again in the memo)
                # Vetted before the overrides: what the command line sets is not the config's doing.
                self._by_file[found] = self.overrides.apply(self._vetted(config))
            self._by_folder[key] = self._by_file[found]
        return self._by_folder[key]

    def root_config(self) -> Config | None:
        """The config trusted with security settings: ``--config``, else the one that governs
        the folder artlint runs in (None: there is none)."""
        if self._root is False:
            found = self.explicit if self.explicit is not None else find_config_file(Path.cwd(), self._config_in)
            if found is not None and found not in self._by_file:
                self._by_file[found] = self.overrides.apply(load_config(self.explicit, found.parent, self._config_in))
            self._root = self._by_file[found] if found is not None else None
        return self._root

    def _vetted(self, config: Config) -> Config:
        """A config as the run may use it: under ``nested-security = "forbid"``, a nested one
        without its security settings (one warning line when it had some)."""
        if self.explicit is not None:  # one config for every file: none is nested
            return config
        from artlint.trust import vetted

        config, warning = vetted(config, self.root_config(), self.nested_security)
        if warning:
            self.say(f"warning: {warning}")
        return config

    def resolved(self, file: Path) -> Path:
        """``file.resolve()``, with the folder resolved once for all its files."""
        if file.is_symlink():
            return file.resolve()
        return self._resolve_folder(file.parent) / file.name

    def gitignore(self) -> GitIgnore | None:
        """What git ignores on a walk of folders (check's and audit's alike), read afresh for each
        run so that a watcher sees an edited ``.gitignore``; None when it is not respected."""
        return GitIgnore() if self.respect_gitignore else None

    # -- rules ----------------------------------------------------------------------------------

    def linter_for(self, config: Config) -> Linter:
        """The config's ``Linter`` (its rules loaded once per run)."""
        if id(config) not in self._linters:
            self._use_rule_cache(config)
            # Imported now, with the rule cache open: the regexes that the parser and the checks
            # compile as they are imported come from it (``rule_cache.prime``).
            from artlint.api import Linter

            self._linters[id(config)] = Linter(config, self.select, self.ignore, extend_select=self.extend_select)
        return self._linters[id(config)]

    def _use_rule_cache(self, config: Config) -> None:
        """Build rules with what earlier runs computed (``artlint.rule_cache``), in the cache
        folder of the first config that has one; none with ``--no-cache``."""
        from artlint import rule_cache

        if self._linters:  # the run's first config decides
            return
        if not (self.use_cache and config.cache):
            rule_cache.deactivate()
            return
        from artlint.ruleset import builtin_rules_dir

        folder = builtin_rules_dir()
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
        rule_cache.activate(self.cache_folder(config), files, lambda message: self.say(f"warning: {message}"))

    def cache_folder(self, config: Config) -> Path:
        """Where the config's project keeps its caches (``.artlint_cache``, or ``cache-dir``)."""
        return (project_root(config) / config.links.get("cache-dir", CACHE_FOLDER)).resolve()

    def rules_for(self, config: Config) -> list[Rule]:
        return self.linter_for(config).rules

    def all_rules(self) -> list[Rule]:
        """Every rule that ran under any config of this run, once per id."""
        by_id: dict[str, Rule] = {}
        for linter in self._linters.values():
            for rule in linter.rules:
                by_id.setdefault(rule.id, rule)
        return list(by_id.values())

    def lint_text(self, text: str, path: str | Path) -> list[Diagnostic]:
        """Lint an in-memory text (an editor's buffer) as the file ``path`` would be linted: with
        the nearest config above it, its rules and per-file ignores."""
        path = Path(path)
        return self.linter_for(self.config_for(path.parent)).lint_text(text, str(path), file=path)

    # -- the result cache -----------------------------------------------------------------------

    def result_cache_for(self, config: Config):
        """The result cache of the config's project (one per folder), or None when off."""
        if not self.use_cache or not config.cache:
            return None
        if id(config) not in self._caches:
            from artlint.result_cache import ResultCache

            folder = self.cache_folder(config)
            if folder not in self._caches:
                warn = lambda message: self.say(f"warning: {message}")  # noqa: E731
                self._caches[folder] = ResultCache(folder, warn)
            self._caches[id(config)] = self._caches[folder]
        return self._caches[id(config)]
