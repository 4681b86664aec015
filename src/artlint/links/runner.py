"""The online phase of ``artlint check``: collect external links from the linted files, check each
URL once (cache first), and turn the results into diagnostics through the ``online-link`` rules.

The network settings of the run (timeouts, budget, concurrency, cache) are those of the first
linted file's config. Where links may reach private addresses is each file's own: the access of
the config that governs it (``settings.PrivateAccess``), so a config's ``allow-private-hosts``
covers only its own files. The links of each access are checked in a lane of their own (a
``LinkChecker`` with its own guard and connections, under the run's one budget); a run has
one lane unless configs differ in what they allow.

``artlint check`` calls ``add()`` for each file it linted and ``check()`` once at the end;
``requests`` is imported only then, and only when some URL is not in the cache.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import field
from pathlib import Path
from urllib.parse import unquote

from artlint.config import Config
from artlint.diagnostics import SEVERITY_RANK
from artlint.document import Document, format_for
from artlint.engine import lint_document, parsed_document
from artlint.links.args import LinkArgs
from artlint.links.collect import Occurrence, collect_links
from artlint.links.results import DEAD, OK, REDIRECTED, UNVERIFIED, Anchors, LinkResult
from artlint.links.settings import LinkSettings, PrivateAccess, access_from_config, settings_from_config
from artlint.records import dataclass

MISSING_ANCHOR = "missing-anchor"
_SCRIPT_FRAGMENT = re.compile(r"[!/]|.*:~:|L\d+(?:-L?\d+)?$")


@dataclass(frozen=True)
class LinkOutcome:
    """What the ``online-link`` rules report for one link (see checks/online_link.py)."""

    start: int
    end: int
    verdict: str
    args: dict = field(hash=False, compare=False)
    fix: str | None = None


@dataclass
class _File:
    result: object  # reporters.FileResult
    doc: Document
    source: str
    rules: list
    level: int
    occurrences: list[Occurrence]
    access: PrivateAccess


@dataclass
class _Lane:
    """The links checked under one private-address access."""

    access: PrivateAccess
    want: dict[str, bool] = field(default_factory=dict)  # URL -> whether its page's anchors are needed
    cached: dict[str, LinkResult] = field(default_factory=dict)
    checker: object = None  # checker.LinkChecker, made when a URL must be fetched
    results: dict[str, LinkResult] = field(default_factory=dict)
    progress: tuple[int, int] = (0, 0)  # (done, asked) of its checker


@dataclass
class Stats:
    urls: int = 0
    cached: int = 0
    fetched: int = 0
    requests: int = 0
    seconds: float = 0.0
    verdicts: Counter = field(default_factory=Counter)


def print_summary(line: str | None, output_format: str, out, err) -> None:
    """A phase's summary line: on stdout after the text report; on stderr for machine formats."""
    if line is None:
        return
    stream = (out or sys.stdout) if output_format == "text" else err
    stream.write(line + "\n")
    stream.flush()


def fragment_found(fragment: str, anchors: Anchors) -> bool:
    """True unless the page is known to have no such anchor."""
    frag = unquote(fragment)
    if not frag or frag.lower() == "top" or _SCRIPT_FRAGMENT.match(frag):
        return True
    if frag in anchors.ids or f"user-content-{frag}" in anchors.ids:
        return True
    return not anchors.complete or not anchors.ids  # a partial page, or anchors made by scripts


def outcomes(occurrences: list[Occurrence], results: dict[str, LinkResult],
             settings: LinkSettings) -> list[LinkOutcome]:
    """What the online-link rules report for a document's links, given the URLs' results."""
    out: list[LinkOutcome] = []
    for occ in occurrences:
        result = results.get(occ.key)
        if result is None:
            continue
        args = {"url": occ.url, "reason": result.reason, "status": result.status or "",
                "final": result.final_url or "", "page": occ.url.split("#")[0], "fragment": occ.fragment}
        if result.verdict == REDIRECTED and result.final_url:
            fix = result.final_url
            if occ.fragment and "#" not in fix:
                fix = f"{fix}#{occ.fragment}"
            if fix != occ.url:
                out.append(LinkOutcome(occ.start, occ.end, REDIRECTED, {**args, "final": fix},
                                       occ.link.written(fix)))
        elif result.verdict in (DEAD, UNVERIFIED):
            out.append(LinkOutcome(occ.start, occ.end, result.verdict, args))
        if (settings.check_fragments and occ.fragment and result.verdict in (OK, REDIRECTED)
                and result.anchors is not None and not fragment_found(occ.fragment, result.anchors)):
            out.append(LinkOutcome(occ.start, occ.end, MISSING_ANCHOR, args))
    return out


