"""A real HTTP server on 127.0.0.1 for the online link tests (tests/test_links_*.py), and ways to
run ``artlint`` against it. Nothing is mocked: requests go over TCP to pytest-httpserver."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Response

from artlint.cli import main
from conftest import artlint_exe

# Short timeouts and backoffs so that nothing in the tests waits long.
FAST = {"timeout": 0.5, "connect-timeout": 0.5, "backoff": 0.05, "delay": 0.0, "retry-after-max": 2,
        "budget": 20}


class _Server(HTTPServer):
    def thread_target(self) -> None:
        self.server.serve_forever(poll_interval=0.02)  # so that stop() returns at once


class Site:
    """pytest-httpserver on 127.0.0.1 (threaded, so slow answers do not block the others)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.server = _Server(host=host, port=0, threaded=True)
        self.server.start()
        self.started: dict[str, list[float]] = {}  # path -> times a handler started
        self._lock = threading.Lock()

    def stop(self) -> None:
        self.server.clear()
        self.server.stop()

    @property
    def base(self) -> str:
        return f"http://{self.server.host}:{self.server.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, status: int = 200, body: str = "", headers: dict | None = None,
              method: str = "__ALL", content_type: str = "text/html") -> None:
        self.handle(path, lambda req: Response(body, status=status, headers=headers or {},
                                               content_type=content_type), method)

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self.route(path, status, headers={"Location": to})

    def handle(self, path: str, func, method: str = "__ALL") -> None:
        def wrapped(request):
            with self._lock:
                self.started.setdefault(request.path, []).append(time.monotonic())
            return func(request)

        self.server.expect_request(path, method=method).respond_with_handler(wrapped)

    def sequence(self, path: str, *responses: tuple[int, dict]) -> None:
        """Answer the n-th request with the n-th (status, headers); the last one repeats."""
        count = {"n": 0}
        lock = threading.Lock()

        def answer(request):
            with lock:
                i = min(count["n"], len(responses) - 1)
                count["n"] += 1
            status, headers = responses[i]
            return Response("", status=status, headers=headers)

        self.handle(path, answer)

    def requests(self) -> list[tuple[str, str]]:
        return [(req.method, req.path) for req, _ in self.server.log]

    def hits(self, path: str) -> int:
        return sum(1 for _, p in self.requests() if p == path)


@pytest.fixture
def site():
    s = Site()
    yield s
    s.stop()


def toml_value(value) -> str:
    return json.dumps(value) if not isinstance(value, bool) else str(value).lower()


def write_config(folder: Path, check_links: bool = True, **links) -> Path:
    """An ``.artlint.toml`` with fast link settings (keys with ``_`` are written with ``-``)."""
    settings = {**FAST, **{k.replace("_", "-"): v for k, v in links.items()}}
    hosts = settings.pop("hosts", {})
    lines = [f"check-links = {toml_value(check_links)}", "", "[links]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in settings.items()]
    for pattern, table in hosts.items():
        lines += ["", f'[links.hosts."{pattern}"]']
        for key, value in table.items():
            if isinstance(value, dict):
                inner = ", ".join(f'"{k}" = {toml_value(v)}' for k, v in value.items())
                lines.append(f"{key} = {{ {inner} }}")
            else:
                lines.append(f"{key} = {toml_value(value)}")
    path = folder / ".artlint.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> list[dict]:
        return json.loads(self.out)


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}


def run_exe(*args, cwd: Path | None = None) -> Result:
    proc = subprocess.run([artlint_exe(), *map(str, args)], cwd=cwd, env=_env(), capture_output=True,
                          text=True, encoding="utf-8", timeout=120, stdin=subprocess.DEVNULL)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def run_runner(*args, cwd: Path | None = None) -> Result:
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)
    finally:
        os.chdir(old)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(params=["runner", "exe"])
def cli(request):
    """Both ways in: the in-process CliRunner and the installed console script."""
    return run_runner if request.param == "runner" else run_exe


def python() -> str:
    return sys.executable
