"""The served transport: the cloud's WSGI app on a real socket, spoken as Swift's proxy
speaks HTTP.

**Why a server of our own.** A Swift proxy runs on eventlet.wsgi (`eventlet/wsgi.py`,
0.41), with Swift's request-line parser (`swift/common/http_protocol.py`,
`SwiftHttpProtocol`) and `capitalize_response_headers = False`
(`swift/common/wsgi.py`). Clients rely on what that server accepts, and waitress refused
or changed it: raw UTF-8 bytes in the request line (waitress: `400 Bad URI`), a leading
`//` in the path (collapsed), `Transfer-Encoding` (dropped from the environ, so a PUT with
neither a length nor chunking could not get Swift's 411), `Content-Length: 0` on a 204
(dropped) and `Connection: keep-alive` to an HTTP/1.0 client (not echoed). eventlet.wsgi
is itself a `http.server.BaseHTTPRequestHandler`; this module does what it does, on
stdlib sockets and one thread per connection, without eventlet's monkey-patching:

- the request line is decoded ISO-8859-1 and split at spaces (Swift's `parse_request`):
  any byte but a space may appear in the path; `PATH_INFO` is the path percent-decoded to
  ISO-8859-1 (a WSGI string, one character per byte), `RAW_PATH_INFO` the path as sent;
  an absolute-form target (`http://host/path`) keeps its path only; `//` stays;
- request lines of 8,192 bytes or more get eventlet's bare 414, header lines as long its
  `400 Header Line Too Long`, more than 64 KiB of headers `400 Headers Too Large`, more
  than 100 headers Swift's `431 Too many headers`, a bad or negative `Content-Length`
  `400 Bad Request`; HTTP/2 and later get 505, a malformed version 400 (Swift's
  `send_error` pages, with a transaction id);
- headers reach the app with their values as sent (ISO-8859-1), repeated ones joined with
  `,`, names holding `_` dropped (eventlet's guard against `X_Auth_Token` standing in for
  `X-Auth-Token`); `Transfer-Encoding` is kept. A chunked body is dechunked as the app
  reads (`wsgi.input_terminated` is then set); without a length or chunking the body is
  empty. `Expect: 100-continue` is answered when the app first reads the body. Bodies
  stream from the socket: nothing is spooled and there is no size cap (the services apply
  their own limits, such as Swift's 5 GiB object);
- the response goes out as the app gives it: header names not re-cased, `Content-Length:
  0` kept on a 204 or 304, `Date` added when missing, `Connection: keep-alive` echoed to a
  client that asked for it (an HTTP/1.0 one included), `Connection: close` when the
  connection will close; without a length, HTTP/1.1 gets a chunked body and HTTP/1.0 a
  body ended by closing. Headers and a small body leave in one write (`TCP_NODELAY`; a
  keep-alive request costs well under a millisecond of server time).

**Idle connections.** Clients such as openstacksdk's functional tests open sessions and never
close them, and a server that keeps every idle connection stops accepting new ones. A real
OpenStack service drops them much sooner. In DevStack, Keystone, Nova, Cinder and Glance's
APIs run under uwsgi behind Apache httpd, whose `KeepAliveTimeout` is 5 s by default; Swift's
proxy and the eventlet servers (oslo.service's `client_socket_timeout`, default 900 s) keep
them longer, but sit behind such a proxy in most deployments. So the server here:

- closes a connection idle between requests for `idle_timeout` seconds (default 5, Apache's
  `KeepAliveTimeout`);
- never closes a connection whose request is being handled, however long the handler takes
  (an injected latency, say); a request half-received or a response half-sent is dropped only
  after 60 s without progress (Apache's `Timeout`);
- accepts up to `connection_limit` connections (default 1000, or half the process's open-file
  limit if that is lower: each connection holds a descriptor). At the limit it closes the
  longest-idle connections to make room, as nginx reuses keep-alive connections when it runs
  out (`ngx_drain_connections`); only when every connection is busy do new ones wait, in a
  backlog of 1024.

A client that sends a request at the very moment the server closes its idle connection sees
the connection drop, as it would against Apache; a connection closed earlier is noticed by
urllib3, which opens a new one.

**The control plane.** Bound to a loopback address, `/_stackdouble/` is open, as in-process.
Bound to any other address (`0.0.0.0`, a LAN address), it needs a control token, sent as
`Authorization: Bearer <token>`: the one given, or a random one (`ServedCloud.control_token`).
A token given on loopback is required there too. See `stackdouble.fakes.control.ControlGuard`.
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import ipaddress
import logging
import math
import secrets
import select
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from email.utils import formatdate
from typing import IO, TYPE_CHECKING, Any, cast
from urllib.parse import unquote

from stackdouble.fakes.control import CONTROL_GUARD_KEY, ControlGuard, validate_control_token

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "DEFAULT_CONNECTION_LIMIT",
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_THREADS",
    "MAX_REQUEST_LINE",
    "STALL_TIMEOUT",
    "ServedCloud",
    "default_connection_limit",
    "is_loopback",
]

log = logging.getLogger(__name__)

#: Seconds a connection may sit idle between requests: Apache httpd's `KeepAliveTimeout`.
DEFAULT_IDLE_TIMEOUT = 5.0
#: Connections open at once, unless the open-file limit is lower (`default_connection_limit`).
DEFAULT_CONNECTION_LIMIT = 1000
#: Requests handled at once (the cloud's lock serialises state).
DEFAULT_THREADS = 8
#: Seconds without progress before a half-received request or half-sent response is dropped:
#: Apache httpd's `Timeout`.
STALL_TIMEOUT = 60.0
#: The longest request line, in bytes: Swift's `max_request_line`, eventlet's
#: `url_length_limit` (a line this long or longer gets 414).
MAX_REQUEST_LINE = 8192
#: eventlet.wsgi's limits on one header line and on all of them, and http.client's on
#: their number (`_MAXHEADERS`).
_MAX_HEADER_LINE = 8192
_MAX_HEADERS_SIZE = 65536
_MAX_HEADERS = 100
#: eventlet's `minimum_chunk_size`: response data is gathered up to this before a write.
_MIN_WRITE = 4096
#: How the socket is read: large enough that a 1 GiB upload is not read 8 KiB at a time.
_READ_BUFFER = 1 << 16
#: The listening socket's queue.
_BACKLOG = 1024
#: How often the accepting thread looks again when nothing wakes it, in seconds.
_POLL_INTERVAL = 1.0
_RESPONSE_414 = (b"HTTP/1.0 414 Request URI Too Long\r\nConnection: close\r\n"
                 b"Content-Length: 0\r\n\r\n")
_BODYLESS = (204, 304)
_SPACE = " \t\r\n"
#: http.server's error page, as `SwiftHttpProtocol.send_error` renders it.
_ERROR_MESSAGE: str = vars(http.server)["DEFAULT_ERROR_MESSAGE"]
_ERROR_CONTENT_TYPE: str = vars(http.server)["DEFAULT_ERROR_CONTENT_TYPE"]

StartResponse = Callable[..., Callable[[bytes], None]]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def default_connection_limit() -> int:
    """`DEFAULT_CONNECTION_LIMIT`, or half the soft open-file limit if that is lower.

    Each connection holds a file descriptor; past the limit, `accept()` fails. Half leaves
    room for the process's other files (and, in a test, its clients).

    Example:
        >>> 1 <= default_connection_limit() <= DEFAULT_CONNECTION_LIMIT
        True
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return DEFAULT_CONNECTION_LIMIT
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return DEFAULT_CONNECTION_LIMIT
    return max(1, min(DEFAULT_CONNECTION_LIMIT, soft // 2))


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback address (`127.0.0.0/8`, `::1`); names are not resolved.

    Example:
        >>> is_loopback("127.0.0.1"), is_loopback("[::1]"), is_loopback("0.0.0.0")
        (True, True, False)
    """
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _transaction_id() -> str:
    """Swift's `generate_trans_id('')`: `tx<21 hex>-<hex time>`."""
    return f"tx{secrets.token_hex(11)[:21]}-{int(time.time()):010x}"


class _BadRequest(Exception):
    """A request refused before the app sees it; `response` is what is sent."""

    def __init__(self, response: bytes) -> None:
        super().__init__(response[:40])
        self.response = response


def _error_page(code: int, message: str | None = None, explain: str | None = None,
                *, head: bool = False) -> bytes:
    """`SwiftHttpProtocol.send_error`: http.server's page, `Connection: close` and a
    transaction id."""
    short, long = http.server.BaseHTTPRequestHandler.responses.get(code, ("???", "???"))
    message = short if message is None else message
    body = (_ERROR_MESSAGE % {
        "code": code, "message": html.escape(message, quote=False),
        "explain": html.escape(long if explain is None else explain, quote=False),
    }).encode("utf-8", "replace")
    txn = _transaction_id()
    lines = [f"HTTP/1.1 {code} {message}",
             f"Server: BaseHTTP/0.6 Python/{sys.version.split()[0]}",
             f"Date: {formatdate(usegmt=True)}", "Connection: close",
             f"Content-Type: {_ERROR_CONTENT_TYPE}",
             f"Content-Length: {len(body)}", f"X-Trans-Id: {txn}",
             f"X-Openstack-Request-Id: {txn}", "", ""]
    return "\r\n".join(lines).encode("latin-1", "replace") + (b"" if head else body)


def _bare(status: bytes) -> bytes:
    """eventlet's own refusals: a status line, `Connection: close`, no body."""
    return b"HTTP/1.0 " + status + b"\r\nConnection: close\r\nContent-length: 0\r\n\r\n"


class _Request:
    """A parsed request line and headers (`SwiftHttpProtocol.parse_request`)."""

    __slots__ = ("close", "command", "expect_continue", "headers", "path", "version")

    def __init__(self, line: bytes, rfile: IO[bytes]) -> None:
        self.close = True
        self.expect_continue = False
        text = line.decode("iso-8859-1").rstrip("\r\n")
        words = text.split(" ")
        self.version = "HTTP/1.0"
        if len(words) >= 3:
            self.version = words[-1]
            try:
                if not self.version.startswith("HTTP/"):
                    raise ValueError
                numbers = self.version.split("/", 1)[1].split(".")
                if len(numbers) != 2:
                    raise ValueError
                number = int(numbers[0]), int(numbers[1])
            except (ValueError, IndexError):
                raise _BadRequest(_error_page(
                    400, f"Bad request version ({self.version!r})")) from None
            if number >= (1, 1):
                self.close = False
            if number >= (2, 0):
                raise _BadRequest(_error_page(
                    505, f"Invalid HTTP version ({self.version.split('/', 1)[1]})"))
        if not 2 <= len(words) <= 3:
            raise _BadRequest(_error_page(400, f"Bad request syntax ({text!r})"))
        self.command, path = words[0], words[1]
        if len(words) == 2:
            self.close = True
            if self.command != "GET":
                raise _BadRequest(_error_page(
                    400, f"Bad HTTP/0.9 request type ({self.command!r})"))
        if path.startswith(("http://", "https://")):
            _, sep, rest = path.partition("//")[2].partition("/")
            if sep:
                path = "/" + rest
        self.path = path
        self.headers = _read_headers(rfile)
        connection = self.header("connection").lower()
        if connection == "close":
            self.close = True
        elif connection == "keep-alive":
            self.close = False
        self.expect_continue = (self.header("expect").lower() == "100-continue"
                                and self.version >= "HTTP/1.1")

    def header(self, name: str) -> str:
        """The first value of a header (lower-case `name`), or an empty string."""
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return ""


def _read_headers(rfile: IO[bytes]) -> list[tuple[str, str]]:
    """The header lines up to the blank line, as eventlet.wsgi reads and limits them.

    Raises:
        _BadRequest: A line too long, too many bytes or too many headers.
    """
    headers: list[tuple[str, str]] = []
    total = 0
    while True:
        raw = rfile.readline(_MAX_HEADER_LINE)
        if len(raw) >= _MAX_HEADER_LINE:
            raise _BadRequest(_bare(b"400 Header Line Too Long"))
        total += len(raw)
        if total > _MAX_HEADERS_SIZE:
            raise _BadRequest(_bare(b"400 Headers Too Large"))
        if raw in (b"\r\n", b"\n", b""):
            return headers
        line = raw.decode("iso-8859-1")
        if line[:1] in (" ", "\t") and headers:  # an obsolete folded continuation
            name, value = headers[-1]
            headers[-1] = (name, (value + " " + line.strip(_SPACE)).strip())
            continue
        if ":" not in line:
            continue
        if len(headers) >= _MAX_HEADERS:
            raise _BadRequest(_error_page(431, "Too many headers",
                                          f"got more than {_MAX_HEADERS} headers"))
        name, value = line.split(":", 1)
        headers.append((name, value.strip(_SPACE)))


class _Input:
    """`wsgi.input`: the body read from the socket as the app asks (eventlet's `Input`):
    at most `length` bytes, or chunks until the last one; `100 Continue` before the first
    read when the client waits for it."""

    def __init__(self, rfile: IO[bytes], length: int | None, chunked: bool,
                 send_continue: Callable[[], None] | None) -> None:
        self._rfile = rfile
        self.length = length
        self.chunked = chunked
        self.position = 0
        self._chunk_left = 0
        self._done = False
        self._send_continue = send_continue

    @property
    def continue_pending(self) -> bool:
        """Whether the client still waits for a `100 Continue` that was never sent."""
        return self._send_continue is not None

    def _start(self) -> None:
        if self._send_continue is not None:
            send, self._send_continue = self._send_continue, None
            send()

    def read(self, size: int | None = -1) -> bytes:
        """Up to `size` bytes of the body (all that is left when None or negative)."""
        self._start()
        if self.chunked:
            return self._read_chunked(size, readline=False)
        left = (self.length or 0) - self.position
        want = left if size is None or size < 0 or size > left else size
        if want <= 0:
            return b""
        data = self._rfile.read(want)
        self.position += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        """One line of the body (at most `size` bytes)."""
        self._start()
        if self.chunked:
            return self._read_chunked(size, readline=True)
        left = (self.length or 0) - self.position
        want = left if size is None or size < 0 or size > left else size
        if want <= 0:
            return b""
        data = self._rfile.readline(want)
        self.position += len(data)
        return data

    def readlines(self, hint: int = -1) -> list[bytes]:
        """The body's remaining lines."""
        lines = []
        for line in iter(self.readline, b""):
            lines.append(line)
            if hint > 0:
                hint -= len(line)
                if hint <= 0:
                    break
        return lines

    def __iter__(self) -> Iterator[bytes]:
        return iter(lambda: self.read(65536), b"")

    def _read_chunked(self, size: int | None, *, readline: bool) -> bytes:
        if size == 0:
            return b""
        wanted = None if size is None or size < 0 else size
        out: list[bytes] = []
        while not self._done:
            if self._chunk_left == 0:
                self._next_chunk()
                continue
            step = self._chunk_left if wanted is None else min(self._chunk_left, wanted)
            data = (self._rfile.readline(step) if readline else self._rfile.read(step))
            if not data:
                self._done = True
                raise OSError("unexpected end of file while parsing chunked data")
            out.append(data)
            self._chunk_left -= len(data)
            self.position += len(data)
            if self._chunk_left == 0:
                self._rfile.readline()  # the chunk's CRLF
            if wanted is not None:
                wanted -= len(data)
                if wanted == 0:
                    break
            if readline and data.endswith(b"\n"):
                break
        return b"".join(out)

    def _next_chunk(self) -> None:
        line = self._rfile.readline(_MAX_HEADER_LINE)
        try:
            size = int(line.split(b";", 1)[0], 16)
        except ValueError:
            self._done = True
            raise ValueError(f"invalid chunk size line {line[:40]!r}") from None
        if size < 0:
            self._done = True
            raise ValueError(f"invalid chunk size line {line[:40]!r}")
        if size == 0:
            self._done = True
            while self._rfile.readline(_MAX_HEADER_LINE) not in (b"\r\n", b"\n", b""):
                pass  # trailers, discarded
        self._chunk_left = size

    def discard(self) -> None:
        """Read and drop what the app left of the body, so the next request can follow."""
        self._send_continue = None
        while self.read(1 << 16):
            pass

    @property
    def unread(self) -> bool:
        """Whether part of the body may not have been read."""
        if self.chunked:
            return not self._done
        return self.position < (self.length or 0)


class _Connection:
    """One client connection and what the accepting thread needs to know about it."""

    __slots__ = ("address", "closing", "idle", "idle_since", "sock")

    def __init__(self, sock: socket.socket, address: Any) -> None:
        self.sock = sock
        self.address = address
        self.idle = True
        self.idle_since = time.monotonic()
        self.closing = False

    def shut(self) -> None:
        """Close it from another thread: its reads return end-of-file."""
        self.closing = True
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)


class _HTTPServer:
    """The listening socket, its accepting thread and one thread per connection."""

    def __init__(self, app: App, host: str, port: int, *, threads: int,
                 idle_timeout: float, connection_limit: int) -> None:
        self.app = app
        self.idle_timeout = idle_timeout
        self.stall_timeout = max(idle_timeout, STALL_TIMEOUT)
        self.connection_limit = connection_limit
        self._slots = threading.BoundedSemaphore(threads)
        self._lock = threading.Lock()
        self._connections: dict[int, _Connection] = {}
        self._workers: set[threading.Thread] = set()
        self._stopped = False
        self._overflow = False
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        self._listener = socket.socket(family, kind, proto)
        try:
            self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._listener.bind(address)
            self._listener.listen(_BACKLOG)
        except OSError:
            self._listener.close()
            raise
        self._listener.setblocking(False)
        self.host, self.port = self._listener.getsockname()[:2]
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_read.setblocking(False)
        self._wake_write.setblocking(False)

    # -- accepting ---------------------------------------------------------------------------

    def serve(self) -> None:
        """Accept connections until `stop`, handing each to a thread of its own."""
        try:
            while not self._stopped:
                readers: list[socket.socket] = [self._wake_read]
                if self._has_room():
                    readers.append(self._listener)
                ready, _, _ = select.select(readers, [], [], _POLL_INTERVAL)
                if self._wake_read in ready:
                    with contextlib.suppress(OSError):
                        while self._wake_read.recv(4096):
                            pass
                if self._listener in ready and not self._stopped:
                    self._accept()
        finally:
            for end in (self._listener, self._wake_read, self._wake_write):
                with contextlib.suppress(OSError):
                    end.close()

    def _has_room(self) -> bool:
        """Below the limit; at it, the longest-idle connections are told to close."""
        with self._lock:
            count = len(self._connections)
            if count < self.connection_limit:
                self._overflow = False
                return True
            closing = sum(1 for c in self._connections.values() if c.closing)
            idle = sorted((c for c in self._connections.values() if c.idle and not c.closing),
                          key=lambda c: c.idle_since)
            for conn in idle[:max(0, count - self.connection_limit + 1 - closing)]:
                conn.shut()
                closing += 1
            if not closing and not self._overflow:
                self._overflow = True
                log.warning("stackdouble server on port %s: all %d connections are busy; "
                            "new ones wait in the backlog", self.port, count)
        return False

    def _accept(self) -> None:
        try:
            sock, address = self._listener.accept()
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            if not self._stopped:
                log.exception("stackdouble server on port %s: accept failed", self.port)
            return
        sock.setblocking(True)
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn = _Connection(sock, address)
        worker = threading.Thread(target=self._serve_connection, args=(conn,),
                                  name=f"stackdouble-{self.port}-conn", daemon=True)
        with self._lock:
            self._connections[id(conn)] = conn
            self._workers.add(worker)
        worker.start()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_write.send(b"x")

    def stop(self, timeout: float) -> None:
        """Stop accepting, close every connection and wait for their threads."""
        self._stopped = True
        self._wake()
        with self._lock:
            connections = list(self._connections.values())
            workers = list(self._workers)
        for conn in connections:
            conn.shut()
        deadline = time.monotonic() + timeout
        for worker in workers:
            worker.join(max(0.0, deadline - time.monotonic()))

    # -- one connection ----------------------------------------------------------------------

    def _serve_connection(self, conn: _Connection) -> None:
        rfile = cast(IO[bytes], conn.sock.makefile("rb", _READ_BUFFER))
        try:
            while not conn.closing and self._handle_one(conn, rfile):
                pass
        except (OSError, ValueError):
            pass  # the client went away, stalled, or broke the protocol: close
        except Exception:  # pragma: no cover - a bug here; the connection is closed
            log.exception("stackdouble server on port %s: connection failed", self.port)
        finally:
            with contextlib.suppress(OSError):
                rfile.close()
            with contextlib.suppress(OSError):
                conn.sock.close()
            with self._lock:
                self._connections.pop(id(conn), None)
                self._workers.discard(threading.current_thread())
            self._wake()

    def _handle_one(self, conn: _Connection, rfile: IO[bytes]) -> bool:
        """Read and answer one request; whether the connection stays open."""
        sock = conn.sock
        with self._lock:
            conn.idle, conn.idle_since = True, time.monotonic()
        sock.settimeout(self.idle_timeout)
        try:
            line = rfile.readline(MAX_REQUEST_LINE)
        except TimeoutError:
            return False
        with self._lock:
            conn.idle = False
        if not line or conn.closing:
            return False
        sock.settimeout(self.stall_timeout)
        if len(line) >= MAX_REQUEST_LINE:
            sock.sendall(_RESPONSE_414)
            return False
        try:
            request = _Request(line, rfile)
            length = _content_length(request)
        except _BadRequest as refusal:
            sock.sendall(refusal.response)
            return False
        with self._slots:
            return self._respond(conn, rfile, request, length)

    def _environ(self, conn: _Connection, rfile: IO[bytes], request: _Request,
                 length: int | None) -> dict[str, Any]:
        """eventlet.wsgi's `get_environ`."""
        path, _, query = request.path.partition("?")
        server = conn.sock.getsockname()
        environ: dict[str, Any] = {
            "REQUEST_METHOD": request.command,
            "SCRIPT_NAME": "",
            "RAW_PATH_INFO": path,
            "PATH_INFO": unquote(path, encoding="latin-1"),
            "SERVER_PROTOCOL": request.version,
            "SERVER_NAME": str(server[0]),
            "SERVER_PORT": str(server[1]),
            "REMOTE_ADDR": str(conn.address[0]) if isinstance(conn.address, tuple) else "",
            "REMOTE_PORT": str(conn.address[1]) if isinstance(conn.address, tuple) else "",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "CONTENT_TYPE": request.header("content-type"),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        if "?" in request.path:
            environ["QUERY_STRING"] = query
        if request.header("content-length"):
            environ["CONTENT_LENGTH"] = request.header("content-length")
        for name, value in request.headers:
            if "_" in name:
                continue
            key = name.replace("-", "_").upper()
            if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                continue
            key = "HTTP_" + key
            environ[key] = f"{environ[key]},{value}" if key in environ else value
        chunked = environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked"
        send_continue = None
        if request.expect_continue:
            send_continue = functools.partial(conn.sock.sendall,
                                              b"HTTP/1.1 100 Continue\r\n\r\n")
        body = _Input(rfile, None if chunked else (length or 0), chunked, send_continue)
        environ["wsgi.input"] = body
        if chunked:
            environ["wsgi.input_terminated"] = True
        return environ

    def _respond(self, conn: _Connection, rfile: IO[bytes], request: _Request,
                 length: int | None) -> bool:
        """eventlet.wsgi's `handle_one_response`: run the app and write its answer."""
        environ = self._environ(conn, rfile, request, length)
        body: _Input = environ["wsgi.input"]
        writer = _ResponseWriter(conn.sock, request)
        result: Iterable[bytes] | None = None
        try:
            result = self.app(environ, writer.start_response)
            writer.complete(result)
        except OSError:
            return False  # the client is gone, or stalled
        except Exception:
            log.exception("stackdouble server on port %s: the app failed", self.port)
            writer.fail()
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if body.continue_pending:
            return False  # the client may or may not send the body now: start afresh
        if writer.close:
            return False
        if body.unread:
            body.discard()
        return True


def _content_length(request: _Request) -> int | None:
    """`Content-Length` as eventlet checks it (None when absent).

    Raises:
        _BadRequest: Not a number, or negative.
    """
    value = request.header("content-length")
    if not value and all(k.lower() != "content-length" for k, _ in request.headers):
        return None
    try:
        length = int(value)
        if length < 0:
            raise ValueError
    except ValueError:
        raise _BadRequest(_bare(b"400 Bad Request")) from None
    return length


class _ResponseWriter:
    """The WSGI `start_response` and body writer of one response (eventlet's rules)."""

    __slots__ = ("_head", "_sock", "chunked", "close", "headers", "request", "sent",
                 "status", "status_code")

    def __init__(self, sock: socket.socket, request: _Request) -> None:
        self._sock = sock
        self.request = request
        self.status = ""
        self.status_code = 0
        self.headers: list[tuple[str, str]] = []
        self.sent = False
        self.chunked = False
        self.close = request.close
        self._head = b""

    @property
    def bodyless(self) -> bool:
        """No body may follow: a 1xx, 204 or 304, or the answer to a HEAD."""
        return (self.status_code in _BODYLESS or self.request.command == "HEAD"
                or 100 <= self.status_code < 200)

    def start_response(self, status: str, headers: list[tuple[str, str]],
                       exc_info: Any = None) -> Callable[[bytes], None]:
        """WSGI's `start_response`."""
        if exc_info is not None and self.sent:
            raise exc_info[1].with_traceback(exc_info[2])
        self.status = status
        self.status_code = int(status.split(" ", 1)[0])
        self.headers = list(headers)
        return self.write

    def _header_block(self) -> bytes:
        self.chunked = False
        names = {name.lower() for name, _ in self.headers}
        lines = [f"HTTP/1.1 {self.status}"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        if "date" not in names:
            lines.append(f"Date: {formatdate(usegmt=True)}")
        asked = self.request.header("connection").lower()
        keep_alive_echo = False
        if not self.close and (asked == "keep-alive" or (
                self.request.version == "HTTP/1.1" and asked != "close")):
            keep_alive_echo = asked == "keep-alive"
        else:
            self.close = True
        if "content-length" not in names and not self.bodyless:
            if self.request.version == "HTTP/1.1":
                self.chunked = True
                lines.append("Transfer-Encoding: chunked")
            else:
                self.close = True  # an HTTP/1.0 client reads to the end
        if self.close:
            lines.append("Connection: close")
        elif keep_alive_echo:
            lines.append("Connection: keep-alive")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def write(self, data: bytes) -> None:
        """Send `data` (the status line and headers first, once)."""
        if not self.status:
            raise AssertionError("write() before start_response()")
        out = b""
        if not self.sent:
            out = self._header_block()
            self.sent = True
        if self.bodyless:
            data = b""
        if self.chunked:
            out += f"{len(data):x}\r\n".encode() + data + b"\r\n" if data else b""
        else:
            out += data
        if out:
            self._sock.sendall(out)

    def complete(self, result: Iterable[bytes]) -> None:
        """Send the app's body, gathering small pieces, then end a chunked body."""
        if self.status and not self.sent and isinstance(result, (list, tuple)) \
                and not self.bodyless \
                and "Content-Length" not in [name for name, _ in self.headers]:
            self.headers.append(("Content-Length", str(sum(map(len, result)))))
        pending: list[bytes] = []
        size = 0
        for data in result:
            if not data:
                continue
            pending.append(data)
            size += len(data)
            if size >= _MIN_WRITE:
                self.write(b"".join(pending) if len(pending) > 1 else pending[0])
                pending, size = [], 0
        if pending:
            self.write(b"".join(pending))
        if not self.sent:
            self.write(b"")
        if self.chunked:
            self._sock.sendall(b"0\r\n\r\n")

    def fail(self) -> None:
        """The app raised: a bare 500 if nothing was sent yet; the connection closes."""
        self.close = True
        if not self.sent:
            self.start_response("500 Internal Server Error",
                                [("Content-type", "text/plain"), ("Content-length", "0")])
            with contextlib.suppress(OSError):
                self.write(b"")


class ServedCloud:
    """A `FakeCloud` served over HTTP in background daemon threads, as Swift's proxy
    serves (see the module docstring).

    While served, the cloud's `base_url` (and so its catalog) is the server's URL with the
    real port; `stop()` puts the old one back. The module docstring explains the connection
    limits and their defaults.

    Args:
        cloud: The cloud to serve.
        host: The address to bind (loopback by default).
        port: The port; 0 picks a free one.
        threads: Requests handled at once (`DEFAULT_THREADS`); others wait their turn.
        idle_timeout: Seconds a connection may stay idle between requests before the server
            closes it; None for `DEFAULT_IDLE_TIMEOUT` (5 s).
        connection_limit: Connections open at once; at the limit the longest-idle ones are
            closed to make room. None for `default_connection_limit()` (1000 at most).
        control_token: The token `/_stackdouble/` requires as `Authorization: Bearer
            <token>`. None: none on a loopback address, a random one on any other.

    Raises:
        ValueError: A limit is not positive, or the control token is empty or not printable
            ASCII.
        OSError: The address cannot be bound.

    Attributes:
        url: `http://HOST:PORT`, the served base URL.
        host: The bound address.
        port: The bound port.
        loopback: Whether the bound address is a loopback one.
        control_token: The token the control plane requires, or None when it is open.
        idle_timeout: As given, or the default.
        connection_limit: As given, or the default.
        threads: As given.
    """

    def __init__(self, cloud: FakeCloud, host: str = "127.0.0.1", port: int = 0, *,
                 threads: int = DEFAULT_THREADS, idle_timeout: float | None = None,
                 connection_limit: int | None = None,
                 control_token: str | None = None) -> None:
        if idle_timeout is None:
            idle_timeout = DEFAULT_IDLE_TIMEOUT
        if connection_limit is None:
            connection_limit = default_connection_limit()
        _check_positive_int("threads", threads)
        _check_positive_int("connection_limit", connection_limit)
        if (isinstance(idle_timeout, bool) or not isinstance(idle_timeout, (int, float))
                or not math.isfinite(idle_timeout) or idle_timeout <= 0):
            raise ValueError(f"idle_timeout must be a positive number of seconds, "
                             f"not {idle_timeout!r}")
        if control_token is not None:
            validate_control_token(control_token)
        self.cloud = cloud
        self.threads = threads
        self.idle_timeout = float(idle_timeout)
        self.connection_limit = connection_limit
        self._guard: ControlGuard | None = None  # set before the server starts
        self._server = _HTTPServer(self._app, host.strip("[]"), port, threads=threads,
                                   idle_timeout=self.idle_timeout,
                                   connection_limit=connection_limit)
        self.host = str(self._server.host)
        self.port = int(self._server.port)
        self.loopback = is_loopback(self.host)
        if control_token is None and not self.loopback:
            control_token = secrets.token_urlsafe(32)
        self.control_token: str | None = control_token
        if control_token is not None:
            self._guard = ControlGuard(control_token)
        shown = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        if ":" in shown:
            shown = "[::1]" if shown == "::" else f"[{shown}]"
        self.url = f"http://{shown}:{self.port}"
        self._previous_base = cloud.base_url
        cloud.rebase(self.url)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"stackdouble-{self.port}",
                                        daemon=True)
        self._thread.start()

    def _app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """The cloud's app, telling the control plane which token this server requires."""
        if self._guard is not None:
            environ[CONTROL_GUARD_KEY] = self._guard
        return self.cloud.app(environ, start_response)

    def _run(self) -> None:
        try:
            self._server.serve()
        except OSError:
            if not self._stopped.is_set():
                log.exception("stackdouble server on %s stopped unexpectedly", self.url)

    def stop(self, timeout: float = 5.0) -> None:
        """Close the socket and every connection, and wait for the server's threads."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        self._server.stop(timeout)
        self._thread.join(timeout)
        if self.cloud.base_url == self.url:
            self.cloud.rebase(self._previous_base)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the server stops (or `timeout` passes); True if it stopped."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        return self._thread.is_alive() and not self._stopped.is_set()

    def __enter__(self) -> ServedCloud:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        control = "open" if self.control_token is None else "token required"
        return f"<ServedCloud {self.url} {state}, control plane {control}>"


def _check_positive_int(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer, not {value!r}")
