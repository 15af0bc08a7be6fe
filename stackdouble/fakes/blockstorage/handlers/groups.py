"""Generic volume groups: group types (3.11, `cinder/api/v3/group_types.py`,
`group_specs.py`), groups (3.13, `groups.py`) and group snapshots (3.14,
`group_snapshots.py`), for `client/openstack/blockstorage/v3/grouptypes`, `groups` and
`groupsnapshots`.

Below a route's microversion Cinder answers its bare 404. Bodies are validated before the
policy is checked (`@validation.schema` wraps the controller), so a bad body from a member
is a 400 and a good one a 403. Group actions (`delete`, `reset_status`) go to
`POST /groups/{id}/action`, `create-from-src` (3.14) to `POST /groups/action`;
`reset_status` of a group needs 3.20, of a group snapshot 3.19.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import BadRequest, NotFound
from stackdouble.fakes.blockstorage.handlers._common import (
    _admin,
    _caller,
    _ctx,
    _empty,
    _model,
    _ok,
    _required_body,
    _version,
)
from stackdouble.fakes.blockstorage.handlers.volumetypes import action_body
from stackdouble.fakes.blockstorage.models.groups import (
    check_group_snapshot_status,
    check_group_status,
)
from stackdouble.fakes.blockstorage.models.services import RESOURCE_FILTERS
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "create_group",
    "create_group_from_src",
    "create_group_snapshot",
    "create_group_specs",
    "create_group_type",
    "delete_group_snapshot",
    "delete_group_spec",
    "delete_group_type",
    "group_action",
    "group_snapshot_action",
    "list_group_snapshots",
    "list_group_snapshots_detail",
    "list_group_specs",
    "list_group_types",
    "list_groups",
    "list_groups_detail",
    "show_group",
    "show_group_snapshot",
    "show_group_spec",
    "show_group_type",
    "update_group",
    "update_group_spec",
    "update_group_type",
]

_PAGING = ("limit", "marker", "offset", "sort", "sort_key", "sort_dir")


def _gated(req: FakeRequest, minimum: tuple[int, int], rule: str) -> Caller:
    if _version(req) < minimum:
        raise NotFound()
    return _caller(req, rule)


# -- group types --------------------------------------------------------------------------


def list_group_types(req: FakeRequest) -> FakeResponse:
    """`GET /group_types`: public types (admins: `is_public` true, false or none)."""
    caller = _gated(req, (3, 11), "group:group_types:get_all")
    model = _model(req)
    params = schema.list_params(req, _version(req), model.max_limit, rename_name=False)
    is_public: bool | None = True
    raw = req.args.get("is_public")
    if caller.is_admin and raw is not None:
        is_public = None if raw.lower() == "none" else schema.bool_from_string(
            raw, strict=False, default=True)
    types = model.list_group_types(caller, is_public)
    if params.marker is not None:
        ids = [t.id for t in types]
        if params.marker not in ids:
            raise NotFound(f"Group type {params.marker} could not be found.")
        types = types[ids.index(params.marker) + 1:]
    types = types[params.offset:params.offset + params.limit]
    return _ok(views.group_type_list(_ctx(req, caller), types, params.limit))


def show_group_type(req: FakeRequest) -> FakeResponse:
    """`GET /group_types/{id}` (`default`: the configured default group type)."""
    caller = _gated(req, (3, 11), "group:group_types:get")
    gtype = _model(req).get_group_type(caller, req.params["group_type_id"])
    return _ok({"group_type": views.group_type(gtype, specs=caller.is_admin)})


def create_group_type(req: FakeRequest) -> FakeResponse:
    """`POST /group_types` (admins): 202 with the type."""
    caller = _gated(req, (3, 11), "group:group_types:create")
    body = _required_body(req)
    schema.check_body(schema.GROUP_TYPE_CREATE, body)
    _admin(caller, "group:group_types:create")
    given = body["group_type"]
    gtype = _model(req).create_group_type(
        caller, given["name"], description=given.get("description"),
        group_specs=given.get("group_specs") or {},
        is_public=schema.bool_from_string(given.get("is_public", True)))
    return _ok({"group_type": views.group_type(gtype, specs=True)}, 202)


def update_group_type(req: FakeRequest) -> FakeResponse:
    """`PUT /group_types/{id}` (admins): 200 with the type.

    Raises:
        BadRequest: "Group type name can not be empty." or "Specify group type name,
            description or a combination thereof."
    """
    caller = _gated(req, (3, 11), "group:group_types:update")
    body = _required_body(req)
    schema.check_body(schema.GROUP_TYPE_UPDATE, body)
    _admin(caller, "group:group_types:update")
    given = body["group_type"]
    name, description = given.get("name"), given.get("description")
    is_public = given.get("is_public")
    if is_public is not None:
        is_public = schema.bool_from_string(is_public)
    if name and not name.strip():
        raise BadRequest("Group type name can not be empty.")
    if name is None and description is None and is_public is None:
        raise BadRequest("Specify group type name, description or a combination thereof.")
    gtype = _model(req).update_group_type(caller, req.params["group_type_id"], name=name,
                                          description=description, is_public=is_public)
    return _ok({"group_type": views.group_type(gtype, specs=True)})


def delete_group_type(req: FakeRequest) -> FakeResponse:
    """`DELETE /group_types/{id}` (admins): 202, no body."""
    caller = _gated(req, (3, 11), "group:group_types:delete")
    _admin(caller, "group:group_types:delete")
    _model(req).delete_group_type(caller, req.params["group_type_id"])
    return _empty(202, html=True)


def list_group_specs(req: FakeRequest) -> FakeResponse:
    """`GET /group_types/{id}/group_specs` (admins)."""
    caller = _gated(req, (3, 11), "group:group_types_specs:get_all")
    _admin(caller, "group:group_types_specs:get_all")
    specs = _model(req).group_specs(caller, req.params["group_type_id"])
    return _ok({"group_specs": specs})


def show_group_spec(req: FakeRequest) -> FakeResponse:
    """`GET /group_types/{id}/group_specs/{key}` (admins): `{key: value}`."""
    caller = _gated(req, (3, 11), "group:group_types_specs:get")
    _admin(caller, "group:group_types_specs:get")
    key = req.params["key"]
    return _ok({key: _model(req).group_spec(caller, req.params["group_type_id"], key)})


def create_group_specs(req: FakeRequest) -> FakeResponse:
    """`POST /group_types/{id}/group_specs` (admins): merge; 202 with the body."""
    caller = _gated(req, (3, 11), "group:group_types_specs:create")
    body = _required_body(req)
    schema.check_body(schema.GROUP_SPECS_CREATE, body)
    _admin(caller, "group:group_types_specs:create")
    _model(req).set_group_specs(caller, req.params["group_type_id"], body["group_specs"])
    return _ok(body, 202)


def update_group_spec(req: FakeRequest) -> FakeResponse:
    """`PUT /group_types/{id}/group_specs/{key}` with `{key: value}` (admins): 200.

    Raises:
        BadRequest: "Request body and URI mismatch".
    """
    caller = _gated(req, (3, 11), "group:group_types_specs:update")
    body = _required_body(req)
    schema.check_body(schema.GROUP_SPEC_UPDATE, body)
    _admin(caller, "group:group_types_specs:update")
    model = _model(req)
    model.get_group_type(caller, req.params["group_type_id"])
    if req.params["key"] not in body:
        raise BadRequest("Request body and URI mismatch")
    model.set_group_specs(caller, req.params["group_type_id"], body)
    return _ok(body)


def delete_group_spec(req: FakeRequest) -> FakeResponse:
    """`DELETE /group_types/{id}/group_specs/{key}` (admins): 202, no body."""
    caller = _gated(req, (3, 11), "group:group_types_specs:delete")
    _admin(caller, "group:group_types_specs:delete")
    _model(req).delete_group_spec(caller, req.params["group_type_id"], req.params["key"])
    return _empty(202, html=True)


# -- groups ---------------------------------------------------------------------------------


def _filters(req: FakeRequest, caller: Caller, resource: str
             ) -> tuple[dict[str, str], bool]:
    """The listing's filters (`reject_invalid_filters` from 3.33 for non-admins) and
    whether to list every project (`all_tenants`, admins)."""
    opts = {k: v for k, v in req.args.items() if k not in _PAGING and k != "list_volume"}
    all_tenants = False
    if "all_tenants" in opts:
        raw = opts.pop("all_tenants")
        all_tenants = caller.is_admin and schema.bool_param("all_tenants", raw)
    if _version(req) >= (3, 33) and not caller.is_admin:
        invalid = [k for k in opts if k not in RESOURCE_FILTERS[resource]]
        if invalid:
            raise BadRequest(f"Invalid filters {','.join(invalid)} are found in query "
                             "options.")
    return opts, all_tenants


def _list_groups(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _gated(req, (3, 13), "group:get_all")
    model = _model(req)
    params = schema.list_params(req, _version(req), model.max_limit, rename_name=False)
    filters, all_tenants = _filters(req, caller, "group")
    found = model.list_groups(caller, filters, limit=params.limit, marker=params.marker,
                              offset=params.offset, sort=params.sort,
                              all_tenants=all_tenants)
    ctx = _ctx(req, caller)
    volumes = {g.id: [v.id for v in model.group_volumes(g.id)] for g in found}
    return _ok(views.group_list(ctx, found, params.limit, volumes, detail=detail))


def list_groups(req: FakeRequest) -> FakeResponse:
    """`GET /groups`: id and name of each."""
    return _list_groups(req, detail=False)


def list_groups_detail(req: FakeRequest) -> FakeResponse:
    """`GET /groups/detail`."""
    return _list_groups(req, detail=True)


def show_group(req: FakeRequest) -> FakeResponse:
    """`GET /groups/{id}` (`?list_volume=true` from 3.25 lists its volumes)."""
    caller = _gated(req, (3, 13), "group:get")
    model = _model(req)
    group = model.get_group(caller, req.params["group_id"])
    model._check_cgsnapshot_type(group.group_type_id)
    volumes = [v.id for v in model.group_volumes(group.id)]
    return _ok({"group": views.group_detail(_ctx(req, caller), group, volumes)})


def create_group(req: FakeRequest) -> FakeResponse:
    """`POST /groups`: 202 with the group's id and name."""
    caller = _gated(req, (3, 13), "group:create")
    body = _required_body(req)
    schema.check_body(schema.GROUP_CREATE, body)
    given = body["group"]
    group = _model(req).create_group(
        caller, given["group_type"], given["volume_types"], name=_strip(given.get("name")),
        description=_strip(given.get("description")),
        availability_zone=given.get("availability_zone"))
    return _ok({"group": views.group_summary(group)}, 202)


