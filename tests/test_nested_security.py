"""Security settings only from where they can be trusted (artlint.trust): a nested config's
``allow-private-hosts`` covers only the files it governs, and the root config
(``nested-security = "forbid"``) or the command line (``--nested-security forbid``) can forbid
nested configs to set security settings at all. Real configs in temporary folders, real requests
to a local server (which the private-address guard blocks unless a lift applies)."""

from __future__ import annotations

from pathlib import Path

from artlint.config import load_config_file
from artlint.links.settings import PrivateAccess, access_from_config
from artlint.trust import vetted
from links_support import cli, run_runner, site, write, write_config  # noqa: F401 - fixtures


def project(tmp_path: Path, site, root_extra: str = "", nested_extra: str = "") -> None:
    """A root config that lifts nothing, and a nested one in ``a-lab/`` (linted first) that sets
    ``allow-private-hosts`` and a day-long budget; each folder has an article."""
    # (timeouts far above the local server's answer: a busy machine must not turn a fetch into "no answer")
    root = write_config(tmp_path, timeout=10, connect_timeout=10)
    root.write_text(root_extra + root.read_text())
    (tmp_path / "a-lab").mkdir()
    nested = write_config(tmp_path / "a-lab", allow_private_hosts=True, budget=86400, timeout=10, connect_timeout=10)
    nested.write_text(nested_extra + nested.read_text())
    site.route("/lab-page")
    site.route("/root-page")
    site.route("/shared")
    write(tmp_path / "a-lab", "b.md", f"See {site.url('/lab-page')} and {site.url('/shared')}.\n")
    write(tmp_path, "z.md", f"See {site.url('/root-page')} and {site.url('/shared')}.\n")


def blocked(result) -> dict[str, list[str]]:
    """File -> the URLs reported as not fetched because of their address."""
    out: dict[str, list[str]] = {}
    for d in result.json():
        assert d["rule"] == "unverified-link" and "loopback" in d["message"], d
        out.setdefault(d["path"], []).append(d["match"])
    return out


def check(*args, cwd: Path):
    return run_runner("check", "--format", "json", "--select", "unverified-link", *args, ".", cwd=cwd)


def test_a_nested_lift_covers_only_the_files_it_governs(site, tmp_path):
    project(tmp_path, site)
    r = check(cwd=tmp_path)
    assert r.code == 1, r.err
    # The root's files are not lifted, although a nested config that lifts was met first...
    assert blocked(r) == {"z.md": [site.url("/root-page"), site.url("/shared")]}
    assert site.hits("/root-page") == 0
    # ...and the nested config's own files are.
    assert site.hits("/lab-page") == 1 and site.hits("/shared") == 1
    assert "warning" not in r.err


def test_the_root_config_can_forbid_nested_lifts(site, tmp_path):
    project(tmp_path, site, root_extra='nested-security = "forbid"\n')
    r = check(cwd=tmp_path)
    assert r.code == 1, r.err
    assert blocked(r) == {"a-lab/b.md": [site.url("/lab-page"), site.url("/shared")],
                          "z.md": [site.url("/root-page"), site.url("/shared")]}
    assert site.server.log == []
    [warning] = [line for line in r.err.splitlines() if "warning" in line]
    assert warning == (f"artlint: warning: {tmp_path / 'a-lab' / '.artlint.toml'}: links.allow-private-hosts, "
                       f"links.budget, links.timeout, links.connect-timeout ignored: a nested config may not set security settings "
                       f"(nested-security = \"forbid\" in {tmp_path / '.artlint.toml'})")


def test_the_command_line_can_forbid_or_allow_nested_lifts(cli, site, tmp_path):
    project(tmp_path, site, root_extra='nested-security = "forbid"\n')
    r = cli("check", "--format", "json", "--select", "unverified-link", "--nested-security", "allow", ".",
            cwd=tmp_path)
    assert blocked(r) == {"z.md": [site.url("/root-page"), site.url("/shared")]}  # the command line wins
    r = cli("check", "--format", "json", "--select", "unverified-link", "--nested-security", "forbid",
            "--no-cache", ".", cwd=tmp_path)
    assert set(blocked(r)) == {"a-lab/b.md", "z.md"}
    assert r.err.count("warning") == 1 and "(--nested-security forbid)" in r.err


def test_a_nested_config_cannot_allow_itself(site, tmp_path):
    project(tmp_path, site, root_extra='nested-security = "forbid"\n', nested_extra='nested-security = "allow"\n')
    r = check(cwd=tmp_path)
    assert set(blocked(r)) == {"a-lab/b.md", "z.md"}
    assert "links.connect-timeout, nested-security ignored" in r.err
    assert site.server.log == []


def test_under_forbid_a_nested_config_runs_under_the_root_configs_bounds(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".artlint.toml").write_text('nested-security = "forbid"\n[links]\nbudget = 30\n'
                                            'cache-dir = "cache"\n')
    (tmp_path / "sub" / ".artlint.toml").write_text('select = ["link"]\n[links]\nbudget = 86400\ntimeout = 300\n'
                                                    'jobs = 4\n[links.hosts."*.corp"]\nallow-private = true\n'
                                                    'per-host = 1\n')
    root = load_config_file(tmp_path / ".artlint.toml")
    config, warning = vetted(load_config_file(tmp_path / "sub" / ".artlint.toml"), root, None)
    assert config.links == {"budget": 30, "cache-dir": str(tmp_path.resolve() / "cache"), "jobs": 4,
                            "hosts": {"*.corp": {"per-host": 1}}}
    assert config.select == ["link"]  # the rest of it is used
    assert 'links.timeout, links.hosts."*.corp".allow-private ignored' in warning
    # The root config itself, and any config when nested ones are allowed, is used as it is.
    assert vetted(root, root, None) == (root, None)
    sub = load_config_file(tmp_path / "sub" / ".artlint.toml")
    assert vetted(sub, root, "allow") == (sub, None)


def test_a_hosts_lift_follows_the_host_settings_precedence(tmp_path):
    """An exact host name wins over a glob, as for every other host setting."""
    (tmp_path / ".artlint.toml").write_text('[links.hosts."*.corp.example"]\nallow-private = true\n'
                                            '[links.hosts."vault.corp.example"]\nallow-private = false\n'
                                            '[links.hosts."www.example.org"]\nskip = true\n')
    access = access_from_config(load_config_file(tmp_path / ".artlint.toml"))
    assert access.allows("wiki.corp.example") and access.allows("WIKI.Corp.Example.")
    assert not access.allows("vault.corp.example") and not access.allows("www.example.org")
    assert access_from_config(load_config_file(tmp_path / ".artlint.toml"), allow_everywhere=True).allows("x.org")
    (tmp_path / ".artlint.toml").write_text('[links.hosts."www.example.org"]\nskip = true\n')
    assert access_from_config(load_config_file(tmp_path / ".artlint.toml")) == PrivateAccess()  # one lane
