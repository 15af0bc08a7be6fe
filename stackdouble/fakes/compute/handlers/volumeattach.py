"""Nova's `os-volume_attachments` API (`nova/api/openstack/compute/volume_attachments.py`),
served by the fake Nova but kept with the block storage fake whose attachments it changes.

`install(compute_service)` adds the routes to the fake Nova's router (the block storage
service does it when it is mounted); they run behind Nova's `api()` wrapper, so they read
Nova's microversion headers and answer Nova's faults:

* `GET /servers/{id}/os-volume_attachments` and `.../{volume_id}`: the BDMs (2.70 `tag`,
  2.79 `delete_on_termination`, 2.89 `attachment_id` and `bdm_uuid` instead of `id`);
* `POST`: 200 `{"volumeAttachment": {...}}` with the device (`/dev/vdb`, ...), after
  Nova's lock and state checks (409) and Cinder's reservation (400);
* `DELETE`: 202; the attachment goes once the detach completes;
* `PUT`: from 2.85, change `delete_on_termination`; swapping volumes is for Cinder only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stackdouble.fakes.blockstorage import views
from stackdouble.fakes.compute import schema as nova_schema
from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import (
    BadRequest,
    Conflict,
    NotFound,
    instance_locked,
    invalid_state,
    policy_forbidden,
)
from stackdouble.fakes.compute.handlers import MICROVERSION_KEY, api
from stackdouble.fakes.compute.models import Caller, Server
from stackdouble.fakes.http import FakeRequest, FakeResponse

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models import BlockStorageModel
    from stackdouble.fakes.http import Service

__all__ = ["install"]

#: vm_states `attach_volume` and `detach_volume` accept (`check_instance_state`).
_ATTACHABLE = (st.ACTIVE, st.PAUSED, st.STOPPED, st.RESIZED, st.SOFT_DELETED, st.SHELVED,
               st.SHELVED_OFFLOADED)
_DEVICE = {"type": ["string", "null"],
           "pattern": "(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$"}
_BOOLEAN = {"type": ["boolean", "string"],
            "enum": [True, "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes",
                     False, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No",
                     "no"]}
_TAG = {"type": "string", "pattern": "^[^,/]*$", "minLength": 1, "maxLength": 60}
_UUID = {"type": "string", "format": "uuid"}


def _create_schema(version: tuple[int, int]) -> dict[str, Any]:
    properties: dict[str, Any] = {"volumeId": _UUID, "device": _DEVICE}
    if version >= (2, 49):
        properties["tag"] = _TAG
    if version >= (2, 79):
        properties["delete_on_termination"] = _BOOLEAN
    return {"type": "object",
            "properties": {"volumeAttachment": {"type": "object", "properties": properties,
                                                "required": ["volumeId"],
                                                "additionalProperties": False}},
            "required": ["volumeAttachment"], "additionalProperties": False}


_SCHEMAS: dict[tuple[int, int], dict[str, Any]] = {}


def _schema_for(version: tuple[int, int]) -> dict[str, Any]:
    band = (2, 79) if version >= (2, 79) else (2, 49) if version >= (2, 49) else (2, 1)
    if band not in _SCHEMAS:
        _SCHEMAS[band] = _create_schema(band)
    return _SCHEMAS[band]


_UPDATE_V285 = {"type": "object",
                "properties": {"volumeAttachment": {
                    "type": "object",
                    "properties": {"volumeId": _UUID, "device": _DEVICE, "tag": _TAG,
                                   "delete_on_termination": _BOOLEAN, "serverId": _UUID,
                                   "id": _UUID},
                    "required": ["volumeId"], "additionalProperties": False}},
                "required": ["volumeAttachment"], "additionalProperties": False}
_UPDATE = {"type": "object",
           "properties": {"volumeAttachment": {"type": "object",
                                               "properties": {"volumeId": _UUID},
                                               "required": ["volumeId"],
                                               "additionalProperties": False}},
           "required": ["volumeAttachment"], "additionalProperties": False}


def install(compute: Service) -> None:
    """Add the `os-volume_attachments` routes to the fake Nova (once)."""
    base = "/v2.1/servers/{server_id}/os-volume_attachments"
    if compute.router.match("/v2.1/servers/x/os-volume_attachments") is not None:
        return
    compute.router.add("GET", base, api(list_attachments))
    compute.router.add("POST", base, api(attach_volume))
    compute.router.add("GET", base + "/{volume_id}", api(show_attachment))
    compute.router.add("PUT", base + "/{volume_id}", api(update_attachment))
    compute.router.add("DELETE", base + "/{volume_id}", api(detach_volume))


def _storage(req: FakeRequest) -> BlockStorageModel:
    storage: BlockStorageModel = req.cloud.block_storage
    return storage


def _version(req: FakeRequest) -> tuple[int, int]:
    version: tuple[int, int] = req.environ.get(MICROVERSION_KEY, (2, 1))
    return version


def _caller(req: FakeRequest, rule: str) -> Caller:
    token = req.require_token()
    if token.project_id is None:
        raise policy_forbidden(f"os_compute_api:os-volumes-attachments:{rule}")
    return Caller(project_id=token.project_id, user_id=token.user_id, is_admin=token.is_admin)


def _server(req: FakeRequest, caller: Caller) -> Server:
    return req.cloud.compute.get_server(caller, req.params["server_id"])


def _body(req: FakeRequest) -> Any:
    import json

    raw = req.body
    if not raw:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None


def _check_server(caller: Caller, server: Server, action: str) -> None:
    """`check_instance_lock` then `check_instance_state(vm_state=..., task_state=[None])`."""
    if server.locked_by is not None and not caller.is_admin:
        raise instance_locked(server.uuid)
    if server.vm_state not in _ATTACHABLE:
        raise invalid_state(action, server.uuid, "vm_state", server.vm_state)
    if server.task_state is not None:
        raise invalid_state(action, server.uuid, "task_state", server.task_state)


def list_attachments(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/os-volume_attachments[?limit=&offset=]`."""
    caller = _caller(req, "index")
    server = _server(req, caller)
    version = _version(req)
    query = {k: req.args.getlist(k) for k, _ in req.args.items()}
    limits = {"type": ["integer", "string"], "pattern": "^[0-9]*$", "minimum": 0,
              "minLength": 1}
    nova_schema.check_query({"type": "object",
                             "properties": {"limit": {"type": "array", "items": limits},
                                            "offset": {"type": "array", "items": limits}},
                             "additionalProperties": version < (2, 75)}, query)
    bdms = _storage(req).server_attachments(server.uuid)
    offset = int(req.args.getlist("offset")[-1]) if "offset" in req.args else 0
    limit_raw = req.args.getlist("limit")
    limit = min(int(limit_raw[-1]), 1000) if limit_raw else 1000
    page = bdms[offset:offset + limit]
    return FakeResponse.json(200, {"volumeAttachments": [views.nova_attachment(a, version)
                                                         for a in page]})


