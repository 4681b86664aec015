#!/usr/bin/env python3
"""How well ``--verify-sources`` tells a figure its source states from one it does not, on real
claim/source pairs (tests/verify_eval/: the pairs, their saved sources and the true verdicts).

    python benchmarks/verify_eval.py            # both confusion tables, precision/recall, the errors
    python benchmarks/verify_eval.py --json     # the same as one JSON object

Offline: every source is read from its saved copy, never fetched. Two views of each pair:

- **verdict**: the pair's figure goes straight to the function ``check`` uses for one figure
  (``verify.runner._outcome``): the figure read with the words before it, what it measures, then
  the source's index says whether a passage states it.
- **as check runs**: the claim becomes a one-sentence Markdown article citing the source, and the
  figure is the one ``check`` verifies there (``verify.claims.claims``): the ``statistic`` rule's, or
  a count of a thing named or a change in percentage points of a sentence that cites a source. Any
  other figure is never verified (``not-checked``).

The positive class is figure-not-in-source (what the rule reports); a source artlint cannot read
is its own outcome, counted apart and listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "verify_eval"
TRUE_VERDICTS = {"supported": "supported", "not-in-source": "figure-not-in-source"}
OUTCOMES = ("supported", "figure-not-in-source", "source-unreadable", "not-checked")
SOURCE_URL = "https://eval.invalid/source"  # the one address every claim cites


@dataclass
class Evaluation:
    rows: list[dict] = field(default_factory=list)  # each pair with the outcome of each view
    view: str = "verdict_outcome"  # or "as_check": which outcome the scores read

    def viewed(self, view: str) -> Evaluation:
        return Evaluation(self.rows, view)

    def of_round(self, round_: int) -> Evaluation:
        """The pairs added in one round: round 1 was looked at while tuning; a later round's pairs
        were collected after it, so they measure what that tuning generalises to."""
        return Evaluation([r for r in self.rows if r.get("round", 1) == round_], self.view)

    @property
    def rounds(self) -> list[int]:
        return sorted({r.get("round", 1) for r in self.rows})

    def predicted(self, row: dict) -> str:
        return row[self.view]

    def count(self, truth: str, predicted: str) -> int:
        return sum(1 for r in self.rows if TRUE_VERDICTS[r["verdict"]] == truth and self.predicted(r) == predicted)

    @property
    def precision(self) -> float:
        """Of the figures artlint says are not in their source, the share that are not."""
        flagged = sum(1 for r in self.rows if self.predicted(r) == "figure-not-in-source")
        return self.count("figure-not-in-source", "figure-not-in-source") / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        """Of the figures not in their source, the share artlint says are not (an unreadable
        source, or a figure never checked, is a miss: nothing is reported against it)."""
        missing = sum(1 for r in self.rows if r["verdict"] == "not-in-source")
        return self.count("figure-not-in-source", "figure-not-in-source") / missing if missing else 1.0

    @property
    def near_misses_caught(self) -> tuple[int, int]:
        near = [r for r in self.rows if r.get("near_miss")]
        return sum(1 for r in near if self.predicted(r) == "figure-not-in-source"), len(near)

    @property
    def errors(self) -> list[dict]:
        return [r for r in self.rows if TRUE_VERDICTS[r["verdict"]] != self.predicted(r)]


def load_pairs(folder: Path = EVAL_DIR) -> list[dict]:
    with open(folder / "pairs.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_saved(folder: Path, name: str, content_type: str):
    """The saved source as ``read_source`` sees a fetched one: text for text types, bytes for a PDF."""
    from artlint.verify.reading import read_source

    body = (folder / "sources" / name).read_bytes()
    if content_type == "application/pdf":
        return read_source(content_type, None, body, name)
    return read_source(content_type, body.decode("utf-8"), None, name)


def statistic_check():
    """The ``statistic`` rule's check of the default rule set: what ``check`` calls a figure."""
    from artlint.config import Config
    from artlint.selection import load_ruleset

    return next(r.checker for r in load_ruleset(Config()) if getattr(r.checker, "name", "") == "statistic")


def claim_as_check_sees_it(pair: dict, statistic):
    """The pair's figure as ``check`` would verify it: the Claim ``verify.claims.claims`` makes of the
    claim sentence written as an article citing the source (None: check does not verify it)."""
    from artlint.engine import parsed_document
    from artlint.verify.claims import claims

    doc = parsed_document(f"{pair['claim']} [source]({SOURCE_URL})\n", "claim.md", format="markdown")
    found = [c for c in claims(doc, statistic) if c.figure in pair["figure"] or pair["figure"] in c.figure]
    exact = [c for c in found if c.figure == pair["figure"]]  # not the "2 percent" of a later "2 percent goal"
    return (exact or found or [None])[0]


