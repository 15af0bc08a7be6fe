"""The in-process transport: `requests` calls reach a cloud's WSGI app without a socket.

One `Interception` (`stackdouble._interception`), shared by every active cloud, routes each
request by host: a cloud's own catch-all hands it to the cloud's app; any other host fails
with a `ConnectionError` saying how to allow it, unless an active cloud was made with
`passthrough=True`.
"""

from __future__ import annotations

import io
import sys
import threading
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from requests.exceptions import ConnectionError as RequestsConnectionError

from stackdouble._interception import DEFAULT_PORTS, Answer, CatchAll, Interception, host_of
from stackdouble.fakes.http import RAISE_ERRORS_KEY, IterStream

if TYPE_CHECKING:
    from requests import PreparedRequest

    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["activate", "active_clouds", "build_environ", "deactivate"]


class _Interceptor:
    """One interception shared by every active cloud, so clouds can be active together."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clouds: tuple[FakeCloud, ...] = ()
        self._routes: tuple[tuple[FakeCloud, CatchAll], ...] = ()
        self._refusal = CatchAll(self._refuse)
        # Started while any cloud is active.
        self._interception = Interception(self._route)

    def _route(self, request: PreparedRequest) -> CatchAll | None:
        """The catch-all of the cloud answering the request's host; the refusal for other
        hosts; None (the real network) when an active cloud allows passthrough."""
        host = host_of(str(request.url))
        routes = self._routes
        for cloud, answer in routes:
            if host in cloud.hosts:
                return answer
        if any(cloud.passthrough for cloud, _ in routes):
            return None
        return self._refusal

    def activate(self, cloud: FakeCloud) -> None:
        with self._lock:
            busy = {h for other in self.clouds for h in other.hosts}
            clash = busy & cloud.hosts
            if clash:
                raise RuntimeError(f"another active FakeCloud already answers {sorted(clash)}; "
                                   "give this one another base_url")
            self.clouds = (*self.clouds, cloud)
            self._routes = (*self._routes, (cloud, CatchAll(partial(self._answer, cloud))))
            self._interception.start()  # a no-op while it is started

    def deactivate(self, cloud: FakeCloud) -> None:
        with self._lock:
            self.clouds = tuple(c for c in self.clouds if c is not cloud)
            self._routes = tuple(route for route in self._routes if route[0] is not cloud)
            if not self.clouds:
                self._interception.stop()  # a no-op unless started

    def _answer(self, cloud: FakeCloud, request: PreparedRequest) -> Answer:
        """Answer one prepared request through its cloud's app."""
        if not any(c is cloud for c in self.clouds):  # stopped between routing and answering
            raise RequestsConnectionError("stackdouble: the FakeCloud was stopped",
                                          request=request)
        resp = cloud.app.handle(build_environ(request))
        body = resp.body
        if not isinstance(body, bytes):
            body = io.BufferedReader(IterStream(body))
        return resp.status, resp.headers, body

    def _refuse(self, request: PreparedRequest) -> Answer:
        """Fail a request to a host no active cloud answers, saying how to allow it."""
        host = host_of(str(request.url))
        hosts = sorted(h for cloud in self.clouds for h in cloud.hosts)
        raise RequestsConnectionError(
            f"stackdouble: {request.method} {request.url}: no fake cloud answers host "
            f"{host!r}. Active FakeClouds answer {hosts} (use cloud.base_url, cloud.auth_url "
            "or cloud.os_environ()). To let other hosts reach the real network, create the "
            "cloud with FakeCloud(passthrough=True).",
            request=request,
        )


_INTERCEPTOR = _Interceptor()


def activate(cloud: FakeCloud) -> None:
    """Start answering `requests` to `cloud`'s hosts in-process (see `FakeCloud.start`).

    Raises:
        RuntimeError: Another active cloud already answers one of its hosts.
    """
    _INTERCEPTOR.activate(cloud)


def deactivate(cloud: FakeCloud) -> None:
    """Stop answering for `cloud`; the last one unpatches `requests`."""
    _INTERCEPTOR.deactivate(cloud)


def active_clouds() -> tuple[FakeCloud, ...]:
    """The clouds answering in-process now."""
    return _INTERCEPTOR.clouds


def build_environ(request: PreparedRequest) -> dict[str, Any]:
    """A WSGI environ for a `requests.PreparedRequest` (body: bytes, str, file or iterable).

    Example:
        >>> import requests
        >>> prepared = requests.Request("POST", "http://cloud.test/a%20b?x=1", json={}).prepare()
        >>> env = build_environ(prepared)
        >>> env["PATH_INFO"], env["QUERY_STRING"], env["CONTENT_TYPE"], env["CONTENT_LENGTH"]
        ('/a b', 'x=1', 'application/json', '2')
    """
    url = str(request.url)
    scheme, _, rest = url.partition("://")
    netloc, slash, path_qs = rest.partition("/")
    path_qs = path_qs.split("#", 1)[0]
    path, _, query = path_qs.partition("?")
    path = slash + path if slash else "/"
    if "%" in path:
        path = unquote(path, encoding="latin-1")
    netloc = netloc.rpartition("@")[2]
    if netloc.startswith("["):
        host, _, port = netloc[1:].partition("]")
        port = port[1:]
    else:
        host, _, port = netloc.partition(":")
    port = port or DEFAULT_PORTS.get(scheme, "80")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": str(request.method or "GET").upper(),
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        RAISE_ERRORS_KEY: True,
    }
    for name, value in request.headers.items():
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ[key] = value
        else:
            environ["HTTP_" + key] = value
    body: Any = request.body
    if body is None:
        environ["wsgi.input"] = io.BytesIO(b"")
    elif isinstance(body, (bytes, str)):
        data = body.encode("utf-8") if isinstance(body, str) else body
        environ["wsgi.input"] = io.BytesIO(data)
        environ["CONTENT_LENGTH"] = str(len(data))
    elif hasattr(body, "read"):
        data = body.read()
        data = data.encode("utf-8") if isinstance(data, str) else data
        environ["wsgi.input"] = io.BytesIO(data)
        environ["CONTENT_LENGTH"] = str(len(data))
    else:  # an iterable: a chunked upload, streamed through
        environ["wsgi.input"] = io.BufferedReader(IterStream(body))
        environ["wsgi.input_terminated"] = True
        environ.pop("CONTENT_LENGTH", None)
    return environ
