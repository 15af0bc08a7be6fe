"""Volume types (`cinder/api/v3/types.py`, `cinder/api/contrib/types_manage.py`,
`types_extra_specs.py`, `volume_type_access.py`), for
`client/openstack/blockstorage/v3/volumetypes`.

Cinder validates a body before it checks the policy (`@validation.schema` wraps the
controller method, which authorizes first thing), so a bad body from a member is a 400 and
a good one a 403; the extra specs' delete looks the type up first (404 before 403).
"""

from __future__ import annotations

import json
from typing import Any

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import BadRequest, NotFound, volume_type_not_found
from stackdouble.fakes.blockstorage.handlers._common import (
    _admin,
    _caller,
    _ctx,
    _empty,
    _model,
    _ok,
    _required_body,
)
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "create_extra_specs",
    "create_volume_type",
    "delete_extra_spec",
    "delete_volume_type",
    "list_extra_specs",
    "list_type_access",
    "list_volume_types",
    "show_extra_spec",
    "show_volume_type",
    "update_extra_spec",
    "update_volume_type",
    "volume_type_action",
]


def list_volume_types(req: FakeRequest) -> FakeResponse:
    """`GET /types`: every type the caller may see, with links when the page is full; an
    admin may ask `is_public` (`true`, `false`, or `None` for all)."""
    caller = _caller(req, "volume_extension:type_get_all")
    model = _model(req)
    marker, limit, offset = schema.paging(req, model.max_limit)
    is_public: bool | None = True
    raw = req.args.get("is_public")
    if raw is not None and raw.lower() == "none":
        is_public = None
    elif raw is not None:
        is_public = schema.bool_from_string(raw, strict=False, default=True)
    types = model.list_volume_types(caller, is_public)
    if marker is not None:
        ids = [t.id for t in types]
        if marker not in ids:
            raise volume_type_not_found(marker)
        types = types[ids.index(marker) + 1:]
    types = types[offset:offset + limit]
    return _ok(views.volume_type_list(_ctx(req, caller), types, limit))


def show_volume_type(req: FakeRequest) -> FakeResponse:
    """`GET /types/{id}` (`default` is the default type)."""
    caller = _caller(req, "volume_extension:type_get")
    vtype = _model(req).get_volume_type(caller, req.params["type_id"])
    return _ok({"volume_type": views.volume_type(_ctx(req, caller), vtype)})


def create_volume_type(req: FakeRequest) -> FakeResponse:
    """`POST /types` (admins): 200 with the new type."""
    caller = _caller(req, "volume_extension:type_create")
    body = _required_body(req)
    schema.check_body(schema.TYPE_CREATE, body)
    _admin(caller, "volume_extension:type_create")
    given = body["volume_type"]
    is_public = schema.bool_from_string(given.get("os-volume-type-access:is_public", True))
    specs = {k: v for k, v in (given.get("extra_specs") or {}).items()}
    vtype = _model(req).create_volume_type(caller, given["name"],
                                           description=given.get("description"),
                                           extra_specs=specs, is_public=is_public)
    return _ok({"volume_type": views.volume_type(_ctx(req, caller), vtype, qos=False)})


def update_volume_type(req: FakeRequest) -> FakeResponse:
    """`PUT /types/{id}` (admins): 200 with the type.

    Raises:
        BadRequest: "Volume type name can not be empty." or "Specify volume type name,
            description, is_public or a combination thereof."
    """
    caller = _caller(req, "volume_extension:type_update")
    body = _required_body(req)
    schema.check_body(schema.TYPE_UPDATE, body)
    _admin(caller, "volume_extension:type_update")
    given = body["volume_type"]
    name, description = given.get("name"), given.get("description")
    is_public = given.get("is_public")
    if is_public is not None:
        is_public = schema.bool_from_string(is_public)
    if name and not name.strip():
        raise BadRequest("Volume type name can not be empty.")
    if name is None and description is None and is_public is None:
        raise BadRequest("Specify volume type name, description, is_public or a combination "
                         "thereof.")
    vtype = _model(req).update_volume_type(caller, req.params["type_id"], name=name,
                                           description=description, is_public=is_public)
    return _ok({"volume_type": views.volume_type(_ctx(req, caller), vtype, access=False,
                                                 qos=False)})


def delete_volume_type(req: FakeRequest) -> FakeResponse:
    """`DELETE /types/{id}` (admins): 202, no body."""
    caller = _caller(req, "volume_extension:type_delete")
    _admin(caller, "volume_extension:type_delete")
    _model(req).delete_volume_type(caller, req.params["type_id"])
    return _empty(202, html=True)


# -- extra specs --------------------------------------------------------------------------------


