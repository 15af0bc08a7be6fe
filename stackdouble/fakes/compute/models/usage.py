"""`os-simple-tenant-usage` of the fake Nova (`simple_tenant_usage.py`; the client's
`compute/v2/usage`): what each project's servers used over a period, from their lives on
the fake clock.

A server counts when it was launched before the period's end and was not terminated
before its start (`instance_get_active_by_window_joined`: deleted servers included,
servers never launched left out), in `(project_id, uuid)` order, paged by server uuid
(2.40). Its hours are the overlap of `[launched_at, terminated_at or stop]` with the
period; the totals multiply them by the flavor's vcpus, memory and disk (root +
ephemeral). The period's end is clamped to the fake clock's now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from stackdouble.fakes.compute.errors import BadRequest, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.compute.models.servers import Server

__all__ = ["ServerUsage", "TenantUsage", "UsageMixin"]


@dataclass(slots=True)
class ServerUsage:
    """One server's share of a period (`server_usages`' items)."""

    server: Server
    hours: float
    started_at: datetime
    ended_at: datetime | None
    state: str
    uptime: int


@dataclass(slots=True)
class TenantUsage:
    """A project's usage over `[start, stop]` (`tenant_usages`' items)."""

    tenant_id: str
    start: datetime
    stop: datetime
    total_hours: float = 0.0
    total_vcpus_usage: float = 0.0
    total_memory_mb_usage: float = 0.0
    total_local_gb_usage: float = 0.0
    server_usages: list[ServerUsage] = field(default_factory=list)


def _hours(server: Server, start: datetime, stop: datetime) -> float:
    """`_hours_for`."""
    launched, terminated = server.launched_at, server.terminated_at
    if launched is None or (terminated is not None and terminated < start) or launched > stop:
        return 0.0
    end = min(stop, terminated) if terminated is not None else stop
    return (end - max(launched, start)).total_seconds() / 3600.0


class UsageMixin(ModelBase):
    """Tenant usage, mixed into `ComputeModel`."""

    def check_usage_policy(self, caller: Caller, project_id: str | None) -> None:
        """`os-simple-tenant-usage:list` (admins) or `:show` (the project's readers),
        checked before the query is read, as Nova does.

        Raises:
            Forbidden: Not allowed.
        """
        if project_id is None and not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-simple-tenant-usage:list")
        if project_id is not None and not caller.is_admin and project_id != caller.project_id:
            raise policy_forbidden("os_compute_api:os-simple-tenant-usage:show")

    def tenant_usages(self, caller: Caller, start: datetime, stop: datetime, *,
                      project_id: str | None = None, limit: int | None = None,
                      marker: str | None = None) -> tuple[list[TenantUsage], list[ServerUsage]]:
        """The usage of every project (admins) or of `project_id` (its members, admins).

        Args:
            caller: Who asks.
            start: The period's start (aware UTC).
            stop: Its end, clamped to now.
            project_id: One project (`GET /os-simple-tenant-usage/{tenant_id}`).
            limit: At most this many servers (Nova passes `[api] max_limit` before 2.40).
            marker: The uuid of the last server of the previous page (2.40).

        Returns:
            The per-project usages, and every server usage of the page in order.

        Raises:
            Forbidden: Not allowed by `os-simple-tenant-usage:list` / `:show`.
            BadRequest: Start not before end ("Invalid start time..."), or an unknown
                marker ("Marker <m> could not be found.").
        """
        self.check_usage_policy(caller, project_id)
        if not start < stop:
            raise BadRequest("Invalid start time. The start time cannot occur after the end "
                             "time.")
        now = self._now()
        stop = min(stop, now)
        found = sorted(
            (s for s in map(self._settle, self.servers.values())
             if s.launched_at is not None and s.launched_at < stop
             and (s.terminated_at is None or s.terminated_at > start)
             and (project_id is None or s.project_id == project_id)),
            key=lambda s: (s.project_id, s.uuid))
        if marker is not None:
            if marker not in self.servers:
                raise BadRequest(f"Marker {marker} could not be found.")
            mark = self.servers[marker]
            found = [s for s in found if (s.project_id, s.uuid) > (mark.project_id, mark.uuid)]
        if limit is not None:
            found = found[:limit]
        usages: dict[str, TenantUsage] = {}
        every: list[ServerUsage] = []
        for server in found:
            started = server.launched_at
            assert started is not None
            ended = server.terminated_at
            hours = _hours(server, start, stop)
            usage = ServerUsage(server=server, hours=hours, started_at=started, ended_at=ended,
                                state="terminated" if ended else server.vm_state,
                                uptime=int(((ended or now) - started).total_seconds()))
            summary = usages.setdefault(server.project_id,
                                        TenantUsage(tenant_id=server.project_id, start=start,
                                                    stop=stop))
            flavor = server.flavor
            summary.total_hours += hours
            summary.total_vcpus_usage += flavor.vcpus * hours
            summary.total_memory_mb_usage += flavor.ram * hours
            summary.total_local_gb_usage += (flavor.disk + flavor.ephemeral) * hours
            summary.server_usages.append(usage)
            every.append(usage)
        return list(usages.values()), every
