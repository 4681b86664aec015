"""Soft 404s: a link that answers 200 but does not lead to the page it named.

Three shapes, each found without guessing at the page's topic:

* a deep link that redirects to the site's home page (the page was removed and the site sends
  every old address home);
* a redirect to a sign-in page, or a page whose title asks the reader to sign in and that holds
  a password field (a login wall);
* a page whose title or first heading says it was not found ("Page not found", "404", "This
  page no longer exists").

Only the start of a page is read (``PAGE_PREFIX`` bytes): titles and first headings come early,
and a soft 404 page is small.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

PAGE_PREFIX = 128 * 1024

_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.php", "/home", "/en", "/en/"})
_LOGIN_PATH = re.compile(r"(?:^|/)(?:log-?in|sign-?in|sign_in|signon|sso|auth|account/login|users?/login|session/new)"
                         r"(?:/|\.\w+)?$", re.I)
_TITLE = re.compile(r"<title\b[^>]*>([^<]{0,300})", re.I)
_H1 = re.compile(r"<h1\b[^>]*>((?:[^<]|<(?!/h1)[^>]{0,200}>){0,400})", re.I)
_TAG = re.compile(r"<[^>]{0,200}>")
_NOT_FOUND = re.compile(
    r"(?:^\s*404\b|\berror\s+404\b|\b404\s*(?:[-–—:|]|error\b|page\b))|\b(?:not\s+found|page\s+(?:does\s+not|doesn['’]t)\s+exist|no\s+longer\s+(?:exists|available)"
    r"|(?:cannot|can['’]t|could\s+not|couldn['’]t)\s+(?:be\s+)?find\s+(?:that|this|the)\s+page"
    r"|page\s+(?:cannot|can['’]t|could\s+not)\s+be\s+found|page\s+introuvable|seite\s+nicht\s+gefunden"
    r"|p[áa]gina\s+no\s+encontrada)\b", re.I)
_LOGIN_WORDS = re.compile(r"\b(?:sign\s*in|log\s*in|login|subscribe\s+to\s+(?:continue|read)|members?\s+only)\b", re.I)
_PASSWORD_FIELD = re.compile(r"<input\b[^>]{0,300}\btype\s*=\s*[\"']?password\b", re.I)


def redirect_reason(original: str, final: str) -> str | None:
    """Why a redirect chain from ``original`` to ``final`` is a soft 404, or None."""
    try:
        start, end = urlsplit(original), urlsplit(final)
    except ValueError:
        return None
    if _LOGIN_PATH.search(end.path) and not _LOGIN_PATH.search(start.path):
        return f"login wall: redirects to a sign-in page ({final})"
    deep = start.path not in _HOME_PATHS or bool(start.query)
    if deep and end.path in _HOME_PATHS and not end.query:
        return f"soft 404: the link redirects to the home page ({final})"
    return None


def page_reason(page: str) -> str | None:
    """Why an HTML page (its first bytes, decoded) is a soft 404 or a login wall, or None."""
    title = _text(_TITLE.search(page))
    heading = _text(_H1.search(page))
    for line in (title, heading):
        if line and _NOT_FOUND.search(line):
            return f"soft 404: the page answers 200 but says {line[:80]!r}"
    if _PASSWORD_FIELD.search(page) and any(line and _LOGIN_WORDS.search(line) for line in (title, heading)):
        return f"login wall: the page asks the reader to sign in ({(title or heading)[:80]!r})"
    return None


def _text(found: re.Match | None) -> str:
    if found is None:
        return ""
    return " ".join(_TAG.sub(" ", found.group(1)).split())
