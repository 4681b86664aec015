#!/usr/bin/env python3
"""How well ``--verify-sources`` tells a figure its source states from one it does not, on real
claim/source pairs (tests/verify_eval/: the pairs, their saved sources and the true verdicts).

    python benchmarks/verify_eval.py            # the confusion table, precision/recall, the errors
    python benchmarks/verify_eval.py --json     # the same as one JSON object

Offline: every source is read from its saved copy, never fetched. Each pair goes through the
very function ``artlint check --verify-sources`` uses for one figure (``verify.runner._outcome``):
the claim's figure read with the words before it, what it measures, then the source's index
says whether a passage states it. The positive class is figure-not-in-source (what the rule
reports); a source artlint cannot read is its own outcome, counted apart and listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "verify_eval"
TRUE_VERDICTS = {"supported": "supported", "not-in-source": "figure-not-in-source"}


@dataclass
class Evaluation:
    rows: list[dict] = field(default_factory=list)  # each pair with ``predicted`` (and ``reason``)

    def count(self, truth: str, predicted: str) -> int:
        return sum(1 for r in self.rows if TRUE_VERDICTS[r["verdict"]] == truth and r["predicted"] == predicted)

    @property
    def precision(self) -> float:
        """Of the figures artlint says are not in their source, the share that are not."""
        flagged = sum(1 for r in self.rows if r["predicted"] == "figure-not-in-source")
        return self.count("figure-not-in-source", "figure-not-in-source") / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        """Of the figures not in their source, the share artlint says are not (an unreadable
        source or figure is a miss: nothing is reported against the figure)."""
        missing = sum(1 for r in self.rows if r["verdict"] == "not-in-source")
        return self.count("figure-not-in-source", "figure-not-in-source") / missing if missing else 1.0

    @property
    def errors(self) -> list[dict]:
        return [r for r in self.rows if TRUE_VERDICTS[r["verdict"]] != r["predicted"]]


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


def evaluate(folder: Path = EVAL_DIR) -> Evaluation:
    from artlint.verify.claims import Claim
    from artlint.verify.index import SourceIndex
    from artlint.verify.quantities import quantities
    from artlint.verify.runner import _outcome, _with_approximator

    read: dict[str, tuple] = {}  # source file -> (SourceText, SourceIndex or None): each read once
    result = Evaluation()
    for pair in load_pairs(folder):
        name = pair["source"]
        if name not in read:
            text = read_saved(folder, name, pair["content_type"])
            read[name] = (text, SourceIndex(text.passages) if text.unreadable is None else None)
        text, index = read[name]
        claim = Claim(0, 0, pair["figure"], pair["claim"], ("eval",))
        outcome = _outcome(claim, {"eval": text}, {"eval": index} if index is not None else {})
        said = outcome.args.get("reason") or outcome.args.get("says") or outcome.args.get("passage", "")
        read_as = next(iter(quantities(_with_approximator(claim))), None)  # the figure as artlint read it
        result.rows.append({**pair, "predicted": outcome.verdict, "artlint_says": said,
                            "read_as": read_as.surface if read_as is not None else None})
    return result


def report(ev: Evaluation, out=sys.stdout) -> None:
    labels = ["supported", "figure-not-in-source", "source-unreadable"]
    n_true = {t: sum(1 for r in ev.rows if TRUE_VERDICTS[r["verdict"]] == t) for t in labels[:2]}
    near = sum(1 for r in ev.rows if r.get("near_miss"))
    print(f"{len(ev.rows)} pairs: {n_true['supported']} supported, {n_true['figure-not-in-source']} not in source "
          f"({near} near misses)\n", file=out)
    print(f"{'true / artlint':<24}" + "".join(f"{p:>22}" for p in labels), file=out)
    for t in labels[:2]:
        print(f"{t:<24}" + "".join(f"{ev.count(t, p):>22}" for p in labels), file=out)
    near_caught = sum(1 for r in ev.rows if r.get("near_miss") and r["predicted"] == "figure-not-in-source")
    print(f"\nfigure-not-in-source: precision {ev.precision:.2f}, recall {ev.recall:.2f} "
          f"(near misses caught: {near_caught}/{near})", file=out)
    if ev.errors:
        print("\nErrors:", file=out)
        for r in ev.errors:
            print(f"  {r['id']}: true {r['verdict']}, artlint {r['predicted']}: {r['figure']!r} "
                  f"(read as {r['read_as']!r}) in {r['source']} -- {str(r['artlint_says'])[:150]}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    ev = evaluate()
    if args.json:
        errors = [{k: r[k] for k in ("id", "verdict", "predicted", "figure", "read_as", "source", "artlint_says")} for r in ev.errors]
        print(json.dumps({"pairs": len(ev.rows), "precision": ev.precision, "recall": ev.recall, "errors": errors},
                         ensure_ascii=False, indent=1))
    else:
        report(ev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
