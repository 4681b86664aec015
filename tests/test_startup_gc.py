"""The garbage collector waits while a ``check`` run starts (``artlint.startup_gc``), and is on
again once a file has been linted: in the process that lints, and in a pool's workers."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from artlint import startup_gc
from runcli import write

ARTICLE = "# Title\n\nSee [LINK: tbd] , and 45% of readers agree.\n"

_PROBE = r"""
import gc, os, sys
from artlint import parallel, startup_gc
seen = []
lint_one = parallel._lint_one
def probed(*args):
    seen.append(gc.isenabled())
    with open('probe.txt', 'a') as out:
        out.write(f"{os.getpid()} {gc.isenabled()}\n")
    return lint_one(*args)
parallel._lint_one = probed
sys.argv = ['artlint', 'check', *ARGS]
from artlint.launch import main
try:
    main()
except SystemExit:
    pass
print('@@', seen[0] if seen else None, gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)
"""


def _probe(tmp_path: Path, args: list[str]) -> list[str]:
    script = _PROBE.replace("ARGS", repr(args))
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "@@" in proc.stderr, proc.stderr
    return proc.stderr.rpartition("@@")[2].split()


@pytest.mark.parametrize("args", [["a.md", "b.md"], ["--no-cache", "a.md", "b.md"]])
def test_paused_for_the_first_file_then_on(tmp_path, args):
    """Off while the first file is linted (imports, rules), on for the next; frozen at the end."""
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "b.md", ARTICLE)
    first, after, frozen = _probe(tmp_path, args)
    assert (first, after, frozen) == ("False", "True", "True")


def test_left_off_when_it_was_off():
    was = gc.isenabled()
    gc.disable()
    try:
        startup_gc.pause()
        startup_gc.resume()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_resumed_once():
    was = gc.isenabled()
    gc.enable()
    try:
        startup_gc.pause()
        assert not gc.isenabled()
        startup_gc.resume()
        assert gc.isenabled()
        gc.disable()  # someone else's choice afterwards is kept
        startup_gc.resume()
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        if was:
            gc.enable()


def test_on_in_a_pools_workers(tmp_path):
    for i in range(70):  # a pool lints 64 files or more
        write(tmp_path, f"a{i}.md", ARTICLE)
    _probe(tmp_path, ["--jobs", "2", "."])
    states = [line.split() for line in (tmp_path / "probe.txt").read_text().splitlines()]
    assert len(states) == 70 and {state for _, state in states} == {"True"}
    assert len({pid for pid, _ in states}) == 2
