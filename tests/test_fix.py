"""``--fix`` and ``--diff``: on a copy of the shared corpus, on line endings and BOMs, with
overlapping fixes, and when writing fails. Files are read back byte for byte."""

from __future__ import annotations

import codecs
import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import RULES_BY_ID
from runcli import cli, in_process, run_exe, run_runner, write  # noqa: F401

from artlint.diagnostics import Diagnostic
from artlint.fixer import apply_fixes, fix_text
from artlint.safe_write import FileChanged, write_atomic

SAFE = {rid for rid, r in RULES_BY_ID.items() if r.fix_safety == "safe"}
UNSAFE = {rid for rid, r in RULES_BY_ID.items() if r.fix_safety == "unsafe"}


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".artlint_cache" not in p.relative_to(folder).parts}  # the result cache


def expected_after(data: bytes, diags: list[dict]) -> bytes:
    """The file's bytes with each fix applied at its reported span, computed independently."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = data[len(bom):].decode("utf-8")
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = sorted(((starts[d["line"] - 1] + d["column"] - 1, starts[d["end_line"] - 1] + d["end_column"] - 1,
                     d["fix"], d["match"]) for d in diags), reverse=True)
    for start, end, fix, match in edits:
        assert text[start:end] == match
        text = text[:start] + fix + text[end:]
    return bom + text.encode("utf-8")


@pytest.fixture
def corpus_copy(corpus_dir, tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(corpus_dir, target, ignore=shutil.ignore_patterns(".artlint_cache"))
    return target


@in_process
def test_spacing_fixes_on_the_corpus_remove_only_the_reported_whitespace(cli, corpus_copy):
    before = files(corpus_copy)
    found = run_runner("check", "--format", "json", ".", cwd=corpus_copy).json()
    spacing = [d for d in found if d["category"] == "spacing"]
    assert len(spacing) >= 20 and all(d["fix"] == "" and d["match"].strip() == "" for d in spacing)
    assert {d["rule"] for d in found if d["fix"] is not None} & UNSAFE  # the corpus has unsafe fixes too

    r = cli("check", "--fix", ".", cwd=corpus_copy)
    assert r.code == 1, r.err  # other findings remain
    assert f"Fixed {len(spacing)} problems in" in r.out
    after = files(corpus_copy)
    assert set(after) == set(before)  # no temporary file left, none removed
    for name, data in before.items():
        mine = [d for d in spacing if d["path"] == name]
        assert after[name] == expected_after(data, mine), name
    left = run_runner("check", "--format", "json", ".", cwd=corpus_copy).json()
    assert not [d for d in left if d["category"] == "spacing"]
    assert len(left) == len(found) - len(spacing)

    again = cli("check", "--fix", ".", cwd=corpus_copy)
    assert again.code == 1 and "Fixed" not in again.out
    assert files(corpus_copy) == after
    assert cli("check", "--diff", ".", cwd=corpus_copy).out == ""


@in_process
def test_unsafe_fixes_only_when_asked(cli, tmp_path):
    text = "Read the [report] (https://x.org/r) and the htps://www.iea.org/reports page .\n"
    write(tmp_path, "a.md", text)
    r = cli("check", "--fix", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text() == text.replace(" page .", " page.")
    assert "2 with an automatic fix (2 only with --unsafe-fixes)" in r.out
    r = cli("check", "--fix", "--unsafe-fixes", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text() == (
        "Read the [report](https://x.org/r) and the https://www.iea.org/reports page.\n")
    assert r.code == 0 and "All clean" in r.out


def test_diff_prints_and_writes_nothing(cli, tmp_path):
    write(tmp_path, "a.md", "One .\nTwo\n")
    write(tmp_path, "b.md", "Clean.\n")
    r = cli("check", "--diff", ".", cwd=tmp_path)
    assert r.code == 1
    assert r.out == "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n-One .\n+One.\n Two\n"
    assert "would fix 1 problem in 1 file" in r.err
    assert (tmp_path / "a.md").read_text() == "One .\nTwo\n"
    clean = cli("check", "--diff", "b.md", cwd=tmp_path)
    assert clean.code == 0 and clean.out == ""


def test_crlf_bom_and_missing_final_newline_are_kept(cli, tmp_path):
    data = codecs.BOM_UTF8 + "Title\r\n\r\nIndia , Japan ( and others ) agree .\r\nLast line ,".encode()
    path = write(tmp_path, "a.txt", data)
    r = cli("check", "--fix", "a.txt", cwd=tmp_path)
    assert r.code == 0, r.out + r.err
    assert path.read_bytes() == codecs.BOM_UTF8 + b"Title\r\n\r\nIndia, Japan (and others) agree.\r\nLast line,"


def test_lone_cr_line_endings(tmp_path):
    path = write(tmp_path, "a.txt", b"First line .\rSecond ( x ) line\r")
    run_runner("check", "--fix", "a.txt", cwd=tmp_path)
    assert path.read_bytes() == b"First line.\rSecond (x) line\r"


def test_file_mode_and_symlink_are_kept(tmp_path):
    path = write(tmp_path, "a.md", "One .\n")
    os.chmod(path, 0o640)
    link = tmp_path / "link.md"
    link.symlink_to(path.name)
    run_runner("check", "--fix", "link.md", cwd=tmp_path)
    assert link.is_symlink() and path.read_text() == "One.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_failed_replace_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    path = write(tmp_path, "a.md", "One .\n")
    before = files(tmp_path)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    r = run_runner("check", "--fix", "a.md", cwd=tmp_path)
    assert r.code == 2
    assert "cannot write the fixes (No space left on device); the file is unchanged" in r.err
    assert files(tmp_path) == before and path.read_text() == "One .\n"
    assert "a.md:1:4: warning [space-before-punctuation]" in r.out  # still reported, not fixed


def test_interrupted_write_leaves_the_original(tmp_path, monkeypatch):
    """Killed half-way through writing the temporary file."""
    path = write(tmp_path, "a.md", "One .\n")
    real_fdopen = os.fdopen

    class Interrupted(BaseException):
        pass

    def dying_fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        handle.write(b"On")
        handle.close()
        raise Interrupted

    monkeypatch.setattr(os, "fdopen", dying_fdopen)
    with pytest.raises(Interrupted):
        write_atomic(path, b"One.\n", expected=b"One .\n")
    assert files(tmp_path) == {"a.md": b"One .\n"}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    path = write(folder, "a.md", "One .\n")
    folder.chmod(0o555)
    try:
        r = run_exe("check", "--fix", "a.md", cwd=folder)
        assert r.code == 2 and "the file is unchanged" in r.err
        assert files(folder) == {"a.md": b"One .\n"}
    finally:
        folder.chmod(0o755)


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path, monkeypatch):
    path = write(tmp_path, "a.md", "One .\n")
    import artlint.fixer  # where the run takes fix_text from, at its first fix

    real = artlint.fixer.fix_text

    def fix_while_someone_edits(*args, **kwargs):
        result = real(*args, **kwargs)
        path.write_text("One . Two .\n")  # an editor saved the file meanwhile
        return result

    monkeypatch.setattr(artlint.fixer, "fix_text", fix_while_someone_edits)
    r = run_runner("check", "--fix", "a.md", cwd=tmp_path)
    assert r.code == 2 and "changed since it was read; not written" in r.err
    assert files(tmp_path) == {"a.md": b"One . Two .\n"}
    with pytest.raises(FileChanged):
        write_atomic(path, b"x", expected=b"something else")
    assert path.read_text() == "One . Two .\n"


@in_process
def test_overlapping_fixes_are_applied_over_passes(cli, tmp_path):
    """Two user rules whose fixes overlap: the later one waits for the next pass."""
    rule = ("id: {id}\ncategory: style\nseverity: warning\nmessage: m\ndescription: d\ncheck: pattern\n"
            "options:\n  patterns: ['{pattern}']\n  fix: '{fix}'\n"
            "examples:\n  bad: ['{bad}']\n  good: ['x']\n")
    write(tmp_path, "rules/a.yaml", rule.format(id="join-foo-bar", pattern=r"\bfoo bar\b", fix="foo-bar",
                                                bad="foo bar"))
    write(tmp_path, "rules/b.yaml", rule.format(id="join-bar-baz", pattern=r"\bbar baz\b", fix="bar_baz",
                                                bad="bar baz"))
    write(tmp_path, ".artlint.toml", 'rules = ["rules"]\nselect = ["join-foo-bar", "join-bar-baz"]\n')
    write(tmp_path, "a.md", "It was foo bar baz, twice: foo bar baz.\n")
    r = cli("check", "--fix", "a.md", cwd=tmp_path)
    assert r.code == 0, r.out + r.err
    assert (tmp_path / "a.md").read_text() == "It was foo-bar_baz, twice: foo-bar_baz.\n"
    assert "Fixed 4 problems in 1 file." in r.out


def _diag(line, col, end_col, match, fix):
    return Diagnostic("a.md", line, col, line, end_col, "r", "style", "warning", "m", match, fix)


def test_apply_fixes_skips_overlaps_and_stale_positions():
    text = "abcdef\nxyz\n"
    diags = [_diag(1, 2, 5, "bcd", "B"), _diag(1, 4, 6, "de", "D"), _diag(2, 1, 2, "Q", "?"),
             _diag(2, 2, 3, "y", "Y"), _diag(1, 2, 5, "bcd", "B")]
    new, applied = apply_fixes(text, diags)
    assert new == "aBef\nxYz\n"
    assert [d.match for d in applied] == ["bcd", "bcd", "y"]  # same edit twice is made once
    assert apply_fixes(text, [_diag(9, 1, 2, "a", "")])[0] == text  # a line the text does not have


def test_fix_text_stops_on_fixes_that_undo_each_other():
    flip = {"ab": "ba", "ba": "ab"}

    def lint_flip(text):
        return [_diag(1, 1, 3, text[:2], flip[text[:2]])]

    result = fix_text("ab\n", lint_flip)
    assert result.text == "ba\n" and result.passes == 1


def test_fixing_twice_changes_nothing():
    """Fixed text has no fixable spacing finding left, only whitespace went, and fixing it
    again is the identity."""
    from artlint.engine import lint_text

    rules = [RULES_BY_ID[r] for r in sorted(SAFE)]

    def run(text):
        return lint_text(text, rules, "a.md", format="markdown")

    for sample in ["a , b ( c ) d .", "x ,\ny ; z ( ( w ) )", "“ quoted ” text !", "a\t,\tb ?"]:
        once = fix_text(sample, run)
        assert once.text != sample and once.passes >= 1, sample
        assert not [d for d in once.remaining if d.fix is not None], sample
        assert "".join(once.text.split()) == "".join(sample.split()), sample
        assert fix_text(once.text, run).text == once.text
