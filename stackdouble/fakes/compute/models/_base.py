"""The state every compute mixin shares, declared once for the type checker.

`ComputeModel` (in `models/__init__.py`) composes the per-resource mixins and initialises
all of this state in its one `__init__`; each mixin inherits `ModelBase` so that it can use
the shared attributes, and the methods other mixins provide, with their types.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.compute.models._common import Caller
    from stackdouble.fakes.compute.models.aggregates import Aggregate
    from stackdouble.fakes.compute.models.behaviors import CreateBehavior, RateLimit
    from stackdouble.fakes.compute.models.bootfromvolume import BlockDevice, BootPlan
    from stackdouble.fakes.compute.models.flavors import Flavor
    from stackdouble.fakes.compute.models.hypervisors import ComputeHost, NovaService
    from stackdouble.fakes.compute.models.instance_actions import InstanceAction
    from stackdouble.fakes.compute.models.keypairs import KeyPair
    from stackdouble.fakes.compute.models.migrations import Migration
    from stackdouble.fakes.compute.models.server_groups import ServerGroup
    from stackdouble.fakes.compute.models.servers import NetworksArg, Server
    from stackdouble.fakes.links import ImageInfo, PortRequest

__all__ = ["ModelBase"]


class ModelBase:
    """The shared state of the fake Nova (see `ComputeModel` for what each holds), and the
    methods one mixin calls on another."""

    cloud: FakeCloud
    max_limit: int
    build_time: float
    action_time: float
    shelved_offload_time: float
    reclaim_instance_interval: float
    enable_instance_password: bool
    default_quotas: dict[str, int]
    _quotas: dict[str, dict[str, int]]
    flavors: dict[str, Flavor]
    _keypairs: dict[str, dict[str, KeyPair]]
    servers: dict[str, Server]
    _pending_servers: dict[str, None]
    _by_row: dict[int, Server]
    _live: dict[str, SortedList]
    _every: dict[str, SortedList]
    _all_live: SortedList
    _all_every: SortedList
    _usage: dict[str, list[int]]
    _row: int
    _flavor_row: int
    _keypair_row: int
    behaviors: list[CreateBehavior]
    rate_limits: list[RateLimit]
    _quota_classes: dict[str, dict[str, int]]
    hosts: dict[str, ComputeHost]
    services: list[NovaService]
    _service_row: int
    allocation_ratios: dict[str, float]
    server_groups: dict[str, ServerGroup]
    _group_row: int
    _actions: dict[str, list[InstanceAction]]
    _action_row: int
    request_id: str | None
    migrations: list[Migration]
    _migration_row: int
    _open_migrations: dict[str, Migration]
    _backups: dict[tuple[str, str], list[str]]
    enabled_consoles: frozenset[str]
    aggregates: dict[int, Aggregate]
    _aggregate_row: int

    def _now(self) -> datetime:
        return self.cloud.clock.now()

    if TYPE_CHECKING:  # provided by the mixins

        def _check(self, caller: Caller, server: Server, action: str, *,
                   vm_states: Iterable[str] | None = None,
                   task_states: Iterable[str | None] | None = (None,),
                   must_have_launched: bool = True, lock: bool = True,
                   need_host: bool = False) -> None: ...

        def _check_instance_quota(self, project_id: str, flavor: Flavor, min_count: int,
                                  max_count: int) -> int: ...

        def _check_metadata_quota(self, project_id: str, metadata: Mapping[str, str]) -> None: ...

        def _complete(self, server: Server) -> None: ...

        def _complete_migration(self, server: Server, kind: str, args: dict[str, Any],
                                when: datetime) -> None: ...

        def _migration_confirmed(self, server: Server) -> None: ...

        def _leave_resized(self, server: Server) -> None: ...

        def _soft_deleted(self, server: Server) -> None: ...

        def _hard_delete(self, server: Server, when: datetime) -> None: ...

        def _migration_reverting(self, server: Server) -> None: ...

        def _record_resize(self, server: Server, new_flavor_row: int, user_id: str) -> None: ...

        def _release_migration_claims(self, server: Server) -> None: ...

        def _complete_build(self, server: Server, when: datetime, error: CreateBehavior | None,
                            *, network_fault: str | None = None) -> None: ...

        def _allocate_ports(self, caller: Caller, server: Server,
                            requests: Sequence[PortRequest],
                            security_groups: Sequence[str]) -> str | None: ...

        def _check_security_groups(self, caller: Caller, names: Sequence[str]) -> list[str]: ...

        def _deallocate_ports(self, server: Server) -> None: ...

        def _bind_ports(self, server: Server) -> None: ...

        def _drop_shelved_image(self, caller: Caller, server: Server, *,
                                at: float | None = None) -> None: ...

        def _settle(self, server: Server, now: float | None = None) -> Server: ...

        def _snapshot(self, caller: Caller, server: Server, name: str,
                      metadata: Mapping[str, str]) -> ImageInfo: ...

        def _start(self, server: Server, kind: str, seconds: float | None = None,
                   **args: Any) -> None: ...

        def _take_behavior(self, name: str,
                           metadata: Mapping[str, str]) -> CreateBehavior | None: ...

        def _use(self, project_id: str, instances: int, cores: int, ram: int) -> None: ...

        def get_flavor(self, flavor_id: str) -> Flavor: ...

        def visible_flavor(self, caller: Caller, flavor_id: str) -> Flavor: ...

        def _schedule(self, servers: Sequence[Server], group: ServerGroup | None,
                      volume_backed: bool) -> list[str] | None: ...

        def _claim(self, server: Server, node: str, volume_backed: bool) -> None: ...

        def _release(self, server: Server) -> None: ...

        def _reclaim(self, server: Server, old: Flavor, new: Flavor) -> None: ...

        def _least_loaded(self) -> str: ...

        def servers_on(self, host: ComputeHost) -> list[Server]: ...

        def host_zone(self, host: str) -> str: ...

        def _forget_host(self, host: str) -> None: ...

        def zone_members(self, zone: str | None) -> set[str] | None: ...

        def check_requested_zone(self, zone: str) -> None: ...

        def check_create_zone(self, requested: str) -> None: ...

        def _group_for_create(self, caller: Caller, hints: Mapping[str, Any] | None,
                              count: int) -> ServerGroup | None: ...

        def _record(self, server: Server, action: str, user_id: str | None = None, *,
                    ok: bool = True, event: str | None = None, fault: str | None = None,
                    finish_at: float | None = None) -> InstanceAction: ...

        def get_server(self, caller: Caller, server_id: str) -> Server: ...

        def port_requests(self, caller: Caller, networks: NetworksArg, *, min_count: int,
                          max_count: int) -> tuple[list[PortRequest], int]: ...

        def refresh_network_info(self, server: Server) -> None: ...

        def keypairs_of(self, user_id: str) -> dict[str, KeyPair]: ...

        def quota(self, project_id: str) -> dict[str, int]: ...

        def server(self, server_id: str) -> Server: ...

        def usage(self, project_id: str) -> dict[str, int]: ...

        def visible_image(self, caller: Caller, image_id: str) -> ImageInfo | None: ...

        def _boot_image(self, caller: Caller, bdms: Sequence[BlockDevice],
                        legacy: bool) -> ImageInfo | None: ...

        def _plan_block_devices(self, caller: Caller, bdms: Sequence[BlockDevice], *,
                                image_id: str, flavor: Flavor, min_count: int,
                                max_count: int) -> BootPlan: ...

        def _check_root_disk(self, caller: Caller, flavor: Flavor, image: ImageInfo | None,
                             root: BlockDevice | None, *, is_admin: bool) -> None: ...

        def _check_reservations(self, caller: Caller, plan: BootPlan, *,
                                supports_multiattach: bool) -> None: ...

        def _map_block_devices(self, caller: Caller, server_id: str, host: str | None,
                               plan: BootPlan, *, attach_at: float | None,
                               supports_multiattach: bool) -> str | None: ...
