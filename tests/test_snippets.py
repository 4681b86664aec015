"""What a new user copies must work: no placeholder owner, no unpublished tag or domain, the
licence pyproject names, and help links only where the configuration says the docs live."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO
from runcli import run_exe, run_runner, write

SHIPPED_TEXT = ["README.md", "action.yml", ".pre-commit-hooks.yaml", "pyproject.toml", "docs/rules.md",
                *[p.relative_to(REPO).as_posix() for p in (REPO / "src").rglob("*.py")],
                *[p.relative_to(REPO).as_posix() for p in (REPO / "src").rglob("*.json")]]


def test_no_placeholder_owner_unpublished_tag_or_invented_domain():
    for name in SHIPPED_TEXT:
        text = (REPO / name).read_text("utf-8")
        assert "<owner>" not in text, name
        assert "artlint.dev" not in text, name
        assert not re.search(r"(?:@|rev: )v\d+\.\d+\.\d+", text), name  # a release tag that was never made


def test_the_licence_pyproject_names_is_there():
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["license"] == "MIT"
    licence = (REPO / "LICENSE").read_text("utf-8")
    assert licence.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in licence


def test_sarif_help_links_only_with_a_configured_docs_url(tmp_path):
    write(tmp_path, "a.md", "TODO: finish.\n")
    plain = run_exe("check", "--format", "sarif", "a.md", cwd=tmp_path).json()
    driver = plain["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    todo = next(r for r in driver["rules"] if r["id"] == "todo-note")
    assert "helpUri" not in todo
    assert "Flagged:" in todo["help"]["text"] and "Options (check type `pattern`" in todo["help"]["text"]

    write(tmp_path, ".artlint.toml", 'docs-url = "https://docs.example.org/artlint/rules"\n')
    linked = run_runner("check", "--format", "sarif", "a.md", cwd=tmp_path).json()
    todo = next(r for r in linked["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "todo-note")
    assert todo["helpUri"] == "https://docs.example.org/artlint/rules#todo-note"
    shown = run_exe("rule", "todo-note", cwd=tmp_path).out
    assert shown.rstrip().endswith("Documentation: https://docs.example.org/artlint/rules#todo-note")


def test_a_docs_url_must_be_a_web_address(tmp_path):
    write(tmp_path, ".artlint.toml", 'docs-url = "docs/rules.md"\n')
    write(tmp_path, "a.md", "Text.\n")
    result = run_exe("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and "docs-url" in result.err


def test_artlint_rule_shows_the_options_init_points_to(tmp_path):
    """`artlint init` writes "Options of one rule (`artlint rule ID` shows them)" above a
    rule-options example: that rule's options are what `artlint rule` shows."""
    assert run_exe("init", cwd=tmp_path).code == 0
    config = (tmp_path / ".artlint.toml").read_text("utf-8")
    assert "`artlint rule ID` shows them" in config
    [rule_id] = re.findall(r"# \[rule-options\.([a-z-]+)\]", config)
    [option] = re.findall(r"^# (\w+) = ", config.split(f"[rule-options.{rule_id}]")[1], re.M)
    shown = run_exe("rule", rule_id, cwd=tmp_path).out
    assert "## Options" in shown and f"[rule-options.{rule_id}]" in shown
    assert re.search(rf"^    {option}: ", shown, re.M), shown
