"""The link cache: a second run makes no requests, --no-cache, `artlint cache clear`, what is
never cached, max ages, a broken cache file, and two artlint processes at once."""

from __future__ import annotations

import sqlite3
import subprocess
import time

from artlint.links.cache import LinkCache
from artlint.links.results import LinkResult
from conftest import artlint_exe
from links_support import _env, cli, run_exe, run_runner, site, write, write_config  # noqa: F401
from runcli import in_process

PAGES = ("/ok", "/moved", "/gone", "/blocked")


def _serve(site):
    site.route("/ok")
    site.redirect("/moved", site.url("/ok"), 301)
    site.route("/gone", 404)
    site.route("/blocked", 403)


def _article(site, folder, name="a.md"):
    links = " ".join(f"[{p[1:]}]({site.url(p)})" for p in PAGES)
    return write(folder, name, f"# Links\n\nSee {links}.\n")


def _rules(r) -> dict[str, str]:
    online = {"dead-link", "unverified-link", "redirected-link", "missing-link-anchor"}
    return {d["match"].rsplit("/", 1)[1]: d["rule"] for d in r.json() if d["rule"] in online}


EXPECTED = {"moved": "redirected-link", "gone": "dead-link", "blocked": "unverified-link"}


def test_second_run_makes_no_requests_except_for_dead_links(cli, site, tmp_path):
    _serve(site)
    write_config(tmp_path, allow_private_hosts=True)
    _article(site, tmp_path)
    first = cli("check", "--format", "json", "a.md", cwd=tmp_path)
    assert first.code == 1 and _rules(first) == EXPECTED
    assert "Links: 4 checked in" in first.err
    before = len(site.server.log)
    second = cli("check", "--format", "json", "a.md", cwd=tmp_path)
    assert second.json() == first.json()
    assert "Links: 4 checked (3 from the cache)" in second.err
    # Only the dead link was asked again, with GET straight away (it was dead last time).
    assert site.requests()[before:] == [("GET", "/gone")]
    assert (tmp_path / ".artlint_cache" / "links.sqlite3").is_file()
    assert (tmp_path / ".artlint_cache" / ".gitignore").read_text().strip().endswith("*")


def test_no_cache_fetches_everything_and_writes_nothing(site, tmp_path):
    _serve(site)
    write_config(tmp_path, allow_private_hosts=True)
    _article(site, tmp_path)
    r = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert _rules(r) == EXPECTED
    assert not (tmp_path / ".artlint_cache").exists()
    run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    before = len(site.server.log)
    r = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert _rules(r) == EXPECTED
    assert {p for _, p in site.requests()[before:]} >= {"/ok", "/moved", "/gone", "/blocked"}


@in_process
def test_cache_clear(cli, site, tmp_path):
    _serve(site)
    write_config(tmp_path, allow_private_hosts=True)
    _article(site, tmp_path)
    r = cli("cache", "clear", cwd=tmp_path)
    assert r.code == 0 and "No link cache" in r.out
    cli("check", "--format", "json", "a.md", cwd=tmp_path)
    r = cli("cache", "clear", cwd=tmp_path)
    assert r.code == 0 and "4 results removed" in r.out, r.out
    before = len(site.server.log)
    r = cli("check", "--format", "json", "a.md", cwd=tmp_path)
    assert _rules(r) == EXPECTED
    assert {p for _, p in site.requests()[before:]} >= {"/ok", "/moved", "/blocked"}


def test_cache_dir_is_relative_to_the_config_file(site, tmp_path):
    _serve(site)
    write_config(tmp_path, allow_private_hosts=True, cache_dir="build/link-cache")
    _article(site, tmp_path / "posts")
    r = run_runner("check", "--format", "json", ".", cwd=tmp_path / "posts")
    assert _rules(r) == EXPECTED
    assert (tmp_path / "build" / "link-cache" / "links.sqlite3").is_file()
    assert not (tmp_path / "posts" / ".artlint_cache").exists()
    r = run_runner("cache", "clear", cwd=tmp_path / "posts")
    assert "4 results removed" in r.out and str(tmp_path / "build" / "link-cache") in r.out


