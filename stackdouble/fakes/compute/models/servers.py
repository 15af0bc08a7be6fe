"""Servers of the fake Nova (the client's `compute/v2/servers`): records, lookup, create,
update, delete and metadata. Actions are in `server_actions`, listings in `listing`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.clock import checked_seconds
from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import (
    BadRequest,
    Conflict,
    NotFound,
    instance_locked,
    instance_not_found,
    invalid_state,
)
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import (
    NO_VALID_HOST,
    Caller,
    _canonical_uuid,
    _hostname,
    bool_from_string,
)
from stackdouble.fakes.compute.models.bootfromvolume import BlockDevice
from stackdouble.fakes.compute.models.flavors import Flavor
from stackdouble.fakes.compute.models.hypervisors import derived_uuid
from stackdouble.fakes.compute.models.images import DEFAULT_IMAGE_ID, _check_flavor_image
from stackdouble.fakes.links import PortRequest, Vif

#: What `create_server` takes as `networks` (the request's `networks`; None: left out).
NetworksArg = str | Sequence[str | PortRequest] | None

__all__ = ["NetworksArg", "Server", "ServerFault", "ServersMixin", "host_id"]


@dataclass(slots=True)
class ServerFault:
    """Why a server is in ERROR (`instance_faults`)."""

    code: int
    message: str
    created_at: datetime
    details: str | None = None


@dataclass(slots=True)
class Server:
    """One instance. `row` is Nova's integer `id`: it breaks ties in the default order."""

    uuid: str
    row: int
    project_id: str
    user_id: str
    name: str
    flavor: Flavor
    image_ref: str
    created_at: datetime
    updated_at: datetime
    created_s: int
    vm_state: str = st.BUILDING
    task_state: str | None = "scheduling"
    power_state: int = st.POWER_NOSTATE
    description: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    key_name: str | None = None
    access_ipv4: str = ""
    access_ipv6: str = ""
    auto_disk_config: bool = False
    config_drive: str = ""
    availability_zone: str | None = None
    host: str | None = None
    node: str | None = None  # the host the scheduler placed it on (claims resources there)
    launched_at: datetime | None = None
    terminated_at: datetime | None = None
    deleted_at: datetime | None = None  # set by a (soft) delete, cleared by `restore`
    deleted: bool = False
    reservation_id: str = ""
    launch_index: int = 0
    user_data: str | None = None
    hostname: str = ""
    locked_by: str | None = None
    locked_reason: str | None = None
    tags: list[str] = field(default_factory=list)
    vifs: tuple[Vif, ...] = ()  # the network info cache (`info_cache`), from the ports
    fault: ServerFault | None = None
    progress: int = 0
    old_flavor: Flavor | None = None
    old_vm_state: str | None = None
    pinned_az: str | None = None  # the AZ asked for (the RequestSpec's), shown from 2.96
    shelved_image_id: str | None = None  # the snapshot `shelve` took of an image-backed server
    pending: str | None = None  # what completes at `due`
    due: float = 0.0
    pending_args: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, int]:
        """The sort key of Nova's default order: `(created_at, id)`."""
        return (self.created_s, self.row)

    @property
    def status(self) -> str:
        """The API status (`ACTIVE`, `BUILD`, `VERIFY_RESIZE`...)."""
        return st.status_of(self.vm_state, self.task_state, self.deleted)


