"""Fetching a page from the web, safely.

Only http and https; every hop's host name is resolved here and each of its
addresses checked before connecting (to that checked address, so a second
DNS answer cannot swap it): private, loopback, link-local, multicast and
reserved addresses are refused unless SIXG_ALLOW_PRIVATE_URLS=1 (intranets,
tests). Redirects are followed by hand, at most MAX_REDIRECTS, each checked
the same way. A connection or a read that stalls for TIMEOUT seconds, or a
whole fetch longer than DEADLINE, fails; a body over MAX_BYTES (announced
or read) fails. Only HTML and PDF are accepted. Every failure is a
FetchError whose text says what went wrong.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

TIMEOUT = 10.0  # seconds a connection or a read may stall
DEADLINE = 30.0  # seconds for a whole fetch, redirects included
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "sixg-search/0.1 (+article collector)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF_TYPES = ("application/pdf", "application/x-pdf")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)
ALLOW_PRIVATE = "SIXG_ALLOW_PRIVATE_URLS"


class FetchError(Exception):
    """A page that could not be fetched; str() is the reason, for people."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    requested: str
    content_type: str  # media type only, lower case
    body: bytes
    fetched_at: datetime

    @property
    def kind(self) -> str:
        """html, pdf or feed."""
        if self.content_type in PDF_TYPES or self.body[:5] == b"%PDF-":
            return "pdf"
        if self.content_type in FEED_TYPES:
            return "feed"
        return "html"


def private_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE, "").strip().lower() in ("1", "true", "yes", "on")


def fetch(
    url: str,
    *,
    accept: tuple[str, ...] = HTML_TYPES + PDF_TYPES,
    allow_private: bool | None = None,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET `url`, following redirects, or raise FetchError saying why not."""
    if allow_private is None:
        allow_private = private_allowed()
    ends = time.monotonic() + deadline
    current = url.strip()
    for _hop in range(max_redirects + 1):
        status, headers, body = _get(current, allow_private, timeout, ends, max_bytes)
        if status in (301, 302, 303, 307, 308):
            location = headers.get("location")
            if not location:
                raise FetchError(f"{current}: redirect ({status}) without a Location")
            current = urljoin(current, location.strip())
            continue
        if status != 200:
            raise FetchError(f"{current}: the server answered {status} {_reason(status)}")
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        if body[:5] == b"%PDF-" and media in ("application/octet-stream", ""):
            media = "application/pdf"
        if media not in accept:
            wanted = "an HTML page or a PDF" if accept != FEED_TYPES else "an RSS or Atom feed"
            raise FetchError(f"{current}: not {wanted} (the server sent {media or 'no type'})")
        return Fetched(current, url, media, body, datetime.now(UTC).replace(microsecond=0))
    raise FetchError(f"{url}: more than {max_redirects} redirects")


def _reason(status: int) -> str:
    return http.client.responses.get(status, "")


def _get(url: str, allow_private: bool, timeout: float, ends: float, max_bytes: int):
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https addresses can be fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: no host name")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url}: bad port") from exc
    addresses = _checked_addresses(host, port, allow_private, url)
    connection_class = _HTTPS if scheme == "https" else _HTTP
    remaining = max(0.1, ends - time.monotonic())
    conn = connection_class(host, port, addresses, timeout=min(timeout, remaining))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        conn.request(
            "GET",
            path,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,application/pdf,"
                "application/rss+xml,application/atom+xml,*/*;q=0.5",
                "Accept-Encoding": "identity",
            },
        )
        response = conn.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        if response.status in (301, 302, 303, 307, 308):
            return response.status, headers, b""
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{url}: too big ({_size(int(declared))}; limit {_size(max_bytes)})")
        chunks, size = [], 0
        while True:
            if time.monotonic() > ends:
                raise FetchError(f"{url}: too slow (no complete answer in the time allowed)")
            chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: too big (over {_size(max_bytes)})")
        return response.status, headers, b"".join(chunks)
    except FetchError:
        raise
    except TimeoutError as exc:
        raise FetchError(f"{url}: timed out (no answer within {timeout:g} s)") from exc
    except ssl.SSLError as exc:
        raise FetchError(f"{url}: secure connection failed ({exc.reason or exc})") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"{url}: unreachable ({_why(exc)})") from exc
    finally:
        conn.close()


def _why(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} kB"


def _checked_addresses(host: str, port: int, allow_private: bool, url: str) -> list[str]:
    """The addresses of `host`, each one checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: unreachable (host {host} not found)") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"{url}: unreachable (host {host} has no address)")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise FetchError(
                    f"{url}: refused: {host} is a private, loopback or link-local address "
                    f"({address}); set {ALLOW_PRIVATE}=1 to allow such addresses"
                )
    return list(dict.fromkeys(addresses))


# Not globally reachable, though older Pythons' tables call them global:
# IETF protocol assignments (192.0.0.0/24) and local-use NAT64 (64:ff9b:1::/48).
_NOT_GLOBAL = (ipaddress.ip_network("192.0.0.0/24"), ipaddress.ip_network("64:ff9b:1::/48"))


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):  # an IPv4 address wrapped in IPv6
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None:
            return is_public(str(inner))
    # is_global leaves out private, shared (100.64/10: cloud metadata), reserved,
    # loopback and link-local ranges, whatever this Python's lists of each hold
    return ip.is_global and not ip.is_multicast and not any(ip in net for net in _NOT_GLOBAL)


def _connect(addresses: list[str], port: int, timeout: float) -> socket.socket:
    """A connection to the first of the checked addresses that answers."""
    error: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as exc:
            error = exc
    raise error or OSError("no address")


class _HTTP(http.client.HTTPConnection):
    """Connects to the addresses checked, not to whatever the name resolves to next."""

    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses

    def connect(self):
        self.sock = _connect(self._addresses, self.port, self.timeout)


class _HTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._addresses = addresses

    def connect(self):
        sock = _connect(self._addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
