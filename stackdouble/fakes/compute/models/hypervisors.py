"""Compute hosts of the fake Nova, their hypervisors (`os-hypervisors`, the client's
`compute/v2/hypervisors`) and the scheduler that places servers on them.

A cloud starts with one host, `stackdouble-compute` (DevStack names it after the machine);
`set_hosts(n)` makes `n` (`stackdouble-compute`, `stackdouble-compute-2`, ...), each with
the same resources. The scheduler is the `FilterScheduler` reduced to what a test can
observe (`nova/scheduler/filters/`, `weights/`):

- `ComputeFilter`: the host's `nova-compute` is enabled and not forced down;
- the resources: `vcpus * cpu_allocation_ratio`, `memory_mb * ram_allocation_ratio -
  reserved_host_memory_mb` and `local_gb * disk_allocation_ratio` hold what is already
  claimed plus the flavor (`root_gb + ephemeral_gb`, `swap` / 1024; no root disk for a
  volume-backed server), as placement's allocation candidates do;
- `ServerGroupAffinityFilter` / `ServerGroupAntiAffinityFilter` (with `max_server_per_host`);
- the availability zone the request asks for (the server's pinned one): only hosts of the
  aggregates with that zone (`map_az_to_placement_aggregate`, see `aggregates`); a placed
  server is in its host's zone, as the conductor sets it;
- weighers: the most free RAM first (`RAMWeigher`, spreading), and for the soft policies
  the most (`soft-affinity`) or fewest (`soft-anti-affinity`) members of the group.

A request that cannot be placed leaves every server it asked for in ERROR with the fault
"No valid host was found. There are not enough hosts available." (`NoValidHost`, the
conductor burying them in cell0): no host, no ports, but counted by the quota as Nova does.
`create_servers` (the bulk path for benches) places on the least loaded host without the
capacity check.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from stackdouble.fakes.compute.errors import BadRequest, NotFound
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import HOST
from stackdouble.fakes.compute.models.flavors import Flavor

if TYPE_CHECKING:
    from stackdouble.fakes.compute.models.server_groups import ServerGroup
    from stackdouble.fakes.compute.models.servers import Server

__all__ = ["ComputeHost", "HostsMixin", "NovaService"]

#: The namespace of the hosts' and services' uuids (derived, so that they leave the
#: cloud's seeded id sequence alone).
_NAMESPACE = uuidlib.UUID("5f0c3a2e-8d5b-4c1e-9a57-6b0e3d1f2a90")


def derived_uuid(name: str) -> str:
    """A stable uuid for `name` that does not use the cloud's id generator."""
    return str(uuidlib.uuid5(_NAMESPACE, name))


#: `reserved_host_memory_mb` (Nova's default).
RESERVED_HOST_MEMORY_MB = 512


@dataclass(slots=True)
class NovaService:
    """A row of `services` (`os-services`): a binary on a host."""

    id: int
    uuid: str
    binary: str
    host: str
    zone: str
    created_at: datetime
    disabled: bool = False
    disabled_reason: str | None = None
    forced_down: bool = False


@dataclass(slots=True)
class ComputeHost:
    """A compute node (`compute_nodes`) and what the servers placed on it claim."""

    id: int
    uuid: str
    name: str
    host_ip: str
    vcpus: int
    memory_mb: int
    local_gb: int
    service: NovaService
    started_at: datetime
    used_vcpus: int = 0
    used_ram: int = 0
    used_disk: int = 0
    servers: dict[str, None] = field(default_factory=dict)  # uuids, in placement order


