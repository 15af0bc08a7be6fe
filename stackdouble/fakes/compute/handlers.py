"""Nova's API handlers: parse as `nova/api/openstack/wsgi.py` and the controllers do, call
the model, render with `views`.

Each v2.1 handler is wrapped by `api()`, which reads the microversion
(`OpenStack-API-Version: compute X` or `X-OpenStack-Nova-API-Version: X`; `latest`; out of
range → 406), applies rate limits, and checks the Content-Type (415), in Nova's order.
Bodies are decoded as Nova does ("Malformed request body" for bad JSON; an empty POST/PUT
body is `None`, which the schema then refuses), and validated by `schema`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import (
    BadRequest,
    NotAcceptable,
    NotFound,
    NovaError,
    nova_fault,
    policy_forbidden,
)
from stackdouble.fakes.compute.models import (
    Caller,
    ComputeModel,
    Server,
    ServerFilters,
    bool_from_string,
)
from stackdouble.fakes.compute.states import states_for_statuses
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.routing import Handler

__all__ = ["MICROVERSION_KEY", "api", "parse_microversion"]

#: Request environ key holding the parsed microversion (set once it parsed).
MICROVERSION_KEY = "stackdouble.compute.microversion"
_VERSION_RE = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0)$")
_JSON_TYPES = frozenset({"application/json", "application/vnd.openstack.compute+json"})
#: Nova actions the fake does not model: they answer 501 rather than a misleading 400.
_UNMODELLED_ACTIONS = frozenset({
    "migrate", "os-migrateLive", "evacuate", "createBackup", "os-getConsoleOutput",
    "addSecurityGroup", "removeSecurityGroup", "addFixedIp", "removeFixedIp", "os-resetState",
    "injectNetworkInfo", "resetNetwork", "trigger_crash_dump", "os-getVNCConsole",
    "os-getSerialConsole", "os-getSPICEConsole", "os-getRDPConsole", "addFloatingIp",
    "removeFloatingIp"})


# -- plumbing -------------------------------------------------------------------------------


def parse_microversion(req: FakeRequest) -> tuple[int, int]:
    """The request's microversion (2.1 when it sends none).

    Raises:
        BadRequest: Not `Major.Minor`.
        NotAcceptable: Outside 2.1–2.96.
    """
    value = None
    header = req.header("OpenStack-API-Version")
    if header is not None:
        for item in header.split(","):
            parts = item.split()
            if len(parts) == 2 and parts[0].lower() == "compute":
                value = parts[1]
    if value is None:
        value = req.header("X-OpenStack-Nova-API-Version")
    if value is None:
        return views.MIN_VERSION
    value = value.strip()
    if value == "latest":
        return views.MAX_VERSION
    match = _VERSION_RE.match(value)
    if match is None:
        raise BadRequest(f"API Version String {value} is of invalid format. Must be of "
                         "format MajorNum.MinorNum.")
    version = (int(match.group(1)), int(match.group(2)))
    if not views.MIN_VERSION <= version <= views.MAX_VERSION:
        low, high = views.MIN_VERSION, views.MAX_VERSION
        raise NotAcceptable(f"Version {version[0]}.{version[1]} is not supported by the API. "
                            f"Minimum is {low[0]}.{low[1]} and maximum is {high[0]}.{high[1]}.")
    return version


def api(handler: Handler) -> Handler:
    """Wrap a v2.1 handler: microversion, rate limits and Content-Type first."""

    def wrapped(req: FakeRequest) -> FakeResponse:
        req.environ[MICROVERSION_KEY] = parse_microversion(req)
        _model(req).check_rate_limits(req.method, req.subpath[len("/v2.1"):])
        if req.method in ("POST", "PUT") and req.header("Content-Type") is not None:
            ctype = req.content_type.split(";", 1)[0].strip().lower()
            if ctype and ctype != "text/plain" and ctype not in _JSON_TYPES:
                return nova_fault(415, "Unsupported Content-Type")
        return handler(req)

    wrapped.__name__ = getattr(handler, "__name__", "handler")
    wrapped.__doc__ = handler.__doc__
    return wrapped


def _model(req: FakeRequest) -> ComputeModel:
    model: ComputeModel = req.service.model  # type: ignore[attr-defined]
    return model


def _version(req: FakeRequest) -> tuple[int, int]:
    version: tuple[int, int] = req.environ.get(MICROVERSION_KEY, views.MIN_VERSION)
    return version


def _caller(req: FakeRequest, rule: str | None = None) -> Caller:
    token = req.require_token()
    if token.project_id is None:
        raise policy_forbidden(rule or "os_compute_api:servers:show")
    return Caller(project_id=token.project_id, user_id=token.user_id,
                  is_admin=token.is_admin)


def _ctx(req: FakeRequest, caller: Caller | None = None) -> views.ViewContext:
    root = req.base_url + "/compute"
    return views.ViewContext(endpoint=root + "/v2.1", bookmark=root, version=_version(req),
                             is_admin=caller.is_admin if caller else False,
                             query=tuple(req.args.items()))


def _ok(body: Any, status: int = 200, headers: list[tuple[str, str]] | None = None
        ) -> FakeResponse:
    return FakeResponse.json(status, body, headers)


def _body(req: FakeRequest) -> Any:
    """The decoded body as Nova's deserializer gives it: None when empty."""
    raw = req.body
    if not raw:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None


