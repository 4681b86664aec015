#!/usr/bin/env python3
"""Robustness benchmark: hostile shapes, peak memory, and a seeded fuzz run through the API.

    python benchmarks/robustness.py shapes [--size 200000]      # cost per byte of each shape
    python benchmarks/robustness.py memory [--size 5000000]     # peak RSS of one big article
    python benchmarks/robustness.py fuzz --docs 100000 --seed 1  # crashes, positions, worst cost

``shapes`` lints documents made of one repeated shape (emphasis runs, spaced dots, brackets,
nested lists ...) and mutated real articles, and prints each one's time per byte as a ratio to
an ordinary article of the same size (the real-article corpus, concatenated), measured in the
same run. ``memory`` lints one article of ``--size`` bytes in a fresh process and prints the
growth of its peak RSS over the process's RSS before the lint, per input byte. ``fuzz`` runs
generated and mutated documents through ``Linter.lint_text`` with every built-in rule and checks
that nothing raises and every diagnostic's ``match`` is the document's text at its position;
it prints the crashes (with a reproducer), the mismatches, the worst time per byte as a ratio to
an ordinary article of the document's size, and the run's peak RSS (the memos of a process that
reads many texts are bounded; memory per MB of one big document is what ``memory`` measures).
"""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import random
import resource
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from artlint.diagnostics import SourceSpans

REPO = Path(__file__).resolve().parent.parent
REALWORLD = REPO / "tests" / "realworld"


def _linter():
    from artlint.api import Linter
    from artlint.config import Config
    from artlint.selection import load_ruleset

    linter = Linter(Config(root=REPO))
    # Every built-in rule, those off by default too, so that every check sees the shapes.
    linter._rules = load_ruleset(Config(root=REPO))
    return linter


