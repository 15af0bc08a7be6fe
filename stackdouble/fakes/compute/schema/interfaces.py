"""Request schema of Nova's `os-interface` attach
(`nova/api/openstack/compute/schemas/attach_interfaces.py`), per microversion."""

from __future__ import annotations

from typing import Any

__all__ = ["create_schema"]

_UUID = {"type": "string", "format": "uuid"}
_IP = {"type": "string", "oneOf": [{"format": "ipv4"}, {"format": "ipv6"}]}
_TAG = {"type": "string", "pattern": "^[^,/]*$", "minLength": 1, "maxLength": 60}


def _create(with_tag: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "net_id": _UUID, "port_id": _UUID,
        "fixed_ips": {"type": "array", "minItems": 1, "maxItems": 1,
                      "items": {"type": "object", "properties": {"ip_address": _IP},
                                "required": ["ip_address"], "additionalProperties": False}}}
    if with_tag:
        properties["tag"] = _TAG
    return {"type": "object",
            "properties": {"interfaceAttachment": {"type": "object", "properties": properties,
                                                   "additionalProperties": False}},
            "additionalProperties": False}


_CREATE = _create(False)
_CREATE_V249 = _create(True)


def create_schema(version: tuple[int, int]) -> dict[str, Any]:
    """`create` (2.1) or `create_v249` (`tag`)."""
    return _CREATE_V249 if version >= (2, 49) else _CREATE
