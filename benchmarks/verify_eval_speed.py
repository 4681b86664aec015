#!/usr/bin/env python3
"""How long benchmarks/verify_eval.py's ``evaluate()`` takes at an earlier commit and in the working
tree, measured in one run (one after the other, on the same machine and load), and whether the two
give the same output to the last row.

    python benchmarks/verify_eval_speed.py --base 2e5b329 [--seed 0] [--keep DIR]

Each side runs in a fresh Python process with the same ``PYTHONHASHSEED``: quantulum3's choice
between readings of equal weight follows set order, so two processes with different seeds can
differ in a few rows even on the same code. The base commit's ``src/`` (and ``rules/``, which it
reads beside it) is exported with ``git archive`` and put first on ``PYTHONPATH``; the evaluation
itself (the pairs and this folder's ``verify_eval.py``) is the working tree's for both sides. Prints
both times, their ratio and the load average; exits 1 when the outputs differ.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run in the child: evaluate() once, its rows and summary as JSON on stdout after its time.
_CHILD = """
import json, logging, sys, time
sys.path.insert(0, {benchmarks!r})
logging.disable(logging.CRITICAL)  # quiet: only the timings and the rows go to stdout
import verify_eval
started = time.perf_counter()
ev = verify_eval.evaluate()
seconds = time.perf_counter() - started
print(seconds)
print(json.dumps({{"rows": ev.rows, "summary": verify_eval.summary(ev)}}, ensure_ascii=False, sort_keys=True))
"""


def export(rev: str, into: Path) -> Path:
    """The ``src/`` folder of commit ``rev``, written under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src", "rules"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def timed(src: Path, seed: str) -> tuple[float, str]:
    """Seconds evaluate() took with the package in ``src``, and its output."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(src)}
    child = _CHILD.format(benchmarks=str(ROOT / "benchmarks"))
    done = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True)
    seconds, output = done.stdout.split("\n", 1)
    return float(seconds), output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare with (its src/)")
    parser.add_argument("--seed", default="0", help="PYTHONHASHSEED of both runs")
    parser.add_argument("--keep", type=Path, help="write both outputs here (base.json, new.json)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base_src = export(args.base, Path(tmp))
        load = os.getloadavg()[0]
        started = time.monotonic()
        base_seconds, base_out = timed(base_src, args.seed)
        new_seconds, new_out = timed(ROOT / "src", args.seed)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        (args.keep / "base.json").write_text(base_out, encoding="utf-8")
        (args.keep / "new.json").write_text(new_out, encoding="utf-8")
    same = json.loads(base_out) == json.loads(new_out)
    print(f"evaluate(): {args.base} {base_seconds:.1f} s, working tree {new_seconds:.1f} s, "
          f"{base_seconds / new_seconds:.2f}x; load average {load:.2f} -> {os.getloadavg()[0]:.2f} on "
          f"{os.cpu_count()} CPUs over {time.monotonic() - started:.0f} s; "
          f"output {'identical' if same else 'DIFFERENT'} (PYTHONHASHSEED={args.seed})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