def ordinary_article(size: int) -> str:
    """Real articles, concatenated and cut at a paragraph break near ``size`` characters."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(REALWORLD.rglob("*.md"))]
    joined = "\n\n".join(texts)
    out = []
    total = 0
    while total < size:
        out.append(joined)
        total += len(joined)
    text = "\n\n".join(out)[:size]
    cut = text.rfind("\n\n")
    return text[:cut + 1] if cut > size // 2 else text


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _lines(make_line: Callable[[int], str], size: int) -> str:
    out, total, i = [], 0, 0
    while total < size:
        line = make_line(i)
        out.append(line)
        total += len(line)
        i += 1
    return "".join(out)


SHAPES: dict[str, Callable[[int], str]] = {
    "emphasis run *": lambda n: _repeat("*", n),
    "emphasis run _": lambda n: _repeat("_", n),
    "emphasis words **a": lambda n: _repeat("**a ", n),
    "spaced dots": lambda n: _repeat(". ", n),
    "dots": lambda n: _repeat(".", n),
    "spaced commas": lambda n: _repeat(" ,", n),
    "open brackets": lambda n: _repeat("[", n),
    "bracket pairs": lambda n: _repeat("[]", n),
    "link openers [a](": lambda n: _repeat("[a](", n),
    "nested links": lambda n: _repeat("[", n // 4) + _repeat("a]", n // 4) + _repeat("(b)", n // 4),
    "backticks": lambda n: _repeat("`", n),
    "backtick runs": lambda n: _repeat("` `` ``` ", n),
    "angle brackets": lambda n: _repeat("<", n),
    "html openers": lambda n: _repeat("<a ", n),
    "entities": lambda n: _repeat("&amp;", n),
    "pipes": lambda n: _repeat("|", n),
    "table rows": lambda n: "| a | b |\n|---|---|\n" + _repeat("| 1 | 2 |\n", n),
    "spaces": lambda n: "a" + _repeat(" ", n - 2) + "b",
    "one long word": lambda n: _repeat("abcdefghij", n),
    "blank lines": lambda n: _repeat("\n", n),
    "space lines": lambda n: _repeat(" \n", n),
    "setext underline": lambda n: "Title\n" + _repeat("=", n),
    "thematic breaks": lambda n: _repeat("- ", n),
    "quotes": lambda n: _repeat(">", n),
    "nested quotes lines": lambda n: _lines(lambda i: "> " * (i % 50) + "text\n", n),
    "nested lists": lambda n: _lines(lambda i: "  " * (i % 40) + "- item\n", n),
    "list markers": lambda n: _repeat("- ", n // 2) + "a",
    "headings": lambda n: _repeat("#", n),
    "heading lines": lambda n: _lines(lambda i: "#" * (i % 7 + 1) + " h #\n", n),
    "footnote refs": lambda n: _repeat("[^1]", n),
    "reference labels": lambda n: _lines(lambda i: f"[l{i}]: https://x.org/{i}\n", n),
    "urls": lambda n: _repeat("https://x.org/a ", n),
    "www dots": lambda n: _repeat("www.", n),
    "template braces": lambda n: _repeat("{{", n),
    "template tags": lambda n: _repeat("{% a %}", n),
    "comment openers": lambda n: _repeat("<!--", n),
    "percent figures": lambda n: _repeat("60% ", n),
    "numbers": lambda n: _repeat("1,2", n),
    "placeholders": lambda n: _repeat("[INTERNAL_LINK:a] ", n),
    "sources lines": lambda n: "## Sources\n\n" + _lines(lambda i: f"- Source {i}, report\n", n),
    "front matter dashes": lambda n: "---\n" + _repeat("a: b\n", n) ,
}


def mutate(text: str, rng: random.Random, edits: int) -> str:
    """``edits`` random insertions, deletions and duplications of markup-rich snippets."""
    pieces = ["*", "_", "[", "]", "(", ")", "`", "<", ">", "#", "-", "|", "\n", "\n\n", " ", ".", ",",
              "**", "](", "[^1]", "<!--", "-->", "{{", "}}", "```", "    ", "> ", "- ", "1. ", "\\", "&", "\r"]
    chars = text
    for _ in range(edits):
        if not chars:
            chars = rng.choice(pieces)
            continue
        i = rng.randrange(len(chars))
        kind = rng.random()
        if kind < 0.5:
            chars = chars[:i] + rng.choice(pieces) * rng.choice((1, 1, 2, 3, 8, 40)) + chars[i:]
        elif kind < 0.75:
            chars = chars[:i] + chars[i + rng.randrange(1, 20):]
        else:
            j = min(len(chars), i + rng.randrange(1, 200))
            chars = chars[:i] + chars[i:j] * rng.choice((2, 3, 10)) + chars[j:]
    return chars


def _timed(linter, text: str, path: str) -> float:
    gc.collect()
    start = time.perf_counter()
    linter.lint_text(text, path)
    return time.perf_counter() - start


def _best(linter, text: str, path: str, runs: int) -> float:
    return min(_timed(linter, text, path) for _ in range(runs))


def shapes(size: int, runs: int, only: str | None) -> int:
    linter = _linter()
    base_text = ordinary_article(size)
    base = _best(linter, base_text, "a.md", runs) / len(base_text)
    print(f"ordinary article: {len(base_text):,} chars, {base * 1e6:.2f} µs/char (Markdown, every rule)")
    rows = []
    cases = dict(SHAPES)
    for k in range(3):
        cases[f"mutated article {k + 1}"] = lambda n, k=k: mutate(ordinary_article(n), random.Random(k), n // 500)
    for name, make in cases.items():
        if only and only not in name:
            continue
        text = make(size)
        for ext in ("md", "txt"):
            cost = _best(linter, text, f"a.{ext}", runs) / max(1, len(text))
            rows.append((cost / base, name, ext, cost))
    rows.sort(reverse=True)
    print(f"{'shape':<28} {'fmt':<4} {'µs/char':>8} {'× ordinary':>11}")
    for ratio, name, ext, cost in rows:
        print(f"{name:<28} {ext:<4} {cost * 1e6:8.2f} {ratio:11.2f}")
    print(f"worst: {rows[0][1]} ({rows[0][2]}) at {rows[0][0]:.2f}× an ordinary article's cost per char")
    return 0


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def memory_child(size: int, shape: str) -> None:
    """In a fresh process: RSS before, peak RSS after one lint (printed as JSON)."""
    linter = _linter()
    text = ordinary_article(size) if shape == "ordinary" else SHAPES[shape](size)
    linter.lint_text("warm up.\n", "w.md")
    gc.collect()
    before = _rss_kib()
    # ru_maxrss is the process's peak so far; reset is not possible, so the peak after the lint
    # is compared with the RSS just before it (which is at or below the earlier peak).
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    linter.lint_text(text, "a.md")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"chars": len(text), "bytes": len(text.encode("utf-8")), "rss_before_kib": before,
                      "peak_before_kib": peak_before, "peak_kib": peak}))


def memory(size: int, shapes_: list[str]) -> int:
    print(f"{'article':<22} {'MB':>6} {'peak growth MB':>15} {'bytes per input byte':>21}")
    worst = 0.0
    for shape in shapes_:
        out = subprocess.run([sys.executable, __file__, "_memory_child", "--size", str(size), "--shape", shape],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout)
        growth = max(0, row["peak_kib"] - row["rss_before_kib"]) * 1024
        per_byte = growth / row["bytes"]
        worst = max(worst, per_byte)
        print(f"{shape:<22} {row['bytes'] / 1e6:6.2f} {growth / 1e6:15.1f} {per_byte:21.1f}")
    print(f"worst peak memory: {worst:.1f} bytes per input byte")
    return 0


# ---- fuzz ------------------------------------------------------------------------------------

GEN_PIECES = [
    "[", "]", "(", ")", "<", ">", "`", "*", "_", "#", "-", "+", "!", ":", ".", ",", ";", "?", "\\", " ", "\t",
    "|", "{", "}", "%", "\"", "'", "=", "@", "/", "&", "http://", "https://x.org/a_(b)", "www.", "[^1]",
    "[^1]: note", "[a]: https://x.org", "](", "![", "<https://x.org>", "<!--", "-->",
    "<!-- artlint-disable -->", "<!-- artlint-disable-next-line spacing -->", "<div>", "</div>",
    "<a href='#x'>", "</a>", "<script>", "</script>", "&amp;", "```", "~~~", "    ", "> ", "- ", "1. ",
    "# ", "---", "===", "| a | b |", "|---|---|", "{{ x }}", "{% x %}", "TODO:", "TK", "[INTERNAL_LINK:s]",
    "[source]", "according to the IEA", "experts say", "60%", "1,200", "$4bn", "one in five", "tripled",
    "Sources", "References", "strategic weight .", "India , Japan", "“", "”", "’s", "…", "—", "\u00a0",
    "\u200b", "\ufeff", "😀", "e\u0301", "中文", "\r\n", "\r", "\n", "\n\n", "Source: IMF, 2023",
    "doi:10.1000/x", "https://doi.org/10.1/x", "(https://x.org)", "[x](<a b>)", "[x]: <>", "\x00", "\x0c",
]


def _generated(rng: random.Random) -> str:
    n = rng.choice((5, 20, 60, 200, 600))
    return "".join(rng.choice(GEN_PIECES) if rng.random() < 0.8 else
                   "".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(1, 6)))
                   for _ in range(n))


def documents(count: int, seed: int) -> Iterator[tuple[str, str]]:
    rng = random.Random(seed)
    articles = [p.read_text(encoding="utf-8") for p in sorted(REALWORLD.rglob("*.md"))]
    articles += [p.read_text(encoding="utf-8") for p in sorted(REALWORLD.rglob("*.txt"))]
    for i in range(count):
        ext = rng.choice(("md", "md", "txt"))
        if i % 2:
            yield _generated(rng), ext
        else:
            article = rng.choice(articles)
            if rng.random() < 0.5:
                start = rng.randrange(len(article))
                article = article[start:start + rng.randrange(200, 6000)]
            yield mutate(article, rng, rng.randrange(1, 40)), ext


def _mismatch(spans, d) -> str | None:
    """Why ``d.match`` is not the text at its position (None when it is). ``spans``: the
    document's ``SourceSpans`` (a string linted through the API keeps its BOM as a character)."""
    if spans.span(d) is not None:
        return None
    return f"{d.rule} at {d.line}:{d.column}-{d.end_line}:{d.end_column}: match {d.match!r} is not the text there"


