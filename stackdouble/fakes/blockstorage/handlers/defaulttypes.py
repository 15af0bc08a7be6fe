"""The per-project default volume types of microversion 3.62
(`cinder/api/v3/default_types.py`), for `client/openstack/blockstorage/v3/defaulttypes`.

Cinder routes them with and without the project in the URL (`router.py` connects both
`/{project_id}/default-types` and `/default-types`). Below 3.62 every route answers the
bare 404 of a method the microversion lacks. The body is validated (`schemas/
default_types.py`) before the project and the policy are checked; the type is looked up
last, and a missing one is a 400.

Deliberate difference: a body without `default_type` (`{}`) makes Cinder's controller
fail with a `KeyError`, a 500; the fake's schema requires the key, a 400.
"""

from __future__ import annotations

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import NotFound
from stackdouble.fakes.blockstorage.handlers._common import (
    _caller,
    _empty,
    _model,
    _ok,
    _required_body,
    _version,
)
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["delete_default_type", "list_default_types", "set_default_type",
           "show_default_type"]

#: `mv.DEFAULT_TYPE_OVERRIDES`.
MIN_VERSION = (3, 62)


def _gated(req: FakeRequest, rule: str) -> Caller:
    if _version(req) < MIN_VERSION:
        raise NotFound()
    return _caller(req, rule)


def set_default_type(req: FakeRequest) -> FakeResponse:
    """`PUT /default-types/{project_id}`: 200 with the project and the type's id."""
    caller = _gated(req, "volume_extension:default_set_or_update")
    body = _required_body(req)
    schema.check_body(schema.DEFAULT_TYPE_SET, body)
    project, type_id = _model(req).set_default_type(
        caller, req.params["target_id"], body["default_type"]["volume_type"])
    return _ok(views.default_type(project, type_id))


def show_default_type(req: FakeRequest) -> FakeResponse:
    """`GET /default-types/{project_id}`: 200, or 404 when none is set."""
    caller = _gated(req, "volume_extension:default_get")
    project, type_id = _model(req).project_default_type(caller, req.params["target_id"])
    return _ok(views.default_type(project, type_id))


def list_default_types(req: FakeRequest) -> FakeResponse:
    """`GET /default-types`: every project's default type (admins)."""
    caller = _gated(req, "volume_extension:default_get_all")
    return _ok(views.default_type_list(_model(req).list_default_types(caller)))


def delete_default_type(req: FakeRequest) -> FakeResponse:
    """`DELETE /default-types/{project_id}`: 204, set or not."""
    caller = _gated(req, "volume_extension:default_unset")
    _model(req).unset_default_type(caller, req.params["target_id"])
    return _empty(204)
