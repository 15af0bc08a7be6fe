"""Request schemas of the fake Nova's other server actions (`schemas/admin_actions.py`,
`schemas/create_backup.py`, `trigger_crash_dump` in `schemas/servers.py`) and the query
of `os-simple-tenant-usage` (`schemas/simple_tenant_usage.py`)."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.compute.schema import (
    _PAGING,
    METADATA,
    NAME,
    _action,
    _multi,
    _object,
    _wrapped,
)

__all__ = ["CREATE_BACKUP", "INJECT_NETWORK_INFO", "RESET_STATE", "TRIGGER_CRASH_DUMP",
           "usage_query_schema"]

RESET_STATE = _wrapped("os-resetState", _object(
    {"state": {"type": "string", "enum": ["active", "error"]}}, ["state"]))
INJECT_NETWORK_INFO = _action("injectNetworkInfo")
TRIGGER_CRASH_DUMP = _wrapped("trigger_crash_dump", {"type": "null"})
CREATE_BACKUP = _wrapped("createBackup", _object(
    {"name": NAME, "backup_type": {"type": "string"},
     "rotation": {"type": ["integer", "string"], "pattern": "^[0-9]*$", "minimum": 0,
                  "minLength": 1},
     "metadata": METADATA}, ["name", "backup_type", "rotation"]))

_STR = _multi({"type": "string"})


def _usage(detail: bool, level: int) -> dict[str, Any]:
    properties: dict[str, Any] = {"start": _STR, "end": _STR}
    if detail:
        properties["detailed"] = _STR
    if level:
        properties.update(_PAGING)
    return {"type": "object", "properties": properties, "additionalProperties": level < 2}


_USAGE = {(detail, level): _usage(detail, level) for detail in (False, True)
          for level in (0, 1, 2)}


def usage_query_schema(version: tuple[int, int], *, detail: bool) -> dict[str, Any]:
    """`start`, `end` (and `detailed` for the list); paging from 2.40; only those from
    2.75."""
    level = 2 if version >= (2, 75) else 1 if version >= (2, 40) else 0
    return _USAGE[(detail, level)]
