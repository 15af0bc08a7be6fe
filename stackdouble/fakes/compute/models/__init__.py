"""The fake Nova's state and rules: servers, flavors, keypairs, quotas (images are Glance's).

`ComputeModel` (`cloud.compute`) holds everything and enforces Nova's rules; it raises
`NovaError`s with Nova's messages and never builds JSON (that is `views`). Every public
method is also the Python control API a test uses:

    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=3)
    >>> demo = cloud.project_id("demo")
    >>> server = cloud.compute.create_server(demo, name="web")
    >>> cloud.compute.server_status(server.uuid)
    'ACTIVE'
    >>> cloud.compute.set_build_time(30)
    >>> slow = cloud.compute.create_server(demo, name="slow")
    >>> cloud.compute.server_status(slow.uuid)
    'BUILD'
    >>> cloud.clock.advance(30)
    >>> cloud.compute.server_status(slow.uuid)
    'ACTIVE'
    >>> cloud.compute.force_error(server.uuid, "Disk full")
    >>> cloud.compute.server_status(server.uuid)
    'ERROR'

Time is the cloud's clock. A server's build, and every action that Nova runs in the
background (reboot, resize, stop...), completes once `build_time` / `action_time` seconds
of fake time have passed; the change shows on the next read, as it would when polling a
real Nova. Both default to 0, so a change shows on the very next read.

Listings are kept sorted by `(created_at, id)` (Nova's default order, `id` being the row
number) in `sortedcontainers.SortedList`s, per project and overall, so a marker is found in
O(log n) and a page costs O(page) however many servers exist.

`ComputeModel` is composed of one mixin per client resource, as moto's EC2 backend is:
`servers` (records, lookup, create, update, delete, metadata), `server_actions` (actions and
background transitions), `listing` (filters and pages), `flavors`, `images` (Glance's, read
and written through the cloud's `images` link), `keypairs`, `networks` (the ports, network
info cache and security groups of servers, through the cloud's `networks` link),
`interfaces` (`os-interface`), `proxies` (the network proxy APIs, until 2.35),
`hypervisors` (the compute hosts and the scheduler), `services` (`os-services`),
`server_groups`, `tags` (server tags), `instance_actions` (what each action recorded),
`bootfromvolume` (a create's block device mappings: volumes through the `volumes` link),
`migrations` (migrate, live migration, evacuate and the `migrations` rows),
`admin_actions` (resetState, injectNetworkInfo, trigger_crash_dump, createBackup),
`remoteconsoles` (console output, remote consoles), `usage` (`os-simple-tenant-usage`),
`aggregates` (host aggregates and the availability zones they make),
`hosts` (the deprecated `os-hosts`, read from the hosts and services),
plus `quotas` (also quota sets, quota classes and limits) and `behaviors` (create-time
behaviours, rate limits). All state is initialised in
`ComputeModel.__init__` and declared, with its types, on `_base.ModelBase`, which every mixin
inherits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.clock import checked_seconds
from stackdouble.fakes.compute.models._common import (
    DEFAULT_AZ,
    DEFAULT_QUOTAS,
    HOST,
    NO_VALID_HOST,
    bool_from_string,
    iso_time,
)
from stackdouble.fakes.compute.models.admin_actions import AdminActionsMixin
from stackdouble.fakes.compute.models.aggregates import Aggregate, AggregatesMixin
from stackdouble.fakes.compute.models.behaviors import BehaviorsMixin, CreateBehavior, RateLimit
from stackdouble.fakes.compute.models.bootfromvolume import BlockDevice, BootFromVolumeMixin
from stackdouble.fakes.compute.models.flavors import Flavor, FlavorsMixin
from stackdouble.fakes.compute.models.hosts import HostResource, OsHostsMixin
from stackdouble.fakes.compute.models.hypervisors import ComputeHost, HostsMixin, NovaService
from stackdouble.fakes.compute.models.images import DEFAULT_IMAGE_ID, ImagesMixin
from stackdouble.fakes.compute.models.instance_actions import (
    InstanceAction,
    InstanceActionsMixin,
)
from stackdouble.fakes.compute.models.interfaces import InterfacesMixin
from stackdouble.fakes.compute.models.keypairs import KeyPair, KeypairsMixin, ssh_fingerprint
from stackdouble.fakes.compute.models.listing import SORT_GETTERS, ListingMixin, ServerFilters
from stackdouble.fakes.compute.models.migrations import Migration, MigrationFilters, MigrationsMixin
from stackdouble.fakes.compute.models.networks import NetworksMixin
from stackdouble.fakes.compute.models.proxies import ProxiesMixin
from stackdouble.fakes.compute.models.quotas import QuotasMixin
from stackdouble.fakes.compute.models.remoteconsoles import DEFAULT_CONSOLES, RemoteConsolesMixin
from stackdouble.fakes.compute.models.server_actions import ServerActionsMixin
from stackdouble.fakes.compute.models.server_groups import ServerGroup, ServerGroupsMixin
from stackdouble.fakes.compute.models.servers import (
    NetworksArg,
    Server,
    ServerFault,
    ServersMixin,
    host_id,
)
from stackdouble.fakes.compute.models.services import ServicesMixin
from stackdouble.fakes.compute.models.tags import TagsMixin
from stackdouble.fakes.compute.models.usage import ServerUsage, TenantUsage, UsageMixin
from stackdouble.fakes.data import load_json
from stackdouble.fakes.timestamps import format_iso_seconds as _iso_seconds

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "DEFAULT_AZ",
    "DEFAULT_IMAGE_ID",
    "DEFAULT_QUOTAS",
    "HOST",
    "NO_VALID_HOST",
    "SORT_GETTERS",
    "Aggregate",
    "BlockDevice",
    "Caller",
    "ComputeHost",
    "ComputeModel",
    "CreateBehavior",
    "Flavor",
    "HostResource",
    "InstanceAction",
    "KeyPair",
    "Migration",
    "MigrationFilters",
    "NetworksArg",
    "NovaService",
    "RateLimit",
    "Server",
    "ServerFault",
    "ServerFilters",
    "ServerGroup",
    "ServerUsage",
    "TenantUsage",
    "bool_from_string",
    "host_id",
    "iso_time",
    "ssh_fingerprint",
]


class ComputeModel(ServersMixin, ServerActionsMixin, ListingMixin, FlavorsMixin, ImagesMixin,
                   KeypairsMixin, QuotasMixin, BehaviorsMixin, NetworksMixin, InterfacesMixin,
                   ProxiesMixin, HostsMixin, ServicesMixin, ServerGroupsMixin, TagsMixin,
                   InstanceActionsMixin, BootFromVolumeMixin, MigrationsMixin, AdminActionsMixin,
                   RemoteConsolesMixin, UsageMixin, AggregatesMixin, OsHostsMixin):
    """All of the fake Nova's state, and the Python API to steer it.

    Attributes:
        max_limit: `[api] max_limit`, the largest page (default 1000).
        build_time: Seconds of fake time a new server stays in BUILD (default 0).
        action_time: Seconds of fake time a background action takes (default 0).
        reclaim_instance_interval: `[DEFAULT] reclaim_instance_interval`: 0 (Nova's default)
            deletes servers at once; a positive number soft-deletes them, reclaimed that
            many fake seconds later (`set_reclaim_instance_interval`).
        shelved_offload_time: `[DEFAULT] shelved_offload_time`: 0 (Nova's default) offloads a
            shelved server at once, a positive number that many fake seconds after it is
            SHELVED, -1 never (only `shelveOffload` does).
        enable_instance_password: `[api] enable_instance_password`: whether create, rebuild
            and rescue answer with `adminPass` (default True).
        flavors: Flavors by id (images are the image service's: `cloud.image`).
        servers: Every server by uuid, deleted ones included (until `reset`).
        behaviors: Create-time behaviours, matched in order (`fail_create`...).
        hosts: The compute hosts by name (`set_hosts`), in id order.
        services: The `os-services` rows (scheduler, conductor, one compute per host).
        allocation_ratios: `cpu_allocation_ratio` (4.0, `initial_cpu_allocation_ratio`),
            `ram` (1.0) and `disk` (1.0), as the scheduler applies them.
        server_groups: Server groups by uuid.
        request_id: The request id of the API call being served (its actions record it).
        migrations: The `migrations` rows (cold and live migrations, resizes, evacuations).
        enabled_consoles: The remote console protocols the hosts serve (`set_consoles`).
        aggregates: Host aggregates by id (`os-aggregates`), which make the availability
            zones.
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.max_limit = 1000
        self.build_time = 0.0
        self.action_time = 0.0
        self.shelved_offload_time = 0.0
        self.reclaim_instance_interval = 0.0
        self.enable_instance_password = True
        self.default_quotas: dict[str, int] = dict(DEFAULT_QUOTAS)
        self._quotas: dict[str, dict[str, int]] = {}
        self.flavors: dict[str, Flavor] = {}
        self._keypairs: dict[str, dict[str, KeyPair]] = {}
        self.servers: dict[str, Server] = {}
        #: Uuids of servers that may have background work in flight (`settle_due`).
        self._pending_servers: dict[str, None] = {}
        self._by_row: dict[int, Server] = {}
        self._live: dict[str, SortedList] = {}
        self._every: dict[str, SortedList] = {}
        self._all_live = SortedList()
        self._all_every = SortedList()
        self._usage: dict[str, list[int]] = {}
        self._row = 0
        self._flavor_row = 0
        self._keypair_row = 0
        self.behaviors: list[CreateBehavior] = []
        self.rate_limits: list[RateLimit] = []
        self._quota_classes: dict[str, dict[str, int]] = {}
        self.hosts: dict[str, ComputeHost] = {}
        self.services: list[NovaService] = []
        self._service_row = 0
        self.allocation_ratios: dict[str, float] = {"cpu": 4.0, "ram": 1.0, "disk": 1.0}
        self.server_groups: dict[str, ServerGroup] = {}
        self._group_row = 0
        self._actions: dict[str, list[InstanceAction]] = {}
        self._action_row = 0
        self.request_id: str | None = None
        self.migrations: list[Migration] = []
        self._migration_row = 0
        self._open_migrations: dict[str, Migration] = {}
        self._backups: dict[tuple[str, str], list[str]] = {}
        self.enabled_consoles: frozenset[str] = DEFAULT_CONSOLES
        self.aggregates: dict[int, Aggregate] = {}
        self._aggregate_row = 0
        self._init_hosts()

    # -- seed data -------------------------------------------------------------------------

    def load_defaults(self) -> None:
        """Load the seeded flavors (`data/flavors.json`; networks are the network
        service's)."""
        for raw in load_json("stackdouble.fakes.compute", "flavors.json")["flavors"]:
            self.add_flavor(raw["id"], raw["name"], ram=raw["ram"], vcpus=raw["vcpus"],
                            disk=raw["disk"])

    # -- clock -------------------------------------------------------------------------------

    def set_build_time(self, seconds: float) -> None:
        """How long new servers stay in BUILD, in seconds of fake time.

        Raises:
            ValueError: A negative or non-finite number.
        """
        self.build_time = checked_seconds(seconds)

    def set_action_time(self, seconds: float) -> None:
        """How long background actions (reboot, resize, stop...) take, in fake seconds."""
        self.action_time = checked_seconds(seconds)

    def set_shelved_offload_time(self, seconds: float) -> None:
        """`[DEFAULT] shelved_offload_time`: 0 offloads at once, -1 never, else after that
        many fake seconds in SHELVED.

        Raises:
            ValueError: Negative but not -1, or not finite.
        """
        self.shelved_offload_time = -1.0 if seconds == -1 else checked_seconds(seconds)

    def set_max_limit(self, limit: int) -> None:
        """`[api] max_limit`: the largest page any listing returns.

        Raises:
            ValueError: Not a positive integer.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"max_limit must be a positive integer, not {limit!r}")
        self.max_limit = limit

    # -- dump ----------------------------------------------------------------------------------

    def dump(self) -> dict[str, Any]:
        """The compute state as JSON-able data (no private keys, passwords or user data)."""
        now = self.cloud.clock.time()
        return {
            "max_limit": self.max_limit,
            "build_time": self.build_time,
            "action_time": self.action_time,
            "reclaim_instance_interval": self.reclaim_instance_interval,
            "quotas": {"default": dict(self.default_quotas), **self._quotas},
            "usage": {p: self.usage(p) for p in sorted(self._usage)},
            "flavors": sorted(self.flavors),
            "flavor_extras": {f.id: {"extra_specs": dict(f.extra_specs),
                                     "projects": list(f.projects),
                                     "description": f.description}
                              for f in self.flavors.values()
                              if f.extra_specs or f.projects or f.description},
            "aggregates": [{"id": a.id, "name": a.name, "hosts": list(a.hosts),
                            "metadata": dict(a.metadata)} for a in self.aggregates.values()],
            "migrations": [{"id": m.id, "server": m.instance_uuid, "type": m.migration_type,
                            "status": m.status, "source": m.source_compute,
                            "dest": m.dest_compute} for m in self.migrations],
            "keypairs": {u: sorted(k) for u, k in self._keypairs.items()},
            "servers": [
                {"id": s.uuid, "name": s.name, "project_id": s.project_id,
                 "status": self._settle(s, now).status, "vm_state": s.vm_state,
                 "task_state": s.task_state, "flavor": s.flavor.id, "image": s.image_ref,
                 "created": _iso_seconds(s.created_at), "deleted": s.deleted,
                 "locked": s.locked_by is not None, "ports": [v.port_id for v in s.vifs],
                 "fault": s.fault.message if s.fault else None}
                for s in self.servers.values()],
            "behaviors": [{"kind": b.kind, "times": b.times, "hits": b.hits}
                          for b in self.behaviors],
            "rate_limits": [{"verb": r.verb, "uri": r.uri, "value": r.value, "unit": r.unit}
                            for r in self.rate_limits],
        }
