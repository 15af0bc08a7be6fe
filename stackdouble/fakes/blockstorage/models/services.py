"""Cinder's services (`cinder/api/v3/services.py`, `objects/service.py`,
`volume/api.py`'s `freeze_host`/`thaw_host`) and the resource filters
(`cinder/api/v3/resource_filters.py`, `etc/cinder/resource_filters.json`), for
`client/openstack/blockstorage/v3/services` and `.../resourcefilters`.

The fake runs what DevStack (and realcloud) runs: one `cinder-scheduler`, one
`cinder-volume` on the LVM backend (`<host>@lvmdriver-1`) and one `cinder-backup`, all in
the `nova` zone and always up (each heartbeat is "now" on the fake clock).

Cinder 29's `enable` and `disable` answer as if they changed the service but save
nothing (their `svc.disabled = ...` is missing, so `svc.save()` writes no change): the
listing keeps the old status. `disable-log-reason` does disable, with its reason.
`freeze` marks a volume service frozen and disabled (reason `frozen`); `thaw` undoes both
(reason `""`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from stackdouble.fakes.blockstorage.errors import BadRequest, NotFound, invalid_input
from stackdouble.fakes.blockstorage.models._common import DEFAULT_AZ, HOST, _ModelBase

__all__ = ["RESOURCE_FILTERS", "SERVICE_BINARIES", "Service", "ServicesMixin", "host_matches"]

#: `constants.SCHEDULER_BINARY`, `VOLUME_BINARY`, `BACKUP_BINARY`, in the order the
#: services register (and list).
SERVICE_BINARIES = ("cinder-scheduler", "cinder-volume", "cinder-backup")

#: Cinder 29's default `resource_filters.json`, in its order (`consumes_quota` is there
#: since 3.65).
RESOURCE_FILTERS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "volume": ("name", "status", "metadata", "bootable", "migration_status",
               "availability_zone", "group_id", "size", "created_at", "updated_at",
               "consumes_quota"),
    "backup": ("name", "status", "volume_id"),
    "snapshot": ("name", "status", "volume_id", "metadata", "availability_zone",
                 "consumes_quota"),
    "group": ("name",),
    "group_snapshot": ("name", "status", "group_id"),
    "attachment": ("volume_id", "status", "instance_id", "attach_status"),
    "message": ("resource_uuid", "resource_type", "event_id", "request_id",
                "message_level"),
    "pool": ("name", "volume_type"),
    "volume_type": ("is_public", "extra_specs"),
})


@dataclass(slots=True, kw_only=True)
class Service:
    """A row of Cinder's `services` table."""

    binary: str
    host: str
    zone: str = DEFAULT_AZ
    disabled: bool = False
    disabled_reason: str | None = None
    frozen: bool = False
    replication_status: str = "disabled"
    active_backend_id: str | None = None
    cluster: str | None = None
    modified_at: datetime | None = None


def host_matches(stored: str, value: str) -> bool:
    """`db.api._filter_host`: a pool (`#` in `value`) matches exactly, a backend (`@`)
    also its pools (`value#...`), a node also its backends and pools (`value@...`)."""
    if stored == value or "#" in value:
        return stored == value
    if stored.startswith(value + "#"):
        return True
    return "@" not in value and stored.startswith(value + "@")


class ServicesMixin(_ModelBase):
    """The services of `BlockStorageModel`, made on first use."""

    def _service_rows(self) -> list[Service]:
        rows: list[Service] | None = self.__dict__.get("_services")
        if rows is None:
            node = HOST.split("@", 1)[0]
            backend = HOST.split("#", 1)[0]
            rows = [Service(binary="cinder-scheduler", host=node),
                    Service(binary="cinder-volume", host=backend),
                    Service(binary="cinder-backup", host=node)]
            self.__dict__["_services"] = rows
        return rows

    def list_services(self, *, host: str | None = None,
                      binary: str | None = None) -> list[Service]:
        """`GET /os-services`: every service, or those on `host` (a node's host also
        matches its backends, `node@backend`) and of `binary`.

        Example:
            >>> from stackdouble.fakes import FakeCloud
            >>> storage = FakeCloud(seed=1).block_storage
            >>> [(s.binary, s.host) for s in storage.list_services()]
            [('cinder-scheduler', 'stackdouble'), ('cinder-volume', 'stackdouble@lvmdriver-1'), \
('cinder-backup', 'stackdouble')]
        """
        return [s for s in self._service_rows()
                if (host is None or host_matches(s.host, host))
                and (binary is None or s.binary == binary)]

    def service_by_args(self, host: str, binary: str) -> Service:
        """`Service.get_by_args`.

        Raises:
            NotFound: "Service <binary> could not be found on host <host>."
        """
        for svc in self._service_rows():
            if svc.host == host and svc.binary == binary:
                return svc
        raise NotFound(f"Service {binary} could not be found on host {host}.")

    def disable_service(self, host: str, binary: str, reason: str | None) -> Service:
        """`PUT /os-services/disable-log-reason`: disable it; a reason replaces the old
        one (none keeps it)."""
        svc = self.service_by_args(host, binary)
        svc.disabled = True
        if reason:
            svc.disabled_reason = reason
        svc.modified_at = self._now()
        return svc

    def set_service_disabled(self, host: str, binary: str, disabled: bool,
                             reason: str | None = None) -> Service:
        """Enable or disable a service from Python (what Cinder 29's API no longer does
        for `enable` and `disable`; see the module docstring).

        Raises:
            NotFound: No such service.
        """
        svc = self.service_by_args(host, binary)
        svc.disabled = disabled
        svc.disabled_reason = reason if disabled else None
        svc.modified_at = self._now()
        return svc

    def freeze_host(self, host: str) -> None:
        """`PUT /os-services/freeze`: freeze the volume service on `host`.

        Raises:
            BadRequest: "No service found with host=<host>", or "Invalid input received:
                No service could be changed: frozen in ['<host>'] must be False to
                failover."
        """
        self._set_frozen(host, True)

    def thaw_host(self, host: str) -> None:
        """`PUT /os-services/thaw`: thaw the frozen volume service on `host`.

        Raises:
            BadRequest: As `freeze_host`, with "must be True".
        """
        self._set_frozen(host, False)

    def _set_frozen(self, host: str, frozen: bool) -> None:
        found = [s for s in self._service_rows()
                 if s.binary == "cinder-volume" and s.host == host]
        if not found:
            raise BadRequest(f"No service found with host={host}")
        svc = found[0]
        if svc.frozen == frozen:
            raise invalid_input(f"No service could be changed: frozen in ['{host}'] must "
                                f"be {not frozen} to failover.")
        svc.frozen = frozen
        svc.disabled = frozen
        svc.disabled_reason = "frozen" if frozen else ""
        svc.modified_at = self._now()

    def resource_filters(self, resource: str | None = None) -> dict[str, tuple[str, ...]]:
        """`GET /resource_filters`: the filters each resource's listing takes, or one
        resource's (an unknown one: none).

        Example:
            >>> from stackdouble.fakes import FakeCloud
            >>> FakeCloud(seed=1).block_storage.resource_filters("group")
            {'group': ('name',)}
        """
        if resource is None:
            return dict(RESOURCE_FILTERS)
        if resource in RESOURCE_FILTERS:
            return {resource: RESOURCE_FILTERS[resource]}
        return {}
