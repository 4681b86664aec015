"""`artlint check --check-links` end to end: the console script and CliRunner against a real local
server; which links are fetched, how results become diagnostics, config, output and start-up."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest

from conftest import artlint_exe
from links_support import _env, cli, run_exe, run_runner, site, write, write_config  # noqa: F401
from runcli import in_process

ONLINE = {"dead-link", "unverified-link", "redirected-link", "missing-link-anchor"}


def online(r) -> list[tuple]:
    return sorted((d["path"], d["line"], d["column"], d["rule"], d["match"]) for d in r.json()
                  if d["rule"] in ONLINE)


def test_end_to_end(cli, site, tmp_path):
    site.route("/ok")
    site.route("/gone", 404)
    site.redirect("/old", site.url("/new"), 301)
    site.route("/new")
    write_config(tmp_path, allow_private_hosts=True)
    write(tmp_path, "posts/one.md",
          f"# One\n\nThe [report]({site.url('/gone')}) and the [data][d].\n\n[d]: {site.url('/ok')}\n")
    write(tmp_path, "posts/two.md", f"# Two\n\nAgain <{site.url('/gone')}> and {site.url('/old#part-2')}.\n")
    write(tmp_path, "posts/three.txt", f"Plain text: {site.url('/gone')}, then more.\n")
    r = cli("check", "--format", "json", "posts", cwd=tmp_path)
    assert r.code == 1, r.err
    gone, old = site.url("/gone"), site.url("/old#part-2")
    two = (tmp_path / "posts/two.md").read_text().splitlines()[2]
    assert online(r) == [
        ("posts/one.md", 3, 14, "dead-link", gone),
        ("posts/three.txt", 1, 13, "dead-link", gone),
        ("posts/two.md", 3, 8, "dead-link", gone),
        ("posts/two.md", 3, two.index(old) + 1, "redirected-link", old),
    ]
    by_rule = {d["rule"]: d for d in r.json() if d["rule"] in ONLINE}
    dead = by_rule["dead-link"]
    assert (dead["category"], dead["severity"]) == ("link", "error")
    assert dead["message"] == f"Dead link {gone}: 404 Not Found"
    moved = by_rule["redirected-link"]
    assert moved["severity"] == "info"
    assert moved["fix"] == site.url("/new#part-2")  # the fragment is kept
    assert moved["message"] == f"Link {old} has moved permanently to {site.url('/new#part-2')}"
    # The same URL in three files was fetched once (a GET: its page is read for soft 404s).
    assert site.requests().count(("GET", "/gone")) == 1
    assert ("HEAD", "/gone") not in site.requests()
    assert "Links: 3 checked in" in r.err and "1 dead, 0 unverified, 1 redirected, 1 ok" in r.err


def test_text_output_ends_with_the_link_summary(site, tmp_path):
    site.route("/ok")
    write_config(tmp_path, allow_private_hosts=True)
    write(tmp_path, "a.md", f"# A\n\nSee the [data]({site.url('/ok')}).\n")
    r = run_exe("check", "--select", "dead-link,unverified-link", "a.md", cwd=tmp_path)
    assert r.code == 0
    lines = r.out.strip().splitlines()
    assert lines[-1].startswith("Links: 1 checked in ")
    assert lines[-1].endswith("0 dead, 0 unverified, 0 redirected, 1 ok.")
    assert "Links:" not in r.err


def test_check_links_from_config_and_the_flag_overrides_it(site, tmp_path):
    site.route("/gone", 404)
    write(tmp_path, "a.md", f"# A\n\nSee the [data]({site.url('/gone')}).\n")
    write_config(tmp_path, check_links=False, allow_private_hosts=True)
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert online(r) == [] and site.server.log == [] and "Links:" not in r.err
    r = run_runner("check", "--format", "json", "--check-links", "a.md", cwd=tmp_path)
    assert [d[3] for d in online(r)] == ["dead-link"]
    write_config(tmp_path, check_links=True, allow_private_hosts=True)
    r = run_runner("check", "--format", "json", "--no-cache", "a.md", cwd=tmp_path)
    assert [d[3] for d in online(r)] == ["dead-link"]
    before = len(site.server.log)
    r = run_runner("check", "--format", "json", "--no-check-links", "a.md", cwd=tmp_path)
    assert online(r) == [] and len(site.server.log) == before


def test_without_any_config_nothing_is_fetched(site, tmp_path):
    site.route("/gone", 404)
    write(tmp_path, "a.md", f"# A\n\nSee the [data]({site.url('/gone')}).\n")
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert online(r) == [] and site.server.log == []


def test_malformed_and_code_links_are_not_fetched(site, tmp_path):
    site.route("/x", 404)
    u = site.url("/x")
    bad = u.replace("http://", "htps://")
    text = (f"# A\n\n(reversed)[{u}] and [spaced] ({u}) and [spaces]({u}/a b) and [typo]({bad}) and "
            f"[open]({u}\n\nCode: `{u}` and\n\n```\n{u}\n```\n\n<!-- {u} -->\n")
    write_config(tmp_path, allow_private_hosts=True)
    write(tmp_path, "a.md", text)
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert online(r) == []
    assert {"reversed-link-syntax", "space-in-link-syntax", "link-scheme-typo"} <= {d["rule"] for d in r.json()}
    assert site.server.log == []
    assert "Links: no external links to check." in r.err


def test_exclude_and_skipped_hosts_are_not_fetched(site, tmp_path):
    site.route("/private/a", 404)
    site.route("/b", 404)
    write(tmp_path, "a.md", f"# A\n\n[a]({site.url('/private/a')}) [b]({site.url('/b')}) "
                            f"[c](http://gone.artlint-test.invalid/c)\n")
    write_config(tmp_path, allow_private_hosts=True, exclude=["/private/"],
                 hosts={"*.artlint-test.invalid": {"skip": True}})
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [d[4] for d in online(r)] == [site.url("/b")]
    assert {p for _, p in site.requests()} == {"/b"}


def test_selection_suppression_and_severity(site, tmp_path):
    site.route("/gone", 404)
    site.route("/blocked", 403)
    g, b = site.url("/gone"), site.url("/blocked")
    write(tmp_path, "a.md", f"# A\n\n[g]({g}) [b]({b})\n\n<!-- artlint-disable-next-line dead-link -->\n[g2]({g})\n")
    write_config(tmp_path, allow_private_hosts=True)
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [(d[1], d[3]) for d in online(r)] == [(3, "dead-link"), (3, "unverified-link")]
    r = run_runner("check", "--format", "json", "--ignore", "dead-link", "a.md", cwd=tmp_path)
    assert [d[3] for d in online(r)] == ["unverified-link"]
    # Unverified links need not fail CI: lower the rule, or fail only on errors.
    r = run_runner("check", "--format", "json", "--select", "unverified-link", "a.md", cwd=tmp_path)
    assert r.code == 1
    r = run_runner("check", "--format", "json", "--select", "unverified-link", "--fail-on", "error", "a.md",
                   cwd=tmp_path)
    assert r.code == 0 and [d[3] for d in online(r)] == ["unverified-link"]
    config = (tmp_path / ".artlint.toml").read_text()
    (tmp_path / ".artlint.toml").write_text(config + '\n[severity]\n"unverified-link" = "info"\n')
    r = run_runner("check", "--format", "json", "--select", "unverified-link", "a.md", cwd=tmp_path)
    assert r.code == 0 and [d["severity"] for d in r.json()] == ["info"]


def test_ignoring_the_online_rules_fetches_nothing(site, tmp_path):
    site.route("/gone", 404)
    write(tmp_path, "a.md", f"# A\n\n[g]({site.url('/gone')})\n")
    write_config(tmp_path, allow_private_hosts=True)
    r = run_runner("check", "--format", "json", "--ignore", "link", "a.md", cwd=tmp_path)
    assert r.code == 0 and site.server.log == []


def test_missing_anchor_with_check_fragments(site, tmp_path):
    site.route("/page", body='<html><h2 id="overview">Overview</h2></html>')
    write(tmp_path, "a.md", f"# A\n\n[a]({site.url('/page#overview')}) [b]({site.url('/page#methods')})\n")
    write_config(tmp_path, allow_private_hosts=True)
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert online(r) == []  # fragments are not checked by default
    write_config(tmp_path, allow_private_hosts=True, check_fragments=True)
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    [d] = [d for d in r.json() if d["rule"] in ONLINE]
    assert (d["rule"], d["match"], d["severity"]) == ("missing-link-anchor", site.url("/page#methods"), "warning")
    assert d["message"] == f"Page {site.url('/page')} has no anchor '#methods'"
    assert ("GET", "/page") in site.requests()
    # The page's anchors are cached: a second run asks nothing.
    before = len(site.server.log)
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [d["rule"] for d in r.json() if d["rule"] in ONLINE] == ["missing-link-anchor"]
    assert len(site.server.log) == before


@pytest.mark.parametrize("config, needle", [
    ("[links]\njobs = 0\n", "links.jobs: 0 is less than the minimum of 1"),
    ("[links]\ntimeout = \"fast\"\n", "links.timeout: 'fast' is not of type 'number'"),
    ("[links]\nbogus = 1\n", "links.bogus: unknown key"),
    ("[links]\nexclude = [\"(\"]\n", "links.exclude[0]: invalid regular expression"),
    ("[links.hosts.\"x.org\"]\nskip = \"yes\"\n", "links.hosts.x.org.skip: 'yes' is not of type 'boolean'"),
    ("check-links = 1\n", "check-links: 1 is not of type 'boolean'"),
])
def test_link_settings_are_validated(cli, tmp_path, config, needle):
    (tmp_path / ".artlint.toml").write_text("check-links = true\n" + config if not config.startswith("check")
                                            else config)
    write(tmp_path, "a.md", "# A\n\nText [x](https://www.iea.org/).\n")
    r = cli("check", "a.md", cwd=tmp_path)
    assert r.code == 2, (r.out, r.err)
    assert needle in r.err, r.err


def test_pyproject_table(site, tmp_path):
    site.route("/gone", 404)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.artlint]\ncheck-links = true\n\n[tool.artlint.links]\nallow-private-hosts = true\ntimeout = 1\n"
        "cache = false\n")
    write(tmp_path, "a.md", f"# A\n\n[g]({site.url('/gone')})\n")
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [d[3] for d in online(r)] == ["dead-link"]
    assert not (tmp_path / ".artlint_cache").exists()
    (tmp_path / "pyproject.toml").write_text("[tool.artlint.links]\nretries = -1\n")
    r = run_runner("check", "a.md", cwd=tmp_path)
    assert r.code == 2 and "tool.artlint.links.retries" in r.err


@in_process
def test_jobs_links_option(cli, tmp_path):
    write(tmp_path, "a.md", "# A\n\nText.\n")
    r = cli("check", "--check-links", "--jobs-links", "0", "a.md", cwd=tmp_path)
    assert r.code == 2 and "--jobs-links" in r.err
    r = cli("check", "--check-links", "--jobs-links", "3", "a.md", cwd=tmp_path)
    assert r.code == 0 and "Links: no external links to check." in r.out


def test_plain_check_does_not_import_requests(tmp_path):
    write(tmp_path, "a.md", "# A\n\nThe [data](https://www.iea.org/data) are here.\n")
    code = ("import sys\nfrom artlint.cli import main\ntry:\n    main(['check', 'a.md'])\nexcept SystemExit:\n"
            "    pass\nprint('requests' in sys.modules, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().splitlines()[-1] == "False", proc.stderr


def test_progress_bar_only_on_a_terminal(site, tmp_path):
    for i in range(5):
        site.route(f"/p{i}")
    write_config(tmp_path, allow_private_hosts=True, cache=False)
    write(tmp_path, "a.md", "# A\n\n" + " ".join(f"[p]({site.url(f'/p{i}')})" for i in range(5)) + "\n")
    # stderr on a pseudo-terminal: the bar is drawn, then erased.
    master, slave = pty.openpty()
    proc = subprocess.Popen([artlint_exe(), "check", "--format", "json", "a.md"], cwd=tmp_path, env=_env(),
                            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.communicate(timeout=30)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert "Checking links [" in text and "5/5" in text, text
    assert "\r\x1b[K" in text
    # Not a terminal: quiet.
    r = run_exe("check", "--format", "json", "a.md", cwd=tmp_path)
    assert "Checking links" not in r.err and "Links: 5 checked" in r.err


@in_process
def test_online_rules_are_listed_and_explained(cli, tmp_path):
    r = cli("rules", "--format", "json", cwd=tmp_path)
    rules = {d["id"]: d for d in json.loads(r.out)}
    assert {rules[i]["severity"] for i in ONLINE} == {"error", "warning", "info"}
    assert all(rules[i]["category"] == "link" and rules[i]["check"] == "online-link" for i in ONLINE)
    r = cli("rule", "dead-link", cwd=tmp_path)
    assert r.code == 0 and "--check-links" in r.out


def test_readme_link_settings_example_is_valid(tmp_path):
    from artlint.config import load_config_file
    from artlint.links.settings import settings_from_config
    from conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("## Checking links online"):]
    example = section[section.index("```toml\n") + 8: section.index("```", section.index("```toml\n") + 8)]
    (tmp_path / "pyproject.toml").write_text(example)
    config = load_config_file(tmp_path / "pyproject.toml")
    settings = settings_from_config(config)
    assert config.check_links and settings.jobs == 64 and settings.accept == {403}
    assert settings.excluded("https://twitter.com/x") and not settings.excluded("https://twitterXcom/")
    assert settings.host("www.sec.gov").headers["User-Agent"].startswith("Example Research")
    assert settings.host("a.internal.example.org").skip and not settings.host("example.org").skip
    assert settings.cache_dir == tmp_path / ".artlint_cache"


def test_a_linted_document_is_not_parsed_again():
    from artlint.engine import lint_text, parsed_document

    text = "# A\n\nSee [x](https://www.iea.org/).\n"
    lint_text(text, [], "a.md", format="markdown", lang="en")
    doc = parsed_document(text, "a.md", format="markdown", lang="en")
    assert parsed_document(text, "a.md", format="markdown", lang="en") is doc
    assert parsed_document(text + "More.\n", "a.md", format="markdown", lang="en") is not doc
    assert parsed_document(text, "b.md", format="markdown", lang="en") is not doc
