"""Nova's deprecated `os-hosts` API (`nova/api/openstack/compute/hosts.py`, served from 2.1
to 2.42; the client's `compute/v2/hosts`), read from the hosts and services of
`hypervisors` and `services`. Admins only (`nova/policies/hosts.py`:
`os_compute_api:os-hosts:list|show|update|start|shutdown|reboot`, `base.ADMIN`).

What each call does in Nova, and here:

- list (`index`): one row per *enabled* service (`service_get_all` with
  `filters={'disabled': False}`, `set_zones=True`), the API services left out, each as its
  host, its topic (the binary without `nova-`) and its zone (`internal` for the
  controller's services, the host's aggregate zone or `nova` for a compute). A non-empty
  `zone` keeps the services in exactly that zone.
- show: the compute node's totals `(total)` (`vcpus`, `memory_mb`, `local_gb`), its
  resource tracker usage `(used_now)` (what the servers claim, with
  `reserved_host_memory_mb` in the memory), the sum over the host's instances `(used_max)`
  (`vcpus`, `memory_mb`, `root_gb + ephemeral_gb` of each instance's flavor) and one row
  per project with instances there, in the instances' order.
- update `status`: `HostAPI.set_host_enabled` asks the host's `nova-compute`, whose
  `set_host_enabled` (`nova/compute/manager.py`) adds or removes the
  `COMPUTE_STATUS_DISABLED` trait on its resource provider and, the libvirt driver not
  implementing it, answers `enabled` / `disabled`. The service record is NOT changed
  (`os-services` still shows it enabled), and the resource tracker's periodic
  `_sync_compute_service_disabled_trait` puts the trait back in line with the service
  within a minute, so the fake answers without changing anything. Disabling a host for
  good is `os-services`' job (the api-ref says so).
- update `maintenance_mode`, `startup`, `shutdown`, `reboot`: the libvirt driver does not
  implement `host_maintenance_mode` nor `host_power_action` (`nova/virt/driver.py` raises
  `NotImplementedError`, which comes back over RPC), so Nova answers 501 "The requested
  functionality is not supported." (`common.raise_feature_not_supported`).
- a host that is not a compute host: `target_host_cell` / `HostMapping.get_by_host` fail
  first, 404 "Host '<name>' is not mapped to any cell" (`HostMappingNotFound`).
"""

from __future__ import annotations

from dataclasses import dataclass

from stackdouble.fakes.compute.errors import NotFound, NovaError, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.compute.models.hypervisors import (
    RESERVED_HOST_MEMORY_MB,
    ComputeHost,
    NovaService,
)

__all__ = ["NOT_SUPPORTED", "POWER_ACTIONS", "HostResource", "OsHostsMixin"]

#: `common.raise_feature_not_supported`'s message (501).
NOT_SUPPORTED = "The requested functionality is not supported."
#: The power actions of `GET /os-hosts/{host_name}/<action>`, by their policy rule.
POWER_ACTIONS = {"startup": "start", "shutdown": "shutdown", "reboot": "reboot"}
#: The API services `index` leaves out.
_API_SERVICES = ("nova-osapi_compute", "nova-metadata")


@dataclass(frozen=True, slots=True)
class HostResource:
    """One row of `GET /os-hosts/{host_name}`: `(total)`, `(used_now)`, `(used_max)` or a
    project id, with its cpus, memory (MiB) and disk (GiB)."""

    project: str
    cpu: int
    memory_mb: int
    disk_gb: int


class OsHostsMixin(ModelBase):
    """`os-hosts`, mixed into `ComputeModel`."""

    def _hosts_policy(self, caller: Caller, rule: str) -> None:
        if not caller.is_admin:
            raise policy_forbidden(f"os_compute_api:os-hosts:{rule}")

    def _mapped_host(self, name: str) -> ComputeHost:
        """`HostMapping.get_by_host`: only compute hosts are mapped to a cell."""
        host = self.hosts.get(name)
        if host is None:
            raise NotFound(f"Host '{name}' is not mapped to any cell")
        return host

    def os_hosts(self, caller: Caller, zone: str | None = None) -> list[NovaService]:
        """`GET /os-hosts`: the enabled services, in `zone` when one is given.

        Raises:
            Forbidden: Not an admin.
        """
        self._hosts_policy(caller, "list")
        return [s for s in self.services
                if not s.disabled and s.binary not in _API_SERVICES
                and (not zone or s.zone == zone)]

    def os_host_resources(self, caller: Caller, host_name: str) -> list[HostResource]:
        """`GET /os-hosts/{host_name}`: totals, usage now, the instances' sum, per project.

        Raises:
            Forbidden: Not an admin.
            NotFound: Not a compute host.
        """
        self._hosts_policy(caller, "show")
        host = self._mapped_host(host_name)
        rows = [HostResource("(total)", host.vcpus, host.memory_mb, host.local_gb),
                HostResource("(used_now)", host.used_vcpus,
                             host.used_ram + RESERVED_HOST_MEMORY_MB, host.used_disk)]
        projects: dict[str, list[int]] = {}
        total = [0, 0, 0]
        for server in sorted(self.servers_on(host), key=lambda s: s.row):
            flavor = server.flavor
            usage = (flavor.vcpus, flavor.ram, flavor.disk + flavor.ephemeral)
            sums = projects.setdefault(server.project_id, [0, 0, 0])
            for index, amount in enumerate(usage):
                sums[index] += amount
                total[index] += amount
        rows.append(HostResource("(used_max)", *total))
        rows.extend(HostResource(project, *sums) for project, sums in projects.items())
        return rows

    def set_os_host_status(self, caller: Caller, host_name: str, enabled: bool) -> str:
        """`PUT /os-hosts/{host_name}` `status`: `enabled` or `disabled`, as the compute
        service answers; nothing lasting changes (see the module docstring).

        Raises:
            Forbidden: Not an admin.
            NotFound: Not a compute host.
        """
        self._hosts_policy(caller, "update")
        self._mapped_host(host_name)
        return "enabled" if enabled else "disabled"

    def set_os_host_maintenance(self, caller: Caller, host_name: str, mode: bool) -> str:
        """`PUT /os-hosts/{host_name}` `maintenance_mode`: the libvirt driver has none.

        Raises:
            Forbidden: Not an admin.
            NotFound: Not a compute host.
            NovaError: 501, always for a compute host.
        """
        self._hosts_policy(caller, "update")
        self._mapped_host(host_name)
        raise NovaError(NOT_SUPPORTED, status=501)

    def os_host_power_action(self, caller: Caller, host_name: str, action: str) -> str:
        """`GET /os-hosts/{host_name}/startup|shutdown|reboot`: the libvirt driver has no
        host power management.

        Raises:
            Forbidden: Not an admin.
            NotFound: Not a compute host.
            NovaError: 501, always for a compute host.
        """
        self._hosts_policy(caller, POWER_ACTIONS[action])
        self._mapped_host(host_name)
        raise NovaError(NOT_SUPPORTED, status=501)
