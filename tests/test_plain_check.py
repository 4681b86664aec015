"""``artlint check FILE...`` alone (pre-commit's command line) runs without click
(``artlint.plain_check``): the same options, output, exit status and stderr as click's command,
and only when click could make nothing else of the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from artlint import pipeline, plain_check
from runcli import run_runner, write

ARTICLE = "# Title\n\nSee [LINK: tbd] , and 45% of readers agree.\n"
CLEAN = "# Title\n\nA plain sentence with nothing to report.\n"


def _captured(monkeypatch, run) -> tuple:
    """What ``pipeline.check`` is handed by ``run()`` (which ends with the status it returns)."""
    seen = []

    def check(paths, options, output):
        seen.append((paths, options, output))
        return 0

    monkeypatch.setattr(pipeline, "check", check)
    try:
        run()
    except SystemExit as exc:
        assert exc.code == 0
    (call,) = seen
    return call


@pytest.mark.parametrize("args", [["a.md"], ["a.md", "notes", "missing.md"], ["https://example.org/a//b"]])
def test_the_run_is_the_one_click_starts(tmp_path, monkeypatch, args):
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "notes/b.md", CLEAN)
    monkeypatch.chdir(tmp_path)
    assert plain_check.wanted(["check", *args])
    by_click = _captured(monkeypatch, lambda: run_runner("check", *args, cwd=tmp_path))
    plain = _captured(monkeypatch, lambda: plain_check.run(["check", *args]))
    assert plain == by_click
    assert [type(p) for p in plain[0]] == [str if a.startswith("https:") else type(Path()) for a in args]


@pytest.mark.parametrize("args", [
    ["check"], ["check", "-"], ["check", "--fix", "a.md"], ["check", "a.md", "-q"], ["check", "a.md", "--"],
    ["check", ""], ["rules", "a.md"], ["check", "a.md", "--format=json"],
])
def test_any_option_goes_to_click(tmp_path, monkeypatch, args):
    write(tmp_path, "a.md", ARTICLE)
    monkeypatch.chdir(tmp_path)
    assert not plain_check.wanted(args)


@pytest.mark.parametrize("variable", ["ARTLINT_OUTPUT_FORMAT", "ARTLINT_CACHE_DIR", "_ARTLINT_COMPLETE"])
def test_an_environment_variable_click_reads_goes_to_click(tmp_path, monkeypatch, variable):
    write(tmp_path, "a.md", ARTICLE)
    monkeypatch.chdir(tmp_path)
    assert plain_check.wanted(["check", "a.md"])
    monkeypatch.setenv(variable, "json")
    assert not plain_check.wanted(["check", "a.md"])


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_path_goes_to_click(tmp_path, monkeypatch):
    path = write(tmp_path, "a.md", ARTICLE)
    path.chmod(0)
    monkeypatch.chdir(tmp_path)
    assert not plain_check.wanted(["check", "a.md"])


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}


def _run(script: str, cwd: Path) -> tuple[int, str, str, set[str]]:
    wrapped = ("import atexit, sys\n"
               "atexit.register(lambda: print('@@MODULES', *sys.modules, file=sys.stderr, flush=True))\n"
               + script)
    proc = subprocess.run([sys.executable, "-c", wrapped], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=_env())
    err, _, modules = proc.stderr.rpartition("@@MODULES")
    return proc.returncode, proc.stdout, err, set(modules.split())


@pytest.mark.parametrize("args", [["a.md"], ["clean.md"], ["missing.md"], ["a.md", "notes"], ["notes", "a.md"]])
def test_same_output_and_status_as_click(tmp_path, args):
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "clean.md", CLEAN)
    write(tmp_path, "notes/b.md", ARTICLE.replace("45%", "a third"))
    launch = f"sys.argv = ['artlint', 'check', *{args!r}]\nfrom artlint.launch import main\nmain()\n"
    click_ = f"from artlint.cli import main\nmain(['check', *{args!r}], prog_name='artlint')\n"
    for _ in range(2):  # the rule cache cold, then warm
        plain = _run(launch, tmp_path)
        by_click = _run(click_, tmp_path)
        assert plain[:3] == by_click[:3]
        assert "click" in by_click[3]
        assert ("click" in plain[3]) == bool(plain[2])  # imported only to write a note or an error
    assert plain[0] in (0, 1, 2) and (plain[1] or plain[2])


def test_a_bug_is_reported_as_click_reports_it(tmp_path):
    """An internal error: one line and status 2, through the same handler as click's command."""
    write(tmp_path, "a.md", ARTICLE)
    boom = "import artlint.pipeline as p\np.check = lambda *a: 1 / 0\n"
    launch = boom + "sys.argv = ['artlint', 'check', 'a.md']\nfrom artlint.launch import main\nmain()\n"
    click_ = boom + "from artlint.cli import main\nmain(['check', 'a.md'], prog_name='artlint')\n"
    plain, by_click = _run(launch, tmp_path), _run(click_, tmp_path)
    assert plain[:3] == by_click[:3]
    assert plain[0] == 2 and "internal error: ZeroDivisionError" in plain[2]
