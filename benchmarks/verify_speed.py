"""How long the deterministic part of --verify-sources takes per claim (issue 17's target: at
most 50 ms at the median): read a source once (its passages), index it, and look up every
figure that cites it, on a 30-page PDF and a 5,000-word HTML page. No network: the sources
are built here and read from memory. Prints the median and 90th percentile per claim, with
the machine's load, for a first claim (which pays for reading and indexing) and the rest.

    python benchmarks/verify_speed.py [--claims 40] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pdf_support import make_pdf  # noqa: E402

from artlint.verify.index import SourceIndex  # noqa: E402
from artlint.verify.quantities import quantities  # noqa: E402
from artlint.verify.reading import read_source  # noqa: E402

TOPICS = ["rare earth processing", "lithium refining", "copper smelting", "battery storage capacity",
          "solar module exports", "wind turbine orders", "natural gas imports", "coal power generation",
          "hydrogen electrolyser sales", "grid investment", "nickel output", "cobalt mining"]
FILLER = ("The review notes that conditions varied across regions and that the outlook depends on policy. "
          "Analysts at the agency compared the results with earlier editions and with industry plans. ")


def sentence(rng: random.Random, topic: str) -> tuple[str, str]:
    """A source sentence stating a figure, and a claim an article makes of it."""
    value = rng.randint(11, 95)
    form = rng.choice(["{v} per cent", "{v}%", "{v}.{d}%"])
    written = form.format(v=value, d=rng.randint(1, 9))
    country = rng.choice(["China", "India", "Chile", "Australia", "Indonesia"])
    source = f"{country} held {written} of global {topic} in 2023, according to customs and company data."
    claim = f"{country} accounts for about {value}% of global {topic}."
    return source, claim


def build(rng: random.Random, words: int) -> tuple[list[str], list[str]]:
    lines, claims = [], []
    while sum(len(x.split()) for x in lines) < words:
        src, claim = sentence(rng, rng.choice(TOPICS))
        lines.append(src)
        lines.append(FILLER)
        claims.append(claim)
    return lines, claims


def pdf_source(rng: random.Random, pages: int = 30):
    lines, claims = build(rng, 500 * pages)
    per_page = max(1, len(lines) // pages)
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)][:pages]
    wrapped = [[part[k:k + 90] for part in page for k in range(0, len(part), 90)] for page in chunks]
    return read_source("application/pdf", None, make_pdf(wrapped), "report.pdf"), claims


def html_source(rng: random.Random, words: int = 5000):
    lines, claims = build(rng, words)
    body = "".join(f"<p>{line}</p>\n" for line in lines)
    page = f"<html><head><title>Review</title></head><body><nav>Home</nav><article><h1>Review</h1>{body}</article></body></html>"
    return read_source("text/html", page, None, "review.html"), claims


def per_claim(read, claims: list[str]) -> tuple[list[float], int]:
    """Seconds for each claim (the first pays for reading and indexing the source), and how
    many claims the source was found to state (all of them, built so)."""
    times, stated = [], 0
    t0 = time.perf_counter()
    source = read()
    index = SourceIndex(source.passages)
    setup = time.perf_counter() - t0
    for k, claim in enumerate(claims):
        t = time.perf_counter()
        figure = quantities(claim)[0]
        at = claim.find(figure.surface.split("%")[0])
        stated += index.stating(figure, index.described(claim, at, at + len(figure.surface))) is not None
        times.append(time.perf_counter() - t + (setup if k == 0 else 0.0))
    return times, stated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    quantities("warm up 5%")  # quantulum3 builds its tables once per process (about 3 s)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    for name, make in (("30-page PDF", pdf_source), ("5,000-word page", html_source)):
        rng = random.Random(args.seed)
        holder = {}

        def read(make=make, rng=rng, holder=holder):
            source, claims = make(rng)
            holder["claims"] = claims
            return source

        read()  # to know the claims; timed again below
        claims = holder["claims"][:args.claims]
        times, stated = per_claim(lambda: make(random.Random(args.seed))[0], claims)
        times.sort()
        median = statistics.median(times) * 1000
        p90 = times[int(0.9 * (len(times) - 1))] * 1000
        first = max(times) * 1000
        print(f"{name}: {len(claims)} claims, median {median:.1f} ms per claim, p90 {p90:.1f} ms, "
              f"first (reads and indexes the source) {first:.0f} ms; {stated}/{len(claims)} found stated")


if __name__ == "__main__":
    main()
