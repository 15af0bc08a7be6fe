"""Nova hypervisor results: `Hypervisor`, its `HypervisorService` and servers."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "GetResult",
    "Hypervisor",
    "HypervisorPage",
    "HypervisorServer",
    "HypervisorService",
    "extract_hypervisors",
]


@dataclass(slots=True, kw_only=True)
class HypervisorService:
    """The compute service of a hypervisor; `id` is a uuid from 2.53, else an integer's
    text."""

    host: str
    id: str
    disabled_reason: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> HypervisorService:
        """A HypervisorService from Nova's `service` object."""
        return cls(host=raw["host"], id=str(raw["id"]),
                   disabled_reason=raw.get("disabled_reason"))


@dataclass(slots=True, kw_only=True)
class HypervisorServer:
    """A server on a hypervisor (`with_servers`)."""

    name: str
    uuid: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> HypervisorServer:
        """A HypervisorServer from `{"name", "uuid"}`."""
        return cls(name=raw["name"], uuid=raw["uuid"])


@dataclass(slots=True, kw_only=True)
class Hypervisor:
    """A hypervisor as Nova's admin API shows it.

    Attributes:
        id: A uuid from 2.53; before, the integer id as text.
        state: `up` or `down`; status: `enabled` or `disabled` (its compute service's).
        cpu_info: The CPU description, decoded (Nova sends it as a JSON string before 2.28).
        servers: The servers on it when asked `with_servers` (None when not asked, or when
            it has none before 2.75).
        uptime: The host's uptime text (2.88 and later, which drop the resource fields:
            those are None then).
    """

    id: str
    hypervisor_hostname: str
    state: str = ""
    status: str = ""
    hypervisor_type: str | None = None
    hypervisor_version: int | None = None
    host_ip: str | None = None
    service: HypervisorService | None = None
    cpu_info: Mapping[str, Any] | None = None
    vcpus: int | None = None
    vcpus_used: int | None = None
    memory_mb: int | None = None
    memory_mb_used: int | None = None
    free_ram_mb: int | None = None
    local_gb: int | None = None
    local_gb_used: int | None = None
    free_disk_gb: int | None = None
    disk_available_least: int | None = None
    current_workload: int | None = None
    running_vms: int | None = None
    servers: Sequence[HypervisorServer] | None = None
    uptime: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Hypervisor:
        """A Hypervisor from Nova's JSON (any microversion)."""
        cpu_info = raw.get("cpu_info")
        if isinstance(cpu_info, str):
            cpu_info = json.loads(cpu_info) if cpu_info else None
        service = raw.get("service")
        servers = raw.get("servers")
        ints = {k: raw[k] for k in (
            "hypervisor_version", "vcpus", "vcpus_used", "memory_mb", "memory_mb_used",
            "free_ram_mb", "local_gb", "local_gb_used", "free_disk_gb",
            "disk_available_least", "current_workload", "running_vms") if raw.get(k) is not None}
        return cls(
            id=str(raw["id"]), hypervisor_hostname=raw["hypervisor_hostname"],
            state=raw.get("state") or "", status=raw.get("status") or "",
            hypervisor_type=raw.get("hypervisor_type"), host_ip=raw.get("host_ip"),
            service=HypervisorService.from_json(service) if service else None,
            cpu_info=cpu_info,
            servers=None if servers is None else [HypervisorServer.from_json(s)
                                                  for s in servers],
            uptime=raw.get("uptime"), **ints)


class GetResult(Result):
    """The result of `hypervisors.get`; `extract()` gives the Hypervisor."""

    __slots__ = ()

    def extract(self) -> Hypervisor:
        """The Hypervisor, or raise the error the call ended with."""
        return self.extract_with(Hypervisor.from_json, key="hypervisor")


class HypervisorPage(LinkedPage):
    """A page of hypervisors; from 2.33 Nova names the next in `hypervisors_links` when a
    page is full (a `limit`), which this page follows."""

    __slots__ = ()
    resource_key = "hypervisors"
    link_path = ("hypervisors_links",)

    def items(self) -> list[Hypervisor]:
        """The hypervisors on this page."""
        return extract_hypervisors(self)


def extract_hypervisors(page: Page) -> list[Hypervisor]:
    """The hypervisors on one page of `hypervisors.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Hypervisor.from_json, key="hypervisors")
