"""The in-process transport: `requests` calls reach the cloud's WSGI app without a socket.

One `responses.RequestsMock` per active cloud holds one catch-all response for the cloud's
hosts (`responses` scans registered URLs linearly, about 19 µs each, so one matcher beats a
route per URL), and one for every other host that fails with a `ConnectionError` saying
how to allow it, unless the cloud was made with `passthrough=True`.
"""

from __future__ import annotations

import io
import re
import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import responses
from requests.exceptions import ConnectionError as RequestsConnectionError

from stackdouble.fakes.http import RAISE_ERRORS_KEY, IterStream

if TYPE_CHECKING:
    from requests import PreparedRequest

    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["InProcessTransport", "build_environ"]

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
    """Matches every method (Swift's `COPY` too) on the cloud's hosts."""

    def __init__(self, transport: InProcessTransport) -> None:
        super().__init__(method="GET", url=_ANY_URL, callback=transport.callback,
                         content_type=None)
        self._transport = transport
        self._calls = _NoCalls()

    def matches(self, request: PreparedRequest) -> tuple[bool, str]:
        """Whether the request's host is the cloud's."""
        if _host_of(str(request.url)) in self._transport.cloud.hosts:
            return True, ""
        return False, "not a host of this FakeCloud"


class _UnknownHost(responses.BaseResponse):
    """Fails requests to other hosts with a message that says how to allow them."""

    def __init__(self, transport: InProcessTransport) -> None:
        super().__init__(method="GET", url=_ANY_URL)
        self._transport = transport
        self._calls = _NoCalls()

    def matches(self, request: PreparedRequest) -> tuple[bool, str]:
        """Every request the cloud does not answer."""
        if _host_of(str(request.url)) in self._transport.cloud.hosts:
            return False, "a host of this FakeCloud"
        return True, ""

    def get_response(self, request: PreparedRequest) -> Any:
        """Raise the ConnectionError."""
        host = _host_of(str(request.url))
        cloud = self._transport.cloud
        raise RequestsConnectionError(
            f"stackdouble: {request.method} {request.url}: no fake cloud answers host "
            f"{host!r}. The active FakeCloud answers {sorted(cloud.hosts)} (its base_url is "
            f"{cloud.base_url}; use cloud.auth_url or cloud.auth_options()). To let other "
            "hosts reach the real network, create it with FakeCloud(passthrough=True).",
            request=request,
        )


class InProcessTransport:
    """Routes `requests` to a cloud's app while started.

    Args:
        cloud: The cloud to answer with.
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self._mock = responses.RequestsMock(assert_all_requests_are_fired=False)
        self._mock.add(_CloudResponse(self))
        if cloud.passthrough:
            self._mock.add_passthru(_ANY_URL)
        else:
            self._mock.add(_UnknownHost(self))
        self._mock._calls = _NoCalls()
        self.active = False

    def start(self) -> None:
        """Patch `requests` (idempotent)."""
        if not self.active:
            self._mock.start()
            self.active = True

    def stop(self) -> None:
        """Unpatch `requests` (idempotent)."""
        if self.active:
            self._mock.stop(allow_assert=False)
            self.active = False

    def callback(self, request: PreparedRequest) -> tuple[int, list[tuple[str, str]], Any]:
        """Answer one prepared request through the cloud's app."""
        resp = self.cloud.app.handle(build_environ(request))
        body = resp.body
        if not isinstance(body, bytes):
            body = io.BufferedReader(IterStream(body))
        return resp.status, resp.headers, body


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
