"""A real HTTP server on 127.0.0.1 for the online link tests (tests/test_links_*.py), and ways to
run ``artlint`` against it. Nothing is mocked: requests go over TCP to pytest-httpserver."""

from __future__ import annotations

import json
import os
import socket
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


def verify_against_served(folder: Path, name: str, body: bytes | str, content_type: str,
                          claims: list[str]) -> tuple[set[tuple[int, str]], str]:
    """Serve one source at ``/name`` on 127.0.0.1, write an article whose paragraphs are the
    claims (each citing it, ``{url}`` in a claim stands for its address), run ``check
    --verify-sources`` on it and return the (line, rule) of each diagnostic with the raw output.
    The article's first claim is on line 3, the next on line 5, and so on."""
    site = Site()
    site.handle(f"/{name}", lambda req: Response(body, content_type=content_type))
    try:
        url = site.url(f"/{name}")
        write_config(folder, allow_private_hosts=True, budget=6, request_timeout=3)
        write(folder, "a.md", "# Prices\n\n" + "\n\n".join(c.format(url=url) for c in claims) + "\n")
        result = run_runner("check", "--verify-sources", "--format", "json", "a.md", cwd=folder)
    finally:
        site.stop()
    return {(d["line"], d["rule"]) for d in json.loads(result.out)}, result.out


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


# ---- hostile servers --------------------------------------------------------------------------
class Hostile:
    """A threaded socket server on 127.0.0.1 that answers each request path with one way of never
    finishing (HEAD and GET alike):

    ``/drip-headers``   the status line, then header bytes one every ``pace`` seconds
    ``/drip-body``      complete headers (Content-Length 4096), then the body one byte a ``pace``
    ``/never-close``    an HTML page without a length: a few bytes, then silence, never closed
    ``/endless-headers`` header lines as fast as the client takes them, without end
    ``/huge-headers``   header lines of 30 KiB each, without end
    ``/ok``             a proper empty 200 answer

    Each connection's thread ends when the client goes away or the server stops; ``served``
    counts the requests by path. With ``tls`` (a server-side ``ssl.SSLContext``), it speaks
    HTTPS."""

    def __init__(self, pace: float = 0.25, tls=None) -> None:
        import socketserver

        self.pace = pace
        self.tls = tls
        self.stopping = threading.Event()
        self.served: dict[str, int] = {}
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                outer._serve(self.request)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler, bind_and_activate=True)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    # -- one connection ---------------------------------------------------------------------------
    def _serve(self, conn) -> None:
        try:
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
            path = _request_path(conn)
        except OSError:
            return
        if path is None:
            return
        self.served[path] = self.served.get(path, 0) + 1
        answer = {"/drip-headers": self._drip_headers, "/drip-body": self._drip_body,
                  "/never-close": self._never_close, "/endless-headers": self._endless_headers,
                  "/huge-headers": self._huge_headers}.get(path, self._ok)
        try:
            answer(conn)
        except OSError:  # the client cut the connection: that is what a client should do
            pass

    def _gone(self, conn, wait: float) -> bool:
        """Wait up to ``wait`` s; True when the client closed the connection or the server stops."""
        import select

        if self.tls is not None:  # no peeking through TLS: a write to a closed connection fails instead
            return self.stopping.wait(wait)
        readable, _, _ = select.select([conn], [], [], wait)
        if readable and not conn.recv(1, socket.MSG_PEEK):
            return True
        return self.stopping.is_set()

    def _drip(self, conn, data: bytes) -> None:
        for i in range(len(data)):
            conn.sendall(data[i:i + 1])
            if self._gone(conn, self.pace):
                return

    def _drip_headers(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        self._drip(conn, b"X-Slow: " + b"a" * 100_000)

    def _drip_body(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4096\r\n\r\n")
        self._drip(conn, b"<p>" + b"x" * 4093)

    def _never_close(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>")
        while not self._gone(conn, 0.1):
            pass

    def _endless_headers(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for i in range(10_000_000):
            conn.sendall(b"X-Pad-%d: yes\r\n" % i)
            if self.stopping.is_set():
                return

    def _huge_headers(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for i in range(10_000):
            conn.sendall(b"X-Big-%d: " % i + b"b" * 30 * 1024 + b"\r\n")
            if self.stopping.is_set():
                return

    def _ok(self, conn) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def _request_path(conn) -> str | None:
    """The path of the request on ``conn`` (its headers read to the blank line)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return None
        data += chunk
    parts = data.split(b" ", 2)
    return parts[1].decode("latin-1").split("?")[0] if len(parts) > 2 else None


@pytest.fixture
def hostile():
    server = Hostile()
    yield server
    server.stop()
