"""QoS specs (`cinder/api/contrib/qos_specs_manage.py` at `/qos-specs`), for
`client/openstack/blockstorage/v3/qos`.

Every call is an admin's (`volume_extension:qos_specs_manage:*`); the bodies of create,
update and delete_keys are validated before that check, as Cinder's schema decorator
runs first. Associate, disassociate and disassociate_all are `GET`s with the type in
`vol_type_id`; every change answers 202 with no body (webob's `text/html`), except
create (200, the detail view) and update (200, the body as sent).
"""

from __future__ import annotations

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import BadRequest
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
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["create_qos_specs", "delete_qos_keys", "delete_qos_specs", "list_qos_specs",
           "qos_associate", "qos_associations", "qos_disassociate", "qos_disassociate_all",
           "show_qos_specs", "update_qos_specs"]

_RULE = "volume_extension:qos_specs_manage:"
_PAGING_KEYS = frozenset({"marker", "limit", "offset", "sort", "sort_key", "sort_dir"})


def _admin_caller(req: FakeRequest, action: str) -> None:
    _admin(_caller(req, _RULE + action), _RULE + action)


def list_qos_specs(req: FakeRequest) -> FakeResponse:
    """`GET /qos-specs`: newest first, paged."""
    caller = _caller(req, _RULE + "get_all")
    _admin(caller, _RULE + "get_all")
    model = _model(req)
    params = schema.list_params(req, _version(req), model.max_limit, rename_name=False)
    filters = {k: v for k, v in req.args.items() if k not in _PAGING_KEYS}
    found = model.list_qos_specs(filters, sort=params.sort, marker=params.marker)
    page = found[params.offset:params.offset + params.limit]
    return _ok(views.qos_specs_list(_ctx(req, caller), page, params.limit))


def show_qos_specs(req: FakeRequest) -> FakeResponse:
    """`GET /qos-specs/{id}`."""
    caller = _caller(req, _RULE + "get")
    _admin(caller, _RULE + "get")
    found = _model(req).get_qos_specs(req.params["qos_id"])
    return _ok(views.qos_specs(_ctx(req, caller), found))


def create_qos_specs(req: FakeRequest) -> FakeResponse:
    """`POST /qos-specs`: 200 with the detail view."""
    body = _required_body(req)
    schema.check_body(schema.QOS_CREATE, body)
    given = dict(body["qos_specs"])
    name = given.pop("name")
    error = schema.qos_name_error(name)
    if error is not None:
        raise BadRequest(error)
    caller = _caller(req, _RULE + "create")
    _admin(caller, _RULE + "create")
    made = _model(req).create_qos_specs(name.strip(), given)
    return _ok(views.qos_specs(_ctx(req, caller), made))


def update_qos_specs(req: FakeRequest) -> FakeResponse:
    """`PUT /qos-specs/{id}`: 200 with the body as sent."""
    body = _required_body(req)
    schema.check_body(schema.QOS_SET, body)
    _admin_caller(req, "update")
    _model(req).update_qos_specs(req.params["qos_id"], body["qos_specs"])
    return _ok(body)


def delete_qos_keys(req: FakeRequest) -> FakeResponse:
    """`PUT /qos-specs/{id}/delete_keys`: 202."""
    body = _required_body(req)
    schema.check_body(schema.QOS_UNSET, body)
    _admin_caller(req, "delete")
    _model(req).delete_qos_keys(req.params["qos_id"], body["keys"])
    return _empty(202, html=True)


def delete_qos_specs(req: FakeRequest) -> FakeResponse:
    """`DELETE /qos-specs/{id}[?force=true]`: 202."""
    _admin_caller(req, "delete")
    raw = req.args.get("force")
    force = schema.bool_param("force", raw) if raw is not None else False
    _model(req).delete_qos_specs(req.params["qos_id"], force=force)
    return _empty(202, html=True)


def qos_associations(req: FakeRequest) -> FakeResponse:
    """`GET /qos-specs/{id}/associations`."""
    _admin_caller(req, "get_all")
    return _ok(views.qos_associations(_model(req).qos_associations(req.params["qos_id"])))


def _type_id(req: FakeRequest) -> str:
    type_id = req.args.get("vol_type_id")
    if not type_id:
        raise BadRequest("Volume Type id must not be None.")
    return type_id


def qos_associate(req: FakeRequest) -> FakeResponse:
    """`GET /qos-specs/{id}/associate?vol_type_id=`: 202."""
    _admin_caller(req, "update")
    _model(req).associate_qos_specs(req.params["qos_id"], _type_id(req))
    return _empty(202, html=True)


def qos_disassociate(req: FakeRequest) -> FakeResponse:
    """`GET /qos-specs/{id}/disassociate?vol_type_id=`: 202."""
    _admin_caller(req, "update")
    _model(req).disassociate_qos_specs(req.params["qos_id"], _type_id(req))
    return _empty(202, html=True)


def qos_disassociate_all(req: FakeRequest) -> FakeResponse:
    """`GET /qos-specs/{id}/disassociate_all`: 202."""
    _admin_caller(req, "update")
    _model(req).disassociate_all_qos_specs(req.params["qos_id"])
    return _empty(202, html=True)
