"""`os-services` (`cinder/api/v3/services.py`, admins only) and `/resource_filters`
(`cinder/api/v3/resource_filters.py`, 3.33+), for
`client/openstack/blockstorage/v3/services` and `.../resourcefilters`.

The update actions validate the body first (`@validation.schema`), then check the policy,
then look the host up (`common.get_cluster_host`): a bad body from a member is a 400.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import NotFound, invalid_input
from stackdouble.fakes.blockstorage.handlers._common import (
    _admin,
    _caller,
    _model,
    _ok,
    _required_body,
    _version,
)
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["list_resource_filters", "list_services", "update_service"]

_HOST = {"type": ["string", "null"], "minLength": 1, "maxLength": 255,
         "pattern": r"^[a-zA-Z0-9-._#@:/+\[\]]*$"}
_BINARY = {"type": "string", "minLength": 1, "maxLength": 255}

#: `schemas/services.py`'s `enable_and_disable`.
ENABLE_AND_DISABLE: dict[str, Any] = {
    "type": "object",
    "properties": {"binary": _BINARY, "host": _HOST,
                   "cluster": {"type": ["string", "null"]}, "service": _BINARY},
    "anyOf": [{"required": ["binary"]}, {"required": ["service"]}],
    "additionalProperties": False,
}
#: `disable_log_reason`: the same with a `disabled_reason`.
DISABLE_LOG_REASON: dict[str, Any] = {
    **ENABLE_AND_DISABLE,
    "properties": {**ENABLE_AND_DISABLE["properties"],
                   "disabled_reason": {"type": "string", "minLength": 1, "maxLength": 255}},
}
#: `freeze_and_thaw`.
FREEZE_AND_THAW: dict[str, Any] = {
    "type": "object",
    "properties": {"cluster": {"type": ["string", "null"]}, "host": _HOST},
    "additionalProperties": False,
}

_UPDATE_RULE = "volume_extension:services:update"

def list_services(req: FakeRequest) -> FakeResponse:
    """`GET /os-services` (admins), filtered by `host` and `binary`."""
    caller = _caller(req, "volume_extension:services:index")
    _admin(caller, "volume_extension:services:index")
    services = _model(req).list_services(host=req.args.get("host"),
                                         binary=req.args.get("binary"))
    now = _model(req)._now()
    return _ok(views.services(services, now, _version(req)))


def update_service(req: FakeRequest) -> FakeResponse:
    """`PUT /os-services/{action}`: `enable`, `disable`, `disable-log-reason`, `freeze`,
    `thaw` (admins; `urls` routes no other action)."""
    action = req.path.rstrip("/").rsplit("/", 1)[-1]
    if action in ("enable", "disable"):
        return _enable_or_disable(req, action)
    if action == "disable-log-reason":
        return _disable_log_reason(req)
    return _freeze_or_thaw(req, action)


def _host(body: dict[str, Any], req: FakeRequest, cluster_version: tuple[int, int] | None
          ) -> str:
    """`common.get_cluster_host`; `cluster_version` None never reads a cluster (the fake
    has no clusters: a cluster finds nothing)."""
    if cluster_version is not None and _version(req) >= cluster_version:
        cluster, message = body.get("cluster"), "One and only one of cluster and host must be set."
    else:
        cluster, message = None, "Host field is missing."
    host = body.get("host")
    if bool(cluster) == bool(host):
        raise invalid_input(message)
    if not host:
        raise invalid_input(f"No service found with cluster={cluster}")
    return str(host)


def _enable_or_disable(req: FakeRequest, action: str) -> FakeResponse:
    caller = _caller(req, _UPDATE_RULE)
    body = _required_body(req)
    schema.check_body(ENABLE_AND_DISABLE, body)
    _admin(caller, _UPDATE_RULE)
    host = _host(body, req, None)
    service, binary = body.get("service", ""), body.get("binary", "")
    _model(req).service_by_args(host, binary or service)
    disabled = action == "disable"
    return _ok({"host": host, "service": service, "binary": binary,
                "status": "disabled" if disabled else "enabled", "disabled": disabled})


def _disable_log_reason(req: FakeRequest) -> FakeResponse:
    caller = _caller(req, _UPDATE_RULE)
    body = _required_body(req)
    schema.check_body(DISABLE_LOG_REASON, body)
    reason = body.get("disabled_reason")
    if reason is not None and not reason.strip():
        raise invalid_input("disabled_reason has 0 characters, less than 1.")
    _admin(caller, _UPDATE_RULE)
    host = _host(body, req, None)
    service, binary = body.get("service", ""), body.get("binary", "")
    _model(req).disable_service(host, binary or service, reason)
    return _ok({"host": host, "service": service, "binary": binary, "status": "disabled",
                "disabled": True, "disabled_reason": reason})


def _freeze_or_thaw(req: FakeRequest, action: str) -> FakeResponse:
    caller = _caller(req, _UPDATE_RULE)
    body = _required_body(req)
    schema.check_body(FREEZE_AND_THAW, body)
    _admin(caller, _UPDATE_RULE)
    host = _host(body, req, (3, 26))
    model = _model(req)
    if action == "freeze":
        model.freeze_host(host)
    else:
        model.thaw_host(host)
    return FakeResponse(200, b"", [("Content-Type", "application/json")])


def list_resource_filters(req: FakeRequest) -> FakeResponse:
    """`GET /resource_filters` (3.33+; earlier: the bare 404 of an unknown URL), all of
    them or `?resource=`'s."""
    if _version(req) < (3, 33):
        raise NotFound("The resource could not be found.")
    _caller(req)
    filters = _model(req).resource_filters(req.args.get("resource"))
    return _ok(views.resource_filters(filters))
