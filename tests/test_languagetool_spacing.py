"""LanguageTool's comma and whitespace test sentences (tests/data/languagetool_spacing.jsonl):
artlint's spacing rules agree on every sentence in scope, and differ on the others only as
the data file says and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from artlint.fixer import apply_fixes
from conftest import lint

DATA = Path(__file__).parent / "data" / "languagetool_spacing.jsonl"
HEADER, *ROWS = [json.loads(line) for line in DATA.read_text("utf-8").splitlines()]
CASES = [pytest.param(row, id=f"{i}-{row['sentence'][:40]}") for i, row in enumerate(ROWS)]


def _spacing(text: str, format: str):
    return lint(text, ["spacing"], format=format)


def test_data_file_names_its_licence_and_origins():
    assert "LGPL" in HEADER["licence"] and "test data" in HEADER["licence"]
    assert all(row["origin"].startswith("languagetool-org/languagetool:") for row in ROWS)


@pytest.mark.parametrize("row", CASES)
def test_scope_is_explained(row):
    if row["scope"] == "in":
        assert row["artlint"] == row["languagetool"] and "reason" not in row
    else:
        assert row["scope"] == "out" and row["reason"] and row["artlint"] != row["languagetool"]


@pytest.mark.parametrize("format", ["markdown", "text"])
@pytest.mark.parametrize("row", CASES)
def test_artlint_agrees(row, format):
    text = row["sentence"]
    diags = _spacing(text, format)
    assert len(diags) == row["artlint"], [(d.rule, d.column, d.match) for d in diags]
    offsets = [(d.column - 1, d.end_column - 1) for d in diags]  # every sentence is one line
    for d, (start, end) in zip(diags, offsets):
        assert d.line == d.end_line == 1 and d.match == text[start:end]
    if "spans" in row:
        assert sorted(offsets) == [tuple(span) for span in row["spans"]]


@pytest.mark.parametrize("row", [case for case in CASES if case.values[0]["artlint"]])
def test_fixes_settle_in_one_pass(row):
    text = row["sentence"]
    fixed, applied = apply_fixes(text, _spacing(text, "markdown"))
    if "fixed" in row:
        assert fixed == row["fixed"]
    assert all(d.fix == "" or (d.match, d.fix) == (",", ", ") for d in applied)
    again = _spacing(fixed, "markdown")
    assert all(d.fix is None for d in again), again  # only findings without a fix are left
    assert apply_fixes(fixed, again)[0] == fixed


def test_most_sentences_are_in_scope():
    in_scope = [row for row in ROWS if row["scope"] == "in"]
    assert len(ROWS) >= 50 and len(in_scope) >= 45
