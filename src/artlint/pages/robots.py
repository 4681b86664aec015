"""robots.txt: which pages a site lets artlint fetch (RFC 9309, read by the standard library's
``urllib.robotparser``). A site whose robots.txt is missing (4xx) allows everything; one whose
robots.txt cannot be fetched (5xx, a timeout) allows nothing, as the RFC asks."""

from __future__ import annotations

from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from artlint.pages.fetch import PageFetcher

AGENT = "artlint"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class RobotsRules:
    """The robots.txt of every site of some URLs, fetched once each."""

    def __init__(self, fetcher: PageFetcher, agent: str = AGENT) -> None:
        self.fetcher = fetcher
        self.agent = agent
        self._parsers: dict[str, RobotFileParser | bool] = {}  # origin -> parser, or allow all / none

    def split(self, urls: list[str]) -> tuple[list[str], list[str]]:
        """(allowed, disallowed) URLs, each in the order given."""
        self._load({_origin(u) for u in urls} - set(self._parsers))
        allowed, disallowed = [], []
        for url in urls:
            rules = self._parsers[_origin(url)]
            ok = rules if isinstance(rules, bool) else rules.can_fetch(self.agent, url)
            (allowed if ok else disallowed).append(url)
        return allowed, disallowed

    def _load(self, origins: set[str]) -> None:
        if not origins:
            return
        wanted = {origin + "/robots.txt": origin for origin in sorted(origins)}
        for url, page in self.fetcher.fetch(list(wanted)).items():
            origin = wanted[url]
            if page.text is not None:
                parser = RobotFileParser()
                parser.parse(page.text.splitlines())
                self._parsers[origin] = parser
            else:
                # answered but missing (4xx, a "not found" page, not text): no rules; no answer or
                # a server error (5xx, a timeout): fetch nothing
                self._parsers[origin] = page.status is not None and page.status < 500
