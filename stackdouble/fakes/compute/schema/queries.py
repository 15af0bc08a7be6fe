"""Query strings of the fake Nova: their schemas (`nova/api/openstack/compute/schemas/`)
and their parsing into the model's arguments, as the controllers do it
(`ServersController._get_servers`, `common.get_limit_and_marker`, `common.get_sort_params`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.fakes.compute.errors import BadRequest, NovaError, policy_forbidden
from stackdouble.fakes.compute.models import ServerFilters, bool_from_string
from stackdouble.fakes.compute.schema import (
    _PAGING,
    _REGEX_PARAM,
    _STR_PARAM,
    _multi,
    check_query,
)
from stackdouble.fakes.compute.states import states_for_statuses
from stackdouble.fakes.timestamps import parse_isotime

__all__ = [
    "FLAVORS_QUERY",
    "FLAVORS_QUERY_275",
    "IGNORED_SORT_KEYS",
    "IMAGES_QUERY",
    "KEYPAIRS_QUERY_235",
    "KEYPAIRS_QUERY_275",
    "FlavorListQuery",
    "ServerListQuery",
    "flavor_list_query",
    "image_filters",
    "last",
    "page_limit",
    "server_list_query",
    "servers_query_schema",
]

_SORT_KEYS = ["access_ip_v4", "access_ip_v6", "auto_disk_config", "availability_zone",
              "config_drive", "created_at", "display_description", "display_name", "host",
              "hostname", "image_ref", "instance_type_id", "kernel_id", "key_name",
              "launch_index", "launched_at", "locked_by", "node", "power_state", "progress",
              "project_id", "ramdisk_id", "root_device_name", "task_state", "terminated_at",
              "updated_at", "user_id", "uuid", "vm_state"]
#: Sort keys Nova accepts but ignores (before 2.75), as `SERVER_LIST_IGNORE_SORT_KEY`.
IGNORED_SORT_KEYS = ("architecture", "cell_name", "cleaned", "default_ephemeral_device",
                     "default_swap_device", "deleted", "deleted_at", "disable_terminate",
                     "ephemeral_gb", "ephemeral_key_uuid", "id", "key_data", "launched_on",
                     "locked", "memory_mb", "os_type", "reservation_id", "root_gb",
                     "shutdown_terminate", "user_data", "vcpus", "vm_mode")


def _servers_query(version: tuple[int, int]) -> dict[str, Any]:
    regex_keys = ("kernel_id", "ramdisk_id", "hostname", "key_name", "power_state", "node",
                  "flavor", "reservation_id", "launched_at", "terminated_at",
                  "availability_zone", "name", "display_name", "description",
                  "display_description", "locked_by", "root_device_name", "config_drive",
                  "access_ip_v4", "access_ip_v6", "auto_disk_config", "progress")
    props: dict[str, Any] = {}
    for key in ("user_id", "project_id", "tenant_id", "launch_index", "image_ref", "image"):
        props[key] = _STR_PARAM
    for key in ("kernel_id", "ramdisk_id", "hostname", "key_name", "power_state"):
        props[key] = _REGEX_PARAM
    props["vm_state"] = _STR_PARAM
    props["task_state"] = _STR_PARAM
    props["host"] = _STR_PARAM
    for key in regex_keys[5:]:
        props[key] = _REGEX_PARAM
    props["uuid"] = _STR_PARAM
    sort_keys = list(_SORT_KEYS) + list(IGNORED_SORT_KEYS)
    if version >= (2, 73):
        sort_keys = ["locked", *_SORT_KEYS, *[k for k in IGNORED_SORT_KEYS if k != "locked"]]
    if version >= (2, 75):
        sort_keys = ["locked", *_SORT_KEYS]
    props["sort_key"] = _multi({"type": "string", "enum": sort_keys})
    for key in ("sort_dir", "all_tenants", "soft_deleted", "deleted", "status"):
        props[key] = _STR_PARAM
    props["changes-since"] = _multi({"type": "string", "format": "date-time"})
    for key in ("ip", "ip6", "created_at"):
        props[key] = _REGEX_PARAM
    for key in ("block_device_mapping", "services", "metadata", "system_metadata",
                "info_cache", "security_groups", "pci_devices"):
        props[key] = _STR_PARAM
    props.update(_PAGING)
    if version >= (2, 26):
        for key in ("tags", "tags-any", "not-tags", "not-tags-any"):
            props[key] = _REGEX_PARAM
    if version >= (2, 66):
        props["changes-before"] = _multi({"type": "string", "format": "date-time"})
    if version >= (2, 73):
        props["locked"] = _STR_PARAM
    return {"type": "object", "properties": props, "additionalProperties": version < (2, 75),
            "patternProperties": {"^_": _STR_PARAM}}


#: `(lowest microversion, schema)` for `GET /servers[/detail]`, highest first.
SERVERS_QUERY = tuple((v, _servers_query(v)) for v in
                      ((2, 75), (2, 73), (2, 66), (2, 26), (2, 1)))


def servers_query_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The query schema of the server listings for a microversion."""
    for lowest, schema in SERVERS_QUERY:
        if version >= lowest:
            return schema
    return SERVERS_QUERY[-1][1]