class OnlineLinks:
    """``add()`` each linted file: its links are collected, looked up in the cache, and the others
    are submitted to the checker at once, so fetching overlaps with linting the next files.
    ``check()`` waits for the results and adds the diagnostics to the files' results."""

    def __init__(self, args: LinkArgs | None = None, err=None) -> None:
        self.args = args or LinkArgs()
        self.err = err if err is not None else sys.stderr
        self.settings: LinkSettings | None = None
        self.files: list[_File] = []
        self.stats: Stats | None = None
        self.results: dict[str, LinkResult] = {}
        self._lanes: dict[PrivateAccess, _Lane] = {}
        self._access: dict[int, PrivateAccess] = {}  # by id(config)
        self._cache = None
        self._bar = None
        self._bar_lock = threading.Lock()
        self._started: float | None = None
        self._budget_end: float | None = None  # a time.monotonic() instant, from the first fetch

    def wanted(self, config: Config) -> bool:
        if self.args.check_links is not None:
            return self.args.check_links
        return bool(getattr(config, "check_links", False))

    def add(self, result, source: str, path: Path, config: Config, rules: list, level: int) -> None:
        """Remember one linted file (its ``FileResult``) if its links are to be checked online.
        ``rules`` are the rules that ran for this file (per-file ignores already applied)."""
        if not self.wanted(config):
            return
        online = [r for r in rules if getattr(r.checker, "name", "") == "online-link"]
        if self.settings is None:
            # One run, one network policy: the settings of the first file's configuration.
            self.settings = settings_from_config(config, jobs=self.args.jobs, no_cache=self.args.no_cache,
                                                 allow_private=self.args.allow_private_hosts)
            self._started = time.monotonic()
        if not online:
            return
        doc = parsed_document(source, result.path, format=format_for(result.path), lang=config.language,
                              fields=config.front_matter_fields)
        found = collect_links(doc, self.settings)
        if not found:
            return
        lane = self._lane(config)
        self.files.append(_File(result, doc, source, online, level, found, lane.access))
        new: dict[str, bool] = {}
        for occ in found:
            need = self.settings.check_fragments and bool(occ.fragment)
            before = lane.want.get(occ.key)
            if before is None or (need and not before):
                lane.want[occ.key] = need or bool(before)
                new[occ.key] = lane.want[occ.key]
        if new:
            self._start(lane, new)

    def _lane(self, config: Config) -> _Lane:
        """The lane of the private-address access of the files ``config`` governs."""
        access = self._access.get(id(config))
        if access is None:
            access = self._access[id(config)] = access_from_config(config, self.args.allow_private_hosts)
        if access not in self._lanes:
            self._lanes[access] = _Lane(access)
        return self._lanes[access]

    def _start(self, lane: _Lane, urls: dict[str, bool]) -> None:
        """Take what the cache knows; submit the rest to the lane's checker."""
        settings = self.settings
        get_first: set[str] = set()
        if settings.cache:
            from artlint.links.cache import CacheError, LinkCache, producer_of

            try:
                if self._cache is None:
                    self._cache = LinkCache(settings.cache_dir, settings.max_age, settings.max_age_unverified,
                                            producer_of(settings), self._warn)
                fresh = self._cache.fresh(urls, lane.access.everywhere)
                lane.cached.update(fresh)
                urls = {u: body for u, body in urls.items() if u not in fresh}
                get_first = self._cache.known_dead(urls) if urls else set()
            except CacheError as exc:
                self._warn(f"{exc}; checking without the cache")
                settings.cache = False
                self._cache = None
        if not urls:
            return
        if lane.checker is None:
            from artlint.links.checker import LinkChecker  # imports requests
            from artlint.links.progress import ProgressBar

            if self._bar is None:
                self._bar = ProgressBar(self.err)
            if self._budget_end is None:  # one budget for the run, however many lanes
                self._budget_end = time.monotonic() + settings.budget
            lane.checker = LinkChecker(settings, progress=functools.partial(self._progress, lane),
                                       access=lane.access, budget_end=self._budget_end)
        for url, body in urls.items():
            lane.checker.submit(url, body, url in get_first)

    def _progress(self, lane: _Lane, done: int, asked: int, host: str) -> None:
        """One progress bar over every lane (their checkers call this from their threads)."""
        with self._bar_lock:
            lane.progress = (done, asked)
            lanes = self._lanes.values()
            self._bar(sum(ln.progress[0] for ln in lanes), sum(ln.progress[1] for ln in lanes), host)

    def check(self) -> bool:
        """Wait for every result; add the diagnostics to the files' results. True when one of
        them is at or above its file's fail level."""
        if self.settings is None:
            return False
        settings = self.settings
        stats = self.stats = Stats()
        try:
            for lane in self._lanes.values():
                lane.results = dict(lane.cached)
                if lane.checker is not None:
                    fetched = lane.checker.finish()
                    stats.requests += lane.checker.requests_made
                    stats.fetched += len(fetched)
                    lane.results.update(fetched)
        finally:
            if self._bar is not None:
                self._bar.close()
        results: dict[str, LinkResult] = {}
        for lane in self._lanes.values():
            for url, result in lane.results.items():
                results.setdefault(url, result)  # a URL in two lanes is counted once
        if self._cache is not None:
            try:
                self._cache.store([r for lane in self._lanes.values() for r in lane.results.values()])
            except Exception as exc:  # CacheError, or the disk filled up
                self._warn(f"{exc}")
        stats.urls = len(results)
        stats.cached = sum(1 for r in results.values() if r.cached)
        self.results = results
        stats.verdicts = Counter(r.verdict for r in results.values())
        failing = False
        for f in self.files:
            f.doc.online_link_results = outcomes(f.occurrences, self._lanes[f.access].results, settings)
            diags = lint_document(f.doc, f.rules, f.source)
            if diags:
                f.result.diagnostics.extend(diags)
                f.result.diagnostics.sort(key=lambda d: d.sort_key)
                failing |= any(SEVERITY_RANK[d.severity] >= f.level for d in diags)
        stats.seconds = time.monotonic() - (self._started or time.monotonic())
        return failing

    def summary(self) -> str | None:
        s = self.stats
        if s is None:
            return None
        if not s.urls:
            return "Links: no external links to check."
        v = s.verdicts
        cached = f" ({s.cached} from the cache)" if s.cached else ""
        parts = [f"{v[DEAD]} dead", f"{v[UNVERIFIED]} unverified", f"{v[REDIRECTED]} redirected", f"{v[OK]} ok"]
        return (f"Links: {s.urls} checked{cached} in {s.seconds:.1f} s: {', '.join(parts)}.")

    def print_summary(self, output_format: str, out=None) -> None:
        print_summary(self.summary(), output_format, out, self.err)

    def _warn(self, message: str) -> None:
        self.err.write(f"artlint: warning: {message}\n")
        self.err.flush()
