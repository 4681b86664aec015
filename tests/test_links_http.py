"""Online link verdicts against a real HTTP server on 127.0.0.1: statuses, redirects, retries,
timeouts, HEAD/GET, bodies, per-host concurrency, delays, the time budget and fragments."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from werkzeug import Response

from artlint.links.checker import LinkChecker, page_anchors, retry_after
from artlint.links.results import Anchors
from artlint.links.runner import fragment_found
from artlint.links.settings import DEFAULT_USER_AGENT, LinkSettings
from links_support import Site, site  # noqa: F401 - the site fixture

FAST = dict(timeout=0.5, connect_timeout=0.5, backoff=0.05, delay=0.0, retry_after_max=2.0, budget=20.0,
            allow_private=True, cache=False)


def check(urls, **overrides):
    settings = LinkSettings(**{**FAST, **overrides})
    checker = LinkChecker(settings)
    want = {u: False for u in urls} if not isinstance(urls, dict) else urls
    return checker.check(want), checker


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---- one run over every kind of answer ------------------------------------------------------
class Scenarios:
    """Every scenario served by one server and checked in one concurrent run (about 2 s)."""

    def __init__(self) -> None:
        site = self.site = Site()
        self.huge_chunks = 0
        site.route("/ok", body="<p>fine</p>")
        site.redirect("/moved", site.url("/moved-again"))
        site.redirect("/moved-again", site.url("/ok"), 301)
        site.redirect("/perm308", "/ok", 308)  # a relative Location
        site.redirect("/temp", "/ok", 302)
        site.redirect("/see-other", "/ok", 303)
        site.redirect("/perm-then-temp", "/temp-hop", 301)
        site.redirect("/temp-hop", "/ok", 307)
        site.redirect("/loop-a", "/loop-b", 302)
        site.redirect("/loop-b", "/loop-a", 302)
        for i in range(12):
            site.redirect(f"/chain{i}", f"/chain{i + 1}", 302)
        site.route("/chain12")
        site.redirect("/to-dead", "/gone-after-move", 301)
        site.route("/gone-after-move", 404)
        site.redirect("/to-ftp", "ftp://files.example.org/x", 302)
        site.redirect("/to-invalid-host", "http://gone.artlint-test.invalid/x", 301)
        site.route("/404", 404, "not here")
        site.route("/410", 410)
        site.route("/head404", 404, method="HEAD")
        site.route("/head404", 200, "page", method="GET")
        site.route("/head403", 403, method="HEAD")
        site.route("/head403", 200, "page", method="GET")
        site.route("/forbidden", 403)
        site.route("/login", 401)
        site.route("/linkedin", 999)
        site.route("/teapot", 418)
        site.sequence("/500-then-200", (500, {}), (200, {}))
        site.sequence("/503-forever", (503, {}))
        site.sequence("/429-forever", (429, {"Retry-After": "1"}))
        site.sequence("/429-then-200", (429, {"Retry-After": "1"}), (200, {}))
        site.sequence("/429-wait-an-hour", (429, {"Retry-After": "3600"}))

        def slow(request):
            time.sleep(1.5)
            return Response("late")

        site.handle("/slow", slow)

        def huge(request):
            def body():
                for _ in range(20_000):  # 1.3 GB if anyone read it all
                    self.huge_chunks += 1
                    yield b"x" * 65536

            return Response(body(), content_type="application/octet-stream")

        site.route("/huge", 403, method="HEAD")  # not 405: that would switch the host to GET
        site.handle("/huge", huge, method="GET")
        self.refused = f"http://127.0.0.1:{_closed_port()}/nobody-listens"
        self.paths = ["/ok", "/moved", "/perm308", "/temp", "/see-other", "/perm-then-temp", "/loop-a", "/chain0",
                      "/to-dead", "/to-ftp", "/to-invalid-host", "/404", "/410", "/head404", "/head403",
                      "/forbidden", "/login", "/linkedin", "/teapot", "/500-then-200", "/503-forever",
                      "/429-forever", "/429-then-200", "/429-wait-an-hour", "/slow", "/huge"]
        urls = [site.url(p) for p in self.paths] + ["http://no-such-host.artlint-test.invalid/page", self.refused]
        # soft-404 reading off: these scenarios pin the HEAD-first path (soft 404s: test_links_soft404)
        self.results, self.checker = check(urls, soft_404=False)
        # The HEAD-405 host switches to GET: check that path on a host of its own.
        self.head405 = Site("127.0.0.2")
        self.head405.route("/head405", 405, method="HEAD")
        self.head405.route("/head405", 200, "page", method="GET")
        self.head405.route("/second", 200, "page", method="GET")
        self.head405_results, _ = check([self.head405.url("/head405"), self.head405.url("/second")], per_host=1,
                                        soft_404=False)

    def __call__(self, path: str):
        return self.results[self.site.url(path)]


@pytest.fixture(scope="module")
def scenarios():
    s = Scenarios()
    yield s
    s.site.stop()
    s.head405.stop()


@pytest.mark.parametrize("path, verdict, reason", [
    ("/ok", "ok", "200 OK"),
    ("/temp", "ok", "200 OK"),
    ("/see-other", "ok", "200 OK"),
    ("/head404", "ok", "200 OK"),
    ("/head403", "ok", "200 OK"),
    ("/500-then-200", "ok", "200 OK"),
    ("/429-then-200", "ok", "200 OK"),
    ("/huge", "ok", "200 OK"),
    ("/chain0", "unverified", "more than 10 redirects"),
    ("/moved", "redirected", "moved permanently (301)"),
    ("/perm308", "redirected", "moved permanently (308)"),
    ("/perm-then-temp", "redirected", "moved permanently (301)"),
    ("/404", "dead", "404 Not Found"),
    ("/410", "dead", "410 Gone"),
    ("/to-dead", "dead", "404 Not Found (at "),
    ("/to-invalid-host", "dead", "host 'gone.artlint-test.invalid' not found"),
    ("/loop-a", "unverified", "redirect loop"),
    ("/to-ftp", "unverified", "which is not a web address"),
    ("/forbidden", "unverified", "403 Forbidden: the site may block automated checks"),
    ("/login", "unverified", "401 Unauthorized: login required"),
    ("/linkedin", "unverified", "999: the site blocks automated checks"),
    ("/teapot", "unverified", "unexpected answer 418"),
    ("/503-forever", "unverified", "server error 503 Service Unavailable (3 tries)"),
    ("/429-forever", "unverified", "429 Too Many Requests: the site rate-limits automated checks (3 tries)"),
    ("/429-wait-an-hour", "unverified", "the server asks to wait 3600 s"),
    ("/slow", "unverified", "no answer within 0.5 s"),
])
def test_verdict(scenarios, path, verdict, reason):
    result = scenarios(path)
    assert result.verdict == verdict and reason in result.reason, result


def test_chain_of_exactly_ten_is_followed():
    site = Site()
    try:
        for i in range(10):
            site.redirect(f"/c{i}", f"/c{i + 1}", 302)
        site.route("/c10")
        results, _ = check([site.url("/c0")])
        assert results[site.url("/c0")].verdict == "ok"
    finally:
        site.stop()


def test_dns_name_not_found_is_dead(scenarios):
    result = scenarios.results["http://no-such-host.artlint-test.invalid/page"]
    assert result.verdict == "dead" and "not found" in result.reason


def test_connection_refused_is_unverified_after_retries(scenarios):
    result = scenarios.results[scenarios.refused]
    assert result.verdict == "unverified"
    assert result.reason.startswith("connection failed") and "(3 tries)" in result.reason


def test_permanent_redirects_give_the_final_address(scenarios):
    assert scenarios("/moved").final_url == scenarios.site.url("/ok")
    assert scenarios("/perm308").final_url == scenarios.site.url("/ok")
    # Only the leading permanent hops count: the 307 after them is the site's business.
    assert scenarios("/perm-then-temp").final_url == scenarios.site.url("/temp-hop")


def test_without_soft_404_reading_head_is_tried_first_and_get_only_when_needed(scenarios):
    reqs = scenarios.site.requests()
    assert {m for m, p in reqs if p in ("/ok", "/temp", "/moved", "/loop-a")} == {"HEAD"}
    assert [m for m, p in reqs if p == "/head404"] == ["HEAD", "GET"]
    assert [m for m, p in reqs if p == "/404"] == ["HEAD", "GET"]  # a 404 is confirmed with GET
    assert [m for m, p in reqs if p == "/410"] == ["HEAD", "GET"]
    assert [m for m, p in reqs if p == "/huge"] == ["HEAD", "GET"]


def test_head_405_falls_back_to_get_for_the_whole_host(scenarios):
    site = scenarios.head405
    results = scenarios.head405_results
    assert results[site.url("/head405")].verdict == "ok"
    assert results[site.url("/second")].verdict == "ok"
    assert site.requests() == [("HEAD", "/head405"), ("GET", "/head405"), ("GET", "/second")]


def test_retries_honour_retry_after(scenarios):
    starts = scenarios.site.started["/429-then-200"]
    assert len(starts) == 2
    # Retry-After: 1, although the backoff is 0.05 s. The server stamps arrivals, so a busy
    # machine can delay a stamp: the bound leaves half a second for that.
    assert starts[1] - starts[0] >= 0.5
    assert len(scenarios.site.started["/429-forever"]) == 3
    assert len(scenarios.site.started["/429-wait-an-hour"]) == 1  # longer than retry-after-max: give up
    assert len(scenarios.site.started["/500-then-200"]) == 2


def test_nothing_hangs_and_huge_bodies_are_not_downloaded(scenarios):
    # The page that answers after 1.5 s was given up at the 0.5 s read timeout, asked once.
    slow = scenarios.results[scenarios.site.url("/slow")]
    assert (slow.verdict, slow.reason) == ("unverified", "no answer within 0.5 s"), slow
    # The GET's body was never read: the server got no further than its first chunks.
    assert scenarios.huge_chunks < 200, scenarios.huge_chunks


def test_read_timeout_is_not_retried(scenarios):
    assert len(scenarios.site.started["/slow"]) == 1


def test_accept_list_makes_a_status_ok(site):
    site.route("/blocked", 403)
    results, _ = check([site.url("/blocked")], accept=frozenset({403}))
    assert results[site.url("/blocked")].verdict == "ok"


def test_default_user_agent_names_artlint_and_its_version(site):
    from artlint import __version__

    seen = []
    site.handle("/ua", lambda req: (seen.append(req.headers.get("User-Agent")), Response("ok"))[1])
    check([site.url("/ua")])
    assert seen == [DEFAULT_USER_AGENT]
    assert f"artlint/{__version__}" in DEFAULT_USER_AGENT


def test_per_host_headers(site):
    from artlint.links.settings import HostSettings

    seen = []
    site.handle("/h", lambda req: (seen.append((req.headers.get("User-Agent"), req.headers.get("X-Token"))),
                                   Response("ok"))[1])
    hosts = (("127.0.0.1", HostSettings(headers={"User-Agent": "ours/1.0", "X-Token": "t"})),)
    check([site.url("/h")], hosts=hosts, headers={"X-Token": "global"})
    assert seen == [("ours/1.0", "t")]


# ---- speed and politeness ----------------------------------------------------------------------
def test_per_host_cap_and_hosts_in_parallel():
    """10 URLs on each of two hosts, 0.2 s each: at most 2 at once per host, both hosts at once."""
    sites = [Site("127.0.0.1"), Site("127.0.0.3")]
    lock = threading.Lock()
    state = {"now": {}, "max": {}, "total": 0, "max_total": 0}

    def make(host):
        def slowish(request):
            with lock:
                state["now"][host] = state["now"].get(host, 0) + 1
                state["max"][host] = max(state["max"].get(host, 0), state["now"][host])
                state["total"] += 1
                state["max_total"] = max(state["max_total"], state["total"])
            time.sleep(0.2)
            with lock:
                state["now"][host] -= 1
                state["total"] -= 1
            return Response("ok")
        return slowish

    try:
        urls = []
        for s in sites:
            for i in range(10):
                s.handle(f"/p{i}", make(s.server.host))
                urls.append(s.url(f"/p{i}"))
        results, _ = check(urls, per_host=2, jobs=16)
    finally:
        for s in sites:
            s.stop()
    assert all(r.verdict == "ok" for r in results.values())
    assert state["max"] == {"127.0.0.1": 2, "127.0.0.3": 2}
    # Both hosts at once (4 requests in flight), not one after the other: counted, not timed.
    assert state["max_total"] == 4


def test_minimum_delay_between_requests_to_a_host(site):
    for i in range(4):
        site.route(f"/d{i}")
    results, _ = check([site.url(f"/d{i}") for i in range(4)], delay=0.5, per_host=4)
    starts = sorted(t for i in range(4) for t in site.started[f"/d{i}"])
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    # Without the delay the four would arrive together (per_host=4). The server stamps each
    # arrival, which a busy machine can hold up; the bound leaves 0.2 s for that.
    assert all(g >= 0.3 for g in gaps), gaps


def test_time_budget(site):
    def slow(request):
        time.sleep(0.8)
        return Response("late")

    site.handle("/slow", slow)
    for i in range(5):
        site.route(f"/later{i}")
    urls = [site.url("/slow")] + [site.url(f"/later{i}") for i in range(5)]
    results, _ = check(urls, per_host=1, budget=0.3, timeout=0.6)
    later = [results[site.url(f"/later{i}")] for i in range(5)]
    assert all(not site.started.get(f"/later{i}") for i in range(5))  # never asked: the budget was spent
    assert all(r.verdict == "unverified" and r.reason.startswith("not checked: time budget exhausted")
               for r in later), later
    assert not any(r.cacheable for r in later)
    assert list(site.started) == ["/slow"]  # nothing else was requested


# ---- fragments -----------------------------------------------------------------------------------
PAGE = """<html><body><h2 id="overview">Overview</h2><a name='legacy'></a>
<div id=unquoted>x</div><h2 id="user-content-install">Install</h2></body></html>"""


def test_fragment_pages_are_read_with_get_and_bounded(site):
    site.route("/page", body=PAGE)

    def huge(request):
        def body():
            yield b"<html><body><p id='first'>x</p>"
            for _ in range(5000):
                yield b"<p>" + b"y" * 1000 + b"</p>"
        return Response(body(), content_type="text/html")

    site.handle("/huge-page", huge)
    results, _ = check({site.url("/page"): True, site.url("/huge-page"): True}, fragment_max_bytes=65536)
    page = results[site.url("/page")]
    assert page.verdict == "ok" and page.anchors.complete
    assert page.anchors.ids == {"overview", "legacy", "unquoted", "user-content-install"}
    big = results[site.url("/huge-page")]
    assert big.verdict == "ok" and not big.anchors.complete and "first" in big.anchors.ids
    assert ("HEAD", "/page") not in site.requests()


@pytest.mark.parametrize("fragment, found", [
    ("overview", True), ("legacy", True), ("install", True), ("top", True), ("/route", True),
    ("!hashbang", True), (":~:text=x", True), ("L10-L20", True), ("methodology", False), ("Overview", False),
])
def test_fragment_matching(fragment, found):
    anchors = Anchors(page_anchors(PAGE), complete=True)
    assert fragment_found(fragment, anchors) is found


def test_no_fragment_verdict_on_partial_or_script_pages():
    assert fragment_found("x", Anchors(frozenset({"a"}), complete=False))
    assert fragment_found("x", Anchors(frozenset(), complete=True))


def test_retry_after_parsing():
    assert retry_after("120") == 120
    assert retry_after(None) is None and retry_after("soon") is None
    assert 59 <= retry_after("Wed, 21 Oct 2015 07:29:00 GMT", now=1445412480.0) <= 61