def _disk_of(flavor: Flavor, volume_backed: bool) -> int:
    return (0 if volume_backed else flavor.disk) + flavor.ephemeral + -(-flavor.swap // 1024)


class HostsMixin(ModelBase):
    """Hosts, services and the scheduler, mixed into `ComputeModel`."""

    def _init_hosts(self) -> None:
        now = self._now()
        self._service_row = 0
        self.services = []
        for binary in ("nova-scheduler", "nova-conductor"):
            self._add_service(binary, HOST, "internal", now)
        self.set_hosts(1)

    def _add_service(self, binary: str, host: str, zone: str, now: datetime) -> NovaService:
        self._service_row += 1
        service = NovaService(id=self._service_row,
                              uuid=derived_uuid(f"service:{binary}:{host}"), binary=binary,
                              host=host, zone=zone, created_at=now)
        self.services.append(service)
        return service

    def set_hosts(self, count: int, *, vcpus: int = 64, memory_mb: int = 262144,
                  local_gb: int = 2048) -> list[str]:
        """Have `count` compute hosts (added or removed from the end; returns their names).

        Each has `vcpus`, `memory_mb` and `local_gb` (defaults large enough that only a
        test that means to fill a host does). Hosts that keep servers cannot be removed.

        Raises:
            ValueError: `count` below 1, or removing a host that has servers.
        """
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"a cloud needs at least one compute host, not {count!r}")
        names = [HOST] + [f"{HOST}-{n}" for n in range(2, count + 1)]
        for name in list(self.hosts)[count:]:
            if self.hosts[name].servers:
                raise ValueError(f"host {name} has servers; delete them first")
            host = self.hosts.pop(name)
            self.services.remove(host.service)
            self._forget_host(name)
        now = self._now()
        for index, name in enumerate(names):
            known = self.hosts.get(name)
            if known is None:
                service = self._add_service("nova-compute", name, self.host_zone(name), now)
                self.hosts[name] = ComputeHost(
                    id=index + 1, uuid=derived_uuid(f"node:{name}"), name=name,
                    host_ip=f"192.168.122.{10 + index}", vcpus=vcpus, memory_mb=memory_mb,
                    local_gb=local_gb, service=service, started_at=now)
            else:
                known.vcpus, known.memory_mb, known.local_gb = vcpus, memory_mb, local_gb
        return names

    def get_hypervisor(self, hypervisor_id: str, *, by_uuid: bool) -> ComputeHost:
        """A host by its uuid (2.53) or integer id.

        Raises:
            NotFound: "Hypervisor with ID '<id>' could not be found."
        """
        for host in self.hosts.values():
            if (host.uuid if by_uuid else str(host.id)) == hypervisor_id:
                return host
        raise NotFound(f"Hypervisor with ID '{hypervisor_id}' could not be found.")

    def search_hypervisors(self, pattern: str) -> list[ComputeHost]:
        """`compute_node_search_by_hypervisor`: hostnames containing `pattern` (SQL LIKE
        `%pattern%`).

        Raises:
            NotFound: "No hypervisor matching '<pattern>' could be found."
        """
        found = [h for h in self.hosts.values() if pattern.lower() in h.name.lower()]
        if not found:
            raise NotFound(f"No hypervisor matching '{pattern}' could be found.")
        return found

    def list_hypervisors(self, *, limit: int, marker: str | None,
                         by_uuid: bool) -> list[ComputeHost]:
        """Hosts in id order, from past `marker` (an id, or a uuid from 2.53).

        Raises:
            BadRequest: "marker [<marker>] not found".
        """
        hosts = sorted(self.hosts.values(), key=lambda h: h.id)
        if marker is not None:
            keys = [h.uuid if by_uuid else str(h.id) for h in hosts]
            if marker not in keys:
                raise BadRequest(f"marker [{marker}] not found")
            hosts = hosts[keys.index(marker) + 1:]
        return hosts[:limit] if limit else []

    def servers_on(self, host: ComputeHost) -> list[Server]:
        """The live servers on a host (`instance_get_all_by_host`)."""
        return [self.servers[u] for u in host.servers if not self.servers[u].deleted]

    # -- the scheduler ---------------------------------------------------------------------

    def _fits(self, host: ComputeHost, flavor: Flavor, disk: int) -> bool:
        ratios = self.allocation_ratios
        return (host.used_vcpus + flavor.vcpus <= host.vcpus * ratios["cpu"]
                and host.used_ram + flavor.ram
                <= host.memory_mb * ratios["ram"] - RESERVED_HOST_MEMORY_MB
                and host.used_disk + disk <= host.local_gb * ratios["disk"])

    def _schedule(self, servers: Sequence[Server], group: ServerGroup | None,
                  volume_backed: bool) -> list[str] | None:
        """`select_destinations` for the servers of one request: a host each (claimed in
        turn, so later ones see the earlier ones), or None (NoValidHost: nothing
        claimed)."""
        chosen: list[str] = []
        extra: dict[str, list[int]] = {}  # what this request claimed so far, per host
        zone_hosts = self.zone_members(servers[0].pinned_az) if servers else None
        members: dict[str, int] = {}
        if group is not None:
            for uuid in group.members:
                member = self.servers.get(uuid)
                if member is not None and not member.deleted and member.node:
                    members[member.node] = members.get(member.node, 0) + 1
        for server in servers:
            flavor = server.flavor
            disk = _disk_of(flavor, volume_backed)
            candidates = []
            for host in self.hosts.values():
                service = host.service
                if service.disabled or service.forced_down:
                    continue
                if zone_hosts is not None and host.name not in zone_hosts:
                    continue
                add = extra.get(host.name, [0, 0, 0])
                host.used_vcpus += add[0]
                host.used_ram += add[1]
                host.used_disk += add[2]
                fits = self._fits(host, flavor, disk)
                host.used_vcpus -= add[0]
                host.used_ram -= add[1]
                host.used_disk -= add[2]
                if not fits:
                    continue
                count = members.get(host.name, 0)
                if group is not None:
                    if group.policy == "affinity" and members and not count:
                        continue
                    if group.policy == "anti-affinity" and count >= group.max_per_host:
                        continue
                free = host.memory_mb - host.used_ram - add[1]
                order: tuple[int, ...] = (-free,)
                if group is not None and group.policy == "soft-affinity":
                    order = (-count, -free)
                elif group is not None and group.policy == "soft-anti-affinity":
                    order = (count, -free)
                candidates.append((order, host.id, host.name))
            if not candidates:
                return None
            name = min(candidates)[2]
            chosen.append(name)
            add = extra.setdefault(name, [0, 0, 0])
            add[0] += flavor.vcpus
            add[1] += flavor.ram
            add[2] += disk
            members[name] = members.get(name, 0) + 1
        for server, name in zip(servers, chosen, strict=True):
            server.availability_zone = self.host_zone(name)
        return chosen

    def _least_loaded(self) -> str:
        return min(self.hosts.values(), key=lambda h: (h.used_ram, h.id)).name

    def _claim(self, server: Server, node: str, volume_backed: bool) -> None:
        host = self.hosts[node]
        flavor = server.flavor
        host.used_vcpus += flavor.vcpus
        host.used_ram += flavor.ram
        host.used_disk += _disk_of(flavor, volume_backed)
        host.servers[server.uuid] = None
        server.node = node
        server.availability_zone = self.host_zone(node)

    def _release(self, server: Server) -> None:
        """Give back what a server claims on its host (deleted, offloaded), and on the other
        host of a migration in flight or unconfirmed."""
        self._release_migration_claims(server)
        node = server.node
        if node is None:
            return
        server.node = None
        host = self.hosts.get(node)
        if host is None:
            return
        flavor = server.flavor
        host.used_vcpus -= flavor.vcpus
        host.used_ram -= flavor.ram
        host.used_disk -= _disk_of(flavor, not server.image_ref)
        host.servers.pop(server.uuid, None)

    def _reclaim(self, server: Server, old: Flavor, new: Flavor) -> None:
        """A resize on the same host: claim the difference."""
        host = self.hosts.get(server.node or "")
        if host is None:
            return
        volume_backed = not server.image_ref
        host.used_vcpus += new.vcpus - old.vcpus
        host.used_ram += new.ram - old.ram
        host.used_disk += _disk_of(new, volume_backed) - _disk_of(old, volume_backed)
