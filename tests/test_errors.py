"""Bad input: a clear one-line error naming the file and the problem, and the run goes on with
the other files; broken rule files stop the run with exit 2 and one line, never a traceback."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import artlint_exe
from runcli import completed_in_process

SPACING = "The deal carries strategic weight .\n"


def artlint_installed(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The installed console script (a few tests here; the others run in process)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}
    return subprocess.run([artlint_exe(), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def artlint(*args, cwd: Path) -> subprocess.CompletedProcess:
    return completed_in_process(*args, cwd=cwd)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# --- unreadable articles: reported, and the run goes on ---------------------------------------

@pytest.mark.parametrize("name, content, reason", [
    ("latin1.md", "Café au lait , s'il vous plaît.\n".encode("latin-1"),
     "not valid UTF-8: byte 0xe9 on line 1 (save the file as UTF-8)"),
    ("latin1-line3.txt", b"ok\nok\n\xa0caf\xe9\n", "not valid UTF-8: byte 0xa0 on line 3"),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("utf16.md", "Hello , world\n".encode("utf-16"), "binary file"),
])
def test_undecodable_or_binary_file(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    write(tmp_path / "good.md", SPACING)
    for args in ([name, "good.md"], ["."]):  # named, or found in a folder
        proc = artlint("check", "--format", "json", *args, cwd=tmp_path)
        assert proc.returncode == 1, proc
        line = one_line(proc.stderr)
        assert line.startswith(f"artlint: {name}: ") and reason in line
        data = json.loads(proc.stdout)
        bad = [d for d in data if d["path"] == name]
        assert [(d["rule"], d["category"], d["severity"], d["line"], d["column"]) for d in bad] == [
            ("unreadable-file", "file", "error", 1, 1)]
        assert reason in bad[0]["message"]
        # the other file was linted all the same
        assert [d["rule"] for d in data if d["path"] == "good.md"] == ["space-before-punctuation"]


def test_nonexistent_path(tmp_path):
    write(tmp_path / "good.md", SPACING)
    proc = artlint_installed("check", "--format", "json", "missing.md", "good.md", "missing-folder", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == ["artlint: missing.md: no such file or directory",
                                                "artlint: missing-folder: no such file or directory"]
    data = json.loads(proc.stdout)
    assert {d["path"]: d["rule"] for d in data} == {
        "missing.md": "unreadable-file", "missing-folder": "unreadable-file", "good.md": "space-before-punctuation"}
    text = artlint("check", "missing.md", "good.md", cwd=tmp_path).stdout
    assert "missing.md:1:1: error [unreadable-file] cannot lint: no such file or directory" in text


def test_broken_symlink(tmp_path):
    write(tmp_path / "good.md", SPACING)
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    proc = artlint("check", "dangling.md", "good.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert one_line(proc.stderr) == "artlint: dangling.md: broken symbolic link"
    proc = artlint("check", ".", cwd=tmp_path)  # met while walking a folder
    assert one_line(proc.stderr).startswith("artlint: dangling.md: ")
    assert "good.md:1:34" in proc.stdout


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path):
    f = write(tmp_path / "secret.md", SPACING)
    f.chmod(0)
    write(tmp_path / "good.md", SPACING)
    proc = artlint("check", ".", cwd=tmp_path)
    assert one_line(proc.stderr) == "artlint: secret.md: permission denied"
    assert proc.returncode == 1


def test_directory_named_like_an_article(tmp_path):
    write(tmp_path / "notes.md/inside.md", SPACING)
    (tmp_path / "empty.md").mkdir()
    write(tmp_path / "good.md", SPACING)
    # Met in a walk, or named: a folder is a folder, whatever its name.
    proc = artlint("check", "--format", "json", ".", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr == ""
    assert sorted(d["path"] for d in json.loads(proc.stdout)) == ["good.md", str(Path("notes.md/inside.md"))]
    proc = artlint("check", "empty.md", "good.md", cwd=tmp_path)
    assert proc.returncode == 1
    line = one_line(proc.stderr)
    assert line.startswith("artlint: empty.md: no files to lint in this folder")
    assert "good.md:1:34" in proc.stdout
    proc = artlint("check", "empty.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert "nothing could be linted" in proc.stderr


def test_only_bad_files_means_nothing_could_be_linted(tmp_path):
    (tmp_path / "a.md").write_bytes(b"\xff\xfe\xfd")
    (tmp_path / "b.md").write_bytes(b"\x00")
    proc = artlint("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == "artlint: error: nothing could be linted"


# --- encodings and line endings ---------------------------------------------------------------

def test_utf8_bom(tmp_path):
    (tmp_path / "bom.md").write_bytes(codecs.BOM_UTF8 + "Strategic weight .\nIndia , Japan\n".encode())
    proc = artlint("check", "--format", "json", "bom.md", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr == ""
    data = json.loads(proc.stdout)
    assert [(d["line"], d["column"], d["end_column"], d["match"]) for d in data] == [
        (1, 17, 18, " "), (2, 6, 7, " ")]
    text = artlint("check", "--no-color", "bom.md", cwd=tmp_path).stdout.splitlines()
    assert text[1] == "    Strategic weight ."  # no BOM in the shown line
    assert text[2] == "    " + " " * 16 + "^"


def test_bom_with_front_matter(tmp_path):
    (tmp_path / "fm.md").write_bytes(codecs.BOM_UTF8 + b"---\ntitle: x\n---\n\nWhy now ? Because.\n")
    data = json.loads(artlint("check", "--format", "json", "fm.md", cwd=tmp_path).stdout)
    assert [(d["line"], d["column"]) for d in data] == [(5, 8)]


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings(tmp_path, eol):
    lines = ["# Title", "", "Strategic weight .", "", "A paragraph ( see below) here , too."]
    (tmp_path / "w.md").write_bytes(eol.join(lines).encode() + eol.encode())
    (tmp_path / "u.md").write_bytes("\n".join(lines).encode() + b"\n")
    got = {}
    for name in ("w.md", "u.md"):
        data = json.loads(artlint("check", "--format", "json", name, cwd=tmp_path).stdout)
        got[name] = [(d["rule"], d["line"], d["column"], d["end_line"], d["end_column"], d["match"]) for d in data]
    assert got["w.md"] == got["u.md"]
    assert [(r, line, col) for r, line, col, *_ in got["w.md"]] == [
        ("space-before-punctuation", 3, lines[2].index(" .") + 1), ("space-inside-brackets", 5, lines[4].index("( ") + 2),
        ("space-before-punctuation", 5, lines[4].index(" ,") + 1)]


# --- broken rule files: exit 2, one line ------------------------------------------------------

GOOD_RULE = """\
id: no-asap
category: style
severity: warning
message: "Spell out '{match}'"
description: Office shorthand in an article.
check: pattern
options:
  patterns: ['\\bASAP\\b']
