"""Nova limits results: `Limits` with its `Absolute` limits and use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import Result

__all__ = ["Absolute", "GetResult", "Limits"]

#: Nova's camelCase names, as `Absolute` fields.
_ABSOLUTE = {
    "maxTotalCores": "max_total_cores", "maxImageMeta": "max_image_meta",
    "maxServerMeta": "max_server_meta", "maxPersonality": "max_personality",
    "maxPersonalitySize": "max_personality_size", "maxTotalKeypairs": "max_total_keypairs",
    "maxSecurityGroups": "max_security_groups",
    "maxSecurityGroupRules": "max_security_group_rules",
    "maxServerGroups": "max_server_groups",
    "maxServerGroupMembers": "max_server_group_members",
    "maxTotalFloatingIps": "max_total_floating_ips",
    "maxTotalInstances": "max_total_instances", "maxTotalRAMSize": "max_total_ram_size",
    "totalCoresUsed": "total_cores_used", "totalInstancesUsed": "total_instances_used",
    "totalFloatingIpsUsed": "total_floating_ips_used", "totalRAMUsed": "total_ram_used",
    "totalSecurityGroupsUsed": "total_security_groups_used",
    "totalServerGroupsUsed": "total_server_groups_used",
}


@dataclass(slots=True, kw_only=True)
class Absolute:
    """A project's absolute limits (-1: unlimited) and use; None where Nova leaves a name
    out (the network ones from 2.36, `maxImageMeta` from 2.39, the personality ones from
    2.57)."""

    max_total_cores: int | None = None
    max_image_meta: int | None = None
    max_server_meta: int | None = None
    max_personality: int | None = None
    max_personality_size: int | None = None
    max_total_keypairs: int | None = None
    max_security_groups: int | None = None
    max_security_group_rules: int | None = None
    max_server_groups: int | None = None
    max_server_group_members: int | None = None
    max_total_floating_ips: int | None = None
    max_total_instances: int | None = None
    max_total_ram_size: int | None = None
    total_cores_used: int | None = None
    total_instances_used: int | None = None
    total_floating_ips_used: int | None = None
    total_ram_used: int | None = None
    total_security_groups_used: int | None = None
    total_server_groups_used: int | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Absolute:
        """An Absolute from Nova's `absolute` object."""
        return cls(**{name: int(raw[key]) for key, name in _ABSOLUTE.items()
                      if raw.get(key) is not None})


@dataclass(slots=True, kw_only=True)
class Limits:
    """What `GET /limits` answers.

    Attributes:
        absolute: The absolute limits and use.
        rate: Rate limits; Nova has had none since Liberty, so always empty.
    """

    absolute: Absolute
    rate: Sequence[Any] = field(default_factory=list)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Limits:
        """Limits from Nova's `limits` object."""
        return cls(absolute=Absolute.from_json(raw["absolute"]), rate=list(raw.get("rate") or []))


class GetResult(Result):
    """The result of `limits.get`; `extract()` gives the Limits."""

    __slots__ = ()

    def extract(self) -> Limits:
        """The Limits, or raise the error the call ended with."""
        return self.extract_with(Limits.from_json, key="limits")
