"""The control plane over HTTP, under `{base}/_stackdouble/`, JSON in and out.

Each route calls the same `FakeCloud` method a Python test would, so both stay in step:

| route | Python |
|---|---|
| `POST reset` | `cloud.reset()` |
| `GET state` | `cloud.dump()` |
| `GET statefile` | `cloud.dump_state()` as YAML (secrets as `{env: ...}` references) |
| `POST seed {"seed": n}` | `cloud.seed(n)` |
| `GET clock`, `POST clock {"advance": s, "ticking": bool}` | `cloud.clock` |
| `POST tokens/expire {"token": id}` or `{"all": true}` | `identity`, `tempauth` expire |
| `POST tokens/revoke {"token": id}` | `identity.revoke_token` |
| `GET`/`POST`/`DELETE faults`, `DELETE faults/<id>` | `inject_fault`, `Fault.remove` |
| `GET`/`DELETE requests` | `cloud.requests` |
| `GET` (the dashboard page, no token needed), `GET summary` | `stackdouble.fakes.dashboard` |

Bad input gets 400 `{"error": {"code": 400, "message": ...}}`, never a 500. Control requests
are neither logged nor subject to faults.

**The control token.** In-process, and served on a loopback address, the control plane is
open. Served on any other address (`stackdouble serve --host 0.0.0.0`), it can reset the
cloud, expire every token and read the request log for anyone who reaches the port, so it
requires a control token, sent as `Authorization: Bearer <token>` (the header every scrubber
already redacts, so the token stays out of the request log and cassettes). The server picks
a random one (`secrets.token_urlsafe`) unless one is given; one given on loopback is required
there too. The guard goes by the address the server is bound to, not by each caller's:
a loopback server only hears local callers. A request without the header gets 401, one with
a wrong token 403, both in the envelope above; tokens are compared in constant time and
never echoed.

**Other sites.** A web page the user visits could send a request that needs no preflight
(a form's POST, `fetch(..., {mode: "no-cors"})`) to a fake on loopback and reset it. So a
request that changes something (any method but GET, HEAD and OPTIONS) carrying an `Origin`
other than the server's own gets 403; scripts and SDKs send no `Origin`, and the dashboard
sends its own.
"""

from __future__ import annotations

import functools
import hmac
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from stackdouble.fakes.clock import format_iso
from stackdouble.fakes.dashboard.routes import ROUTES as DASHBOARD_ROUTES
from stackdouble.fakes.http import FakeRequest, FakeResponse, HTTPError, Service, reason_phrase
from stackdouble.fakes.routing import Router

__all__ = ["CONTROL_GUARD_KEY", "ControlGuard", "ControlService", "validate_control_token"]

#: Request environ key under which a served cloud puts its `ControlGuard`; absent, the
#: control plane is open (in-process, or served on loopback without a token).
CONTROL_GUARD_KEY = "stackdouble.control_guard"

_FAULT_FIELDS = ("method", "path", "status", "times", "retry_after", "latency", "body", "headers")


def validate_control_token(token: object) -> None:
    """Raise ValueError unless `token` can be sent as a bearer token: printable ASCII, no
    spaces, not empty (the message never shows the token).

    Example:
        >>> validate_control_token("s3cret-token")
        >>> validate_control_token("two words")
        Traceback (most recent call last):
        ...
        ValueError: the control token must be a non-empty string of printable ASCII without spaces
    """
    if not (isinstance(token, str) and token
            and all("!" <= c <= "~" for c in token)):
        raise ValueError("the control token must be a non-empty string of printable ASCII "
                         "without spaces")


class ControlGuard:
    """The control token a served cloud requires, checked on every control request.

    Args:
        token: The token callers send as `Authorization: Bearer <token>`.

    Raises:
        ValueError: The token is empty, or not printable ASCII.

    Example:
        >>> ControlGuard("s3cret-token")
        <ControlGuard>
    """

    __slots__ = ("_token",)

    def __init__(self, token: str) -> None:
        validate_control_token(token)
        self._token = token.encode("ascii")

    def check(self, req: FakeRequest) -> None:
        """Return if `req` carries the token; raise a 401 (missing) or 403 (wrong) if not."""
        scheme, _, given = (req.header("Authorization") or "").strip().partition(" ")
        given = given.strip()
        if scheme.lower() != "bearer" or not given:
            raise HTTPError(401, "this control plane needs its control token, sent as "
                                 "'Authorization: Bearer <token>' (stackdouble serve prints it)",
                            [("WWW-Authenticate", 'Bearer realm="stackdouble-control"')])
        if not hmac.compare_digest(given.encode("utf-8", "replace"), self._token):
            raise HTTPError(403, "the control token does not match")

    def __repr__(self) -> str:
        return "<ControlGuard>"


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _check_guard(req: FakeRequest) -> None:
    origin = req.header("Origin")
    if origin is not None and req.method not in _SAFE_METHODS and (
            not urlsplit(origin).netloc or urlsplit(origin).netloc != req.header("Host")):
        raise HTTPError(403, "a control request from another site is refused (its Origin "
                             "is not this server)")
    guard = req.environ.get(CONTROL_GUARD_KEY)
    if guard is not None:
        guard.check(req)


