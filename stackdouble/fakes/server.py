"""The served transport: the cloud's WSGI app behind waitress, on a real socket.

waitress buffers each response and writes headers and body together, so a keep-alive request
costs about a millisecond (the stdlib `http.server` writes them apart, which with Nagle and
delayed ACKs adds 40 ms per request). waitress also closes the connection after every 204 and
304 (it cannot send their length), although HTTP/1.1 lets them stay open; Swift answers every
HEAD and every empty listing with a 204, so the server keeps those connections alive.

**Idle connections.** Clients such as openstacksdk's functional tests open sessions and never
close them. waitress keeps an idle keep-alive connection for 120 s (`channel_timeout`), checks
every 30 s (`cleanup_interval`) and stops accepting at 100 connections (`connection_limit`),
so a few hundred abandoned sessions starve it: new connections wait in the backlog for
minutes. A real OpenStack service drops them much sooner. In DevStack, Keystone, Nova, Cinder
and Glance's APIs run under uwsgi behind Apache httpd, whose `KeepAliveTimeout` is 5 s by
default; Swift's proxy and the eventlet servers (oslo.service's `client_socket_timeout`,
default 900 s) keep them longer, but sit behind such a proxy in most deployments. So the
server here:

- closes a connection idle between requests for `idle_timeout` seconds (default 5, Apache's
  `KeepAliveTimeout`), checked every second;
- never closes a connection whose request is being handled, however long the handler takes
  (an injected latency, say); a request half-received or a response half-sent is dropped only
  after 60 s without progress (Apache's `Timeout`);
- accepts up to `connection_limit` connections (default 1000, or half the process's open-file
  limit if that is lower: each connection holds a descriptor). At the limit it closes the
  longest-idle connections to make room, as nginx reuses keep-alive connections when it runs
  out (`ngx_drain_connections`); only when every connection is busy do new ones wait, in a
  backlog of 1024 (waitress's `backlog`).

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
import ipaddress
import logging
import math
import secrets
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.control import CONTROL_GUARD_KEY, ControlGuard, validate_control_token

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "DEFAULT_CONNECTION_LIMIT",
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_THREADS",
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
#: waitress worker threads (requests handled at once; the cloud's lock serialises state).
DEFAULT_THREADS = 8
#: Seconds without progress before a half-received request or half-sent response is dropped:
#: Apache httpd's `Timeout`.
STALL_TIMEOUT = 60.0
#: How often idle connections are looked for, in seconds (waitress's `cleanup_interval`).
_CLEANUP_INTERVAL = 1
#: The listening socket's queue (waitress's default `backlog`).
#: The largest request body waitress passes on (its default, 1 GiB, would answer a bigger
#: upload with its own 413): Glance's `image_size_cap`, 1 TiB. The services apply their own
#: limits (Swift's 5 GiB object, Glance's cap and quotas); waitress spools bodies to disk.
_MAX_BODY = 1 << 40
_BACKLOG = 1024
#: Entries of waitress's socket map that are not connections: the listener and its trigger.
_NON_CONNECTIONS = 2


def default_connection_limit() -> int:
    """`DEFAULT_CONNECTION_LIMIT`, or half the soft open-file limit if that is lower.

    Each connection holds a file descriptor; past the limit, `accept()` fails and the server
    spins. Half leaves room for the process's other files (and, in a test, its clients).

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


def _is_idle(channel: Any) -> bool:
    """No request arriving, being handled or being answered on this connection."""
    return not channel.requests and channel.request is None and not channel.total_outbufs_len


