"""The online-link rules' own examples, checked for real: every http(s) URL in an example is served
by a local server (the answer each address gets is in ROUTES below), except names under
``.invalid``, which go to the real resolver and do not exist (RFC 6761).

tests/test_rule_examples.py runs the offline rules' examples; it skips these, whose check finds
nothing without the network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from artlint.config import Config
from artlint.links.args import LinkArgs
from artlint.links.runner import OnlineLinks
from artlint.reporters import FileResult
from conftest import ALL_RULES
from links_support import FAST, Site

ONLINE_RULES = [r for r in ALL_RULES if getattr(r.checker, "name", "") == "online-link"]
PAGE = '<html><body><h1>World Energy Outlook 2023</h1><h2 id="overview">Overview</h2></body></html>'

# What each address in the examples answers: (status, Location or page body).
ROUTES = {
    "https://www.iea.org/reports/world-energy-outlook-2019-draft": (404, ""),
    "https://www.iea.org/reports/world-energy-outlook-2023": (200, PAGE),
    "https://www.eia.gov/todayinenergy/retired-brief.php": (410, ""),
    "http://www.csis.org/analysis/chip-controls": (301, "https://www.csis.org/analysis/chip-controls"),
    "https://www.csis.org/analysis/chip-controls": (200, PAGE),
    "https://www.reuters.com/markets/asia/chip-export-curbs-2024-05-02/": (403, ""),
    "https://stats.port-of-salalah.com/sailings": (503, ""),
    "https://www.drewry.co.uk/supply-chain-advisors/wci": (429, ""),
    "https://data.worldbank.org/latest": (302, "https://data.worldbank.org/latest/2024-11"),
    "https://data.worldbank.org/latest/2024-11": (200, PAGE),
}
_URL = re.compile(r"https?://[^\s)>\]`]+")


def _address(url: str) -> str:
    return url.split("#")[0]


@pytest.fixture(scope="module")
def site():
    s = Site()

    def local(url: str) -> str:
        scheme, rest = url.split("://", 1)
        return s.url(f"/{scheme}/{rest}")

    for url, (status, extra) in ROUTES.items():
        path = "/" + url.replace("://", "/", 1)
        if 300 <= status < 400:
            s.route(path, status, headers={"Location": local(extra)})
        elif status == 429:
            s.route(path, status, headers={"Retry-After": "3600"})
        else:
            s.route(path, status, extra)
    s.local = local
    yield s
    s.stop()


def localise(site, example: str) -> str:
    def swap(m: re.Match) -> str:
        url = m.group(0)
        host = url.split("://", 1)[1].split("/", 1)[0]
        return url if host.endswith(".invalid") else site.local(url)

    return _URL.sub(swap, example)


def lint_online(site, rule, example: str, tmp_path: Path):
    config = Config(root=tmp_path, check_links=True,
                    links={**FAST, "allow-private-hosts": True, "cache": False,
                           "check-fragments": rule.options["verdict"] == "missing-anchor"})
    online = OnlineLinks(LinkArgs())
    result = FileResult("article.md", [], [])
    online.add(result, localise(site, example), Path("article.md"), config, [rule], level=2)
    online.check()
    return [d for d in result.diagnostics if d.rule == rule.id]


def test_there_are_online_rules():
    assert {r.id for r in ONLINE_RULES} == {"dead-link", "unverified-link", "redirected-link", "missing-link-anchor"}


def test_every_example_address_is_served():
    for rule in ONLINE_RULES:
        for example in rule.examples["bad"] + rule.examples["good"]:
            for url in _URL.findall(example):
                if "`" in example and f"`{url}`" in example or ".invalid/" in url:
                    continue
                assert _address(url) in ROUTES, f"{rule.id}: add {url} to ROUTES"


CASES = [pytest.param(rule, kind, i, example, id=f"{rule.id}-{kind}{i}")
         for rule in ONLINE_RULES for kind in ("bad", "good") for i, example in enumerate(rule.examples[kind])]


@pytest.mark.parametrize("rule, kind, index, example", CASES)
def test_online_rule_example(site, tmp_path, rule, kind, index, example):
    found = lint_online(site, rule, example, tmp_path)
    if kind == "bad":
        assert found, f"{rule.id}: bad example {index} was not flagged:\n{example}"
    else:
        assert not found, f"{rule.id}: good example {index} was flagged: {[d.message for d in found]}"


def test_online_rules_find_nothing_offline():
    from conftest import lint

    for rule in ONLINE_RULES:
        for example in rule.examples["bad"]:
            assert not [d for d in lint(example, [rule.id]) if d.rule == rule.id]


def test_redirect_example_fix(site, tmp_path):
    [rule] = [r for r in ONLINE_RULES if r.id == "redirected-link"]
    [d] = lint_online(site, rule, rule.examples["bad"][0], tmp_path)
    assert d.fix == site.local("https://www.csis.org/analysis/chip-controls")
    assert d.severity == "info" and d.category == "link"
