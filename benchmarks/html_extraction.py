#!/usr/bin/env python3
"""Which extraction library finds an HTML page's article best, as artlint uses it.

    python benchmarks/html_extraction.py PAGES_DIR EVALDATA_JSON [--limit N]

The pages and the expectations are trafilatura's own evaluation set (``tests/cache/*.html``
and ``tests/evaldata.json`` of github.com/adbar/trafilatura): for each page, snippets the
article holds ("with") and page furniture it must not hold ("without"). (trafilatura was tuned
on these pages, so they favour it; readability-lxml is scored on the same footing.)

Only pages with neither ``<article>`` nor ``<main>`` are scored, the pages on which artlint asks
a library at all. For each library the article is what artlint lints: the visible text of the
element ``extraction.main_content_element`` picks, chrome blanked. Reported: the share of
"with" snippets found in it, the share of "without" snippets kept out of it, and the time per
page (the library's extraction and artlint's placing of it). "whole body" (no library, the
page's body with its chrome elements blanked) is there for comparison.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from artlint.document.extraction import EXTRACTORS, main_content_element
from artlint.document.html import scan_html
from artlint.document.page import _merged, blank_spans, build_tree, chrome_spans


def words(s: str) -> str:
    return " ".join(s.split())


def region_text(text: str, library: str) -> tuple[str, float]:
    scan = scan_html(text, 0, len(text), elements=True)
    elements = build_tree(scan.elements or [], len(text))
    visible = blank_spans(text, _merged(scan.markup + scan.hidden))
    began = time.perf_counter()
    if library == "whole body":
        found = next((i for i, e in enumerate(elements) if e.name == "body"), -1)
    else:
        found = main_content_element(text, elements, visible, library)
    took = time.perf_counter() - began
    if found < 0:
        return "", took
    chars = list(visible)
    for a, b in chrome_spans(elements, found):
        chars[a:b] = " " * (b - a)
    from html import unescape

    e = elements[found]
    return words(unescape("".join(chars[e.inner : e.close]))), took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", type=Path)
    parser.add_argument("evaldata", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    expectations = json.loads(args.evaldata.read_text("utf-8"))
    pages = []
    for entry in expectations.values():
        path = args.pages / entry["file"]
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        lowered = text.lower()
        if "<article" in lowered or "<main" in lowered:
            continue
        pages.append((text, entry))
    if args.limit:
        pages = pages[: args.limit]
    print(f"{len(pages)} pages without <article> or <main>")
    for library in (*EXTRACTORS, "whole body"):
        found = kept_out = with_total = without_total = 0
        times = []
        for text, entry in pages:
            article, took = region_text(text, library)
            times.append(took)
            found += sum(words(s) in article for s in entry["with"])
            kept_out += sum(words(s) not in article for s in entry["without"])
            with_total += len(entry["with"])
            without_total += len(entry["without"])
        print(f"{library:12} with found {found}/{with_total} ({found / with_total:.0%}), "
              f"without kept out {kept_out}/{without_total} ({kept_out / without_total:.0%}), "
              f"median {statistics.median(times) * 1000:.0f} ms/page, total {sum(times):.1f} s")


if __name__ == "__main__":
    main()
