"""Every regex a user gives runs under ``regex-timeout`` or is refused at load time with one
clear line: in a rule file, in ``rule-options``, in ``[links] exclude``; and the limit cannot be
turned off (``regex-timeout`` is a finite positive number).

The catastrophic pattern ``(\\w|\\w)*\\s`` fails on a run of 64 letters in 2^64 ways: without the
limit a run never ends. ``x{i:`` is literal text to Python's ``re`` but fuzzy-matching syntax to
the ``regex`` module, which alone can stop a match: such a pattern used to run with no limit."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from artlint.api import Linter
from artlint.checks._regex import RegexTimeout, TimedPattern, rule_deadline
from artlint.config import Config, ConfigError
from links_support import run_runner, site, write  # noqa: F401
from links_support import FAST, toml_value

CATASTROPHIC = r"(\w|\w)*\s"
RE_ONLY = r"TODO|x{i:"  # Python's re reads "x{i:" as text; the regex module does not read it
LETTERS = "a" * 64
# The limit is 0.3 s; a run on a busy machine may take far longer for other reasons, so the bound
# asserted is wide: without the limit these runs never end at all.
WIDE_BOUND = 60

RULE = """\
id: house-rule
category: style
severity: warning
message: "House rule"
description: A user's rule.
check: pattern
options:
  patterns: ['PATTERN']
examples:
  bad: ["TODO "]
  good: ["-"]
