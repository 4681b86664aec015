"""Published pages: list them from sitemaps and feeds, respect robots.txt, fetch them politely.

Fetching goes through the link checker (``links.checker.LinkChecker`` with ``keep_pages``), so
a page is fetched as a link is checked: per-host concurrency and delay, ``Retry-After``, the
private-address guard, the whole-request deadline, the run's time budget and its progress line.
"""

from artlint.pages.fetch import MAX_PAGE_BYTES, Page, PageFetcher, page_fetcher
from artlint.pages.listing import ListingError, pages_listed
from artlint.pages.robots import RobotsRules

__all__ = ["MAX_PAGE_BYTES", "ListingError", "Page", "PageFetcher", "RobotsRules", "page_fetcher", "pages_listed"]
