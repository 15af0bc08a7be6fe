"""Results of Nova's deprecated `os-hosts`: `Host` rows, a host's `HostResource` rows and
the answer of an update."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import Result
from stackdouble.client.pagination import Page, SinglePage

__all__ = ["GetResult", "Host", "HostPage", "HostResource", "HostUpdate", "UpdateResult",
           "extract_hosts"]


@dataclass(slots=True, kw_only=True)
class Host:
    """A row of `hosts.list`: one enabled Nova service on a host.

    Attributes:
        host_name: The host the service runs on.
        service: The service's topic: its binary without `nova-` (`compute`,
            `scheduler`, `conductor`).
        zone: Its availability zone (`internal` for the controller's services).
    """

    host_name: str
    service: str
    zone: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Host:
        """A Host from Nova's JSON."""
        return cls(host_name=raw["host_name"], service=raw["service"], zone=raw["zone"])


@dataclass(slots=True, kw_only=True)
class HostResource:
    """A row of `hosts.get`.

    Attributes:
        host: The host's name.
        project: `(total)` (the compute node), `(used_now)` (what its resource tracker
            counts, reserved memory included), `(used_max)` (the sum over its servers), or
            the id of a project with servers there.
        cpu: vCPUs; memory_mb: MiB; disk_gb: GiB.
    """

    host: str
    project: str
    cpu: int
    memory_mb: int
    disk_gb: int

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> HostResource:
        """A HostResource from one `{"resource": {...}}` item."""
        res = raw["resource"]
        return cls(host=res["host"], project=res["project"], cpu=res["cpu"],
                   memory_mb=res["memory_mb"], disk_gb=res["disk_gb"])


@dataclass(slots=True, kw_only=True)
class HostUpdate:
    """The answer of `hosts.update`: the host and what was asked of it.

    Attributes:
        status: `enabled` or `disabled` when a status was sent (else None).
        maintenance_mode: `on_maintenance` or `off_maintenance` when sent and the driver
            supports it (libvirt does not: 501).
    """

    host: str
    status: str | None = None
    maintenance_mode: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> HostUpdate:
        """A HostUpdate from Nova's JSON."""
        return cls(host=raw["host"], status=raw.get("status"),
                   maintenance_mode=raw.get("maintenance_mode"))


class GetResult(Result):
    """The result of `hosts.get`; `extract()` gives the host's resource rows."""

    __slots__ = ()

    def extract(self) -> list[HostResource]:
        """The rows, in Nova's order, or raise the error the call ended with."""
        return self.extract_list_with(HostResource.from_json, key="host")


class UpdateResult(Result):
    """The result of `hosts.update`."""

    __slots__ = ()

    def extract(self) -> HostUpdate:
        """The HostUpdate, or raise the error the call ended with."""
        return self.extract_with(HostUpdate.from_json)


class HostPage(SinglePage):
    """The hosts: Nova lists them in one page."""

    __slots__ = ()
    resource_key = "hosts"

    def items(self) -> list[Host]:
        """The hosts on this page."""
        return extract_hosts(self)


def extract_hosts(page: Page) -> list[Host]:
    """The rows on one page of `hosts.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Host.from_json, key="hosts")
