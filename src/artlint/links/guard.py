"""Where artlint may connect: never to the machine it runs on or to its private network, unless
told so.

A pull request from a stranger can add ``[x](http://169.254.169.254/latest/meta-data/)`` or
``http://10.0.0.5:8080/admin`` to an article, or a link to a public host that *redirects* there
or whose name *resolves* there. A CI that checks links must not become a probe of its own
network. So every connection is vetted where it is made:

* ``GuardedAdapter`` is a requests ``HTTPAdapter`` whose urllib3 pools create ``_Guarded*``
  connections. Their ``_new_conn`` (the single place urllib3 turns a host name into a socket)
  resolves the name once with ``getaddrinfo``, drops every address that is loopback, private,
  link-local, multicast, reserved, unspecified or otherwise not globally routable, and then
  connects the socket to one of the vetted *IP addresses*, never to the name. There is no second
  DNS lookup between the check and the connection, so a name that answers a public address to
  the check and ``127.0.0.1`` to the connection (DNS rebinding) gets nowhere. As a second line,
  ``getpeername()`` of the connected socket is checked again before anything is sent.
* TLS still verifies the certificate against the host *name* (urllib3 passes the name for SNI
  and hostname checks; only the TCP connection uses the vetted address).
* Redirects are never followed by requests: the checker follows them one hop at a time, and each
  hop is a new request through the same adapter, so each hop is vetted before connecting.
* The session ignores proxy variables (``trust_env = False``): through a proxy the name would be
  resolved by the proxy, out of our sight (and .netrc credentials must not go to strangers).

``--allow-private-hosts`` (``allow-private-hosts = true``) turns the address check off; a host's
``allow-private = true`` turns it off for that host name only. Names that reached a non-public
address are remembered (``private_hosts``), so a cached result obtained that way is not reused
by a run that does not allow it.
"""

from __future__ import annotations

import ipaddress
import socket
import threading

import requests
from urllib3.connection import HTTPConnection
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from artlint.links.deadline import DeadlineAdapter, DeadlineHTTPConnection, DeadlineHTTPSConnection, DeadlineSocket

# getaddrinfo errors that mean "this name does not exist" (NXDOMAIN, or no address records).
_NAME_NOT_FOUND = {getattr(socket, n) for n in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, n)}


class HostNotFound(Exception):
    """DNS says the host name does not exist. Not an OSError, so urllib3 and requests let it
    through unwrapped (and do not retry it)."""

    def __init__(self, host: str, detail: str) -> None:
        super().__init__(f"host '{host}' not found ({detail})")
        self.host = host


class BlockedAddress(Exception):
    """The host resolves only to addresses artlint refuses to connect to."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        bare = host.strip("[]")
        where = f"{bare} is {kind} address" if bare == address else f"'{host}' resolves to {kind} address {address}"
        super().__init__(f"not fetched: {where} (use --allow-private-hosts to check it)")
        self.host = host
        self.address = address


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # the well-known prefix: the last 32 bits are the IPv4 address
_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated IPv4-compatible addresses (::a.b.c.d)


def carried_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to: IPv4-mapped and -compatible forms, 6to4
    (``2002:7f00:1::`` is 127.0.0.1), Teredo (server and client) and NAT64. A packet sent to
    the IPv6 address can reach them, so they are vetted too."""
    if ip.version == 4:
        return []
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)
    if ip in _NAT64 or (ip in _COMPATIBLE and int(ip) > 1):  # not :: nor ::1
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return []


