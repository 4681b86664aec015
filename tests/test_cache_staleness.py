"""The result cache never serves a stale answer for a finding that depends on another file: a
relative link is checked against the files next to the article, so a cached row is served only
while every file its checks looked up still exists (or is still missing). Both ways: a target
that appears, and one that disappears; through the installed command and click's runner."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from artlint import result_cache
from artlint.diagnostics import Diagnostic
from artlint.file_probes import LintResult
from cache_support import edit_results
from runcli import run_exe, run_runner, write

ARTICLE = "# Guide\n\nRead [the guide](guide.md) and [the other piece](other.md).\n"
RUNNERS = {"exe": run_exe, "runner": run_runner}


def _missing(run, folder: Path) -> list[str]:
    result = run("check", "--format", "json", "--select", "missing-link-file", "a.md", cwd=folder)
    return sorted(d["match"] for d in result.json())


def _rows(folder: Path) -> int:
    conn = sqlite3.connect(folder / ".artlint_cache" / result_cache.FILE_NAME)
    try:
        return conn.execute("SELECT count(*) FROM results").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("how", list(RUNNERS))
def test_a_target_that_appears_or_disappears_is_seen_by_a_cached_run(tmp_path, how):
    run = RUNNERS[how]
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "other.md", "# Other\n")
    assert _missing(run, tmp_path) == ["guide.md"]
    assert _missing(run, tmp_path) == ["guide.md"]  # warm, unchanged: the same
    assert _rows(tmp_path) == 1

    write(tmp_path, "guide.md", "# The guide\n")  # appears
    (tmp_path / "other.md").unlink()  # disappears
    assert _missing(run, tmp_path) == ["other.md"]
    assert _missing(run, tmp_path) == ["other.md"]  # and the new answer is cached in turn

    write(tmp_path, "other.md", "# Other, back\n")
    assert _missing(run, tmp_path) == []
    fresh = run("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert run("check", "--format", "json", "a.md", cwd=tmp_path).out == fresh.out


@pytest.mark.parametrize("how", list(RUNNERS))
def test_a_target_published_under_another_name_counts_too(tmp_path, how):
    """``post.md`` is also accepted as ``post.html`` (how a site generator publishes it): that
    lookup is recorded as well, so its appearance is seen."""
    run = RUNNERS[how]
    write(tmp_path, "a.md", "See [the post](post.md).\n")
    assert _missing(run, tmp_path) == ["post.md"]
    write(tmp_path, "post.html", "<h1>Post</h1>\n")
    assert _missing(run, tmp_path) == []
    (tmp_path / "post.html").unlink()
    assert _missing(run, tmp_path) == ["post.md"]


def test_the_same_text_in_two_folders_gets_each_folders_answer(tmp_path):
    """The cache key is the file's bytes; the lookups are relative to each article's folder."""
    write(tmp_path, "one/a.md", ARTICLE)
    write(tmp_path, "two/a.md", ARTICLE)
    write(tmp_path, "one/guide.md", "# Guide\n")
    write(tmp_path, "one/other.md", "# Other\n")
    for _ in range(2):  # cold, then warm
        result = run_exe("check", "--format", "json", "--select", "missing-link-file", "one", "two", cwd=tmp_path)
        found = sorted((Path(d["path"]).parent.name, d["match"]) for d in result.json())
        assert found == [("two", "guide.md"), ("two", "other.md")]


def test_a_result_that_depends_on_no_other_file_is_still_served_from_the_cache(tmp_path):
    """The other way round: the cache keeps working for everything else. A changed stored
    value is what the next run reports, so it did not lint the file again."""
    write(tmp_path, "a.md", "Text , here and [a link](https://www.iea.org/).\n")
    first = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [d["rule"] for d in first.json()] == ["space-before-punctuation"]
    conn = sqlite3.connect(tmp_path / ".artlint_cache" / result_cache.FILE_NAME)
    [(value,)] = conn.execute("SELECT diagnostics FROM results").fetchall()
    assert value.startswith("[")  # no lookups recorded
    conn.close()
    edit_results(tmp_path / ".artlint_cache" / result_cache.FILE_NAME, lambda v: v.replace("Stray space", "Served"))
    assert run_runner("check", "--format", "json", "a.md", cwd=tmp_path).json()[0]["message"].startswith("Served")


def test_a_result_that_depends_on_other_files_is_served_while_they_are_unchanged(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "guide.md", "# Guide\n")
    run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    conn = sqlite3.connect(tmp_path / ".artlint_cache" / result_cache.FILE_NAME)
    [(value,)] = conn.execute("SELECT diagnostics FROM results").fetchall()
    assert '"file_probes"' in value and '"guide.md": true' in value and '"other.md": false' in value
    conn.close()
    edit_results(tmp_path / ".artlint_cache" / result_cache.FILE_NAME, lambda v: v.replace("not found", "SERVED"))
    served = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [d["message"] for d in served.json() if d["rule"] == "missing-link-file"] == [
        "Link target other.md SERVED: no such file next to the article"]


def test_a_row_with_lookups_is_never_served_without_the_files_path(tmp_path):
    cache = result_cache.ResultCache(tmp_path / "cache")
    found = LintResult([Diagnostic("a.md", 1, 1, 1, 2, "r", "link", "warning", "m", "x", None)], {"g.md": False})
    plain = [Diagnostic("b.md", 1, 1, 1, 2, "r", "link", "warning", "m", "x", None)]
    cache.put("k1", found)
    cache.put("k2", plain)
    cache.flush()
    write(tmp_path, "a.md", "x")
    assert cache.get("k1") is None  # a caller that does not say which file: linted again
    assert result_cache.load(cache.get("k1", tmp_path / "a.md"), "a.md") == list(found)
    assert result_cache.load(cache.get("k2"), "b.md") == plain  # no lookups: served to anyone
    write(tmp_path, "g.md", "now here")
    assert cache.get("k1", tmp_path / "a.md") is None


def test_the_lookups_travel_to_the_parent_process():
    result = LintResult(["x"], {"guide.md": True})
    again = pickle.loads(pickle.dumps(result))
    assert again == ["x"] and again.file_probes == {"guide.md": True}


def test_a_pool_run_caches_and_invalidates_the_same_way(tmp_path):
    """64 files or more are linted by worker processes; their lookups reach the cache too."""
    for i in range(70):
        write(tmp_path, f"a{i:02}.md", ARTICLE + f"\nArticle {i}.\n")
    args = ("check", "--jobs", "2", "--format", "json", "--select", "missing-link-file", ".")
    assert len(run_exe(*args, cwd=tmp_path).json()) == 140
    write(tmp_path, "guide.md", "# Guide\n")
    after = run_exe(*args, cwd=tmp_path).json()
    assert {d["match"] for d in after} == {"other.md"} and len(after) == 70


@pytest.mark.parametrize("folder", ["/srv/site/posts/2024", "/", "posts/2024", ".", "../elsewhere/posts"])
def test_a_lookup_is_recorded_under_its_path_relative_to_the_article_folder(folder, tmp_path, monkeypatch):
    """The record's keys are what os.path.relpath gives (as POSIX paths), whichever way the
    folder is written and from whichever current folder, moved between lookups too."""
    import os

    from artlint.file_probes import FileProbes

    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    probes = FileProbes(Path(folder))
    targets = ["guide.md", "../data/x.csv", "./a/../../../up.md", "sub/index.html", ".", "a//b/./c.md"]
    for here in (tmp_path / "a" / "b", tmp_path):
        monkeypatch.chdir(here)
        for target in targets:
            path = Path(folder) / target
            probes.exists(path)
            assert Path(os.path.relpath(path, folder)).as_posix() in probes.answers
