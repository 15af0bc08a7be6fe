"""Volumes, their metadata and their actions (`cinder/api/v3/volumes.py`,
`cinder/api/contrib/volume_actions.py`, `volume_admin_actions.py`,
`cinder/api/v3/volume_metadata.py`), for `client/openstack/blockstorage/v3/volumes`; the
image actions are in `imageactions`, retype, the readonly flag, connections, the other
admin actions and revert in `volumeactions`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import BadRequest, Forbidden, cinder_fault
from stackdouble.fakes.blockstorage.handlers import imageactions, volumeactions
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
from stackdouble.fakes.blockstorage.models import BlockStorageModel, Caller, Volume
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "create_metadata",
    "create_volume",
    "delete_metadatum",
    "delete_volume",
    "get_metadata",
    "get_metadatum",
    "list_volumes",
    "list_volumes_detail",
    "replace_metadata",
    "set_metadatum",
    "show_volume",
    "update_volume",
    "volume_action",
]

_DB_MAX_INT = 0x7FFFFFFF


def list_volumes(req: FakeRequest) -> FakeResponse:
    """`GET /volumes`: ids, names and links."""
    return _list_volumes(req, detail=False)


def list_volumes_detail(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/detail`: every attribute."""
    return _list_volumes(req, detail=True)


