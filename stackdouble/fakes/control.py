"""The control plane over HTTP, under `{base}/_stackdouble/`, JSON in and out.

Each route calls the same `FakeCloud` method a Python test would, so both stay in step:

| route | Python |
|---|---|
| `POST reset` | `cloud.reset()` |
| `GET state` | `cloud.dump()` |
| `POST seed {"seed": n}` | `cloud.seed(n)` |
| `GET clock`, `POST clock {"advance": s, "ticking": bool}` | `cloud.clock` |
| `POST tokens/expire {"token": id}` or `{"all": true}` | `identity`, `tempauth` expire |
| `POST tokens/revoke {"token": id}` | `identity.revoke_token` |
| `GET`/`POST`/`DELETE faults`, `DELETE faults/<id>` | `inject_fault`, `Fault.remove` |
| `GET`/`DELETE requests` | `cloud.requests` |

Bad input gets 400 `{"error": {"code": 400, "message": ...}}`, never a 500. Control requests
are neither logged nor subject to faults.
"""

from __future__ import annotations

import json
from typing import Any

from stackdouble.fakes.clock import format_iso
from stackdouble.fakes.http import FakeRequest, FakeResponse, HTTPError, Service, reason_phrase
from stackdouble.fakes.routing import Router

__all__ = ["ControlService"]

_FAULT_FIELDS = ("method", "path", "status", "times", "retry_after", "latency", "body", "headers")


class ControlService(Service):
    """`/_stackdouble/...`: reset, state, seed, clock, tokens, faults, requests."""

    name = "control"
    prefix = "/_stackdouble"

    def build_router(self) -> Router:
        """The control routes (no token needed)."""
        r = Router(strip_trailing_slash=True, default_auth=False)
        r.add("POST", "/reset", reset)
        r.add("GET", "/state", state)
        r.add("POST", "/seed", seed)
        r.add("GET", "/clock", get_clock)
        r.add("POST", "/clock", set_clock)
        r.add("POST", "/tokens/expire", expire_tokens)
        r.add("POST", "/tokens/revoke", revoke_token)
        r.add("GET", "/faults", list_faults)
        r.add("POST", "/faults", add_fault)
        r.add("DELETE", "/faults", clear_faults)
        r.add("DELETE", "/faults/{fault_id}", delete_fault)
        r.add("GET", "/requests", list_requests)
        r.add("DELETE", "/requests", clear_requests)
        return r

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
