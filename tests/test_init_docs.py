"""``artlint init`` (config scaffolding), ``artlint docs`` (the generated rule reference) and
``artlint rules --format json`` (the rules for tools)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from artlint.config import find_config_file, load_config_file
from artlint.docs import builtin_reference
from conftest import REPO, RULES_BY_ID
from runcli import cli, in_process, run_runner, write  # noqa: F401

DOC = REPO / "docs" / "rules.md"
PYPROJECT = '[project]\nname = "site"\nversion = "1.0"\n\n[tool.black]\nline-length = 100'


def test_init_appends_to_pyproject(cli, tmp_path):
    write(tmp_path, "pyproject.toml", PYPROJECT)
    r = cli("init", cwd=tmp_path)
    assert r.code == 0, r.err
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(PYPROJECT + "\n\n")
    data = tomllib.loads(text)
    assert data["project"]["name"] == "site" and data["tool"]["black"] == {"line-length": 100}
    assert data["tool"]["artlint"]["fail-on"] == "warning" and "# [tool.artlint.severity]" in text
    assert find_config_file(tmp_path) == tmp_path / "pyproject.toml"
    config = load_config_file(tmp_path / "pyproject.toml")
    assert config.include == ["*.md", "*.markdown", "*.mdx", "*.txt", "*.html", "*.htm", "*.xhtml"] and config.language == "en"
    write(tmp_path, "a.md", "The deal carries strategic weight .\n")
    check = cli("check", "--format", "json", "a.md", cwd=tmp_path)
    assert check.code == 1 and [d["rule"] for d in check.json()] == ["space-before-punctuation"]

    again = cli("init", cwd=tmp_path)
    assert again.code == 2 and "already has a [tool.artlint] table; not overwriting" in again.err
    assert (tmp_path / "pyproject.toml").read_text() == text
    dot = cli("init", "--file", ".artlint.toml", cwd=tmp_path)
    assert dot.code == 2 and not (tmp_path / ".artlint.toml").exists()


@in_process
def test_init_writes_artlint_toml_without_pyproject(cli, tmp_path):
    r = cli("init", cwd=tmp_path)
    assert r.code == 0 and ".artlint.toml" in r.out
    config = load_config_file(tmp_path / ".artlint.toml")
    assert config.fail_on == "warning" and config.select == ["ALL"]
    again = cli("init", cwd=tmp_path)
    assert again.code == 2 and "already configures artlint" in again.err


def test_init_file_option_and_crlf_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", PYPROJECT.replace("\n", "\r\n") + "\r\n")
    r = run_runner("init", "--file", ".artlint.toml", cwd=tmp_path)
    assert r.code == 0 and (tmp_path / ".artlint.toml").is_file()
    assert "artlint" not in (tmp_path / "pyproject.toml").read_text()
    (tmp_path / ".artlint.toml").unlink()
    assert run_runner("init", "--file", "pyproject.toml", cwd=tmp_path).code == 0
    data = (tmp_path / "pyproject.toml").read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")  # the file's own line endings
    load_config_file(tmp_path / "pyproject.toml")


@in_process
def test_init_refuses_a_broken_pyproject(cli, tmp_path):
    write(tmp_path, "pyproject.toml", "[project\nname=")
    r = cli("init", cwd=tmp_path)
    assert r.code == 2 and "not valid TOML" in r.err
    assert (tmp_path / "pyproject.toml").read_text() == "[project\nname="


def test_committed_rule_reference_is_current():
    assert DOC.is_file(), "docs/rules.md is missing: run `artlint docs --output docs/rules.md`"
    assert DOC.read_text("utf-8") == builtin_reference(), (
        "docs/rules.md is stale: run `artlint docs --output docs/rules.md` and commit it")


def test_rule_reference_has_a_section_per_rule():
    text = builtin_reference()
    starts = sorted((text.index(f"\n## {rule_id}\n"), rule_id) for rule_id in RULES_BY_ID)
    ends = [start for start, _ in starts[1:]] + [len(text)]
    for (start, rule_id), end in zip(starts, ends):
        rule, section = RULES_BY_ID[rule_id], text[start:end]
        assert "### What it flags, and why" in section and "### Options" in section
        assert "### Flagged" in section and "### Not flagged" in section
        assert rule.examples["bad"][0].splitlines()[0] in section
        assert ("yes, with `--fix`" in section) == (rule.fix_safety == "safe")


def test_docs_command_writes_and_checks(cli, tmp_path):
    r = cli("docs", "--output", "out/rules.md", cwd=tmp_path)
    assert r.code == 0 and (tmp_path / "out/rules.md").read_text("utf-8") == builtin_reference()
    assert cli("docs", "--output", "out/rules.md", "--check", cwd=tmp_path).code == 0
    (tmp_path / "out/rules.md").write_text("stale\n")
    stale = cli("docs", "--output", "out/rules.md", "--check", cwd=tmp_path)
    assert stale.code == 1 and "out of date" in stale.err
    assert cli("docs", cwd=tmp_path).out == builtin_reference()


def test_python_m_artlint_docs(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "artlint.docs", str(tmp_path / "rules.md")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "rules.md").read_text("utf-8") == builtin_reference()


def test_rules_json_for_tools(cli, tmp_path):
    r = cli("rules", "--format", "json", cwd=tmp_path)
    assert r.code == 0
    data = {d["id"]: d for d in json.loads(r.out)}
    assert set(data) == set(RULES_BY_ID)
    for rule_id, d in data.items():
        rule = RULES_BY_ID[rule_id]
        assert d["fixable"] == rule.fixable and d["fix_safety"] == rule.fix_safety
        assert d["url"] is None and d["options"] == rule.options  # no docs-url configured: no link
        assert set(d) >= {"id", "category", "severity", "check", "enabled", "message", "description", "examples"}
    assert data["space-before-punctuation"]["fix_safety"] == "safe"
    assert data["link-scheme-typo"]["fix_safety"] == "unsafe"
    assert data["no-sources"]["fixable"] is False and data["no-sources"]["fix_safety"] is None
    listing = cli("rules", cwd=tmp_path).out
    assert any(line.startswith("link-scheme-typo ") and "(fixable with --unsafe-fixes)" in line
               for line in listing.splitlines())
