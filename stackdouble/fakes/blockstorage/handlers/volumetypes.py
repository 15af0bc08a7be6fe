"""Volume types (`cinder/api/v3/types.py`), for
`client/openstack/blockstorage/v3/volumetypes`."""

from __future__ import annotations

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.handlers._common import (
    _caller,
    _ctx,
    _model,
    _ok,
)
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["list_volume_types", "show_volume_type"]


def list_volume_types(req: FakeRequest) -> FakeResponse:
    """`GET /types`: every type the caller may see, with links when the page is full."""
    caller = _caller(req, "volume_extension:type_get_all")
    model = _model(req)
    marker, limit, offset = schema.paging(req, model.max_limit)
    types = model.list_volume_types(caller)
    if marker is not None:
        ids = [t.id for t in types]
        if marker not in ids:
            from stackdouble.fakes.blockstorage.errors import volume_type_not_found

            raise volume_type_not_found(marker)
        types = types[ids.index(marker) + 1:]
    types = types[offset:offset + limit]
    return _ok(views.volume_type_list(_ctx(req, caller), types, limit))


def show_volume_type(req: FakeRequest) -> FakeResponse:
    """`GET /types/{id}` (`default` is the default type)."""
    caller = _caller(req, "volume_extension:type_get")
    vtype = _model(req).get_volume_type(caller, req.params["type_id"])
    return _ok({"volume_type": views.volume_type(_ctx(req, caller), vtype)})
