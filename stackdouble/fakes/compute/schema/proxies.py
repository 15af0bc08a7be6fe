"""Request schemas of Nova's network proxies (`schemas/security_groups.py`,
`schemas/floating_ips.py`)."""

from __future__ import annotations

from typing import Any

__all__ = ["ADD_FLOATING_IP", "CREATE_FLOATING_IP", "CREATE_RULE", "CREATE_SECURITY_GROUP",
           "REMOVE_FLOATING_IP"]

_UUID = {"type": "string", "format": "uuid"}
_IP = {"type": "string", "oneOf": [{"format": "ipv4"}, {"format": "ipv6"}]}
_TEXT = {"type": "string", "minLength": 0, "maxLength": 255}

CREATE_SECURITY_GROUP: dict[str, Any] = {
    "type": "object",
    "properties": {"security_group": {"type": "object",
                                      "properties": {"name": _TEXT, "description": _TEXT},
                                      "required": ["name", "description"],
                                      "additionalProperties": True}},
    "required": ["security_group"], "additionalProperties": True}

CREATE_RULE: dict[str, Any] = {
    "type": "object",
    "properties": {"security_group_rule": {
        "type": "object",
        "properties": {"group_id": {"type": ["string", "null"], "format": "uuid"},
                       "parent_group_id": _UUID,
                       "to_port": {}, "from_port": {}, "ip_protocol": {}, "cidr": {}},
        "required": ["parent_group_id"], "additionalProperties": True}},
    "required": ["security_group_rule"], "additionalProperties": True}

CREATE_FLOATING_IP: dict[str, Any] = {
    "type": ["object", "null"], "properties": {"pool": {"type": ["string", "null"]}}}


def _action(name: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object",
            "properties": {name: {"type": "object", "properties": fields,
                                  "required": ["address"], "additionalProperties": False}},
            "required": [name], "additionalProperties": False}


ADD_FLOATING_IP = _action("addFloatingIp", {"address": _IP, "fixed_address": _IP})
REMOVE_FLOATING_IP = _action("removeFloatingIp", {"address": _IP})