def show_attachment(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/os-volume_attachments/{volume_id}`."""
    caller = _caller(req, "show")
    server = _server(req, caller)
    volume_id = req.params["volume_id"]
    found = next((a for a in _storage(req).server_attachments(server.uuid)
                  if a.volume_id == volume_id), None)
    if found is None:
        raise NotFound(f"Instance {req.params['server_id']} is not attached to volume "
                       f"{volume_id}")
    return FakeResponse.json(200, {"volumeAttachment": views.nova_attachment(
        found, _version(req))})


def attach_volume(req: FakeRequest) -> FakeResponse:
    """`POST /servers/{id}/os-volume_attachments`: 200 with the attachment."""
    caller = _caller(req, "create")
    version = _version(req)
    body = _body(req)
    nova_schema.check_body(_schema_for(version), body)
    server = _server(req, caller)
    given = body["volumeAttachment"]
    delete = given.get("delete_on_termination", False)
    if not isinstance(delete, bool):
        delete = str(delete).lower() in ("true", "1", "on", "yes")
    _check_server(caller, server, "attach_volume")
    attachment = _storage(req).nova_attach(
        caller, server, given["volumeId"], device=given.get("device"), tag=given.get("tag"),
        delete_on_termination=delete, supports_multiattach=version >= (2, 60))
    return FakeResponse.json(200, {"volumeAttachment": views.nova_attachment(
        attachment, version, created=True)})


def update_attachment(req: FakeRequest) -> FakeResponse:
    """`PUT /servers/{id}/os-volume_attachments/{volume_id}`: 202; only
    `delete_on_termination` may change (2.85); a swap is for Cinder's migrations."""
    caller = _caller(req, "update")
    version = _version(req)
    server = _server(req, caller)
    body = _body(req)
    volume_id = req.params["volume_id"]
    nova_schema.check_body(_UPDATE_V285 if version >= (2, 85) else _UPDATE, body)
    given = body["volumeAttachment"]
    if version < (2, 85) or given["volumeId"] != volume_id:
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-volumes-attachments:swap")
        raise Conflict(f"volume {volume_id} is not migrating; this API should only be called "
                       "by Cinder")
    found = next((a for a in _storage(req).server_attachments(server.uuid)
                  if a.volume_id == volume_id), None)
    if found is None:
        raise NotFound(f"Instance {server.uuid} is not attached to volume {volume_id}")
    for key, current in (("id", volume_id), ("serverId", server.uuid), ("device", found.device),
                         ("tag", found.tag)):
        if key in given and given[key] != current:
            raise BadRequest(f"The {key} property is not mutable")
    if "delete_on_termination" in given:
        value = given["delete_on_termination"]
        found.delete_on_termination = value if isinstance(value, bool) else str(
            value).lower() in ("true", "1", "on", "yes")
    return FakeResponse(202, b"", [("Content-Type", "application/json")])


def detach_volume(req: FakeRequest) -> FakeResponse:
    """`DELETE /servers/{id}/os-volume_attachments/{volume_id}`: 202."""
    caller = _caller(req, "delete")
    server = _server(req, caller)
    storage = _storage(req)
    storage.nova_attachment(caller, server, req.params["volume_id"])
    _check_server(caller, server, "detach_volume")
    storage.nova_detach(caller, server, req.params["volume_id"])
    return FakeResponse(202, b"", [("Content-Type", "application/json")])
