"""Settings for online link checking: ``[tool.artlint.links]`` (validated by the config's JSON
Schema) with the command line's ``--jobs-links``, ``--no-cache`` and ``--allow-private-hosts``
applied over it. Durations are seconds."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable
from dataclasses import field, replace
from pathlib import Path

from artlint import __version__
from artlint.checks import OptionError
from artlint.checks._regex import RegexTimeout, compile_user_pattern, rule_deadline
from artlint.config import CACHE_FOLDER, Config, ConfigError, project_root
from artlint.records import dataclass
from artlint.ruleset.loader import DEFAULT_REGEX_TIMEOUT

DEFAULT_USER_AGENT = f"Mozilla/5.0 (compatible; artlint/{__version__}; link checker)"


class UrlExclusion:
    """One ``[links] exclude`` regex (a user's): matched by the ``regex`` module under the
    config's ``regex-timeout`` for each URL. One that runs past it is reported once and from
    then on counts as matching (no request for a link it might exclude; no more time spent)."""

    def __init__(self, pattern, where: str, timeout: float) -> None:
        self.pattern = pattern  # checks._regex.TimedPattern
        self.where = where  # "FILE: links.exclude[i]", for the warning
        self.timeout = timeout
        self.too_slow = False

    def matches(self, url: str) -> bool:
        if self.too_slow:
            return True
        try:
            with rule_deadline(self.timeout):
                return self.pattern.search(url) is not None
        except RegexTimeout:
            self.too_slow = True
            sys.stderr.write(f"artlint: warning: {self.where}: the regex ran past regex-timeout ({self.timeout:g} s) "
                             f"on {url}; every link now counts as excluded by it (make it faster)\n")
            sys.stderr.flush()
            return True


@dataclass(frozen=True)
class HostSettings:
    """What ``[tool.artlint.links.hosts."PATTERN"]`` says about one host."""

    headers: dict = field(default_factory=dict)
    skip: bool = False
    allow_private: bool = False
    per_host: int | None = None
    delay: float | None = None


@dataclass(frozen=True)
class PrivateAccess:
    """Where links may reach loopback, private and reserved addresses: ``everywhere``
    (``allow-private-hosts``, ``--allow-private-hosts``), or on the host names whose
    ``hosts."PATTERN".allow-private`` is true (``hosts``: (pattern, allowed) in the config's
    order; an exact name wins over a glob, as in ``LinkSettings.host``). Each linted file gets
    the access of the config that governs it, so a config's lift covers only its own files."""

    everywhere: bool = False
    hosts: tuple[tuple[str, bool], ...] = ()

    def allows(self, hostname: str) -> bool:
        if self.everywhere:
            return True
        name = hostname.lower().rstrip(".")
        for pattern, allowed in self.hosts:
            if pattern == name:
                return allowed
        return next((allowed for pattern, allowed in self.hosts if fnmatch.fnmatchcase(name, pattern)), False)

    @classmethod
    def of(cls, everywhere: bool, hosts: Iterable[tuple[str, bool]]) -> PrivateAccess:
        """The access a config's lifts give: everywhere, or on the host patterns allowed (none
        kept when no pattern allows, so that a run without lifts shares one access)."""
        if everywhere:
            return cls(everywhere=True)
        hosts = tuple(hosts)
        return cls(hosts=hosts if any(allowed for _, allowed in hosts) else ())


def access_from_config(config: Config, allow_everywhere: bool = False) -> PrivateAccess:
    """The private-address access of the files ``config`` governs (``allow_everywhere``: the
    command line's ``--allow-private-hosts``)."""
    data: dict = getattr(config, "links", None) or {}
    return PrivateAccess.of(allow_everywhere or data.get("allow-private-hosts", False),
                            ((pattern.lower().rstrip("."), bool(table.get("allow-private", False)))
                             for pattern, table in data.get("hosts", {}).items()))


@dataclass
class LinkSettings:
    jobs: int = 64  # requests in flight at once, over all hosts (at most per_host to each)
    per_host: int = 2  # requests in flight at once to one host
    delay: float = 0.05  # at least this long between two requests to one host
    timeout: float = 6.0  # read timeout: the server must start answering within it
    connect_timeout: float = 5.0
    request_timeout: float = 20.0  # one request as a whole: connect, headers and body (links/deadline.py)
    budget: float = 120.0  # the whole online check: by then requests are cut, the rest "unverified"
    retries: int = 2  # more tries on 429, 5xx and connection errors
    backoff: float = 0.5  # first retry's delay; doubled on each retry
    retry_after_max: float = 10.0  # longest Retry-After honoured; a longer one gives up at once
    max_redirects: int = 10
    accept: frozenset[int] = frozenset()  # status codes that count as ok
    # URLs matching one of these are not checked: a user's regexes, each under the time limit
    # (``UrlExclusion``)
    exclude: tuple[UrlExclusion, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    headers: dict = field(default_factory=dict)
    hosts: tuple[tuple[str, HostSettings], ...] = ()
    allow_private: bool = False
    cache: bool = True
    cache_dir: Path = field(default_factory=lambda: Path.cwd() / CACHE_FOLDER)
    max_age: float = 86400.0  # ok and redirected results are fresh this long
    max_age_unverified: float = 3600.0
    check_fragments: bool = False
    fragment_max_bytes: int = 2_000_000
    soft_404: bool = True  # read the start of each page: "not found" pages, login walls, redirects home

    def host(self, hostname: str) -> HostSettings:
        """The per-host settings for a host name: an exact pattern wins, else the first glob
        (``*.sec.gov``) that matches; none gives the defaults."""
        name = hostname.lower().rstrip(".")
        for pattern, settings in self.hosts:
            if pattern == name:
                return settings
        for pattern, settings in self.hosts:
            if fnmatch.fnmatchcase(name, pattern):
                return settings
        return _NO_HOST_SETTINGS

    @property
    def access(self) -> PrivateAccess:
        """The private-address access these settings give (when no config says otherwise)."""
        return PrivateAccess.of(self.allow_private, ((pattern, host.allow_private) for pattern, host in self.hosts))

    def excluded(self, url: str) -> bool:
        return any(p.matches(url) for p in self.exclude)


_NO_HOST_SETTINGS = HostSettings()

# config key -> (attribute, converter)
_SIMPLE = {
    "jobs": "jobs", "per-host": "per_host", "delay": "delay", "timeout": "timeout",
    "connect-timeout": "connect_timeout", "request-timeout": "request_timeout", "budget": "budget", "retries": "retries",
    "backoff": "backoff", "retry-after-max": "retry_after_max", "max-redirects": "max_redirects",
    "user-agent": "user_agent", "allow-private-hosts": "allow_private", "cache": "cache",
    "max-age": "max_age", "max-age-unverified": "max_age_unverified",
    "check-fragments": "check_fragments", "fragment-max-bytes": "fragment_max_bytes", "soft-404": "soft_404",
}


def settings_from_config(config: Config, *, jobs: int | None = None, no_cache: bool = False,
                         allow_private: bool = False) -> LinkSettings:
    """``config.links`` (already schema-validated) with command-line overrides applied."""
    data: dict = getattr(config, "links", None) or {}
    key = lambda name: config.key(f"links.{name}")  # noqa: E731
    values: dict = {}
    for name, attr in _SIMPLE.items():
        if name in data:
            values[attr] = data[name]
    if "accept" in data:
        values["accept"] = frozenset(data["accept"])
    timeout = config.regex_timeout or DEFAULT_REGEX_TIMEOUT
    patterns = []
    for i, pattern in enumerate(data.get("exclude", [])):
        where = f"{config.source}: {key('exclude')}[{i}]"
        try:
            patterns.append(UrlExclusion(compile_user_pattern(pattern, [i]), where, timeout))
        except OptionError as exc:
            raise ConfigError(f"{where}: invalid regular expression {pattern!r}: {exc.reason}") from None
    values["exclude"] = tuple(patterns)
    values["headers"] = dict(data.get("headers", {}))
    hosts = []
    for pattern, table in data.get("hosts", {}).items():
        hosts.append((pattern.lower().rstrip("."), HostSettings(
            headers=dict(table.get("headers", {})), skip=table.get("skip", False),
            allow_private=table.get("allow-private", False), per_host=table.get("per-host"),
            delay=table.get("delay"))))
    values["hosts"] = tuple(hosts)
    root = project_root(config)
    values["cache_dir"] = (root / data["cache-dir"]).resolve() if "cache-dir" in data else root / CACHE_FOLDER
    settings = LinkSettings(**values)
    if jobs is not None:
        settings = replace(settings, jobs=jobs)
    if no_cache:
        settings = replace(settings, cache=False)
    if allow_private:
        settings = replace(settings, allow_private=True)
    return settings
