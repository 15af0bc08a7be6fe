"""`os-resetState`, `injectNetworkInfo`, `resetNetwork` (`admin_actions.py`),
`trigger_crash_dump` (`servers.py`, 2.17) and `createBackup` (`create_backup.py`) of the
fake Nova's `POST /servers/{id}/action`; the client's
`extensions/{resetstate,injectnetworkinfo,resetnetwork}`."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.compute import schema
from stackdouble.fakes.compute.errors import NovaError, nova_fault
from stackdouble.fakes.compute.handlers._common import _ctx, _ok, _version
from stackdouble.fakes.compute.models import Caller, ComputeModel
from stackdouble.fakes.compute.schema import admin_actions as admin_schema
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["ACTIONS"]

#: webob's `HTTPGone` explanation.
_GONE = "This resource is no longer available.  No forwarding address is given."


def _reset_state(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                 body: dict[str, Any]) -> FakeResponse:
    """`os-resetState` (admins): 202."""
    schema.check_body(admin_schema.RESET_STATE, body)
    model.reset_state(caller, server_id, body["os-resetState"]["state"])
    return FakeResponse(202)


def _inject_network_info(req: FakeRequest, model: ComputeModel, caller: Caller,
                         server_id: str, body: dict[str, Any]) -> FakeResponse:
    """`injectNetworkInfo` (admins): 202."""
    schema.check_body(admin_schema.INJECT_NETWORK_INFO, body)
    model.inject_network_info(caller, server_id)
    return FakeResponse(202)


def _reset_network(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                   body: dict[str, Any]) -> FakeResponse:
    """`resetNetwork`: 410, removed with the Xen driver in 23.0.0 (Wallaby)."""
    return nova_fault(410, _GONE)


def _trigger_crash_dump(req: FakeRequest, model: ComputeModel, caller: Caller,
                        server_id: str, body: dict[str, Any]) -> FakeResponse:
    """`trigger_crash_dump` (2.17): 202; not an action before 2.17 (404)."""
    if _version(req) < (2, 17):
        return nova_fault(404)
    schema.check_body(admin_schema.TRIGGER_CRASH_DUMP, body)
    model.trigger_crash_dump(caller, server_id)
    return FakeResponse(202)


def _create_backup(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                   body: dict[str, Any]) -> FakeResponse:
    """`createBackup`: 202 with `image_id` from 2.45; before, a `Location` header when
    `rotation` is above 0."""
    version = _version(req)
    schema.check_body(admin_schema.CREATE_BACKUP, body)
    given = body["createBackup"]
    metadata = given.get("metadata", {})
    model.get_server(caller, server_id)
    if version < (2, 39):
        allowed = model.quota(caller.project_id)["metadata_items"]
        if allowed >= 0 and len(metadata) > allowed:
            raise NovaError("Image metadata limit exceeded", status=403)
    rotation = int(given["rotation"])
    image = model.create_backup(caller, server_id, given["name"].strip(),
                                given["backup_type"], rotation, metadata)
    if version >= (2, 45):
        return _ok({"image_id": image.id}, 202)
    # `common.url_join(req.application_url, 'images', ...)`: Nova's image proxy, not Glance
    location = f"{_ctx(req, caller).endpoint}/images/{image.id}"
    headers = [("Location", location)] if rotation > 0 else []
    return FakeResponse(202, b"", headers)


#: The actions of `POST /servers/{id}/action` this module answers.
ACTIONS = {"os-resetState": _reset_state, "injectNetworkInfo": _inject_network_info,
           "resetNetwork": _reset_network, "trigger_crash_dump": _trigger_crash_dump,
           "createBackup": _create_backup}
