"""Soft 404s against a real HTTP server on 127.0.0.1: a page that answers 200 but says it was
not found, a login wall, a deep link redirected to the home page. Each is ``unverified`` with its
reason, never ``ok``; a real page and a redirect to another real page stay what they were."""

from __future__ import annotations

import pytest
from werkzeug import Response

from artlint.links.checker import LinkChecker
from artlint.links.settings import LinkSettings
from artlint.links.soft404 import page_reason, redirect_reason
from links_support import Site, run_runner, write, write_config

FAST = dict(timeout=2.0, connect_timeout=2.0, backoff=0.05, delay=0.0, budget=30.0, allow_private=True, cache=False)

ARTICLE = "<html><head><title>Tariffs and the rupee</title></head><body><h1>Tariffs</h1><p>Text.</p></body></html>"
NOT_FOUND = ("<html><head><title>Page not found | Example News</title></head>"
             "<body><h1>Sorry</h1><p>Try the search.</p></body></html>")
NOT_FOUND_HEADING = "<html><head><title>Example News</title></head><body><h1>Oops! That page can’t be found.</h1></body></html>"
LOGIN = ("<html><head><title>Sign in to continue</title></head><body><form action='/session'>"
         "<input name='user'><input type='password' name='pw'></form></body></html>")
# an article about logging in is not a wall: it has no password field
ABOUT_LOGIN = "<html><head><title>How to log in to Medicare</title></head><body><p>Steps.</p></body></html>"
SECTION_404 = "<html><head><title>Section 404 permits under the Clean Water Act</title></head><body></body></html>"


class Pages:
    def __init__(self) -> None:
        self.site = Site()
        for path, body in {"/article": ARTICLE, "/missing": NOT_FOUND, "/missing-h1": NOT_FOUND_HEADING,
                           "/members": LOGIN, "/about-login": ABOUT_LOGIN, "/section-404": SECTION_404,
                           "/": ARTICLE, "/login": LOGIN, "/new-home-of-report": ARTICLE}.items():
            self.site.route(path, body=body)
        self.site.redirect("/reports/2019/old-report", "/", status=302)
        self.site.redirect("/reports/2020/moved-report", "/new-home-of-report", status=301)
        self.site.redirect("/paywalled/story", "/login?next=/paywalled/story", status=302)
        self.site.handle("/huge", lambda req: Response((b"<p>" + b"x" * 65536 for _ in range(200)),
                                                       content_type="text/html"))
        self.site.route("/data.csv", body="a,b\n404,not found\n", content_type="text/csv")
        paths = ["/article", "/missing", "/missing-h1", "/members", "/about-login", "/section-404",
                 "/reports/2019/old-report", "/reports/2020/moved-report", "/paywalled/story", "/huge", "/data.csv", "/"]
        self.urls = {self.site.url(p): False for p in paths}
        self.results = LinkChecker(LinkSettings(**FAST)).check(self.urls)

    def __call__(self, path: str):
        return self.results[self.site.url(path)]


@pytest.fixture(scope="module")
def pages():
    p = Pages()
    yield p
    p.site.stop()


@pytest.mark.parametrize("path,verdict,reason", [
    ("/article", "ok", "200 OK"),
    ("/", "ok", "200 OK"),
    ("/about-login", "ok", "200 OK"),
    ("/section-404", "ok", "200 OK"),
    ("/data.csv", "ok", "200 OK"),
    ("/huge", "ok", "200 OK"),
    ("/missing", "unverified", "soft 404: the page answers 200 but says 'Page not found | Example News'"),
    ("/missing-h1", "unverified", "soft 404: the page answers 200 but says 'Oops! That page can’t be found.'"),
    ("/members", "unverified", "login wall: the page asks the reader to sign in ('Sign in to continue')"),
    ("/reports/2020/moved-report", "redirected", None),
])
def test_verdicts(pages, path, verdict, reason):
    result = pages(path)
    assert result.verdict == verdict, result.reason
    if reason is not None:
        assert result.reason == reason


def test_a_deep_link_sent_to_the_home_page_is_a_soft_404(pages):
    result = pages("/reports/2019/old-report")
    assert result.verdict == "unverified"
    assert result.reason.startswith(f"soft 404: the link redirects to the home page ({pages.site.url('/')})")


def test_a_redirect_to_a_sign_in_page_is_a_login_wall(pages):
    result = pages("/paywalled/story")
    assert result.verdict == "unverified"
    assert result.reason.startswith("login wall: redirects to a sign-in page")


def test_pages_are_read_with_one_get_and_only_their_start(pages):
    methods = {m for m, _ in pages.site.requests()}
    assert methods == {"GET"}
    assert pages.site.hits("/article") == 1


def test_switched_off_the_soft_404_is_ok_again():
    site = Site()
    try:
        site.route("/missing", body=NOT_FOUND)
        site.route("/", body=ARTICLE)
        site.redirect("/deep/page", "/", status=302)
        urls = {site.url("/missing"): False, site.url("/deep/page"): False}
        results = LinkChecker(LinkSettings(**FAST, soft_404=False)).check(urls)
        assert {r.verdict for r in results.values()} == {"ok"}
        assert ("HEAD", "/missing") in site.requests()
    finally:
        site.stop()


def test_the_unverified_link_rule_reports_the_reason(tmp_path):
    site = Site()
    try:
        site.route("/missing", body=NOT_FOUND)
        write_config(tmp_path, allow_private_hosts=True, cache=False)
        write(tmp_path, "a.md", f"# A\n\nSee [the report]({site.url('/missing')}).\n")
        result = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
        found = [d for d in result.json() if d["rule"] == "unverified-link"]
        assert len(found) == 1 and "soft 404" in found[0]["message"]
        assert found[0]["match"] == site.url("/missing")
    finally:
        site.stop()


@pytest.mark.parametrize("original,final,expected", [
    ("https://a.org/x/y", "https://a.org/", "home page"),
    ("https://a.org/?p=12", "https://a.org/", "home page"),
    ("https://a.org/", "https://a.org/", None),  # a home page that redirects to itself
    ("https://a.org/x", "https://a.org/y", None),
    ("https://a.org/x", "https://a.org/account/login", "sign-in"),
    ("https://a.org/login", "https://a.org/login/", None),
])
def test_redirect_reason(original, final, expected):
    reason = redirect_reason(original, final)
    assert (reason is None) if expected is None else (expected in reason)


def test_page_reason_reads_titles_and_first_headings_only():
    assert page_reason("<title>404 - Not Found</title>")
    assert page_reason("<title>Error 404</title>")
    assert page_reason("<p>The page you asked for was not found in 2019 records</p>") is None
    assert page_reason("<title>The 404 bus route</title>") is None
