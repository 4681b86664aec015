"""Every rule documents itself with good and bad examples; each example is a test."""

from __future__ import annotations

from dataclasses import replace

import pytest

from artlint.ruleset.selftest import run_examples
from conftest import ALL_RULES

CASES = [
    pytest.param(rule, kind, i, example, id=f"{rule.id}-{kind}{i}")
    for rule in ALL_RULES
    if not getattr(rule.checker, "online", False)  # online-only rules: tests/test_links_rules.py
    for kind in ("bad", "good")
    for i, example in enumerate(rule.examples[kind])
]


@pytest.mark.parametrize("rule, kind, index, example", CASES)
def test_rule_example(rule, kind, index, example):
    """As ``artlint test-rules`` runs it: with the other enabled rules (only its own findings
    count), so that unused-suppression sees what the others find."""
    one = replace(rule, examples={**rule.examples, "bad": [], "good": [], kind: [example]})
    _, failures = run_examples(one, ALL_RULES)
    assert not failures, failures[0].describe()


def test_every_rule_has_examples_of_both_kinds():
    for rule in ALL_RULES:
        assert rule.examples["bad"] and rule.examples["good"], rule.id


def test_rule_ids_are_unique_and_match_file_names():
    ids = [r.id for r in ALL_RULES]
    assert len(ids) == len(set(ids))
    for rule in ALL_RULES:
        assert rule.path.endswith(f"/{rule.id}.yaml"), rule.path
