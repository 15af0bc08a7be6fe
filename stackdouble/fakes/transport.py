"""The in-process transport: `requests` calls reach a cloud's WSGI app without a socket.

One `responses.RequestsMock`, shared by every active cloud, holds one catch-all response for
their hosts (`responses` scans registered URLs linearly, about 19 µs each, so one matcher
beats a route per URL), and one for every other host that fails with a `ConnectionError`
saying how to allow it, unless an active cloud was made with `passthrough=True`.
"""

from __future__ import annotations

import io
import re
import sys
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import responses
from requests.exceptions import ConnectionError as RequestsConnectionError

from stackdouble.fakes.http import RAISE_ERRORS_KEY, IterStream

if TYPE_CHECKING:
    from requests import PreparedRequest

    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["activate", "active_clouds", "build_environ", "deactivate"]

_DEFAULT_PORTS = {"http": "80", "https": "443"}
_ANY_URL = re.compile(".*")


class _NoCalls(responses.CallList):
    """A call list that keeps nothing, so long test sessions do not hold every response."""

    def add(self, request: Any, response: Any) -> None:
        pass

    def add_call(self, call: Any) -> None:
        pass


def _host_of(url: str) -> str:
    """The lower-case `host[:port]` of a URL, without the scheme's default port."""
    scheme, _, rest = url.partition("://")
    netloc = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower()
    netloc = netloc.rpartition("@")[2]
    default = _DEFAULT_PORTS.get(scheme.lower())
    if default and netloc.endswith(":" + default):
        netloc = netloc[: -len(default) - 1]
    return netloc


class _CloudResponse(responses.CallbackResponse):
    """Matches every method (Swift's `COPY` too) on the hosts of every active cloud."""

    def __init__(self, interceptor: _Interceptor) -> None:
        super().__init__(method="GET", url=_ANY_URL, callback=interceptor.callback,
                         content_type=None)
        self._interceptor = interceptor
        self._calls = _NoCalls()

    def matches(self, request: PreparedRequest) -> tuple[bool, str]:
        """Whether an active cloud answers the request's host."""
        if self._interceptor.cloud_for(str(request.url)) is not None:
            return True, ""
        return False, "not a host of an active FakeCloud"


class _UnknownHost(responses.BaseResponse):
    """Fails requests to other hosts with a message that says how to allow them."""

    def __init__(self, interceptor: _Interceptor) -> None:
        super().__init__(method="GET", url=_ANY_URL)
        self._interceptor = interceptor
        self._calls = _NoCalls()

    def matches(self, request: PreparedRequest) -> tuple[bool, str]:
        """Requests no active cloud answers, unless one of them allows passthrough."""
        clouds = self._interceptor.clouds
        if any(cloud.passthrough for cloud in clouds):
            return False, "passthrough allowed"
        if self._interceptor.cloud_for(str(request.url)) is not None:
            return False, "a host of an active FakeCloud"
        return True, ""

    def get_response(self, request: PreparedRequest) -> Any:
        """Raise the ConnectionError."""
        host = _host_of(str(request.url))
        hosts = sorted(h for cloud in self._interceptor.clouds for h in cloud.hosts)
        raise RequestsConnectionError(
            f"stackdouble: {request.method} {request.url}: no fake cloud answers host "
            f"{host!r}. Active FakeClouds answer {hosts} (use cloud.base_url, cloud.auth_url "
            "or cloud.auth_options()). To let other hosts reach the real network, create the "
            "cloud with FakeCloud(passthrough=True).",
            request=request,
        )


class _Interceptor:
    """One `responses` mock shared by every active cloud, so clouds can be active together."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clouds: tuple[FakeCloud, ...] = ()
        # One mock, started while any cloud is active; its routes never change.
        self._mock = responses.RequestsMock(assert_all_requests_are_fired=False)
        self._mock.add(_CloudResponse(self))
        self._mock.add(_UnknownHost(self))
        self._mock.add_passthru(_ANY_URL)
        self._mock._calls = _NoCalls()

    def cloud_for(self, url: str) -> FakeCloud | None:
        host = _host_of(url)
        for cloud in self.clouds:
            if host in cloud.hosts:
                return cloud
        return None

    def activate(self, cloud: FakeCloud) -> None:
        with self._lock:
            busy = {h for other in self.clouds for h in other.hosts}
            clash = busy & cloud.hosts
            if clash:
                raise RuntimeError(f"another active FakeCloud already answers {sorted(clash)}; "
                                   "give this one another base_url")
            self.clouds = (*self.clouds, cloud)
            self._mock.start()  # a no-op while it is started

    def deactivate(self, cloud: FakeCloud) -> None:
        with self._lock:
            self.clouds = tuple(c for c in self.clouds if c is not cloud)
            if not self.clouds:
                self._mock.stop(allow_assert=False)  # a no-op unless started

    def callback(self, request: PreparedRequest) -> tuple[int, list[tuple[str, str]], Any]:
        """Answer one prepared request through its cloud's app."""
        cloud = self.cloud_for(str(request.url))
        if cloud is None:  # deactivated between matching and answering
            raise RequestsConnectionError("stackdouble: the FakeCloud was stopped",
                                          request=request)
        resp = cloud.app.handle(build_environ(request))
        body = resp.body
        if not isinstance(body, bytes):
            body = io.BufferedReader(IterStream(body))
        return resp.status, resp.headers, body


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
    port = port or _DEFAULT_PORTS.get(scheme, "80")
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
