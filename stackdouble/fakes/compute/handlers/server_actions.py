"""`POST /servers/{id}/action` of the fake Nova (`servers.py`'s actions, `lock_server.py`,
`pause_server.py`, `suspend_server.py`, `rescue.py`, `shelve.py`, `deferred_delete.py`,
`multinic.py`; the client's `compute/v2/servers` and
`extensions/{startstop,rescueunrescue,shelveunshelve}`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import BadRequest, NotFound, NovaError, nova_fault
from stackdouble.fakes.compute.handlers import admin_actions, migrations, remoteconsoles
from stackdouble.fakes.compute.handlers._common import (
    _caller,
    _ctx,
    _glance,
    _group_names,
    _model,
    _ok,
    _password,
    _version,
)
from stackdouble.fakes.compute.models import Caller, ComputeModel
from stackdouble.fakes.compute.schema import multinic as multinic_schema
from stackdouble.fakes.compute.schema import proxies as proxy_schema
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["server_action"]



def server_action(req: FakeRequest) -> FakeResponse:
    """`POST /servers/{id}/action`: the one key of the body names the action."""
    raw = req.body
    if not raw:
        raise BadRequest("Malformed request body")
    try:
        decoded = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None
    if not isinstance(decoded, (dict, list, str)):
        return nova_fault(404)  # `action_peek` fails with a TypeError: Nova answers 404
    if len(decoded) != 1:
        raise BadRequest("Malformed request body")
    if not isinstance(decoded, dict):
        return nova_fault(404)
    name = next(iter(decoded))
    handler = _ACTIONS.get(name)
    if handler is None:
        raise BadRequest(f"There is no such action: {name}")
    caller = _caller(req)
    model = _model(req)
    server_id = req.params["server_id"]
    return handler(req, model, caller, server_id, decoded)


_Action = Callable[[FakeRequest, ComputeModel, Caller, str, dict[str, Any]], FakeResponse]


def _accepted() -> FakeResponse:
    return FakeResponse(202)


def _simple_action(name: str, method: str, status: int = 202) -> _Action:
    def run(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
        schema.check_body(schema.SIMPLE_ACTIONS[name], body)
        getattr(model, method)(caller, server_id)
        return FakeResponse(status)

    return run


def _start_stop(name: str, method: str) -> _Action:
    def run(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
        schema.check_body(schema.SIMPLE_ACTIONS[name], body)
        if server_id not in model.servers:
            raise NotFound(f"Instance {server_id} has no mapping to a cell.")
        getattr(model, method)(caller, server_id)
        return _accepted()

    return run


def _reboot(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.REBOOT, body)
    model.reboot(caller, server_id, body["reboot"]["type"].upper())
    return _accepted()


def _resize(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.RESIZE, body)
    flavor_id = str(body["resize"]["flavorRef"]).rsplit("/", 1)[-1]
    model.resize(caller, server_id, flavor_id)
    disk = body["resize"].get("OS-DCF:diskConfig")
    if disk is not None:
        model.get_server(caller, server_id).auto_disk_config = disk == "AUTO"
    return _accepted()


def _rebuild(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
             body: dict[str, Any]) -> FakeResponse:
    version = _version(req)
    schema.check_body(schema.rebuild_schema(version), body)
    given = body["rebuild"]
    password = given.get("adminPass") or _password(model)
    model.get_server(caller, server_id)
    changes: dict[str, Any] = {}
    for key, attr in (("name", "name"), ("description", "description"),
                      ("metadata", "metadata"), ("accessIPv4", "access_ipv4"),
                      ("accessIPv6", "access_ipv6")):
        if key in given:
            changes[attr] = given[key].strip() if key == "name" else given[key]
    if "OS-DCF:diskConfig" in given:
        changes["auto_disk_config"] = given["OS-DCF:diskConfig"] == "AUTO"
    if version >= (2, 54) and "key_name" in given:
        changes["key_name"] = given["key_name"]
    if version >= (2, 57) and "user_data" in given:
        changes["user_data"] = given["user_data"]
    server = model.rebuild(caller, server_id, given["imageRef"], changes)
    ctx = _ctx(req, caller)
    full = version >= (2, 75)
    volumes = req.cloud.links.volumes.mappings(server.uuid)
    view = views.server_detail(ctx, server, volumes=volumes, full=full,
                               security_groups=_group_names(req, caller)(server),
                               show_server_groups=ctx.at_least(2, 71),
                               show_keypair=version >= (2, 54))
    view.pop("OS-EXT-SRV-ATTR:user_data", None)
    if model.enable_instance_password:
        view["adminPass"] = password
    if version >= (2, 57):
        view["user_data"] = server.user_data
    return _ok({"server": view}, 202, [("Location", view["links"][0]["href"])])


def _confirm_resize(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                    body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.SIMPLE_ACTIONS["confirmResize"], body)
    model.confirm_resize(caller, server_id)
    return FakeResponse(204)


def _change_password(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                     body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.CHANGE_PASSWORD, body)
    model.change_password(caller, server_id)
    return _accepted()


def _lock(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
          body: dict[str, Any]) -> FakeResponse:
    version = _version(req)
    schema.check_body(schema.LOCK_V273 if version >= (2, 73) else schema.SIMPLE_ACTIONS["lock"],
                      body)
    reason = None
    if version >= (2, 73) and isinstance(body["lock"], dict):
        reason = body["lock"].get("locked_reason")
    model.lock(caller, server_id, reason)
    return _accepted()


def _create_image(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    version = _version(req)
    schema.check_body(schema.CREATE_IMAGE, body)
    given = body["createImage"]
    metadata = given.get("metadata", {})
    if version < (2, 39):
        allowed = model.quota(caller.project_id)["metadata_items"]
        if allowed >= 0 and len(metadata) > allowed:
            raise NovaError("Image metadata limit exceeded", status=403)
    image = model.create_image(caller, server_id, given["name"].strip(), metadata)
    if version >= (2, 45):
        return _ok({"image_id": image.id}, 202)
    return FakeResponse(202, b"", [("Location", f"{_glance(req)}/images/{image.id}")])


def _force_delete(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.SIMPLE_ACTIONS["forceDelete"], body)
    model.delete_server(caller, server_id, force=True)
    return _accepted()


def _restore(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
             body: dict[str, Any]) -> FakeResponse:
    """`restore` (`deferred_delete.py`): a SOFT_DELETED server back to ACTIVE; 202."""
    schema.check_body(schema.SIMPLE_ACTIONS["restore"], body)
    model.restore(caller, server_id)
    return _accepted()


def _fixed_ip(name: str) -> _Action:
    """`addFixedIp` / `removeFixedIp` (`multinic.py`): 202, until 2.43 (404 from 2.44)."""

    def run(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
        if _version(req) >= (2, 44):
            return nova_fault(404)
        if name == "addFixedIp":
            schema.check_body(multinic_schema.ADD_FIXED_IP, body)
            model.add_fixed_ip(caller, server_id, str(body[name]["networkId"]))
        else:
            schema.check_body(multinic_schema.REMOVE_FIXED_IP, body)
            model.remove_fixed_ip(caller, server_id, body[name]["address"])
        return _accepted()

    return run


def _rescue(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
    """200 with the rescue password (unless `enable_instance_password` is off): the given
    `adminPass`, else a generated one."""
    schema.check_body(schema.RESCUE, body)
    given = body["rescue"] or {}
    password = given["adminPass"] if "adminPass" in given else _password(model)
    model.rescue(caller, server_id, image_id=given.get("rescue_image_ref"),
                 allow_volume_backed=_version(req) >= (2, 87))
    return _ok({"adminPass": password} if model.enable_instance_password else {})


def _unshelve(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
              body: dict[str, Any]) -> FakeResponse:
    """202; a zone from 2.77 (None unpins from 2.91), a host from 2.91."""
    version = _version(req)
    schema.check_body(schema.unshelve_schema(version), body)
    given = body["unshelve"]
    args: dict[str, Any] = {}
    if given and version >= (2, 77):
        if "availability_zone" in given:
            args["availability_zone"] = given["availability_zone"]
        if version >= (2, 91):
            args["host"] = given.get("host")
    model.unshelve(caller, server_id, **args)
    return _accepted()


def _security_group(name: str) -> _Action:
    """`addSecurityGroup` / `removeSecurityGroup` (`security_groups.py`): 202."""

    def run(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
        schema.check_body(schema.SECURITY_GROUP_ACTIONS[name], body)
        model.get_server(caller, server_id)
        group = body[name]["name"]
        if not group.strip():
            raise BadRequest("Security group name cannot be empty")
        if name == "addSecurityGroup":
            model.add_security_group(caller, server_id, group)
        else:
            model.remove_security_group(caller, server_id, group)
        return _accepted()

    return run


def _floating_ip(name: str) -> _Action:
    """`addFloatingIp` / `removeFloatingIp` (`floating_ips.py`): 202, until 2.43."""

    def run(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
            body: dict[str, Any]) -> FakeResponse:
        if _version(req) >= (2, 44):
            return nova_fault(404)
        if name == "addFloatingIp":
            schema.check_body(proxy_schema.ADD_FLOATING_IP, body)
            given = body[name]
            model.add_floating_ip(caller, server_id, given["address"],
                                  given.get("fixed_address"))
        else:
            schema.check_body(proxy_schema.REMOVE_FLOATING_IP, body)
            model.remove_floating_ip(caller, server_id, body[name]["address"])
        return _accepted()

    return run


_ACTIONS: dict[str, _Action] = {
    "addFixedIp": _fixed_ip("addFixedIp"),
    "removeFixedIp": _fixed_ip("removeFixedIp"),
    "addFloatingIp": _floating_ip("addFloatingIp"),
    "removeFloatingIp": _floating_ip("removeFloatingIp"),
    "addSecurityGroup": _security_group("addSecurityGroup"),
    "removeSecurityGroup": _security_group("removeSecurityGroup"),
    "reboot": _reboot,
    "resize": _resize,
    "confirmResize": _confirm_resize,
    "revertResize": _simple_action("revertResize", "revert_resize"),
    "rebuild": _rebuild,
    "changePassword": _change_password,
    "createImage": _create_image,
    "lock": _lock,
    "unlock": _simple_action("unlock", "unlock"),
    "pause": _simple_action("pause", "pause"),
    "unpause": _simple_action("unpause", "unpause"),
    "suspend": _simple_action("suspend", "suspend"),
    "resume": _simple_action("resume", "resume"),
    "os-start": _start_stop("os-start", "start"),
    "os-stop": _start_stop("os-stop", "stop"),
    "forceDelete": _force_delete,
    "restore": _restore,
    "rescue": _rescue,
    "unrescue": _simple_action("unrescue", "unrescue"),
    "shelve": _simple_action("shelve", "shelve"),
    "shelveOffload": _simple_action("shelveOffload", "shelve_offload"),
    "unshelve": _unshelve,
    **admin_actions.ACTIONS,
    **migrations.ACTIONS,
    **remoteconsoles.ACTIONS,
}
