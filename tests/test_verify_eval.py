"""The verification evaluation set (tests/verify_eval/) is whole, and ``--verify-sources``'s
per-figure verdict scores on it no worse than it does today (benchmarks/verify_eval.py prints
the confusion table and the errors)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from verify_eval import EVAL_DIR, evaluate, load_pairs  # noqa: E402 - the benchmark's own evaluation

CONTENT_TYPES = {"text/html", "text/plain", "text/markdown", "text/csv", "application/pdf"}
PROVENANCE = {"repo", "path", "commit", "licence"}

# Floors at what artlint scores on 2026-12-03, after the general fixes this set showed (the figure
# is the quantity that ends its snippet; "almost 40%" is stated by "nearly 40%"; "nearly" means
# just under; plural and verb endings no longer split words; a figure's clause covers a third of
# the claim's words, not half): 41 of the 59 figures it flags are truly missing (0.69), 41 of the
# 43 missing figures are flagged (0.95), 22 of 23 near misses.
# Precision is far below issue 17's target of 0.9 (recall's 0.8 is met): most supported figures
# still fail on wording, the source saying the same thing in other words. The set was looked at
# to find those fixes. The floors pin today's behaviour so a change that makes it worse fails;
# raise them as it improves.
PRECISION_FLOOR = 0.69
RECALL_FLOOR = 0.95
NEAR_MISS_FLOOR = 0.95
# As check runs, the figure is the statistic rule's: it does not see 11 of the figures (degrees
# Celsius, "500m", a quoted "about 1.5 million tonnes"), so 4 missing figures are never checked:
# precision 37/52, recall 37/43.
AS_CHECK_PRECISION_FLOOR = 0.71
AS_CHECK_RECALL_FLOOR = 0.86


@pytest.fixture(scope="module")
def evaluation():
    return evaluate()


def test_the_set_has_enough_real_pairs_of_each_verdict():
    pairs = load_pairs()
    verdicts = [p["verdict"] for p in pairs]
    assert len(pairs) >= 60
    assert verdicts.count("supported") >= 30 and verdicts.count("not-in-source") >= 30
    assert sum(1 for p in pairs if p["near_miss"] and p["verdict"] == "not-in-source") >= 10
    assert len({p["id"] for p in pairs}) == len(pairs)


def test_every_pair_names_its_figure_its_saved_source_and_where_both_came_from():
    for pair in load_pairs():
        assert pair["figure"] in pair["claim"], pair["id"]
        assert (EVAL_DIR / "sources" / pair["source"]).is_file(), pair["id"]
        assert pair["content_type"] in CONTENT_TYPES, pair["id"]
        assert pair["why"].strip(), pair["id"]
        for side in ("claim_provenance", "source_provenance"):
            assert PROVENANCE <= pair[side].keys(), (pair["id"], side)
            assert len(pair[side]["commit"]) == 40, (pair["id"], side)
    with open(EVAL_DIR / "pairs.jsonl", encoding="utf-8") as f:
        assert all(isinstance(json.loads(line), dict) for line in f)


def test_every_saved_source_is_readable(evaluation):
    unreadable = [r["id"] for r in evaluation.rows if "source-unreadable" in (r["verdict_outcome"], r["as_check"])]
    assert unreadable == []


def test_figure_not_in_source_scores_at_least_todays_precision_and_recall(evaluation):
    assert evaluation.precision >= PRECISION_FLOOR, [r["id"] for r in evaluation.errors]
    assert evaluation.recall >= RECALL_FLOOR, [r["id"] for r in evaluation.errors]


def test_as_check_runs_it_scores_at_least_todays_precision_and_recall(evaluation):
    as_check = evaluation.viewed("as_check")
    assert as_check.precision >= AS_CHECK_PRECISION_FLOOR, [r["id"] for r in as_check.errors]
    assert as_check.recall >= AS_CHECK_RECALL_FLOOR, [r["id"] for r in as_check.errors]


def test_near_misses_are_flagged(evaluation):
    """The right number for another year, region or category must not count as support."""
    near = [r for r in evaluation.rows if r["near_miss"]]
    caught = [r for r in near if r["verdict_outcome"] == "figure-not-in-source"]
    assert len(caught) / len(near) >= NEAR_MISS_FLOOR, [r["id"] for r in near if r not in caught]
