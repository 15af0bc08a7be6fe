"""Cinder availability zone results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.client.pagination import Page, SinglePage

__all__ = ["AvailabilityZone", "AvailabilityZonePage", "ZoneState",
           "extract_availability_zones"]


@dataclass(slots=True, kw_only=True)
class ZoneState:
    """Whether a zone has a volume service up."""

    available: bool = False


@dataclass(slots=True, kw_only=True)
class AvailabilityZone:
    """A Block Storage availability zone (`zoneName`, `zoneState`)."""

    zone_name: str
    zone_state: ZoneState

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AvailabilityZone:
        """An AvailabilityZone from Cinder's JSON."""
        state = raw.get("zoneState") or {}
        return cls(zone_name=raw["zoneName"],
                   zone_state=ZoneState(available=bool(state.get("available"))))


class AvailabilityZonePage(SinglePage):
    """The one page of `availabilityzones.list`."""

    __slots__ = ()
    resource_key = "availabilityZoneInfo"

    def items(self) -> list[AvailabilityZone]:
        """The zones."""
        return extract_availability_zones(self)


def extract_availability_zones(page: Page) -> list[AvailabilityZone]:
    """The zones on the page of `availabilityzones.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(AvailabilityZone.from_json, key="availabilityZoneInfo")
