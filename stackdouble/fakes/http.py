"""The one WSGI application of a fake cloud, and the request and response it hands around.

`FakeApp` routes by path prefix to each service (identity, compute, ...; Swift by the root
segments a proxy answers, `/v1`, `/info`...), applies injected
faults, runs the token middleware, calls the handler under the cloud's lock and records the
request. The in-process transport calls `FakeApp.handle(environ)` directly; a WSGI server
calls the same app through `__call__`.

A service is a `Service` subclass with a `name`, a `prefix` and a `Router`; it decides how its
errors look (`error_response`), what a 401 looks like (`unauthorized`) and which headers every
response carries (`finish`).
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Hashable, Iterable, Iterator, Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote

from stackdouble.fakes.routing import Route, Router, describe

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.faults import Fault
    from stackdouble.fakes.identity.models import TokenContext
    from stackdouble.fakes.links import Links

__all__ = [
    "AuthRequired",
    "FakeApp",
    "FakeRequest",
    "FakeResponse",
    "HTTPError",
    "QueryArgs",
    "Service",
    "json_bytes",
    "reason_phrase",
]

#: Route tables shared between clouds, by service class and `Service.router_key()`.
_ROUTERS: dict[type[Service], dict[Hashable, Router]] = {}

log = logging.getLogger(__name__)

_UNSET: Any = object()

#: Request environ key: let handler exceptions propagate (in-process) instead of a 500.
RAISE_ERRORS_KEY = "stackdouble.raise_errors"

_REASONS = {s.value: s.phrase for s in HTTPStatus}
# environ key -> header name, memoised (bounded) because the request log asks every time.
_HEADER_NAMES: dict[str, str] = {}
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/._~:@!$&'()*+,;=-]*")


def reason_phrase(status: int, *, upper: bool = False) -> str:
    """The reason phrase for a status (`Created`), or werkzeug's upper-case one (`CREATED`).

    Example:
        >>> reason_phrase(201), reason_phrase(201, upper=True), reason_phrase(599)
        ('Created', 'CREATED', 'Unknown')
    """
    phrase = _REASONS.get(status, "Unknown")
    return phrase.upper() if upper else phrase


#: Listings longer than this are encoded a slice at a time (see `json_bytes`).
_JSON_SLICE = 256
_encode_json = json.JSONEncoder().encode  # what json.dumps uses with its defaults


def json_bytes(value: Any) -> bytes:
    """JSON as the OpenStack services write it (`json.dumps` defaults), UTF-8 encoded.

    A listing (an object whose values include a long list, `{"ports": [...]}`) is encoded
    a slice of items at a time and joined, byte for byte what `json.dumps` writes: the
    encoder then works on small strings that stay in cache, instead of accumulating one
    document of tens of megabytes (at 50,000 ports, ~30% less CPU a port).

    Example:
        >>> json_bytes({"items": list(range(600)), "n": None}) == json.dumps(
        ...     {"items": list(range(600)), "n": None}).encode()
        True
    """
    if (type(value) is dict
            and any(type(v) is list and len(v) > _JSON_SLICE for v in value.values())
            and all(type(k) is str for k in value)):
        return _sliced_object(value).encode("utf-8")
    return _encode_json(value).encode("utf-8")


def _sliced_object(value: dict[str, Any]) -> str:
    parts = []
    for key, item in value.items():
        if type(item) is list and len(item) > _JSON_SLICE:
            body = ", ".join(_encode_json(item[i:i + _JSON_SLICE])[1:-1]
                             for i in range(0, len(item), _JSON_SLICE))
            text = f"[{body}]"
        else:
            text = _encode_json(item)
        parts.append(f"{_encode_json(key)}: {text}")
    return "{" + ", ".join(parts) + "}"


class QueryArgs:
    """A parsed query string: first value by `get`, every value by `getlist`.

    Example:
        >>> args = QueryArgs("limit=2&marker=a&nocatalog&tag=x&tag=y")
        >>> args.get("limit"), "nocatalog" in args, args.getlist("tag")
        ('2', True, ['x', 'y'])
    """

    __slots__ = ("_pairs", "_values")

    def __init__(self, query: str) -> None:
        self._pairs = parse_qsl(query, keep_blank_values=True) if query else []
        values: dict[str, list[str]] = {}
        for key, value in self._pairs:
            values.setdefault(key, []).append(value)
        self._values = values

    def get(self, key: str, default: str | None = None) -> str | None:
        """The first value of `key`, or `default`."""
        found = self._values.get(key)
        return found[0] if found else default

    def getlist(self, key: str) -> list[str]:
        """Every value of `key`, in order."""
        return list(self._values.get(key, ()))

    def items(self) -> list[tuple[str, str]]:
        """Every (key, value) pair, in order."""
        return list(self._pairs)

    def to_dict(self) -> dict[str, str]:
        """The last value of every key (as werkzeug's `to_dict(flat=True)` gives the first)."""
        return {k: v[0] for k, v in self._values.items()}

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"QueryArgs({self._pairs!r})"


class FakeRequest:
    """One request as a handler sees it.

    Attributes:
        environ: The WSGI environ.
        cloud: The `FakeCloud` answering.
        service: The `Service` the path belongs to.
        method: Upper-case HTTP method.
        path: The full decoded path (`/identity/v3/projects`).
        subpath: The path below the service's prefix (`/v3/projects`).
        params: Path parameters from the route template.
        route: The matched `Route`, once routed.
        request_id: The id the response will carry (`req-...`), set before dispatch.
    """

    __slots__ = (
        "_args",
        "_body",
        "_token",
        "cloud",
        "environ",
        "method",
        "params",
        "path",
        "request_id",
        "route",
        "service",
        "subpath",
    )

    def __init__(
        self,
        environ: dict[str, Any],
        cloud: FakeCloud,
        service: Service,
        method: str,
        path: str,
        subpath: str,
    ) -> None:
        self.environ = environ
        self.cloud = cloud
        self.service = service
        self.method = method
        self.path = path
        self.subpath = subpath
        self.params: dict[str, str] = {}
        self.route: Route | None = None
        self.request_id = ""
        self._args: QueryArgs | None = None
        self._body: bytes | None = None
        self._token: Any = _UNSET

    # -- reading the request -------------------------------------------------------------

    @property
    def query_string(self) -> str:
        """The raw query string, without `?`."""
        return str(self.environ.get("QUERY_STRING", ""))

    @property
    def args(self) -> QueryArgs:
        """The parsed query string."""
        if self._args is None:
            self._args = QueryArgs(self.query_string)
        return self._args

    def header(self, name: str, default: str | None = None) -> str | None:
        """A request header by case-insensitive name."""
        key = name.upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            key = "HTTP_" + key
        value = self.environ.get(key)
        return default if value is None else str(value)

    def headers(self) -> dict[str, str]:
        """Every request header, with names title-cased (`X-Auth-Token`)."""
        out: dict[str, str] = {}
        names = _HEADER_NAMES
        for key, value in self.environ.items():
            name = names.get(key)
            if name is None:
                if key.startswith("HTTP_"):
                    name = key[5:].replace("_", "-").title()
                elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                    name = key.replace("_", "-").title()
                else:
                    continue
                if len(names) < 1024:
                    names[key] = name
            if value:
                out[name] = value
        return out

    @property
    def content_type(self) -> str:
        """The Content-Type header, or an empty string."""
        return str(self.environ.get("CONTENT_TYPE") or "")

    @property
    def body(self) -> bytes:
        """The whole request body (read once, then cached)."""
        if self._body is None:
            stream = self.environ.get("wsgi.input")
            length = self.environ.get("CONTENT_LENGTH")
            if stream is None:
                self._body = b""
            elif length:
                try:
                    size = int(length)
                except ValueError:
                    size = 0
                self._body = stream.read(size) if size > 0 else b""
            elif self.environ.get("wsgi.input_terminated"):
                self._body = stream.read()
            else:
                self._body = b""
        return self._body

    def iter_body(self, chunk_size: int = 65536) -> Iterator[bytes]:
        """The request body in chunks, without holding all of it (for uploads)."""
        if self._body is not None:
            yield self._body
            return
        stream = self.environ.get("wsgi.input")
        if stream is None:
            return
        length = self.environ.get("CONTENT_LENGTH")
        remaining = int(length) if length and str(length).isdigit() else None
        while remaining is None or remaining > 0:
            want = chunk_size if remaining is None else min(chunk_size, remaining)
            chunk = stream.read(want)
            if not chunk:
                return
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk

    # -- where we are ----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The cloud's base URL, e.g. `http://cloud.stackdouble.test`."""
        return self.cloud.base_url

    @property
    def url(self) -> str:
        """The request's absolute URL on the cloud, query string included."""
        qs = self.query_string
        path = self.path
        if not _PLAIN_PATH.fullmatch(path):
            path = quote(path, safe="/:@!$&'()*+,;=-._~")
        return self.cloud.base_url + path + ("?" + qs if qs else "")

    @property
    def raise_errors(self) -> bool:
        """Whether a handler's exception should propagate (in-process) rather than be a 500."""
        return bool(self.environ.get(RAISE_ERRORS_KEY, False))

    # -- token middleware --------------------------------------------------------------------

    @property
    def auth_token(self) -> str | None:
        """The X-Auth-Token header, if any."""
        return self.header("X-Auth-Token")

    @property
    def token(self) -> TokenContext | None:
        """The valid token behind X-Auth-Token, or None (missing, unknown, expired, revoked,
        or its user or project disabled, or, as keystonemiddleware's access rules check
        has it, from an application credential whose access rules allow no such request
        of this service: its `name` is its catalog type). Resolved once per request."""
        if self._token is _UNSET:
            token_id = self.auth_token
            self._token = self.cloud.identity.validate_auth_token(
                token_id, service_type=self.service.name, method=self.method, path=self.path,
                service_token=self.header("X-Service-Token") is not None,
            ) if token_id else None
        return self._token  # type: ignore[no-any-return]

    def require_token(self) -> TokenContext:
        """The valid token behind X-Auth-Token.

        Raises:
            AuthRequired: There is none; the service's `unauthorized` hook renders the 401.
        """
        token = self.token
        if token is None:
            raise AuthRequired()
        return token

    def __repr__(self) -> str:
        return f"<FakeRequest {self.method} {self.path}>"


class FakeResponse:
    """A response as handlers build it: a status, headers (a list, repeats allowed) and a
    body that is bytes or an iterable of bytes (streamed).

    Example:
        >>> resp = FakeResponse.json(200, {"ok": True}, headers={"Vary": "X-Auth-Token"})
        >>> resp.status, resp.header("content-type"), resp.body
        (200, 'application/json', b'{"ok": true}')
    """

    __slots__ = ("body", "headers", "status")

    def __init__(
        self,
        status: int,
        body: bytes | Iterable[bytes] = b"",
        headers: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.body = body
        if headers is None:
            self.headers: list[tuple[str, str]] = []
        elif isinstance(headers, Mapping):
            self.headers = list(headers.items())
        else:
            self.headers = list(headers)

    @classmethod
    def json(
        cls,
        status: int,
        value: Any,
        headers: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
        *,
        content_type: str = "application/json",
    ) -> FakeResponse:
        """A JSON response with `Content-Type` set."""
        resp = cls(status, json_bytes(value), headers)
        resp.headers.insert(0, ("Content-Type", content_type))
        return resp

    @classmethod
    def text(
        cls,
        status: int,
        text: str,
        headers: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
        *,
        content_type: str = "text/plain; charset=utf-8",
    ) -> FakeResponse:
        """A text response with `Content-Type` set."""
        resp = cls(status, text.encode("utf-8"), headers)
        resp.headers.insert(0, ("Content-Type", content_type))
        return resp

    def header(self, name: str, default: str | None = None) -> str | None:
        """The first header called `name` (case-insensitive)."""
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return default

    def set_header(self, name: str, value: str) -> None:
        """Replace every header called `name` with one value."""
        lowered = name.lower()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != lowered]
        self.headers.append((name, value))

    def add_header(self, name: str, value: str) -> None:
        """Add a header, keeping any of the same name."""
        self.headers.append((name, value))

    def json_body(self) -> Any:
        """The body decoded as JSON (tests and the request log)."""
        if not isinstance(self.body, bytes):
            raise TypeError("a streamed body cannot be decoded")
        return json.loads(self.body) if self.body else None

    def __repr__(self) -> str:
        return f"<FakeResponse {self.status}>"


class HTTPError(Exception):
    """An error a model or handler raises; the service renders it.

    Subclass it per service (see `identity.errors`) to control the envelope, or raise it as
    is for the service's generic envelope.

    Args:
        status: The HTTP status.
        message: The human-readable message; None uses the service's default for the status.
        headers: Extra response headers.
    """

    status = 500

    def __init__(
        self,
        status: int | None = None,
        message: str | None = None,
        headers: Iterable[tuple[str, str]] | None = None,
    ) -> None:
        if status is not None:
            self.status = status
        self.message = message
        self.headers = list(headers or ())
        super().__init__(message or reason_phrase(self.status))

    def render(self, req: FakeRequest) -> FakeResponse:
        """The response for this error on `req`'s service."""
        resp = req.service.error_response(req, self.status, self.message)
        resp.headers.extend(self.headers)
        return resp


class AuthRequired(HTTPError):
    """The request needs a valid token and has none; the service's `unauthorized` renders it."""

    status = 401

    def render(self, req: FakeRequest) -> FakeResponse:
        """The service's 401."""
        return req.service.unauthorized(req)


class Service:
    """One fake service mounted under a path prefix of the cloud.

    Subclasses set `name` and `prefix`, fill `router` in `build_router`, and override the
    hooks to render the service's own envelopes. State belongs to the cloud: keep models on
    `self.cloud` (or on the service, rebuilt by `reset`). Routes need a valid token unless
    added with `auth=False`; handlers read it as `req.token` (a `TokenContext`), and a
    missing or bad token gets `unauthorized`.

    Args:
        cloud: The cloud this service belongs to.

    Example:
        A service with one authenticated route:

        >>> import requests
        >>> from stackdouble.fakes import FakeCloud, FakeResponse, Router, Service
        >>> class Echo(Service):
        ...     name, prefix = "echo", "/echo"
        ...     def build_router(self):
        ...         router = Router()
        ...         router.add("GET", "/whoami", lambda req: FakeResponse.json(
        ...             200, {"user": req.token.user_name, "roles": req.token.roles}))
        ...         return router
        >>> cloud = FakeCloud()
        >>> _ = cloud.register_service(Echo)
        >>> token = cloud.identity.issue_token("demo", project="demo")
        >>> with cloud:
        ...     ok = requests.get(cloud.base_url + "/echo/whoami",
        ...                       headers={"X-Auth-Token": token})
        ...     denied = requests.get(cloud.base_url + "/echo/whoami")
        >>> ok.json()
        {'user': 'demo', 'roles': ['member', 'reader']}
        >>> denied.status_code, denied.headers["WWW-Authenticate"]
        (401, 'Keystone uri="http://cloud.stackdouble.test/identity"')
    """

    #: Service name (the catalog type where there is one): `identity`, `compute`...
    name = "service"
    #: Path prefix under the cloud's base URL, without a trailing slash: `/compute`.
    prefix = ""
    #: Write reason phrases in upper case, as werkzeug does (Keystone: `201 CREATED`).
    upper_reason = False
    #: Exact paths at the cloud's root this service also answers, as if they were below its
    #: prefix.
    root_paths: frozenset[str] = frozenset()
    #: First path segments this service answers at the cloud's root, with the whole path as
    #: its subpath (Swift, whose proxy answers `/v1/...`, `/info`, `/healthcheck` at the
    #: root of its origin). Another service's prefix wins over a root segment.
    root_segments: frozenset[str] = frozenset()

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        key = self.router_key()
        if key is None:
            self.router = self.build_router()
        else:
            cache = _ROUTERS.setdefault(type(self), {})
            if key not in cache:
                cache[key] = self.build_router()
            self.router = cache[key]

    def build_router(self) -> Router:
        """The route table; the default routes nothing."""
        return Router()

    def router_key(self) -> Hashable | None:
        """What the route table depends on, when it may be built once and shared by every
        cloud with the same key (routers are read-only once built); None (the default)
        builds one per service instance. Building the fakes' tables costs several
        milliseconds, which a test making a cloud would otherwise pay each time."""
        return None

    def reset(self) -> None:
        """Back to the default state (called by `FakeCloud.reset`)."""

    def claim(self, environ: dict[str, Any], path: str) -> str | None:
        """The subpath this service answers `path` at when it takes the request whatever
        service the path names, judged from the rest of the request (Swift's domain_remap
        reads the `Host`); None, the default, leaves the request to its path."""
        return None

    def provide(self, links: Links) -> None:
        """Fill in the parts of the cloud's inter-service contract this service owns
        (`stackdouble.fakes.links`); called once when the service is mounted. The default
        provides nothing."""

    def dump(self) -> dict[str, Any]:
        """JSON-able state for `FakeCloud.dump`, without secrets."""
        return {}

    def catch_up(self) -> None:
        """Finish the background work due by the clock's time now whose effects reach other
        services; the app calls it (under the cloud's lock) before answering any request,
        to any service. A service whose work shows only in its own answers settles it
        lazily instead, and need not override this (the default does nothing)."""

    def new_request_id(self, req: FakeRequest) -> str:
        """The id this response carries; OpenStack's `req-<uuid>` by default."""
        return self.cloud.ids.request_id()

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """The service's error envelope for `status` (faults use it too)."""
        return FakeResponse.json(
            status,
            {"error": {"code": status, "message": message or reason_phrase(status),
                       "title": reason_phrase(status)}},
        )

    def unauthorized(self, req: FakeRequest) -> FakeResponse:
        """The 401 for a missing or invalid token: keystonemiddleware's, by default.

        Nova, Cinder and Glance answer through keystonemiddleware's `auth_token`, whose
        body is `{"error": {"code": 401, "title": "Unauthorized", "message": ...}}` with
        `WWW-Authenticate: Keystone uri="<identity root>"`; Swift overrides this.
        """
        body = {"error": {"code": 401, "title": "Unauthorized",
                          "message": "The request you have made requires authentication."}}
        return FakeResponse.json(
            401, body, [("WWW-Authenticate", f'Keystone uri="{req.base_url}/identity"')],
            content_type="application/json; charset=UTF-8")

    def not_found(self, req: FakeRequest) -> FakeResponse:
        """The answer for a path no route matches."""
        return self.error_response(req, 404, None)

    def method_not_allowed(self, req: FakeRequest, allowed: list[str]) -> FakeResponse:
        """The answer for a routed path and an unrouted method."""
        resp = self.error_response(req, 405, None)
        resp.headers.append(("Allow", ", ".join(allowed)))
        return resp

    def internal_error(self, req: FakeRequest, exc: BaseException) -> FakeResponse:
        """The 500 for a bug in a handler, when served."""
        return self.error_response(req, 500, None)

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        """Add the headers every response of this service carries."""
        resp.headers.append(("x-openstack-request-id", req.request_id))


class _NoService(Service):
    """Paths outside every service: the web server's plain 404."""

    name = "none"
    prefix = ""

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        phrase = reason_phrase(status)
        return FakeResponse.text(
            status,
            f"<html><h1>{phrase}</h1><p>{message or phrase}</p></html>",
            content_type="text/html; charset=UTF-8",
        )

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        pass


class FakeApp:
    """The WSGI application of one `FakeCloud`.

    Args:
        cloud: The cloud whose services, state, faults and request log this app serves.
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self._fallback = _NoService(cloud)
        self._segments: dict[str, tuple[Service, int]] = {}
        self._deep: list[Service] = []
        self._catch_all: Service = self._fallback
        self._claims: tuple[Service, ...] = ()
        self._catching_up: tuple[Service, ...] = ()

    def remount(self) -> None:
        """Rebuild the dispatch table from `cloud.service_list` (the cloud calls it whenever
        a service is mounted): the first path segment finds the service in one dict lookup,
        whether it is a one-segment prefix (`/compute`) or a root segment (`v1`); only
        prefixes of several segments are scanned, longest first."""
        segments: dict[str, tuple[Service, int]] = {}
        deep: list[Service] = []
        catch_all: Service = self._fallback
        for service in self.cloud.service_list:
            for segment in service.root_segments:
                segments.setdefault(segment, (service, 0))
        for service in self.cloud.service_list:
            prefix = service.prefix
            if prefix.count("/") == 1 and len(prefix) > 1:
                segments[prefix[1:]] = (service, len(prefix))
            elif prefix:
                deep.append(service)
            elif catch_all is self._fallback:
                catch_all = service  # an empty prefix answers whatever no other service does
        self._segments = segments
        self._deep = deep
        self._catch_all = catch_all
        self._claims = tuple(s for s in self.cloud.service_list
                             if type(s).claim is not Service.claim)
        self._catching_up = tuple(s for s in self.cloud.service_list
                                  if type(s).catch_up is not Service.catch_up)

    def service_for(self, path: str) -> tuple[Service, str]:
        """The service owning `path`, and the path below its prefix (a service's
        `root_paths` and `root_segments` are its own, given whole)."""
        rooted = self.cloud.root_paths.get(path)
        if rooted is not None:
            return rooted, path
        for service in self._deep:
            prefix = service.prefix
            if path.startswith(prefix):
                rest = path[len(prefix):]
                if not rest or rest[0] == "/":
                    return service, rest
        end = path.find("/", 1)
        found = self._segments.get(path[1:] if end < 0 else path[1:end])
        if found is not None:
            service, cut = found
            return service, path[cut:]
        return self._catch_all, path

    def route(self, environ: dict[str, Any], path: str) -> tuple[Service, str]:
        """The service answering a request for `path`, and its subpath: the first service
        that claims it (`Service.claim`), else the owner of the path (`service_for`)."""
        for service in self._claims:
            claimed = service.claim(environ, path)
            if claimed is not None:
                return service, claimed
        return self.service_for(path)

    def handle(self, environ: dict[str, Any]) -> FakeResponse:
        """Answer one request.

        In-process (`environ["stackdouble.raise_errors"]` true) a handler's exception
        propagates to the caller; otherwise it is logged and becomes the service's 500.
        """
        cloud = self.cloud
        req = self.request_for(environ)
        method, path, service = req.method, req.path, req.service
        fault = None
        if service.name != "control" and cloud.faults:
            with cloud.lock:
                fault = cloud.faults.take(method, path)
            if fault is not None and fault.latency:
                time.sleep(fault.latency)
        with cloud.lock:
            resp = self.answer(req, fault)
            if service.name != "control":
                cloud.requests.record(req, resp)
        log.debug("%s %s -> %s", method, path, resp.status)
        return resp

    def request_for(self, environ: dict[str, Any]) -> FakeRequest:
        """The `FakeRequest` for a WSGI environ: its method, decoded path, service and
        subpath (`route`)."""
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        path = environ.get("PATH_INFO") or "/"
        if not path.isascii():
            path = path.encode("latin-1").decode("utf-8", "replace")
        service, subpath = self.route(environ, path)
        return FakeRequest(environ, self.cloud, service, method, path, subpath)

    def answer(self, req: FakeRequest, fault: Fault | None) -> FakeResponse:
        """The response to `req`, run under the cloud's lock (the caller holds it): the
        services' background work that is due (`Service.catch_up`), a request id, the
        fault's answer (when `fault` has a status) or the handler's, the
        service's headers. A persisted cloud's app (`stackdouble.fakes.persistence`)
        journals around it."""
        service = req.service
        for busy in self._catching_up:
            busy.catch_up()
        req.request_id = service.new_request_id(req)
        if fault is not None and fault.status is not None:
            resp = fault.render(req)
        else:
            resp = self._dispatch(req)
        service.finish(req, resp)
        _finalize(resp, req.method)
        return resp

    def _dispatch(self, req: FakeRequest) -> FakeResponse:
        service = req.service
        try:
            found = service.router.match(req.subpath)
            if found is None:
                return service.not_found(req)
            routes, params = found
            route = routes.get(req.method)
            if route is None and req.method == "HEAD":
                route = routes.get("GET")
            if route is None:
                return service.method_not_allowed(req, describe(routes))
            req.params = params
            req.route = route
            if route.auth:
                req.require_token()
            return route.handler(req)
        except HTTPError as exc:
            return exc.render(req)
        except Exception as exc:
            if req.raise_errors:
                raise
            log.exception("stackdouble: %s %s failed in the fake", req.method, req.path)
            return service.internal_error(req, exc)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """The WSGI entry point (used by the served transport)."""
        resp = self.handle(environ)
        upper = self.route(environ, environ.get("PATH_INFO") or "/")[0].upper_reason
        start_response(f"{resp.status} {reason_phrase(resp.status, upper=upper)}", resp.headers)
        if isinstance(resp.body, bytes):
            return [resp.body]
        return resp.body


def _finalize(resp: FakeResponse, method: str) -> None:
    body = resp.body
    if isinstance(body, bytes):
        if resp.header("Content-Length") is None and resp.status not in (204, 304):
            resp.headers.append(("Content-Length", str(len(body))))
        if method == "HEAD" or resp.status in (204, 304):
            resp.body = b""
    elif method == "HEAD":
        close = getattr(body, "close", None)
        if close is not None:
            close()
        resp.body = b""


class IterStream(io.RawIOBase):
    """A readable stream over an iterable of bytes (streamed bodies, in-process)."""

    def __init__(self, chunks: Iterable[bytes | str]) -> None:
        self._iter = iter(chunks)
        self._source = chunks
        self._pending = b""

    def readable(self) -> bool:
        """Always True."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill `buffer` from the next chunks; 0 at the end."""
        while not self._pending:
            try:
                chunk = next(self._iter)
            except StopIteration:
                return 0
            self._pending = chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        """Close the source iterable too, if it can be."""
        close = getattr(self._source, "close", None)
        if close is not None:
            close()
        super().close()
