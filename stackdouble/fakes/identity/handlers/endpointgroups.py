"""OS-EP-FILTER (`keystone/api/os_ep_filter.py`): endpoint groups under
`/v3/OS-EP-FILTER/endpoint_groups`, and the endpoints and endpoint groups of a project.

In Keystone's order: the body's schema, then the policy (admin only to change; admin or a
system reader to read), then the lookups, each route checking the ids Keystone checks, in
its order. Associations answer 204 with no body; the one association Keystone renders
(`GET .../endpoint_groups/{id}/projects/{project_id}`) has a self link without the host.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import ValidationError
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _collection,
    _matching_id,
    _model,
    _no_content,
    _v3_url,
)
from stackdouble.fakes.identity.models.endpointgroups import FILTER_KEYS
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "add_endpoint_group_to_project",
    "add_endpoint_to_project",
    "check_endpoint_in_project",
    "create_endpoint_group",
    "delete_endpoint_group",
    "get_endpoint_group",
    "get_endpoint_group_in_project",
    "list_endpoint_groups",
    "list_endpoint_groups_for_project",
    "list_endpoints_for_endpoint_group",
    "list_endpoints_for_project",
    "list_projects_for_endpoint",
    "list_projects_for_endpoint_group",
    "remove_endpoint_from_project",
    "remove_endpoint_group_from_project",
    "update_endpoint_group",
]


def _valid_filters(ref: dict[str, Any]) -> None:
    """`_require_valid_filter`: only service_id, region_id and interface."""
    if any(key not in FILTER_KEYS for key in ref.get("filters") or {}):
        raise ValidationError(" or ".join(FILTER_KEYS), "endpoint_group")


def _group_member(req: FakeRequest, group: Any) -> FakeResponse:
    return FakeResponse.json(200, {"endpoint_group": views.endpoint_group(group, _v3_url(req))})


# -- endpoint groups -----------------------------------------------------------------------


def list_endpoint_groups(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-EP-FILTER/endpoint_groups`, filtered by `name`."""
    token = req.require_token()
    enforce("identity:list_endpoint_groups", token)
    found = _model(req).list_endpoint_groups(name=req.args.get("name"))
    v3 = _v3_url(req)
    return _collection(req, "endpoint_groups", [views.endpoint_group(g, v3) for g in found])


def create_endpoint_group(req: FakeRequest) -> FakeResponse:
    """`POST /v3/OS-EP-FILTER/endpoint_groups`: 201; `filters` may not be empty."""
    body = _body(req, sch.ENDPOINT_GROUP_CREATE)
    token = req.require_token()
    enforce("identity:create_endpoint_group", token)
    ref = body.get("endpoint_group") or {}
    if not ref.get("filters"):
        raise ValidationError(message="filters field is required and cannot be empty")
    _valid_filters(ref)
    group = _model(req).create_endpoint_group(ref["name"], ref["filters"],
                                              description=ref.get("description"))
    return FakeResponse.json(201, {"endpoint_group": views.endpoint_group(group, _v3_url(req))})


