"""Server handlers of the fake Nova (`nova/api/openstack/compute/servers.py`, `ips.py`,
`server_metadata.py`; the client's `compute/v2/servers`): list, show, create, update,
delete, addresses and metadata. Actions are in `server_actions`."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import BadRequest, NotFound
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _ctx,
    _group_names,
    _model,
    _ok,
    _password,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.models import (
    BlockDevice,
    NetworksArg,
    bool_from_string,
    bootfromvolume,
)
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.links import PortRequest

__all__ = [
    "create_server",
    "delete_metadatum",
    "delete_server",
    "get_metadata",
    "get_metadatum",
    "list_addresses",
    "list_addresses_by_network",
    "list_servers",
    "list_servers_detail",
    "reset_metadata",
    "set_metadatum",
    "show_server",
    "update_metadata",
    "update_server",
]


def list_servers(req: FakeRequest) -> FakeResponse:
    """`GET /servers`: ids, names and links."""
    return _list_servers(req, detail=False)


def list_servers_detail(req: FakeRequest) -> FakeResponse:
    """`GET /servers/detail`: every attribute."""
    return _list_servers(req, detail=True)


def _list_servers(req: FakeRequest, *, detail: bool) -> FakeResponse:
    which = "detail" if detail else "index"
    caller = _caller(req, f"os_compute_api:servers:{which}")
    model = _model(req)
    q = queries.server_list_query(_query_lists(req), version=_version(req),
                                  is_admin=caller.is_admin, which=which,
                                  max_limit=model.max_limit)
    empty = q.empty or (q.flavor is not None and q.flavor not in model.flavors)
    found = [] if empty else model.list_servers(
        caller, q.filters, limit=q.limit, marker=q.marker, all_tenants=q.all_tenants,
        sort=q.sort)
    return _ok(views.server_list(_ctx(req, caller), found, detail=detail, limit=q.limit,
                                 volumes=req.cloud.links.volumes.mappings,
                                 security_groups=_group_names(req, caller)))


# -- servers: one ---------------------------------------------------------------------------


def show_server(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}`."""
    caller = _caller(req)
    model = _model(req)
    server = model.get_server(caller, req.params["server_id"])
    ctx = _ctx(req, caller)
    volumes = req.cloud.links.volumes.mappings(server.uuid)
    return _ok({"server": views.server_detail(ctx, server, volumes=volumes,
                                              security_groups=_group_names(req, caller)(server),
                                              show_server_groups=ctx.at_least(2, 71))})


def create_server(req: FakeRequest) -> FakeResponse:
    """`POST /servers`: 202 with id, links, adminPass, disk config and security groups."""
    caller = _caller(req, "os_compute_api:servers:create")
    version = _version(req)
    body = _body(req)
    schema.check_body(schema.create_server_schema(version), body)
    server_in: dict[str, Any] = body["server"]
    model = _model(req)
    image_ref = server_in.get("imageRef")
    bdms, legacy_bdm = _block_devices(server_in)
    if not image_ref and not bdms:
        raise BadRequest("Missing imageRef attribute")
    min_count = int(server_in.get("min_count", 1))
    max_count = int(server_in.get("max_count", min_count))
    if min_count > max_count:
        raise BadRequest("min_count must be <= max_count")
    networks = _networks(server_in.get("networks"))
    flavor_id = str(server_in["flavorRef"]).rsplit("/", 1)[-1]
    password = server_in.get("adminPass") or _password(model)
    user_data = server_in.get("user_data")
    config_drive = server_in.get("config_drive")
    server = model.create_server(
        caller.project_id, user_id=caller.user_id, name=server_in["name"].strip(),
        flavor_id=flavor_id, image_id=str(image_ref).rsplit("/", 1)[-1] if image_ref else "",
        metadata=server_in.get("metadata"), key_name=server_in.get("key_name"),
        networks=networks, availability_zone=server_in.get("availability_zone"),
        disk_config=server_in.get("OS-DCF:diskConfig"),
        config_drive=bool_from_string(config_drive) if config_drive is not None else False,
        user_data=user_data,
        description=server_in.get("description") if version >= (2, 19)
        else server_in["name"].strip(),
        access_ipv4=server_in.get("accessIPv4", ""), access_ipv6=server_in.get("accessIPv6", ""),
        security_groups=[g["name"] for g in server_in.get("security_groups") or []
                         if g.get("name")] or ["default"],
        tags=server_in.get("tags") or (), min_count=min_count, max_count=max_count,
        volume_backed=not image_ref,
        scheduler_hints=body.get("os:scheduler_hints") or body.get("OS-SCH-HNT:scheduler_hints"),
        block_devices=bdms, legacy_bdm=legacy_bdm, supports_multiattach=version >= (2, 60),
        is_admin=caller.is_admin)
    if bool_from_string(server_in.get("return_reservation_id", False)):
        return _ok({"reservation_id": server.reservation_id}, 202)
    ctx = _ctx(req, caller)
    groups = server_in.get("security_groups", [{"name": "default"}])
    out = views.server_created(ctx, server, groups,
                               password if model.enable_instance_password else None)
    return _ok({"server": out}, 202, [("Location", out["links"][0]["href"])])


def _block_devices(server_in: dict[str, Any]) -> tuple[list[BlockDevice], bool]:
    """`_process_bdms_for_create`: the create's block device mappings, and whether they
    were the legacy `block_device_mapping` (converted by `from_legacy_mapping`)."""
    legacy = server_in.get("block_device_mapping") or []
    v2 = server_in.get("block_device_mapping_v2") or []
    if legacy and v2:
        raise BadRequest("Using different block_device_mapping syntaxes is not allowed in the "
                         "same request.")
    image_ref = server_in.get("imageRef")
    if legacy:
        image_id = str(image_ref).rsplit("/", 1)[-1] if image_ref else ""
        return bootfromvolume.from_legacy(legacy, image_id), True
    return [bootfromvolume.from_api(dict(item), image_uuid_specified=image_ref not in (None, ""))
            for item in v2], False


