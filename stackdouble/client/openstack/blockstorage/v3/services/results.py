"""Cinder service results: the Service rows of `os-services`, the answers of its actions,
and the resource filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import Page, SinglePage

__all__ = [
    "DisableLogReasonResult",
    "DisableResult",
    "EnableResult",
    "FreezeResult",
    "ResourceFilter",
    "ResourceFilterPage",
    "Service",
    "ServicePage",
    "ServiceUpdate",
    "ThawResult",
    "UpdateResult",
    "extract_resource_filters",
    "extract_services",
]


@dataclass(slots=True, kw_only=True)
class Service:
    """A Cinder service (`cinder-scheduler`, `cinder-volume`, `cinder-backup`).

    Attributes:
        status: `enabled` or `disabled` (an admin's choice).
        state: `up` or `down` (whether its heartbeat is recent).
        cluster: From microversion 3.7.
        backend_state: A volume service's backend, `up` or `down`, from 3.49.
        replication_status, active_backend_id, frozen: Volume services only.
    """

    binary: str
    host: str
    zone: str = ""
    status: str = ""
    state: str = ""
    updated_at: datetime | None = None
    disabled_reason: str | None = None
    cluster: str | None = None
    backend_state: str | None = None
    replication_status: str | None = None
    active_backend_id: str | None = None
    frozen: bool = False

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Service:
        """A Service from Cinder's JSON."""
        return cls(binary=raw["binary"], host=raw["host"], zone=raw.get("zone") or "",
                   status=raw.get("status") or "", state=raw.get("state") or "",
                   updated_at=parse_time(raw.get("updated_at")),
                   disabled_reason=raw.get("disabled_reason"), cluster=raw.get("cluster"),
                   backend_state=raw.get("backend_state"),
                   replication_status=raw.get("replication_status"),
                   active_backend_id=raw.get("active_backend_id"),
                   frozen=bool(raw.get("frozen", False)))


class ServicePage(SinglePage):
    """The one page of `services.list`."""

    __slots__ = ()
    resource_key = "services"

    def items(self) -> list[Service]:
        """The services."""
        return extract_services(self)


def extract_services(page: Page) -> list[Service]:
    """The services on the page of `services.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Service.from_json, key="services")


@dataclass(slots=True, kw_only=True)
class ServiceUpdate:
    """What `enable`, `disable` and `disable_log_reason` answer: the request's host,
    `binary` and (deprecated) `service` as sent, and the new status."""

    host: str
    binary: str = ""
    service: str = ""
    status: str = ""
    disabled: bool = False
    disabled_reason: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ServiceUpdate:
        """A ServiceUpdate from Cinder's JSON."""
        return cls(host=raw["host"], binary=raw.get("binary") or "",
                   service=raw.get("service") or "", status=raw.get("status") or "",
                   disabled=bool(raw.get("disabled")),
                   disabled_reason=raw.get("disabled_reason"))


class UpdateResult(Result):
    """A Result whose body is a service update; `extract()` gives the ServiceUpdate."""

    __slots__ = ()

    def extract(self) -> ServiceUpdate:
        """The ServiceUpdate, or raise the error the call ended with."""
        return self.extract_with(ServiceUpdate.from_json)


class EnableResult(UpdateResult):
    """The result of `services.enable`."""

    __slots__ = ()


class DisableResult(UpdateResult):
    """The result of `services.disable`."""

    __slots__ = ()


class DisableLogReasonResult(UpdateResult):
    """The result of `services.disable_log_reason`."""

    __slots__ = ()


class FreezeResult(ErrResult):
    """The result of `services.freeze`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ThawResult(ErrResult):
    """The result of `services.thaw`; `extract_err()` raises its error, if any."""

    __slots__ = ()


@dataclass(slots=True, kw_only=True)
class ResourceFilter:
    """The filters one resource's listing accepts (`resource_filters.json`)."""

    resource: str
    filters: Sequence[str] = field(default_factory=tuple)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ResourceFilter:
        """A ResourceFilter from Cinder's JSON."""
        return cls(resource=raw["resource"], filters=tuple(raw.get("filters") or ()))


class ResourceFilterPage(SinglePage):
    """The one page of `services.list_resource_filters`."""

    __slots__ = ()
    resource_key = "resource_filters"

    def items(self) -> list[ResourceFilter]:
        """The resources and their filters."""
        return extract_resource_filters(self)


def extract_resource_filters(page: Page) -> list[ResourceFilter]:
    """The resources and their filters on the page of `services.list_resource_filters`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(ResourceFilter.from_json, key="resource_filters")
