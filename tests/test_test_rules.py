"""``artlint test-rules [FOLDER]``: the rules' good and bad examples as tests, for the built-in
rules and for a project's own rule folder; and the ``substitution`` check type."""

from __future__ import annotations

import re

import pytest

from conftest import ALL_RULES
from runcli import run_exe, run_runner, write

RUNNERS = {"exe": run_exe, "runner": run_runner}

RULE = """\
id: house-utilise
category: style
severity: info
message: "Write 'use', not '{match}'"
description: Our house style prefers plain words.
check: pattern
options:
  patterns: ['\\butili[sz]e\\b']
examples:
  bad: ["We utilise the data.", BAD2]
  good: ["We use the data.", GOOD2]
"""
SUBSTITUTION = """\
id: plain-words
category: style
severity: info
message: "Write '{suggestion}', not '{match}'"
description: Our house style prefers plain words.
check: substitution
options:
  swap: {utilise: use, "in order to": to, "a number of": some}
  ignore_case: true
examples:
  bad: ["We utilise the data.", "In order to see, look."]
  good: ["We use the data.", "Write `utilise` in code only."]
"""


@pytest.mark.parametrize("how", list(RUNNERS))
def test_the_builtin_rules_pass(tmp_path, how):
    result = RUNNERS[how]("test-rules", cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    offline = [r for r in ALL_RULES if not getattr(r.checker, "online", False)]
    examples = sum(len(r.examples["bad"]) + len(r.examples["good"]) for r in offline)
    assert result.out.strip().splitlines()[-1].startswith(
        f"{len(offline)} of {len(ALL_RULES)} rules tested with {examples} examples: {len(offline)} passed, 0 failed")
    assert "online rules not run" in result.out


@pytest.mark.parametrize("how", list(RUNNERS))
def test_a_custom_folder_with_a_wrong_example_fails_clearly(tmp_path, how):
    write(tmp_path, "house/house-utilise.yaml",
          RULE.replace("BAD2", '"We use it."').replace("GOOD2", '"They utilize it."'))
    write(tmp_path, "house/plain-words.yaml", SUBSTITUTION)
    result = RUNNERS[how]("test-rules", "house", cwd=tmp_path)
    assert result.code == 1
    lines = result.out.splitlines()
    assert "FAIL house/house-utilise.yaml: house-utilise: bad example 2 is not flagged:" in lines
    assert "FAIL house/house-utilise.yaml: house-utilise: good example 2 is flagged (1:6 'utilize'):" in lines
    assert "    They utilize it." in lines and "    We use it." in lines
    assert lines[-1] == "2 of 2 rules tested with 8 examples: 1 passed, 1 failed"
    assert "plain-words" not in result.out.replace("house/plain-words", "")  # only the failing rule is named


def test_a_correct_custom_folder_passes(tmp_path):
    write(tmp_path, "house/house-utilise.yaml",
          RULE.replace("BAD2", '"They utilize it."').replace("GOOD2", '"We use it."'))
    result = run_runner("test-rules", "house", cwd=tmp_path)
    assert result.code == 0 and result.out == "1 of 1 rules tested with 4 examples: 1 passed, 0 failed\n"


@pytest.mark.parametrize("setup, needle", [
    ({}, "nope: rule folder does not exist"),
    ({"house/x.yaml": "id: [\n"}, "house/x.yaml: invalid YAML"),
    ({"house/notes.txt": "not a rule"}, "house: no rule files"),
    ({"house/lorem-ipsum.yaml": RULE.replace("house-utilise", "lorem-ipsum").replace("BAD2", "x")
      .replace("GOOD2", "y")}, "duplicate rule id 'lorem-ipsum'"),
])
def test_a_folder_that_cannot_be_tested_is_a_usage_error(tmp_path, setup, needle):
    for name, text in setup.items():
        write(tmp_path, name, text)
    folder = "house" if setup else "nope"
    result = run_runner("test-rules", folder, cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    [line] = result.err.strip().splitlines()
    assert needle in line


def test_the_config_rule_folders_are_tested_without_a_folder(tmp_path):
    write(tmp_path, "house/house-utilise.yaml",
          RULE.replace("BAD2", '"We use it."').replace("GOOD2", '"We use it."'))
    write(tmp_path, ".artlint.toml", 'rules = ["house"]\n')
    result = run_runner("test-rules", cwd=tmp_path)
    assert result.code == 1 and "house-utilise: bad example 2 is not flagged" in result.out
    assert re.search(r"^\d+ of \d+ rules tested .* \d+ passed, 1 failed", result.out, re.M)


# ---- the substitution check type -------------------------------------------------------------

def test_substitution_flags_suggests_and_fixes(tmp_path):
    write(tmp_path, "house/plain-words.yaml", SUBSTITUTION)
    write(tmp_path, ".artlint.toml", 'rules = ["house"]\nselect = ["plain-words"]\n')
    text = "Utilise it in order to win. `utilise` stays, [utilise](https://x.org/utilise) too.\n"
    write(tmp_path, "a.md", text)
    found = run_runner("check", "--format", "json", "a.md", cwd=tmp_path).json()
    assert [(d["column"], d["match"], d["fix"], d["message"]) for d in found] == [
        (1, "Utilise", "Use", "Write 'Use', not 'Utilise'"),
        (12, "in order to", "to", "Write 'to', not 'in order to'"),
        (47, "utilise", "use", "Write 'use', not 'utilise'")]
    fixed = run_runner("check", "--fix", "a.md", cwd=tmp_path)
    assert fixed.code == 0, fixed.out
    assert (tmp_path / "a.md").read_text("utf-8") == (
        "Use it to win. `utilise` stays, [use](https://x.org/utilise) too.\n")
    assert run_runner("check", "--fix", "a.md", cwd=tmp_path).code == 0  # a second run changes nothing


def test_substitution_options_are_validated(tmp_path):
    write(tmp_path, "house/plain-words.yaml", SUBSTITUTION.replace("swap: {utilise: use, \"in order to\": to, "
                                                                   "\"a number of\": some}", "swap: {}"))
    result = run_runner("test-rules", "house", cwd=tmp_path)
    assert result.code == 2 and "options.swap" in result.err
