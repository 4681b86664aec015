"""``artlint check --watch``: the installed command in a real folder, files written, renamed and
deleted under it, its reports read as they come; and the ``Watcher`` driven in process, for what
must *not* cause a new report (excluded and ignored files)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import artlint_exe
from runcli import run_runner, write

from artlint.pipeline import Options, Output
from artlint.pipeline.watch import WATCHING, Watcher

PLACEHOLDER = "unresolved-link-placeholder"
SPACING = "space-before-punctuation"
WAIT = 30  # seconds for a report to come; generous, for a busy machine


def _as_in_a_terminal() -> None:
    """Ctrl-C and Ctrl-\\ with their default actions, as a command started in a terminal has them.
    A test worker started without a terminal (``nohup … &``, a CI runner) may have them ignored,
    and a child inherits that: the watch would never see the Ctrl-C the test sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


class Watching:
    """``artlint check --watch ARGS`` in ``folder``, stdout and stderr read line by line; each
    report ends with the "watching for changes" line."""

    def __init__(self, folder: Path, *args: str) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}
        self.proc = subprocess.Popen([artlint_exe(), "check", "--watch", "--no-color", *args], cwd=folder, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     preexec_fn=_as_in_a_terminal)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def report(self, wanted=lambda report: True) -> str:
        """The next report for which ``wanted(report)`` holds (earlier ones are skipped)."""
        current: list[str] = []
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError("no such report came; output so far:\n" + "".join(self.seen)) from None
            assert line is not None, "the watch ended; output:\n" + "".join(self.seen)
            self.seen.append(line)
            if WATCHING not in line:
                current.append(line)
                continue
            report, current = "".join(current), []
            if wanted(report):
                return report

    def interrupt(self) -> tuple[int, str]:
        """Ctrl-C: the exit status and everything it printed."""
        self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            # (say how the process stood: its signal masks show an inherited SIG_IGN, for one)
            raise AssertionError(f"no exit {WAIT} s after Ctrl-C; {_signal_state(self.proc.pid)}; output:\n"
                                 + "".join(self.seen)) from None
        while (line := self.lines.get(timeout=WAIT)) is not None:
            self.seen.append(line)
        return code, "".join(self.seen)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def _signal_state(pid: int) -> str:
    """The process's state and its signal masks, and those of each of its threads (ignored,
    blocked, caught: SIGINT is bit 2), from /proc."""
    tasks = sorted(Path(f"/proc/{pid}/task").glob("*"))
    return "; ".join(f"thread {t.name}: {_masks(t / 'status')}" for t in tasks) or _masks(Path(f"/proc/{pid}/status"))


def _masks(status: Path) -> str:
    """A /proc status file's State, SigBlk, SigIgn and SigCgt lines, on one line."""
    try:
        lines = status.read_text().splitlines()
    except OSError as exc:
        return f"{status}: {exc}"
    return " ".join(line.replace("\t", "") for line in lines if line.startswith(("State", "SigBlk", "SigIgn", "SigCgt")))


@pytest.fixture
def watching():
    started: list[Watching] = []

    def start(folder: Path, *args: str) -> Watching:
        started.append(Watching(folder, *args))
        return started[-1]

    yield start
    for one in started:
        one.kill()


def test_saved_new_renamed_and_deleted_files_are_linted_again(tmp_path, watching):
    write(tmp_path, "a.md", "# A\n\nClean text.\n")
    write(tmp_path, ".gitignore", "ignored.md\n")
    (tmp_path / ".git").mkdir()  # a work tree: .gitignore counts, as for check
    watch = watching(tmp_path)
    assert "a.md" not in watch.report()

    write(tmp_path, "a.md", "# A\n\nSee [INTERNAL_LINK:x] here.\n")
    watch.report(lambda r: f"a.md:3:5: error [{PLACEHOLDER}]" in r)

    write(tmp_path, "ignored.md", "Ignored , here.\n")  # git ignores it: never linted
    write(tmp_path, "b.md", "# B\n\nFine , here.\n")
    report = watch.report(lambda r: "b.md:3:5" in r)
    assert "ignored.md" not in report and f"a.md:3:5: error [{PLACEHOLDER}]" in report  # a.md's result is kept

    (tmp_path / "b.md").rename(tmp_path / "c.md")
    report = watch.report(lambda r: "c.md:3:5" in r)
    assert "b.md" not in report

    (tmp_path / "a.md").unlink()
    report = watch.report(lambda r: "a.md" not in r)
    assert f"c.md:3:5: warning [{SPACING}]" in report and "1 file checked" in report

    (tmp_path / "d.md").write_bytes(b"Bad \xff byte.\n")  # cannot be decoded: one line, the watch goes on
    watch.report(lambda r: "d.md" in r and "unreadable-file" in r)
    write(tmp_path, "d.md", "Good text , now.\n")
    watch.report(lambda r: f"d.md:1:10: warning [{SPACING}]" in r and "unreadable" not in r)

    code, output = watch.interrupt()
    assert code == 0
    assert "Traceback" not in output and "KeyboardInterrupt" not in output and "Aborted" not in output