def get_endpoint_group(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-EP-FILTER/endpoint_groups/{id}`."""
    token = req.require_token()
    enforce("identity:get_endpoint_group", token)
    return _group_member(req, _model(req).get_endpoint_group(req.params["endpoint_group_id"]))


def update_endpoint_group(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/OS-EP-FILTER/endpoint_groups/{id}`: name, description or filters."""
    ref = _body(req, sch.ENDPOINT_GROUP_UPDATE, "endpoint_group")
    token = req.require_token()
    enforce("identity:update_endpoint_group", token)
    if "filters" in ref:
        _valid_filters(ref)
    group_id = req.params["endpoint_group_id"]
    _matching_id(ref, group_id)
    return _group_member(req, _model(req).update_endpoint_group(group_id, ref))


def delete_endpoint_group(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/OS-EP-FILTER/endpoint_groups/{id}`, with its project associations."""
    token = req.require_token()
    enforce("identity:delete_endpoint_group", token)
    _model(req).delete_endpoint_group(req.params["endpoint_group_id"])
    return _no_content()


def list_endpoints_for_endpoint_group(req: FakeRequest) -> FakeResponse:
    """`GET .../endpoint_groups/{id}/endpoints`: the endpoints its filters match."""
    token = req.require_token()
    enforce("identity:list_endpoints_associated_with_endpoint_group", token)
    found = _model(req).endpoints_in_group(req.params["endpoint_group_id"])
    v3 = _v3_url(req)
    return _collection(req, "endpoints", [views.endpoint(e, v3) for e in found])


def list_projects_for_endpoint_group(req: FakeRequest) -> FakeResponse:
    """`GET .../endpoint_groups/{id}/projects` (an unknown group has none)."""
    token = req.require_token()
    enforce("identity:list_projects_associated_with_endpoint_group", token)
    model = _model(req)
    v3 = _v3_url(req)
    ids = model.projects_for_endpoint_group(req.params["endpoint_group_id"])
    return _collection(req, "projects", [views.project(model.projects[p], v3) for p in ids])


# -- endpoint groups of a project ------------------------------------------------------------


def get_endpoint_group_in_project(req: FakeRequest) -> FakeResponse:
    """`GET .../endpoint_groups/{id}/projects/{project_id}`: the association."""
    token = req.require_token()
    enforce("identity:get_endpoint_group_in_project", token)
    group_id, project_id = req.params["endpoint_group_id"], req.params["project_id"]
    _model(req).check_endpoint_group_in_project(group_id, project_id)
    return FakeResponse.json(200, {"project_endpoint_group": {
        "endpoint_group_id": group_id, "project_id": project_id,
        "links": {"self": f"/OS-EP-FILTER/endpoint_groups/{group_id}/projects/{project_id}"}}})


def add_endpoint_group_to_project(req: FakeRequest) -> FakeResponse:
    """`PUT .../endpoint_groups/{id}/projects/{project_id}`: 204, 409 when already so."""
    token = req.require_token()
    enforce("identity:add_endpoint_group_to_project", token)
    _model(req).add_endpoint_group_to_project(req.params["endpoint_group_id"],
                                              req.params["project_id"])
    return _no_content()


def remove_endpoint_group_from_project(req: FakeRequest) -> FakeResponse:
    """`DELETE .../endpoint_groups/{id}/projects/{project_id}`."""
    token = req.require_token()
    enforce("identity:remove_endpoint_group_from_project", token)
    _model(req).remove_endpoint_group_from_project(req.params["endpoint_group_id"],
                                                   req.params["project_id"])
    return _no_content()


def list_endpoint_groups_for_project(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-EP-FILTER/projects/{project_id}/endpoint_groups`."""
    token = req.require_token()
    enforce("identity:list_endpoint_groups_for_project", token)
    found = _model(req).endpoint_groups_for_project(req.params["project_id"])
    v3 = _v3_url(req)
    return _collection(req, "endpoint_groups", [views.endpoint_group(g, v3) for g in found])


# -- endpoints of a project ------------------------------------------------------------------


def list_endpoints_for_project(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-EP-FILTER/projects/{project_id}/endpoints`: associated directly or
    through an endpoint group."""
    token = req.require_token()
    enforce("identity:list_endpoints_for_project", token)
    found = _model(req).endpoints_for_project(req.params["project_id"])
    v3 = _v3_url(req)
    return _collection(req, "endpoints", [views.endpoint(e, v3) for e in found])


def check_endpoint_in_project(req: FakeRequest) -> FakeResponse:
    """`GET` (or `HEAD`) `.../projects/{project_id}/endpoints/{endpoint_id}`: 204 when
    associated directly."""
    token = req.require_token()
    enforce("identity:check_endpoint_in_project", token)
    _model(req).check_endpoint_in_project(req.params["endpoint_id"], req.params["project_id"])
    return _no_content()


def add_endpoint_to_project(req: FakeRequest) -> FakeResponse:
    """`PUT .../projects/{project_id}/endpoints/{endpoint_id}`: 204, 409 when already so."""
    token = req.require_token()
    enforce("identity:add_endpoint_to_project", token)
    _model(req).add_endpoint_to_project(req.params["endpoint_id"], req.params["project_id"])
    return _no_content()


def remove_endpoint_from_project(req: FakeRequest) -> FakeResponse:
    """`DELETE .../projects/{project_id}/endpoints/{endpoint_id}`."""
    token = req.require_token()
    enforce("identity:remove_endpoint_from_project", token)
    _model(req).remove_endpoint_from_project(req.params["endpoint_id"], req.params["project_id"])
    return _no_content()


def list_projects_for_endpoint(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-EP-FILTER/endpoints/{endpoint_id}/projects`: its direct associations."""
    token = req.require_token()
    enforce("identity:list_projects_for_endpoint", token)
    model = _model(req)
    ids = model.projects_for_endpoint(req.params["endpoint_id"])
    v3 = _v3_url(req)
    return _collection(req, "projects", [views.project(model.projects[p], v3) for p in ids])