def _guarded(handler: Callable[[FakeRequest], FakeResponse]) -> Callable[[FakeRequest],
                                                                          FakeResponse]:
    @functools.wraps(handler)
    def guarded(req: FakeRequest) -> FakeResponse:
        _check_guard(req)
        return handler(req)

    return guarded


class ControlService(Service):
    """`/_stackdouble/...`: reset, state, seed, clock, tokens, faults, requests."""

    name = "control"
    prefix = "/_stackdouble"

    def build_router(self) -> Router:
        """The control routes: no Keystone token, but the control token when served so."""
        r = Router(strip_trailing_slash=True, default_auth=False)
        for method, template, handler in (
            ("POST", "/reset", reset),
            ("GET", "/state", state),
            ("GET", "/statefile", statefile),
            ("POST", "/seed", seed),
            ("GET", "/clock", get_clock),
            ("POST", "/clock", set_clock),
            ("POST", "/tokens/expire", expire_tokens),
            ("POST", "/tokens/revoke", revoke_token),
            ("GET", "/faults", list_faults),
            ("POST", "/faults", add_fault),
            ("DELETE", "/faults", clear_faults),
            ("DELETE", "/faults/{fault_id}", delete_fault),
            ("GET", "/requests", list_requests),
            ("DELETE", "/requests", clear_requests),
        ):
            r.add(method, template, _guarded(handler))
        for method, template, view, guarded in DASHBOARD_ROUTES:
            r.add(method, template, _guarded(view) if guarded else view)
        return r

    def not_found(self, req: FakeRequest) -> FakeResponse:
        """404, once the control token (if required) is checked: no probing without it."""
        try:
            _check_guard(req)
        except HTTPError as exc:
            return exc.render(req)
        return super().not_found(req)

    def method_not_allowed(self, req: FakeRequest, allowed: list[str]) -> FakeResponse:
        """405, once the control token (if required) is checked."""
        try:
            _check_guard(req)
        except HTTPError as exc:
            return exc.render(req)
        return super().method_not_allowed(req, allowed)

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """`{"error": {"code", "message"}}`."""
        return FakeResponse.json(
            status, {"error": {"code": status, "message": message or reason_phrase(status)}})

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        """No request ids here."""


def _body(req: FakeRequest) -> dict[str, Any]:
    raw = req.body
    if not raw:
        return {}
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        raise HTTPError(400, "the body must be a JSON object") from None
    if not isinstance(doc, dict):
        raise HTTPError(400, "the body must be a JSON object")
    return doc


def _ok(value: Any, status: int = 200) -> FakeResponse:
    return FakeResponse.json(status, value)


def _clock_doc(req: FakeRequest) -> dict[str, Any]:
    clock = req.cloud.clock
    return {"now": format_iso(clock.now()), "ticking": clock.ticking}


def reset(req: FakeRequest) -> FakeResponse:
    """`POST /_stackdouble/reset`: back to the default state."""
    req.cloud.reset()
    return _ok({"reset": True})


def state(req: FakeRequest) -> FakeResponse:
    """`GET /_stackdouble/state`: `cloud.dump()`."""
    return _ok(req.cloud.dump())


def statefile(req: FakeRequest) -> FakeResponse:
    """`GET /_stackdouble/statefile`: `cloud.dump_state()` as YAML, never with secrets."""
    from stackdouble.fakes.statefile import to_yaml

    text = to_yaml(req.cloud.dump_state())
    return FakeResponse(200, text.encode("utf-8"),
                        [("Content-Type", "application/yaml; charset=utf-8")])


def seed(req: FakeRequest) -> FakeResponse:
    """`POST /_stackdouble/seed {"seed": n}`: reseed and reset."""
    value = _body(req).get("seed")
    if isinstance(value, bool) or not isinstance(value, int):
        raise HTTPError(400, "seed must be an integer")
    req.cloud.seed(value)
    return _ok({"seed": value})


