"""Backups (`cinder/api/contrib/backups.py`, `cinder/api/v3/backups.py`, the backup admin
actions of `cinder/api/contrib/admin_actions.py`), for
`client/openstack/blockstorage/v3/backups`."""

from __future__ import annotations

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
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "backup_action",
    "create_backup",
    "delete_backup",
    "list_backups",
    "list_backups_detail",
    "restore_backup",
    "show_backup",
    "update_backup",
]


def list_backups(req: FakeRequest) -> FakeResponse:
    """`GET /backups`: ids, names and links."""
    return _list_backups(req, detail=False)


def list_backups_detail(req: FakeRequest) -> FakeResponse:
    """`GET /backups/detail`."""
    return _list_backups(req, detail=True)


def _list_backups(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _caller(req, "backup:get_all")
    version = _version(req)
    model = _model(req)
    params = schema.list_params(req, version, model.max_limit,
                                rename_name=version >= (3, 37))
    filters, all_tenants = schema.backup_filters(req, caller, version)
    found = model.list_backups(caller, filters, limit=params.limit, marker=params.marker,
                               offset=params.offset, sort=params.sort, all_tenants=all_tenants)
    count = model.count_backups(caller, filters, all_tenants=all_tenants) \
        if params.with_count else None
    dependent = [model.has_dependent_backups(b) for b in found] if detail else []
    return _ok(views.backup_list(_ctx(req, caller), found, params.limit, count, detail=detail,
                                 dependent=dependent))


def show_backup(req: FakeRequest) -> FakeResponse:
    """`GET /backups/{id}`."""
    caller = _caller(req, "backup:get")
    model = _model(req)
    backup = model.get_backup(caller, req.params["backup_id"])
    return _ok({"backup": views.backup_detail(_ctx(req, caller), backup,
                                              dependent=model.has_dependent_backups(backup))})


def create_backup(req: FakeRequest) -> FakeResponse:
    """`POST /backups`: 202 with the summary of the new backup (`creating`)."""
    caller = _caller(req, "backup:create")
    version = _version(req)
    body = _required_body(req)
    schema.check_body(schema.BACKUP_CREATE_V351 if version >= (3, 51) else
                      schema.BACKUP_CREATE_V343 if version >= (3, 43) else
                      schema.BACKUP_CREATE, body)
    given = body["backup"]
    name, description = given.get("name"), given.get("description")
    backup = _model(req).create_backup(
        caller, given["volume_id"],
        name=name.strip() if isinstance(name, str) else name,
        description=description.strip() if isinstance(description, str) else description,
        container=given.get("container"),
        incremental=schema.bool_from_string(given.get("incremental", False)),
        force=schema.bool_from_string(given.get("force", False)),
        snapshot_id=given.get("snapshot_id"),
        metadata=given.get("metadata") if version >= (3, 43) else None,
        availability_zone=given.get("availability_zone") if version >= (3, 51) else None)
    return _ok({"backup": views.backup_summary(_ctx(req, caller), backup)}, 202)


def update_backup(req: FakeRequest) -> FakeResponse:
    """`PUT /backups/{id}` (3.9): 200 with the summary."""
    if _version(req) < (3, 9):
        raise NotFound()
    caller = _caller(req, "backup:update")
    version = _version(req)
    body = _required_body(req)
    schema.check_body(schema.BACKUP_UPDATE_V343 if version >= (3, 43) else
                      schema.BACKUP_UPDATE, body)
    given = body["backup"] or {}
    changes = {}
    for key, attr in (("name", "name"), ("description", "description")):
        if key in given:
            value = given[key]
            changes[attr] = value.strip() if isinstance(value, str) else value
    if version >= (3, 43) and "metadata" in given:
        changes["metadata"] = given["metadata"]
    backup = _model(req).update_backup(caller, req.params["backup_id"], changes)
    return _ok({"backup": views.backup_summary(_ctx(req, caller), backup)})


def delete_backup(req: FakeRequest) -> FakeResponse:
    """`DELETE /backups/{id}`: 202, no body."""
    _model(req).delete_backup(_caller(req, "backup:delete"), req.params["backup_id"])
    return _empty(202, html=True)


def restore_backup(req: FakeRequest) -> FakeResponse:
    """`POST /backups/{id}/restore`: 202 with `{"restore": {...}}`."""
    caller = _caller(req, "backup:restore")
    body = _required_body(req)
    schema.check_body(schema.BACKUP_RESTORE, body)
    given = body["restore"] or {}
    backup, volume = _model(req).restore_backup(caller, req.params["backup_id"],
                                                volume_id=given.get("volume_id"),
                                                name=given.get("name"))
    return _ok(views.restore(backup.id, volume), 202)


def backup_action(req: FakeRequest) -> FakeResponse:
    """`POST /backups/{id}/action`: the admins' `os-reset_status` and `os-force_delete`,
    202 with no body."""
    name, body = action_body(req)
    if name not in ("os-reset_status", "os-force_delete"):
        raise BadRequest(f"There is no such action: {name}. Verify the request body and "
                         "Content-Type header and try again.")
    rule = "volume_extension:backup_admin_actions:" + name.removeprefix("os-")
    caller = _caller(req, rule)
    model = _model(req)
    if name == "os-reset_status":
        schema.check_body(schema.BACKUP_RESET_STATUS, body)
        _admin(caller, rule)
        status = body[name]["status"].lower()
        model.get_backup(caller, req.params["backup_id"])
        if status in ("available", "error"):  # the backup manager refuses the others
            model.reset_backup_status(caller, req.params["backup_id"], status)
    else:
        schema.check_body(schema.BACKUP_FORCE_DELETE, body)
        _admin(caller, rule)
        model.delete_backup(caller, req.params["backup_id"], force=True)
    return _empty(202, html=True)
