"""Query strings as Cinder parses them: paging and sorting (`cinder/api/common.py`
`get_pagination_params`, `get_sort_params`), the general filtering
(`process_general_filtering`, `etc/cinder/resource_filters.json`) and the volume and
snapshot listings' filters (`cinder/api/v3/volumes.py`, `snapshots.py`, the time
comparisons of `cinder/api/api_utils.py`), checked in Cinder's order with its messages.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from stackdouble.fakes import osloutils
from stackdouble.fakes.blockstorage.errors import BadRequest, invalid_input
from stackdouble.fakes.blockstorage.models import (
    VOLUME_SORT_KEYS,
    AttachmentFilters,
    BackupFilters,
    SnapshotFilters,
    Volume,
    VolumeFilters,
)
from stackdouble.fakes.timestamps import parse_isotime

if TYPE_CHECKING:
    from stackdouble.fakes.caller import Caller
    from stackdouble.fakes.http import FakeRequest

__all__ = [
    "ATTACHMENT_FILTERS",
    "BACKUP_FILTERS",
    "ListParams",
    "VolumeQuery",
    "attachment_filters",
    "backup_filters",
    "bool_from_string",
    "bool_param",
    "list_params",
    "paging",
    "snapshot_filters",
    "volume_filters",
]

_DB_MAX_INT = 0x7FFFFFFF
_BOOLEAN_WORDS = osloutils.TRUE_STRINGS | osloutils.FALSE_STRINGS
#: `etc/cinder/resource_filters.json`: the filters non-admins may use.
VOLUME_FILTERS = ("name", "status", "metadata", "bootable", "migration_status",
                  "availability_zone", "group_id", "size", "created_at", "updated_at",
                  "consumes_quota")
SNAPSHOT_FILTERS = ("name", "status", "volume_id", "metadata", "availability_zone",
                    "consumes_quota")
_PAGING = ("limit", "marker", "offset", "sort", "sort_key", "sort_dir")


def bool_from_string(value: Any, *, strict: bool = True, default: bool = False) -> bool:
    """oslo's `strutils.bool_from_string` (`osloutils`).

    Raises:
        BadRequest: With `strict`, a value that is not a boolean word ("Invalid input
            received: Unrecognized value ...").
    """
    try:
        return osloutils.bool_from_string(value, strict=strict, default=default)
    except ValueError as exc:
        raise invalid_input(str(exc)) from None


def bool_param(name: str, value: str) -> bool:
    """`utils.get_bool_param`.

    Raises:
        BadRequest: "Value '<v>' for '<name>' is not a boolean."
    """
    text = str(value).lower()
    if text not in _BOOLEAN_WORDS:
        raise BadRequest(f"Value '{value}' for '{name}' is not a boolean.")
    return text in osloutils.TRUE_STRINGS


def _literal(value: str) -> Any:
    """`ast.literal_eval` as `check_volume_filters` applies it; the text when it fails."""
    if len(value) > 4096:
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return value


# -- paging and sorting (cinder/api/common.py) ------------------------------------------------


def paging(req: FakeRequest, max_limit: int) -> tuple[str | None, int, int]:
    """`get_pagination_params`: (marker, limit, offset).

    Raises:
        BadRequest: "limit param must be an integer" / "limit param must be positive", or
            "offset must be an integer" / "offset must be >= 0".
    """
    raw = req.args.get("limit")
    if raw is None:
        limit = max_limit
    else:
        try:
            limit = int(raw)
        except ValueError:
            raise BadRequest("limit param must be an integer") from None
        if limit < 0:
            raise BadRequest("limit param must be positive")
        limit = min(limit, max_limit)
    marker = req.args.get("marker")
    offset_raw = req.args.get("offset", "0") or ""
    try:
        offset = int(offset_raw)
    except ValueError:
        raise BadRequest("offset must be an integer") from None
    if offset < 0:
        raise BadRequest("offset must be >= 0")
    if offset > _DB_MAX_INT:
        raise BadRequest(f"offset must be <= {_DB_MAX_INT}")
    return marker, limit, offset


def _sort(req: FakeRequest, *, rename_name: bool = True) -> list[tuple[str, str]]:
    """`get_sort_params` (default `created_at desc`), with `name` → `display_name`.

    Raises:
        BadRequest: `sort` together with `sort_key`/`sort_dir`, or an unknown direction.
    """
    args = req.args
    if "sort" in args and ("sort_key" in args or "sort_dir" in args):
        raise BadRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot "
                         "be used with the 'sort' parameter.")
    pairs: list[tuple[str, str]] = []
    if "sort" in args:
        for item in (args.get("sort") or "").strip().split(","):
            key, _sep, direction = item.partition(":")
            pairs.append((key.strip(), (direction or "desc").strip()))
    else:
        pairs.append(((args.get("sort_key") or "created_at").strip(),
                      (args.get("sort_dir") or "desc").strip()))
    for _key, direction in pairs:
        if direction not in ("asc", "desc"):
            raise invalid_input("Unknown sort direction, must be 'desc' or 'asc'.")
    if rename_name:
        pairs = [("display_name" if k == "name" else k, d) for k, d in pairs]
    return pairs


def _filter_args(req: FakeRequest, caller: Caller, version: tuple[int, int],
                 allowed: tuple[str, ...], dropped: tuple[tuple[tuple[int, int], str], ...]
                 ) -> dict[str, str]:
    """The query's filters after `process_general_filtering`: unknown ones are a 400 from
    3.31 (non-admins), silently dropped before; `all_tenants` is always silently dropped
    for non-admins."""
    opts = {k: v for k, v in req.args.items() if k not in _PAGING}
    if version >= (3, 45) and "with_count" in opts:
        opts.pop("with_count")
    for key in opts:
        if not key.isascii():
            raise BadRequest("Filter keys can only contain ASCII characters.")
    if version >= (3, 31):
        if not caller.is_admin:
            invalid = [k for k in opts if k not in allowed]
            if "all_tenants" in invalid:
                invalid.remove("all_tenants")
                opts.pop("all_tenants")
            if invalid:
                raise BadRequest(f"Invalid filters {','.join(invalid)} are found in query "
                                 "options.")
        if "consumes_quota" in opts:
            opts["use_quota"] = opts.pop("consumes_quota")
    else:
        for before, name in dropped:
            if version <= before:
                opts.pop(name, None)
        if not caller.is_admin:
            opts = {k: v for k, v in opts.items() if k in allowed}
    return opts


def _with_count(req: FakeRequest, version: tuple[int, int]) -> bool:
    raw = req.args.get("with_count")
    if version < (3, 45) or raw is None:
        return False
    return bool_param("with_count", raw)


_VOLUME_DROPPED = (((3, 3), "glance_metadata"), ((3, 9), "group_id"), ((3, 59), "created_at"),
                   ((3, 59), "updated_at"), ((3, 64), "use_quota"))
_TIME_OPS = {"gt": lambda a, b: a > b, "gte": lambda a, b: a >= b, "eq": lambda a, b: a == b,
             "neq": lambda a, b: a != b, "lt": lambda a, b: a < b, "lte": lambda a, b: a <= b}


def _time_filter(name: str, text: str) -> Callable[[datetime | None], bool]:
    """`_handle_time_comparison_filters`: `gt:2026-01-01T00:00:00,lte:...`.

    Raises:
        BadRequest: "Invalid <op> operator", "Invalid <field> value", "Invalid <time> value".
    """
    checks: list[tuple[Callable[[Any, Any], bool], datetime]] = []
    for unit in text.split(","):
        parts = unit.split(":")
        if len(parts) < 2:
            if parts[0] not in _TIME_OPS:
                raise BadRequest(f"Invalid {parts[0]} operator")
            raise BadRequest(f"Invalid {name} value")
        op, when_text = parts[0], ":".join(parts[1:])
        if op not in _TIME_OPS:
            raise BadRequest(f"Invalid {op} operator")
        when = parse_isotime(when_text)
        if when is None:
            raise BadRequest(f"Invalid {when_text} value")
        checks.append((_TIME_OPS[op], when))

    def matches(value: datetime | None) -> bool:
        return value is not None and all(fn(value, when) for fn, when in checks)

    return matches


def _time_check(name: str, check: Callable[[datetime | None], bool]
                ) -> Callable[[Volume], bool]:
    if name == "created_at":
        return lambda v: check(v.created_at)
    return lambda v: check(v.updated_at)


def _equals(getter: Callable[[Volume], Any], want: Any) -> Callable[[Volume], bool]:
    return lambda v: bool(getter(v) == want)


def _host_is(host: str) -> Callable[[Volume], bool]:
    """`_filter_host`: the host, or any backend or pool of it."""
    return lambda v: (v.host or "") == host or (v.host or "").startswith((host + "@",
                                                                          host + "#"))


class VolumeQuery:
    """A volume listing's filters that `VolumeFilters` does not hold (times, columns)."""

    def __init__(self, base: VolumeFilters) -> None:
        self.base = base
        self.extra: list[Callable[[Volume], bool]] = []

    def matches(self, v: Volume) -> bool:
        """Whether a volume passes `base` and every extra check."""
        if not self.base.matches(v):
            return False
        return all(check(v) for check in self.extra)


def volume_filters(req: FakeRequest, caller: Caller, version: tuple[int, int]
                    ) -> tuple[VolumeQuery, bool]:
    """The listing's filters and whether to list every project (`all_tenants`, admins).

    Raises:
        BadRequest: Cinder's filter errors ("Invalid filters ...", "'bootable = x'",
            "Value 'x' for 'all_tenants' is not a boolean.", time filter errors).
    """
    opts = _filter_args(req, caller, version, VOLUME_FILTERS, _VOLUME_DROPPED)
    filters = VolumeFilters()
    query = VolumeQuery(filters)
    all_tenants = False
    if "all_tenants" in opts:
        all_tenants = bool_param("all_tenants", opts.pop("all_tenants")) and caller.is_admin
    if "name" in opts:
        filters.name = opts.pop("name")
    for name in ("created_at", "updated_at"):
        if name in opts:
            query.extra.append(_time_check(name, _time_filter(name, opts.pop(name))))
    strict = version >= (3, 2)
    for key in ("bootable", "multiattach", "use_quota"):
        if key in opts:
            raw = opts.pop(key)
            if strict:
                if str(raw).strip().lower() not in _BOOLEAN_WORDS:
                    raise invalid_input(f"'{key} = {raw}'")
                value = str(raw).strip().lower() in osloutils.TRUE_STRINGS
            else:
                value = raw not in ("False", "false", "FALSE") and (
                    raw in ("True", "true", "TRUE") or bool(raw))
            if key == "bootable":
                filters.bootable = value
            elif key == "multiattach":
                query.extra.append(_equals(VOLUME_SORT_KEYS["multiattach"], value))
            elif not value:
                filters.impossible = True
    for key, raw in opts.items():
        given = _literal(raw)
        if key == "metadata":
            if not isinstance(given, dict):
                filters.impossible = True
            else:
                filters.metadata = {str(k): str(v) for k, v in given.items()}
        elif key == "status":
            filters.status = str(given)
        elif key == "availability_zone":
            filters.availability_zone = str(given)
        elif key == "size":
            if isinstance(given, int) and not isinstance(given, bool):
                filters.size = given
            else:
                filters.impossible = True
        elif key == "project_id":
            filters.project_id = str(given)
        elif key == "user_id":
            filters.user_id = str(given)
        elif key == "volume_type_id":
            filters.volume_type_id = str(given)
        elif key == "host":
            query.extra.append(_host_is(str(given)))
        elif key in VOLUME_SORT_KEYS:
            query.extra.append(_equals(VOLUME_SORT_KEYS[key], given))
        elif key == "group_id":
            query.extra.append(_equals(lambda v: v.group_id, given))
        elif key in ("migration_status", "consistencygroup_id"):
            filters.impossible = filters.impossible or given is not None
        elif key != "no_migration_targets":
            filters.impossible = True  # "'<key>' filter key is not valid."
    return query, all_tenants


@dataclass(slots=True)
class ListParams:
    """A listing's paging, sort and `with_count` parameters (`cinder/api/common.py`)."""

    marker: str | None
    limit: int
    offset: int
    sort: list[tuple[str, str]]
    with_count: bool


def list_params(req: FakeRequest, version: tuple[int, int], max_limit: int, *,
                rename_name: bool = True) -> ListParams:
    """Paging, then sort, then `with_count`, checked in Cinder's order.

    Raises:
        BadRequest: Cinder's paging, sort and `with_count` errors.
    """
    marker, limit, offset = paging(req, max_limit)
    sort = _sort(req, rename_name=rename_name)
    return ListParams(marker=marker, limit=limit, offset=offset, sort=sort,
                      with_count=_with_count(req, version))


def snapshot_filters(req: FakeRequest, caller: Caller, version: tuple[int, int]
                     ) -> tuple[SnapshotFilters, bool, bool]:
    """A snapshot listing's filters, whether to list every project (`all_tenants`,
    admins), and whether nothing can match (an unknown filter, a non-dict `metadata`).

    Raises:
        BadRequest: Cinder's filter errors.
    """
    opts = _filter_args(req, caller, version, SNAPSHOT_FILTERS if version >= (3, 31) else (
        "status", "volume_id", "name", "metadata"), (((3, 21), "metadata"), ((3, 64), "use_quota")))
    filters = SnapshotFilters()
    all_tenants = False
    if "all_tenants" in opts:
        all_tenants = bool_param("all_tenants", opts.pop("all_tenants")) and caller.is_admin
    impossible = False
    for key, raw in opts.items():
        if key == "name":
            filters.name = raw
        elif key == "status":
            filters.status = raw
        elif key == "volume_id":
            filters.volume_id = raw
        elif key == "project_id":
            filters.project_id = raw
        elif key == "metadata":
            value = _literal(raw)
            if isinstance(value, dict):
                filters.metadata = {str(k): str(v) for k, v in value.items()}
            else:
                impossible = True
    return filters, all_tenants, impossible


#: `etc/cinder/resource_filters.json`: the backup and attachment filters non-admins may use.
BACKUP_FILTERS = ("name", "status", "volume_id")
ATTACHMENT_FILTERS = ("volume_id", "status", "instance_id", "attach_status")


def backup_filters(req: FakeRequest, caller: Caller, version: tuple[int, int]
                   ) -> tuple[BackupFilters, bool]:
    """A backup listing's filters (`_get_backups`) and whether to list every project.

    Raises:
        BadRequest: Cinder's filter errors, or "all_tenants must be a boolean, got 'x'."
    """
    opts = _filter_args(req, caller, version, BACKUP_FILTERS, ())
    filters = BackupFilters()
    all_tenants = False
    if "all_tenants" in opts:
        raw = opts.pop("all_tenants")
        if raw.lower() not in _BOOLEAN_WORDS:
            raise BadRequest(f"all_tenants must be a boolean, got '{raw}'.")
        all_tenants = caller.is_admin and raw.lower() in osloutils.TRUE_STRINGS
    for key, raw in opts.items():
        if key == "name":
            filters.name = raw
        elif key == "status":
            filters.status = raw
        elif key == "volume_id":
            filters.volume_id = raw
        elif key == "project_id":
            filters.project_id = raw
    return filters, all_tenants


def attachment_filters(req: FakeRequest, caller: Caller, version: tuple[int, int]
                       ) -> tuple[AttachmentFilters, bool]:
    """An attachment listing's filters (`_items`: `instance_id` is the server,
    `status` the attach status) and whether to list every project (`all_tenants`, any value,
    admins).

    Raises:
        BadRequest: Cinder's filter errors.
    """
    opts = _filter_args(req, caller, version, ATTACHMENT_FILTERS, ())
    all_tenants = caller.is_admin and "all_tenants" in opts
    opts.pop("all_tenants", None)
    filters = AttachmentFilters(volume_id=opts.get("volume_id"),
                                instance_id=opts.get("instance_id") or None,
                                attach_status=opts.get("attach_status", opts.get("status")))
    return filters, all_tenants