def get_clock(req: FakeRequest) -> FakeResponse:
    """`GET /_stackdouble/clock`: the fake time."""
    return _ok(_clock_doc(req))


def set_clock(req: FakeRequest) -> FakeResponse:
    """`POST /_stackdouble/clock {"advance": seconds, "ticking": bool}`."""
    body = _body(req)
    unknown = set(body) - {"advance", "ticking"}
    if unknown or not body:
        raise HTTPError(400, "expected {\"advance\": seconds} and/or {\"ticking\": bool}")
    advance = body.get("advance")
    if advance is not None:
        if isinstance(advance, bool) or not isinstance(advance, (int, float)):
            raise HTTPError(400, "advance must be a number of seconds")
        try:
            req.cloud.clock.advance(advance)
        except (ValueError, OverflowError) as exc:
            raise HTTPError(400, str(exc)) from None
    if "ticking" in body:
        if not isinstance(body["ticking"], bool):
            raise HTTPError(400, "ticking must be true or false")
        if body["ticking"]:
            req.cloud.clock.tick()
        else:
            req.cloud.clock.freeze()
    return _ok(_clock_doc(req))


def expire_tokens(req: FakeRequest) -> FakeResponse:
    """`POST /_stackdouble/tokens/expire {"token": id}` or `{"all": true}`."""
    body = _body(req)
    identity = req.cloud.identity
    tempauth = req.cloud.object_storage.tempauth
    if body.get("all") is True:
        return _ok({"expired": identity.expire_all_tokens() + tempauth.expire_all_tokens()})
    token = body.get("token")
    if not isinstance(token, str) or not token:
        raise HTTPError(400, "expected {\"token\": \"<id>\"} or {\"all\": true}")
    try:
        (tempauth if token in tempauth.tokens else identity).expire_token(token)
    except LookupError:
        raise HTTPError(404, "unknown token") from None
    return _ok({"expired": 1})


def revoke_token(req: FakeRequest) -> FakeResponse:
    """`POST /_stackdouble/tokens/revoke {"token": id}`."""
    token = _body(req).get("token")
    if not isinstance(token, str) or not token:
        raise HTTPError(400, "expected {\"token\": \"<id>\"}")
    try:
        req.cloud.identity.revoke_token(token)
    except LookupError:
        raise HTTPError(404, "unknown token") from None
    return _ok({"revoked": 1})


def list_faults(req: FakeRequest) -> FakeResponse:
    """`GET /_stackdouble/faults`: the active faults, in match order."""
    return _ok({"faults": [f.to_dict() for f in req.cloud.faults]})


def add_fault(req: FakeRequest) -> FakeResponse:
    """`POST /_stackdouble/faults`: the body mirrors `FakeCloud.inject_fault`'s arguments."""
    body = _body(req)
    unknown = sorted(set(body) - set(_FAULT_FIELDS))
    if unknown:
        raise HTTPError(400, f"unknown fault fields {unknown}; expected some of "
                             f"{list(_FAULT_FIELDS)}")
    if "path" in body and not isinstance(body["path"], str):
        raise HTTPError(400, "path must be a glob string")
    headers = body.get("headers")
    if headers is not None and not (isinstance(headers, dict)
                                    and all(isinstance(v, str) for v in headers.values())):
        raise HTTPError(400, "headers must be an object of strings")
    try:
        fault = req.cloud.inject_fault(**body)
    except (TypeError, ValueError) as exc:
        raise HTTPError(400, str(exc)) from None
    return _ok({"id": fault.id, "fault": fault.to_dict()}, 201)


def clear_faults(req: FakeRequest) -> FakeResponse:
    """`DELETE /_stackdouble/faults`: remove every fault."""
    req.cloud.clear_faults()
    return FakeResponse(204)


def delete_fault(req: FakeRequest) -> FakeResponse:
    """`DELETE /_stackdouble/faults/<id>`."""
    fault = req.cloud.faults.get(req.params["fault_id"])
    if fault is None:
        raise HTTPError(404, f"no active fault {req.params['fault_id']!r}")
    fault.remove()
    return FakeResponse(204)


def list_requests(req: FakeRequest) -> FakeResponse:
    """`GET /_stackdouble/requests`: the request log (secrets redacted)."""
    return _ok({"requests": req.cloud.requests.to_list()})


def clear_requests(req: FakeRequest) -> FakeResponse:
    """`DELETE /_stackdouble/requests`: forget the log."""
    req.cloud.requests.clear()
    return FakeResponse(204)
