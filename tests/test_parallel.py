"""--jobs: the same results, in the same order, whatever the number of worker processes; the
modes that rewrite files or need the whole run (fix, diff, baselines, stdin) still work.

``--jobs 2`` runs go through the installed command (a real pool of worker processes);
``--jobs 1`` runs, which lint in the command's own process, go through click's runner, which
saves a Python start-up per run; the outputs of the two are compared byte for byte."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from artlint.parallel import CHUNK, SparseLines
from conftest import CORPUS, REPO
from runcli import run_exe, run_runner, write

GEN = REPO.parent / "shared" / "tools" / "gen_corpus.py"


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """More than two chunks of files (so that --jobs 2 starts a pool): a generated corpus, the
    shared corpus and a file that cannot be read."""
    if not GEN.exists() or not CORPUS.is_dir():
        pytest.skip("the shared corpus and tools are not beside the repository")
    root = tmp_path_factory.mktemp("big")
    subprocess.run([sys.executable, str(GEN), str(root / "gen"), "--n", str(2 * CHUNK + 10), "--seed", "5"],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(CORPUS, root / "shared", ignore=shutil.ignore_patterns(".artlint_cache"))
    for i, article in enumerate(sorted((root / "gen").rglob("*.md"))):
        _shorten(article, fixable=i % 2 == 0)
    write(root, "gen/zz-binary.md", b"\x00\x01\xff binary")
    assert sum(1 for _ in root.rglob("*.md")) > 2 * CHUNK
    return root


def _shorten(article: Path, fixable: bool) -> None:
    """A generated article cut to its head (front matter, title, first paragraphs) and its
    tail (the Sources section): most kinds of findings in a fifth of the bytes, since this
    module lints the whole folder some twenty times. The cut loses most stray spaces (the
    fixable findings), so every other article gets a paragraph of them back."""
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    added = ["\nThe figures , as ever , tell ( most of ) the story .\n"] if fixable else []
    article.write_text("".join(lines[:12] + added + lines[-8:]), encoding="utf-8")


def _runner_for(jobs: str):
    """The installed command for a pool, click's runner for a run in one process."""
    return run_runner if jobs == "1" else run_exe


def _check(folder: Path, *args) -> tuple[int, str, str]:
    jobs = args[args.index("--jobs") + 1]
    r = _runner_for(jobs)("check", "--no-cache", *args, cwd=folder)
    return r.code, r.out, r.err


def test_jobs_1_and_2_give_the_same_json_and_text(big):
    one = _check(big, "--jobs", "1", "--format", "json", ".")
    two = _check(big, "--jobs", "2", "--format", "json", ".")
    assert one == two
    diags = json.loads(two[1])
    paths = {d["path"] for d in diags}
    assert any(p.startswith("gen") for p in paths) and any(p.startswith("shared") for p in paths)
    assert any(d["rule"] == "unreadable-file" for d in diags)
    # deterministic order: files as walked (sorted, a folder's files before its subfolders),
    # each file's findings by line and column
    order = [(d["path"], d["line"], d["column"]) for d in diags]
    by_file: dict[str, list] = {}
    for path, line, col in order:
        by_file.setdefault(path, []).append((line, col))
    assert all(v == sorted(v) for v in by_file.values())
    assert list(by_file) == sorted(by_file, key=lambda p: (Path(p).parts[:-1] != ("gen",), p))
    assert _check(big, "--jobs", "1", ".") == _check(big, "--jobs", "2", ".")  # text, with context lines


def test_jobs_from_config_is_validated(tmp_path):
    write(tmp_path, ".artlint.toml", "jobs = 0\n")
    write(tmp_path, "a.md", "Text , here.\n")
    r = run_runner("check", "a.md", cwd=tmp_path)  # a config error: nothing to do with a pool
    assert r.code == 2 and "jobs" in r.err
    write(tmp_path, ".artlint.toml", "jobs = 2\n")
    r = run_exe("check", "--format", "json", "a.md", cwd=tmp_path)
    assert r.code == 1 and [d["rule"] for d in r.json()] == ["space-before-punctuation"]


def test_baselines_are_the_same_with_any_jobs(big, tmp_path):
    for jobs in ("1", "2"):
        r = _runner_for(jobs)("check", "--no-cache", "--jobs", jobs, "--write-baseline",
                              str(tmp_path / f"b{jobs}.json"), ".", cwd=big)
        assert r.code == 0, r.err
    assert (tmp_path / "b1.json").read_bytes() == (tmp_path / "b2.json").read_bytes()
    r = run_exe("check", "--jobs", "2", "--baseline", str(tmp_path / "b1.json"), "--format", "json", ".", cwd=big)
    assert [d["rule"] for d in r.json()] == ["unreadable-file"]  # never recorded in a baseline


