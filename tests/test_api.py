"""The Python API (``artlint.Linter``, ``artlint.Diagnostic``): it gives what ``artlint check
--format json`` gives, round-trips through JSON, and pickles by its inputs."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest
from runcli import run_exe, write

import artlint
from artlint import Diagnostic, Linter, diagnostics_from_json, diagnostics_to_json
from artlint.api import _BUILT

TEXT = "# Title\n\nSee [LINK: tbd] and {{AUTHOR}} , here.\n"


def test_the_api_is_at_the_top_level_and_typed():
    for name in ("Linter", "Diagnostic", "diagnostics_to_json", "diagnostics_from_json", "ConfigError",
                 "RuleError", "Config", "Rule"):
        assert name in artlint.__all__ and getattr(artlint, name) is not None
    with pytest.raises(AttributeError):
        artlint.no_such_thing  # noqa: B018
    assert (pytest.importorskip("importlib.resources").files("artlint") / "py.typed").is_file()


def test_import_artlint_loads_no_engine():
    code = "import sys, artlint; print('artlint.engine' in sys.modules, 'artlint.api' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_lint_a_string(tmp_path):
    linter = Linter.from_config(start=tmp_path)
    diags = linter.lint_text(TEXT, path="article.md")
    assert all(isinstance(d, Diagnostic) for d in diags)
    rules = {d.rule for d in diags}
    assert {"unresolved-link-placeholder", "unresolved-template-variable", "space-before-punctuation"} <= rules
    assert diags == sorted(diags, key=lambda d: (d.line, d.column, d.rule))
    assert all(d.path == "article.md" for d in diags)
    assert linter.lint_text(TEXT) and linter.lint_text(TEXT, path="x.txt", format="markdown") == [
        Diagnostic(**{**d.to_dict(), "path": "x.txt"}) for d in diags]


def test_select_ignore_and_config(tmp_path):
    write(tmp_path, ".artlint.toml", 'ignore = ["spacing"]\nfail-on = "error"\n')
    linter = Linter.from_config(start=tmp_path)
    assert linter.config.path == tmp_path / ".artlint.toml"
    assert not {d.category for d in linter.lint_text(TEXT, "a.md")} & {"spacing"}
    only = Linter.from_config(start=tmp_path, select=["placeholder"])
    assert {d.category for d in only.lint_text(TEXT, "a.md")} == {"placeholder"}
    assert linter.fails(linter.lint_text(TEXT, "a.md")) and not linter.fails([], "info")
    with pytest.raises(artlint.ConfigError):
        Linter.from_config(start=tmp_path, select=["no-such-rule"])


def test_lint_a_file_and_an_unreadable_one(tmp_path):
    path = write(tmp_path, "a.md", TEXT)
    linter = Linter.from_config(start=tmp_path)
    assert linter.lint_file(path) == linter.lint_text(TEXT, str(path))
    bad = write(tmp_path, "b.md", b"\xff\xfe bad")
    [diag] = linter.lint_file(bad)
    assert diag.rule == "unreadable-file" and diag.path == str(bad)


def test_the_api_gives_what_check_json_gives_on_the_shared_corpus(corpus_dir):
    proc = run_exe("check", "--no-cache", "--format", "json", ".", cwd=corpus_dir)
    assert proc.code in (0, 1), proc.err
    expected = [Diagnostic.from_dict(d) for d in proc.json()]
    linter = Linter.from_config(start=corpus_dir)
    files = sorted({d.path for d in expected})
    assert len(files) >= 5
    got = [d for name in files for d in linter.lint_file(corpus_dir / name, display=name)]
    assert got == expected
    assert diagnostics_to_json(got) == proc.out


def test_diagnostic_json_round_trip():
    linter = Linter()
    diags = linter.lint_text(TEXT, "a.md")
    assert diagnostics_from_json(diagnostics_to_json(diags)) == diags
    for d in diags:
        assert Diagnostic.from_json(d.to_json()) == d
        assert Diagnostic.from_dict(json.loads(d.to_json())) == d
    lines = "\n".join(json.dumps({"type": "diagnostic", **d.to_dict(), "line_text": "x"}) for d in diags)
    assert diagnostics_from_json(lines + '\n{"type": "summary", "files": 1}\n') == diags
    assert diagnostics_from_json("") == []


def _lint_in_worker(linter: Linter, text: str) -> tuple[list, int]:
    first = linter.lint_text(text, "a.md")
    return first, len(linter.rules)


def test_a_linter_pickles_by_its_inputs(tmp_path):
    write(tmp_path, ".artlint.toml", 'ignore = ["spacing"]\n')
    linter = Linter.from_config(start=tmp_path, select=["placeholder", "spacing", "link"])
    data = pickle.dumps(linter)
    assert len(data) < 5000  # the inputs, not the compiled rules
    copy = pickle.loads(data)
    assert copy.config == linter.config and copy.select == linter.select
    assert copy.lint_text(TEXT, "a.md") == linter.lint_text(TEXT, "a.md")
    ctx = get_context("spawn")  # a fresh process: the rules are rebuilt there, once
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        diags, count = pool.submit(_lint_in_worker, linter, TEXT).result()
    assert diags == linter.lint_text(TEXT, "a.md") and count == len(linter.rules)


def test_copies_of_a_linter_share_their_rules_in_a_process():
    linter = Linter()
    first, second = pickle.loads(pickle.dumps(linter)), pickle.loads(pickle.dumps(linter))
    assert first.rules is second.rules is linter.rules
    assert linter._token in _BUILT


def test_lint_file_with_a_display_name_resolves_relative_links_beside_the_file(tmp_path):
    (tmp_path / "there.md").write_text("# There\n", "utf-8")
    article = tmp_path / "article.md"
    article.write_text("See [this](there.md) and [that](gone.md).\n", "utf-8")
    linter = Linter.from_config(start=tmp_path)
    found = [d for d in linter.lint_file(article, display="shown/as.md") if d.rule == "missing-link-file"]
    assert [(d.path, d.match) for d in found] == [("shown/as.md", "gone.md")]
