"""What an online check says about one URL (no network code here: the cache and the rules
import this without paying for requests)."""

from __future__ import annotations

import time
from dataclasses import field

from artlint.records import dataclass

OK, REDIRECTED, DEAD, UNVERIFIED = "ok", "redirected", "dead", "unverified"
VERDICTS = (OK, REDIRECTED, DEAD, UNVERIFIED)
BUDGET_EXHAUSTED = "not checked: time budget exhausted"
BUDGET_CUT = "cut off: time budget exhausted"  # the request was running when the budget ran out


@dataclass
class Anchors:
    """The ids and names of an HTML page, for ``#fragment`` checks."""

    ids: frozenset[str]
    complete: bool  # False when only part of the page was read (or it was not HTML)


@dataclass
class LinkResult:
    url: str  # the URL fetched (no fragment)
    verdict: str  # ok | redirected | dead | unverified
    reason: str = ""
    status: int | None = None
    final_url: str | None = None  # redirected: where the permanent redirects lead
    anchors: Anchors | None = None  # when the page was read for fragment checks
    private: bool = False  # a non-public address was used (only with --allow-private-hosts)
    cached: bool = False
    cacheable: bool = True  # False for results that depend on this run only
    checked_at: float = field(default_factory=time.time)
    page: str | None = None  # the page's text, when it was fetched to be read (never cached)
    body: bytes | None = None  # a binary page's bytes (a PDF), when its type was asked for
    content_type: str = ""  # its media type, lower case, without parameters
    validators: dict = field(default_factory=dict)  # request headers that ask for it again only if changed
    not_modified: bool = False  # a 304 to a conditional request: the copy kept from before holds
