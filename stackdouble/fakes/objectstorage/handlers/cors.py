"""CORS, as Swift's proxy handles it (`swift/proxy/controllers/base.py`: `Controller.OPTIONS`,
`is_origin_allowed` and the `cors_validation` decorator), not a middleware: it is always on.

An origin is allowed on a container when the container's
`X-Container-Meta-Access-Control-Allow-Origin` (space-separated) or the proxy's
`cors_allow_origin` (`SwiftConfig`) lists it, or either lists `*`.

- A preflight (`OPTIONS` with `Origin`) on a container or object answers 200 with
  `Access-Control-Allow-Origin` (the origin, with `Vary: Origin`, or `*` when the container
  allows `*`), `-Allow-Methods`, the container's `-Max-Age`, and `-Allow-Headers` echoing
  `Access-Control-Request-Headers`; an origin not allowed, or a requested method the
  resource does not have, gets 401 (with `Allow` only). On an account, or without `Origin`,
  `OPTIONS` only lists the methods (`Allow`). The copy middleware adds `COPY` to a
  successful object answer.
- An actual request with `Origin` (container GET/HEAD, object GET/HEAD/PUT/POST/DELETE)
  gets `Access-Control-Allow-Origin` and `-Expose-Headers` (the simple response headers,
  `etag`, `x-timestamp`, `x-trans-id`, `x-openstack-request-id`, the operator's
  `cors_expose_headers`, the response's user metadata and the container's
  `X-Container-Meta-Access-Control-Expose-Headers`), unless `strict_cors_mode` is on and
  the origin is not allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage.errors import HTML, swob_response

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.handlers._common import Call

__all__ = [
    "ACCOUNT_METHODS",
    "CONTAINER_METHODS",
    "OBJECT_METHODS",
    "allowed_methods",
    "container_cors",
    "is_origin_allowed",
    "preflight",
    "validated",
]

#: The methods each controller answers, as a real proxy listed them in `Allow` (a set in
#: Swift: this is the order realcloud's proxy printed). The account's lacks PUT and
#: DELETE, as without `allow_account_management`.
ACCOUNT_METHODS = ("HEAD", "GET", "POST", "OPTIONS")
#: The container controller's methods.
CONTAINER_METHODS = ("HEAD", "GET", "POST", "DELETE", "PUT", "OPTIONS")
#: The object controller's methods (the copy middleware adds `COPY` to a 2xx answer).
OBJECT_METHODS = ("HEAD", "GET", "POST", "DELETE", "PUT", "OPTIONS")

#: Exposed on every CORS answer (`cors_validation`'s simple response headers and Swift's).
_EXPOSED = ("cache-control", "content-language", "content-type", "expires", "last-modified",
            "pragma", "etag", "x-timestamp", "x-trans-id", "x-openstack-request-id")
#: The methods whose answers `cors_validation` decorates, per controller.
_VALIDATED = {"container": frozenset({"GET", "HEAD"}),
              "object": frozenset({"GET", "HEAD", "PUT", "POST", "DELETE", "COPY"})}
_CORS_META = "x-container-meta-access-control-"


def allowed_methods(call: Call) -> tuple[str, ...]:
    """The methods the call's controller (account, container, object) answers."""
    if call.obj is not None:
        return OBJECT_METHODS
    return CONTAINER_METHODS if call.container is not None else ACCOUNT_METHODS


def container_cors(call: Call) -> dict[str, str]:
    """The container's CORS settings (`container_info['cors']`): `allow_origin`,
    `max_age`, `expose_headers`, those it has (none for a missing container)."""
    if call.container is None:
        return {}
    found = call.model.find_container(call.account, call.container)
    if found is None:
        return {}
    out: dict[str, str] = {}
    for key, value in found.headers.items():
        low = key.lower()
        if low.startswith(_CORS_META) and value:
            out[low[len(_CORS_META):].replace("-", "_")] = value
    return out


def is_origin_allowed(call: Call, cors: dict[str, str], origin: str) -> bool:
    """`is_origin_allowed`: the container's origins and the proxy's, or `*` in either."""
    allowed = {a.strip() for a in cors.get("allow_origin", "").split(" ") if a.strip()}
    allowed.update(call.model.cloud.swift_config.cors_allow_origin)
    return origin in allowed or "*" in allowed


