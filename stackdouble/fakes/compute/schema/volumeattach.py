"""Request schemas of Nova's `os-volume_attachments`
(`nova/api/openstack/compute/schemas/volume_attachment.py`), per microversion."""

from __future__ import annotations

from typing import Any

__all__ = ["create_schema", "list_query", "update_schema"]

_DEVICE = {"type": ["string", "null"],
           "pattern": "(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$"}
_BOOLEAN = {"type": ["boolean", "string"],
            "enum": [True, "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes",
                     False, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No",
                     "no"]}
_TAG = {"type": "string", "pattern": "^[^,/]*$", "minLength": 1, "maxLength": 60}
_UUID = {"type": "string", "format": "uuid"}
_LIMITS = {"type": ["integer", "string"], "pattern": "^[0-9]*$", "minimum": 0, "minLength": 1}


def list_query(version: tuple[int, int]) -> dict[str, Any]:
    """`index_query`: `limit` and `offset`; other keys refused from 2.75."""
    return {"type": "object",
            "properties": {"limit": {"type": "array", "items": _LIMITS},
                           "offset": {"type": "array", "items": _LIMITS}},
            "additionalProperties": version < (2, 75)}


def _create(version: tuple[int, int]) -> dict[str, Any]:
    properties: dict[str, Any] = {"volumeId": _UUID, "device": _DEVICE}
    if version >= (2, 49):
        properties["tag"] = _TAG
    if version >= (2, 79):
        properties["delete_on_termination"] = _BOOLEAN
    return {"type": "object",
            "properties": {"volumeAttachment": {"type": "object", "properties": properties,
                                                "required": ["volumeId"],
                                                "additionalProperties": False}},
            "required": ["volumeAttachment"], "additionalProperties": False}


_CREATE = {band: _create(band) for band in ((2, 1), (2, 49), (2, 79))}

_UPDATE_V285 = {"type": "object",
                "properties": {"volumeAttachment": {
                    "type": "object",
                    "properties": {"volumeId": _UUID, "device": _DEVICE, "tag": _TAG,
                                   "delete_on_termination": _BOOLEAN, "serverId": _UUID,
                                   "id": _UUID},
                    "required": ["volumeId"], "additionalProperties": False}},
                "required": ["volumeAttachment"], "additionalProperties": False}
_UPDATE = {"type": "object",
           "properties": {"volumeAttachment": {"type": "object",
                                               "properties": {"volumeId": _UUID},
                                               "required": ["volumeId"],
                                               "additionalProperties": False}},
           "required": ["volumeAttachment"], "additionalProperties": False}


def create_schema(version: tuple[int, int]) -> dict[str, Any]:
    """`create` (2.1), `create_v249` (`tag`), `create_v279` (`delete_on_termination`)."""
    band = (2, 79) if version >= (2, 79) else (2, 49) if version >= (2, 49) else (2, 1)
    return _CREATE[band]


def update_schema(version: tuple[int, int]) -> dict[str, Any]:
    """`update` (a swap: `volumeId` only) or, from 2.85, `update_v285`."""
    return _UPDATE_V285 if version >= (2, 85) else _UPDATE
