"""Quota handlers (`/v2.0/quotas`)."""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.networking.errors import HTTPBadRequest
from stackdouble.fakes.networking.handlers._common import (
    answer,
    body_of,
    caller_of,
    empty,
    model_of,
)
from stackdouble.fakes.networking.models import DEFAULT_QUOTAS

__all__ = ["default_quota", "delete_quota", "list_quotas", "quota_details", "show_quota",
           "update_quota"]


def list_quotas(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/quotas`: the projects with limits of their own (admin)."""
    found = model_of(req).list_quotas(caller_of(req))
    return answer(200, {"quotas": [{**limits, "project_id": pid, "tenant_id": pid}
                                   for pid, limits in found.items()]})


def show_quota(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/quotas/{project_id}`."""
    return answer(200, {"quota": model_of(req).show_quota(caller_of(req),
                                                          req.params["project_id"])})


def default_quota(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/quotas/{project_id}/default`."""
    caller = caller_of(req)
    model_of(req).show_quota(caller, req.params["project_id"])
    return answer(200, {"quota": dict(DEFAULT_QUOTAS)})


def quota_details(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/quotas/{project_id}/details`."""
    return answer(200, {"quota": model_of(req).quota_details(caller_of(req),
                                                             req.params["project_id"])})


def update_quota(req: FakeRequest) -> FakeResponse:
    """`PUT /v2.0/quotas/{project_id}`: `{"quota": {"network": 5}}`."""
    caller = caller_of(req)
    body = body_of(req)
    if not isinstance(body, dict) or not isinstance(body.get("quota"), dict):
        raise HTTPBadRequest("Unable to find 'quota' in request body")
    given = dict(body["quota"])
    force = given.pop("force", None) is True
    given.pop("check_limit", None)
    unknown = [k for k in given if k not in DEFAULT_QUOTAS]
    if unknown:
        raise HTTPBadRequest(f"Unrecognized attribute(s) '{', '.join(unknown)}'")
    limits: dict[str, int] = {}
    for name, value in given.items():
        try:
            number = int(value)
            if isinstance(value, (bool, float)):
                raise ValueError(value)
        except (TypeError, ValueError):
            raise HTTPBadRequest(f"Invalid input for {name}. Reason: '{value}' is not an "
                                 f"integer.") from None
        if not -1 <= number <= 2147483647:
            raise HTTPBadRequest(f"Invalid input for {name}. Reason: '{number}' is not in "
                                 f"range -1 through 2147483647.")
        limits[name] = number
    found = model_of(req).update_quota(caller, req.params["project_id"], limits, force=force)
    return answer(200, {"quota": found})


def delete_quota(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2.0/quotas/{project_id}`: 204, back to the defaults."""
    model_of(req).delete_quota(caller_of(req), req.params["project_id"])
    return empty()