def _with_copy(call: Call, resp: FakeResponse) -> FakeResponse:
    """The copy middleware's `handle_OPTIONS_request`: `COPY` on a 2xx object answer."""
    if call.obj is not None and 200 <= resp.status < 300:
        for name in ("Allow", "Access-Control-Allow-Methods"):
            value = resp.header(name)
            if value is not None:
                resp.set_header(name, value + ", COPY")
    return resp


def preflight(call: Call) -> FakeResponse:
    """The proxy's `OPTIONS`: the methods, and for a CORS preflight on a container or
    object, its verdict (200 with the `Access-Control-*` headers, or 401)."""
    methods = allowed_methods(call)
    allow = ", ".join(methods)
    origin = call.headers.get("Origin")
    plain = FakeResponse(200, b"", [("Allow", allow), ("Content-Type", HTML),
                                    ("Content-Length", "0")])
    if not origin or call.container is None:
        return _with_copy(call, plain)
    cors = container_cors(call)
    if not is_origin_allowed(call, cors, origin) or (
            call.headers.get("Access-Control-Request-Method") not in methods):
        return swob_response(401, headers=[("Allow", allow), *_challenge(call)])
    headers = [("Allow", allow)]
    vary: list[str] = []
    if cors.get("allow_origin", "").strip() == "*":
        headers.append(("Access-Control-Allow-Origin", "*"))
    else:
        headers.append(("Access-Control-Allow-Origin", origin))
        vary.append("Origin")
    if "max_age" in cors:
        headers.append(("Access-Control-Max-Age", cors["max_age"]))
    headers.append(("Access-Control-Allow-Methods", allow))
    requested = sorted({h.strip() for h in call.headers.get(
        "Access-Control-Request-Headers", "").split(",") if h.strip()})
    if requested:
        headers.append(("Access-Control-Allow-Headers", ", ".join(requested)))
        vary.append("Access-Control-Request-Headers")
    if vary:
        headers.append(("Vary", ", ".join(vary)))
    headers.append(("Content-Length", "0"))
    return _with_copy(call, FakeResponse(200, b"", headers))


def _challenge(call: Call) -> list[tuple[str, str]]:
    """The 401's `WWW-Authenticate`: keystonemiddleware's when it is in the pipeline, else
    swob's realm (the account)."""
    if "keystoneauth" in call.model.pipeline:
        return [("WWW-Authenticate", f'Keystone uri="{call.req.base_url}/identity"')]
    return [("WWW-Authenticate", f'Swift realm="{call.account}"')]


def validated(call: Call, handler: Callable[[Call], FakeResponse]) -> FakeResponse:
    """`cors_validation` around a controller method: the answer, with the CORS headers
    when the request has an `Origin` and the method is one Swift decorates."""
    resp = handler(call)
    origin = call.headers.get("Origin")
    if not origin or call.method not in _VALIDATED[
            "object" if call.obj is not None else "container"] or call.container is None:
        return resp
    cors = container_cors(call)
    config = call.model.cloud.swift_config
    if config.strict_cors_mode and not is_origin_allowed(call, cors, origin):
        return resp
    if resp.header("Access-Control-Expose-Headers") is None:
        exposed = set(_EXPOSED) | set(config.cors_expose_headers)
        exposed.update(k.lower() for k, _ in resp.headers
                       if k.title().startswith(("X-Container-Meta", "X-Object-Meta")))
        exposed.update(h.strip().lower() for h in cors.get("expose_headers", "").split(" ")
                       if h.strip())
        resp.headers.append(("Access-Control-Expose-Headers", ", ".join(sorted(exposed))))
    if resp.header("Access-Control-Allow-Origin") is None:
        if cors.get("allow_origin", "").strip() == "*":
            resp.headers.append(("Access-Control-Allow-Origin", "*"))
        else:
            resp.headers.append(("Access-Control-Allow-Origin", origin))
            vary = resp.header("Vary")
            if vary is None:
                resp.headers.append(("Vary", "Origin"))
            else:
                resp.set_header("Vary", vary + ", Origin")
    return resp
