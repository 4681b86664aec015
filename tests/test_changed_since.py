"""``artlint check --changed-since REF`` in a real git repository: only findings on lines added
or changed since REF (and findings about a whole changed document) are reported; the GitHub
Action uses it on pull requests and writes a job summary."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from runcli import cli, in_process, run_runner, write  # noqa: F401 - cli is a fixture
from test_action import run_step, step_env
from test_formats import parse_github

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SPACING = "The deal carries strategic weight .\n"  # space-before-punctuation
PLACEHOLDER = "See our analysis on [INTERNAL_LINK:supply-chains] for more.\n"  # unresolved-link-placeholder
STATISTIC = "Prices rose 19% in a year, and 40% of households cut back.\n"  # no-sources (document level)
A_BEFORE = "# Food prices\n\n" + STATISTIC + "\n" + SPACING + "\nA quiet closing line.\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return proc.stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    """main: a.md and b.md with old findings. feature: line 7 of a.md rewritten (committed),
    a placeholder added at its end (not committed), and new.md not yet added. main then moves
    on (b.md changes there), which the feature branch must not be charged with."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, "a.md", A_BEFORE)
    write(repo, "b.md", "# Other\n\n" + STATISTIC + "\n" + SPACING)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, "a.md", A_BEFORE.replace("A quiet closing line.", "A closing line , rewritten ."))
    git(repo, "commit", "-q", "-am", "rewrite the close")
    git(repo, "checkout", "-q", "main")
    write(repo, "b.md", (repo / "b.md").read_text() + "\n" + SPACING)
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "checkout", "-q", "feature")
    write(repo, "a.md", (repo / "a.md").read_text() + "\n" + PLACEHOLDER)
    write(repo, "new.md", SPACING)
    return repo


def _found(result) -> set[tuple[str, int, str]]:
    return {(d["path"], d["line"], d["rule"]) for d in result.json()}


def test_only_changed_lines_are_reported(cli, repo):
    everything = cli("check", "--format", "json", ".", cwd=repo)
    assert ("b.md", 5, "space-before-punctuation") in _found(everything)
    changed = cli("check", "--format", "json", "--changed-since", "main", ".", cwd=repo)
    assert changed.code == 1, changed.err
    assert _found(changed) == {
        ("a.md", 7, "space-before-punctuation"),  # the committed rewrite (two stray spaces)
        ("a.md", 9, "unresolved-link-placeholder"),  # not committed yet
        ("a.md", 1, "no-sources"),  # about the whole document, which changed
        ("new.md", 1, "space-before-punctuation"),  # not yet tracked: every line is new
    }
    assert [d["column"] for d in changed.json() if d["line"] == 7] == [15, 27]


@in_process
def test_a_clean_change_passes(cli, repo):
    git(repo, "stash", "-u", "-q")
    write(repo, "notes.md", SPACING)
    git(repo, "add", "notes.md")
    git(repo, "commit", "-q", "-m", "notes with an old defect")
    write(repo, "notes.md", SPACING + "\nOne more clean line.\n")
    result = cli("check", "--changed-since", "HEAD", ".", cwd=repo)
    assert result.code == 0, result.out + result.err
    assert "All clean" in result.out


@in_process
def test_unchanged_files_are_not_even_read(cli, repo):
    (repo / "b.md").write_bytes(b"\xff\xfe not UTF-8")  # changed: reported
    (repo / "c.md").write_bytes(b"\xff\xfe")
    git(repo, "add", "c.md")
    git(repo, "commit", "-q", "-m", "an unreadable file, committed")
    git(repo, "checkout", "-q", "-b", "next")
    result = cli("check", "--format", "json", "--changed-since", "HEAD", ".", cwd=repo)
    paths = {d["path"] for d in result.json()}
    assert "c.md" not in paths and "b.md" in paths


@in_process
def test_refs_and_places_git_cannot_use_are_usage_errors(cli, repo, tmp_path):
    bad = cli("check", "--changed-since", "no-such-branch", ".", cwd=repo)
    assert bad.code == 2 and bad.err.strip().splitlines() == [
        f"artlint: error: --changed-since no-such-branch: no such commit, branch or tag in {repo.resolve()}"]
    outside = tmp_path / "plain"
    write(outside, "a.md", SPACING)
    result = cli("check", "--changed-since", "main", "a.md", cwd=outside)
    assert result.code == 2 and "is not in a git work tree" in result.err
    assert cli("check", "--fix", "--changed-since", "main", ".", cwd=repo).code == 2


def test_the_action_judges_a_pull_request_on_its_changes(repo, tmp_path):
    """The Run step as GitHub runs it on a pull_request event: the base commit comes from the
    event, annotations cover only the changes, and the job summary gets the counts."""
    base = git(repo, "merge-base", "main", "feature")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the pull request")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_STEP_SUMMARY": str(summary)}
    proc = run_step("Run artlint", step_env("Run artlint", {}, env, {"github.event.pull_request.base.sha": base}),
                    repo)
    assert proc.returncode == 1, proc.stderr
    found = {(f["file"], int(f["line"]), f["title"]) for f in parse_github(proc.stdout)}
    assert found == {("a.md", 7, "artlint/space-before-punctuation"), ("a.md", 9, "artlint/unresolved-link-placeholder"),
                     ("a.md", 1, "artlint/no-sources"), ("new.md", 1, "artlint/space-before-punctuation")}
    text = summary.read_text("utf-8")
    assert "| `space-before-punctuation` | 3 |" in text
    assert "- `a.md:9:21` error `unresolved-link-placeholder`" in text
    # a push (no pull request): the whole tree is judged, and the summary is appended to
    proc = run_step("Run artlint", step_env("Run artlint", {}, env, {"github.event.pull_request.base.sha": ""}), repo)
    assert ("b.md", "artlint/space-before-punctuation") in {(f["file"], f["title"]) for f in parse_github(proc.stdout)}
    assert summary.read_text("utf-8").count("## artlint") == 2


def test_the_markdown_summary_escapes_messages(repo):
    result = run_runner("check", "--markdown-summary", "s.md", "--changed-since", "main", ".", cwd=repo)
    assert result.code == 1
    text = (repo / "s.md").read_text("utf-8")
    assert text.startswith("## artlint\n\n5 findings in 2 files checked.\n")
    assert "\\[INTERNAL\\_LINK" in text
