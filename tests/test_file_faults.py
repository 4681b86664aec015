"""Files that cannot be linted, and broken configs and rules, met for real on disk.

Each bad file gets one clear line naming it (stderr) and an ``unreadable-file`` diagnostic, the
other files are linted, and the run never waits on a file that never ends; exit status 2 only
when nothing could be linted or the config/rules are broken. tests/test_errors.py and
tests/test_config.py hold the common cases; these are the rest.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import artlint_exe
from runcli import completed_in_process

SPACING = "The deal carries strategic weight .\n"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")


def artlint(*args, cwd: Path, user: int | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}
    return subprocess.run([artlint_exe(), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout, user=user)


def lines_about(stderr: str, name: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith(f"artlint: {name}: ")]


def linted(proc: subprocess.CompletedProcess) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in json.loads(proc.stdout):
        out.setdefault(d["path"], []).append(d["rule"])
    return out


# ---- files that would never end -------------------------------------------------------------------

@posix_only
def test_a_named_pipe_is_reported_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "good.md").write_text(SPACING, encoding="utf-8")
    for args in (["."], ["pipe.md", "good.md"]):  # met in a folder, or named
        proc = artlint("check", "--format", "json", *args, cwd=tmp_path)  # a blocking read would time out
        assert proc.returncode == 1
        assert lines_about(proc.stderr, "pipe.md") == [
            "artlint: pipe.md: not a regular file (a named pipe), not an article"]
        assert linted(proc) == {"good.md": ["space-before-punctuation"], "pipe.md": ["unreadable-file"]}


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    (tmp_path / "good.md").write_text(SPACING, encoding="utf-8")
    (tmp_path / "device.md").symlink_to(device)
    # The endless devices through the command (a read would never end); /dev/null in process.
    run = completed_in_process if device == "/dev/null" else artlint
    for args in ([device, "good.md"], ["--follow-links", "."]):  # (a link out of "." is skipped without it)
        proc = run("check", "--format", "json", *args, cwd=tmp_path)
        assert proc.returncode == 1
        name = args[0] if args[-1] != "." else "device.md"
        assert lines_about(proc.stderr, name) == [f"artlint: {name}: not a regular file (a device), not an article"]
        assert linted(proc)["good.md"] == ["space-before-punctuation"]


def test_only_pipes_and_folders_means_nothing_could_be_linted(tmp_path):
    os.mkfifo(tmp_path / "a.md")
    (tmp_path / "b.md").mkdir()
    proc = artlint("check", "a.md", "b.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == "artlint: error: nothing could be linted"


# ---- symbolic links ------------------------------------------------------------------------------

@posix_only
@pytest.mark.parametrize("config", ["", 'exclude = ["drafts/"]\n[per-file-ignores]\n"*.md" = ["style"]\n'])
def test_a_symlink_loop_in_a_folder(tmp_path, config):
    """loop.md -> loop.md used to crash the walk (Path.resolve raises on a loop)."""
    (tmp_path / ".artlint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "loop.md").symlink_to("loop.md")
    (tmp_path / "ping.md").symlink_to("pong.md")
    (tmp_path / "pong.md").symlink_to("ping.md")
    (tmp_path / "good.md").write_text(SPACING, encoding="utf-8")
    # The walk with a config (excludes, per-file ignores) is the command's code either way: in process.
    run = completed_in_process if config else artlint
    proc = run("check", "--format", "json", ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    for name in ("loop.md", "ping.md", "pong.md"):
        [line] = lines_about(proc.stderr, name)
        assert "symbolic links" in line
    assert linted(proc)["good.md"] == ["space-before-punctuation"]
    named = run("check", "loop.md", "good.md", cwd=tmp_path)
    assert named.returncode == 1 and lines_about(named.stderr, "loop.md")


@posix_only
def test_a_folder_linking_back_up_is_not_walked_forever(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "sub" / "again").symlink_to(tmp_path)
    (tmp_path / "good.md").write_text(SPACING, encoding="utf-8")
    proc = artlint("check", "--format", "json", ".", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr == ""
    assert linted(proc) == {"good.md": ["space-before-punctuation"]}


# ---- reading fails ---------------------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_a_read_error_is_reported_and_the_run_goes_on(tmp_path):
    """/proc/self/mem opens but fails to read (EIO): a real I/O error, even for root."""
    (tmp_path / "memory.md").symlink_to("/proc/self/mem")
    (tmp_path / "good.md").write_text(SPACING, encoding="utf-8")
    proc = artlint("check", "--format", "json", "--follow-links", ".", cwd=tmp_path)
    assert proc.returncode == 1
    [line] = lines_about(proc.stderr, "memory.md")
    assert "error" in line.lower()
    assert linted(proc) == {"good.md": ["space-before-punctuation"], "memory.md": ["unreadable-file"]}


def _unprivileged_user() -> int | None:
    """A user id the command can run as, with real permission checks (tests run as root)."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    try:
        probe = subprocess.run([artlint_exe(), "--version"], user=65534, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return 65534 if probe.returncode == 0 else None


@posix_only
def test_permission_denied_as_an_unprivileged_user():
    """root reads everything, so the command runs as 'nobody' (skipped where the interpreter
    is out of nobody's reach). A file it may not read and a folder it may not list are both
    reported; the rest is linted."""
    user = _unprivileged_user()
    if user is None:
        pytest.skip("cannot run the command as an unprivileged user here")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        root.chmod(0o755)
        (root / "good.md").write_text(SPACING, encoding="utf-8")
        secret = root / "secret.md"
        secret.write_text(SPACING, encoding="utf-8")
        secret.chmod(0)
        (root / "closed").mkdir()
        (root / "closed" / "hidden.md").write_text(SPACING, encoding="utf-8")
        (root / "closed").chmod(0)
        (root / "good.md").chmod(0o644)
        try:
            proc = artlint("check", "--no-cache", "--format", "json", ".", cwd=root, user=user)
        finally:
            (root / "closed").chmod(0o755)
        assert proc.returncode == 1, proc.stderr
        assert lines_about(proc.stderr, "secret.md") == ["artlint: secret.md: permission denied"]
        assert lines_about(proc.stderr, "closed") == ["artlint: closed: permission denied"]
        assert linted(proc) == {"good.md": ["space-before-punctuation"], "secret.md": ["unreadable-file"],
                                "closed": ["unreadable-file"]}


def test_a_file_that_vanishes_during_the_run(tmp_path):
    """The folder is listed, then the last file is deleted while the first (large) one is being
    linted: it is reported as gone, or not seen at all; never a traceback."""
    (tmp_path / "a.md").write_text("India , Japan .\n" * 20_000, encoding="utf-8")
    (tmp_path / "z.md").write_text(SPACING, encoding="utf-8")
    proc_holder = {}

    def run():
        proc_holder["proc"] = artlint("check", "--no-cache", "--jobs", "1", "--format", "json", ".",
                                      cwd=tmp_path, timeout=300)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.6)  # after the listing (a start-up), while a.md (a second or so of work) is linted
    (tmp_path / "z.md").unlink()
    thread.join()
    proc = proc_holder["proc"]
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    results = linted(proc)
    assert len(results["a.md"]) == 40_000
    assert results.get("z.md") in (None, ["unreadable-file"], ["space-before-punctuation"])
    if results.get("z.md") == ["unreadable-file"]:
        assert lines_about(proc.stderr, "z.md") == ["artlint: z.md: no such file"]