def test_fix_and_diff_with_jobs(big, tmp_path):
    copies = []
    for jobs in ("1", "2"):
        folder = tmp_path / f"j{jobs}"
        shutil.copytree(big / "gen", folder)
        run = _runner_for(jobs)
        d = run("check", "--jobs", jobs, "--diff", ".", cwd=folder)
        assert d.code == 1 and d.out.startswith("---")
        r = run("check", "--jobs", jobs, "--fix", "--format", "json", ".", cwd=folder)
        assert r.code in (0, 1), r.err
        copies.append((d.out, r.out, {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.md"))}))
    assert copies[0] == copies[1]


def test_stdin_with_jobs():
    r = run_exe("check", "--jobs", "2", "--format", "json", "-", input=b"Text , here.\n")
    assert [d["rule"] for d in r.json()] == ["space-before-punctuation"]


def test_sparse_lines_keep_only_the_lines_with_findings():
    from artlint.diagnostics import Diagnostic

    d = Diagnostic("a.md", 2, 1, 2, 3, "r", "style", "warning", "m", "xy")
    lines = SparseLines.of("one\r\nxy two\rthree\n", [d])
    assert len(lines) == 4 and lines[1] == "xy two" and lines[0] == "" and lines[-3] == "xy two"
    assert lines._lines == {1: "xy two"}
    with pytest.raises(IndexError):
        lines[4]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cache_hits_between_linted_files_keep_their_place(big, tmp_path, jobs):
    """A warm cache with every third file changed: hits and linted files interleave within
    and across chunks, and each result stays with its own file, in order."""
    folder = tmp_path / "copy"
    shutil.copytree(big, folder)
    run = _runner_for(jobs)
    fresh = run("check", "--format", "json", "--jobs", jobs, ".", cwd=folder)  # fills the cache
    changed = sorted(folder.rglob("*.md"))[::3]
    for path in changed:
        if path.name != "zz-binary.md":
            path.write_text(path.read_text(encoding="utf-8") + "\nAn added line , with a stray space.\n",
                            encoding="utf-8")
    warm = run("check", "--format", "json", "--jobs", jobs, ".", cwd=folder)
    cold = run("check", "--no-cache", "--format", "json", "--jobs", jobs, ".", cwd=folder)
    assert warm.out == cold.out and warm.code == cold.code
    assert fresh.out != warm.out  # the changes were seen
    added = [d for d in json.loads(warm.out) if d["match"] == " " and d["line"] > 1]
    assert {d["path"] for d in added} >= {str(p.relative_to(folder)) for p in changed if p.name != "zz-binary.md"}


@pytest.mark.parametrize("source", ["", "\n", "a", "a\nb", "a\nb\n", "\n\nx\n\ny", "a\r\nb\rc\nd", "é\n😀 x\n"])
def test_sparse_lines_match_the_split_lines(source):
    import re

    from artlint.diagnostics import Diagnostic

    lines = re.split(r"\r\n|\r|\n", source)
    for wanted in ([], [1], [len(lines)], list(range(1, len(lines) + 1)), [len(lines) + 1, 0]):
        diags = [Diagnostic("a.md", n, 1, n, 1, "r", "style", "info", "m", "", None) for n in wanted]
        sparse = SparseLines.of(source, diags)
        assert len(sparse) == len(lines)
        for n in wanted:
            if 0 < n <= len(lines):
                assert sparse[n - 1] == lines[n - 1]


def test_the_checks_are_built_before_a_pool_forks():
    """The parent builds every selected check once, so that forked workers inherit them instead
    of each building its own."""
    from artlint import Linter
    from artlint.parallel import build_checks

    rules = Linter(select=["placeholder", "spacing"]).rules
    build_checks([rules])
    assert rules and all(rule.checker._bound is not None for rule in rules)


def test_chunks_shrink_near_the_end_of_a_pooled_run():
    """Full chunks while many files are left; then a share of what is left, so that the workers
    finish together; never below CHUNK_MIN; a run in one process keeps full chunks."""
    from artlint.parallel import CHUNK_MIN, _Lint

    run = object.__new__(_Lint)  # (the sizes alone: no rules, no pool)
    run.pooled, run.jobs = True, 2
    sizes = []
    for left in (1000, 4 * CHUNK, 2 * CHUNK, CHUNK, 10, 0):
        run.left = left
        sizes.append(run.chunk_size())
    assert sizes == [CHUNK, CHUNK, CHUNK // 2, CHUNK // 4, CHUNK_MIN, CHUNK_MIN]
    run.pooled = False
    assert run.chunk_size() == CHUNK
