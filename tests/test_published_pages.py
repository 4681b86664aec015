"""Published pages (issue 16, point 2): `artlint audit --sitemap/--feed` and `artlint check URL`
against a small news site served on 127.0.0.1: article pages in two CMS styles with navigation,
sidebar, comments and footer; a sitemap index with a nested sitemap; an RSS feed; a robots.txt
that disallows one path; a soft 404 page and a deep link redirected home. Nothing is mocked."""

from __future__ import annotations

import json

import pytest
from werkzeug import Response

from artlint.pages import PageFetcher, RobotsRules, pages_listed
from artlint.pages.listing import ListingError, feed_links
from artlint.links.settings import LinkSettings
from links_support import Site, run_exe, run_runner

CHROME = """<nav><a href="/">Home</a> <a href="/world">World</a> Subscribe , now</nav>
<aside class="sidebar"><h3>Trending</h3><p>Markets fell 40% today , says nobody.</p></aside>
<script>var config = {a : 1}; // [INTERNAL_LINK:script-slug]</script>"""
DECOYS = ("Subscribe , now", "Markets fell 40%", "script-slug", "Leave a Comment", "Example News . All")
FOOTER = """<section id="comments"><h3>Leave a Comment</h3><form><textarea></textarea></form></section>
<footer><p>© 2026 Example News . All rights reserved.</p></footer>"""

# WordPress style: the article is an <article>
WORDPRESS = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Rare earths and the supply chain</title>
<meta name="description" content="Why processing matters."></head><body>
<header><h1 class="site-title">Example News</h1></header>{CHROME}
<main><article class="post"><h1>Rare earths and the supply chain</h1>
<p>China accounts for over 60% of global rare earth processing. Read [INTERNAL_LINK:rare-earths-explainer] for more.</p>
<p>The strategic weight . of processing is clear.</p>
</article></main>{FOOTER}</body></html>"""

# Ghost style: no <article>, the post body is a div
GHOST = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Shipping rates</title></head><body>
{CHROME}<div class="site-content"><div class="post-full-content">
<h1>Shipping rates after the Red Sea attacks</h1>
<p>Container rates from Shanghai to Rotterdam tripled in January , and insurers followed.</p>
<p>Carriers rerouted around the Cape of Good Hope, adding ten days to each voyage according to
<a href="https://www.drewry.co.uk/">Drewry</a>.</p>
</div></div>{FOOTER}</body></html>"""

CLEAN = """<!DOCTYPE html><html><head><title>About us</title></head><body><main><article>
<h1>About us</h1><p>We write about trade and energy.</p></article></main></body></html>"""

NOT_FOUND = "<html><head><title>Page not found - Example News</title></head><body><h1>404</h1></body></html>"


class NewsSite:
    def __init__(self) -> None:
        self.site = s = Site()
        for path, body in {"/2026/01/rare-earths": WORDPRESS, "/2026/01/shipping": GHOST, "/about": CLEAN,
                           "/drafts/secret-draft": WORDPRESS, "/": CLEAN, "/2025/12/removed": NOT_FOUND}.items():
            s.route(path, body=body, content_type="text/html; charset=utf-8")
        s.redirect("/2025/11/old-story", "/", status=302)
        s.route("/robots.txt", body="User-agent: *\nDisallow: /drafts/\n", content_type="text/plain")
        s.route("/sitemap.xml", content_type="application/xml", body=f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{s.url('/sitemap-posts.xml')}</loc></sitemap>
  <sitemap><loc>{s.url('/sitemap-pages.xml')}</loc></sitemap>
  <sitemap><loc>{s.url('/sitemap.xml')}</loc></sitemap>
</sitemapindex>""")
        s.route("/sitemap-posts.xml", content_type="application/xml", body=f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>{s.url('/2026/01/rare-earths')}</loc><lastmod>2026-01-10</lastmod></url>
  <url><loc>{s.url('/2026/01/shipping')}</loc></url>
  <url><loc>{s.url('/drafts/secret-draft')}</loc></url>
  <url><loc>{s.url('/2025/12/removed')}</loc></url>
  <url><loc>{s.url('/2025/11/old-story')}</loc></url>
</urlset>""")
        s.route("/sitemap-pages.xml", content_type="application/xml", body=f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{s.url('/about')}</loc></url></urlset>""")
        s.route("/feed.xml", content_type="application/rss+xml", body=f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example News</title>
<item><title>Rare earths</title><link>{s.url('/2026/01/rare-earths')}</link></item>
<item><title>Shipping</title><link>{s.url('/2026/01/shipping')}</link></item>
</channel></rss>""")

    def url(self, path: str) -> str:
        return self.site.url(path)


@pytest.fixture(scope="module")
def news():
    n = NewsSite()
    yield n
    n.site.stop()


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


FAST = dict(timeout=2.0, connect_timeout=2.0, backoff=0.05, delay=0.0, budget=30.0, allow_private=True, cache=False)


def test_a_sitemap_index_lists_its_pages_once_in_order(news):
    said: list[str] = []
    urls = pages_listed(PageFetcher(LinkSettings(**FAST)), [news.url("/sitemap.xml")], [], said.append)
    assert urls == [news.url(p) for p in ("/2026/01/rare-earths", "/2026/01/shipping", "/drafts/secret-draft",
                                          "/2025/12/removed", "/2025/11/old-story", "/about")]
    assert said == []