def test_a_very_long_line(tmp_path):
    line = ("India , Japan said [a](https://x.org) that 60% " * 4_000)  # one 190 KB line, 4,000 findings
    (tmp_path / "long.md").write_text(line + "\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(SPACING, encoding="utf-8")
    proc = artlint("check", "--no-cache", "--no-color", "long.md", "good.md", cwd=tmp_path, timeout=600)
    assert proc.returncode == 1 and proc.stderr == ""
    assert "good.md:1:34: warning [space-before-punctuation]" in proc.stdout
    # The context shown for a finding is a window of the line, not 190 KB per finding.
    assert max(len(row) for row in proc.stdout.splitlines()) < 1_000
    assert proc.stdout.count("long.md:1:") >= 4_000


# ---- broken configs and rule files: one line naming file and field, exit 2 ------------------------

def _one_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("artlint: error: ")
    return line


@pytest.mark.parametrize("name, body, needles", [
    ("pyproject.toml", "[[tool.artlint]]\nselect = []\n", ["tool.artlint", "must be a table"]),
    (".artlint.toml", "rule-options = []\n", ["rule-options", "not of type 'object'"]),
    (".artlint.toml", "exclude = [1]\n", ["exclude.0", "not of type 'string'"]),
    (".artlint.toml", "[severity]\nspacing = [\"error\"]\n", ["severity.spacing", "is not one of"]),
    (".artlint.toml", "select = [\"spacing\"]\nselect = [\"style\"]\n", ["invalid TOML", "line 2"]),
    (".artlint.toml", "select = \"\x00\"\n", ["invalid TOML"]),
])
def test_config_of_the_wrong_shape(tmp_path, name, body, needles):
    (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "a.md").write_text(SPACING, encoding="utf-8")
    line = _one_error(completed_in_process("check", "a.md", cwd=tmp_path))
    assert name in line
    for needle in needles:
        assert needle in line, line


def test_config_path_that_is_a_folder(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "a.md").write_text(SPACING, encoding="utf-8")
    proc = completed_in_process("check", "--config", "conf", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "conf" in proc.stderr


RULE = """\
id: house-asap
category: style
severity: warning
message: "Spell out '{match}'"
description: Office shorthand.
check: pattern
options:
  patterns: ['PATTERN']
examples:
  bad: ["ASAP"]
  good: ["soon"]
"""


def _with_rule(tmp_path: Path, content: bytes) -> Path:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rule.yaml").write_bytes(content)
    (tmp_path / ".artlint.toml").write_text('rules = ["house"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(SPACING, encoding="utf-8")
    return tmp_path


def _laughs() -> str:
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n" + RULE.replace("PATTERN", "ASAP").replace('bad: ["ASAP"]', "bad: *a9")


@pytest.mark.parametrize("content, needles", [
    (b"", ["must be a mapping", "NoneType"]),
    (b"\xff\xfe not utf-8", ["cannot read rule file"]),
    (RULE.replace("PATTERN", "a{99999999999}").encode(), ["options.patterns[0]", "regex does not compile"]),
    (RULE.replace("PATTERN", "(" * 5000 + "a" + ")" * 5000).encode(), ["options.patterns[0]", "regex does not compile"]),
    (RULE.replace("PATTERN", "[[:alpha:]]").encode(), None),  # a FutureWarning in re: no stray line on stderr
    (_laughs().encode(), ["YAML aliases", "too large"]),
    (b"id: [" * 2000, ["invalid YAML"]),
])
def test_rule_files_that_cannot_be_used(tmp_path, content, needles):
    _with_rule(tmp_path, content)
    # The "billion laughs" file once walked 10^10 values: now refused after counting 100,000.
    proc = artlint("check", "a.md", cwd=tmp_path, timeout=600)
    if needles is None:
        assert proc.returncode == 1 and proc.stderr == "", proc.stderr
        return
    line = _one_error(proc)
    assert "rule.yaml" in line
    for needle in needles:
        assert needle in line, line


def test_a_rule_folder_that_is_a_file(tmp_path):
    (tmp_path / "house").write_text("not a folder", encoding="utf-8")
    (tmp_path / ".artlint.toml").write_text('rules = ["house"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(SPACING, encoding="utf-8")
    line = _one_error(completed_in_process("check", "a.md", cwd=tmp_path))
    assert "rules[0]" in line and "house" in line