examples:
  bad: ["We need it ASAP."]
  good: ["We need it soon."]
"""


def _project(tmp_path: Path, rules: dict[str, str]) -> Path:
    write(tmp_path / ".artlint.toml", 'rules = ["house-rules"]\n')
    for name, body in rules.items():
        (tmp_path / "house-rules").mkdir(exist_ok=True)
        (tmp_path / "house-rules" / name).write_text(body, encoding="utf-8")
    write(tmp_path / "a.md", SPACING)
    return tmp_path


def _rule_error(tmp_path: Path, run=artlint) -> str:
    proc = run("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2, proc
    assert proc.stdout == ""
    line = one_line(proc.stderr)
    assert line.startswith("artlint: error: ")
    for command in (["rules"], ["rule", "space-before-punctuation"]):  # the listing commands too
        other = artlint(*command, cwd=tmp_path)
        assert other.returncode == 2 and other.stderr.strip() == line
    return line


def test_a_good_user_rule_loads(tmp_path):
    _project(tmp_path, {"no-asap.yaml": GOOD_RULE})
    write(tmp_path / "a.md", "Send it ASAP .\n")
    proc = artlint("check", "--format", "json", "a.md", cwd=tmp_path)
    assert {d["rule"] for d in json.loads(proc.stdout)} == {"no-asap", "space-before-punctuation"}


def test_broken_yaml(tmp_path):
    _project(tmp_path, {"broken.yaml": GOOD_RULE.replace("examples:\n", "examples: [\n")})
    line = _rule_error(tmp_path, run=artlint_installed)
    assert f"{Path('house-rules') / 'broken.yaml'}: invalid YAML: line " in line


@pytest.mark.parametrize("change, field, reason", [
    (("severity: warning", "severity: fatal"), "severity", "'fatal' is not one of"),
    (("category: style", "category: grammar"), "category", "'grammar' is not one of"),
    (("id: no-asap", "id: No ASAP"), "id", "does not match"),
    (('  good: ["We need it soon."]', "  good: []"), "examples.good", "should be non-empty"),
    (("message: \"Spell out '{match}'\"\n", ""), "(top level)", "'message' is a required property"),
    (("  patterns: ['\\bASAP\\b']", "  patterns: 'ASAP'"), "options.patterns", "not of type 'array'"),
    (("  patterns: ['\\bASAP\\b']", "  patterns: ['\\bASAP\\b']\n  colour: red"), "options",
     "'colour' was unexpected"),
    (("check: pattern", "check: telepathy"), "check", "unknown check type 'telepathy'"),
])
def test_rule_failing_its_schema(tmp_path, change, field, reason):
    body = GOOD_RULE.replace(*change)
    assert body != GOOD_RULE
    _project(tmp_path, {"bad.yaml": body})
    line = _rule_error(tmp_path)
    assert f"{Path('house-rules') / 'bad.yaml'}: {field}: " in line
    assert reason in line


def test_rule_file_that_is_not_a_mapping(tmp_path):
    _project(tmp_path, {"list.yaml": "- id: x\n"})
    assert "must be a mapping" in _rule_error(tmp_path)


def test_regex_that_does_not_compile(tmp_path):
    body = GOOD_RULE.replace("  patterns: ['\\bASAP\\b']", "  patterns: ['(unclosed', 'fine']")
    _project(tmp_path, {"regex.yaml": body})
    line = _rule_error(tmp_path)
    assert f"{Path('house-rules') / 'regex.yaml'}: options.patterns[0]: regex does not compile" in line


def test_duplicate_rule_ids(tmp_path):
    _project(tmp_path, {"a.yaml": GOOD_RULE, "b.yaml": GOOD_RULE})
    line = _rule_error(tmp_path)
    assert "b.yaml: id: duplicate rule id 'no-asap'" in line and "a.yaml" in line


def test_user_rule_cannot_reuse_a_builtin_id(tmp_path):
    _project(tmp_path, {"mine.yaml": GOOD_RULE.replace("id: no-asap", "id: space-before-punctuation")})
    line = _rule_error(tmp_path)
    assert "duplicate rule id 'space-before-punctuation'" in line


def test_yaml_tags_never_run_code(tmp_path):
    marker = tmp_path / "pwned"
    evil = GOOD_RULE.replace(
        "description: Office shorthand in an article.",
        f"description: !!python/object/apply:os.system ['touch {marker}']",
    )
    _project(tmp_path, {"evil.yaml": evil})
    line = _rule_error(tmp_path)
    assert "evil.yaml" in line
    assert not marker.exists()
    evil2 = f"!!python/object/apply:subprocess.call [['touch', '{marker}']]\n"
    _project(tmp_path, {"evil.yaml": evil2})
    _rule_error(tmp_path)
    assert not marker.exists()


def test_a_rule_that_breaks_at_run_time_is_reported_not_a_traceback(tmp_path):
    """A capture group that does not exist: the loader may reject the rule (exit 2 naming the rule
    file), or the check fails on the article (exit 2 naming it, the other files still linted)."""
    body = GOOD_RULE.replace("  patterns: ['\\bASAP\\b']", "  patterns: ['\\bASAP\\b']\n  group: nope")
    _project(tmp_path, {"group.yaml": body})
    write(tmp_path / "b.md", "Send it ASAP.\n")
    proc = artlint_installed("check", "a.md", "b.md", cwd=tmp_path)
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    if "group.yaml" in proc.stderr:
        assert len(lines) == 1 and "group" in lines[0]
    else:
        assert lines == [next(line for line in lines if line.startswith("artlint: b.md: internal error"))]
        assert "a.md:1:34" in proc.stdout  # the other file was linted