FLAVORS_QUERY = {"type": "object", "properties": {
    **_PAGING,
    "is_public": _STR_PARAM, "minRam": _STR_PARAM, "minDisk": _STR_PARAM,
    "sort_key": _multi({"type": "string", "enum": [
        "created_at", "description", "disabled", "ephemeral_gb", "flavorid", "id",
        "is_public", "memory_mb", "name", "root_gb", "rxtx_factor", "swap", "updated_at",
        "vcpu_weight", "vcpus"]}),
    "sort_dir": _multi({"type": "string", "enum": ["asc", "desc"]}),
}, "additionalProperties": True}
FLAVORS_QUERY_275 = {**FLAVORS_QUERY, "additionalProperties": False}
KEYPAIRS_QUERY_235 = {"type": "object", "properties": {"user_id": _STR_PARAM, **_PAGING},
                      "additionalProperties": True}
KEYPAIRS_QUERY_275 = {**KEYPAIRS_QUERY_235, "additionalProperties": False}
#: `GET /images[/detail]` (the image proxy checks only `limit`).
IMAGES_QUERY = {"type": "object", "properties": {"limit": _PAGING["limit"]}}


# -- query parsing -----------------------------------------------------------------------------


def last(query: Mapping[str, list[str]], key: str) -> str | None:
    """The last value of a query parameter (Nova reads the last of repeated ones)."""
    values = query.get(key)
    return values[-1] if values else None


def page_limit(query: Mapping[str, list[str]], max_limit: int) -> int:
    """`common.get_limit_and_marker`: min(limit or max_limit, max_limit); 0 stays 0.

    Raises:
        BadRequest: Not an integer, or negative.
    """
    raw = last(query, "limit")
    if raw is None:
        return max_limit
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest("Invalid input received: limit must be an integer") from None
    if value < 0:
        raise BadRequest("Invalid input received: limit must be >= 0")
    return min(value, max_limit)


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
_PAGING_KEYS = ("sort_key", "sort_dir", "limit", "marker")


@dataclass(slots=True)
class ServerListQuery:
    """A server listing's query string, validated and parsed (`ServersController._get_servers`).

    Attributes:
        filters: The search options for the model.
        all_tenants: Every project's servers (admins).
        sort: `(key, direction)` pairs, Nova's default filled in.
        limit: The page size (at most `max_limit`).
        marker: The last server of the previous page.
        flavor: The `flavor` option as given: an unknown flavor lists nothing.
        empty: A status that matches nothing (before 2.38): the listing is empty.
    """

    filters: ServerFilters
    all_tenants: bool
    sort: list[tuple[str, str]]
    limit: int
    marker: str | None
    flavor: str | None
    empty: bool