def _query_lists(req: FakeRequest) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in req.args.items():
        out.setdefault(key, []).append(value)
    return out


def _last(req: FakeRequest, key: str) -> str | None:
    values = req.args.getlist(key)
    return values[-1] if values else None


def _limit(req: FakeRequest, model: ComputeModel) -> int:
    """`common.get_limit_and_marker`: min(limit or max_limit, max_limit); 0 stays 0."""
    raw = _last(req, "limit")
    if raw is None:
        return model.max_limit
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest("Invalid input received: limit must be an integer") from None
    if value < 0:
        raise BadRequest("Invalid input received: limit must be >= 0")
    return min(value, model.max_limit)


# -- versions -------------------------------------------------------------------------------


def get_versions(req: FakeRequest) -> FakeResponse:
    """`GET /compute/`: every API version (200)."""
    return _ok(views.versions(req.base_url + "/compute"))


def get_version_v21(req: FakeRequest) -> FakeResponse:
    """`GET /compute/v2.1/`: the v2.1 document with the microversion range."""
    return _ok({"version": views.version_v21(req.base_url + "/compute")})


def get_version_v20(req: FakeRequest) -> FakeResponse:
    """`GET /compute/v2/`: the legacy v2.0 document."""
    return _ok({"version": views.version_v20(req.base_url + "/compute")})


# -- servers: listing ---------------------------------------------------------------------------

#: Search options non-admins may use, by the microversion that allows them
#: (`ServersController._get_server_search_options`).
_USER_FILTERS: tuple[tuple[tuple[int, int], tuple[str, ...]], ...] = (
    ((2, 1), ("reservation_id", "name", "status", "image", "flavor", "ip", "changes-since",
              "all_tenants")),
    ((2, 5), ("ip6",)),
    ((2, 26), ("tags", "tags-any", "not-tags", "not-tags-any")),
    ((2, 66), ("changes-before",)),
    ((2, 73), ("locked",)),
    ((2, 83), ("availability_zone", "config_drive", "key_name", "created_at", "launched_at",
               "terminated_at", "power_state", "task_state", "vm_state", "progress",
               "user_id")),
    ((2, 90), ("hostname",)),
)
_JOINED = frozenset({"block_device_mapping", "services", "metadata", "system_metadata",
                     "info_cache", "security_groups", "pci_devices"})
_PAGING = ("sort_key", "sort_dir", "limit", "marker")


def list_servers(req: FakeRequest) -> FakeResponse:
    """`GET /servers`: ids, names and links."""
    return _list_servers(req, detail=False)


def list_servers_detail(req: FakeRequest) -> FakeResponse:
    """`GET /servers/detail`: every attribute."""
    return _list_servers(req, detail=True)


