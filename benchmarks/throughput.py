#!/usr/bin/env python3
"""Throughput benchmark: artlint beside its peers, on the same generated corpus, in one run.

    python benchmarks/throughput.py                    # 1,000 and 10,000 files, 3 runs each
    python benchmarks/throughput.py --sizes 1000 --runs 3 --skip-peers
    python benchmarks/throughput.py --only-pre-commit   # the one-article and --version ratios

It generates articles with ../shared/tools/gen_corpus.py (seed 1), installs the peers into
benchmarks/.cache/ (markdownlint-cli2 and textlint from npm, proselint from PyPI), times each
tool as a whole process (median wall time of --runs runs, the tools taking turns so that a change
in the machine's load falls on all of them alike; peak RSS of the process tree), and
prints one table with artlint's throughput as a ratio to each peer measured in the same run.
Then: cold vs warm result cache, --jobs 1 vs 2, and what pre-commit pays: one edited article beside
each peer (`artlint check FILE`, pre-commit's command line, and the same with an option, which goes
through click), `artlint --version` beside a bare interpreter (ratios of medians, the tools taking
turns).
Every table says the machine's load average at the time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
GEN = REPO.parent / "shared" / "tools" / "gen_corpus.py"
PEERS = {"markdownlint-cli2": "0.24.1", "textlint": "15.8.0", "textlint-rule-no-todo": "2.0.1"}
PROSELINT = "0.16.0"


def _tree_rss(root: int) -> int:
    """RSS in KiB of a process and all its descendants now (Linux /proc; 0 elsewhere)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))  # fields[1]: ppid
            rss[int(entry.name)] = int(fields[21]) * page_kib  # fields[21]: RSS in pages
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def sh(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int, int]:
    """Run a command; return (wall seconds, peak RSS in KiB of the whole process tree (the
    parent and its workers together, sampled every 50 ms), exit status)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    # ru_maxrss (KiB): the largest single process, for runs shorter than one sample
    return wall, max(peak[0], usage.ru_maxrss), os.waitstatus_to_exitcode(status)


def corpus(n: int) -> Path:
    out = CACHE / f"corpus-{n}"
    if not (out / "manifest.json").exists():
        if not GEN.exists():
            sys.exit(f"benchmark: {GEN} not found (the shared tools folder sits beside the repository)")
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, str(GEN), str(out), "--n", str(n), "--seed", "1"], check=True,
                       stdout=subprocess.DEVNULL)
    return out


def install_peers() -> dict[str, list[str]]:
    npm_dir = CACHE / "npm"
    bin_dir = npm_dir / "node_modules" / ".bin"
    if not (bin_dir / "markdownlint-cli2").exists() or not (bin_dir / "textlint").exists():
        npm = shutil.which("npm")
        if npm is None:
            print("benchmark: npm not found, skipping markdownlint-cli2 and textlint", file=sys.stderr)
        else:
            subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(npm_dir),
                            *[f"{name}@{version}" for name, version in PEERS.items()]], check=True)
    venv = CACHE / "proselint-venv"
    if not (venv / "bin" / "proselint").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", f"proselint=={PROSELINT}"], check=True)
    tools: dict[str, list[str]] = {}
    if (bin_dir / "markdownlint-cli2").exists():
        tools[f"markdownlint-cli2 {PEERS['markdownlint-cli2']}"] = [str(bin_dir / "markdownlint-cli2"), "**/*.md"]
        tools[f"textlint {PEERS['textlint']} (no-todo)"] = [
            str(bin_dir / "textlint"), "--rules-base-directory", str(npm_dir / "node_modules"),
            "--rule", "no-todo", "**/*.md"]
    tools[f"proselint {PROSELINT}"] = [str(venv / "bin" / "proselint"), "check", "."]
    return tools


def artlint_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "artlint"
    return [str(exe)] if exe.exists() else [shutil.which("artlint") or "artlint"]


def supports(flag: str) -> bool:
    out = subprocess.run([*artlint_cmd(), "check", "--help"], capture_output=True, text=True).stdout
    return flag in out


def median_run(cmd: list[str], cwd: Path, runs: int, before=None, env: dict | None = None) -> tuple[float, int]:
    walls, rss = [], 0
    for _ in range(runs):
        if before:
            before()
        wall, peak, _ = sh(cmd, cwd, env)
        walls.append(wall)
        rss = max(rss, peak)
    return statistics.median(walls), rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--only-pre-commit", action="store_true", help="only the one-article and --version ratios")
    ap.add_argument("--proselint-everywhere", action="store_true", help="run proselint on 10,000 files too")
    ap.add_argument("--tables-only", action="store_true",
                    help="only the throughput tables (no --jobs, result cache or pre-commit comparisons)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    CACHE.mkdir(exist_ok=True)
    tools = {} if args.skip_peers else install_peers()
    artlint = artlint_cmd()
    no_cache = ["--no-cache"] if supports("--no-cache") else []
    # The corpus lives in benchmarks/.cache/, which .gitignore lists: lint it all the same.
    check = [*artlint, "check", *(["--no-respect-gitignore"] if supports("--no-respect-gitignore") else [])]
    has_jobs = supports("--jobs")
    if args.only_pre_commit:
        pre_commit(corpus(sizes[0]), tools, artlint, check, no_cache, max(7, args.runs))
        return

    print(f"# throughput ({_load()} at the start)")
    rows = []
    for n in sizes:
        folder = corpus(n)
        files = sum(1 for _ in folder.rglob("*.md"))
        commands = {"artlint (all offline rules)": [*check, *no_cache, "--format", "json", "."]}
        befores = {}
        if no_cache:
            # What a CI job that keeps .artlint_cache between runs pays on 1,000 new articles: the
            # rules come from the rule cache (built by an earlier run with the same rule files and
            # version), no result is cached.
            cached_rules = "artlint (rules from the rule cache, no result cached)"
            commands[cached_rules] = [*check, "--format", "json", "."]
            results = folder / ".artlint_cache" / "results.sqlite3"
            befores[cached_rules] = lambda results=results: results.unlink(missing_ok=True)
            sh(commands[cached_rules], folder)  # builds the rule cache once, untimed
        for name, cmd in tools.items():
            if n > 1000 and "proselint" in name and not args.proselint_everywhere:
                continue  # proselint takes minutes at 10,000 files; its 1,000-file rate is enough
            commands[name] = cmd
        for name, (wall, rss) in taking_turns(commands, folder, args.runs, befores).items():
            rows.append((name, files, wall, rss))
        base = rows[0][2]
        print(f"\n## {files} files (median of {args.runs} runs, whole process, the tools taking turns)\n")
        print("| tool | files | wall s | files/s | peak RSS MiB | artlint speed-up |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, count, wall, rss in rows:
            ratio = "1.00" if name.startswith("artlint") else f"{wall / base:.2f}x"
            print(f"| {name} | {count} | {wall:.2f} | {count / wall:.0f} | {rss / 1024:.0f} | {ratio} |")
        artlints = [(name, wall) for name, _count, wall, _rss in rows if name.startswith("artlint")]
        for name, _count, wall, _rss in rows:
            target = {"markdownlint-cli2": 3, "proselint": 10}.get(name.split()[0])
            if target:
                for artlint_name, artlint_wall in artlints:
                    print(f"\nfiles/s, {artlint_name} / {name.split()[0]} = {wall / artlint_wall:.2f}"
                          f" (target {target} or more)")
        print(f"\n({_load()} after this table)")
        rows.clear()

        if args.tables_only:
            continue
        if has_jobs:
            one, _ = median_run([*check, *no_cache, "--jobs", "1", "--format", "json", "."], folder, args.runs)
            two, _ = median_run([*check, *no_cache, "--jobs", "2", "--format", "json", "."], folder, args.runs)
            print(f"\n--jobs 1: {one:.2f} s, --jobs 2: {two:.2f} s, speed-up {one / two:.2f}x")
        if no_cache:
            cache_dir = folder / ".artlint_cache"
            cold_wall, _ = median_run([*check, "--format", "json", "."], folder, args.runs,
                                      before=lambda: shutil.rmtree(cache_dir, ignore_errors=True))
            warm_wall, _ = median_run([*check, "--format", "json", "."], folder, args.runs)
            print(f"result cache: cold {cold_wall:.2f} s, warm {warm_wall:.2f} s, warm/cold {warm_wall / cold_wall:.3f}")

    if not args.tables_only:
        pre_commit(corpus(sizes[0]), tools, artlint, check, no_cache, max(7, args.runs))


def taking_turns(commands: dict[str, list[str]], cwd: Path, runs: int,
                 befores: dict | None = None) -> dict[str, tuple[float, int]]:
    """Each command's median wall time and peak RSS, the commands run in turn, run after run: a
    change in the machine's load (other processes come and go) falls on all of them alike.
    ``befores``: what to do before a command's each run (not timed)."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for _ in range(runs):
        for name, cmd in commands.items():
            if befores and name in befores:
                befores[name]()
            wall, peak, _ = sh(cmd, cwd)
            walls[name].append(wall)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(walls[name]), peaks[name]) for name in commands}


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min), {os.cpu_count()} CPUs"