def _list_volumes(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _caller(req, "volume:get_all")
    version = _version(req)
    model = _model(req)
    params = schema.list_params(req, version, model.max_limit)
    query, all_tenants = schema.volume_filters(req, caller, version)
    found, count = _find_volumes(model, caller, query, params, all_tenants)
    return _ok(views.volume_list(_ctx(req, caller), found, params.limit, count, detail=detail))


def _find_volumes(model: BlockStorageModel, caller: Caller, query: schema.VolumeQuery,
                  params: schema.ListParams, all_tenants: bool
                  ) -> tuple[list[Volume], int | None]:
    """The page and (with `with_count`) the total: the model's sorted walk when only
    `VolumeFilters` apply, else `_list_with_extra`."""
    limit, marker, offset, sort = params.limit, params.marker, params.offset, params.sort
    found = model.list_volumes(caller, query.base, limit=limit, marker=marker, offset=offset,
                               sort=sort, all_tenants=all_tenants) if not query.extra else \
        _list_with_extra(model, caller, query, limit, marker, offset, sort, all_tenants)
    count = None
    if params.with_count:
        count = model.count_volumes(caller, query.base, all_tenants=all_tenants) \
            if not query.extra else sum(
                1 for v in model.list_volumes(caller, query.base, limit=_DB_MAX_INT,
                                              all_tenants=all_tenants) if query.matches(v))
    return found, count


def _list_with_extra(model: BlockStorageModel, caller: Caller, query: schema.VolumeQuery,
                     limit: int, marker: str | None, offset: int, sort: list[tuple[str, str]],
                     all_tenants: bool) -> list[Volume]:
    """A listing with filters the sorted walk cannot apply: every candidate after the
    marker, filtered, then paged."""
    candidates = model.list_volumes(caller, query.base, limit=_DB_MAX_INT, marker=marker,
                                    sort=sort, all_tenants=all_tenants)
    kept = [v for v in candidates if query.matches(v)]
    return kept[offset:offset + limit]


def create_volume(req: FakeRequest) -> FakeResponse:
    """`POST /volumes`: 202 with the new volume (`creating`)."""
    caller = _caller(req, "volume:create")
    version = _version(req)
    body = _required_body(req)
    schema.check_body(schema.volume_create_schema(version), body)
    args = schema.volume_create_args(body["volume"])
    group_id = body["volume"].get("group_id") if version >= (3, 13) else None
    if group_id is not None:  # 3.13: made in the group (`models/groups.py`)
        volume = _model(req).create_group_volume(caller, group_id, **args)
    else:
        volume = _model(req).create_volume(caller, **args)
    return _ok({"volume": views.volume_detail(_ctx(req, caller), volume, extended=False)}, 202)


def show_volume(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/{id}`."""
    caller = _caller(req)
    volume = _model(req).get_volume(caller, req.params["volume_id"])
    return _ok({"volume": views.volume_detail(_ctx(req, caller), volume)})


def update_volume(req: FakeRequest) -> FakeResponse:
    """`PUT /volumes/{id}`: 200 with the volume."""
    caller = _caller(req, "volume:update")
    body = _required_body(req)
    schema.check_body(schema.volume_update_schema(_version(req)), body)
    changes = schema.volume_changes(body["volume"])
    volume = _model(req).update_volume(caller, req.params["volume_id"], changes)
    return _ok({"volume": views.volume_detail(_ctx(req, caller), volume, extended=False)})


def delete_volume(req: FakeRequest) -> FakeResponse:
    """`DELETE /volumes/{id}[?cascade=true][&force=true]`: 202."""
    caller = _caller(req, "volume:delete")
    cascade = schema.bool_param("cascade", req.args.get("cascade", "false") or "")
    force = False
    if _version(req) >= (3, 23):
        force = schema.bool_param("force", req.args.get("force", "false") or "")
    model = _model(req)
    model.get_volume(caller, req.params["volume_id"])
    if force and not caller.is_admin:
        raise Forbidden("Policy doesn't allow volume:force_delete to be performed.")
    model.delete_volume(caller, req.params["volume_id"], cascade=cascade, force=force)
    return _empty(202, html=True)


# -- volume actions ---------------------------------------------------------------------------


def volume_action(req: FakeRequest) -> FakeResponse:
    """`POST /volumes/{id}/action`: the one key of the body names the action."""
    raw = req.body
    if not raw or req.header("Content-Type") is None:
        raise BadRequest("There is no such action: None. Verify the request body and "
                         "Content-Type header and try again.")
    try:
        decoded = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None
    if not isinstance(decoded, (dict, list, str)):
        return cinder_fault(404)  # `action_peek_json`'s len() fails: TypeError → 404
    if len(decoded) != 1:
        raise BadRequest("Malformed request body")
    if not isinstance(decoded, dict):
        return cinder_fault(404)  # `.keys()` fails: AttributeError → 404
    name = next(iter(decoded))
    handler = _ACTIONS.get(name)
    if handler is None:  # also the long-gone replication actions (os-enable_replication...)
        raise BadRequest(f"There is no such action: {name}. Verify the request body and "
                         "Content-Type header and try again.")
    caller = _caller(req, "volume_extension:volume_actions")
    return handler(req, _model(req), caller, req.params["volume_id"], decoded)


_Action = Callable[[FakeRequest, BlockStorageModel, Caller, str, dict[str, Any]], FakeResponse]


def _extend(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
            body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.EXTEND, body)
    volume = model.get_volume(caller, volume_id)
    attached = _version(req) >= (3, 42) and volume.status == "in-use"
    model.extend_volume(caller, volume_id, int(body["os-extend"]["new_size"]), attached=attached)
    return _empty(202)


def _set_bootable(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.SET_BOOTABLE, body)
    model.get_volume(caller, volume_id)
    model.set_bootable(caller, volume_id,
                       schema.bool_from_string(body["os-set_bootable"]["bootable"]))
    return _empty(200)


def _reserve(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
             body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.RESERVE, body)
    model.reserve(caller, volume_id)
    return _empty(202)


def _unreserve(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
               body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.UNRESERVE, body)
    model.unreserve(caller, volume_id)
    return _empty(202)


def _begin_detaching(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                     body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.BEGIN_DETACHING, body)
    model.begin_detaching(caller, volume_id)
    return _empty(202)


def _roll_detaching(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                    body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.ROLL_DETACHING, body)
    model.roll_detaching(caller, volume_id)
    return _empty(202)


def _attach(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
            body: dict[str, Any]) -> FakeResponse:
    """`os-attach`; a `readonly` volume attaches only `ro` (`volume.api.API.attach`), and a
    new attachment records its mode as the `attached_mode` admin metadata (`begin_attach`),
    with `readonly` `False` unless set."""
    schema.check_body(schema.ATTACH, body)
    given = body["os-attach"]
    mode = given.get("mode", "rw")
    volume = model.get_volume(caller, volume_id)
    if volume.status != "maintenance" and volume.admin_metadata.get("readonly") == "True" \
            and mode != "ro":
        raise BadRequest(f"Invalid attaching mode '{mode}' for volume {volume.id}.")
    before = {a.id for a in volume.attachments}
    made = model.attach(caller, volume_id, instance_uuid=given.get("instance_uuid"),
                        host_name=given.get("host_name"), mountpoint=given["mountpoint"],
                        mode=mode)
    volume.admin_metadata.setdefault("readonly", "False")
    if made.id not in before:
        volume.admin_metadata["attached_mode"] = mode
    return _empty(202)


def _detach(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
            body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.DETACH, body)
    given = body["os-detach"] or {}
    volume = model.get_volume(caller, volume_id)
    count = len(volume.attachments)
    model.detach(caller, volume_id, given.get("attachment_id"))
    if len(volume.attachments) < count:  # `finish_detach` drops the attach mode
        volume.admin_metadata.pop("attached_mode", None)
    return _empty(202)


def _reset_status(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    _admin(caller, "volume_extension:volume_admin_actions:reset_status")
    schema.check_body(schema.RESET_STATUS, body)
    given = body["os-reset_status"]
    if not any(given.get(k) for k in ("status", "attach_status", "migration_status")):
        raise BadRequest("Must specify 'status', 'attach_status' or 'migration_status' for "
                         "update.")
    status = given.get("status")
    if status is not None:
        from stackdouble.fakes.blockstorage.models import VOLUME_STATUSES

        if status.lower() not in VOLUME_STATUSES:
            raise BadRequest(f"Volume status: {status} is invalid, valid statuses are: "
                             f"{sorted(VOLUME_STATUSES)}.")
        status = status.lower()
    migration = given.get("migration_status")
    volume = model.get_volume(caller, volume_id)
    if migration:
        model.set_migration_status(caller, volume_id, migration)
    model.reset_status(caller, volume_id, status, given.get("attach_status"))
    if given.get("attach_status") == "detached":  # `_clean_volume_attachment`
        volume.admin_metadata.pop("attached_mode", None)
    return _empty(202)


def _force_delete(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    _admin(caller, "volume_extension:volume_admin_actions:force_delete")
    schema.check_body(schema.FORCE_DELETE, body)
    model.delete_volume(caller, volume_id, force=True)
    return _empty(202)


_ACTIONS: dict[str, _Action] = {
    "os-extend": _extend,
    "os-set_bootable": _set_bootable,
    "os-reserve": _reserve,
    "os-unreserve": _unreserve,
    "os-begin_detaching": _begin_detaching,
    "os-roll_detaching": _roll_detaching,
    "os-attach": _attach,
    "os-detach": _detach,
    "os-reset_status": _reset_status,
    "os-force_delete": _force_delete,
    "os-volume_upload_image": imageactions.upload_image,
    "os-reimage": imageactions.reimage,
    "os-set_image_metadata": imageactions.set_image_metadata,
    "os-unset_image_metadata": imageactions.unset_image_metadata,
    "os-show_image_metadata": imageactions.show_image_metadata,
    "os-retype": volumeactions.retype,
    "os-update_readonly_flag": volumeactions.update_readonly_flag,
    "os-initialize_connection": volumeactions.initialize_connection,
    "os-terminate_connection": volumeactions.terminate_connection,
    "os-force_detach": volumeactions.force_detach,
    "os-migrate_volume": volumeactions.migrate_volume,
    "os-migrate_volume_completion": volumeactions.migrate_volume_completion,
    "os-extend_volume_completion": volumeactions.extend_volume_completion,
    "os-unmanage": volumeactions.unmanage,
    "revert": volumeactions.revert,
}


# -- volume metadata --------------------------------------------------------------------------


def get_metadata(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/{id}/metadata`."""
    volume = _model(req).get_volume(_caller(req), req.params["volume_id"])
    return _ok({"metadata": dict(volume.metadata)})


def create_metadata(req: FakeRequest) -> FakeResponse:
    """`POST /volumes/{id}/metadata`: merge; 200 with all of it."""
    return _set_metadata(req, replace=False)


def replace_metadata(req: FakeRequest) -> FakeResponse:
    """`PUT /volumes/{id}/metadata`: replace; 200 with all of it."""
    return _set_metadata(req, replace=True)


def _set_metadata(req: FakeRequest, *, replace: bool) -> FakeResponse:
    caller = _caller(req, "volume:create_volume_metadata")
    body = _required_body(req)
    schema.check_body(schema.METADATA_CREATE, body)
    merged = _model(req).set_metadata(caller, req.params["volume_id"], body["metadata"],
                                      replace=replace)
    return _ok({"metadata": merged})


def get_metadatum(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/{id}/metadata/{key}`: `{"meta": {key: value}}`."""
    volume = _model(req).get_volume(_caller(req), req.params["volume_id"])
    key = req.params["key"]
    if key not in volume.metadata:
        from stackdouble.fakes.blockstorage.errors import NotFound

        raise NotFound(f"Volume {volume.id} has no metadata with key {key}.")
    return _ok({"meta": {key: volume.metadata[key]}})


def set_metadatum(req: FakeRequest) -> FakeResponse:
    """`PUT /volumes/{id}/metadata/{key}` with `{"meta": {key: value}}`."""
    caller = _caller(req, "volume:update_volume_metadata")
    body = _required_body(req)
    schema.check_body(schema.METADATA_UPDATE, body)
    item = body["meta"]
    key = req.params["key"]
    if key not in item:
        raise BadRequest("Request body and URI mismatch")
    if len(item) > 1:
        raise BadRequest("Request body contains too many items")
    _model(req).set_metadata(caller, req.params["volume_id"], item, replace=False)
    return _ok({"meta": dict(item)})


def delete_metadatum(req: FakeRequest) -> FakeResponse:
    """`DELETE /volumes/{id}/metadata/{key}`: 200, no body."""
    _model(req).delete_metadatum(_caller(req, "volume:delete_volume_metadata"),
                                 req.params["volume_id"], req.params["key"])
    return _empty(200, html=True)