def _list_servers(req: FakeRequest, *, detail: bool) -> FakeResponse:
    version = _version(req)
    which = "detail" if detail else "index"
    caller = _caller(req, f"os_compute_api:servers:{which}")
    schema.check_query(schema.servers_query_schema(version), _query_lists(req))
    model = _model(req)
    opts = {k: v[-1] for k, v in _query_lists(req).items()}
    if caller.is_admin:
        for key in _PAGING:
            opts.pop(key, None)
    else:
        allowed = {name for since, names in _USER_FILTERS if version >= since for name in names}
        opts = {k: v for k, v in opts.items() if k in allowed}
    for key in opts:
        if key in _JOINED or key.startswith("_"):
            raise BadRequest(f"Invalid filter field: {key}.")
    filters = ServerFilters()
    empty = False
    if "status" in opts:
        vm_states, task_states = states_for_statuses(req.args.getlist("status"))
        if not vm_states and not task_states:
            if version >= (2, 38):
                raise BadRequest("Invalid status value")
            empty = True
        filters.vm_states = frozenset(vm_states)
        if "default" not in task_states:
            filters.task_states = frozenset(task_states)
    _time_filters(opts, filters)
    if "deleted" in opts:
        filters.deleted = bool_from_string(opts["deleted"], strict=False)
    elif "changes-since" in opts or "changes-before" in opts:
        filters.deleted = None
    if filters.vm_states == frozenset({"deleted"}):
        if not caller.is_admin:
            raise NovaError("Only administrators may list deleted instances", status=403)
        filters.deleted = True
    if version >= (2, 26):
        for key in ("tags", "tags-any", "not-tags", "not-tags-any"):
            if key in opts:
                setattr(filters, key.replace("-", "_"), tuple(opts[key].split(",")))
    all_tenants = _all_tenants(opts)
    if "locked" in opts:
        filters.locked = bool_from_string(opts["locked"])
    if all_tenants:
        if not caller.is_admin:
            raise policy_forbidden(f"os_compute_api:servers:{which}:get_all_tenants")
        filters.project_id = opts.get("project_id") or opts.get("tenant_id")
    _simple_filters(opts, filters, model)
    sort = _sort_params(req, caller, version)
    limit = _limit(req, model)
    marker = _last(req, "marker")
    if "flavor" in opts and opts["flavor"] not in model.flavors:
        empty = True
    found: list[Server] = [] if empty else model.list_servers(
        caller, filters, limit=limit, marker=marker, all_tenants=all_tenants, sort=sort)
    ctx = _ctx(req, caller)
    if detail:
        items = [views.server_detail(ctx, s, volumes=model.volumes_attached(s)) for s in found]
    else:
        items = [views.server_simple(ctx, s) for s in found]
    body: dict[str, Any] = {"servers": items}
    if found:
        links = views.collection_links(ctx, "servers/detail" if detail else "servers", found,
                                       limit, found[-1].uuid)
        if links:
            body["servers_links"] = links
    return _ok(body)


def _time_filters(opts: dict[str, str], filters: ServerFilters) -> None:
    since = before = None
    if "changes-since" in opts:
        since = schema.parse_isotime(opts["changes-since"])
        if since is None:
            raise BadRequest("Invalid filter field: changes-since.")
        filters.changes_since = since
    if "changes-before" in opts:
        before = schema.parse_isotime(opts["changes-before"])
        if before is None:
            raise BadRequest("Invalid filter field: changes-before.")
        if since is not None and before < since:
            raise BadRequest("The value of changes-since must be less than or equal to "
                             "changes-before.")
        filters.changes_before = before


def _all_tenants(opts: dict[str, str]) -> bool:
    """`common.is_all_tenants`: present and empty means yes."""
    if "all_tenants" not in opts:
        return False
    value = opts["all_tenants"]
    return bool_from_string(value) if value else True


def _simple_filters(opts: dict[str, str], filters: ServerFilters, model: ComputeModel) -> None:
    if "name" in opts:
        filters.name = re.compile(opts["name"])
    if "image" in opts:
        filters.image = opts["image"].rsplit("/", 1)[-1]
    if "flavor" in opts:
        filters.flavor_id = opts["flavor"].rsplit("/", 1)[-1]
    if "ip" in opts:
        filters.ip = re.compile(opts["ip"])
    if "ip6" in opts:
        filters.ip6 = re.compile(opts["ip6"])
    if "reservation_id" in opts:
        filters.reservation_id = opts["reservation_id"]
    if "key_name" in opts:
        filters.key_name = re.compile(opts["key_name"])
    if "availability_zone" in opts:
        filters.availability_zone = re.compile(opts["availability_zone"])
    if "user_id" in opts:
        filters.user_id = opts["user_id"]
    if "host" in opts:
        filters.host = opts["host"]
    if "uuid" in opts:
        filters.uuid = opts["uuid"]
    if "vm_state" in opts and filters.vm_states is None:
        filters.vm_states = frozenset(opts["vm_state"].split(","))
    if "power_state" in opts and opts["power_state"].isdigit():
        filters.power_state = int(opts["power_state"])


