"""Suppression comments that do what they say: ``disable-line``; a name that is no rule or
category is an error finding; a comment that suppresses nothing is reported (like ruff's RUF100),
unless the rule it names did not run."""

from __future__ import annotations

import pytest

from conftest import lint
from runcli import run_exe, run_runner, write

RUNNERS = {"exe": run_exe, "runner": run_runner}
BEFORE = "The deal carries strategic weight ."  # space-before-punctuation at column 34


def found(text: str, *rules: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.rule, d.match) for d in lint(text, rules or None)]


def test_disable_line_suppresses_its_own_line_only():
    text = f"{BEFORE} <!-- artlint-disable-line space-before-punctuation -->\n{BEFORE}\n"
    assert found(text, "spacing") == [(2, 34, "space-before-punctuation", " ")]
    text = f"- {BEFORE} <!-- artlint-disable-line spacing -->\n- {BEFORE}\n"
    assert found(text, "spacing") == [(2, 36, "space-before-punctuation", " ")]


def test_a_name_that_is_no_rule_is_an_error_at_the_name():
    text = f"<!-- artlint-disable-next-line space-befor-punctuation -->\n{BEFORE}\n"
    diags = lint(text, ["spacing", "unknown-rule-in-suppression"])
    assert [(d.rule, d.severity, d.line, d.column, d.match) for d in diags] == [
        ("unknown-rule-in-suppression", "error", 1, 32, "space-befor-punctuation"),
        ("space-before-punctuation", "warning", 2, 34, " ")]
    assert "'space-befor-punctuation', which is no rule or category" in diags[0].message


@pytest.mark.parametrize("names", ["spacing", "space-before-punctuation", "unreadable-file", "file",
                                   "placeholder, space-inside-brackets"])
def test_rule_ids_and_categories_are_known(names):
    text = f"<!-- artlint-disable-file {names} -->\n{BEFORE}\n"
    assert not [d for d in lint(text, ["unknown-rule-in-suppression"])]


def test_an_unused_suppression_is_reported_and_a_used_one_is_not():
    text = ("<!-- artlint-disable-next-line space-before-punctuation -->\nA clean line.\n\n"
            "<!-- artlint-disable-next-line space-before-punctuation -->\n" + BEFORE + "\n")
    assert found(text, "spacing", "unused-suppression") == [(1, 32, "unused-suppression", "space-before-punctuation")]


def test_only_the_unused_names_of_a_comment_are_reported():
    text = f"<!-- artlint-disable-next-line spacing, todo-note -->\n{BEFORE}\n"
    diags = lint(text, ["spacing", "placeholder", "unused-suppression"])
    assert [(d.rule, d.match) for d in diags] == [("unused-suppression", "todo-note")]
    assert diags[0].message == "Suppression of 'todo-note' suppresses nothing here: remove it"


def test_a_suppression_of_all_rules_that_hides_nothing_is_reported_on_the_comment():
    text = "<!-- artlint-disable -->\nNothing to hide.\n<!-- artlint-enable -->\n"
    diags = lint(text, ["spacing", "unused-suppression"])
    assert [(d.line, d.column, d.match) for d in diags] == [(1, 1, "<!-- artlint-disable -->")]
    assert "'all rules'" in diags[0].message


def test_a_name_whose_rule_did_not_run_is_left_alone():
    text = "<!-- artlint-disable-file keyword-stuffing -->\nA clean line.\n"
    assert found(text, "spacing", "unused-suppression") == []
    assert found(text, "style", "unused-suppression") == [(1, 27, "unused-suppression", "keyword-stuffing")]


def test_enable_comments_are_never_unused_but_their_names_must_exist():
    text = f"<!-- artlint-disable spacing -->\n{BEFORE}\n<!-- artlint-enable spacng -->\n"
    assert found(text, "spacing", "structure") == [(3, 21, "unknown-rule-in-suppression", "spacng")]


def test_a_custom_rule_that_is_not_selected_is_still_a_known_name(tmp_path):
    write(tmp_path, "house/house-utilise.yaml", CUSTOM_RULE)
    write(tmp_path, ".artlint.toml", 'rules = ["house"]\nignore = ["house-utilise"]\n')
    write(tmp_path, "a.md", f"{BEFORE} <!-- artlint-disable-line house-utilise -->\n")
    result = run_exe("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [d["rule"] for d in result.json()] == ["space-before-punctuation"]


@pytest.mark.parametrize("how", list(RUNNERS))
def test_through_the_command(tmp_path, how):
    run = RUNNERS[how]
    write(tmp_path, "a.md", "# Note\n\n"
          "<!-- artlint-disable-next-line spacng -->\n" + BEFORE + "\n\n"
          "<!-- artlint-disable-next-line todo-note -->\nA finished line.\n\n"
          f"{BEFORE} <!-- artlint-disable-line spacing -->\n")
    result = run("check", "--format", "json", "a.md", cwd=tmp_path)
    assert result.code == 1, result.err
    assert [(d["line"], d["rule"], d["severity"], d["match"]) for d in result.json()] == [
        (3, "unknown-rule-in-suppression", "error", "spacng"),
        (4, "space-before-punctuation", "warning", " "),
        (6, "unused-suppression", "warning", "todo-note")]
    # Ignored like any rule; then a warm run from the cache gives the same.
    quiet = run("check", "--format", "json", "--ignore", "unused-suppression,unknown-rule-in-suppression",
                "a.md", cwd=tmp_path)
    assert [d["rule"] for d in quiet.json()] == ["space-before-punctuation"]
    assert run("check", "--format", "json", "a.md", cwd=tmp_path).out == result.out


CUSTOM_RULE = """\
id: house-utilise
category: style
severity: info
message: "Write 'use', not '{match}'"
description: Plain words.
check: pattern
options:
  patterns: ['\\butilise\\b']
examples:
  bad: ["We utilise it."]
  good: ["We use it."]
"""
