"""Whole-request deadlines and header caps for every fetch (link checks and ``artlint audit``).

requests and urllib3 only know per-operation timeouts: a connect timeout, and a read timeout
that starts again with every byte received. A server that sends one byte a second, in its
headers or its body, never trips them, and one link in one article could hang a CI job. So the
deadline lives in the socket:

* ``within(at)`` sets a deadline (a ``time.monotonic()`` instant) for what this thread does
  next: one request, from connecting to the last byte of the body read.
* The connections made here (``DeadlineHTTPConnection``, ``DeadlineHTTPSConnection``, and the
  guard's, which derive from them) use ``DeadlineSocket``, and TLS wraps it in
  ``DeadlineSSLSocket`` (through ``SSLContext.sslsocket_class``). Before each connect, send and
  receive, they shorten the socket's timeout to what is left of the thread's deadline, and refuse
  to start once none is left (``DeadlineExceeded``, a ``TimeoutError``, so urllib3 and requests
  clean up as after any timeout). The thread-local deadline, not one stored in the socket, is
  what counts: a pooled keep-alive connection serves the deadline of whichever request uses it.
* ``CappedResponse`` reads the status line and the headers under a cap on their number
  (``MAX_HEADER_LINES``) and total size (``MAX_HEADER_BYTES``): endless headers end in
  ``HeadersTooLarge`` at once, instead of in a timeout or in memory.

What the deadline cannot cut is a DNS lookup (``getaddrinfo`` blocks in the C library); the
link checker's scheduler stops waiting for such a request shortly after the run's budget.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from artlint.records import dataclass

from requests.adapters import HTTPAdapter
from urllib3 import ProxyManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.ssl_ import create_urllib3_context, resolve_cert_reqs, resolve_ssl_version

MAX_HEADER_LINES = 100  # the status line, the header fields and the blank line after them
MAX_HEADER_BYTES = 64 * 1024

_local = threading.local()


class DeadlineExceeded(socket.timeout):
    """The thread's deadline passed before a socket operation could finish."""


class HeadersTooLarge(Exception):
    """The server sent too many or too large headers. Not an OSError nor an HTTPException, so
    urllib3 and requests let it through unwrapped (and do not retry it)."""


@dataclass
class Deadline:
    at: float  # a time.monotonic() instant
    tripped: bool = False  # a socket operation was cut short by it

    def left(self) -> float:
        """Seconds left; past the deadline, mark it tripped and raise ``DeadlineExceeded``."""
        left = self.at - time.monotonic()
        if left <= 0:
            self.tripped = True
            raise DeadlineExceeded("the whole-request deadline passed")
        return left


@contextmanager
def within(at: float) -> Iterator[Deadline]:
    """What this thread sends and receives until the block ends must be done by ``at``."""
    outer = getattr(_local, "deadline", None)
    deadline = _local.deadline = Deadline(at)
    try:
        yield deadline
    finally:
        _local.deadline = outer


def current() -> Deadline | None:
    return getattr(_local, "deadline", None)


class _Clamped:
    """Socket methods that never wait past the thread's deadline. ``settimeout`` is what urllib3
    asks for (the per-operation timeout); each operation gets the shorter of it and what is left."""

    _wanted: float | None = None

    def settimeout(self, value: float | None) -> None:
        self._wanted = value
        super().settimeout(value)

    def _within_deadline(self, operation, *args):
        deadline = current()
        if deadline is None:
            super().settimeout(self._wanted)  # a pooled socket a deadline shortened before
            return operation(*args)
        left = deadline.left()
        wanted = self._wanted
        super().settimeout(left if wanted is None or wanted > left else wanted)
        try:
            return operation(*args)
        except TimeoutError:
            if deadline.at <= time.monotonic():
                deadline.tripped = True
                raise DeadlineExceeded("the whole-request deadline passed") from None
            raise


