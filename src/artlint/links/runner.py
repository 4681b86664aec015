"""The online phase of ``artlint check``: collect external links from the linted files, check each
URL once (cache first), and turn the results into diagnostics through the ``online-link`` rules.

``artlint check`` calls ``add()`` for each file it linted and ``check()`` once at the end;
``requests`` is imported only then, and only when some URL is not in the cache.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from artlint.config import Config
from artlint.diagnostics import SEVERITY_RANK
from artlint.document import Document, format_for
from artlint.engine import lint_document, parsed_document
from artlint.links.collect import Occurrence, collect_links
from artlint.links.results import DEAD, OK, REDIRECTED, UNVERIFIED, Anchors, LinkResult
from artlint.links.settings import LinkSettings, settings_from_config

MISSING_ANCHOR = "missing-anchor"
_SCRIPT_FRAGMENT = re.compile(r"[!/]|.*:~:|L\d+(?:-L?\d+)?$")


@dataclass
class LinkArgs:
    """The command line's say: ``--check-links/--no-check-links``, ``--jobs-links``,
    ``--no-cache``, ``--allow-private-hosts`` (None/False: the config decides)."""

    check_links: bool | None = None
    jobs: int | None = None
    no_cache: bool = False
    allow_private_hosts: bool = False


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


@dataclass
class Stats:
    urls: int = 0
    cached: int = 0
    fetched: int = 0
    requests: int = 0
    seconds: float = 0.0
    verdicts: Counter = field(default_factory=Counter)


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
        self._want: dict[str, bool] = {}  # URL -> whether its page's anchors are needed
        self._cached: dict[str, LinkResult] = {}
        self._cache = None
        self._checker = None
        self._bar = None
        self._started: float | None = None

    def wanted(self, config: Config) -> bool:
        if self.args.check_links is not None:
            return self.args.check_links
        return bool(getattr(config, "check_links", False))

    def add(self, result, source: str, path: Path, config: Config, rules: list, level: int) -> None:
        """Remember one linted file (its ``FileResult``) if its links are to be checked online.
        ``rules`` are the rules that ran for this file (per-file ignores already applied)."""
        if not self.wanted(config):
            return
        online = [r for r in rules if getattr(r.checker, "online", False)]
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
        self.files.append(_File(result, doc, source, online, level, found))
        new: dict[str, bool] = {}
        for occ in found:
            need = self.settings.check_fragments and bool(occ.fragment)
            before = self._want.get(occ.key)
            if before is None or (need and not before):
                self._want[occ.key] = need or bool(before)
                new[occ.key] = self._want[occ.key]
        if new:
            self._start(new)

    def _start(self, urls: dict[str, bool]) -> None:
        """Take what the cache knows; submit the rest to the checker."""
        settings = self.settings
        get_first: set[str] = set()
        if settings.cache:
            from artlint.links.cache import CacheError, LinkCache, producer_of

            try:
                if self._cache is None:
                    self._cache = LinkCache(settings.cache_dir, settings.max_age, settings.max_age_unverified,
                                            producer_of(settings), self._warn)
                fresh = self._cache.fresh(urls, settings.allow_private)
                self._cached.update(fresh)
                urls = {u: body for u, body in urls.items() if u not in fresh}
                get_first = self._cache.known_dead(urls) if urls else set()
            except CacheError as exc:
                self._warn(f"{exc}; checking without the cache")
                settings.cache = False
                self._cache = None
        if not urls:
            return
        if self._checker is None:
            from artlint.links.checker import LinkChecker  # imports requests
            from artlint.links.progress import ProgressBar

            self._bar = ProgressBar(self.err)
            self._checker = LinkChecker(settings, progress=self._bar)
        for url, body in urls.items():
            self._checker.submit(url, body, url in get_first)

    def check(self) -> bool:
        """Wait for every result; add the diagnostics to the files' results. True when one of
        them is at or above its file's fail level."""
        if self.settings is None:
            return False
        settings = self.settings
        stats = self.stats = Stats(urls=len(self._want))
        results = dict(self._cached)
        if self._checker is not None:
            try:
                fetched = self._checker.finish()
            finally:
                self._bar.close()
            stats.requests = self._checker.requests_made
            stats.fetched = len(fetched)
            results.update(fetched)
        if self._cache is not None:
            try:
                self._cache.store(list(results.values()))
            except Exception as exc:  # CacheError, or the disk filled up
                self._warn(f"{exc}")
        stats.cached = sum(1 for r in results.values() if r.cached)
        self.results = results
        stats.verdicts = Counter(r.verdict for r in results.values())
        failing = False
        for f in self.files:
            f.doc.online_link_results = outcomes(f.occurrences, results, settings)
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
        """On stdout after the text report; on stderr for machine formats."""
        line = self.summary()
        if line is None:
            return
        stream = (out or sys.stdout) if output_format == "text" else self.err
        stream.write(line + "\n")
        stream.flush()

    def _warn(self, message: str) -> None:
        self.err.write(f"artlint: warning: {message}\n")
        self.err.flush()
