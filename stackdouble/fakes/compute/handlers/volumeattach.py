"""Nova's `os-volume_attachments` (`nova/api/openstack/compute/volume_attachments.py`; the
client's `compute/v2/extensions/volumeattach`).

Nova checks the server (lock, state) itself and asks the block storage service for the
rest through the cloud's `volumes` link (`stackdouble.fakes.links`), turning its refusals
into Nova's faults, as Nova turns Cinder's HTTP errors into its own:

* `GET /servers/{id}/os-volume_attachments` and `.../{volume_id}`: the BDMs (2.70 `tag`,
  2.79 `delete_on_termination`, 2.89 `attachment_id` and `bdm_uuid` instead of `id`);
* `POST`: 200 `{"volumeAttachment": {...}}` with the device (`/dev/vdb`, ...), after
  Nova's lock and state checks (409) and the volume's reservation (400);
* `DELETE`: 202; the attachment goes once the detach completes (a boot volume's root
  disk: 400);
* `PUT`: from 2.85, change `delete_on_termination`; swapping volumes is for Cinder only.

Without a block storage service every volume is unknown (404).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import (
    BadRequest,
    Conflict,
    NotFound,
    instance_locked,
    invalid_state,
    policy_forbidden,
)
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _model,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.models import Caller, Server
from stackdouble.fakes.compute.schema import volumeattach as schemas
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.links import (
    LinkConflict,
    LinkError,
    LinkNotFound,
    ServerRef,
    VolumeLink,
    VolumeMapping,
)

__all__ = [
    "attach_volume",
    "detach_volume",
    "list_attachments",
    "show_attachment",
    "update_attachment",
]

#: vm_states `attach_volume` and `detach_volume` accept (`check_instance_state`).
_ATTACHABLE = (st.ACTIVE, st.PAUSED, st.STOPPED, st.RESIZED, st.SOFT_DELETED, st.SHELVED,
               st.SHELVED_OFFLOADED)
_TRUE = ("true", "1", "on", "yes")


@contextmanager
def _as_nova() -> Iterator[None]:
    """The volume service's refusals as Nova's faults: 404, 409, else 400."""
    try:
        yield
    except LinkNotFound as exc:
        raise NotFound(exc.message) from None
    except LinkConflict as exc:
        raise Conflict(exc.message) from None
    except LinkError as exc:
        raise BadRequest(exc.message) from None


def _volumes(req: FakeRequest) -> VolumeLink:
    return req.cloud.links.volumes


def _caller_for(req: FakeRequest, rule: str) -> Caller:
    return _caller(req, f"os_compute_api:os-volumes-attachments:{rule}")


def _server(req: FakeRequest, caller: Caller) -> Server:
    return _model(req).get_server(caller, req.params["server_id"])


def _flag(value: object) -> bool:
    return value if isinstance(value, bool) else str(value).lower() in _TRUE


def _check_server(caller: Caller, server: Server, action: str) -> None:
    """`check_instance_lock` then `check_instance_state(vm_state=..., task_state=[None])`."""
    if server.locked_by is not None and not caller.is_admin:
        raise instance_locked(server.uuid)
    if server.vm_state not in _ATTACHABLE:
        raise invalid_state(action, server.uuid, "vm_state", server.vm_state)
    if server.task_state is not None:
        raise invalid_state(action, server.uuid, "task_state", server.task_state)


def _attached(req: FakeRequest, server: Server, volume_id: str) -> VolumeMapping:
    found = next((m for m in _volumes(req).mappings(server.uuid) if m.volume_id == volume_id),
                 None)
    if found is None:
        raise NotFound(f"Instance {server.uuid} is not attached to volume {volume_id}")
    return found


def list_attachments(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/os-volume_attachments[?limit=&offset=]`."""
    caller = _caller_for(req, "index")
    server = _server(req, caller)
    version = _version(req)
    schema.check_query(schemas.list_query(version), _query_lists(req))
    mappings = _volumes(req).mappings(server.uuid)
    offset = int(req.args.getlist("offset")[-1]) if "offset" in req.args else 0
    limit_raw = req.args.getlist("limit")
    limit = min(int(limit_raw[-1]), 1000) if limit_raw else 1000
    page = mappings[offset:offset + limit]
    return FakeResponse.json(200, {"volumeAttachments": [
        views.volume_attachment(m, version) for m in page]})


def show_attachment(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/os-volume_attachments/{volume_id}`."""
    caller = _caller_for(req, "show")
    server = _server(req, caller)
    found = _attached(req, server, req.params["volume_id"])
    return FakeResponse.json(200, {"volumeAttachment": views.volume_attachment(
        found, _version(req))})


def attach_volume(req: FakeRequest) -> FakeResponse:
    """`POST /servers/{id}/os-volume_attachments`: 200 with the attachment."""
    caller = _caller_for(req, "create")
    version = _version(req)
    body = _body(req)
    schema.check_body(schemas.create_schema(version), body)
    server = _server(req, caller)
    given = body["volumeAttachment"]
    _check_server(caller, server, "attach_volume")
    with _as_nova():
        mapping = _volumes(req).attach(
            caller, ServerRef(server.uuid, server.host), given["volumeId"],
            device=given.get("device"), tag=given.get("tag"),
            delete_on_termination=_flag(given.get("delete_on_termination", False)),
            supports_multiattach=version >= (2, 60))
    return FakeResponse.json(200, {"volumeAttachment": views.volume_attachment(
        mapping, version, created=True)})


def update_attachment(req: FakeRequest) -> FakeResponse:
    """`PUT /servers/{id}/os-volume_attachments/{volume_id}`: 202; only
    `delete_on_termination` may change (2.85); a swap is for Cinder's migrations."""
    caller = _caller_for(req, "update")
    version = _version(req)
    server = _server(req, caller)
    body = _body(req)
    volume_id = req.params["volume_id"]
    schema.check_body(schemas.update_schema(version), body)
    given = body["volumeAttachment"]
    if version < (2, 85) or given["volumeId"] != volume_id:
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-volumes-attachments:swap")
        raise Conflict(f"volume {volume_id} is not migrating; this API should only be called "
                       "by Cinder")
    found = _attached(req, server, volume_id)
    for key, current in (("id", volume_id), ("serverId", server.uuid), ("device", found.device),
                         ("tag", found.tag)):
        if key in given and given[key] != current:
            raise BadRequest(f"The {key} property is not mutable")
    if "delete_on_termination" in given:
        with _as_nova():
            _volumes(req).set_delete_on_termination(
                server.uuid, volume_id, _flag(given["delete_on_termination"]))
    return FakeResponse(202, b"", [("Content-Type", "application/json")])


def detach_volume(req: FakeRequest) -> FakeResponse:
    """`DELETE /servers/{id}/os-volume_attachments/{volume_id}`: 202."""
    caller = _caller_for(req, "delete")
    server = _server(req, caller)
    volumes = _volumes(req)
    with _as_nova():
        mapping = volumes.mapping(caller, server.uuid, req.params["volume_id"])
    if mapping.boot_index == 0:
        raise BadRequest("Cannot detach a root device volume")
    _check_server(caller, server, "detach_volume")
    with _as_nova():
        volumes.detach(caller, server.uuid, req.params["volume_id"])
    return FakeResponse(202, b"", [("Content-Type", "application/json")])