class DeadlineSocket(_Clamped, socket.socket):
    def connect(self, address) -> None:
        return self._within_deadline(super().connect, address)

    def recv(self, *args):
        return self._within_deadline(super().recv, *args)

    def recv_into(self, *args):
        return self._within_deadline(super().recv_into, *args)

    def send(self, *args):
        return self._within_deadline(super().send, *args)

    def sendall(self, *args):
        return self._within_deadline(super().sendall, *args)

    @classmethod
    def adopt(cls, sock: socket.socket) -> DeadlineSocket:
        """The same connection as ``sock`` (which is given up), under the deadline."""
        timeout = sock.gettimeout()
        adopted = cls(fileno=sock.detach())
        adopted.settimeout(timeout)
        return adopted


class DeadlineSSLSocket(_Clamped, ssl.SSLSocket):
    # recv, recv_into and sendall go through read and send.
    def do_handshake(self, *args):
        return self._within_deadline(super().do_handshake, *args)

    def read(self, *args):
        return self._within_deadline(super().read, *args)

    def send(self, *args):
        return self._within_deadline(super().send, *args)


class _HeaderReader:
    """The response's file while the status line and headers are read: counts lines and bytes."""

    def __init__(self, fp) -> None:
        self.fp = fp
        self.lines = 0
        self.left = MAX_HEADER_BYTES

    def readline(self, limit: int = -1) -> bytes:
        cap = self.left + 1 if limit is None or limit < 0 else min(limit, self.left + 1)
        line = self.fp.readline(cap)
        self.lines += 1
        self.left -= len(line)
        if self.left < 0:
            raise HeadersTooLarge(f"the server's headers are larger than {MAX_HEADER_BYTES // 1024} KiB")
        if self.lines > MAX_HEADER_LINES and line not in (b"\r\n", b"\n", b""):
            raise HeadersTooLarge(f"the server sent more than {MAX_HEADER_LINES} header lines")
        return line

    def __getattr__(self, name):
        return getattr(self.fp, name)


class CappedResponse(http.client.HTTPResponse):
    """An ``http.client`` response whose headers are read under the caps."""

    def begin(self) -> None:
        if self.headers is not None:
            return
        plain = self.fp
        self.fp = _HeaderReader(plain)
        try:
            super().begin()
        finally:
            if self.fp is not None:  # None: begin closed it
                self.fp = plain


def _connect_timeout(timeout):
    """The connect timeout, shortened to what is left of the thread's deadline."""
    deadline = current()
    if deadline is None:
        return timeout
    left = deadline.left()
    return timeout if isinstance(timeout, (int, float)) and timeout <= left else left


class DeadlineHTTPConnection(HTTPConnection):
    response_class = CappedResponse

    def _new_conn(self) -> socket.socket:
        self.timeout = _connect_timeout(self.timeout)
        return DeadlineSocket.adopt(super()._new_conn())


class DeadlineHTTPSConnection(HTTPSConnection):
    response_class = CappedResponse

    def _new_conn(self) -> socket.socket:
        self.timeout = _connect_timeout(self.timeout)
        return DeadlineSocket.adopt(super()._new_conn())

    def connect(self) -> None:
        if self.ssl_context is None:
            self.ssl_context = _tls_context(self)
        super().connect()


def _tls_context(conn: HTTPSConnection) -> ssl.SSLContext:
    """The context urllib3 would make for the connection, whose sockets keep the deadline."""
    context = create_urllib3_context(ssl_version=resolve_ssl_version(conn.ssl_version),
                                     ssl_minimum_version=conn.ssl_minimum_version,
                                     ssl_maximum_version=conn.ssl_maximum_version,
                                     cert_reqs=resolve_cert_reqs(conn.cert_reqs))
    if not (conn.ca_certs or conn.ca_cert_dir or conn.ca_cert_data):
        context.load_default_certs()
    context.sslsocket_class = DeadlineSSLSocket
    return context


class DeadlineAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections (direct or through an HTTP proxy) keep the deadline."""

    def __init__(self, http_connection=DeadlineHTTPConnection, https_connection=DeadlineHTTPSConnection,
                 **kwargs) -> None:
        self._pool_classes = {
            "http": type("DeadlineHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_connection}),
            "https": type("DeadlineHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_connection}),
        }
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes

    def proxy_manager_for(self, *args, **kwargs):
        manager = super().proxy_manager_for(*args, **kwargs)
        if type(manager) is ProxyManager:  # not SOCKS: its pools have connection classes of their own
            manager.pool_classes_by_scheme = self._pool_classes
        return manager