def fuzz(count: int, seed: int, report_every: int) -> int:
    linter = _linter()
    # An ordinary article's cost per character at each size (a small document's fixed costs
    # weigh more per character): a document is compared with the largest size not above it.
    sizes = [1_000, 4_000, 16_000, 64_000, 256_000]
    bases = [_best(linter, ordinary_article(n), "a.md", 3) / n for n in sizes]
    crashes: dict[str, tuple[str, str]] = {}
    mismatches: list[tuple[str, str]] = []
    worst = (0.0, "", "")
    start_rss = _rss_kib()
    total_chars = 0
    started = time.perf_counter()
    for i, (text, ext) in enumerate(documents(count, seed)):
        total_chars += len(text)
        t0 = time.perf_counter()
        try:
            diagnostics = linter.lint_text(text, f"d.{ext}")
        except Exception as exc:  # noqa: BLE001 - a crash is what we count
            key = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            crashes.setdefault(key, (text, ext))
            continue
        cost = time.perf_counter() - t0
        if len(text) >= sizes[0]:
            base = bases[bisect.bisect_right(sizes, len(text)) - 1]
            if cost / len(text) / base > worst[0]:
                # Timed again: a first run pays for patterns compiled and memos filled on first use.
                cost = min(cost, _timed(linter, text, f"d.{ext}"))
                if cost / len(text) / base > worst[0]:
                    worst = (cost / len(text) / base, text, ext)
        spans = SourceSpans(text)
        for d in diagnostics:
            problem = _mismatch(spans, d)
            if problem:
                mismatches.append((problem, text))
        if report_every and (i + 1) % report_every == 0:
            print(f"  {i + 1:,} documents, {len(crashes)} crash kinds, {len(mismatches)} mismatches, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"documents: {count:,} (seed {seed}), {total_chars / 1e6:.1f} M chars")
    print(f"crashes: {sum(1 for _ in crashes)} kinds")
    for key, (text, ext) in crashes.items():
        print(f"  {key}\n    reproduce: lint_text({text[:300]!r}, 'd.{ext}')")
    print(f"position mismatches: {len(mismatches)}")
    for problem, text in mismatches[:10]:
        print(f"  {problem}\n    in {text[:200]!r}")
    print(f"worst cost per char (documents of 1,000+ chars): {worst[0]:.2f}× an ordinary article's of its size"
          f" ({len(worst[1]):,} chars, {worst[2]})")
    if worst[1]:
        print(f"    it begins {worst[1][:200]!r}")
    print(f"peak RSS: {peak / 1024:.0f} MB (start {start_rss / 1024:.0f} MB)")
    return 1 if crashes or mismatches else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("shapes")
    p.add_argument("--size", type=int, default=200_000)
    p.add_argument("--runs", type=int, default=2)
    p.add_argument("--only")
    p = sub.add_parser("memory")
    p.add_argument("--size", type=int, default=5_000_000)
    p.add_argument("--shapes", default="ordinary,emphasis run *,spaced dots,open brackets,nested lists")
    p = sub.add_parser("_memory_child")
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--shape", required=True)
    p = sub.add_parser("fuzz")
    p.add_argument("--docs", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--report-every", type=int, default=10_000)
    args = parser.parse_args(argv)
    if args.command == "shapes":
        return shapes(args.size, args.runs, args.only)
    if args.command == "memory":
        return memory(args.size, args.shapes.split(","))
    if args.command == "_memory_child":
        memory_child(args.size, args.shape)
        return 0
    return fuzz(args.docs, args.seed, args.report_every)


if __name__ == "__main__":
    sys.exit(main())