def address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is off limits ("a loopback", "a private", ...), or None when it is public.
    An IPv6 address that carries an IPv4 address is as off limits as the IPv4 address."""
    for inner in carried_ipv4(ip):
        kind = _own_kind(inner)
        if kind is not None:
            return kind
    if ip.version == 6:
        if ip.teredo is not None:
            return "a private"  # a host behind a NAT, reached through a relay: never a public server
        if ip.ipv4_mapped is not None or ip in _NAT64:
            return None  # a public IPv4 address, reached over IPv6
    return _own_kind(ip)


def _own_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if ip.is_loopback:
        return "a loopback"
    if ip.is_link_local:
        return "a link-local"
    if ip.is_multicast:
        return "a multicast"
    if ip.is_unspecified:
        return "an unspecified"
    if ip.is_reserved:
        return "a reserved"
    if ip.is_private:
        return "a private"
    if not ip.is_global:
        return "a reserved"
    return None


class Guard:
    """The address policy for one run, shared by every connection."""

    def __init__(self, allow_private: bool = False, host_allowed=None) -> None:
        self.allow_private = allow_private
        self.host_allowed = host_allowed  # host name -> True when its private addresses are fine
        self.private_hosts: set[str] = set()
        self._lock = threading.Lock()

    def _allowed(self, host: str) -> bool:
        return self.allow_private or bool(self.host_allowed and self.host_allowed(host.lower().rstrip(".")))

    def resolve(self, host: str, port: int) -> list[tuple]:
        """``getaddrinfo`` results for host, only the addresses we may connect to."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            if exc.errno in _NAME_NOT_FOUND:
                raise HostNotFound(host, exc.strerror or str(exc)) from None
            raise  # a temporary failure: the caller treats it as a connection error
        allowed, blocked = [], None
        for info in infos:
            ip = ipaddress.ip_address(info[4][0].split("%")[0])
            kind = address_kind(ip)
            if kind is None:
                allowed.append(info)
            elif self._allowed(host):
                with self._lock:
                    self.private_hosts.add(host.lower().rstrip("."))
                allowed.append(info)
            elif blocked is None:
                blocked = (str(ip), kind)
        if not allowed:
            if blocked is None:
                raise HostNotFound(host, "no address")
            raise BlockedAddress(host, *blocked)
        return allowed

    def vet_peer(self, sock: socket.socket, host: str) -> None:
        """Second line of defence: the connected socket's peer must be an address we allow."""
        peer = sock.getpeername()[0]
        kind = address_kind(ipaddress.ip_address(peer.split("%")[0]))
        if kind is not None and not self._allowed(host):
            raise BlockedAddress(host, peer, kind)

    def connect(self, conn: HTTPConnection) -> socket.socket:
        """Make ``conn``'s socket: resolve, vet, connect to a vetted address."""
        host, port = conn._dns_host, conn.port  # _dns_host: the name without IPv6 brackets
        try:
            infos = self.resolve(host, port)
        except socket.gaierror as exc:
            raise NewConnectionError(conn, f"DNS lookup of '{host}' failed: {exc}") from exc
        error: Exception | None = None
        for family, socktype, proto, _, sockaddr in infos:
            sock = DeadlineSocket(family, socktype, proto)  # connects and reads within the request's deadline
            try:
                for option in conn.socket_options or ():
                    sock.setsockopt(*option)
                sock.settimeout(conn.timeout)
                sock.connect(sockaddr)
                self.vet_peer(sock, host)
                return sock
            except BlockedAddress:
                sock.close()
                raise
            except socket.timeout as exc:
                sock.close()
                error = ConnectTimeoutError(conn, f"connection to {host} timed out "
                                                  f"(connect timeout={conn.timeout})")
                error.__cause__ = exc
            except OSError as exc:
                sock.close()
                error = NewConnectionError(conn, f"failed to connect to {host}: {exc}")
        assert error is not None
        raise error


class _GuardedHTTPConnection(DeadlineHTTPConnection):
    guard: Guard

    def _new_conn(self) -> socket.socket:
        return self.guard.connect(self)


class _GuardedHTTPSConnection(DeadlineHTTPSConnection):
    guard: Guard

    def _new_conn(self) -> socket.socket:
        return self.guard.connect(self)


class GuardedAdapter(DeadlineAdapter):
    """An HTTPAdapter whose every connection goes through ``guard`` (and keeps the deadline)."""

    def __init__(self, guard: Guard, **kwargs) -> None:
        self.guard = guard
        http_conn = type("GuardedHTTPConnection", (_GuardedHTTPConnection,), {"guard": guard})
        https_conn = type("GuardedHTTPSConnection", (_GuardedHTTPSConnection,), {"guard": guard})
        super().__init__(http_conn, https_conn, **kwargs)

    def proxy_manager_for(self, *args, **kwargs):  # pragma: no cover - proxies are never used
        raise RuntimeError("artlint does not check links through a proxy")


def guarded_session(guard: Guard, pool_maxsize: int, headers: dict) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.headers.update(headers)
    adapter = GuardedAdapter(guard, pool_connections=4, pool_maxsize=max(1, pool_maxsize), max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