@functools.cache
def _server_class() -> Any:
    """waitress's TCP server, with keep-alive 204/304s, idle timeouts and idle draining."""
    from waitress.channel import HTTPChannel  # type: ignore[import-untyped]
    from waitress.server import TcpWSGIServer  # type: ignore[import-untyped]
    from waitress.task import WSGITask  # type: ignore[import-untyped]

    class KeepAliveTask(WSGITask):  # type: ignore[misc]
        _keep_open = False

        def set_close_on_finish(self) -> None:
            if not self._keep_open:
                super().set_close_on_finish()

        def build_response_header(self) -> Any:
            asked_close = self.request.headers.get("CONNECTION", "").lower() == "close" or any(
                name.lower() == "connection" and value.lower() == "close"
                for name, value in self.response_headers
            )
            # No body, so no length is needed to find the end of the response.
            self._keep_open = not self.has_body and not asked_close and self.version == "1.1"
            try:
                return super().build_response_header()
            finally:
                self._keep_open = False

    class KeepAliveChannel(HTTPChannel):  # type: ignore[misc]
        task_class = KeepAliveTask

    class Server(TcpWSGIServer):  # type: ignore[misc]
        channel_class = KeepAliveChannel
        next_channel_cleanup = 0.0

        def __init__(self, app: Any, adj: Any, idle_timeout: float) -> None:
            self.idle_timeout = idle_timeout
            super().__init__(app, map={}, adj=adj, sockinfo=adj.listen[0])

        def maintenance(self, now: float) -> None:
            # Called by waitress's loop every `cleanup_interval` seconds.
            idle_cutoff = now - self.idle_timeout
            stall_cutoff = now - max(self.idle_timeout, STALL_TIMEOUT)
            for channel in list(self.active_channels.values()):
                if channel.requests:
                    continue  # being handled: never cut off
                cutoff = idle_cutoff if _is_idle(channel) else stall_cutoff
                if channel.last_activity < cutoff:
                    channel.will_close = True

        def readable(self) -> bool:
            # waitress's, but at the limit idle connections make room before new ones wait.
            now = time.time()
            if now >= self.next_channel_cleanup:
                self.next_channel_cleanup = now + self.adj.cleanup_interval
                self.maintenance(now)
            if not self.accepting:
                return False
            if len(self._map) < self.adj.connection_limit:
                self.in_connection_overflow = False
                return True
            if self._drain_idle():
                return False  # room once the loop has closed them: no overflow to report
            if not self.in_connection_overflow:
                self.in_connection_overflow = True
                log.warning("stackdouble server on port %s: all %d connections are busy; "
                            "new ones wait in the backlog", self.effective_port,
                            len(self.active_channels))
            return False

        def _drain_idle(self) -> bool:
            """Mark the longest-idle connections to close; True if any is closing."""
            closing = 0
            idle = []
            for channel in self.active_channels.values():
                if channel.will_close or channel.close_when_flushed:
                    closing += 1
                elif _is_idle(channel):
                    idle.append(channel)
            wanted = len(self._map) - self.adj.connection_limit + 1 - closing
            if wanted > 0 and idle:
                idle.sort(key=lambda channel: channel.last_activity)
                for channel in idle[:wanted]:
                    channel.will_close = True
                    closing += 1
            return closing > 0

    return Server


class ServedCloud:
    """A `FakeCloud` served over HTTP by waitress in a background daemon thread.

    While served, the cloud's `base_url` (and so its catalog) is the server's URL with the
    real port; `stop()` puts the old one back. The module docstring explains the connection
    limits and their defaults.

    Args:
        cloud: The cloud to serve.
        host: The address to bind (loopback by default).
        port: The port; 0 picks a free one.
        threads: waitress worker threads (`DEFAULT_THREADS`).
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
        from waitress.adjustments import Adjustments  # type: ignore[import-untyped]

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
        adj = Adjustments(
            host=host, port=port, threads=threads, ident="stackdouble",
            asyncore_use_poll=True, backlog=_BACKLOG, cleanup_interval=_CLEANUP_INTERVAL,
            connection_limit=connection_limit + _NON_CONNECTIONS,
            max_request_body_size=_MAX_BODY,
        )
        self._guard: ControlGuard | None = None  # set before the loop starts serving
        self._server: Any = _server_class()(self._app, adj, self.idle_timeout)
        self.host = str(self._server.effective_host)
        self.port = int(self._server.effective_port)
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

    def _app(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """The cloud's app, telling the control plane which token this server requires."""
        if self._guard is not None:
            environ[CONTROL_GUARD_KEY] = self._guard
        return self.cloud.app(environ, start_response)

    def _run(self) -> None:
        try:
            self._server.run()
        except OSError:
            if not self._stopped.is_set():
                log.exception("stackdouble server on %s stopped unexpectedly", self.url)

    def stop(self, timeout: float = 5.0) -> None:
        """Close the socket and every connection, and wait for the server thread."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        server = self._server

        def close_all() -> None:
            for channel in list(server._map.values()):
                with contextlib.suppress(OSError):
                    channel.close()

        try:
            server.trigger.pull_trigger(close_all)
        except OSError:
            close_all()
        self._thread.join(timeout)
        server.task_dispatcher.shutdown(timeout=timeout)
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
