"""Request schemas of the fake Nova's migrations: the `migrate`, `os-migrateLive` and
`evacuate` actions (`schemas/migrate_server.py`, `schemas/evacuate.py`) and the query of
`GET /os-migrations` (`schemas/migrations.py`), per microversion."""

from __future__ import annotations

import copy
from typing import Any

from stackdouble.fakes.compute.schema import _BOOLEAN, _PAGING, _STR_PARAM, _multi, _object

__all__ = ["FORCE_COMPLETE", "evacuate_schema", "live_migrate_schema", "migrate_schema",
           "migrations_query_schema"]

#: `parameter_types.fqdn` (underscores allowed, as real hosts have them).
_FQDN = {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[a-zA-Z0-9-._]*$"}
_HOST = {**_FQDN, "type": ["string", "null"]}
_BOOLEAN_ENUM: list[Any] = list(_BOOLEAN["enum"])  # type: ignore[call-overload]
_BOOLEAN_OR_AUTO = {**_BOOLEAN, "enum": [*_BOOLEAN_ENUM, "auto"]}

FORCE_COMPLETE = _object({"force_complete": {"type": "null"}}, ["force_complete"])
_MIGRATE = _object({"migrate": {"type": "null"}}, ["migrate"])
_MIGRATE_256 = _object({"migrate": {"type": ["object", "null"], "properties": {"host": _HOST},
                                    "additionalProperties": False}}, ["migrate"])

_LIVE = _object({"os-migrateLive": _object(
    {"block_migration": _BOOLEAN, "disk_over_commit": _BOOLEAN, "host": _HOST},
    ["block_migration", "disk_over_commit", "host"])}, ["os-migrateLive"])
_LIVE_225 = _object({"os-migrateLive": _object(
    {"block_migration": _BOOLEAN_OR_AUTO, "host": _HOST},
    ["block_migration", "host"])}, ["os-migrateLive"])
_LIVE_230 = copy.deepcopy(_LIVE_225)
_LIVE_230["properties"]["os-migrateLive"]["properties"]["force"] = _BOOLEAN

_EVACUATE = _object({"evacuate": _object(
    {"host": _FQDN, "onSharedStorage": _BOOLEAN, "adminPass": {"type": "string"}},
    ["onSharedStorage"])}, ["evacuate"])
_EVACUATE_214 = _object({"evacuate": _object({"host": _FQDN, "adminPass": {"type": "string"}})},
                        ["evacuate"])
_EVACUATE_229 = copy.deepcopy(_EVACUATE_214)
_EVACUATE_229["properties"]["evacuate"]["properties"]["force"] = _BOOLEAN


def migrate_schema(version: tuple[int, int]) -> dict[str, Any]:
    """`migrate`: `null` until 2.55 (Nova's 2.1 schema is the v2.0 one's: any body with
    the key), a `host` from 2.56."""
    return _MIGRATE_256 if version >= (2, 56) else {"type": "object",
                                                    "required": ["migrate"]}


def live_migrate_schema(version: tuple[int, int]) -> dict[str, Any]:
    """`os-migrateLive`: `disk_over_commit` until 2.24, `auto` from 2.25, `force` 2.30-2.67."""
    if version >= (2, 68):
        return _LIVE_225
    if version >= (2, 30):
        return _LIVE_230
    return _LIVE_225 if version >= (2, 25) else _LIVE


def evacuate_schema(version: tuple[int, int]) -> dict[str, Any]:
    """`evacuate`: `onSharedStorage` required until 2.13, `force` 2.29-2.67."""
    if version >= (2, 68):
        return _EVACUATE_214
    if version >= (2, 29):
        return _EVACUATE_229
    return _EVACUATE_214 if version >= (2, 14) else _EVACUATE


def _single(item: dict[str, Any]) -> dict[str, Any]:
    return {**_multi(item), "maxItems": 1}


_DATE_TIME = _single({"type": "string", "format": "date-time"})
_QUERY_20: dict[str, Any] = {"type": "object", "properties": {
    key: _STR_PARAM for key in ("hidden", "host", "instance_uuid", "source_compute",
                                "status", "migration_type")}, "additionalProperties": True}
_QUERY_259: dict[str, Any] = {"type": "object", "properties": {
    **_QUERY_20["properties"], "limit": {**_PAGING["limit"], "maxItems": 1},
    "marker": _single({"type": "string"}), "changes-since": _DATE_TIME},
    "additionalProperties": False}
_QUERY_266 = copy.deepcopy(_QUERY_259)
_QUERY_266["properties"]["changes-before"] = _DATE_TIME
_QUERY_280 = copy.deepcopy(_QUERY_266)
_QUERY_280["properties"].update({"user_id": _single({"type": "string"}),
                                 "project_id": _single({"type": "string"})})


def migrations_query_schema(version: tuple[int, int]) -> dict[str, Any]:
    """`GET /os-migrations`' query: anything until 2.58 (unknown keys ignored), then only
    the filters and paging of the microversion."""
    if version >= (2, 80):
        return _QUERY_280
    if version >= (2, 66):
        return _QUERY_266
    return _QUERY_259 if version >= (2, 59) else _QUERY_20