def _sort_params(req: FakeRequest, caller: Caller, version: tuple[int, int]
                 ) -> list[tuple[str, str]]:
    keys = [k.strip() for k in req.args.getlist("sort_key")]
    dirs = [d.strip() for d in req.args.getlist("sort_dir")]
    ignored = [k for k in schema.IGNORED_SORT_KEYS if not (k == "locked" and version >= (2, 73))]
    for key in list(keys):
        if key in ignored:
            index = keys.index(key)
            if len(dirs) > index:
                dirs.pop(index)
            keys.pop(index)
        elif key in ("host", "node") and not caller.is_admin:
            raise NovaError(f"Only administrators can sort servers by {key}", status=403)
    for direction in dirs:
        if direction not in ("asc", "desc"):
            raise BadRequest("Invalid input received: Unknown sort direction, must be 'desc' "
                             "or 'asc'")
    if len(dirs) > max(len(keys), 1):
        raise BadRequest("Invalid input received: Sort direction size exceeds sort key size")
    if not keys:
        keys = ["created_at"]
    if not dirs:
        dirs = ["desc"]
    while len(dirs) < len(keys):
        dirs.append(dirs[0])
    return list(zip(keys, dirs, strict=True))


# -- servers: one ---------------------------------------------------------------------------


def show_server(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}`."""
    caller = _caller(req)
    model = _model(req)
    server = model.get_server(caller, req.params["server_id"])
    ctx = _ctx(req, caller)
    return _ok({"server": views.server_detail(ctx, server, volumes=model.volumes_attached(server),
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
    bdms = server_in.get("block_device_mapping_v2") or server_in.get("block_device_mapping")
    if server_in.get("block_device_mapping") and server_in.get("block_device_mapping_v2"):
        raise BadRequest("Using different block_device_mapping syntaxes is not allowed in the "
                         "same request.")
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
                         if g.get("name")],
        tags=server_in.get("tags") or (), min_count=min_count, max_count=max_count,
        volume_backed=not image_ref)
    if bool_from_string(server_in.get("return_reservation_id", False)):
        return _ok({"reservation_id": server.reservation_id}, 202)
    ctx = _ctx(req, caller)
    groups = server_in.get("security_groups", [{"name": "default"}])
    out = views.server_created(ctx, server, groups,
                               password if model.enable_instance_password else None)
    return _ok({"server": out}, 202, [("Location", out["links"][0]["href"])])


def _networks(value: Any) -> str | list[str]:
    if value is None or value == "auto":
        return "auto"
    if value == "none":
        return "none"
    out = []
    for item in value:
        if item.get("port"):
            raise BadRequest(f"Port id {item['port']} could not be found.")
        net_id = item.get("uuid")
        if net_id is None:
            raise BadRequest("Bad network format: missing 'uuid'")
        if not schema.is_uuid_like(net_id):
            raise BadRequest("Bad networks format: network uuid is not in proper format "
                             f"({net_id})")
        out.append(net_id)
    return out


def _password(model: ComputeModel) -> str:
    """`utils.generate_password`: 12 characters without look-alikes."""
    symbols = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    raw = model.cloud.ids.hex32() + model.cloud.ids.hex32()
    return "".join(symbols[int(raw[i:i + 2], 16) % len(symbols)] for i in range(0, 24, 2))


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
    return _ok({"server": views.server_detail(ctx, server, volumes=model.volumes_attached(server),
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


# -- servers: actions -------------------------------------------------------------------------


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
        if name in _UNMODELLED_ACTIONS:
            return nova_fault(501, f"The fake Nova does not implement the '{name}' action.")
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
    view = views.server_detail(ctx, server, volumes=model.volumes_attached(server), full=full,
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


def _glance(req: FakeRequest) -> str:
    return req.base_url + "/image"


def _force_delete(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.SIMPLE_ACTIONS["forceDelete"], body)
    model.delete_server(caller, server_id, force=True)
    return _accepted()


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


_ACTIONS: dict[str, _Action] = {
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
    "rescue": _rescue,
    "unrescue": _simple_action("unrescue", "unrescue"),
    "shelve": _simple_action("shelve", "shelve"),
    "shelveOffload": _simple_action("shelveOffload", "shelve_offload"),
    "unshelve": _unshelve,
}


# -- metadata ----------------------------------------------------------------------------------


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


# -- flavors -----------------------------------------------------------------------------------


def list_flavors(req: FakeRequest) -> FakeResponse:
    """`GET /flavors`."""
    return _list_flavors(req, detail=False)


def list_flavors_detail(req: FakeRequest) -> FakeResponse:
    """`GET /flavors/detail`."""
    return _list_flavors(req, detail=True)


def _list_flavors(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _caller(req)
    version = _version(req)
    schema.check_query(schema.FLAVORS_QUERY_275 if version >= (2, 75) else schema.FLAVORS_QUERY,
                       _query_lists(req))
    model = _model(req)
    is_public: bool | None = True
    raw = _last(req, "is_public")
    if caller.is_admin and raw is not None:
        if raw.lower() == "none":
            is_public = None
        else:
            try:
                is_public = bool_from_string(raw)
            except BadRequest:
                raise BadRequest(f"Invalid is_public filter [{raw}]") from None
    min_ram = _int_filter(req, "minRam")
    min_disk = _int_filter(req, "minDisk")
    limit = _limit(req, model)
    found = model.list_flavors(caller, is_public=is_public, min_ram=min_ram, min_disk=min_disk,
                               sort_key=_last(req, "sort_key") or "flavorid",
                               sort_dir=_last(req, "sort_dir") or "asc", limit=limit,
                               marker=_last(req, "marker"))
    ctx = _ctx(req, caller)
    body: dict[str, Any] = {"flavors": [views.flavor(ctx, f, brief=not detail) for f in found]}
    if found:
        links = views.collection_links(ctx, "flavors/detail" if detail else "flavors", found,
                                       limit, found[-1].id)
        if links:
            body["flavors_links"] = links
    return _ok(body)


def _int_filter(req: FakeRequest, key: str) -> int | None:
    raw = _last(req, key)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise BadRequest(f"Invalid {key} filter [{raw}]") from None


def show_flavor(req: FakeRequest) -> FakeResponse:
    """`GET /flavors/{id}`."""
    caller = _caller(req)
    flavor = _model(req).get_flavor(req.params["flavor_id"])
    return _ok({"flavor": views.flavor(_ctx(req, caller), flavor)})


def create_flavor(req: FakeRequest) -> FakeResponse:
    """`POST /flavors` (admins): 200 with the flavor."""
    caller = _caller(req)
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-flavor-manage:create")
    version = _version(req)
    body = _body(req)
    schema.check_body(schema.flavor_create_schema(version), body)
    given = body["flavor"]
    model = _model(req)
    flavor_id = given.get("id")
    flavor = model.add_flavor(
        str(flavor_id) if flavor_id else model.cloud.ids.uuid(), given["name"].strip(),
        ram=int(given["ram"]), vcpus=int(given["vcpus"]), disk=int(given["disk"]),
        ephemeral=int(given.get("OS-FLV-EXT-DATA:ephemeral", 0)),
        swap=int(given.get("swap", 0)), rxtx_factor=float(given.get("rxtx_factor", 1.0)),
        is_public=bool_from_string(given.get("os-flavor-access:is_public", True)),
        description=given.get("description") if version >= (2, 55) else None)
    return _ok({"flavor": views.flavor(_ctx(req, caller), flavor)})


def delete_flavor(req: FakeRequest) -> FakeResponse:
    """`DELETE /flavors/{id}` (admins): 202."""
    caller = _caller(req)
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-flavor-manage:delete")
    _model(req).delete_flavor(req.params["flavor_id"])
    return FakeResponse(202)


# -- images (the proxy, until 2.35) ----------------------------------------------------------------


def _image_proxy(req: FakeRequest) -> None:
    if _version(req) >= (2, 36):
        raise NotFound()


def list_images(req: FakeRequest) -> FakeResponse:
    """`GET /images`."""
    return _list_images(req, detail=False)


def list_images_detail(req: FakeRequest) -> FakeResponse:
    """`GET /images/detail`."""
    return _list_images(req, detail=True)


def _list_images(req: FakeRequest, *, detail: bool) -> FakeResponse:
    _image_proxy(req)
    caller = _caller(req)
    model = _model(req)
    schema.check_query({"type": "object", "properties": {"limit": schema._PAGING["limit"]}},
                       _query_lists(req))
    limit = _limit(req, model)
    filters = {k: v for k, v in req.args.to_dict().items()
               if k in ("name", "status", "server", "type", "minRam", "minDisk")}
    found = model.list_images(caller, limit=limit, marker=_last(req, "marker"), filters=filters)
    ctx = _ctx(req, caller)
    body: dict[str, Any] = {"images": [views.image(ctx, i, brief=not detail, glance=_glance(req))
                                       for i in found]}
    if found:
        links = views.collection_links(ctx, "images/detail" if detail else "images", found,
                                       limit, found[-1].id)
        if links:
            body["images_links"] = links
    return _ok(body)


def show_image(req: FakeRequest) -> FakeResponse:
    """`GET /images/{id}`."""
    _image_proxy(req)
    caller = _caller(req)
    image = _model(req).visible_image(caller, req.params["image_id"])
    if image is None:
        raise NotFound("Image not found.")
    return _ok({"image": views.image(_ctx(req, caller), image, glance=_glance(req))})


def delete_image(req: FakeRequest) -> FakeResponse:
    """`DELETE /images/{id}`: 204."""
    _image_proxy(req)
    _model(req).delete_image(_caller(req), req.params["image_id"])
    return FakeResponse(204)


# -- keypairs --------------------------------------------------------------------------------------


def _keypair_user(req: FakeRequest, caller: Caller, action: str) -> str:
    user_id = _last(req, "user_id") if _version(req) >= (2, 10) else None
    if user_id and user_id != caller.user_id and not caller.is_admin:
        raise policy_forbidden(f"os_compute_api:os-keypairs:{action}")
    return user_id or caller.user_id


def list_keypairs(req: FakeRequest) -> FakeResponse:
    """`GET /os-keypairs`: one page before 2.35, paged from 2.35."""
    caller = _caller(req)
    version = _version(req)
    model = _model(req)
    if version >= (2, 35):
        schema.check_query(schema.KEYPAIRS_QUERY_275 if version >= (2, 75)
                           else schema.KEYPAIRS_QUERY_235, _query_lists(req))
    user_id = _keypair_user(req, caller, "index")
    limit = _limit(req, model) if version >= (2, 35) else None
    marker = _last(req, "marker") if version >= (2, 35) else None
    found = model.list_keypairs(user_id, limit=limit, marker=marker)
    ctx = _ctx(req, caller)
    body: dict[str, Any] = {"keypairs": [{"keypair": views.keypair(ctx, k, kind="index")}
                                         for k in found]}
    if limit is not None and found:
        links = views.collection_links(ctx, "os-keypairs", found, limit, found[-1].name)
        if links:
            body["keypairs_links"] = links
    return _ok(body)


def create_keypair(req: FakeRequest) -> FakeResponse:
    """`POST /os-keypairs`: generate or import; 200 before 2.2, 201 from 2.2."""
    caller = _caller(req)
    version = _version(req)
    body = _body(req)
    schema.check_body(schema.keypair_create_schema(version), body)
    given = body["keypair"]
    user_id = caller.user_id
    if version >= (2, 10) and given.get("user_id"):
        user_id = given["user_id"]
        if user_id != caller.user_id and not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-keypairs:create")
    keypair, private = _model(req).create_keypair(
        user_id, given["name"].strip(), public_key=given.get("public_key"),
        key_type=given.get("type", "ssh"))
    view = views.keypair(_ctx(req, caller), keypair, kind="create", private_key=private)
    return _ok({"keypair": view}, 201 if version >= (2, 2) else 200)


def show_keypair(req: FakeRequest) -> FakeResponse:
    """`GET /os-keypairs/{name}`."""
    caller = _caller(req)
    user_id = _keypair_user(req, caller, "show")
    keypair = _model(req).get_keypair(user_id, req.params["name"])
    return _ok({"keypair": views.keypair(_ctx(req, caller), keypair, kind="show")})


def delete_keypair(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-keypairs/{name}`: 202 before 2.2, 204 from 2.2."""
    caller = _caller(req)
    user_id = _keypair_user(req, caller, "delete")
    _model(req).delete_keypair(user_id, req.params["name"])
    return FakeResponse(204 if _version(req) >= (2, 2) else 202)


# -- availability zones ----------------------------------------------------------------------------


def list_availability_zones(req: FakeRequest) -> FakeResponse:
    """`GET /os-availability-zone`."""
    _caller(req)
    return _ok({"availabilityZoneInfo": [
        {"zoneName": "nova", "zoneState": {"available": True}, "hosts": None}]})


def list_availability_zones_detail(req: FakeRequest) -> FakeResponse:
    """`GET /os-availability-zone/detail` (admins)."""
    caller = _caller(req)
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-availability-zone:detail")
    service = {"active": True, "available": True, "updated_at": None}
    from stackdouble.fakes.compute.models import HOST

    return _ok({"availabilityZoneInfo": [
        {"zoneName": "internal", "zoneState": {"available": True},
         "hosts": {HOST: {"nova-conductor": dict(service), "nova-scheduler": dict(service)}}},
        {"zoneName": "nova", "zoneState": {"available": True},
         "hosts": {HOST: {"nova-compute": dict(service)}}},
    ]})
