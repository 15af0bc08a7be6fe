"""The bodies of the volume actions `handlers/volumeactions.py` answers, as Cinder 29's
`cinder/api/schemas/volume_actions.py`, `admin_actions.py`, `volume_unmanage.py` and
`volumes.py` (`revert`) declare them; checked with `schema.check_body`.

Example:
    >>> from stackdouble.fakes.blockstorage.errors import BadRequest
    >>> from stackdouble.fakes.blockstorage.schema import check_body
    >>> try:
    ...     check_body(RETYPE, {"os-retype": {"new_type": "gold", "migration_policy": "x"}})
    ... except BadRequest as exc:
    ...     print(exc.message)
    Invalid input for field/attribute migration_policy. Value: x. 'x' is not one of \
['on-demand', 'never']
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "EXTEND_VOLUME_COMPLETION",
    "FORCE_DETACH",
    "INITIALIZE_CONNECTION",
    "MIGRATE_VOLUME",
    "MIGRATE_VOLUME_COMPLETION",
    "MIGRATE_VOLUME_V316",
    "READONLY_UPDATE",
    "RETYPE",
    "REVERT",
    "TERMINATE_CONNECTION",
    "UNMANAGE",
]

#: `parameter_types.boolean`.
_BOOLEAN = {"type": ["boolean", "string"],
            "enum": [True, "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes",
                     "y", "t", False, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO",
                     "No", "no", "n", "f"]}
_UUID = {"type": "string", "format": "uuid"}
_ERROR = {"type": ["string", "null", "boolean"]}


def _action(name: str, inner: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {name: inner}, "required": [name],
            "additionalProperties": False}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties,
                           "additionalProperties": False}
    if required:
        out["required"] = required
    return out


RETYPE = _action("os-retype", _object(
    {"new_type": {"type": "string"},
     "migration_policy": {"type": ["string", "null"], "enum": ["on-demand", "never"]}},
    ["new_type"]))
READONLY_UPDATE = _action("os-update_readonly_flag", _object({"readonly": _BOOLEAN},
                                                             ["readonly"]))
INITIALIZE_CONNECTION = _action("os-initialize_connection", _object(
    {"connector": {"type": ["object", "string"]}}, ["connector"]))
TERMINATE_CONNECTION = _action("os-terminate_connection", _object(
    {"connector": {"type": ["string", "object", "null"]}}, ["connector"]))
FORCE_DETACH = _action("os-force_detach", _object(
    {"connector": {"type": ["string", "object", "null"]},
     "attachment_id": {"type": ["string", "null"]}}))
MIGRATE_VOLUME = _action("os-migrate_volume", _object(
    {"host": {"type": "string", "maxLength": 255}, "force_host_copy": _BOOLEAN,
     "lock_volume": _BOOLEAN}, ["host"]))
#: From 3.16: `host` may be null, and a `cluster` may be named instead.
MIGRATE_VOLUME_V316 = _action("os-migrate_volume", _object(
    {"host": {"type": ["string", "null"], "maxLength": 255}, "force_host_copy": _BOOLEAN,
     "lock_volume": _BOOLEAN,
     "cluster": {"type": ["string", "null"], "minLength": 0, "maxLength": 255}}))
MIGRATE_VOLUME_COMPLETION = _action("os-migrate_volume_completion", _object(
    {"new_volume": _UUID, "error": _ERROR}, ["new_volume"]))
EXTEND_VOLUME_COMPLETION = _action("os-extend_volume_completion", _object({"error": _ERROR}))
UNMANAGE = _action("os-unmanage", {})
#: `revert` lets any other key through ("Restrict additional properties in a future API
#: version").
REVERT = _action("revert", {"type": "object",
                            "properties": {"snapshot_id": {"type": ["string", "null"]}},
                            "additionalProperties": True})
