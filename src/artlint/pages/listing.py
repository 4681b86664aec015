"""The pages a sitemap or a feed lists.

Sitemaps (sitemaps.org): a ``<urlset>`` lists pages in ``<url><loc>``; a ``<sitemapindex>``
lists more sitemaps in ``<sitemap><loc>``, followed breadth first (at most ``MAX_SITEMAPS``,
and each only once, so an index that lists itself ends). Feeds: RSS 2.0 and RSS 1.0 items'
``<link>``, Atom entries' ``<link href>`` (``rel="alternate"`` or no ``rel``). XML is parsed
with defusedxml, which refuses entity expansion bombs and external entities.
"""

from __future__ import annotations

from typing import Callable, Iterator
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from artlint.pages.fetch import PageFetcher

MAX_SITEMAPS = 1000
MAX_PAGES = 50_000  # a sitemap's own limit


class ListingError(Exception):
    """A sitemap or feed that cannot be read; one line naming it."""


def _name(element: Element) -> str:
    """A tag without its namespace."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _parse(url: str, text: str) -> Element:
    try:
        return fromstring(text.lstrip("\ufeff").encode("utf-8"))
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise ListingError(f"{url}: not valid XML ({exc})") from None


def _locs(root: Element, entry: str) -> Iterator[str]:
    for child in root:
        if _name(child) == entry:
            for loc in child:
                if _name(loc) == "loc" and loc.text and loc.text.strip():
                    yield loc.text.strip()


def feed_links(url: str, text: str) -> list[str]:
    """The article links of an RSS or Atom feed."""
    root = _parse(url, text)
    kind = _name(root)
    links: list[str] = []
    if kind == "feed":  # Atom
        for entry in (e for e in root if _name(e) == "entry"):
            for link in (e for e in entry if _name(e) == "link"):
                if link.get("rel", "alternate") == "alternate" and link.get("href"):
                    links.append(link.get("href").strip())
                    break
    elif kind in ("rss", "RDF"):
        for item in root.iter():
            if _name(item) == "item":
                link = next((e for e in item if _name(e) == "link" and e.text and e.text.strip()), None)
                if link is not None:
                    links.append(link.text.strip())
    else:
        raise ListingError(f"{url}: not an RSS or Atom feed (its root element is <{kind}>)")
    return links


def pages_listed(fetcher: PageFetcher, sitemaps: list[str], feeds: list[str],
                 say: Callable[[str], None]) -> list[str]:
    """The page URLs of the sitemaps (nested indexes followed) and feeds, each once, in order.
    A listing that cannot be fetched or read is said and skipped."""
    pages: dict[str, None] = {}
    for url, page in fetcher.fetch(list(feeds)).items():
        if page.text is None:
            say(f"{url}: cannot fetch the feed: {page.error}")
            continue
        try:
            pages.update(dict.fromkeys(feed_links(url, page.text)))
        except ListingError as exc:
            say(str(exc))
    for found in _sitemap_pages(fetcher, sitemaps, say):
        pages.setdefault(found)
        if len(pages) >= MAX_PAGES:
            say(f"more than {MAX_PAGES:,} pages listed: the first {MAX_PAGES:,} are audited")
            break
    return list(pages)


def _sitemap_pages(fetcher: PageFetcher, sitemaps: list[str], say: Callable[[str], None]) -> Iterator[str]:
    seen: set[str] = set()
    level = list(dict.fromkeys(sitemaps))
    while level:
        level = [u for u in level if u not in seen][: max(0, MAX_SITEMAPS - len(seen))]
        seen.update(level)
        nested: list[str] = []
        for url, page in fetcher.fetch(level).items():
            if page.text is None:
                say(f"{url}: cannot fetch the sitemap: {page.error}")
                continue
            try:
                root = _parse(url, page.text)
            except ListingError as exc:
                say(str(exc))
                continue
            if _name(root) == "sitemapindex":
                nested.extend(_locs(root, "sitemap"))
            elif _name(root) == "urlset":
                yield from _locs(root, "url")
            else:
                say(f"{url}: not a sitemap (its root element is <{_name(root)}>)")
        level = nested
