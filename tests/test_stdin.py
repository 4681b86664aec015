"""``artlint check -``: editors pipe the buffer in and, with ``--fix``, take the fixed text back."""

from __future__ import annotations

import codecs

from runcli import cli, in_process, write  # noqa: F401

REFERENCE = "This argument appeared in our [grid study][nrel-grid] .\n"


def test_stdin_is_linted_and_named(cli, tmp_path):
    r = cli("check", "--format", "json", "--stdin-filename", "drafts/a.md", "-", cwd=tmp_path,
            input=REFERENCE.encode())
    assert r.code == 1
    assert {(d["path"], d["rule"]) for d in r.json()} == {
        ("drafts/a.md", "undefined-link-reference"), ("drafts/a.md", "space-before-punctuation")}
    plain = cli("check", "--format", "json", "-", cwd=tmp_path, input=REFERENCE.encode())
    assert {(d["path"], d["rule"]) for d in plain.json()} == {("<stdin>", "space-before-punctuation")}
    text = cli("check", "--format", "json", "--stdin-filename", "a.txt", cwd=tmp_path, input=REFERENCE.encode())
    assert {d["rule"] for d in text.json()} == {"space-before-punctuation"}  # plain text: no reference links


@in_process
def test_stdin_filename_finds_the_config(cli, tmp_path):
    write(tmp_path, "site/.artlint.toml", 'ignore = ["spacing"]\n')
    r = cli("check", "--format", "json", "--stdin-filename", "site/posts/a.md", "-", cwd=tmp_path,
            input=REFERENCE.encode())
    assert {d["rule"] for d in r.json()} == {"undefined-link-reference"}
    write(tmp_path, "site/.artlint.toml", 'exclude = ["posts"]\n')
    skipped = cli("check", "--stdin-filename", "site/posts/a.md", "-", cwd=tmp_path, input=REFERENCE.encode())
    assert skipped.code == 0 and "problem" not in skipped.out


def test_fix_from_stdin_prints_the_fixed_bytes(cli, tmp_path):
    data = codecs.BOM_UTF8 + "India , Japan\r\n( and ) others .\r\nTODO: sources".encode()
    r = cli("check", "--fix", "--stdin-filename", "a.md", "-", cwd=tmp_path, input=data)
    assert r.raw == codecs.BOM_UTF8 + b"India, Japan\r\n(and) others.\r\nTODO: sources"
    assert r.code == 1  # the TODO remains, and is reported on stderr
    assert "a.md:3:1: error [todo-note]" in r.err and "Fixed 4 problems in 1 file." in r.err
    clean = cli("check", "--fix", "-", cwd=tmp_path, input=b"Nothing to fix here.\n")
    assert clean.code == 0 and clean.raw == b"Nothing to fix here.\n"


@in_process
def test_diff_from_stdin(cli, tmp_path):
    r = cli("check", "--diff", "--stdin-filename", "a.md", "-", cwd=tmp_path, input=b"One .\n")
    assert r.code == 1 and r.out == "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-One .\n+One.\n"


def test_binary_stdin(cli, tmp_path):
    r = cli("check", "-", cwd=tmp_path, input=b"\x00\x01binary")
    assert r.code == 2 and "binary file" in r.err


@in_process
def test_stdin_filename_without_dash_is_a_usage_error(cli, tmp_path):
    write(tmp_path, "a.md", "Clean.\n")
    r = cli("check", "--stdin-filename", "x.md", "a.md", cwd=tmp_path)
    assert r.code == 2 and "--stdin-filename" in r.err
