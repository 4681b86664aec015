"""Score artlint on a labelled folder the way ../shared/tools/score.py does, in process.

A label is ``{"case", "line", "category"}``; a finding matches it when case, line and category
agree. Line 0 is document-level (any finding of that category in the case matches once);
``"optional": true`` marks a debatable spot (neither a miss nor a false alarm); false alarms
count only in the categories a case lists in ``complete_categories``. Kept in the repository so
the real-article floors hold in a clone that has no ``../shared``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from artlint.api import Linter

FIVE = ("placeholder", "link", "source", "spacing", "statistic")


@dataclass
class Labels:
    positives: set = field(default_factory=set)  # (case, line, category)
    optional: set = field(default_factory=set)
    document_level: set = field(default_factory=set)  # (case, category)
    complete: dict = field(default_factory=dict)  # case -> set of categories

    @classmethod
    def load(cls, path: Path) -> "Labels":
        labels = cls()
        for raw in path.read_text("utf-8").splitlines():
            if not raw.strip():
                continue
            entry = json.loads(raw)
            case = entry["case"]
            if "complete_categories" in entry:
                labels.complete[case] = set(entry["complete_categories"])
            elif entry.get("optional"):
                labels.optional.add((case, int(entry["line"]), entry["category"]))
            elif int(entry["line"]) == 0:
                labels.document_level.add((case, entry["category"]))
            else:
                labels.positives.add((case, int(entry["line"]), entry["category"]))
        return labels


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Score:
    tallies: dict
    false_alarms: list
    misses: list

    def table(self) -> str:
        rows = [f"{'category':<12} {'prec':>6} {'recall':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
        for category in FIVE:
            t = self.tallies[category]
            rows.append(f"{category:<12} {t.precision:6.3f} {t.recall:6.3f} {t.tp:4} {t.fp:4} {t.fn:4}")
        return "\n".join(rows)


def lint_cases(folder: Path, cases, linter: Linter | None = None) -> list:
    """Every diagnostic of every case, with the case's file name as its path."""
    linter = linter or Linter.from_config(start=folder)
    return [d for case in cases for d in linter.lint_file(folder / case, display=case)]


def predictions(diagnostics) -> set:
    """(case, line, category) of every finding in the five categories."""
    return {(d.path, d.line, d.category) for d in diagnostics if d.category in FIVE}


def score(found: set, labels: Labels) -> Score:
    tallies = {c: Tally() for c in FIVE}
    false_alarms, matched_doc = [], set()
    for key in sorted(found):
        case, _, category = key
        if key in labels.positives:
            tallies[category].tp += 1
        elif (case, category) in labels.document_level:
            if (case, category) not in matched_doc:
                tallies[category].tp += 1
                matched_doc.add((case, category))
        elif key in labels.optional:
            continue
        elif category in labels.complete.get(case, ()):
            tallies[category].fp += 1
            false_alarms.append(key)
    misses = sorted(labels.positives - found)
    misses += [(case, 0, category) for case, category in sorted(labels.document_level - matched_doc)]
    for _, _, category in misses:
        tallies[category].fn += 1
    return Score(tallies, false_alarms, misses)


def score_folder(folder: Path) -> Score:
    labels = Labels.load(folder / "labels.jsonl")
    return score(predictions(lint_cases(folder, sorted(labels.complete))), labels)


if __name__ == "__main__":  # python tests/realworld_scoring.py tests/realworld/dev
    import sys

    for name in sys.argv[1:]:
        result = score_folder(Path(name))
        print(name)
        print(result.table())
        if Path(name).name == "heldout":
            continue  # its errors are nobody's to study: totals only
        for key in result.false_alarms:
            print("  FP", *key)
        for key in result.misses:
            print("  FN", *key)
