#!/usr/bin/env python3
"""HTML pages as artlint reads them: how well it finds the article, and how long a page takes.

    git clone https://github.com/adbar/trafilatura /tmp/trafilatura
    python benchmarks/html_pages.py /tmp/trafilatura/tests [--limit N] [--compare-trafilatura]

The ground truth is trafilatura's evaluation benchmark (``tests/evaldata.json`` with the pages
of ``tests/eval/`` and ``tests/cache/``): for each page, snippets of the article's text
("with") and of the page's furniture ("without"). Scored the way trafilatura scores itself
(``tests/eval_common.py``): a "with" snippet found in the text is a true positive, one missing a
false negative; a "without" snippet found is a false positive, one missing a true negative;
whitespace is normalised. artlint's text is what it lints of the page: the prose of the
article it finds (``<article>``, ``<main>``, else what trafilatura extracts), entities decoded.

Also: the time to read, parse and lint one saved page with every rule (median over the pages,
``Linter.lint_text`` in one warm process: the target is 50 ms or less).

With ``--compare-trafilatura`` trafilatura's own ``extract()`` is scored in the same run on the
same pages; its published figures (docs/evaluation.rst, trafilatura 2.2.0 standard: precision
0.906, recall 0.943, F-score 0.924) are printed next to them.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import statistics
import time
from pathlib import Path

from artlint.api import Linter
from artlint.document import parse_document
from artlint.document.model import FIELD

_SPACES = re.compile(r"\s+")
PUBLISHED = "trafilatura 2.2.0 (standard), as published: precision 0.906, recall 0.943, F-score 0.924"


def norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def artlint_text(page: str) -> str:
    """What artlint lints of a page: the prose of its article's blocks, entities decoded."""
    doc = parse_document(page, "page.html", format="html")
    return norm(html.unescape(" ".join(doc.prose[b.start:b.end] for b in doc.blocks if b.kind != FIELD)))


def trafilatura_text(page: str) -> str:
    import trafilatura

    return norm(trafilatura.extract(page) or "")


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.tn = 0

    def add(self, entry: dict, text: str) -> None:
        found = sum(1 for s in entry["with"] if norm(s) in text)
        leaked = sum(1 for s in entry["without"] if norm(s) in text)
        self.tp += found
        self.fn += len(entry["with"]) - found
        self.fp += leaked
        self.tn += len(entry["without"]) - leaked

    def line(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        return f"precision {p:.3f}, recall {r:.3f}, accuracy {acc:.3f}, F-score {f:.3f}"


def pages(folder: Path, limit: int) -> list[tuple[str, dict]]:
    expectations = json.loads((folder / "evaldata.json").read_text("utf-8"))
    out = []
    for entry in expectations.values():
        for sub in ("eval", "cache"):
            path = folder / sub / entry["file"]
            if path.is_file():
                try:
                    out.append((path.read_bytes().decode("utf-8"), entry))
                except UnicodeDecodeError:
                    pass  # a page in another encoding: trafilatura's loader guesses it; artlint reads UTF-8
                break
    return out[:limit] if limit else out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tests", type=Path, help="trafilatura's tests/ folder")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--compare-trafilatura", action="store_true")
    args = parser.parse_args()
    items = pages(args.tests, args.limit)
    print(f"{len(items)} pages (UTF-8) of {args.tests}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    ours = Score()
    for page, entry in items:
        ours.add(entry, artlint_text(page))
    print(f"artlint's article text: {ours.line()}")
    if args.compare_trafilatura:
        theirs = Score()
        for page, entry in items:
            theirs.add(entry, trafilatura_text(page))
        print(f"trafilatura.extract, same pages and scoring: {theirs.line()}")
    print(PUBLISHED)
    linter = Linter.from_config()
    linter.lint_text(items[0][0], "warm.html")
    times = []
    for page, _entry in items:
        began = time.perf_counter()
        linter.lint_text(page, "page.html")
        times.append(time.perf_counter() - began)
    times.sort()
    print(f"read, parse and lint one page: median {statistics.median(times) * 1000:.1f} ms, "
          f"p90 {times[int(0.9 * (len(times) - 1))] * 1000:.1f} ms, mean size "
          f"{statistics.mean(len(p) for p, _ in items) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
