#!/usr/bin/env python3
"""Audit throughput: `artlint audit` with the local engine and with Dask, on generated articles.

    python benchmarks/audit_bench.py                 # 10,000 articles, 2 workers, 1 run each
    python benchmarks/audit_bench.py --runs 3        # what the README shows
    python benchmarks/audit_bench.py --n 2000 --jobs 2 --runs 3

The articles come from ../shared/tools/gen_corpus.py (seed 1) into benchmarks/.cache/corpus-N
(the folder benchmarks/throughput.py uses). Each engine runs as a whole `artlint audit` process,
JSON Lines to a file; the table shows the median and the best wall time of the runs (Dask: its
LocalCluster's start and shutdown included) and files per second. Both outputs are compared:
apart from the summary they must be the same, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))
from throughput import artlint_cmd, corpus  # noqa: E402 - the same corpora and artlint as that benchmark


def run(engine: str, folder: Path, jobs: int, out: Path) -> tuple[float, dict]:
    cmd = [*artlint_cmd(), "audit", "--engine", engine, "--jobs", str(jobs), "-o", str(out), "."]
    start = time.perf_counter()
    proc = subprocess.run(cmd, check=False, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"benchmark: {' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr}")
    with out.open(encoding="utf-8") as handle:
        *_, last = handle
    return wall, json.loads(last)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate and audit")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of each engine")
    parser.add_argument("--runs", type=int, default=1, help="runs per engine (the median is shown)")
    parser.add_argument("--engines", default="local,dask")
    args = parser.parse_args()

    folder = corpus(args.n)
    results = {}
    outputs = {}
    for engine in args.engines.split(","):
        runs = []
        for i in range(args.runs):
            out = CACHE / f"audit-{engine}-{args.n}.jsonl"
            runs.append(run(engine, folder, args.jobs, out))
            print(f"  {engine} run {i + 1}: {runs[-1][0]:.2f} s", file=sys.stderr)
        outputs[engine] = out
        runs.sort(key=lambda r: r[0])
        results[engine] = (runs[(len(runs) - 1) // 2], runs[0][0])  # the median run, the best time

    print(f"\n{args.n:,} generated articles, {args.jobs} workers, median of {args.runs} run(s); "
          f"Python {sys.version.split()[0]}\n")
    print("| engine | files | diagnostics | wall time (median) | files/s | best wall time | files/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for engine, ((wall, summary), best) in results.items():
        print(f"| {engine} ({summary['workers']} workers) | {summary['files']:,} | {summary['diagnostics']:,} | "
              f"{wall:.1f} s | {summary['files'] / wall:,.0f} | {best:.1f} s | {summary['files'] / best:,.0f} |")
    if len(outputs) == 2:
        a, b = (p.read_text(encoding="utf-8").splitlines()[:-1] for p in outputs.values())
        print(f"\nrecords identical across engines: {'yes' if a == b else 'NO'}")


if __name__ == "__main__":
    main()
