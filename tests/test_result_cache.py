"""The result cache (.artlint_cache/results.sqlite3): it never changes a result, a warm hit is
served without linting, and editing the file, the config or a rule invalidates the entry."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from artlint import result_cache
from cache_support import edit_results
from conftest import artlint_exe
from runcli import run_exe, run_runner, write

DB = Path(".artlint_cache") / result_cache.FILE_NAME


def _rows(folder: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(folder / DB)
    try:
        return conn.execute("SELECT key, diagnostics FROM results").fetchall()
    finally:
        conn.close()


def test_cache_never_changes_results_on_the_corpus(corpus_dir, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir, folder, ignore=shutil.ignore_patterns(".artlint_cache"))
    # The runs with the cache through the installed command; those without it, in process.
    plain = run_runner("check", "--no-cache", "--format", "json", ".", cwd=folder)
    assert not (folder / DB).exists()  # --no-cache writes nothing
    cold = run_exe("check", "--format", "json", ".", cwd=folder)
    files = len({d["path"] for d in plain.json()})
    assert len(_rows(folder)) >= files > 5
    warm = run_exe("check", "--format", "json", ".", cwd=folder)
    assert plain.out == cold.out == warm.out and plain.code == cold.code == warm.code
    assert run_exe("check", ".", cwd=folder).out == run_runner("check", "--no-cache", ".", cwd=folder).out


def test_a_warm_hit_is_served_from_the_cache(tmp_path):
    write(tmp_path, "a.md", "Text , here.\n")
    first = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [d["rule"] for d in first.json()] == ["space-before-punctuation"]
    [(key, value)] = _rows(tmp_path)
    # Change the stored value: the next run reports it, so it did not lint the file again.
    row = json.loads(value)
    row[0][7] = "served from the cache"
    assert edit_results(tmp_path / DB, lambda _: json.dumps(row)) == 1
    again = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [d["message"] for d in again.json()] == ["served from the cache"]
    assert run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path).json() == first.json()


def _messages(folder: Path, *args) -> list[tuple[str, str]]:
    r = run_runner("check", "--format", "json", *args, "a.md", cwd=folder)
    return [(d["rule"], d["severity"]) for d in r.json()]


def test_editing_the_file_config_or_a_rule_invalidates(tmp_path):
    write(tmp_path, "a.md", "Text , here.\n")
    assert _messages(tmp_path) == [("space-before-punctuation", "warning")]
    write(tmp_path, "a.md", "Text , here. TODO: finish\n")  # the file
    assert ("space-before-punctuation", "warning") in _messages(tmp_path) and len(_messages(tmp_path)) == 2
    write(tmp_path, ".artlint.toml", 'severity = { space-before-punctuation = "error" }\n')  # the config
    assert ("space-before-punctuation", "error") in _messages(tmp_path)
    write(tmp_path, "rules/mine.yaml", _RULE.replace("PATTERN", "finish"))  # a user rule
    write(tmp_path, ".artlint.toml", 'rules = ["rules"]\n')
    assert ("my-word", "warning") in _messages(tmp_path)
    write(tmp_path, "rules/mine.yaml", _RULE.replace("PATTERN", "nothing-matches-this"))  # the rule changes
    assert ("my-word", "warning") not in _messages(tmp_path)
    write(tmp_path, ".artlint.toml", 'rules = ["rules"]\nlanguage = "fr"\n')  # the language
    assert _messages(tmp_path) == [m for m in _messages(tmp_path, "--no-cache")]


_RULE = """\
id: my-word
category: style
severity: warning
message: "Word {match}"
description: A word this project does not use.
check: pattern
options:
  patterns: ["PATTERN"]
examples:
  bad: ["finish"]
  good: ["done"]
"""


def test_cache_false_in_config_and_cache_clear(tmp_path):
    write(tmp_path, "a.md", "Text , here.\n")
    write(tmp_path, ".artlint.toml", "cache = false\n")
    run_runner("check", "a.md", cwd=tmp_path)
    assert not (tmp_path / DB).exists()
    write(tmp_path, ".artlint.toml", "cache = true\n")
    run_runner("check", "a.md", cwd=tmp_path)
    assert len(_rows(tmp_path)) == 1
    r = run_runner("cache", "clear", cwd=tmp_path)
    assert r.code == 0 and "result cache" in r.out and "1 result removed" in r.out
    assert _rows(tmp_path) == []
    write(tmp_path, ".artlint.toml", "cache = 1\n")
    assert run_runner("check", "a.md", cwd=tmp_path).code == 2


def test_concurrent_runs_share_the_cache(tmp_path):
    for i in range(30):
        write(tmp_path, f"d/a{i}.md", f"Article {i} , with a stray space.\n")
    cmd = [artlint_exe(), "check", "--format", "json", "--jobs", "2", "d"]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 1 for p in procs), [o[1] for o in outs]
    assert len({o[0] for o in outs}) == 1 and len(json.loads(outs[0][0])) == 30
    assert len(_rows(tmp_path)) == 30


def test_an_unusable_cache_is_ignored(tmp_path):
    write(tmp_path, "a.md", "Text , here.\n")
    write(tmp_path, ".artlint_cache", "not a folder")
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert r.code == 1 and [d["rule"] for d in r.json()] == ["space-before-punctuation"]


@pytest.mark.parametrize("edit", ["file", "same-bytes"])
def test_the_key_is_the_content(tmp_path, edit):
    write(tmp_path, "a.md", "Text , here.\n")
    run_runner("check", "a.md", cwd=tmp_path)
    write(tmp_path, "a.md", "Text , here.\n" if edit == "same-bytes" else "Text here.\n")
    run_runner("check", "a.md", cwd=tmp_path)
    assert len(_rows(tmp_path)) == (1 if edit == "same-bytes" else 2)


def test_a_reader_opened_in_one_thread_closes_in_another(tmp_path):
    """A fork closes every open reader from the forking thread (os.register_at_fork), and a
    driver may lint in a worker thread: closing must not raise there."""
    import threading

    cache = result_cache.ResultCache(tmp_path)
    cache.put("k", [])
    cache.flush()
    seen = []
    worker = threading.Thread(target=lambda: seen.append(cache.get("k")))
    worker.start()
    worker.join()
    assert seen == ["[]"] and cache._reader is not None
    cache.close_reader()  # sqlite3.ProgrammingError before connections allowed other threads
    assert cache._reader is None