"""


def _rule_project(folder: Path, pattern: str) -> None:
    write(folder, "house/rule.yaml", RULE.replace("PATTERN", pattern))
    write(folder, ".artlint.toml", 'rules = ["house"]\nregex-timeout = 0.3\n')
    write(folder, "a.md", f"Text , here.\n\n{LETTERS}")  # no space after the letters: no match, ever


def _options_project(folder: Path, pattern: str) -> None:
    write(folder, ".artlint.toml", f"regex-timeout = 0.3\n\n[rule-options.todo-note]\npatterns = ['{pattern}']\n")
    write(folder, "a.md", f"Text , here.\n\n{LETTERS}")  # no space after the letters: no match, ever


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("where, make, rule_id", [("rule file", _rule_project, "house-rule"),
                                                   ("rule-options", _options_project, "todo-note")])
def test_a_catastrophic_pattern_is_stopped_and_reported(tmp_path, where, make, rule_id):
    make(tmp_path, CATASTROPHIC)
    start = time.monotonic()
    r = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert time.monotonic() - start < WIDE_BOUND
    assert r.code == 1, r.err
    stopped = [d for d in r.json() if d["rule"] == "rule-timeout"]
    assert [d["message"].split(" was ")[0] for d in stopped] == [f"rule '{rule_id}'"], where
    assert "space-before-punctuation" in {d["rule"] for d in r.json()}  # the other rules ran


@pytest.mark.parametrize("make, where", [(_rule_project, "house/rule.yaml: options.patterns[0]"),
                                         (_options_project, ".artlint.toml: rule-options.todo-note.patterns[0]")])
def test_a_pattern_only_re_reads_is_refused_at_load_time(tmp_path, make, where):
    make(tmp_path, RE_ONLY)
    r = run_runner("check", "--no-cache", "a.md", cwd=tmp_path)
    assert (r.code, r.out) == (2, "")
    line = _one_line(r.err)
    assert line.startswith("artlint: error: ") and where in line and "time limit" in line, line


def test_the_same_pattern_with_its_braces_escaped_runs(tmp_path):
    _rule_project(tmp_path, RE_ONLY.replace("{", "\\{"))
    r = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert r.code == 1 and "house-rule" not in {d["rule"] for d in r.json()}
    write(tmp_path, "a.md", "A TODO here, and x{i: there.\n")
    found = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path).json()
    assert sorted(d["match"] for d in found if d["rule"] == "house-rule") == ["TODO", "x{i:"]


# -- [links] exclude -----------------------------------------------------------------------------


def _links_config(folder: Path, exclude: list[str]) -> None:
    links = {**FAST, "allow-private-hosts": True, "exclude": exclude}
    lines = ["regex-timeout = 0.3", "check-links = true", "", "[links]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in links.items()]
    write(folder, ".artlint.toml", "\n".join(lines) + "\n")


def test_a_catastrophic_exclude_pattern_is_stopped_once_and_its_links_are_not_fetched(site, tmp_path):
    site.route(f"/{LETTERS}")
    site.route("/other", 404)
    _links_config(tmp_path, [CATASTROPHIC])
    write(tmp_path, "a.md", f"# A\n\n[one]({site.url('/' + LETTERS)}) and [two]({site.url('/other')}).\n")
    start = time.monotonic()
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert time.monotonic() - start < WIDE_BOUND
    assert site.requests() == [], r.err  # stopped: its links count as excluded
    assert "Links: no external links to check." in r.err and "Traceback" not in r.err
    [warning] = [line for line in r.err.splitlines() if "warning" in line]
    assert warning.startswith("artlint: warning: ") and ".artlint.toml: links.exclude[0]: " in warning
    assert "regex-timeout (0.3 s)" in warning


def test_a_quick_exclude_pattern_still_excludes_only_what_it_matches(site, tmp_path):
    site.route("/private/a", 404)
    site.route("/b", 404)
    _links_config(tmp_path, ["/private/"])
    write(tmp_path, "a.md", f"# A\n\n[a]({site.url('/private/a')}) [b]({site.url('/b')})\n")
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert r.code == 1 and {p for _, p in site.requests()} == {"/b"} and "warning" not in r.err


def test_an_exclude_pattern_only_re_reads_is_refused(tmp_path):
    _links_config(tmp_path, ["/private/", RE_ONLY])
    write(tmp_path, "a.md", "# A\n")
    r = run_runner("check", "a.md", cwd=tmp_path)
    assert (r.code, r.out) == (2, "")
    line = _one_line(r.err)
    assert ".artlint.toml: links.exclude[1]: invalid regular expression" in line and "time limit" in line


def test_exclude_patterns_are_timed_patterns():
    from artlint.checks._regex import compile_user_pattern

    pattern = compile_user_pattern(CATASTROPHIC, ["exclude", 0])
    assert isinstance(pattern, TimedPattern)
    with pytest.raises(RegexTimeout), rule_deadline(0.2):
        pattern.search(f"https://example.org/{LETTERS}")


# -- regex-timeout itself ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1", "0.0"])
@pytest.mark.parametrize("file, prefix", [(".artlint.toml", ""), ("pyproject.toml", "[tool.artlint]\n")])
def test_regex_timeout_must_be_a_finite_positive_number(tmp_path, value, file, prefix):
    write(tmp_path, file, f"{prefix}regex-timeout = {value}\n")
    write(tmp_path, "a.md", "Text.\n")
    r = run_runner("check", "--no-cache", "a.md", cwd=tmp_path)
    assert (r.code, r.out) == (2, "")
    line = _one_line(r.err)
    assert line.startswith(f"artlint: error: {tmp_path / file}: ") and "regex-timeout: " in line, line


def test_nan_is_refused_in_any_setting(tmp_path):
    """(A link budget of nan would turn that limit off too: every comparison with nan is false.)"""
    write(tmp_path, ".artlint.toml", "[links]\nbudget = nan\n")
    write(tmp_path, "a.md", "Text.\n")
    r = run_runner("check", "a.md", cwd=tmp_path)
    assert r.code == 2 and _one_line(r.err).endswith(".artlint.toml: links.budget: must be a finite number, not nan")


@pytest.mark.parametrize("value", [math.nan, math.inf, 0.0, -1.0])
def test_a_config_built_in_code_cannot_turn_the_limit_off(value):
    with pytest.raises(ConfigError, match="regex-timeout: must be a finite positive number"):
        Linter(Config(regex_timeout=value))