def create_group_from_src(req: FakeRequest) -> FakeResponse:
    """`POST /groups/action` `create-from-src` (3.14): 202 with the new group's id and
    name; from a `group_snapshot_id` or a `source_group_id`, exactly one of them (the
    schema's `oneOf` words the 400)."""
    if _version(req) < (3, 14):
        raise NotFound()
    name, body = action_body(req)
    if name != "create-from-src":
        raise BadRequest(f"There is no such action: {name}. Verify the request body and "
                         "Content-Type header and try again.")
    caller = _caller(req, "group:create")
    schema.check_body(schema.GROUP_CREATE_FROM_SRC, body)
    given = body["create-from-src"]
    group = _model(req).create_group_from_src(
        caller, group_snapshot_id=given.get("group_snapshot_id"),
        source_group_id=given.get("source_group_id"), name=_strip(given.get("name")),
        description=_strip(given.get("description")))
    return _ok({"group": views.group_summary(group)}, 202)


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) and value else value


def update_group(req: FakeRequest) -> FakeResponse:
    """`PUT /groups/{id}`: 202, no body."""
    caller = _gated(req, (3, 13), "group:update")
    body = _required_body(req)
    schema.check_body(schema.GROUP_UPDATE, body)
    given = body["group"]
    _model(req).update_group(caller, req.params["group_id"], name=_strip(given.get("name")),
                             description=_strip(given.get("description")),
                             add_volumes=given.get("add_volumes"),
                             remove_volumes=given.get("remove_volumes"))
    return _empty(202, html=True)


