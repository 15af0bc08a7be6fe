"""Snapshots and their metadata (`cinder/api/v3/snapshots.py`,
`cinder/api/v3/snapshot_metadata.py`), for `client/openstack/blockstorage/v3/snapshots`."""

from __future__ import annotations

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import BadRequest, snapshot_metadata_not_found
from stackdouble.fakes.blockstorage.handlers._common import (
    _caller,
    _ctx,
    _empty,
    _model,
    _ok,
    _required_body,
    _version,
)
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "create_snapshot",
    "create_snapshot_metadata",
    "delete_snapshot",
    "delete_snapshot_metadatum",
    "get_snapshot_metadata",
    "get_snapshot_metadatum",
    "list_snapshots",
    "list_snapshots_detail",
    "replace_snapshot_metadata",
    "set_snapshot_metadatum",
    "show_snapshot",
    "update_snapshot",
]


def list_snapshots(req: FakeRequest) -> FakeResponse:
    """`GET /snapshots`."""
    return _list_snapshots(req, detail=False)


def list_snapshots_detail(req: FakeRequest) -> FakeResponse:
    """`GET /snapshots/detail`."""
    return _list_snapshots(req, detail=True)


def _list_snapshots(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _caller(req, "volume:get_all_snapshots")
    version = _version(req)
    model = _model(req)
    params = schema.list_params(req, version, model.max_limit, rename_name=version >= (3, 30))
    filters, all_tenants, impossible = schema.snapshot_filters(req, caller, version)
    found = [] if impossible else model.list_snapshots(
        caller, filters, limit=params.limit, marker=params.marker, offset=params.offset,
        sort=params.sort, all_tenants=all_tenants)
    count = None
    if params.with_count:
        count = 0 if impossible else model.count_snapshots(caller, filters,
                                                           all_tenants=all_tenants)
    return _ok(views.snapshot_list(_ctx(req, caller), found, params.limit, count,
                                   detail=detail))


def create_snapshot(req: FakeRequest) -> FakeResponse:
    """`POST /snapshots`: 202 with the new snapshot (`creating`)."""
    caller = _caller(req, "volume:create_snapshot")
    version = _version(req)
    body = _required_body(req)
    schema.check_body(schema.SNAPSHOT_CREATE, body)
    given = body["snapshot"]
    model = _model(req)
    volume_id = given["volume_id"]
    if volume_id is None:
        from stackdouble.fakes.blockstorage.errors import volume_not_found

        raise volume_not_found("None")
    model.get_volume(caller, volume_id)
    snap = model.create_snapshot(caller, volume_id,
                                 **schema.snapshot_create_args(given, version))
    return _ok({"snapshot": views.snapshot_detail(_ctx(req, caller), snap, extended=False)},
               202)


def show_snapshot(req: FakeRequest) -> FakeResponse:
    """`GET /snapshots/{id}`."""
    caller = _caller(req)
    snap = _model(req).get_snapshot(caller, req.params["snapshot_id"])
    return _ok({"snapshot": views.snapshot_detail(_ctx(req, caller), snap)})


def update_snapshot(req: FakeRequest) -> FakeResponse:
    """`PUT /snapshots/{id}`: 200 with the snapshot."""
    caller = _caller(req, "volume:update_snapshot")
    body = _required_body(req)
    schema.check_body(schema.SNAPSHOT_UPDATE, body)
    changes = schema.snapshot_changes(body["snapshot"])
    snap = _model(req).update_snapshot(caller, req.params["snapshot_id"], changes)
    return _ok({"snapshot": views.snapshot_detail(_ctx(req, caller), snap, extended=False)})


def delete_snapshot(req: FakeRequest) -> FakeResponse:
    """`DELETE /snapshots/{id}`: 202."""
    _model(req).delete_snapshot(_caller(req, "volume:delete_snapshot"),
                                req.params["snapshot_id"])
    return _empty(202, html=True)


# -- snapshot metadata ------------------------------------------------------------------------


def get_snapshot_metadata(req: FakeRequest) -> FakeResponse:
    """`GET /snapshots/{id}/metadata`."""
    snap = _model(req).get_snapshot(_caller(req, "volume:get_snapshot_metadata"),
                                    req.params["snapshot_id"])
    return _ok({"metadata": dict(snap.metadata)})


def create_snapshot_metadata(req: FakeRequest) -> FakeResponse:
    """`POST /snapshots/{id}/metadata`: merge; 200 with all of it."""
    return _set_snapshot_metadata(req, replace=False)


def replace_snapshot_metadata(req: FakeRequest) -> FakeResponse:
    """`PUT /snapshots/{id}/metadata`: replace; 200 with all of it."""
    return _set_snapshot_metadata(req, replace=True)


def _set_snapshot_metadata(req: FakeRequest, *, replace: bool) -> FakeResponse:
    caller = _caller(req, "volume:update_snapshot_metadata")
    body = _required_body(req)
    schema.check_body(schema.SNAPSHOT_METADATA_CREATE, body)
    merged = _model(req).set_snapshot_metadata(caller, req.params["snapshot_id"],
                                               body["metadata"], replace=replace)
    return _ok({"metadata": merged})


def get_snapshot_metadatum(req: FakeRequest) -> FakeResponse:
    """`GET /snapshots/{id}/metadata/{key}`: `{"meta": {key: value}}`."""
    snap = _model(req).get_snapshot(_caller(req, "volume:get_snapshot_metadata"),
                                    req.params["snapshot_id"])
    key = req.params["key"]
    if key not in snap.metadata:
        raise snapshot_metadata_not_found(snap.id, key)
    return _ok({"meta": {key: snap.metadata[key]}})


def set_snapshot_metadatum(req: FakeRequest) -> FakeResponse:
    """`PUT /snapshots/{id}/metadata/{key}` with `{"meta": {key: value}}`: 200 with it."""
    caller = _caller(req, "volume:update_snapshot_metadata")
    body = _required_body(req)
    schema.check_body(schema.SNAPSHOT_METADATA_UPDATE, body)
    item = body["meta"]
    key = req.params["key"]
    if key not in item:
        raise BadRequest("Request body and URI mismatch")
    _model(req).set_snapshot_metadata(caller, req.params["snapshot_id"], item, replace=False)
    return _ok({"meta": dict(item)})


def delete_snapshot_metadatum(req: FakeRequest) -> FakeResponse:
    """`DELETE /snapshots/{id}/metadata/{key}`: 200, no body."""
    _model(req).delete_snapshot_metadatum(_caller(req, "volume:delete_snapshot_metadata"),
                                          req.params["snapshot_id"], req.params["key"])
    return _empty(200, html=True)
