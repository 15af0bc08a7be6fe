"""The request schema of Nova's `PUT /os-hosts/{host_name}`
(`nova/api/openstack/compute/schemas/hosts.py` `update`): `status` and/or
`maintenance_mode`, each `enable` or `disable` in one of three cases, nothing else.
The other routes' query schemas accept anything (`index_query` keeps
`additionalProperties: True`; the others are empty)."""

from __future__ import annotations

from typing import Any

__all__ = ["HOST_UPDATE"]

_SWITCH = {"type": "string",
           "enum": ["enable", "disable", "Enable", "Disable", "ENABLE", "DISABLE"]}

#: `update`: at least one of the two, no other key.
HOST_UPDATE: dict[str, Any] = {
    "type": "object",
    "properties": {"status": _SWITCH, "maintenance_mode": _SWITCH},
    "anyOf": [{"required": ["status"]}, {"required": ["maintenance_mode"]}],
    "additionalProperties": False,
}
