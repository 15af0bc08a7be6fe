"""Nova tenant usage results: `TenantUsage` and its `ServerUsage`s."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "AllTenantsPage",
    "ServerUsage",
    "SingleTenantPage",
    "TenantUsage",
    "extract_all_tenants",
    "extract_single_tenant",
]


@dataclass(slots=True, kw_only=True)
class ServerUsage:
    """One server's share of the period.

    Attributes:
        hours: How long it ran within the period.
        state: Its vm_state, or `terminated` once deleted.
        ended_at: When it was deleted, else None.
        uptime: Seconds since it was launched (to its end, when deleted).
        local_gb: Root plus ephemeral disk, GiB.
    """

    instance_id: str
    name: str = ""
    tenant_id: str = ""
    flavor: str = ""
    hours: float = 0.0
    memory_mb: int = 0
    local_gb: int = 0
    vcpus: int = 0
    started_at: datetime | None = None
    ended_at: datetime | None = None
    state: str = ""
    uptime: int = 0

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ServerUsage:
        """A ServerUsage from one item of `server_usages`."""
        return cls(instance_id=raw["instance_id"], name=raw.get("name") or "",
                   tenant_id=raw.get("tenant_id") or "", flavor=raw.get("flavor") or "",
                   hours=float(raw.get("hours") or 0), memory_mb=int(raw.get("memory_mb") or 0),
                   local_gb=int(raw.get("local_gb") or 0), vcpus=int(raw.get("vcpus") or 0),
                   started_at=parse_time(raw.get("started_at")),
                   ended_at=parse_time(raw.get("ended_at")), state=raw.get("state") or "",
                   uptime=int(raw.get("uptime") or 0))


@dataclass(slots=True, kw_only=True)
class TenantUsage:
    """A project's usage over `[start, stop]` (`stop` is at most the time of the request).

    Attributes:
        total_hours: The servers' hours added up.
        total_vcpus_usage, total_memory_mb_usage, total_local_gb_usage: Each server's
            hours times its flavor's vCPUs, MiB and GiB, added up.
        server_usages: Each server's share (`detailed` listings and `single_tenant`).
    """

    tenant_id: str
    start: datetime | None = None
    stop: datetime | None = None
    total_hours: float = 0.0
    total_vcpus_usage: float = 0.0
    total_memory_mb_usage: float = 0.0
    total_local_gb_usage: float = 0.0
    server_usages: Sequence[ServerUsage] = field(default_factory=list)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> TenantUsage:
        """A TenantUsage from Nova's JSON."""
        return cls(tenant_id=raw["tenant_id"], start=parse_time(raw.get("start")),
                   stop=parse_time(raw.get("stop")),
                   total_hours=float(raw.get("total_hours") or 0),
                   total_vcpus_usage=float(raw.get("total_vcpus_usage") or 0),
                   total_memory_mb_usage=float(raw.get("total_memory_mb_usage") or 0),
                   total_local_gb_usage=float(raw.get("total_local_gb_usage") or 0),
                   server_usages=[ServerUsage.from_json(s)
                                  for s in raw.get("server_usages") or []])


class AllTenantsPage(LinkedPage):
    """A page of every project's usage; from 2.40 a full page (by servers) names the next
    in `tenant_usages_links`."""

    __slots__ = ()
    resource_key = "tenant_usages"
    link_path = ("tenant_usages_links",)

    def items(self) -> list[TenantUsage]:
        """The usages on this page."""
        return extract_all_tenants(self)


def extract_all_tenants(page: Page) -> list[TenantUsage]:
    """The projects' usages on one page of `usage.all_tenants`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(TenantUsage.from_json, key="tenant_usages")


class SingleTenantPage(LinkedPage):
    """A page of one project's usage (its servers paged from 2.40, the next page in
    `tenant_usage_links`)."""

    __slots__ = ()
    resource_key = "tenant_usage"
    link_path = ("tenant_usage_links",)

    def raw_items(self) -> list[Any]:
        """The usage as a one-item list (none when the project used nothing)."""
        body = self.body
        usage = body.get("tenant_usage") if isinstance(body, Mapping) else None
        return [usage] if usage else []

    def items(self) -> list[TenantUsage]:
        """The usage, as a list of one (or none)."""
        found = extract_single_tenant(self)
        return [] if found is None else [found]


def extract_single_tenant(page: Page) -> TenantUsage | None:
    """The project's usage on one page of `usage.single_tenant`; None when its servers
    used nothing in the period (Nova sends `{}`)."""
    if page.err is None and page.body is None:
        return None
    raw = page.extract_with(lambda body: body, key="tenant_usage")
    if not raw:
        return None
    return page.extract_with(TenantUsage.from_json, key="tenant_usage")
