"""Running ``artlint`` as users do, for the tests of output formats, fixes, baselines, stdin,
init and docs: in process through click's CliRunner, and as the installed console script."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from artlint.cli import main
from conftest import artlint_exe


@dataclass
class Result:
    code: int
    out: str
    err: str
    raw: bytes = b""  # stdout as bytes

    def json(self):
        return json.loads(self.out)


def _env(extra: dict | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}
    env.update(extra or {})
    return env


def run_exe(*args, cwd: Path | None = None, input: bytes | None = None, env: dict | None = None) -> Result:
    proc = subprocess.run([artlint_exe(), *map(str, args)], cwd=cwd, env=_env(env), capture_output=True,
                          input=input if input is not None else b"", timeout=120)
    return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"), proc.stdout)


def run_runner(*args, cwd: Path | None = None, input: bytes | None = None, env: dict | None = None) -> Result:
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(main, list(map(str, args)), input=input, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Result(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


def completed_in_process(*args, cwd: Path) -> subprocess.CompletedProcess:
    """``artlint ARGS`` through click's runner, shaped like ``subprocess.run(..., text=True)``'s
    result, for tests written against the console script that need not start one."""
    result = run_runner(*args, cwd=cwd, env={k: None for k in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")})
    return subprocess.CompletedProcess(["artlint", *map(str, args)], result.code, result.out, result.err)


@pytest.fixture(params=["runner", "exe"])
def cli(request):
    """Both ways in: the in-process CliRunner and the installed console script."""
    return run_runner if request.param == "runner" else run_exe


# For a test of what the command does with its input rather than of how it is reached: the
# runner alone (``cli`` is then ``run_runner``). The file keeps console-script runs of the same
# surface elsewhere, several options to a run.
in_process = pytest.mark.parametrize("cli", [run_runner], ids=["runner"])


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path
