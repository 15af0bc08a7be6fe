"""Availability zone results, and the zone of a server."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import Result, parse_time
from stackdouble.client.pagination import Page, SinglePage

__all__ = [
    "AvailabilityZone",
    "AvailabilityZonePage",
    "ServiceState",
    "extract_availability_zone",
    "extract_availability_zones",
]


@dataclass(slots=True, kw_only=True)
class ServiceState:
    """The state of one Nova service on one host (detail listing only)."""

    active: bool = False
    available: bool = False
    updated_at: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ServiceState:
        """A ServiceState from `{"active", "available", "updated_at"}`."""
        return cls(
            active=bool(raw.get("active")),
            available=bool(raw.get("available")),
            updated_at=parse_time(raw.get("updated_at")),
        )


@dataclass(slots=True, kw_only=True)
class AvailabilityZone:
    """An availability zone.

    Attributes:
        name: `zoneName`.
        available: `zoneState.available`.
        hosts: Host → service binary → state; empty in the plain listing (Nova sends null).
    """

    name: str
    available: bool = False
    hosts: Mapping[str, Mapping[str, ServiceState]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AvailabilityZone:
        """An AvailabilityZone from one entry of `availabilityZoneInfo`."""
        hosts = raw.get("hosts") or {}
        return cls(
            name=str(raw["zoneName"]),
            available=bool((raw.get("zoneState") or {}).get("available")),
            hosts={
                str(host): {
                    str(binary): ServiceState.from_json(state)
                    for binary, state in (services or {}).items()
                }
                for host, services in hosts.items()
            },
        )


class AvailabilityZonePage(SinglePage):
    """The one page of `availabilityzones.list` or `list_detail`."""

    __slots__ = ()
    resource_key = "availabilityZoneInfo"

    def items(self) -> list[AvailabilityZone]:
        """The zones."""
        return extract_availability_zones(self)


def extract_availability_zones(page: Page) -> list[AvailabilityZone]:
    """The zones on the page of `availabilityzones.list` or `list_detail`."""
    if page.err is None and page.body is None:
        return []  # `all_pages()` of an empty listing
    return page.extract_list_with(AvailabilityZone.from_json, key="availabilityZoneInfo")


def _zone(raw: Any) -> str | None:
    if not isinstance(raw, Mapping):
        raise UnexpectedBody("a server object", type(raw).__name__)
    value = raw.get("OS-EXT-AZ:availability_zone")
    return None if value is None else str(value)


def extract_availability_zone(result: Result) -> str | None:
    """The `OS-EXT-AZ:availability_zone` of the server in a `servers.get` (or update,
    rebuild) result; None when Nova did not send it.

    Raises:
        StackdoubleError: The error the call ended with.
    """
    return result.extract_with(_zone, key="server")
