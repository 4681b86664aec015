"""Baseline fingerprints survive what an archive goes through: lines moving, ``--fix`` repairing
the finding next door, and edits elsewhere on the same line or, in ``.txt``, the same
paragraph-long line. They still tell two identical findings apart, and version 1 files load."""

from __future__ import annotations

import json

import pytest

from runcli import run_exe, run_runner, write

RUNNERS = {"exe": run_exe, "runner": run_runner}
PARAGRAPH = ("Battery storage grew fast , and prices fell, says [INTERNAL_LINK:grid-storage] in a note "
             "that runs on for a long while about the costs of cells and the grid.")
MD = f"# Grid batteries\n\n{PARAGRAPH}\n\nA second paragraph.\n"
TXT = f"Grid batteries\n\n{PARAGRAPH}\n\nA second paragraph.\n"


def _findings(run, folder, name: str, *args) -> list[tuple[str, str]]:
    result = run("check", "--format", "json", *args, name, cwd=folder)
    assert result.code in (0, 1), result.err
    return [(d["rule"], d["match"]) for d in result.json()]


@pytest.mark.parametrize("how, name, text", [("runner", "a.md", MD), ("exe", "a.txt", TXT)])
def test_fix_and_nearby_edits_keep_findings_known(tmp_path, how, name, text):
    run = RUNNERS[how]
    write(tmp_path, name, text)
    assert {rule for rule, _ in _findings(run, tmp_path, name)} >= {
        "space-before-punctuation", "unresolved-link-placeholder"}
    assert run("check", "--write-baseline", "bl.json", name, cwd=tmp_path).code == 0
    assert _findings(run, tmp_path, name, "--baseline", "bl.json") == []

    # --fix removes the stray space a few characters before the placeholder.
    run("check", "--fix", name, cwd=tmp_path)
    assert " , and" not in (tmp_path / name).read_text("utf-8")
    after_fix = run("check", "--baseline", "bl.json", name, cwd=tmp_path)
    assert after_fix.code == 0 and after_fix.out.count("[unresolved-link-placeholder]") == 0, after_fix.out
    assert "1 no longer occur" in after_fix.err

    # Words changed right next to it, on the same line; lines added above it.
    edited = (tmp_path / name).read_text("utf-8").replace("says", "said last week").replace(
        "in a note", "in its note")
    edited = edited.replace("\n\n", "\n\nAn added paragraph above.\n\n", 1)
    write(tmp_path, name, edited)
    assert _findings(run, tmp_path, name, "--baseline", "bl.json") == []

    # A second copy of the same defect is new, and reported where it is.
    write(tmp_path, name, edited + "\nAnd again: [INTERNAL_LINK:grid-storage].\n")
    result = run("check", "--format", "json", "--baseline", "bl.json", name, cwd=tmp_path)
    assert [(d["rule"], d["match"], d["line"]) for d in result.json()] == [
        ("unresolved-link-placeholder", "[INTERNAL_LINK:grid-storage]", edited.count("\n") + 2)]


def test_different_findings_of_one_rule_are_told_apart(tmp_path):
    write(tmp_path, "a.md", "See [INTERNAL_LINK:one] and , here.\n")
    run_runner("check", "--write-baseline", "bl.json", "a.md", cwd=tmp_path)
    write(tmp_path, "a.md", "See [INTERNAL_LINK:two] and , here . Also ; this.\n")
    new = _findings(run_runner, tmp_path, "a.md", "--baseline", "bl.json")
    # Another placeholder is new; a stray space before "." or ";" is not the recorded one before ",".
    assert new == [("unresolved-link-placeholder", "[INTERNAL_LINK:two]"), ("space-before-punctuation", " "),
                   ("space-before-punctuation", " ")]


def test_the_file_is_version_2_and_a_version_1_file_still_loads(tmp_path):
    text = "# T\n\nSee [INTERNAL_LINK:x] for more , here.\n"
    write(tmp_path, "a.md", text)
    run_runner("check", "--write-baseline", "bl.json", "a.md", cwd=tmp_path)
    data = json.loads((tmp_path / "bl.json").read_text("utf-8"))
    assert data["artlint-baseline"] == 2 and len(data["findings"]) == 2

    # A version 1 file, as the previous artlint wrote it (match and 40 characters each side).
    from artlint.baseline import _hash
    from artlint.diagnostics import Diagnostic

    lines = text.split("\n")
    found = run_runner("check", "--format", "json", "a.md", cwd=tmp_path).json()
    v1 = [{"path": "a.md", "rule": d["rule"], "count": 1,
           "fingerprint": _hash(Diagnostic.from_dict(d), lines, (), version=1)}
          for d in found]
    write(tmp_path, "v1.json", json.dumps({"artlint-baseline": 1, "findings": v1}))
    assert _findings(run_exe, tmp_path, "a.md", "--baseline", "v1.json") == []
    write(tmp_path, "a.md", text.replace("for more", "for more on this"))  # v1 was fragile: still is
    assert ("unresolved-link-placeholder", "[INTERNAL_LINK:x]") in _findings(
        run_exe, tmp_path, "a.md", "--baseline", "v1.json")


@pytest.mark.parametrize("version", ["3", "true", '"2"'])
def test_an_unknown_version_is_a_clear_error(tmp_path, version):
    write(tmp_path, "a.md", "Text.\n")
    write(tmp_path, "bl.json", f'{{"artlint-baseline": {version}, "findings": []}}')
    result = run_exe("check", "--baseline", "bl.json", "a.md", cwd=tmp_path)
    assert result.code == 2 and "bl.json: baseline format version" in result.err
    assert len(result.err.strip().splitlines()) == 1
