"""Suppression comments in Markdown, by rule id, by category, and for all rules."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import artlint_exe, lint

# Two spacing rules (one category) and a second defect of each kind on every line.
BEFORE = "The deal carries strategic weight ."  # space-before-punctuation
INSIDE = "Solar plants switch off ( see below) at noon."  # space-inside-brackets
BOTH = "India , Japan ( and Australia) agree."


def found(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.rule) for d in lint(text, ["spacing"])]


def doc(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


ALL_FOUR = [(1, "space-before-punctuation"), (3, "space-inside-brackets"),
            (5, "space-before-punctuation"), (5, "space-inside-brackets")]


def test_baseline_without_directives():
    assert found(doc(BEFORE, INSIDE, BOTH)) == ALL_FOUR


@pytest.mark.parametrize("names, kept", [
    ("", []),
    ("space-before-punctuation", [(4, "space-inside-brackets"), (6, "space-inside-brackets")]),
    ("spacing", []),
    ("space-inside-brackets", [(2, "space-before-punctuation"), (6, "space-before-punctuation")]),
    ("space-before-punctuation space-inside-brackets", []),
    ("space-before-punctuation,space-inside-brackets", []),
    ("placeholder", [(2, "space-before-punctuation"), (4, "space-inside-brackets"),
                     (6, "space-before-punctuation"), (6, "space-inside-brackets")]),
])
def test_disable_file(names, kept):
    # The directive counts wherever it stands, here on the first line.
    text = f"<!-- artlint-disable-file {names} -->\n" + doc(BEFORE, INSIDE, BOTH)
    assert found(text) == kept


def test_disable_file_at_the_end():
    text = doc(BEFORE, INSIDE, "<!-- artlint-disable-file spacing -->")
    assert found(text) == []


BP, IB = "space-before-punctuation", "space-inside-brackets"


@pytest.mark.parametrize("names, expected", [
    ("", [(1, BP), (11, BP)]),
    ("spacing", [(1, BP), (11, BP)]),
    ("space-inside-brackets", [(1, BP), (7, BP), (11, BP)]),
    ("space-before-punctuation", [(1, BP), (5, IB), (7, IB), (11, BP)]),
    ("space-before-punctuation, space-inside-brackets", [(1, BP), (11, BP)]),
])
def test_disable_and_enable_region(names, expected):
    # lines: 1 BEFORE, 3 disable, 5 INSIDE, 7 BOTH, 9 enable, 11 BEFORE
    text = doc(BEFORE, f"<!-- artlint-disable {names} -->", INSIDE, BOTH,
               f"<!-- artlint-enable {names} -->", BEFORE)
    assert found(text) == expected


def test_region_without_enable_runs_to_the_end():
    text = doc(BEFORE, "<!-- artlint-disable space-before-punctuation -->", BEFORE, INSIDE, BEFORE)
    assert found(text) == [(1, "space-before-punctuation"), (7, "space-inside-brackets")]


def test_enable_without_rule_ends_every_region():
    text = doc("<!-- artlint-disable spacing -->", BEFORE, "<!-- artlint-enable -->", BEFORE)
    assert found(text) == [(7, "space-before-punctuation")]


def test_enable_without_disable_changes_nothing():
    text = doc("<!-- artlint-enable spacing -->", BEFORE, INSIDE)
    assert found(text) == [(3, "space-before-punctuation"), (5, "space-inside-brackets")]


@pytest.mark.parametrize("names, kept", [
    ("", []),
    ("spacing", []),
    ("space-before-punctuation", [(3, "space-inside-brackets")]),
    ("space-inside-brackets", [(3, "space-before-punctuation")]),
    ("placeholder", [(3, "space-before-punctuation"), (3, "space-inside-brackets")]),
])
def test_disable_next_line(names, kept):
    text = f"<!-- artlint-disable-next-line {names} -->\n\n{BOTH}\n\n{BOTH}\n"
    # The next non-blank line only: the line after it is reported in full.
    assert found(text) == kept + [(5, "space-before-punctuation"), (5, "space-inside-brackets")]


def test_disable_next_line_right_above():
    text = f"{BEFORE}\n<!-- artlint-disable-next-line -->\n{BEFORE}\n{BEFORE}\n"
    assert [line for line, _ in found(text)] == [1, 4]


def test_directive_in_a_list_item_and_inline():
    text = f"- <!-- artlint-disable-next-line spacing -->\n- {BEFORE}\n- {BEFORE}\n"
    assert found(text) == [(3, "space-before-punctuation")]


def test_directive_inside_code_is_not_a_directive():
    text = f"```\n<!-- artlint-disable-file -->\n```\n\n{BEFORE}\n\n`<!-- artlint-disable-file -->`\n"
    assert found(text) == [(5, "space-before-punctuation")]


def test_other_comments_are_ignored():
    text = doc("<!-- artlint is great; disable nothing -->", "<!-- artlint-disabled spacing -->", BEFORE)
    assert found(text) == [(5, "space-before-punctuation")]


def test_suppression_through_the_command_line(tmp_path):
    (tmp_path / "a.md").write_text(doc(
        "<!-- artlint-disable-next-line space-before-punctuation -->", BEFORE,
        "<!-- artlint-disable placeholder -->", "See [INTERNAL_LINK:x-y] now.",
        "<!-- artlint-enable placeholder -->", BEFORE), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run([artlint_exe(), "check", "--format", "json", "a.md"], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1
    assert [(d["line"], d["rule"]) for d in json.loads(proc.stdout)] == [(11, "space-before-punctuation")]
