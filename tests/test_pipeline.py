"""artlint.pipeline: one run for every way in. ``check`` (through the installed command and
click's runner) and the Python pieces an editor or a watcher drives: lint one in-memory text
with its nearest config, re-run a set of files; and ``audit`` with per-folder configs and the
result cache, as ``check`` has them."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from artlint.pipeline import Options, Pipeline, Workspace
from runcli import run_exe, run_runner, write

SPACING = "The deal carries strategic weight .\n"  # space-before-punctuation
PLACEHOLDER = "See our analysis on [INTERNAL_LINK:supply-chains] for more.\n"  # unresolved-link-placeholder


def _project(tmp_path: Path) -> Path:
    """A root whose sub-project ignores spacing in its own config."""
    write(tmp_path, "top.md", SPACING + PLACEHOLDER)
    write(tmp_path, "sub/.artlint.toml", 'ignore = ["spacing"]\n')
    write(tmp_path, "sub/inner.md", SPACING + PLACEHOLDER)
    return tmp_path


def _rules(diagnostics) -> list[str]:
    return sorted(d.rule for d in diagnostics)


def test_lint_an_in_memory_text_with_the_nearest_config(tmp_path):
    root = _project(tmp_path)
    workspace = Workspace()
    text = SPACING + PLACEHOLDER
    assert _rules(workspace.lint_text(text, root / "sub" / "buffer.md")) == ["unresolved-link-placeholder"]
    assert _rules(workspace.lint_text(text, root / "buffer.md")) == ["space-before-punctuation",
                                                                    "unresolved-link-placeholder"]
    # the buffer, not the file on disk, is linted
    assert workspace.lint_text("Clean text.\n", root / "top.md") == []


def test_a_pipeline_re_runs_a_set_of_files(tmp_path):
    root = _project(tmp_path)
    pipeline = Pipeline(Options(links=None))
    files = [root / "top.md", root / "sub" / "inner.md"]

    def run() -> dict[str, list[str]]:
        pipeline.find(files)
        return {Path(r.path).name: _rules(r.diagnostics) for r in pipeline.results()}

    assert run() == {"top.md": ["space-before-punctuation", "unresolved-link-placeholder"],
                     "inner.md": ["unresolved-link-placeholder"]}
    (root / "top.md").write_text("Clean now.\n", encoding="utf-8")
    assert run() == {"top.md": [], "inner.md": ["unresolved-link-placeholder"]}


def test_check_and_audit_agree_on_per_folder_configs(tmp_path):
    root = _project(tmp_path)
    checked = run_exe("check", "--format", "json", ".", cwd=root)
    assert checked.code == 1, checked.err
    audited = run_runner("audit", ".", cwd=root)
    assert audited.code == 1, audited.err
    records = [json.loads(line) for line in audited.out.splitlines()]
    from_audit = sorted((Path(r["path"]).as_posix(), r["rule"]) for r in records if r["type"] == "diagnostic")
    from_check = sorted((Path(d["path"]).as_posix(), d["rule"]) for d in checked.json())
    assert from_audit == from_check
    assert ("sub/inner.md", "space-before-punctuation") not in from_check


def test_audit_uses_the_result_cache(tmp_path):
    """Each project's cache (the sub-project keeps its own) is filled by the first audit and read
    by the next: a row emptied by hand shows through, so the file was not linted again."""
    import sqlite3

    from cache_support import edit_results

    root = _project(tmp_path)

    def records(out: str) -> list[dict]:
        return [r for r in map(json.loads, out.splitlines()) if r["type"] != "summary"]

    first = run_runner("audit", ".", cwd=root)
    assert first.code == 1
    for project in (root, root / "sub"):
        with sqlite3.connect(project / ".artlint_cache" / "results.sqlite3") as db:
            assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 1
    checked = run_runner("check", "--format", "json", ".", cwd=root)  # check reads what audit stored
    assert checked.code == 1 and len(checked.json()) == 3
    second = run_runner("audit", ".", cwd=root)
    assert records(second.out) == records(first.out)
    edit_results(root / ".artlint_cache" / "results.sqlite3", lambda _: "[]")
    third = records(run_runner("audit", ".", cwd=root).out)
    assert [r["path"] for r in third if r["type"] == "diagnostic"] == ["sub/inner.md"]
    assert run_runner("check", "--format", "json", "top.md", cwd=root).json() == []


def test_check_is_a_thin_command():
    """cli.py maps options; the run belongs to artlint.pipeline."""
    source = (Path(__file__).resolve().parents[1] / "src" / "artlint" / "cli.py").read_text("utf-8")
    tree = ast.parse(source)
    check = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "check")
    assert check.end_lineno - check.lineno < 40
    assert not any(isinstance(n, ast.Nonlocal) for n in ast.walk(tree))
    assert "pipeline.check(" in ast.get_source_segment(source, check)


def test_a_re_run_starts_afresh(tmp_path):
    """A baseline hides its findings on every run, not only the first (its counts are per run)."""
    root = _project(tmp_path)
    assert run_runner("check", "--write-baseline", "bl.json", ".", cwd=root).code == 0
    pipeline = Pipeline(Options(baseline_path=root / "bl.json"))
    for _ in range(2):
        pipeline.find([root])
        assert [d for r in pipeline.results() for d in r.diagnostics] == []
        assert pipeline.tally.linted == 2 and pipeline.baseline.suppressed == 3