def server_list_query(query: Mapping[str, list[str]], *, version: tuple[int, int],
                      is_admin: bool, which: str, max_limit: int) -> ServerListQuery:
    """Parse `GET /servers[/detail]`'s query as Nova does, in Nova's order of checks.

    Args:
        query: Every value of every parameter.
        version: The request's microversion.
        is_admin: Whether the caller is an admin (more options, `all_tenants`).
        which: `index` or `detail` (for the policy rule named in a 403).
        max_limit: `[api] max_limit`.

    Raises:
        BadRequest: An invalid option, value, status or sort.
        Forbidden: An admin-only option used by a non-admin.
    """
    check_query(servers_query_schema(version), query)
    opts = {k: v[-1] for k, v in query.items()}
    if is_admin:
        for key in _PAGING_KEYS:
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
        vm_states, task_states = states_for_statuses(query.get("status", []))
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
        if not is_admin:
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
        if not is_admin:
            raise policy_forbidden(f"os_compute_api:servers:{which}:get_all_tenants")
        filters.project_id = opts.get("project_id") or opts.get("tenant_id")
    _simple_filters(opts, filters)
    sort = _sort_params(query, is_admin, version)
    return ServerListQuery(filters=filters, all_tenants=all_tenants, sort=sort,
                           limit=page_limit(query, max_limit), marker=last(query, "marker"),
                           flavor=opts.get("flavor"), empty=empty)


def _time_filters(opts: dict[str, str], filters: ServerFilters) -> None:
    since = before = None
    if "changes-since" in opts:
        since = parse_isotime(opts["changes-since"])
        if since is None:
            raise BadRequest("Invalid filter field: changes-since.")
        filters.changes_since = since
    if "changes-before" in opts:
        before = parse_isotime(opts["changes-before"])
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


def _simple_filters(opts: dict[str, str], filters: ServerFilters) -> None:
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


def _sort_params(query: Mapping[str, list[str]], is_admin: bool, version: tuple[int, int]
                 ) -> list[tuple[str, str]]:
    keys = [k.strip() for k in query.get("sort_key", [])]
    dirs = [d.strip() for d in query.get("sort_dir", [])]
    ignored = [k for k in IGNORED_SORT_KEYS if not (k == "locked" and version >= (2, 73))]
    for key in list(keys):
        if key in ignored:
            index = keys.index(key)
            if len(dirs) > index:
                dirs.pop(index)
            keys.pop(index)
        elif key in ("host", "node") and not is_admin:
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


@dataclass(slots=True)
class FlavorListQuery:
    """A flavor listing's query string, validated and parsed (`FlavorsController._get_flavors`).

    Attributes:
        is_public: (admins) True, False, or None for both; non-admins see public ones.
        min_ram: `minRam`.
        min_disk: `minDisk`.
        sort_key: `sort_key` (default `flavorid`).
        sort_dir: `sort_dir` (default `asc`).
        limit: The page size (at most `max_limit`).
        marker: The last flavor of the previous page.
    """

    is_public: bool | None
    min_ram: int | None
    min_disk: int | None
    sort_key: str
    sort_dir: str
    limit: int
    marker: str | None


def flavor_list_query(query: Mapping[str, list[str]], *, version: tuple[int, int],
                      is_admin: bool, max_limit: int) -> FlavorListQuery:
    """Parse `GET /flavors[/detail]`'s query as Nova does.

    Raises:
        BadRequest: An invalid option or value ("Invalid is_public filter [...]"...).
    """
    check_query(FLAVORS_QUERY_275 if version >= (2, 75) else FLAVORS_QUERY, query)
    is_public: bool | None = True
    raw = last(query, "is_public")
    if is_admin and raw is not None:
        if raw.lower() == "none":
            is_public = None
        else:
            try:
                is_public = bool_from_string(raw)
            except BadRequest:
                raise BadRequest(f"Invalid is_public filter [{raw}]") from None
    min_ram = _int_filter(query, "minRam")
    min_disk = _int_filter(query, "minDisk")
    limit = page_limit(query, max_limit)
    return FlavorListQuery(is_public=is_public, min_ram=min_ram, min_disk=min_disk,
                           sort_key=last(query, "sort_key") or "flavorid",
                           sort_dir=last(query, "sort_dir") or "asc", limit=limit,
                           marker=last(query, "marker"))


def _int_filter(query: Mapping[str, list[str]], key: str) -> int | None:
    raw = last(query, key)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise BadRequest(f"Invalid {key} filter [{raw}]") from None


#: The filters Nova's image proxy passes on to Glance.
_IMAGE_FILTERS = ("name", "status", "server", "type", "minRam", "minDisk")


def image_filters(args: Mapping[str, str]) -> dict[str, str]:
    """The image proxy's filters among the query parameters (one value each)."""
    return {k: v for k, v in args.items() if k in _IMAGE_FILTERS}