def pre_commit(folder: Path, tools: dict[str, list[str]], artlint: list[str], check: list[str],
               no_cache: list[str], runs: int) -> None:
    """What pre-commit pays: `artlint check` on one just-edited article (its rule set built from
    the rule cache, its result not cached), beside each peer on the same file, and `artlint
    --version` beside a bare interpreter. The tools take turns, run after run, so that a change
    in the machine's load falls on all of them alike; each ratio is of medians."""
    # As installed by pip, with its modules compiled to bytecode: an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would compile artlint's source on every start instead.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    one = CACHE / "one-article"
    shutil.rmtree(one, ignore_errors=True)
    one.mkdir()
    text = next(folder.rglob("*.md")).read_text(encoding="utf-8")
    article = one / "article.md"
    article.write_text(text, encoding="utf-8")
    sh([*check, str(article)], one, env)  # writes the bytecode, and the rule cache, if missing
    # pre-commit's own command line: `artlint check FILE` (the hook's entry and the staged files),
    # which runs without click; the same with an option goes through click. An article named on
    # the command line is linted whatever .gitignore says, so both lint the same file.
    commands = {
        "artlint check (one edited article)": [*artlint, "check", "article.md"],
        "artlint check --no-respect-gitignore (an option: through click)": [*check, "article.md"],
        "artlint check --no-cache (rules built afresh)": [*check, *no_cache, "article.md"],
        **{name: [*cmd[:-1], "article.md"] for name, cmd in tools.items() if not name.startswith("textlint")},
        "artlint --version": [*artlint, "--version"],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    print(f"\n## pre-commit: one article, {runs} runs each, taking turns ({_load()} at the start)\n")
    for i in range(runs):
        for name, cmd in commands.items():
            if name.startswith("artlint check"):  # an edit: the result cache cannot answer
                article.write_text(f"{text}\n<!-- edit {i}: {name} -->\n", encoding="utf-8")  # each its own
            walls[name].append(sh(cmd, one, env)[0])
    median = {name: statistics.median(w) for name, w in walls.items()}
    print("| command | median ms |")
    print("|---|---:|")
    for name, wall in median.items():
        print(f"| {name} | {wall * 1000:.0f} |")
    artlint_one = median["artlint check (one edited article)"]
    through_click = median["artlint check --no-respect-gitignore (an option: through click)"]
    for name in median:
        if name.startswith(("proselint", "markdownlint")):
            print(f"\none article: artlint / {name.split()[0]} = {artlint_one / median[name]:.2f} (target below 1.0; "
                  f"with an option, through click: {through_click / median[name]:.2f})")
    print(f"`artlint --version` / `python -c pass` = {median['artlint --version'] / median['python -c pass']:.2f} "
          f"(target 3.0 or less)")
    print(f"\n({_load()} at the end)")


if __name__ == "__main__":
    main()
