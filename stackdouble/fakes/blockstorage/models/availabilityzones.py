"""Availability zones (`cinder/api/contrib/availability_zones.py`,
`volume.api.API.list_availability_zones`), for
`client/openstack/blockstorage/v3/availabilityzones`, and the volume summary of 3.12
(`volume.api.API.get_volume_summary`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from stackdouble.fakes.blockstorage.models._common import DEFAULT_AZ, _ModelBase
from stackdouble.fakes.caller import Caller

__all__ = ["AvailabilityZonesMixin", "VolumeSummary"]


@dataclass(slots=True)
class VolumeSummary:
    """`GET /volumes/summary`: how many volumes, their total size, and (3.36) every
    metadata value by key."""

    total_count: int = 0
    total_size: int = 0
    metadata: dict[str, list[str]] = field(default_factory=dict)


class AvailabilityZonesMixin(_ModelBase):
    """The zones of `BlockStorageModel`: one, `nova` (`storage_availability_zone`), where
    the volume service runs."""

    def availability_zones(self) -> list[tuple[str, bool]]:
        """`(name, available)` of every zone with an enabled volume service."""
        return [(DEFAULT_AZ, True)]

    def volume_summary(self, caller: Caller, *, all_tenants: bool = False) -> VolumeSummary:
        """The caller's volumes (every project's with `all_tenants`, admins) summed up
        (`VolumeList.get_volume_summary`); metadata values in first-seen order."""
        self.advance()
        summary = VolumeSummary()
        for volume in self.volumes.values():
            if not (all_tenants and caller.is_admin) and volume.project_id != caller.project_id:
                continue
            summary.total_count += 1
            summary.total_size += volume.size
            for key, value in volume.metadata.items():
                values = summary.metadata.setdefault(key, [])
                if value not in values:
                    values.append(value)
        return summary