def evaluate(folder: Path = EVAL_DIR) -> Evaluation:
    from artlint.verify.claims import Claim
    from artlint.verify.index import SourceIndex
    from artlint.verify.runner import _figure, _outcome

    statistic = statistic_check()
    read: dict[str, tuple] = {}  # source file -> (SourceText, {url: SourceIndex} or {}): each read once
    result = Evaluation()
    for pair in load_pairs(folder):
        name = pair["source"]
        if name not in read:
            text = read_saved(folder, name, pair["content_type"])
            read[name] = (text, {SOURCE_URL: SourceIndex(text.passages)} if text.unreadable is None else {})
        text, indexes = read[name]
        sources = {SOURCE_URL: text}
        claim = Claim(0, 0, pair["figure"], pair["claim"], (SOURCE_URL,))
        outcome = _outcome(claim, sources, indexes)
        seen = claim_as_check_sees_it(pair, statistic)
        read_as = _figure(claim)  # the figure as artlint read it
        result.rows.append({
            **pair, "verdict_outcome": outcome.verdict,
            "as_check": _outcome(seen, sources, indexes).verdict if seen is not None else "not-checked",
            "check_figure": seen.figure if seen is not None else None,
            "artlint_says": outcome.args.get("reason") or outcome.args.get("says") or outcome.args.get("passage", ""),
            "read_as": read_as.surface if read_as is not None else None})
    return result


def report(ev: Evaluation, out=sys.stdout) -> None:
    print("Scores by round (precision / recall of figure-not-in-source):", file=out)
    for title, part in [(f"round {n}", ev.of_round(n)) for n in ev.rounds] + [("all", ev)]:
        line = "; ".join(f"{name} {part.viewed(view).precision:.2f} / {part.viewed(view).recall:.2f}"
                         for view, name in (("verdict_outcome", "verdict"), ("as_check", "as check")))
        print(f"  {title:<8} ({len(part.rows)} pairs): {line}", file=out)
    print(file=out)
    n_true = {t: sum(1 for r in ev.rows if TRUE_VERDICTS[r["verdict"]] == t) for t in OUTCOMES[:2]}
    near = sum(1 for r in ev.rows if r.get("near_miss"))
    print(f"{len(ev.rows)} pairs: {n_true['supported']} supported, {n_true['figure-not-in-source']} not in source "
          f"({near} near misses)", file=out)
    for view, title in (("verdict_outcome", "verdict on the pair's figure"), ("as_check", "as check runs")):
        scored = ev.viewed(view)
        print(f"\n{title}\n{'true / artlint':<24}" + "".join(f"{p:>22}" for p in OUTCOMES), file=out)
        for t in OUTCOMES[:2]:
            print(f"{t:<24}" + "".join(f"{scored.count(t, p):>22}" for p in OUTCOMES), file=out)
        caught, total = scored.near_misses_caught
        print(f"figure-not-in-source: precision {scored.precision:.2f}, recall {scored.recall:.2f} "
              f"(near misses caught: {caught}/{total})", file=out)
    print("\nErrors (verdict on the pair's figure):", file=out)
    for r in ev.viewed("verdict_outcome").errors:
        print(f"  {r['id']} (round {r.get('round', 1)}): true {r['verdict']}, artlint {r['verdict_outcome']}: {r['figure']!r} "
              f"(read as {r['read_as']!r}) in {r['source']} -- {str(r['artlint_says'])[:150]}", file=out)
    unseen = [r["id"] for r in ev.rows if r["as_check"] == "not-checked"]
    print(f"\nFigures check never verifies (not the statistic rule's, nor a cited count or change in percentage points): "
          f"{', '.join(unseen) or 'none'}",
          file=out)


def summary(ev: Evaluation) -> dict:
    out: dict = {"pairs": len(ev.rows), "rounds": {
        str(n): {view: {"pairs": len(part.rows), "precision": part.viewed(view).precision,
                        "recall": part.viewed(view).recall} for view in ("verdict_outcome", "as_check")}
        for n, part in ((n, ev.of_round(n)) for n in ev.rounds)}}
    for view in ("verdict_outcome", "as_check"):
        scored = ev.viewed(view)
        out[view] = {"precision": scored.precision, "recall": scored.recall,
                     "near_misses_caught": scored.near_misses_caught,
                     "errors": [{k: r[k] for k in ("id", "verdict", view, "figure", "check_figure", "read_as", "source",
                                                   "artlint_says")} for r in scored.errors]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    ev = evaluate()
    if args.json:
        print(json.dumps(summary(ev), ensure_ascii=False, indent=1))
    else:
        report(ev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