def test_a_config_change_lints_everything_again_and_a_broken_one_is_survived(tmp_path, watching):
    write(tmp_path, "a.md", "# A\n\nSee [INTERNAL_LINK:x] here.\n")
    watch = watching(tmp_path)
    watch.report(lambda r: PLACEHOLDER in r)

    write(tmp_path, ".artlint.toml", f'ignore = ["{PLACEHOLDER}"]\n')
    watch.report(lambda r: "All clean" in r)

    write(tmp_path, ".artlint.toml", "select = 3\n")  # one error line; the watch goes on
    write(tmp_path, ".artlint.toml", 'ignore = ["spacing"]\n')
    report = watch.report(lambda r: PLACEHOLDER in r)
    assert "Traceback" not in report
    code, output = watch.interrupt()
    assert code == 0 and "Traceback" not in output


def test_fix_on_save_fixes_each_save_once(tmp_path, watching):
    write(tmp_path, "a.md", "# A\n\nThe weight .\n")
    watch = watching(tmp_path, "--fix")
    report = watch.report(lambda r: "Fixed 1 problem" in r)
    assert SPACING not in report.replace("Fixed", "")
    assert (tmp_path / "a.md").read_text() == "# A\n\nThe weight.\n"

    write(tmp_path, "a.md", "# A\n\nThe weight.\n\nA second , save.\n")
    watch.report(lambda r: "Fixed 1 problem" in r)
    assert (tmp_path / "a.md").read_text() == "# A\n\nThe weight.\n\nA second, save.\n"
    code, output = watch.interrupt()
    assert code == 0 and "Traceback" not in output
    assert (tmp_path / "a.md").read_text() == "# A\n\nThe weight.\n\nA second, save.\n"


# -- in process: what changes and what does not -------------------------------------------------


def _watcher(folder: Path, **options) -> Watcher:
    old = os.getcwd()
    os.chdir(folder)
    try:
        watcher = Watcher([Path(".")], Options(**options), Output(), say=lambda _message: None)
        assert watcher.start()
    finally:
        os.chdir(old)
    return watcher


def _update(watcher: Watcher, folder: Path, *names: str) -> bool:
    old = os.getcwd()
    os.chdir(folder)
    try:
        return watcher.update({Path(os.path.realpath(folder / name)) for name in names})
    finally:
        os.chdir(old)


def _findings(watcher: Watcher) -> dict[str, list[str]]:
    return {k.target.display: [d.rule for d in k.result.diagnostics] for k in watcher.known.values()}


def test_only_what_check_would_lint_and_only_real_changes_make_a_new_report(tmp_path):
    write(tmp_path, ".artlint.toml", 'exclude = ["drafts"]\n')
    write(tmp_path, "a.md", "# A\n\nClean.\n")
    watcher = _watcher(tmp_path)
    assert _findings(watcher) == {"a.md": []}

    write(tmp_path, "drafts/x.md", "Bad , spacing.\n")
    write(tmp_path, "notes.bin", "Bad , spacing.\n")  # not an included extension
    assert not _update(watcher, tmp_path, "drafts/x.md", "notes.bin")
    (tmp_path / "a.md").touch()  # an event, the same content
    assert not _update(watcher, tmp_path, "a.md")

    write(tmp_path, "a.md", "# A\n\nNow , bad.\n")
    assert _update(watcher, tmp_path, "a.md")
    assert _findings(watcher) == {"a.md": [SPACING]}


def test_a_rule_file_change_reloads_the_rules(tmp_path):
    write(tmp_path, ".artlint.toml", 'rules = ["rules"]\nselect = ["no-foo"]\n')
    rule = ("id: no-foo\ncategory: style\nseverity: warning\ncheck: pattern\nmessage: '{match}'\n"
            "description: Flags {word}.\noptions:\n  patterns: ['{word}']\n"
            "examples:\n  bad: ['a {word} b']\n  good: ['a b']\n")
    write(tmp_path, "rules/no-foo.yaml", rule.format(word="foo", match="{match}"))
    write(tmp_path, "a.md", "foo and bar\n")
    watcher = _watcher(tmp_path)
    assert _findings(watcher) == {"a.md": ["no-foo"]}
    write(tmp_path, "rules/no-foo.yaml", rule.format(word="baz", match="{match}"))
    assert _update(watcher, tmp_path, "rules/no-foo.yaml")
    assert _findings(watcher) == {"a.md": []}


@pytest.mark.parametrize("args, message", [
    (["--watch", "-"], "stdin"),
    (["--watch", "--diff", "."], "--diff"),
    (["--watch", "--write-baseline", "b.json", "."], "--write-baseline"),
    (["--watch", "https://www.gov.uk/government/organisations/hm-treasury"], "web page"),
])
def test_what_cannot_be_watched_is_a_usage_error(tmp_path, args, message):
    write(tmp_path, "a.md", "Text.\n")
    result = run_runner("check", *args, cwd=tmp_path, input=b"Text.\n")
    assert result.code == 2 and message in result.err and "--watch" in result.err