def test_unverified_results_expire_sooner(site, tmp_path):
    _serve(site)
    write_config(tmp_path, allow_private_hosts=True, max_age_unverified=0)
    _article(site, tmp_path)
    run_runner("check", "a.md", cwd=tmp_path)
    before = len(site.server.log)
    run_runner("check", "a.md", cwd=tmp_path)
    paths = {p for _, p in site.requests()[before:]}
    assert "/blocked" in paths and "/ok" not in paths and "/moved" not in paths


def test_max_ages_unit(tmp_path):
    cache = LinkCache(tmp_path, max_age=100, max_age_unverified=10)
    now = time.time()
    cache.store([LinkResult("https://a.org/", "ok", checked_at=now - 50),
                 LinkResult("https://b.org/", "unverified", "timeout", checked_at=now - 50),
                 LinkResult("https://c.org/", "dead", "404", checked_at=now),
                 LinkResult("https://d.org/", "unverified", "budget", cacheable=False),
                 LinkResult("https://e.org/", "redirected", final_url="https://e.org/x", checked_at=now - 150)])
    urls = dict.fromkeys(["https://a.org/", "https://b.org/", "https://c.org/", "https://d.org/",
                          "https://e.org/"], False)
    fresh = cache.fresh(urls, allow_private=False, now=now)
    assert set(fresh) == {"https://a.org/"} and fresh["https://a.org/"].cached
    assert cache.known_dead(urls) == {"https://c.org/"}  # never fresh, but asked with GET at once
    # Fragment checks need the page's anchors, which an ok from a HEAD does not have.
    assert cache.fresh({"https://a.org/": True}, allow_private=False, now=now) == {}
    with sqlite3.connect(cache.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_broken_cache_file_is_a_warning_and_is_rebuilt(site, tmp_path):
    _serve(site)
    write_config(tmp_path, allow_private_hosts=True)
    _article(site, tmp_path)
    (tmp_path / ".artlint_cache").mkdir()
    (tmp_path / ".artlint_cache" / "links.sqlite3").write_bytes(b"this is not a database" * 100)
    r = run_exe("check", "--format", "json", "a.md", cwd=tmp_path)
    assert r.code == 1 and _rules(r) == EXPECTED
    [warning] = [line for line in r.err.splitlines() if "warning" in line]
    assert warning.startswith("artlint: warning: the link cache ") and "links.sqlite3.corrupt" in warning
    assert (tmp_path / ".artlint_cache" / "links.sqlite3.corrupt").read_bytes().startswith(b"this is not")
    again = run_exe("check", "--format", "json", "a.md", cwd=tmp_path)  # the new file is in use
    assert _rules(again) == EXPECTED and "from the cache" in again.err and "warning" not in again.err


def test_two_processes_at_once(site, tmp_path):
    """Two artlint processes check the same articles with the same cache at the same time: both
    give the full answer, and a third run finds every result in the cache."""
    for i in range(30):
        site.route(f"/p{i}")
    site.route("/gone", 404)
    write_config(tmp_path, allow_private_hosts=True, jobs=4)
    body = "\n".join(f"- [page {i}]({site.url(f'/p{i}')})" for i in range(30))
    write(tmp_path, "a.md", f"# A\n\n{body}\n- [gone]({site.url('/gone')})\n")
    procs = [subprocess.Popen([artlint_exe(), "check", "--format", "json", "a.md"], cwd=tmp_path, env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 1, err
        assert "warning" not in err, err
        assert '"dead-link"' in out
    r = run_exe("check", "--format", "json", "a.md", cwd=tmp_path)
    assert "Links: 31 checked (30 from the cache)" in r.err
    with sqlite3.connect(tmp_path / ".artlint_cache" / "links.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM links").fetchone()[0] == 31
