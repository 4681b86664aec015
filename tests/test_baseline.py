"""Baselines: record an archive's findings once, then see only new ones, however lines move."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from runcli import cli, run_runner, write  # noqa: F401

ARTICLE = ("# Grid batteries\n\n"
           "Battery storage grew fast , and prices fell.\n\n"
           "See [INTERNAL_LINK:grid-storage] for the background.\n\n"
           "Battery storage grew fast , and prices fell.\n")


def test_only_new_findings_are_reported_after_lines_move(cli, tmp_path):
    path = write(tmp_path, "articles/a.md", ARTICLE)
    write(tmp_path, "articles/b.md", "A clean article.\n")
    r = cli("check", "--write-baseline", "artlint-baseline.json", "articles", cwd=tmp_path)
    assert r.code == 0, r.err
    assert r.out == "" and "recorded 3 findings in 2 files" in r.err
    data = json.loads((tmp_path / "artlint-baseline.json").read_text())
    assert {(f["path"], f["rule"], f["count"]) for f in data["findings"]} == {
        ("articles/a.md", "space-before-punctuation", 2), ("articles/a.md", "unresolved-link-placeholder", 1)}

    clean = cli("check", "--baseline", "artlint-baseline.json", "articles", cwd=tmp_path)
    assert clean.code == 0 and "All clean" in clean.out and "3 known findings hidden" in clean.err

    lines = ARTICLE.splitlines(keepends=True)
    moved = (lines[:2] + ["An added paragraph of plain prose.\n", "\n", "Another one.\n", "\n"] + lines[2:]
             + ["\n", "Storage costs fell in 2023 ; new defect.\n"])
    path.write_text("".join(moved))
    r = cli("check", "--baseline", "artlint-baseline.json", "--format", "json", "articles", cwd=tmp_path)
    assert r.code == 1
    [new] = r.json()
    assert (new["rule"], new["line"], new["match"]) == ("space-before-punctuation", 13, " ")
    full = cli("check", "--format", "json", "articles", cwd=tmp_path).json()
    assert len(full) == 4  # without the baseline, everything is there


def test_a_third_copy_of_a_recorded_defect_is_new(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    run_runner("check", "--write-baseline", "bl.json", "a.md", cwd=tmp_path)
    write(tmp_path, "a.md", ARTICLE + "\nBattery storage grew fast , and prices fell.\n")
    r = run_runner("check", "--baseline", "bl.json", "--format", "json", "a.md", cwd=tmp_path)
    assert [(d["rule"], d["line"]) for d in r.json()] == [("space-before-punctuation", 9)]


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path):
    write(tmp_path, "repo/docs/a.md", ARTICLE)
    run_runner("check", "--write-baseline", "repo/.artlint-baseline.json", "repo/docs", cwd=tmp_path)
    paths = {f["path"] for f in json.loads((tmp_path / "repo/.artlint-baseline.json").read_text())["findings"]}
    assert paths == {"docs/a.md"}
    shutil.move(tmp_path / "repo", tmp_path / "clone")  # a fresh clone elsewhere, another working folder
    r = run_runner("check", "--baseline", "../.artlint-baseline.json", "a.md", cwd=tmp_path / "clone/docs")
    assert r.code == 0, r.out


def test_document_level_findings_survive_a_new_first_line(tmp_path):
    """``no-sources`` is reported on line 1, whatever line 1 is."""
    text = "# UK food inflation\n\nPrices rose 19% in a year, and 40% of households cut back.\n"
    write(tmp_path, "a.md", text)
    first = run_runner("check", "--format", "json", "a.md", cwd=tmp_path).json()
    assert ("no-sources", 1) in {(d["rule"], d["line"]) for d in first}
    run_runner("check", "--write-baseline", "bl.json", "a.md", cwd=tmp_path)
    write(tmp_path, "a.md", "This piece was updated on 3 May.\n\n" + text)
    moved = run_runner("check", "--format", "json", "a.md", cwd=tmp_path).json()
    assert ("no-sources", "This piece was updated on 3 May.") in {(d["rule"], d["match"]) for d in moved}
    r = run_runner("check", "--baseline", "bl.json", "--format", "json", "a.md", cwd=tmp_path)
    assert r.json() == []


def test_fixed_findings_are_counted_as_gone(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    run_runner("check", "--write-baseline", "bl.json", "a.md", cwd=tmp_path)
    run_runner("check", "--fix", "a.md", cwd=tmp_path)
    r = run_runner("check", "--baseline", "bl.json", "a.md", cwd=tmp_path)
    assert r.code == 0 and "1 known finding hidden" in r.err and "2 no longer occur" in r.err


@pytest.mark.parametrize("content, needle", [
    (None, "baseline file does not exist"),
    ("{not json", "invalid JSON"),
    ('{"findings": []}', "not an artlint baseline"),
])
def test_bad_baseline_is_a_usage_error(cli, tmp_path, content, needle):
    write(tmp_path, "a.md", ARTICLE)
    if content is not None:
        write(tmp_path, "bl.json", content)
    r = cli("check", "--baseline", "bl.json", "a.md", cwd=tmp_path)
    assert r.code == 2 and needle in r.err


def test_fingerprints_in_sarif_and_gitlab_do_not_depend_on_line_numbers(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    sarif1 = run_runner("check", "--format", "sarif", "a.md", cwd=tmp_path).json()
    gitlab1 = run_runner("check", "--format", "gitlab", "a.md", cwd=tmp_path).json()
    write(tmp_path, "a.md", "# Note\n\nAn added paragraph.\n\n" + ARTICLE.split("\n", 1)[1])
    sarif2 = run_runner("check", "--format", "sarif", "a.md", cwd=tmp_path).json()
    gitlab2 = run_runner("check", "--format", "gitlab", "a.md", cwd=tmp_path).json()

    def prints(log):
        return [r["partialFingerprints"]["artlint/v2"] for r in log["runs"][0]["results"]]

    assert prints(sarif1) == prints(sarif2) and len(set(prints(sarif1))) == 3
    assert [i["fingerprint"] for i in gitlab1] == [i["fingerprint"] for i in gitlab2]
    assert [i["location"]["lines"]["begin"] for i in gitlab1] != [i["location"]["lines"]["begin"] for i in gitlab2]
