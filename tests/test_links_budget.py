"""Budgets that hold: against servers that drip their headers or body, never close, or send
headers without end (tests/links_support.py ``Hostile``), every fetch ends by its deadline
(``request-timeout``), the run's budget cuts the requests in flight, and ``artlint audit
--timeout`` is bounded the same way. Each case is reported ``unverified`` (or as a failed fetch).

The per-read timeout is set far above the deadlines (30 s): the server sends a byte every
0.25 s, so only a whole-request deadline can end these requests. The deadlines are 2 s; the
bounds on wall time leave a wide margin for a busy machine."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import time

import pytest
import requests

from artlint.links.checker import LinkChecker
from artlint.links.deadline import DeadlineAdapter, within
from artlint.links.settings import LinkSettings
from links_support import Hostile, cli, hostile, run_runner, write, write_config  # noqa: F401 - fixtures

MARGIN = 10.0  # seconds of slack over a 2 s deadline on a busy 2-core machine
HOSTILE = dict(timeout=30.0, connect_timeout=5.0, delay=0.0, per_host=8, backoff=0.05, allow_private=True,
               cache=False)
NEVER_ENDING = ["/drip-headers", "/drip-body", "/never-close"]


def timed_check(urls: dict[str, bool], get_first=frozenset(), **settings):
    checker = LinkChecker(LinkSettings(**{**HOSTILE, **settings}))
    start = time.monotonic()
    results = checker.check(urls, get_first)
    return results, time.monotonic() - start


@pytest.fixture(scope="module")
def deadline_run():
    """One run over every case at once (request-timeout 2 s): the cases cost 2 s together."""
    server = Hostile()
    # HEAD reads no body, so the body cases are links whose page is read (for a #fragment), and
    # a GET whose short body is drained so that the connection can be reused (?drain).
    urls = {server.url(p): p != "/drip-headers" for p in NEVER_ENDING}
    urls.update({server.url("/drip-body?drain"): False, server.url("/endless-headers"): False,
                 server.url("/huge-headers"): False, server.url("/ok"): False})
    results, seconds = timed_check(urls, {server.url("/drip-body?drain")}, request_timeout=2.0, budget=60.0)
    server.stop()
    return server, results, seconds


def test_the_deadline_run_ends_in_time(deadline_run):
    _, _, seconds = deadline_run
    assert seconds < 2.0 + MARGIN


@pytest.mark.parametrize("path", [*NEVER_ENDING, "/drip-body?drain"])
def test_each_request_ends_at_its_deadline(deadline_run, path):
    server, results, _ = deadline_run
    result = results[server.url(path)]
    assert (result.verdict, result.reason) == ("unverified", "no complete answer within 2 s")


def test_a_deadline_is_not_retried_and_other_links_still_get_answers(deadline_run):
    server, results, _ = deadline_run
    assert results[server.url("/ok")].verdict == "ok"
    assert server.served["/drip-headers"] == 1 and server.served["/never-close"] == 1
    assert server.served["/drip-body"] == 2  # the page read for its anchors, and the drained one


@pytest.mark.parametrize("path, reason", [
    ("/endless-headers", "the server sent more than 100 header lines"),
    ("/huge-headers", "the server's headers are larger than 64 KiB"),
])
def test_headers_are_capped_in_number_and_size(deadline_run, path, reason):
    server, results, _ = deadline_run
    result = results[server.url(path)]
    assert (result.verdict, result.reason) == ("unverified", reason)
    assert server.served[path] == 1  # not retried


def test_the_budget_cuts_the_requests_in_flight(hostile):
    urls = {hostile.url(p): p != "/drip-headers" for p in NEVER_ENDING}
    results, seconds = timed_check(urls, request_timeout=30.0, budget=2.0, per_host=2)
    assert seconds < 2.0 + MARGIN
    reasons = sorted(results[u].reason for u in urls)
    assert all(results[u].verdict == "unverified" and not results[u].cacheable for u in urls)
    # Two ran (per-host 2) and were cut; the third never started.
    assert reasons == ["cut off: time budget exhausted (2 s)"] * 2 + ["not checked: time budget exhausted (2 s)"]


def test_check_links_run_ends_within_its_budget(cli, hostile, tmp_path):
    write_config(tmp_path, timeout=30, request_timeout=30, budget=2, allow_private_hosts=True,
                 check_fragments=True, hosts={"127.0.0.1": {"per-host": 8}})
    write(tmp_path, "a.md", f"See {hostile.url('/drip-headers')} and [the page]({hostile.url('/drip-body')}#part) "
                            f"and [this]({hostile.url('/never-close')}#end).\n")
    start = time.monotonic()
    r = cli("check", "--format", "json", "--select", "unverified-link", "a.md", cwd=tmp_path)
    assert time.monotonic() - start < 2.0 + MARGIN
    assert r.code == 1, r.err
    found = {d["match"].split("#")[0]: d["message"] for d in r.json()}
    assert set(found) == {hostile.url(p) for p in NEVER_ENDING}
    assert all("cut off: time budget exhausted (2 s)" in m for m in found.values()), found


def test_audit_timeout_bounds_each_fetch(hostile, tmp_path):
    write(tmp_path, "local.md", "A fine article.\n")
    start = time.monotonic()
    r = run_runner("audit", "--allow-private-hosts", "--timeout", "2", "-j", "1", "local.md", hostile.url("/drip-body"),
                   hostile.url("/endless-headers"), cwd=tmp_path)
    assert time.monotonic() - start < 2.0 + MARGIN
    files = {rec["path"]: rec for rec in map(json.loads, r.out.splitlines()) if rec["type"] == "file"}
    assert files[hostile.url("/drip-body")]["message"] == "cannot fetch: no complete answer within 2 s"
    assert files[hostile.url("/endless-headers")]["message"] == "cannot fetch: the server sent more than 100 header lines"
    assert files["local.md"]["status"] == "ok"
    assert r.code == 1  # articles that could not be fetched


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


def test_tls_reads_keep_the_deadline(tls_files):
    """Over TLS the reads go through the SSL socket (not the plain one under it): it keeps the
    deadline too, for the headers and the body."""
    cert, key = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Hostile(tls=context)
    session = requests.Session()
    session.mount("https://", DeadlineAdapter(max_retries=0))
    try:
        ok = session.get(server.url("/ok").replace("http:", "https:"), verify=str(cert), timeout=30)
        assert ok.status_code == 200  # the certificate is trusted: the cases below get past TLS
        for path in ("/drip-headers", "/drip-body"):
            start = time.monotonic()
            with within(start + 1.5) as deadline, pytest.raises(requests.RequestException):
                with session.get(server.url(path).replace("http:", "https:"), verify=str(cert), timeout=30,
                                 stream=True) as response:
                    response.content  # noqa: B018 - read the body
            assert deadline.tripped, path
            assert time.monotonic() - start < 1.5 + MARGIN, path
    finally:
        session.close()
        server.stop()