def group_action(req: FakeRequest) -> FakeResponse:
    """`POST /groups/{id}/action`: `delete` (3.13) or `reset_status` (3.20, admins);
    202, no body."""
    if _version(req) < (3, 13):
        raise NotFound()
    name, body = action_body(req)
    model = _model(req)
    group_id = req.params["group_id"]
    if name == "delete":
        caller = _caller(req, "group:delete")
        schema.check_body(schema.GROUP_DELETE, body)
        delete_volumes = schema.bool_from_string(body["delete"].get("delete-volumes", False),
                                                 strict=False)
        model.delete_group(caller, group_id, delete_volumes=delete_volumes)
        return _empty(202, html=True)
    if name == "reset_status" and _version(req) >= (3, 20):
        caller = _caller(req, "group:reset_status")
        schema.check_body(schema.GROUP_RESET_STATUS, body)
        check_group_status(body["reset_status"]["status"])
        _admin(caller, "group:reset_status")
        model.reset_group_status(caller, group_id, body["reset_status"]["status"])
        return _empty(202, html=True)
    raise BadRequest(f"There is no such action: {name}. Verify the request body and "
                     "Content-Type header and try again.")


# -- group snapshots ------------------------------------------------------------------------


def _list_group_snapshots(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _gated(req, (3, 14), "group:get_all_group_snapshots")
    model = _model(req)
    params = schema.list_params(req, _version(req), model.max_limit, rename_name=False)
    filters, all_tenants = _filters(req, caller, "group_snapshot")
    found = model.list_group_snapshots(caller, filters, limit=params.limit,
                                       marker=params.marker, offset=params.offset,
                                       sort=params.sort, all_tenants=all_tenants)
    return _ok(views.group_snapshot_list(_ctx(req, caller), found, params.limit,
                                         detail=detail))


def list_group_snapshots(req: FakeRequest) -> FakeResponse:
    """`GET /group_snapshots`: id, name and group type of each."""
    return _list_group_snapshots(req, detail=False)


def list_group_snapshots_detail(req: FakeRequest) -> FakeResponse:
    """`GET /group_snapshots/detail`."""
    return _list_group_snapshots(req, detail=True)


def show_group_snapshot(req: FakeRequest) -> FakeResponse:
    """`GET /group_snapshots/{id}`."""
    caller = _gated(req, (3, 14), "group:get_group_snapshot")
    gsnap = _model(req).get_group_snapshot(caller, req.params["group_snapshot_id"])
    return _ok({"group_snapshot": views.group_snapshot_detail(_ctx(req, caller), gsnap)})


def create_group_snapshot(req: FakeRequest) -> FakeResponse:
    """`POST /group_snapshots`: 202 with its id, name and group type."""
    caller = _gated(req, (3, 14), "group:create_group_snapshot")
    body = _required_body(req)
    schema.check_body(schema.GROUP_SNAPSHOT_CREATE, body)
    given = body["group_snapshot"]
    gsnap = _model(req).create_group_snapshot(caller, given["group_id"],
                                              name=_strip(given.get("name")),
                                              description=_strip(given.get("description")))
    return _ok({"group_snapshot": views.group_snapshot_summary(gsnap)}, 202)


def delete_group_snapshot(req: FakeRequest) -> FakeResponse:
    """`DELETE /group_snapshots/{id}`: 202, no body."""
    caller = _gated(req, (3, 14), "group:delete_group_snapshot")
    _model(req).delete_group_snapshot(caller, req.params["group_snapshot_id"])
    return _empty(202, html=True)


def group_snapshot_action(req: FakeRequest) -> FakeResponse:
    """`POST /group_snapshots/{id}/action`: `reset_status` (3.19, admins); 202."""
    if _version(req) < (3, 14):
        raise NotFound()
    name, body = action_body(req)
    if name != "reset_status" or _version(req) < (3, 19):
        raise BadRequest(f"There is no such action: {name}. Verify the request body and "
                         "Content-Type header and try again.")
    caller = _caller(req, "group:reset_group_snapshot_status")
    schema.check_body(schema.GROUP_SNAPSHOT_RESET_STATUS, body)
    check_group_snapshot_status(body["reset_status"]["status"])
    _admin(caller, "group:reset_group_snapshot_status")
    _model(req).reset_group_snapshot_status(caller, req.params["group_snapshot_id"],
                                            body["reset_status"]["status"])
    return _empty(202, html=True)
