"""The bodies of `addFixedIp` and `removeFixedIp` (`nova/api/openstack/compute/schemas/
multinic.py`): a `networkId` (a string or a number, 1 to 36 characters: the `uuid`
column of nova-network's `networks` table) or an IP `address`."""

from __future__ import annotations

from typing import Any

__all__ = ["ADD_FIXED_IP", "REMOVE_FIXED_IP"]

_IP = {"type": "string", "oneOf": [{"format": "ipv4"}, {"format": "ipv6"}]}


def _action(name: str, fields: dict[str, Any], required: str) -> dict[str, Any]:
    return {"type": "object",
            "properties": {name: {"type": "object", "properties": fields,
                                  "required": [required], "additionalProperties": False}},
            "required": [name], "additionalProperties": False}


ADD_FIXED_IP = _action("addFixedIp", {"networkId": {"type": ["string", "number"],
                                                    "minLength": 1, "maxLength": 36}},
                       "networkId")
REMOVE_FIXED_IP = _action("removeFixedIp", {"address": _IP}, "address")
