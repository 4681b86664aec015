"""Fetch pages to read them, with the link checker's politeness and safety."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from dataclasses import field
from typing import Callable, Iterator

from artlint.links.collect import fetch_key
from artlint.links.results import DEAD, OK, REDIRECTED
from artlint.links.settings import LinkSettings
from artlint.records import dataclass

MAX_PAGE_BYTES = 20 * 1024 * 1024  # of one page: more is not an article

Progress = Callable[[int, int, str], None]


@dataclass
class Page:
    url: str
    text: str | None  # None when it could not be fetched
    content_type: str = ""
    error: str | None = None  # why not, one line
    body: bytes | None = None  # a binary page's bytes (asked for with ``binary``)
    validators: dict = field(default_factory=dict)  # to ask for it again only if it changed
    not_modified: bool = False  # a conditional request's 304: no text, the caller's copy holds
    status: int | None = None  # the HTTP status of the last answer, if one came

    @property
    def format(self) -> str | None:
        """The input format its media type says, or None to decide by the URL's path."""
        if "html" in self.content_type:
            return "html"
        if self.content_type == "text/markdown":
            return "markdown"
        return None


@contextmanager
def page_fetcher(settings: LinkSettings, warn: Callable[[str], None]) -> Iterator["PageFetcher"]:
    """A fetcher of pages to lint, with a progress line on stderr and, unless the settings turn
    caching off, the page cache (``pages.cache``) of the settings' cache folder; both closed after."""
    from artlint.links.progress import ProgressBar

    cache = None
    if settings.cache:
        from artlint.links.cache import producer_of
        from artlint.pages.cache import PageCache

        cache = PageCache(settings.cache_dir, producer_of(settings), warn)
    progress = ProgressBar(sys.stderr, label="Fetching pages")
    try:
        yield PageFetcher(settings, progress, cache=cache)
    finally:
        progress.close()
        if cache is not None:
            cache.close()


class PageFetcher:
    """Fetches pages within one time budget shared by every call (sitemaps, robots.txt files,
    then the pages themselves)."""

    def __init__(self, settings: LinkSettings, progress: Progress | None = None,
                 max_bytes: int = MAX_PAGE_BYTES, binary: frozenset[str] = frozenset(), cache=None) -> None:
        """``binary``: media types fetched as bytes too (``Page.body``), such as application/pdf;
        ``cache``: a ``pages.cache.PageCache``: kept pages are asked for with their validators,
        and one the server says has not changed is served from it."""
        self.settings = settings
        self.cache = cache
        self.binary = binary
        self.progress = progress
        self.max_bytes = max_bytes
        self.budget_end = time.monotonic() + settings.budget

    def fetch(self, urls: list[str], conditional: dict[str, dict] | None = None) -> dict[str, Page]:
        """Each URL's page (the URL as given is the key). ``conditional``: URL -> the validators
        of a copy the caller keeps; an unchanged page comes back ``not_modified``, without text."""
        if self.cache is None:
            return self._fetch(urls, conditional)
        kept = self.cache.kept(list(dict.fromkeys(urls)))
        pages = self._fetch(urls, {u: kept[u][2] for u in urls if u in kept})
        fresh = {}
        for url, page in pages.items():
            if page.not_modified and url in kept:
                ctype, text, validators = kept[url]
                pages[url] = Page(url, text, ctype, status=page.status, validators=validators)
            elif page.text and page.body is None and page.validators:
                fresh[url] = (page.content_type, page.text, page.validators)
        self.cache.store(fresh)
        return pages

    def _fetch(self, urls: list[str], conditional: dict[str, dict] | None) -> dict[str, Page]:
        from artlint.links.checker import LinkChecker

        keys: dict[str, str] = {}
        for url in urls:
            found = fetch_key(url)
            keys[url] = found[0] if found else url
        conditional = {keys[u]: v for u, v in (conditional or {}).items() if u in keys}
        checker = LinkChecker(self.settings, self.progress, budget_end=self.budget_end, keep_pages=self.max_bytes,
                              keep_binary=self.binary, conditional=conditional)
        results = checker.check({key: False for key in dict.fromkeys(keys.values())}) if keys else {}
        pages = {}
        for url, key in keys.items():
            result = results.get(key)
            if result is None:
                pages[url] = Page(url, None, error="not a web address that can be fetched")
            elif result.not_modified:
                pages[url] = Page(url, None, status=result.status, not_modified=True)
            elif result.verdict in (OK, REDIRECTED) and result.body is not None:
                pages[url] = Page(url, "", result.content_type, status=result.status, body=result.body,
                                  validators=result.validators)
            elif result.verdict in (OK, REDIRECTED) and result.page is not None:
                pages[url] = Page(url, result.page, result.content_type, status=result.status,
                                  validators=result.validators)
            elif result.verdict == DEAD:
                pages[url] = Page(url, None, error=f"dead: {result.reason}", status=result.status)
            else:
                pages[url] = Page(url, None, error=result.reason, status=result.status)
        return pages