def list_extra_specs(req: FakeRequest) -> FakeResponse:
    """`GET /types/{id}/extra_specs`."""
    caller = _caller(req, "volume_extension:types_extra_specs:index")
    return _ok({"extra_specs": _model(req).extra_specs(caller, req.params["type_id"])})


def show_extra_spec(req: FakeRequest) -> FakeResponse:
    """`GET /types/{id}/extra_specs/{key}`: `{key: value}`."""
    caller = _caller(req, "volume_extension:types_extra_specs:show")
    key = req.params["key"]
    return _ok({key: _model(req).extra_spec(caller, req.params["type_id"], key)})


def create_extra_specs(req: FakeRequest) -> FakeResponse:
    """`POST /types/{id}/extra_specs` (admins): merge; 200 with the body as sent."""
    caller = _caller(req, "volume_extension:types_extra_specs:create")
    body = _required_body(req)
    schema.check_body(schema.EXTRA_SPECS_CREATE, body)
    _admin(caller, "volume_extension:types_extra_specs:create")
    _model(req).set_extra_specs(caller, req.params["type_id"], body["extra_specs"])
    return _ok(body)


def update_extra_spec(req: FakeRequest) -> FakeResponse:
    """`PUT /types/{id}/extra_specs/{key}` with `{key: value}` (admins): 200 with it.

    Raises:
        BadRequest: "Request body and URI mismatch".
    """
    caller = _caller(req, "volume_extension:types_extra_specs:update")
    body = _required_body(req)
    schema.check_body(schema.EXTRA_SPEC_UPDATE, body)
    _admin(caller, "volume_extension:types_extra_specs:update")
    model = _model(req)
    model._check_type_unused(req.params["type_id"])
    model.get_volume_type(caller, req.params["type_id"])
    if req.params["key"] not in body:
        raise BadRequest("Request body and URI mismatch")
    model.set_extra_specs(caller, req.params["type_id"], body)
    return _ok(body)


def delete_extra_spec(req: FakeRequest) -> FakeResponse:
    """`DELETE /types/{id}/extra_specs/{key}` (admins): 202, no body."""
    caller = _caller(req, "volume_extension:types_extra_specs:delete")
    model = _model(req)
    model.get_volume_type(caller, req.params["type_id"])
    _admin(caller, "volume_extension:types_extra_specs:delete")
    model.delete_extra_spec(caller, req.params["type_id"], req.params["key"])
    return _empty(202)


# -- access -------------------------------------------------------------------------------------


def list_type_access(req: FakeRequest) -> FakeResponse:
    """`GET /types/{id}/os-volume-type-access` (admins)."""
    caller = _caller(req, "volume_extension:volume_type_access:get_all_for_type")
    _admin(caller, "volume_extension:volume_type_access:get_all_for_type")
    type_id = req.params["type_id"]
    return _ok(views.volume_type_access(type_id, _model(req).type_access(caller, type_id)))


def volume_type_action(req: FakeRequest) -> FakeResponse:
    """`POST /types/{id}/action`: `addProjectAccess` or `removeProjectAccess` (admins),
    202 with no body."""
    name, body = action_body(req)
    if name not in ("addProjectAccess", "removeProjectAccess"):
        raise BadRequest(f"There is no such action: {name}. Verify the request body and "
                         "Content-Type header and try again.")
    caller = _caller(req, f"volume_extension:volume_type_access:{name}")
    add = name == "addProjectAccess"
    schema.check_body(schema.ADD_PROJECT_ACCESS if add else schema.REMOVE_PROJECT_ACCESS, body)
    _admin(caller, f"volume_extension:volume_type_access:{name}")
    model = _model(req)
    project = body[name]["project"]
    if add:
        model.add_type_access(caller, req.params["type_id"], project)
    else:
        model.remove_type_access(caller, req.params["type_id"], project)
    return _empty(202, html=True)


def action_body(req: FakeRequest) -> tuple[str, dict[str, Any]]:
    """The action's name and the decoded body of `POST .../action`, as Cinder's
    `Resource` finds them (`action_peek_json`).

    Raises:
        BadRequest: No body ("There is no such action: None..."), bad JSON or more than
            one key ("Malformed request body").
        NotFound: The body is not an object (Cinder's `TypeError`/`AttributeError` end as
            a bare 404).
    """
    raw = req.body
    if not raw or req.header("Content-Type") is None:
        raise BadRequest("There is no such action: None. Verify the request body and "
                         "Content-Type header and try again.")
    try:
        decoded = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None
    if not isinstance(decoded, (dict, list, str)):
        raise NotFound()
    if len(decoded) != 1:
        raise BadRequest("Malformed request body")
    if not isinstance(decoded, dict):
        raise NotFound()
    return next(iter(decoded)), decoded
