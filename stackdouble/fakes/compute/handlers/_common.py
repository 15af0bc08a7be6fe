"""Plumbing shared by the fake Nova's handlers: the `api()` wrapper (microversion, rate
limits, Content-Type), the caller, the view context, body decoding and paging."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.errors import BadRequest, NotAcceptable, nova_fault, policy_forbidden
from stackdouble.fakes.compute.models import ComputeModel, Server
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.microversions import (
    HEADER,
    MalformedVersion,
    UnsupportedVersion,
    VersionRange,
    standard_header_value,
)
from stackdouble.fakes.routing import Handler

__all__ = ["MICROVERSION_KEY", "api", "parse_microversion"]

#: Request environ key holding the parsed microversion (set once it parsed).
MICROVERSION_KEY = "stackdouble.compute.microversion"
#: The microversions the fake Nova serves.
VERSIONS = VersionRange(views.MIN_VERSION, views.MAX_VERSION)
_JSON_TYPES = frozenset({"application/json", "application/vnd.openstack.compute+json"})


def parse_microversion(req: FakeRequest) -> tuple[int, int]:
    """The request's microversion (2.1 when it sends none), from `OpenStack-API-Version:
    compute X.Y` or the legacy `X-OpenStack-Nova-API-Version` (`microversions`).

    Raises:
        BadRequest: Not `Major.Minor`.
        NotAcceptable: Outside 2.1–2.96.
    """
    value = standard_header_value(req.header(HEADER), "compute")
    if value is None:
        value = req.header("X-OpenStack-Nova-API-Version")
    try:
        return VERSIONS.resolve(value)
    except MalformedVersion as exc:
        raise BadRequest(exc.message) from None
    except UnsupportedVersion as exc:
        raise NotAcceptable(exc.message) from None


def api(handler: Handler) -> Handler:
    """Wrap a v2.1 handler: microversion, rate limits and Content-Type first."""

    def wrapped(req: FakeRequest) -> FakeResponse:
        req.environ[MICROVERSION_KEY] = parse_microversion(req)
        _model(req).check_rate_limits(req.method, req.subpath[len("/v2.1"):])
        if req.method in ("POST", "PUT") and req.header("Content-Type") is not None:
            ctype = req.content_type.split(";", 1)[0].strip().lower()
            if ctype and ctype != "text/plain" and ctype not in _JSON_TYPES:
                return nova_fault(415, "Unsupported Content-Type")
        model = _model(req)
        model.request_id = req.request_id  # the instance actions this call records
        try:
            return handler(req)
        finally:
            model.request_id = None

    wrapped.__name__ = getattr(handler, "__name__", "handler")
    wrapped.__doc__ = handler.__doc__
    return wrapped


def _model(req: FakeRequest) -> ComputeModel:
    model: ComputeModel = req.service.model  # type: ignore[attr-defined]
    return model


def _version(req: FakeRequest) -> tuple[int, int]:
    version: tuple[int, int] = req.environ.get(MICROVERSION_KEY, views.MIN_VERSION)
    return version


def _caller(req: FakeRequest, rule: str | None = None) -> Caller:
    token = req.require_token()
    if token.project_id is None:
        raise policy_forbidden(rule or "os_compute_api:servers:show")
    return Caller(project_id=token.project_id, user_id=token.user_id,
                  is_admin=token.is_admin)


def _ctx(req: FakeRequest, caller: Caller | None = None) -> views.ViewContext:
    root = req.base_url + "/compute"
    return views.ViewContext(endpoint=root + "/v2.1", bookmark=root, version=_version(req),
                             is_admin=caller.is_admin if caller else False,
                             query=tuple(req.args.items()))


def _ok(body: Any, status: int = 200, headers: list[tuple[str, str]] | None = None
        ) -> FakeResponse:
    return FakeResponse.json(status, body, headers)


def _body(req: FakeRequest) -> Any:
    """The decoded body as Nova's deserializer gives it: None when empty."""
    raw = req.body
    if not raw:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None


def _query_lists(req: FakeRequest) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in req.args.items():
        out.setdefault(key, []).append(value)
    return out


def _last(req: FakeRequest, key: str) -> str | None:
    values = req.args.getlist(key)
    return values[-1] if values else None


def _limit(req: FakeRequest, model: ComputeModel) -> int:
    """`common.get_limit_and_marker`: min(limit or max_limit, max_limit); 0 stays 0."""
    return queries.page_limit(_query_lists(req), model.max_limit)


def _password(model: ComputeModel) -> str:
    """`utils.generate_password`: 12 characters without look-alikes."""
    symbols = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    raw = model.cloud.ids.hex32() + model.cloud.ids.hex32()
    return "".join(symbols[int(raw[i:i + 2], 16) % len(symbols)] for i in range(0, 24, 2))


def _glance(req: FakeRequest) -> str:
    return req.base_url + "/image"


def _group_names(req: FakeRequest, caller: Caller) -> Callable[[Server], list[str]]:
    """A server's security group names for this request's views (each group named once)."""
    model = _model(req)
    known: dict[str, str | None] = {}
    return lambda server: model.security_group_names(caller, server, known)
