#!/usr/bin/env python3
"""Differential check for work that must not change findings: this tree's against a git ref's.

    python benchmarks/same_findings.py                       # against where this branch left main
    python benchmarks/same_findings.py --against HEAD~3 --corpus /tmp/gen1000

It exports REF's source with `git archive` into a temporary folder, then runs `artlint check
--no-cache --format json` with that source and with this tree's (the same interpreter, the
source chosen by PYTHONPATH) over: 1,000 generated articles (../shared/tools/gen_corpus.py, seed
1, generated into --corpus when that folder does not exist), 300 more with every kind of defect
(seed 2, beside it), ../shared/corpus,
tests/realworld/dev and examples/. Each run's findings, sorted, must be byte-identical; the first
differing lines are printed otherwise, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
GEN = SHARED / "tools" / "gen_corpus.py"


def _findings(src: Path, paths: list[Path]) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.run(
        [sys.executable, "-m", "artlint", "check", "--no-cache", "--format", "json", *map(str, paths)],
        env=env, capture_output=True, text=True, cwd=REPO,
    )
    if proc.returncode not in (0, 1):  # 1: findings were reported
        sys.exit(f"artlint ({src}) exited {proc.returncode}:\n{proc.stderr}")
    return sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in json.loads(proc.stdout))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--against", default=None,
                    help="git ref whose findings are the reference (default: where HEAD left main, "
                         "so that work merged into main meanwhile is not counted as a change)")
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "artlint-same-findings-gen1000",
                    help="folder of the 1,000 generated articles (generated when missing)")
    args = ap.parse_args()
    if args.against is None:
        args.against = subprocess.run(["git", "-C", str(REPO), "merge-base", "HEAD", "main"], check=True,
                                      capture_output=True, text=True).stdout.strip()

    defective = args.corpus.with_name(args.corpus.name + "-defects")
    if not args.corpus.exists():
        subprocess.run([sys.executable, str(GEN), "--n", "1000", "--seed", "1", str(args.corpus)],
                       check=True, stdout=subprocess.DEVNULL)
    if not defective.exists():  # every article with every kind of defect: many more findings to compare
        rates = [a for kind in ("placeholder", "link", "source", "spacing", "statistic") for a in (f"--rate-{kind}", "1")]
        subprocess.run([sys.executable, str(GEN), "--n", "300", "--seed", "2", *rates, str(defective)],
                       check=True, stdout=subprocess.DEVNULL)
    inputs = {
        "generated": [args.corpus],
        "generated, every defect": [defective],
        "shared corpus": [SHARED / "corpus"],
        "realworld dev": [REPO / "tests" / "realworld" / "dev"],
        "examples": [REPO / "examples"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "ref.tar"
        subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), args.against, "src", "rules"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        ref_src, own_src = Path(tmp) / "src", REPO / "src"
        differing = 0
        for name, paths in inputs.items():
            ref, own = _findings(ref_src, paths), _findings(own_src, paths)
            if ref == own:
                print(f"{name}: {len(own)} findings, identical")
                continue
            differing += 1
            print(f"{name}: DIFFERENT ({len(ref)} findings at {args.against}, {len(own)} here)")
            for line in sorted(set(ref) ^ set(own))[:10]:
                print(("  - " if line in ref else "  + ") + line)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