class ServersMixin(ModelBase):
    """Servers' lookup, create, update, delete and metadata, mixed into `ComputeModel`."""

    def _settle(self, server: Server, now: float | None = None) -> Server:
        if server.pending is None:
            return server
        if now is None:
            now = self.cloud.clock.time()
        while server.pending is not None and now >= server.due:
            self._complete(server)  # may start the next step (a shelved server's offload)
        return server

    def settle_due(self) -> None:
        """Finish every server's background work that is due by the clock's time now.

        A server otherwise settles when it is next read, and what its work does in the
        other services (a shelve offload unbinding its ports, a reclaim deleting them, a
        migration rebinding them) would wait for the next request to Nova; the app calls
        this before each request (`ComputeService.catch_up`). It costs one look at each
        server with work in flight.
        """
        pending = self._pending_servers
        if not pending:
            return
        now = self.cloud.clock.time()
        for uuid in list(pending):
            server = self.servers.get(uuid)
            if server is not None and server.pending is not None:
                if now < server.due:
                    continue
                self._settle(server, now)
                if server.pending is not None:  # the next step has begun (an offload)
                    continue
            del pending[uuid]

    def server(self, server_id: str) -> Server:
        """Any server by uuid, settled (deleted ones too).

        Raises:
            NotFound: "Instance <id> could not be found."
        """
        server = self.servers.get(server_id)
        if server is None:
            raise instance_not_found(server_id)
        return self._settle(server)

    def server_status(self, server_id: str) -> str:
        """A server's API status right now (`ACTIVE`, `BUILD`, `DELETED`...)."""
        return self.server(server_id).status

    def get_server(self, caller: Caller, server_id: str) -> Server:
        """A live server the caller may see (its project's; an admin: any), settled.

        Raises:
            NotFound: Unknown, deleted, another project's, or not a UUID (as Nova:
                "Instance <id> could not be found.").
        """
        server = self.servers.get(server_id)
        if server is None:
            from stackdouble.fakes.compute.schema import is_uuid_like

            if is_uuid_like(server_id):
                server = self.servers.get(_canonical_uuid(server_id))
        if server is None or (server.project_id != caller.project_id and not caller.is_admin):
            raise instance_not_found(server_id)
        self._settle(server)  # a soft-deleted server may be reclaimed by now
        if server.deleted:
            raise instance_not_found(server_id)
        return server

    def _check(self, caller: Caller, server: Server, action: str, *,
               vm_states: Iterable[str] | None = None,
               task_states: Iterable[str | None] | None = (None,),
               must_have_launched: bool = True, lock: bool = True,
               need_host: bool = False) -> None:
        """`check_instance_lock`, `check_instance_host` and `check_instance_state`."""
        if lock and server.locked_by is not None and not caller.is_admin:
            raise instance_locked(server.uuid)
        if need_host and not server.host:
            raise Conflict(f"Instance {server.uuid} is not ready")
        if vm_states is not None and server.vm_state not in set(vm_states):
            raise invalid_state(action, server.uuid, "vm_state", server.vm_state)
        if task_states is not None and server.task_state not in set(task_states):
            raise invalid_state(action, server.uuid, "task_state", server.task_state)
        if must_have_launched and server.launched_at is None:
            raise invalid_state(action, server.uuid, "launched_at", None)

    def create_server(self, project_id: str, *, name: str, flavor_id: str = "1",
                      image_id: str | None = None, user_id: str | None = None,
                      metadata: Mapping[str, str] | None = None,
                      key_name: str | None = None, networks: NetworksArg = None,
                      availability_zone: str | None = None,
                      disk_config: str | None = None, config_drive: bool = False,
                      user_data: str | None = None, description: str | None = None,
                      access_ipv4: str = "", access_ipv6: str = "",
                      security_groups: Sequence[str] = (), tags: Sequence[str] = (),
                      min_count: int = 1, max_count: int | None = None,
                      volume_backed: bool = False,
                      scheduler_hints: Mapping[str, Any] | None = None,
                      block_devices: Sequence[BlockDevice] = (), legacy_bdm: bool = False,
                      supports_multiattach: bool = False, is_admin: bool = False) -> Server:
        """Create servers in `project_id` as `POST /servers` does; returns the first.

        Python callers may leave out `image_id` (the cirros image) and `user_id` (the
        project's first user with a role there, else "fake"). `networks` is what the
        request's `networks` says (see `NetworksMixin.port_requests`): None as left out
        before 2.37 (the one network the project may use, if any), "auto", "none", or network
        ids and `PortRequest`s. The ports are made through the cloud's `networks` link
        as the server is built, with `security_groups` (names or ids; none: `default`).
        `scheduler_hints` may name a server `group` to join (`server_groups`); the
        scheduler (`hypervisors`) places the servers, or leaves them all in ERROR with
        "No valid host was found. ..." when no host fits. `block_devices` are the
        create's block device mappings (`bootfromvolume.from_api` or `from_legacy`, with
        `legacy_bdm`): volumes are reserved or made through the cloud's `volumes` link
        and attached when the build finishes (see `BootFromVolumeMixin`); `is_admin` is
        the caller's admin bit (a zero-disk flavor boots an image for admins only).

        Raises:
            BadRequest, Conflict, Forbidden, NotFound: As Nova answers the create.
        """
        if availability_zone:
            self.check_create_zone(availability_zone)  # aggregates: an available zone
        if image_id is None and not volume_backed and not block_devices:
            image_id = DEFAULT_IMAGE_ID
        if user_id is None:
            user_id = self._some_user(project_id)
        caller = Caller(project_id=project_id, user_id=user_id, is_admin=is_admin)
        image = None
        if image_id:
            image = self.visible_image(caller, image_id)
            if image is None:
                raise BadRequest("Can not find requested image")
        elif block_devices:
            image = self._boot_image(caller, block_devices, legacy_bdm)
        try:
            flavor = self.visible_flavor(caller, flavor_id)  # a private one: admins, access
        except NotFound as exc:
            raise BadRequest(exc.message) from None
        if key_name is not None and key_name not in self.keypairs_of(user_id):
            raise BadRequest("Invalid key_name provided.")
        meta = dict(metadata or {})
        self._check_metadata_quota(project_id, meta)
        plan = None
        if block_devices:
            plan = self._plan_block_devices(caller, block_devices, image_id=image_id or "",
                                            flavor=flavor, min_count=min_count,
                                            max_count=max_count or min_count)
            volume_backed = plan.volume_backed
        if image is not None:
            _check_flavor_image(flavor, image, volume_backed)
            if image.status != "active":
                raise BadRequest(f"Image {image.id} is not active.")
            self._check_root_disk(caller, flavor, image, plan.root if plan else None,
                                  is_admin=is_admin)
        auto_disk = (disk_config == "AUTO" if disk_config is not None
                     else bool_from_string(image.properties.get("auto_disk_config", "false"),
                                           strict=False) if image else False)
        wanted = max_count if max_count is not None else min_count
        groups = self._check_security_groups(caller, security_groups)
        requests, fit = self.port_requests(caller, networks, min_count=min_count,
                                           max_count=wanted)
        behavior = self._take_behavior(name, meta)
        if behavior is not None and behavior.kind == "fail":
            from stackdouble.fakes.compute.errors import NovaError

            raise NovaError(behavior.message, status=behavior.status)
        count = self._check_instance_quota(project_id, flavor, min_count, min(wanted, fit))
        if plan is not None:
            self._check_reservations(caller, plan, supports_multiattach=supports_multiattach)
        group = self._group_for_create(caller, scheduler_hints, count)
        now = self._now()
        reservation = "r-" + self.cloud.ids.hex32()[:8]
        build = self.build_time
        if behavior is not None and behavior.kind == "build":
            build = behavior.seconds
        made: list[Server] = []
        for index in range(count):
            server = self._new_server(
                project_id, user_id, name if count == 1 else f"{name}-{index + 1}", flavor,
                image_id or "", now, metadata=dict(meta), key_name=key_name,
                availability_zone=availability_zone, pinned_az=availability_zone,
                auto_disk_config=auto_disk,
                config_drive="True" if config_drive else "", user_data=user_data,
                description=description, access_ipv4=access_ipv4, access_ipv6=access_ipv6,
                tags=list(tags), reservation_id=reservation, launch_index=index)
            made.append(server)
            if group is not None:
                group.members.append(server.uuid)
        nodes = self._schedule(made, group, volume_backed)
        error = behavior if behavior is not None and behavior.kind == "error" else None
        for index, server in enumerate(made):
            if nodes is None:
                self._start(server, "build", build, network_fault=NO_VALID_HOST)
                if plan is not None:
                    self._map_block_devices(caller, server.uuid, None, plan, attach_at=None,
                                            supports_multiattach=supports_multiattach)
                self._record(server, "create", user_id, ok=False, fault=NO_VALID_HOST,
                             event="conductor_schedule_and_build_instances")
                continue
            self._claim(server, nodes[index], volume_backed)
            failure = self._allocate_ports(caller, server, requests, groups)
            if plan is not None:
                ok = error is None and failure is None
                failure = self._map_block_devices(
                    caller, server.uuid, server.node, plan,
                    attach_at=self.cloud.clock.time() + build if ok else None,
                    supports_multiattach=supports_multiattach) or failure
            self._start(server, "build", build, error=error, network_fault=failure)
            self._record(server, "create", user_id, ok=error is None and failure is None)
        return made[0]

    def create_servers(self, project_id: str, count: int, *, name: str = "server",
                       flavor_id: str = "1", networks: NetworksArg = "none") -> list[Server]:
        """Create `count` ACTIVE servers quickly (for benches and big tests), checking the
        quota once. Names are `<name>-<n>`.

        By default they have no ports (`networks="none"`), so any number fits: a network
        service's port quota and address pools (DevStack's `private` holds 61 addresses)
        bound how many servers a network takes. Pass network ids to plug each server into
        them through the cloud's `networks` link (lift the port quota and use a big enough
        subnet first).

        Raises:
            Forbidden: The project's quota does not allow `count` more (or the network
                service's port quota, with networks).
            BadRequest, Conflict: As `create_server` answers `networks`.
        """
        flavor = self.get_flavor(flavor_id)
        self._check_instance_quota(project_id, flavor, count, count)
        user_id = self._some_user(project_id)
        caller = Caller(project_id=project_id, user_id=user_id)
        requests, _ = self.port_requests(caller, networks, min_count=count, max_count=count)
        image_id = DEFAULT_IMAGE_ID
        now = self._now()
        out = []
        outer = self.request_id
        self.request_id = outer or f"req-{derived_uuid(f'bulk:{self._row}')}"
        try:
            for index in range(count):
                server = self._new_server(project_id, user_id, f"{name}-{index + 1}", flavor,
                                          image_id, now, reservation_id="r-bulk0000")
                self._claim(server, self._least_loaded(), False)
                failure = self._allocate_ports(caller, server, requests, ())
                self._complete_build(server, now, None, network_fault=failure)
                self._record(server, "create", user_id, ok=failure is None)
                out.append(server)
        finally:
            self.request_id = outer
        return out

    def _some_user(self, project_id: str) -> str:
        identity = self.cloud.identity
        for user in identity.users.values():
            if identity.effective_role_ids(user.id, "project", project_id):
                return str(user.id)
        return "fake"

    def _new_server(self, project_id: str, user_id: str, name: str, flavor: Flavor,
                    image_ref: str, now: datetime, **fields: Any) -> Server:
        self._row += 1
        server = Server(uuid=self.cloud.ids.uuid(), row=self._row, project_id=project_id,
                        user_id=user_id, name=name, flavor=flavor, image_ref=image_ref,
                        created_at=now, updated_at=now, created_s=int(now.timestamp()),
                        hostname=_hostname(name), **fields)
        self.servers[server.uuid] = server
        self._by_row[server.row] = server
        key = server.key
        self._live.setdefault(project_id, SortedList()).add(key)
        self._every.setdefault(project_id, SortedList()).add(key)
        self._all_live.add(key)
        self._all_every.add(key)
        self._use(project_id, 1, flavor.vcpus, flavor.ram)
        return server

    def update_server(self, caller: Caller, server_id: str, changes: Mapping[str, Any]) -> Server:
        """Rename, set access addresses or description (`PUT /servers/{id}`)."""
        server = self.get_server(caller, server_id)
        for key, value in changes.items():
            setattr(server, key, value)
        server.updated_at = self._now()
        return server

    def set_reclaim_instance_interval(self, seconds: float) -> None:
        """`[DEFAULT] reclaim_instance_interval`, in seconds of fake time: 0 (Nova's
        default) deletes a server at once; a positive number makes `DELETE /servers/{id}`
        a soft delete (SOFT_DELETED until `restore`, `forceDelete` or the reclaim that
        many seconds later).

        Raises:
            ValueError: A negative or non-finite number.
        """
        self.reclaim_instance_interval = checked_seconds(seconds)

    def delete_server(self, caller: Caller, server_id: str, *, force: bool = False) -> None:
        """`DELETE /servers/{id}` (`servers.py` `_delete`) or, with `force`, `forceDelete`
        (`deferred_delete.py`).

        With `reclaim_instance_interval` 0 (or `force`) the server is deleted now: it
        shows as DELETED to `changes-since` listings and answers 404 to GET. With a
        positive interval `API.soft_delete` runs instead, for a server that was ever
        launched (one that never was is deleted, as Nova falls back to `delete` on its
        `InstanceInvalidState`): see `_soft_delete`.

        Raises:
            NotFound: As `get_server`.
            Conflict: Locked (non-admins).
        """
        server = self.get_server(caller, server_id)
        # `force_delete`: `check_instance_lock`, `check_instance_state(task_state=None,
        # must_have_launched=False)`, so any vm_state and task_state
        self._check(caller, server, "forceDelete" if force else "delete", task_states=None,
                    must_have_launched=False)
        if not force and self.reclaim_instance_interval > 0 and server.launched_at is not None:
            self._soft_delete(caller, server)
            return
        self._drop_shelved_image(caller, server)  # also mid-shelve: its snapshot goes with it
        self._hard_delete(server, self._now())
        self._record(server, "delete", caller.user_id)

    def _hard_delete(self, server: Server, when: datetime) -> None:
        """The server is gone: off its host, its volumes detached and its ports deleted
        (Nova's) or unbound (the user's); its quota usage given back unless a soft delete
        gave it back already (Nova counts no SOFT_DELETED server)."""
        self._release(server)
        if server.vm_state != st.SOFT_DELETED:
            flavor = server.flavor
            self._use(server.project_id, -1, -flavor.vcpus, -flavor.ram)
        server.deleted = True
        server.pending = None
        server.pending_args = {}
        server.vm_state, server.task_state, server.power_state = st.DELETED, None, 0
        server.terminated_at = server.updated_at = when
        key = server.key
        self._live[server.project_id].remove(key)
        self._all_live.remove(key)
        self.cloud.links.volumes.server_deleted(server.uuid)
        self._deallocate_ports(server)

    def _soft_delete(self, caller: Caller, server: Server) -> None:
        """`API.soft_delete`: `deleted_at` is now, and the host powers the server off into
        SOFT_DELETED (`soft_delete_instance`, after `action_time`; `task_state`
        `soft-deleting` until then, which a second delete leaves alone). It keeps its
        host, ports and volumes, and no longer counts toward the quota. A shelved
        server's snapshot is deleted; one VERIFY_RESIZE is confirmed first. A server
        without a host (SHELVED_OFFLOADED) is soft-deleted by the API itself (`_local_
        delete`): its ports and volumes go at once, and no host's periodic task ever
        reclaims it."""
        now = self._now()
        self._drop_shelved_image(caller, server)
        server.deleted_at = now
        if server.task_state == "soft-deleting":
            return
        if server.vm_state == st.RESIZED:  # `_confirm_resize_on_deleting`
            server.old_flavor = None
            self._leave_resized(server)
            self._migration_confirmed(server)
        server.progress = 0
        if server.host:
            server.task_state = "soft-deleting"
            self._start(server, "soft_delete")
        else:
            self.cloud.links.volumes.server_deleted(server.uuid)
            self._deallocate_ports(server)
            server.pending = None
            server.terminated_at = server.updated_at = now
            self._soft_deleted(server)
        self._record(server, "delete", caller.user_id, event="compute_soft_delete_instance")
        self._settle(server)  # out of the quota at once when the action takes no time

    def _soft_deleted(self, server: Server) -> None:
        """SOFT_DELETED, powered off; its usage given back; its reclaim, by the host's
        `_reclaim_queued_deletes`, due `reclaim_instance_interval` seconds after
        `deleted_at` (the interval set at that time)."""
        server.vm_state, server.task_state = st.SOFT_DELETED, None
        server.power_state = st.POWER_SHUTDOWN
        flavor = server.flavor
        self._use(server.project_id, -1, -flavor.vcpus, -flavor.ram)
        if server.host and server.deleted_at is not None:
            when = server.updated_at
            self._start(server, "reclaim")
            server.due = server.deleted_at.timestamp() + self.reclaim_instance_interval
            server.updated_at = when

    def set_metadata(self, caller: Caller, server_id: str, items: Mapping[str, str], *,
                     replace: bool, action: str = "update metadata") -> dict[str, str]:
        """Merge (`replace=False`) or replace the metadata; returns all of it.

        Raises:
            Forbidden: More than the `metadata_items` quota.
            Conflict: Locked, or in a state Nova refuses.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, action, must_have_launched=False,
                    vm_states=(st.ACTIVE, st.PAUSED, st.SUSPENDED, st.STOPPED))
        merged = dict(items) if replace else {**server.metadata, **items}
        self._check_metadata_quota(server.project_id, merged)
        server.metadata = merged
        server.updated_at = self._now()
        return dict(merged)

    def delete_metadatum(self, caller: Caller, server_id: str, key: str) -> None:
        """Remove one item.

        Raises:
            NotFound: "Metadata item was not found"
        """
        server = self.get_server(caller, server_id)
        if key not in server.metadata:
            raise NotFound("Metadata item was not found")
        self._check(caller, server, "delete metadata", must_have_launched=False,
                    vm_states=(st.ACTIVE, st.PAUSED, st.SUSPENDED, st.STOPPED))
        del server.metadata[key]
        server.updated_at = self._now()


def host_id(server: Server) -> str:
    """`utils.generate_hostid`: sha224 of project id + host, or "" without a host."""
    if not server.host:
        return ""
    return hashlib.sha224((server.project_id + server.host).encode()).hexdigest()
