"""Fetch URLs and say what each one is: ``ok``, ``redirected``, ``dead`` or ``unverified``.

How it stays fast and polite:

* URLs are submitted while artlint is still linting files, so the network and the parsing
  overlap. The unit of work is one HTTP request (one redirect hop, one retry), not one URL: a
  scheduler thread hands requests to a pool of worker threads (``jobs``) only when the
  request's host has a free slot (``per-host``, default 2) and its minimum delay since the last
  request to that host has passed; hosts with the most work left go first, so the run takes
  about as long as the busiest host's share. A worker never sleeps: a retry's backoff or a
  ``Retry-After`` puts the URL back in a timed queue; the host's other URLs go on meanwhile, within
  its concurrency cap and delay.
* One ``requests.Session`` per host (pooled keep-alive connections, created when the host gets
  its first request and closed when it has no work left), each mounted with the guarded adapter
  (see ``guard.py``), ``trust_env`` off, redirects followed here one hop at a time.
* HEAD first; GET when the server refuses HEAD (405/501, then GET for the rest of that host) or
  answers HEAD with 400/403/404/410 (some servers only get GET right), and when a page must be
  read for its anchors. GETs stream: headers are read, the body is not (a small body is drained
  so the connection can be reused; anything bigger closes the connection). For fragments, at
  most ``fragment-max-bytes`` of the body are read.
* Retries with exponential backoff (and jitter) on 429, 500, 502, 503, 504 and connection
  errors (refused, reset, a failed DNS lookup); ``Retry-After`` is honoured up to
  ``retry-after-max`` (a longer one gives up at once). Timeouts are not retried: another try
  would cost as much again.
* Every request has a deadline for the whole of it, from connecting to the last byte read
  (``request-timeout``; ``deadline.py`` keeps it in the socket), so a server that drips its
  headers or its body a byte at a time is cut off like one that does not answer; its headers are
  capped in number and size.
* A total time budget: no request's deadline is later than the budget's end, so the requests in
  flight are cut when it runs out (``unverified``, "cut off: time budget exhausted"), what has
  not started is ``unverified`` ("not checked: time budget exhausted"), and nothing new starts.
  A request stuck where no socket timeout reaches (a DNS lookup) is given up ``_GRACE`` seconds
  later: its worker thread is a daemon and finishes on its own.

Verdicts: 2xx (or a status in ``accept``) is ``ok``, or ``redirected`` when the chain starts with
permanent redirects (301/308; ``final_url`` is where they lead); 404, 410 and a host name that
does not exist are ``dead``; everything else that stops us (timeouts, connection errors, 5xx and
429 after retries, 401/403/999 from sites that block bots, redirect loops, blocked addresses) is
``unverified``: never reported as dead.
"""

from __future__ import annotations

import codecs
import email.utils
import heapq
import itertools
import queue
import random
import re
import threading
import time
from collections import Counter, deque
from http import HTTPStatus
from typing import Callable
from urllib.parse import urljoin, urlsplit

import requests

from artlint.links.collect import fetch_key
from artlint.links.deadline import HeadersTooLarge, within
from artlint.links.guard import BlockedAddress, Guard, HostNotFound, guarded_session
from artlint.links.results import BUDGET_CUT, BUDGET_EXHAUSTED, DEAD, OK, REDIRECTED, UNVERIFIED, Anchors, LinkResult
from artlint.links.settings import LinkSettings, PrivateAccess
from artlint.links.soft404 import PAGE_PREFIX, page_reason, redirect_reason

_REDIRECT = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_HEAD_REFUSED = frozenset({400, 403, 404, 405, 406, 410, 501})  # worth asking again with GET
_RETRY = frozenset({429, 500, 502, 503, 504})
_BOT_BLOCKED = {401: "login required", 403: "the site may block automated checks",
                429: "the site rate-limits automated checks", 999: "the site blocks automated checks"}
