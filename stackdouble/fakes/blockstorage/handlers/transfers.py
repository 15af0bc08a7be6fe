"""Volume transfers (`cinder/api/contrib/volume_transfer.py` at `/os-volume-transfer`,
`cinder/api/v3/volume_transfer.py` at 3.55's `/volume-transfers`), for
`client/openstack/blockstorage/v3/transfers`.

Both paths reach the v3 controller, so they answer alike at a given microversion: 3.55
adds `no_snapshots`, 3.57 the history (`source_project_id`, `destination_project_id`,
`accepted`), 3.59 paging with `marker` and sort parameters (newest first by default;
before it, oldest first, and every query parameter but `all_tenants` is a filter, so
even `limit` makes the listing empty, as in Cinder).
"""

from __future__ import annotations

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import BadRequest, OverLimit, QuotaError
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

__all__ = ["accept_transfer", "create_transfer", "delete_transfer", "list_transfers",
           "list_transfers_detail", "show_transfer"]

_PAGING_KEYS = frozenset({"marker", "limit", "offset", "sort", "sort_key", "sort_dir"})


def list_transfers(req: FakeRequest) -> FakeResponse:
    """`GET /os-volume-transfer`: ids, volume ids, names and links."""
    return _list(req, detail=False)


def list_transfers_detail(req: FakeRequest) -> FakeResponse:
    """`GET /os-volume-transfer/detail`."""
    return _list(req, detail=True)


def _list(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _caller(req, "volume:get_all_transfers")
    model = _model(req)
    paged = _version(req) >= (3, 59)
    marker, limit, offset = schema.paging(req, model.max_limit)
    descending = False
    if paged:
        params = schema.list_params(req, _version(req), model.max_limit)
        descending = not params.sort or params.sort[0][1] == "desc"
    filters = {("display_name" if k == "name" else k): v for k, v in req.args.items()
               if k != "all_tenants" and not (paged and k in _PAGING_KEYS)}
    all_tenants = schema.bool_from_string(req.args.get("all_tenants", "false"), strict=False)
    found = model.list_transfers(caller, filters, all_tenants=all_tenants,
                                 marker=marker if paged else None, descending=descending)
    page = found[offset:offset + limit]
    return _ok(views.transfer_list(_ctx(req, caller), page, limit, len(found),
                                   detail=detail))


def show_transfer(req: FakeRequest) -> FakeResponse:
    """`GET /os-volume-transfer/{id}`: the detail view."""
    caller = _caller(req, "volume:get_transfer")
    transfer = _model(req).get_transfer(caller, req.params["transfer_id"])
    return _ok({"transfer": views.transfer_detail(_ctx(req, caller), transfer)})


def create_transfer(req: FakeRequest) -> FakeResponse:
    """`POST /os-volume-transfer`: 202 with the detail view and the `auth_key`."""
    caller = _caller(req, "volume:create_transfer")
    body = _required_body(req)
    version = _version(req)
    schema.check_body(schema.TRANSFER_CREATE_V355 if version >= (3, 55) else
                      schema.TRANSFER_CREATE, body)
    given = body["transfer"]
    name = given.get("name")
    error = schema.transfer_name_error(name)
    if error is not None:
        raise BadRequest(error)
    transfer, auth_key = _model(req).create_transfer(
        caller, given["volume_id"], name=name.strip() if isinstance(name, str) else None,
        no_snapshots=schema.bool_from_string(given.get("no_snapshots", False), strict=False))
    return _ok({"transfer": views.transfer_created(_ctx(req, caller), transfer, auth_key)},
               202)


def accept_transfer(req: FakeRequest) -> FakeResponse:
    """`POST /os-volume-transfer/{id}/accept`: 202 with the summary view; over the
    gigabytes quota, a 413 without the exception's name (the controller's own)."""
    caller = _caller(req, "volume:accept_transfer")
    body = _required_body(req)
    schema.check_body(schema.TRANSFER_ACCEPT, body)
    try:
        transfer = _model(req).accept_transfer(caller, req.params["transfer_id"],
                                               str(body["accept"]["auth_key"]))
    except QuotaError as exc:
        if exc.kind != "VolumeSizeExceedsAvailableQuota":
            raise
        # the controller catches this one and answers its bare message
        raise OverLimit((exc.message or "").removeprefix(f"{exc.kind}: ")) from None
    return _ok({"transfer": views.transfer_summary(_ctx(req, caller), transfer)}, 202)


def delete_transfer(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-volume-transfer/{id}`: 202, no body."""
    _model(req).delete_transfer(_caller(req, "volume:delete_transfer"),
                                req.params["transfer_id"])
    return _empty(202, html=True)
