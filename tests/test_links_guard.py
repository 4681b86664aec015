"""The private-address guard: without --allow-private-hosts, artlint never connects to loopback,
private, link-local, multicast or reserved addresses, neither for a link nor for a redirect hop."""

from __future__ import annotations

import ipaddress
import json

import pytest

from artlint.links.checker import LinkChecker
from artlint.links.guard import address_kind
from artlint.links.settings import HostSettings, LinkSettings
from links_support import cli, run_runner, site, write, write_config  # noqa: F401 - fixtures

FAST = dict(timeout=0.5, connect_timeout=0.5, backoff=0.05, delay=0.0, cache=False)


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "a loopback"), ("127.8.9.10", "a loopback"), ("::1", "a loopback"),
    ("::ffff:127.0.0.1", "a loopback"), ("10.0.0.5", "a private"), ("172.16.3.4", "a private"),
    ("192.168.1.20", "a private"), ("fd00::1", "a private"), ("169.254.169.254", "a link-local"),
    ("fe80::1", "a link-local"), ("224.0.0.251", "a multicast"), ("ff02::1", "a multicast"),
    ("0.0.0.0", "an unspecified"), ("100.64.0.1", "a reserved"), ("240.0.0.1", "a reserved"),
    ("8.8.8.8", None), ("2606:4700:4700::1111", None), ("93.184.216.34", None),
    # IPv6 forms that carry an IPv4 address are as off limits as the address they carry.
    ("2002:7f00:1::", "a loopback"), ("2002:a00:5::1", "a private"), ("2002:a9fe:a9fe::", "a link-local"),
    ("2002:808:808::1", None),  # 6to4 of a public address
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "a private"),  # Teredo: a host behind a NAT
    ("2001:0:808:808:0:0:f7f7:f7f7", "a private"),  # Teredo, even with public server and client
    ("64:ff9b::7f00:1", "a loopback"), ("64:ff9b::a9fe:a9fe", "a link-local"), ("64:ff9b::c0a8:101", "a private"),
    ("64:ff9b::808:808", None),  # NAT64 of a public address (DNS64 answers so on IPv6-only networks)
    ("::ffff:10.1.2.3", "a private"), ("::ffff:169.254.169.254", "a link-local"), ("::ffff:8.8.8.8", None),
    ("::127.0.0.1", "a loopback"), ("::10.0.0.1", "a private"),  # IPv4-compatible (deprecated)
])
def test_address_kinds(address, kind):
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_loopback_link_is_not_fetched(site):
    site.route("/secret")
    results = LinkChecker(LinkSettings(**FAST)).check({site.url("/secret"): False})
    result = results[site.url("/secret")]
    assert result.verdict == "unverified"
    assert "not fetched: 127.0.0.1 is a loopback address" in result.reason
    assert "--allow-private-hosts" in result.reason
    assert not result.cacheable
    assert site.server.log == []


def test_a_name_that_resolves_to_loopback_is_not_fetched(site):
    site.route("/secret")
    url = f"http://localhost:{site.server.port}/secret"
    result = LinkChecker(LinkSettings(**FAST)).check({url: False})[url]
    assert result.verdict == "unverified"
    assert "'localhost' resolves to a loopback address" in result.reason
    assert site.server.log == []


def test_redirect_to_a_private_address_is_not_followed(site):
    """A host that may be fetched (here: localhost, allowed by name) redirects to 127.0.0.1,
    which is not allowed: the hop is vetted before connecting, so it never reaches the server."""
    site.redirect("/innocent", site.url("/admin"), 302)
    site.route("/admin")
    url = f"http://localhost:{site.server.port}/innocent"
    settings = LinkSettings(**FAST, hosts=(("localhost", HostSettings(allow_private=True)),))
    result = LinkChecker(settings).check({url: False})[url]
    assert result.verdict == "unverified"
    assert "not fetched: 127.0.0.1 is a loopback address" in result.reason
    assert site.requests() == [("GET", "/innocent")]


def test_allow_private_hosts_lifts_the_guard(site):
    site.route("/page")
    url = site.url("/page")
    results = LinkChecker(LinkSettings(**FAST, allow_private=True)).check({url: False})
    assert results[url].verdict == "ok" and results[url].private
    assert site.requests() == [("GET", "/page")]


def test_guard_through_the_cli(cli, site, tmp_path):
    site.route("/metadata")
    site.redirect("/hop", site.url("/metadata"), 301)
    write_config(tmp_path)
    write(tmp_path, "a.md", f"Internal [dashboard]({site.url('/metadata')}) and {site.url('/hop')}.\n")
    r = cli("check", "--format", "json", "--select", "unverified-link", "a.md", cwd=tmp_path)
    assert r.code == 1, r.err
    found = {d["match"]: d for d in r.json()}
    assert set(found) == {site.url("/metadata"), site.url("/hop")}
    for d in found.values():
        assert d["rule"] == "unverified-link" and d["severity"] == "warning"
        assert "127.0.0.1 is a loopback address" in d["message"]
    assert site.server.log == []
    # With the flag, the same links are checked (and the permanent redirect reported).
    r = cli("check", "--format", "json", "--allow-private-hosts", "--select", "link", "a.md", cwd=tmp_path)
    rules = {d["match"]: d["rule"] for d in r.json() if d["rule"] != "non-public-link-host"}
    assert rules == {site.url("/hop"): "redirected-link"}, r.out


def test_a_result_obtained_through_a_private_address_is_not_reused_without_the_flag(site, tmp_path):
    site.route("/page")
    write_config(tmp_path)
    write(tmp_path, "a.md", f"See {site.url('/page')}.\n")
    r = run_runner("check", "--format", "json", "--allow-private-hosts", "--select", "unverified-link", "a.md",
                   cwd=tmp_path)
    assert r.code == 0 and json.loads(r.out) == []
    assert site.hits("/page") == 1
    r = run_runner("check", "--format", "json", "--select", "unverified-link", "a.md", cwd=tmp_path)
    [d] = json.loads(r.out)
    assert "loopback" in d["message"]
    assert site.hits("/page") == 1  # blocked, not fetched again, and the cached "ok" not used


@pytest.mark.parametrize("url, words", [
    ("http://[::1]:9/x", "::1 is a loopback address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://0.0.0.0:9/", "0.0.0.0 is an unspecified address"),
    ("http://10.1.2.3/admin", "10.1.2.3 is a private address"),
    ("https://[fd00::5]/", "fd00::5 is a private address"),
    ("http://[2002:7f00:1::]:9/x", "2002:7f00:1:: is a loopback address"),
    ("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", "64:ff9b::a9fe:a9fe is a link-local address"),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "is a private address"),
])
def test_no_connection_is_attempted_to_non_public_literals(url, words):
    checker = LinkChecker(LinkSettings(**FAST))
    result = checker.check({url: False})[url]
    assert result.verdict == "unverified" and words in result.reason, result.reason
    assert checker.requests_made == 1  # one attempt, refused before connecting (no retries)