def _networks(value: Any) -> NetworksArg:
    """`_get_requested_networks`: "auto" and "none" (2.37, checked by the schema), else one
    request per item (`uuid`, `port`, `fixed_ip`, `tag`); None: left out (before 2.37)."""
    if value is None or isinstance(value, str):
        return value
    out: list[PortRequest] = []
    ports: list[str] = []
    for item in value:
        if not isinstance(item, dict):
            raise BadRequest("Bad networks format")
        port_id = item.get("port")
        fixed_ip = item.get("fixed_ip")
        if port_id:
            if port_id in ports:
                raise BadRequest(f"Port ID '{port_id}' was specified twice: you cannot attach "
                                 "a port multiple times.")
            if fixed_ip is not None:
                raise BadRequest(f"Specified Fixed IP '{fixed_ip}' cannot be used with port "
                                 f"'{port_id}': the two cannot be specified together.")
            ports.append(port_id)
            out.append(PortRequest(port_id=port_id, tag=item.get("tag")))
            continue
        if "uuid" not in item:
            raise BadRequest("Bad network format: missing 'uuid'")
        net_id = item["uuid"]
        if not isinstance(net_id, str) or not schema.is_uuid_like(net_id):
            raise BadRequest("Bad networks format: network uuid is not in proper format "
                             f"({net_id})")
        out.append(PortRequest(network_id=net_id, fixed_ip=fixed_ip, tag=item.get("tag")))
    return out


def update_server(req: FakeRequest) -> FakeResponse:
    """`PUT /servers/{id}`: 200 with the server (all of it from 2.75)."""
    caller = _caller(req)
    version = _version(req)
    model = _model(req)
    body = _body(req)
    schema.check_body(schema.update_server_schema(version), body)
    changes: dict[str, Any] = {}
    given = body["server"]
    if "name" in given:
        changes["name"] = given["name"].strip()
    if "description" in given:
        changes["description"] = given["description"]
    if "accessIPv4" in given:
        changes["access_ipv4"] = given["accessIPv4"]
    if "accessIPv6" in given:
        changes["access_ipv6"] = given["accessIPv6"]
    if "OS-DCF:diskConfig" in given:
        changes["auto_disk_config"] = given["OS-DCF:diskConfig"] == "AUTO"
    server = model.update_server(caller, req.params["server_id"], changes)
    ctx = _ctx(req, caller)
    full = version >= (2, 75)
    volumes = req.cloud.links.volumes.mappings(server.uuid)
    return _ok({"server": views.server_detail(ctx, server, volumes=volumes,
                                              security_groups=_group_names(req, caller)(server),
                                              full=full, show_server_groups=ctx.at_least(2, 71),
                                              show_keypair=full)})


def delete_server(req: FakeRequest) -> FakeResponse:
    """`DELETE /servers/{id}`: 204."""
    _model(req).delete_server(_caller(req), req.params["server_id"])
    return FakeResponse(204)


def list_addresses(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/ips`."""
    server = _model(req).get_server(_caller(req), req.params["server_id"])
    return _ok({"addresses": views.addresses(server)})


def list_addresses_by_network(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/ips/{network}`."""
    server = _model(req).get_server(_caller(req), req.params["server_id"])
    network = req.params["network"]
    found = views.addresses(server)
    if network not in found:
        raise NotFound("Instance is not a member of specified network")
    return _ok({network: found[network]})


def get_metadata(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/metadata`."""
    server = _model(req).get_server(_caller(req), req.params["server_id"])
    return _ok({"metadata": dict(server.metadata)})


def _set_metadata(req: FakeRequest, *, replace: bool) -> FakeResponse:
    caller = _caller(req)
    model = _model(req)
    body = _body(req)
    schema.check_body(schema.METADATA_SET, body)
    model.get_server(caller, req.params["server_id"])
    merged = model.set_metadata(caller, req.params["server_id"], body["metadata"],
                                replace=replace)
    return _ok({"metadata": merged})


def update_metadata(req: FakeRequest) -> FakeResponse:
    """`POST /servers/{id}/metadata`: merge; 200 with all the metadata."""
    return _set_metadata(req, replace=False)


def reset_metadata(req: FakeRequest) -> FakeResponse:
    """`PUT /servers/{id}/metadata`: replace; 200 with all the metadata."""
    return _set_metadata(req, replace=True)


def get_metadatum(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/metadata/{key}`."""
    server = _model(req).get_server(_caller(req), req.params["server_id"])
    key = req.params["key"]
    if key not in server.metadata:
        raise NotFound("Metadata item was not found")
    return _ok({"meta": {key: server.metadata[key]}})


def set_metadatum(req: FakeRequest) -> FakeResponse:
    """`PUT /servers/{id}/metadata/{key}`: 200 with `{"meta": {key: value}}`."""
    caller = _caller(req)
    model = _model(req)
    body = _body(req)
    schema.check_body(schema.METADATUM_SET, body)
    model.get_server(caller, req.params["server_id"])
    key = req.params["key"]
    if key not in body["meta"]:
        raise BadRequest("Request body and URI mismatch")
    model.set_metadata(caller, req.params["server_id"], body["meta"], replace=False)
    return _ok({"meta": body["meta"]})


def delete_metadatum(req: FakeRequest) -> FakeResponse:
    """`DELETE /servers/{id}/metadata/{key}`: 204."""
    _model(req).delete_metadatum(_caller(req), req.params["server_id"], req.params["key"])
    return FakeResponse(204)