def test_robots_txt_is_respected(news):
    fetcher = PageFetcher(LinkSettings(**FAST))
    allowed, disallowed = RobotsRules(fetcher).split([news.url("/about"), news.url("/drafts/secret-draft")])
    assert allowed == [news.url("/about")] and disallowed == [news.url("/drafts/secret-draft")]


def test_rss_and_atom_feeds_give_their_article_links():
    rss = "<rss><channel><item><link>https://a.org/1</link></item><item><link> https://a.org/2 </link></item></channel></rss>"
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="self" href="https://a.org/x.atom"/>'
            '<link rel="alternate" href="https://a.org/3"/></entry><entry><link href="https://a.org/4"/></entry></feed>')
    assert feed_links("rss", rss) == ["https://a.org/1", "https://a.org/2"]
    assert feed_links("atom", atom) == ["https://a.org/3", "https://a.org/4"]
    with pytest.raises(ListingError, match="not an RSS or Atom feed"):
        feed_links("x", "<html></html>")
    with pytest.raises(ListingError, match="not valid XML"):
        feed_links("x", '<!DOCTYPE x [<!ENTITY a "aaaa">]><rss>&a;</rss>')  # defusedxml refuses entities


def test_audit_sitemap_lints_exactly_the_allowed_article_pages(news, tmp_path):
    result = run_runner("audit", "--allow-private-hosts", "--sitemap", news.url("/sitemap.xml"), cwd=tmp_path)
    out = records(result.out)
    files = {r["path"]: r for r in out if r["type"] == "file"}
    ok = sorted(p for p, r in files.items() if r["status"] == "ok")
    assert ok == sorted(news.url(p) for p in ("/2026/01/rare-earths", "/2026/01/shipping", "/about"))
    assert news.url("/drafts/secret-draft") not in files  # robots.txt
    assert f"{news.url('/drafts/secret-draft')}: skipped: robots.txt does not allow it" in result.err
    assert "soft 404" in files[news.url("/2025/12/removed")]["message"]
    assert "home page" in files[news.url("/2025/11/old-story")]["message"]
    diagnostics = [r for r in out if r["type"] == "diagnostic"]
    rare = {d["rule"] for d in diagnostics if d["path"] == news.url("/2026/01/rare-earths")}
    assert {"unresolved-link-placeholder", "unsupported-statistic", "space-before-punctuation"} <= rare
    shipping = {d["rule"] for d in diagnostics if d["path"] == news.url("/2026/01/shipping")}
    assert {"unsupported-statistic", "space-before-punctuation"} <= shipping
    # nothing from the navigation, the sidebar, the script, the comment form or the footer
    chrome = [d for d in diagnostics if any(decoy in d["line_text"] for decoy in DECOYS)]
    assert chrome == []
    assert result.code == 1


def test_audit_feed_and_check_url_name_the_page(news, tmp_path):
    result = run_runner("audit", "--allow-private-hosts", "--feed", news.url("/feed.xml"), cwd=tmp_path)
    paths = [r["path"] for r in records(result.out) if r["type"] == "file"]
    assert paths == [news.url("/2026/01/rare-earths"), news.url("/2026/01/shipping")]
    checked = run_exe("check", "--allow-private-hosts", "--format", "json", news.url("/2026/01/rare-earths"),
                      cwd=tmp_path)
    found = json.loads(checked.out)
    assert checked.code == 1 and found and {d["path"] for d in found} == {news.url("/2026/01/rare-earths")}
    for d in found:  # positions are in the page's source
        line = WORDPRESS.split("\n")[d["line"] - 1]
        assert line[d["column"] - 1:].startswith(d["match"].split("\n")[0])


def test_private_addresses_need_to_be_allowed(news, tmp_path):
    result = run_runner("check", "--format", "json", news.url("/about"), cwd=tmp_path)
    assert result.code == 2 or result.code == 1
    assert "cannot fetch" in result.err and "private" in result.err.lower()


def test_a_web_page_cannot_be_fixed(news, tmp_path):
    result = run_runner("check", "--fix", news.url("/about"), cwd=tmp_path)
    assert result.code == 2 and "a web page cannot be fixed" in result.err


def test_a_page_is_asked_for_again_with_its_validators_and_a_304_is_served_from_the_cache(tmp_path):
    site = Site()
    state = {"etag": '"a"', "full": 0, "conditional": 0, "body": WORDPRESS}

    def page(request):
        if request.headers.get("If-None-Match") == state["etag"]:
            state["conditional"] += 1
            return Response(status=304, headers={"ETag": state["etag"]})
        state["full"] += 1
        return Response(state["body"], content_type="text/html; charset=utf-8", headers={"ETag": state["etag"]})

    site.handle("/post", page)
    try:
        def rules():
            r = run_runner("check", "--allow-private-hosts", "--format", "json", site.url("/post"), cwd=tmp_path)
            return sorted(d["rule"] for d in json.loads(r.out))

        first = rules()
        assert "unresolved-link-placeholder" in first and state["full"] == 1
        assert rules() == first and (state["full"], state["conditional"]) == (1, 1)  # a 304: no body sent
        state["etag"], state["body"] = '"b"', CLEAN
        assert rules() == [] and state["full"] == 2  # changed: fetched and linted again
        assert run_runner("cache", "clear", cwd=tmp_path).out.count("Cleared the page cache") == 1
        rules()
        assert state["full"] == 3  # nothing kept after a clear
        no_cache = run_runner("check", "--no-cache", "--allow-private-hosts", "--format", "json", site.url("/post"),
                              cwd=tmp_path)
        assert no_cache.code == 0 and state["full"] == 4
    finally:
        site.stop()
