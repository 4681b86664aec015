"""Hostile files and a hostile environment (issue 14, points 3 and 6): symbolic links out of the
linted tree, read-only and hard-linked files, other owners, temporary files of a killed run,
huge files, memory running out, rule files whose YAML aliases fan out, and standard output or
error that cannot be written. Real temporary folders; the click runner, and the installed
command where the process itself is the point."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import pytest
from runcli import run_exe, run_runner, write

from artlint.safe_write import NotWritten, write_atomic

SPACING = "The deal carries strategic weight .\n"
FIXED = "The deal carries strategic weight.\n"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX links, owners and modes")


def notes(err: str, name: str) -> list[str]:
    """The stderr lines about ``name`` (and never a traceback)."""
    assert "Traceback" not in err, err
    return [line for line in err.splitlines() if line.startswith(f"artlint: {name}")]


# ---- symbolic links out of the tree ----------------------------------------------------------------

@posix_only
def test_a_link_out_of_the_tree_is_neither_read_nor_written(tmp_path):
    """The committed ``articles/x.md -> ../private/notes.txt``: reported in one line, its lines
    never in the report, the file it points to never rewritten (the installed command)."""
    (tmp_path / "private").mkdir()
    secret = write(tmp_path / "private", "notes.txt", "Private notes , never to be shown .\n")
    articles = tmp_path / "articles"
    articles.mkdir()
    write(articles, "a.md", SPACING)
    (articles / "x.md").symlink_to("../private/notes.txt")
    (articles / "inside.md").symlink_to("a.md")  # a link inside the tree is fine (linted once)
    for args in (["articles"], ["articles/x.md", "articles/a.md"]):
        write(articles, "a.md", SPACING)
        r = run_exe("check", "--fix", "--no-cache", *args, cwd=tmp_path)
        assert r.code == 0, r.err
        assert secret.read_text() == "Private notes , never to be shown .\n"
        assert "Private" not in r.out and "notes.txt" not in r.out
        [line] = notes(r.err, "articles/x.md")
        assert "symbolic link to" in line and "outside" in line and "--follow-links" in line
        assert (articles / "a.md").read_text() == FIXED
    followed = run_runner("check", "--diff", "--follow-links", "articles", cwd=tmp_path)
    assert followed.code == 1 and "+Private notes, never to be shown.\n" in followed.out
    audited = run_runner("audit", "--no-cache", "articles", cwd=tmp_path)
    assert "x.md" not in audited.out and "Private" not in audited.out and len(notes(audited.err, "articles/x.md")) == 1


@posix_only
def test_a_folder_link_out_of_the_tree_is_reported_and_followed_on_request(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    write(tmp_path / "elsewhere", "far.md", SPACING)
    (tmp_path / "tree").mkdir()
    write(tmp_path / "tree", "near.md", SPACING)
    (tmp_path / "tree" / "out").symlink_to("../elsewhere")
    (tmp_path / "tree" / "loop").symlink_to(".")
    r = run_runner("check", "--format", "json", "tree", cwd=tmp_path)
    assert {d["path"] for d in r.json()} == {"tree/near.md"}
    assert len(notes(r.err, "tree/out")) == 1 and not notes(r.err, "tree/loop")
    r = run_runner("check", "--format", "json", "--follow-links", "tree", cwd=tmp_path)
    assert {d["path"] for d in r.json()} == {"tree/near.md", "tree/out/far.md"}  # and the loop ends


@posix_only
def test_the_writer_looks_again_just_before_writing(tmp_path):
    """A file swapped for a link out of the tree after it was linted is not written through."""
    outside = write(tmp_path, "outside.md", SPACING)
    (tmp_path / "tree").mkdir()
    article = tmp_path / "tree" / "a.md"
    article.symlink_to(outside)
    with pytest.raises(NotWritten, match="outside the linted paths"):
        write_atomic(article, FIXED.encode(), expected=SPACING.encode(), within=[(tmp_path / "tree").resolve()])
    assert outside.read_text() == SPACING and os.listdir(tmp_path / "tree") == ["a.md"]


# ---- the file's identity -------------------------------------------------------------------------

@posix_only
def test_a_read_only_file_is_refused_and_the_others_are_fixed(tmp_path):
    locked = write(tmp_path, "locked.md", SPACING)
    locked.chmod(0o444)
    write(tmp_path, "open.md", SPACING)
    r = run_runner("check", "--fix", ".", cwd=tmp_path)
    assert r.code == 2
    assert notes(r.err, "locked.md") == ["artlint: locked.md: read-only file; not written "
                                         "(make it writable first if it should change)"]
    assert locked.read_text() == SPACING and stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert (tmp_path / "open.md").read_text() == FIXED


@posix_only
def test_hard_links_are_refused_not_split(tmp_path):
    first = write(tmp_path, "first.md", SPACING)
    os.link(first, tmp_path / "second.md")
    r = run_runner("check", "--fix", "first.md", cwd=tmp_path)
    assert r.code == 2
    [line] = notes(r.err, "first.md")
    assert "has 2 hard links; not written" in line
    assert first.read_text() == SPACING and first.stat().st_nlink == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="giving a file away needs root")
def test_owner_group_and_mode_are_kept(tmp_path):
    path = write(tmp_path, "a.md", SPACING)
    os.chown(path, 4321, 4322)
    path.chmod(0o640)
    r = run_runner("check", "--fix", "a.md", cwd=tmp_path)
    assert r.code == 0, r.err
    info = path.stat()
    assert path.read_text() == FIXED
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 4322, 0o640)


# ---- temporary files -------------------------------------------------------------------------------

def test_temporary_files_carry_the_pid(tmp_path, monkeypatch):
    path = write(tmp_path, "a.md", SPACING)
    seen: list[str] = []
    real_replace = os.replace

    def spy(src, dst):  # the real rename, watched
        seen.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(path, FIXED.encode())
    [name] = seen
    assert name.startswith(f".a.md.{os.getpid()}.") and name.endswith(".artlint-tmp")
    assert os.listdir(tmp_path) == ["a.md"]


@posix_only
def test_stale_temporary_files_are_removed_at_the_next_start(tmp_path):
    write(tmp_path, "a.md", SPACING)
    dead = write(tmp_path, ".a.md.999999999.k3j2h1g0.artlint-tmp", "half a file")  # no such process
    old = write(tmp_path, ".a.md.zz9plural.artlint-tmp", "from an older version")  # no PID, two minutes old
    os.utime(old, (time.time() - 120, time.time() - 120))
    live = write(tmp_path, f".a.md.{os.getppid()}.abcdefgh.artlint-tmp", "another run, writing now")
    # (dated ahead: however slowly the run below starts, the file is never old enough to be judged by age)
    os.utime(live, (time.time() + 600, time.time() + 600))
    unrelated = write(tmp_path, "notes.artlint-tmp", "not ours")
    r = run_runner("check", ".", cwd=tmp_path)
    assert r.code == 1
    assert not dead.exists() and not old.exists() and live.exists() and unrelated.exists()
    assert len(notes(r.err, str(dead.name))) == 1 and len(notes(r.err, str(old.name))) == 1


# ---- bounded work per file -------------------------------------------------------------------------

def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk (and no time to make)."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_a_huge_file_is_refused_by_its_size_and_the_others_are_linted(tmp_path):
    """200 MB: refused from its size alone (never read, so at once), one line naming the file
    and the limit, the run goes on."""
    _sparse(tmp_path / "huge.md", 200 * 2**20)
    write(tmp_path, "a.md", SPACING)
    r = run_runner("check", "--format", "json", ".", cwd=tmp_path)
    assert r.code == 1
    assert notes(r.err, "huge.md") == ["artlint: huge.md: too large: 200 MiB, above the limit of 5 MiB "
                                       "(max-file-size)"]
    assert {d["path"]: d["rule"] for d in r.json()} == {"a.md": "space-before-punctuation",
                                                        "huge.md": "unreadable-file"}


def test_max_file_size_from_the_config_and_the_command_line(tmp_path):
    write(tmp_path, ".artlint.toml", 'max-file-size = "1KB"\n')
    write(tmp_path, "big.md", SPACING * 40)  # 1,440 bytes
    write(tmp_path, "small.md", SPACING)
    r = run_runner("check", "--format", "json", "--fix", ".", cwd=tmp_path)  # fixing reads alone: same limit
    assert notes(r.err, "big.md") == ["artlint: big.md: too large: 1.4 KiB, above the limit of 1 KB (max-file-size)"]
    assert (tmp_path / "big.md").read_text() == SPACING * 40 and (tmp_path / "small.md").read_text() == FIXED
    r = run_runner("check", "--format", "json", "--max-file-size", "0", "big.md", cwd=tmp_path)  # 0: no limit
    assert r.code == 1 and {d["rule"] for d in r.json()} == {"space-before-punctuation"}
    r = run_runner("check", "--max-file-size", "100", "-", input=SPACING.encode() * 4, cwd=tmp_path)
    assert notes(r.err, "<stdin>") == ["artlint: <stdin>: too large: 144 bytes, above the limit of 100 bytes "
                                       "(max-file-size)"]
    bad = run_runner("check", "--max-file-size", "5 parsecs", ".", cwd=tmp_path)
    assert bad.code == 2 and bad.err.strip() == ("artlint: error: --max-file-size: '5 parsecs' is not a size "
                                                 "(bytes, or a number with B, KB, MB, GB, KiB, MiB or GiB)")
    write(tmp_path, ".artlint.toml", "max-file-size = -1\n")
    bad = run_runner("check", ".", cwd=tmp_path)
    assert bad.code == 2 and "max-file-size" in bad.err and len(bad.err.strip().splitlines()) == 1


@pytest.mark.skipif(os.name != "posix", reason="needs setrlimit")
def test_memory_running_out_on_one_file_is_one_line_and_exit_2(tmp_path):
    """With the address space capped at 1 GiB, reading a 4 GiB (sparse) file cannot get its
    memory: one line for that file, the other linted, exit 2 at the end (installed command)."""
    import resource

    _sparse(tmp_path / "vast.md", 4 * 2**30)
    write(tmp_path, "a.md", SPACING)

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}
    from conftest import artlint_exe

    proc = subprocess.run([artlint_exe(), "check", "--no-cache", "--max-file-size", "0", "a.md", "vast.md"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, preexec_fn=cap_memory)
    assert proc.returncode == 2, proc.stderr
    assert notes(proc.stderr, "vast.md") == ["artlint: vast.md: out of memory while reading it; file skipped (a "
                                             "lower max-file-size refuses such files before reading them)"]
    assert "a.md:1:34: warning [space-before-punctuation]" in proc.stdout


# ---- standard output and error -----------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("broken", ["stdout", "stderr"])
def test_output_that_cannot_be_written_is_a_clear_exit_2(tmp_path, broken):
    """``> /dev/full`` (and ``2> /dev/full`` when there is a note to write): exit 2, one line
    when stderr can take it, never a traceback (installed command)."""
    from conftest import artlint_exe

    write(tmp_path, "a.md", SPACING)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}
    with open("/dev/full", "w") as full:
        streams = {"stdout": full, "stderr": subprocess.PIPE} if broken == "stdout" else \
            {"stdout": subprocess.PIPE, "stderr": full}
        proc = subprocess.run([artlint_exe(), "check", "--no-cache", "a.md", "missing.md"], cwd=tmp_path, env=env,
                              text=True, timeout=60, **streams)
    assert proc.returncode == 2
    if broken == "stdout":
        assert proc.stderr.splitlines()[-1] == ("artlint: error: cannot write the output (standard output or "
                                                "error): No space left on device")
        assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    else:
        assert "a.md:1:34" in proc.stdout  # the report was written; the note about missing.md was not


# ---- rule files whose aliases fan out ----------------------------------------------------------------

def _fan_out_rule(copies: int) -> str:
    """A rule whose one 4,000-character string is repeated ``copies`` times by alias: 99,000
    copies take 300 KB of YAML, under 100,000 values, and 400 MB once expanded."""
    aliases = ", ".join(["*long"] * copies)
    return ("id: house-asap\ncategory: style\nseverity: warning\nmessage: \"Spell out '{match}'\"\n"
            "description: Office shorthand.\ncheck: pattern\noptions:\n  patterns: ['ASAP']\n"
            f"examples:\n  bad: [\"ASAP\"]\n  good: [&long \"{'soon ' * 800}\", {aliases}]\n")


@pytest.mark.parametrize("copies, refused", [(99_000, True), (20, False)])
def test_alias_fan_out_in_a_rule_file_is_bounded_by_its_expanded_size(tmp_path, copies, refused):
    write(tmp_path, "house/rule.yaml", _fan_out_rule(copies))
    write(tmp_path, ".artlint.toml", 'rules = ["house"]\nselect = ["house-asap"]\n')
    write(tmp_path, "a.md", "Reply ASAP.\n")
    r = run_runner("check", "a.md", cwd=tmp_path)
    if not refused:  # a few aliases are fine
        assert r.code == 1 and "house-asap" in r.out
        return
    assert r.code == 2 and r.out == ""
    [line] = r.err.strip().splitlines()
    assert line.startswith("artlint: error: ") and "rule.yaml: too large once its YAML aliases" in line
    assert "2,000,000 characters" in line
