"""Which links of a document are checked online, and under which URL they are fetched.

Checked: the target of an inline link or image, a reference definition, an autolink, a bare
URL and raw HTML's ``<a href>`` and ``<img src>`` (character references decoded), when it is an
``http``/``https`` URL that is well formed. A link the offline rules call
malformed is never fetched: reversed or spaced syntax, a missing ``)``, spaces inside the
target, a scheme typo (``htps://``, ``http//``), a host that cannot exist. Reference uses
(``[text][ref]``) are checked through their definition, so each URL is reported where it is
written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from artlint.checks.link_target import _invalid_host
from artlint.document import Document
from artlint.document.model import Link
from artlint.records import dataclass

CHECKED_KINDS = frozenset({"inline", "image", "definition", "autolink", "bare", "html", "html_image"})
_HTTP = re.compile(r"https?://[^/\\\s]", re.I)
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"{}|\\^`]")
_TEMPLATE = re.compile(r"\{\{|\{%|\$\{")


@dataclass(frozen=True)
class Occurrence:
    """One link to check: where its target is written, the URL as written, the URL that is
    fetched (no fragment; scheme and host in lower case) and its fragment."""

    link: Link
    start: int  # the URL's span in Document.text
    end: int
    url: str
    key: str
    fragment: str

    @property
    def host(self) -> str:
        return urlsplit(self.key).hostname or ""


def fetch_key(url: str) -> tuple[str, str] | None:
    """(URL to fetch, fragment) for an http(s) URL that is well formed, else None."""
    if not _HTTP.match(url) or _UNSAFE.search(url) or _TEMPLATE.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    if _invalid_host(host):
        return None
    netloc = parts.netloc
    at = netloc.rfind("@")
    netloc = netloc[: at + 1] + netloc[at + 1 :].lower()
    key = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))
    return key, parts.fragment


def collect_links(doc: Document, settings) -> list[Occurrence]:
    out: list[Occurrence] = []
    for link in doc.links:
        if link.kind not in CHECKED_KINDS or link.target_start < 0 or not link.closed:
            continue
        url = link.target.strip()
        found = fetch_key(url)
        if found is None or settings.excluded(url):
            continue
        key, fragment = found
        # Where the URL is written; in an HTML attribute it may differ from the decoded URL
        # fetched ("&amp;" is "&").
        raw = doc.text[link.target_start : link.target_end]
        start = link.target_start + len(raw) - len(raw.lstrip())
        occurrence = Occurrence(link, start, link.target_start + len(raw.rstrip()), url, key, fragment)
        if settings.host(occurrence.host).skip:
            continue
        out.append(occurrence)
    return out