_DRAIN = 64 * 1024  # a body this small is read so that the connection can be reused
_GRACE = 2.0  # seconds past the budget to wait for requests the socket deadline cannot cut
_ANCHOR = re.compile(r"""<[^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)

def _phrase(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _short(exc: BaseException) -> str:
    """A one-line reason from a requests/urllib3 exception chain."""
    text = str(exc)
    m = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if m:
        return m.group(1).strip().rstrip(".")
    m = re.search(r"(?:NewConnectionError|ConnectTimeoutError|SSLError)\([^:]*:\s*([^')\"]+)", text)
    if m:
        return m.group(1).strip()
    return text[:160]


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def page_anchors(html: str) -> frozenset[str]:
    return frozenset(next(g for g in m.groups() if g is not None) for m in _ANCHOR.finditer(html))


class _Probe:
    """One URL on its way through redirects and retries. Touched by one thread at a time."""

    __slots__ = ("url", "current", "method", "want_body", "reads_page", "attempt", "hops", "visits", "result",
                 "not_before", "refuses_head", "note", "host")

    def __init__(self, url: str, want_body: bool, get_first: bool = False, reads_page: bool = False) -> None:
        self.url = url
        self.current = url
        self.want_body = want_body
        # a page read for soft 404s is asked with GET at once: HEAD would only cost a second request
        self.reads_page = want_body or reads_page
        self.method = "GET" if self.reads_page or get_first else "HEAD"
        self.attempt = 0
        self.hops: list[tuple[int, str, str]] = []  # (status, from, to)
        self.visits: Counter[str] = Counter({url: 1})
        self.result: LinkResult | None = None
        self.not_before = 0.0
        self.refuses_head = False
        self.note = ""  # the last transient failure, for the final reason
        self.host = _host(url)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class _Host:
    __slots__ = ("name", "limit", "delay", "active", "next_start", "queue", "waiting", "get_only",
                 "session", "headers")

    def __init__(self, name: str, settings: LinkSettings) -> None:
        own = settings.host(name)
        self.name = name
        self.limit = own.per_host or settings.per_host
        self.delay = settings.delay if own.delay is None else own.delay
        self.active = 0
        self.next_start = 0.0
        self.queue: deque[_Probe] = deque()
        self.waiting = 0  # probes for this host in the timed (retry) queue
        self.get_only = False
        self.session: requests.Session | None = None
        self.headers = {"User-Agent": settings.user_agent,
                        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                        **settings.headers, **own.headers}

    @property
    def idle(self) -> bool:
        return not self.queue and not self.active and not self.waiting


Progress = Callable[[int, int, str], None]


class LinkChecker:
    """Check URLs: ``submit()`` them (from any thread, while files are still being linted), then
    ``finish()`` for the results; ``check()`` does both. The scheduler runs in a daemon thread and
    the requests in daemon worker threads, so a run that stops early never waits for them."""

    def __init__(self, settings: LinkSettings, progress: Progress | None = None, *,
                 access: PrivateAccess | None = None, budget_end: float | None = None, keep_pages: int = 0,
                 keep_binary: frozenset[str] = frozenset(), conditional: dict[str, dict] | None = None) -> None:
        """``access``: where private addresses may be reached (default: what ``settings`` say);
        ``budget_end``: when the budget runs out, a ``time.monotonic()`` instant shared with
        other checkers of the run (default: ``budget`` seconds after the first URL comes);
        ``keep_pages``: fetch pages to read them (``pages.fetch``): every URL is a GET whose
        text body, up to this many bytes, is kept in its result's ``page``; ``keep_binary``: media
        types kept too, as bytes, in ``body`` (``application/pdf``); ``conditional``: URL -> the
        validators of a copy kept from before (``If-None-Match``, ``If-Modified-Since``): a 304 is
        then ``ok`` with ``not_modified`` set and no page."""
        self.settings = settings
        self.keep_pages = keep_pages
        self.keep_binary = keep_binary
        self.conditional = conditional or {}
        self.progress = progress
        access = access if access is not None else settings.access
        self.guard = Guard(access.everywhere, access.allows)
        self.requests_made = 0
        self._count_lock = threading.Lock()
        self._events: queue.Queue = queue.Queue()  # ("url", ...), ("done", ...), ("close",)
        self._work: queue.SimpleQueue = queue.SimpleQueue()  # (probe, host) for the workers
        self._workers = 0
        self._thread: threading.Thread | None = None
        self._results: dict[str, LinkResult] = {}
        self._error: BaseException | None = None
        self._budget_end = budget_end  # None: set when the scheduler starts

    # ---- the public side ----------------------------------------------------------------------
    def submit(self, url: str, want_body: bool = False, get_first: bool = False) -> None:
        """Queue a URL (a fetch key): ``want_body`` when its page must be read for fragments,
        ``get_first`` when it was dead last time (a HEAD 404 would be confirmed with GET anyway)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._schedule, name="artlint-links", daemon=True)
            self._thread.start()
        self._events.put(("url", url, want_body, get_first))

    def finish(self) -> dict[str, LinkResult]:
        """Wait until every submitted URL has its result."""
        if self._thread is None:
            return {}
        self._events.put(("close",))
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._results

    def check(self, urls: dict[str, bool], get_first: frozenset[str] | set[str] = frozenset()) -> dict[str, LinkResult]:
        """Check each URL (fetch key -> whether its page must be read for fragments)."""
        for url, want_body in urls.items():
            self.submit(url, want_body, url in get_first)
        return self.finish()

    # ---- the scheduler (its own thread) ----------------------------------------------------------
    def _schedule(self) -> None:
        try:
            self._loop()
        except BaseException as exc:  # handed to finish()
            self._error = exc

    def _loop(self) -> None:
        s = self.settings
        results = self._results
        if self._budget_end is None:
            self._budget_end = time.monotonic() + s.budget
        deadline = self._budget_end
        hosts: dict[str, _Host] = {}
        asked: dict[str, bool] = {}  # URL -> whether a probe that reads the page was queued
        timed: list[tuple[float, int, _Probe]] = []
        seq = itertools.count()
        running = 0
        in_flight: set[_Probe] = set()
        closed = False

        def host(name: str) -> _Host:
            if name not in hosts:
                hosts[name] = _Host(name, s)
            return hosts[name]

        def finish(probe: _Probe) -> None:
            result = probe.result
            assert result is not None
            names = {_host(probe.url)} | {_host(to) for _, _, to in probe.hops}
            result.private = bool(names & self.guard.private_hosts)
            old = results.get(probe.url)
            if old is None or old.anchors is None or result.anchors is not None:
                results[probe.url] = result  # a result with the page's anchors is never replaced
            if self.progress:
                self.progress(len(results), len(asked), probe.host)

        def handle(event: tuple) -> None:
            nonlocal running, closed
            kind = event[0]
            if kind == "close":
                closed = True
            elif kind == "url":
                _, url, want_body, get_first = event
                if url in asked and (asked[url] or not want_body):
                    return
                asked[url] = want_body or asked.get(url, False)
                probe = _Probe(url, want_body, get_first, self.settings.soft_404 or self.keep_pages > 0)
                if time.monotonic() >= deadline:
                    probe.result = self._exhausted(probe)
                    finish(probe)
                else:
                    host(probe.host).queue.append(probe)
            else:  # a request ended
                _, probe, h, exc = event
                running -= 1
                h.active -= 1
                in_flight.discard(probe)
                if exc is not None:  # a bug here must not lose the other links
                    probe.result = LinkResult(probe.url, UNVERIFIED, f"internal error: {exc!r}", cacheable=False)
                if probe.refuses_head:
                    h.get_only = True
                    probe.refuses_head = False
                if probe.result is not None:
                    finish(probe)
                elif time.monotonic() >= deadline:
                    probe.result = self._exhausted(probe)
                    finish(probe)
                else:
                    probe.host = _host(probe.current)
                    target = host(probe.host)
                    if probe.not_before > time.monotonic():
                        target.waiting += 1
                        heapq.heappush(timed, (probe.not_before, next(seq), probe))
                    else:
                        target.queue.appendleft(probe)  # finish what was started first
                if h.idle and h.session is not None:
                    h.session.close()
                    h.session = None

        try:
            while True:
                now = time.monotonic()
                if now >= deadline:
                    for h in hosts.values():
                        while h.queue:
                            probe = h.queue.popleft()
                            probe.result = self._exhausted(probe)
                            finish(probe)
                    for _, _, probe in timed:
                        probe.result = self._exhausted(probe)
                        finish(probe)
                        host(probe.host).waiting -= 1
                    timed.clear()
                else:
                    while timed and timed[0][0] <= now:
                        _, _, probe = heapq.heappop(timed)
                        h = host(probe.host)
                        h.waiting -= 1
                        h.queue.appendleft(probe)
                    if running < s.jobs:
                        ready = [h for h in hosts.values()
                                 if h.queue and h.active < h.limit and h.next_start <= now]
                        ready.sort(key=lambda h: -len(h.queue))  # the busiest hosts first
                        for h in ready:
                            while running < s.jobs and h.queue and h.active < h.limit and h.next_start <= now:
                                probe = h.queue.popleft()
                                if h.get_only and probe.method == "HEAD":
                                    probe.method = "GET"
                                if h.session is None:
                                    h.session = guarded_session(self.guard, h.limit, h.headers)
                                h.active += 1
                                h.next_start = now + h.delay
                                running += 1
                                in_flight.add(probe)
                                if self._workers < min(running, s.jobs):
                                    self._workers += 1
                                    threading.Thread(target=self._work_loop, name="artlint-links-worker",
                                                     daemon=True).start()
                                self._work.put((probe, h, min(now + s.request_timeout, deadline)))
                            if running >= s.jobs:
                                break
                if closed and not running and not timed and not any(h.queue for h in hosts.values()):
                    break
                if closed and now >= deadline + _GRACE:  # stuck where no socket deadline reaches
                    for probe in in_flight:
                        probe.result = self._cut(probe)
                        finish(probe)
                    break
                # Sleep until a request ends, a URL comes, a retry is due, a host's delay has
                # passed or time is up (past the deadline: only for what is running, a while).
                timeout: float | None = deadline + _GRACE - now if now < deadline + _GRACE else None
                if now < deadline:
                    wake = [deadline]
                    if timed:
                        wake.append(timed[0][0])
                    if running < s.jobs:
                        wake += [h.next_start for h in hosts.values() if h.queue and h.active < h.limit]
                    timeout = max(0.0, min(wake) - time.monotonic())
                try:
                    handle(self._events.get(timeout=timeout))
                    while True:  # take everything that is waiting before dispatching again
                        handle(self._events.get_nowait())
                except queue.Empty:
                    pass
        finally:
            for _ in range(self._workers):
                self._work.put(None)
            for h in hosts.values():
                if h.session is not None and not h.active:
                    h.session.close()

    def _work_loop(self) -> None:
        while True:
            item = self._work.get()
            if item is None:
                return
            probe, h, at = item
            try:
                self._step(probe, h.session, at)
                error = None
            except Exception as exc:
                error = exc
            self._events.put(("done", probe, h, error))

    def _exhausted(self, probe: _Probe) -> LinkResult:
        return LinkResult(probe.url, UNVERIFIED, f"{BUDGET_EXHAUSTED} ({self.settings.budget:g} s)",
                          cacheable=False)

    def _cut(self, probe: _Probe) -> LinkResult:
        return LinkResult(probe.url, UNVERIFIED, f"{BUDGET_CUT} ({self.settings.budget:g} s)", cacheable=False)

    # ---- one request (in a worker thread) ---------------------------------------------------
    def _step(self, probe: _Probe, session: requests.Session, at: float) -> None:
        """One request, all of it by ``at``: a request the deadline cut is unverified, whatever
        its status said (a body that drips in is no answer either)."""
        with self._count_lock:
            self.requests_made += 1
        with within(at) as deadline:
            try:
                self._request(probe, session)
            except Exception:
                if not deadline.tripped:
                    raise
        if not deadline.tripped:
            return
        if at >= self._budget_end:
            probe.result = self._cut(probe)
        else:
            self._done(probe, UNVERIFIED, f"no complete answer within {self.settings.request_timeout:g} s")

    def _request(self, probe: _Probe, session: requests.Session) -> None:
        s = self.settings
        try:
            validators = self.conditional.get(probe.url) if probe.current == probe.url else None
            resp = session.request(probe.method, probe.current, allow_redirects=False, stream=True,
                                   timeout=(s.connect_timeout, s.timeout), headers=validators)
        except BlockedAddress as exc:
            return self._done(probe, UNVERIFIED, str(exc), cacheable=False)
        except HeadersTooLarge as exc:
            return self._done(probe, UNVERIFIED, str(exc))
        except HostNotFound as exc:
            return self._done(probe, DEAD, str(exc))
        except requests.exceptions.ConnectTimeout:  # not retried: a dropped SYN is seldom a fluke
            return self._done(probe, UNVERIFIED, f"connection timed out after {s.connect_timeout:g} s")
        except requests.exceptions.ReadTimeout:
            return self._done(probe, UNVERIFIED, f"no answer within {s.timeout:g} s")
        except requests.exceptions.SSLError as exc:
            return self._done(probe, UNVERIFIED, f"TLS error: {_short(exc)}")
        except requests.exceptions.ConnectionError as exc:
            return self._again(probe, f"connection failed: {_short(exc)}")
        except requests.exceptions.RequestException as exc:
            return self._done(probe, UNVERIFIED, f"request failed: {_short(exc)}")
        try:
            self._answer(probe, resp)
        finally:
            resp.close()

    def _answer(self, probe: _Probe, resp: requests.Response) -> None:
        s = self.settings
        status = resp.status_code
        if status == 304 and self.keep_pages and probe.url in self.conditional:
            _release(resp)
            self._done(probe, OK, "304 Not Modified", status=status, cacheable=False)
            probe.result.not_modified = True
            return None
        if 200 <= status < 300 or status in s.accept:
            anchors, soft = None, None
            if self.keep_pages and probe.method == "GET" and 200 <= status < 300:
                return self._keep_page(probe, resp, status)
            if probe.reads_page and probe.method == "GET" and 200 <= status < 300:
                page, complete = self._read_page(resp, s.fragment_max_bytes if probe.want_body else PAGE_PREFIX)
                if probe.want_body:
                    anchors = Anchors(page_anchors(page), complete) if page is not None else Anchors(frozenset(), False)
                soft = page_reason(page[:PAGE_PREFIX]) if s.soft_404 and page else None
            else:
                _release(resp)
            return self._success(probe, status, anchors, soft)
        location = resp.headers.get("Location")
        if status in _REDIRECT and location:
            _release(resp)
            return self._redirect(probe, status, location)
        if probe.method == "HEAD" and status in _HEAD_REFUSED:
            _release(resp)
            probe.refuses_head = status in (405, 501)
            probe.method = "GET"  # ask again, at once
            return None
        if status in _RETRY:
            wait_for = retry_after(resp.headers.get("Retry-After"))
            _release(resp)
            if wait_for is not None and wait_for > s.retry_after_max:
                return self._done(probe, UNVERIFIED, f"{_phrase(status)}: the server asks to wait "
                                                     f"{wait_for:.0f} s")
            if probe.method == "HEAD" and status != 429:
                probe.method = "GET"  # a server that fails HEAD may still answer GET
            return self._again(probe, _phrase(status), wait_for, status=status)
        _release(resp)
        if status in (404, 410):
            return self._done(probe, DEAD, _phrase(status), status=status)
        if status in _BOT_BLOCKED:
            return self._done(probe, UNVERIFIED, f"{_phrase(status)}: {_BOT_BLOCKED[status]}", status=status)
        if status >= 500:
            return self._done(probe, UNVERIFIED, f"server error {_phrase(status)}", status=status)
        return self._done(probe, UNVERIFIED, f"unexpected answer {_phrase(status)}", status=status)

    def _again(self, probe: _Probe, why: str, wait_for: float | None = None, *, status: int | None = None) -> None:
        """Try the same request later, or give up when the retries are spent."""
        s = self.settings
        if probe.attempt >= s.retries:
            tries = probe.attempt + 1
            suffix = f" ({tries} tries)" if tries > 1 else ""
            if status in _BOT_BLOCKED:
                why = f"{why}: {_BOT_BLOCKED[status]}"
            elif status:
                why = f"server error {why}"
            return self._done(probe, UNVERIFIED, why + suffix, status=status)
        backoff = s.backoff * (2 ** probe.attempt) * random.uniform(0.8, 1.2)
        delay = max(backoff, wait_for or 0.0)
        probe.attempt += 1
        probe.note = why
        probe.not_before = time.monotonic() + delay
        return None

    def _redirect(self, probe: _Probe, status: int, location: str) -> None:
        s = self.settings
        try:
            target = urljoin(probe.current, location.strip())
            scheme = urlsplit(target).scheme.lower()
        except ValueError:  # a Location such as "http://[::1" cannot be followed
            return self._done(probe, UNVERIFIED, f"redirects to {location.strip()[:100]!r}, which cannot be parsed")
        if scheme not in ("http", "https"):
            return self._done(probe, UNVERIFIED, f"redirects to {target[:100]}, which is not a web address")
        found = fetch_key(target)
        if found is None:
            return self._done(probe, UNVERIFIED, f"redirects to a malformed address {target[:100]}")
        key = found[0]
        probe.hops.append((status, probe.current, key))
        probe.visits[key] += 1
        if probe.visits[key] > 2:
            chain = [probe.url] + [to for _, _, to in probe.hops]
            shown = " → ".join(chain[:4]) + (" → …" if len(chain) > 4 else "")
            return self._done(probe, UNVERIFIED, f"redirect loop: {shown}")
        if len(probe.hops) > s.max_redirects:
            return self._done(probe, UNVERIFIED, f"more than {s.max_redirects} redirects")
        probe.current = key
        probe.method = "GET" if probe.reads_page else "HEAD"
        probe.attempt = 0
        return None

    def _success(self, probe: _Probe, status: int, anchors: Anchors | None, soft_page: str | None = None) -> None:
        """``soft_page``: why the page itself is a soft 404 (``soft404.page_reason``), if it is."""
        soft = redirect_reason(probe.url, probe.current) if probe.hops and self.settings.soft_404 else None
        soft = soft or soft_page
        if soft:
            return self._done(probe, UNVERIFIED, soft, status=status)
        permanent = 0
        while permanent < len(probe.hops) and probe.hops[permanent][0] in _PERMANENT:
            permanent += 1
        if permanent:
            final = probe.hops[permanent - 1][2]
            return self._done(probe, REDIRECTED, f"moved permanently ({probe.hops[0][0]}) to {final}",
                              status=status, final_url=final, anchors=anchors)
        return self._done(probe, OK, _phrase(status), status=status, anchors=anchors)

    def _done(self, probe: _Probe, verdict: str, reason: str, *, status: int | None = None,
              final_url: str | None = None, anchors: Anchors | None = None, cacheable: bool = True) -> None:
        if probe.hops and verdict in (DEAD, UNVERIFIED) and not reason.startswith("redirect loop"):
            reason = f"{reason} (at {probe.current}, after {len(probe.hops)} redirect" \
                     f"{'s' if len(probe.hops) > 1 else ''})"
        probe.result = LinkResult(probe.url, verdict, reason, status, final_url, anchors, cacheable=cacheable)
        return None

    def _keep_page(self, probe: _Probe, resp: requests.Response, status: int) -> None:
        """A page fetched to be read: its body whole (text decoded), or unverified with the reason."""
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        text_like = not ctype or ctype.startswith("text/") or ctype in _TEXT_TYPES or ctype.endswith(("+xml", "/xml"))
        if not text_like and ctype not in self.keep_binary:
            _release(resp)
            return self._done(probe, UNVERIFIED, f"not a text page ({ctype})", status=status, cacheable=False)
        body, complete = self._read_body(resp, self.keep_pages)
        if body is None:
            return self._done(probe, UNVERIFIED, "the page could not be read to the end", status=status, cacheable=False)
        if not complete:
            return self._done(probe, UNVERIFIED, f"larger than {self.keep_pages // (1024 * 1024)} MiB",
                              status=status, cacheable=False)
        page = body.decode(_charset(resp.headers.get("Content-Type", ""), body), errors="replace") if text_like else None
        soft = page_reason(page[:PAGE_PREFIX]) if page and "html" in ctype and self.settings.soft_404 else None
        self._success(probe, status, None, soft)
        if probe.result is not None:
            probe.result.page = page
            probe.result.body = None if text_like else body
            probe.result.content_type = ctype
            probe.result.cacheable = False
            probe.result.validators = {name: resp.headers[header] for name, header in _VALIDATORS
                                       if resp.headers.get(header)}
        return None

    def _read_page(self, resp: requests.Response, limit: int) -> tuple[str | None, bool]:
        """The start of an HTML page (at most ``limit`` bytes), decoded, and whether that was all
        of it; None for a body that is not HTML or could not be read."""
        ctype = resp.headers.get("Content-Type", "").lower()
        if ctype and "html" not in ctype:
            return None, False
        body, complete = self._read_body(resp, limit)
        return (None if body is None else body.decode(_charset(ctype, body), errors="replace")), complete

    @staticmethod
    def _read_body(resp: requests.Response, limit: int) -> tuple[bytes | None, bool]:
        """At most ``limit`` bytes of the body, and whether that was all of it (None: broken)."""
        chunks, size, complete = [], 0, False
        try:
            while size < limit:
                chunk = resp.raw.read(min(65536, limit - size), decode_content=True)
                if not chunk:
                    complete = True
                    break
                chunks.append(chunk)
                size += len(chunk)
        except Exception:  # a timeout or a broken stream: no verdict
            return None, False
        return b"".join(chunks), complete


_VALIDATORS = (("If-None-Match", "ETag"), ("If-Modified-Since", "Last-Modified"))
_TEXT_TYPES = frozenset({"application/xhtml+xml", "application/rss+xml", "application/atom+xml", "application/xml"})
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def _charset(content_type: str, body: bytes) -> str:
    """The page's encoding: the header's, else its <meta charset>, else UTF-8 (not requests'
    ISO-8859-1 default for text/*, which garbles every page that states none)."""
    found = _HEADER_CHARSET.search(content_type)
    name = found.group(1) if found else None
    if name is None:
        meta = _META_CHARSET.search(body, 0, 4096)
        name = meta.group(1).decode("ascii", "replace") if meta else "utf-8"
    try:
        codecs.lookup(name)
    except LookupError:
        return "utf-8"
    return name


def _release(resp: requests.Response) -> None:
    """Let the connection go back to the pool when that is cheap; never download a big body."""
    try:
        length = resp.headers.get("Content-Length", "")
        if resp.request.method == "HEAD" or (length.isdigit() and int(length) <= _DRAIN):
            resp.raw.read(_DRAIN + 1, decode_content=False)
    except Exception:
        pass
