"""Server actions of the fake Nova (`POST /servers/{id}/action`, the client's
`servers` and `extensions/{startstop,rescueunrescue,shelveunshelve}`), and the background
transitions they start."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import BadRequest, Conflict, Forbidden, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import (
    _UNSET,
    DEFAULT_AZ,
    HOST,
    NO_VALID_HOST,
    _Unset,
)
from stackdouble.fakes.compute.models.behaviors import CreateBehavior
from stackdouble.fakes.compute.models.flavors import Flavor
from stackdouble.fakes.compute.models.images import _check_flavor_image
from stackdouble.fakes.compute.models.servers import Server, ServerFault
from stackdouble.fakes.links import ImageInfo
from stackdouble.fakes.timestamps import from_timestamp

__all__ = ["ServerActionsMixin"]


class ServerActionsMixin(ModelBase):
    """Server actions and transitions, mixed into `ComputeModel`."""

    def _start(self, server: Server, kind: str, seconds: float | None = None,
               **args: Any) -> None:
        """Begin a background change that completes after `seconds` of fake time."""
        self._pending_servers[server.uuid] = None
        server.pending = kind
        server.due = self.cloud.clock.time() + (self.action_time if seconds is None
                                                else seconds)
        server.pending_args = args
        server.updated_at = self._now()

    def _complete(self, server: Server) -> None:
        kind, args = server.pending, server.pending_args
        when = from_timestamp(server.due)
        server.pending = None
        server.pending_args = {}
        server.updated_at = when
        server.task_state = None
        if kind == "build":
            self._complete_build(server, when, args.get("error"),
                                 network_fault=args.get("network_fault"))
        elif kind in ("reboot", "start", "unpause", "resume"):
            server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        elif kind == "stop":
            server.vm_state, server.power_state = st.STOPPED, st.POWER_SHUTDOWN
        elif kind == "pause":
            server.vm_state, server.power_state = st.PAUSED, st.POWER_PAUSED
        elif kind == "suspend":
            server.vm_state, server.power_state = st.SUSPENDED, st.POWER_SUSPENDED
        elif kind == "resize":
            new: Flavor = args["flavor"]
            old = server.flavor
            self._reclaim(server, old, new)
            server.old_flavor, server.flavor = old, new
            server.old_vm_state = server.vm_state
            server.vm_state = st.RESIZED
            self._use(server.project_id, 0, new.vcpus - old.vcpus, new.ram - old.ram)
        elif kind == "revert":
            old = server.old_flavor or server.flavor
            self._reclaim(server, server.flavor, old)
            self._use(server.project_id, 0, old.vcpus - server.flavor.vcpus,
                      old.ram - server.flavor.ram)
            server.flavor, server.old_flavor = old, None
            self._leave_resized(server)
        elif kind == "rebuild":
            server.image_ref = args["image_ref"]
            if args["was"] == st.STOPPED:
                server.vm_state, server.power_state = st.STOPPED, st.POWER_SHUTDOWN
            else:
                server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
            server.launched_at = when
        elif kind == "snapshot":
            pass
        elif kind == "rescue":
            server.vm_state, server.power_state = st.RESCUED, st.POWER_RUNNING
            server.launched_at = when
        elif kind == "unrescue":
            server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        elif kind == "shelve":
            server.power_state = st.POWER_SHUTDOWN
            offload = self.shelved_offload_time
            if args["volume_backed"] or offload == 0:
                self._offload(server)
            else:
                server.vm_state = st.SHELVED
                if offload > 0:  # `_poll_shelved_instances`, a periodic task
                    due = server.due
                    self._start(server, "offload")
                    server.due, server.updated_at = due + offload, when
        elif kind == "offload":
            self._offload(server)
        elif kind == "unshelve":
            self._unshelved(server, when, offloaded=args["offloaded"])
        elif kind == "soft_delete":
            self._soft_deleted(server)
        elif kind == "restore":
            self._restored(server)
        elif kind == "reclaim":  # the host's `_reclaim_queued_deletes`
            self._hard_delete(server, when)
            return
        self._complete_migration(server, kind or "", args, when)  # `migrations`' own steps

    def _offload(self, server: Server) -> None:
        """`_shelve_offload_instance`: off the host, its ports unbound (the addresses stay)."""
        server.vm_state, server.task_state = st.SHELVED_OFFLOADED, None
        server.power_state = st.POWER_SHUTDOWN
        server.host = None
        self._release(server)
        self._bind_ports(server)

    def _unshelved(self, server: Server, when: datetime, *, offloaded: bool) -> None:
        """Back to ACTIVE; the shelve snapshot is deleted (`unshelve` asked Glance to delete
        it at this time). From SHELVED_OFFLOADED the server
        was spawned again: on a host the scheduler picks, in its zone, launched anew; when
        none fits it stays SHELVED_OFFLOADED (the conductor's `NoValidHost`)."""
        if offloaded:
            group = next((g for g in self.server_groups.values()
                          if server.uuid in g.members), None)
            nodes = self._schedule([server], group, not server.image_ref)
            if nodes is None:
                server.vm_state = st.SHELVED_OFFLOADED
                return
            self._claim(server, nodes[0], not server.image_ref)
        server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        if offloaded:
            server.host = server.node  # in its zone since the claim (`_claim`)
            server.launched_at = when
            self._bind_ports(server)
        server.shelved_image_id = None  # Glance deleted it now (`unshelve` asked it to)

    def _restored(self, server: Server) -> None:
        """`restore_instance`: powered on, ACTIVE, counted in the quota again."""
        server.vm_state, server.task_state = st.ACTIVE, None
        server.power_state = st.POWER_RUNNING
        flavor = server.flavor
        self._use(server.project_id, 1, flavor.vcpus, flavor.ram)

    def restore(self, caller: Caller, server_id: str) -> None:
        """`restore` (`deferred_delete.py`, `API.restore`): a SOFT_DELETED server is
        restored by its host (`restoring`, then ACTIVE and powered on after
        `action_time`), its reclaim cancelled; one without a host is ACTIVE at once.

        Raises:
            NotFound: As `get_server`.
            Conflict: Locked (non-admins), or not SOFT_DELETED ("Cannot 'restore'
                instance <id> while it is in vm_state active").
            Forbidden: The quota has no room for it any more
                (`check_num_instances_quota`).
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "restore", vm_states=(st.SOFT_DELETED,))
        self._check_instance_quota(server.project_id, server.flavor, 1, 1)
        server.deleted_at = None
        if server.host:
            server.task_state = "restoring"
            self._start(server, "restore")
        else:
            server.pending = None
            server.updated_at = self._now()
            self._restored(server)
            server.power_state = st.POWER_SHUTDOWN  # no host powered it on
        self._record(server, "restore", caller.user_id, event="compute_restore_instance")
        self._settle(server)

    def _leave_resized(self, server: Server) -> None:
        if server.old_vm_state == st.STOPPED:
            server.vm_state, server.power_state = st.STOPPED, st.POWER_SHUTDOWN
        else:
            server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        server.old_vm_state = None

    def _complete_build(self, server: Server, when: datetime, error: CreateBehavior | None,
                        *, network_fault: str | None = None) -> None:
        """The build ends: ACTIVE on the host, or ERROR with a fault (a failed network
        allocation, as `BuildAbortException` leaves it: code 500, no host)."""
        server.pending = None
        server.task_state = None
        server.updated_at = when
        if network_fault is not None:
            server.vm_state, server.power_state = st.ERROR, st.POWER_NOSTATE
            server.fault = ServerFault(code=500, message=network_fault, created_at=when)
            return
        if error is not None:
            server.vm_state, server.power_state = st.ERROR, st.POWER_NOSTATE
            server.fault = ServerFault(code=error.status, message=error.message,
                                       created_at=when)
            return
        server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        server.host = server.node or HOST
        server.launched_at = when
        if server.availability_zone is None:
            server.availability_zone = DEFAULT_AZ

    def force_error(self, server_id: str, message: str = NO_VALID_HOST, *, code: int = 500,
                    details: str | None = None) -> None:
        """Put a server in ERROR with a fault, as a failed operation leaves it.

        Raises:
            NotFound: Unknown server.
        """
        server = self.server(server_id)
        now = self._now()
        server.pending = None
        server.vm_state, server.task_state = st.ERROR, None
        server.fault = ServerFault(code=code, message=message, created_at=now, details=details)
        server.updated_at = now

    def reboot(self, caller: Caller, server_id: str, kind: str) -> None:
        """`reboot` SOFT (ACTIVE, no task) or HARD (more states)."""
        server = self.get_server(caller, server_id)
        if kind == "SOFT":
            self._check(caller, server, "reboot", vm_states=(st.ACTIVE,))
            server.task_state = "rebooting"
        else:
            self._check(caller, server, "reboot", vm_states=st.ALLOW_HARD_REBOOT,
                        task_states=st.ALLOW_REBOOT_TASKS)
            server.task_state = "rebooting_hard"
        self._start(server, "reboot")
        self._record(server, "reboot", caller.user_id)

    def _simple(self, caller: Caller, server_id: str, action: str, vm_state: str,
                task: str, kind: str, *, need_host: bool = False) -> None:
        server = self.get_server(caller, server_id)
        self._check(caller, server, action, vm_states=(vm_state,) if vm_state != "stop-ok"
                    else (st.ACTIVE, st.ERROR), need_host=need_host)
        server.task_state = task
        if kind == "stop":
            server.progress = 0
        self._start(server, kind)
        self._record(server, "changePassword" if kind == "password" else kind, caller.user_id)

    def stop(self, caller: Caller, server_id: str) -> None:
        """`os-stop`: ACTIVE or ERROR → SHUTOFF."""
        self._simple(caller, server_id, "stop", "stop-ok", "powering-off", "stop",
                     need_host=True)

    def start(self, caller: Caller, server_id: str) -> None:
        """`os-start`: SHUTOFF → ACTIVE."""
        self._simple(caller, server_id, "start", st.STOPPED, "powering-on", "start",
                     need_host=True)

    def pause(self, caller: Caller, server_id: str) -> None:
        """`pause`: ACTIVE → PAUSED."""
        self._simple(caller, server_id, "pause", st.ACTIVE, "pausing", "pause")

    def unpause(self, caller: Caller, server_id: str) -> None:
        """`unpause`: PAUSED → ACTIVE."""
        self._simple(caller, server_id, "unpause", st.PAUSED, "unpausing", "unpause")

    def suspend(self, caller: Caller, server_id: str) -> None:
        """`suspend`: ACTIVE → SUSPENDED."""
        self._simple(caller, server_id, "suspend", st.ACTIVE, "suspending", "suspend")

    def resume(self, caller: Caller, server_id: str) -> None:
        """`resume`: SUSPENDED → ACTIVE."""
        self._simple(caller, server_id, "resume", st.SUSPENDED, "resuming", "resume")

    def lock(self, caller: Caller, server_id: str, reason: str | None = None) -> None:
        """`lock`: non-admins can no longer change or delete the server. The owner's
        project locking a locked server changes nothing (`API.lock` returns early: the
        first reason stays); another project's admin takes the lock over."""
        server = self.get_server(caller, server_id)
        is_owner = server.project_id == caller.project_id
        if server.locked_by is not None and is_owner:
            return
        server.locked_by = "owner" if is_owner else "admin"
        server.locked_reason = reason
        server.updated_at = self._now()
        self._record(server, "lock", caller.user_id)

    def unlock(self, caller: Caller, server_id: str) -> None:
        """`unlock` (only an admin may undo an admin's lock)."""
        server = self.get_server(caller, server_id)
        if server.locked_by == "admin" and not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-lock-server:unlock:unlock_override")
        server.locked_by = None
        server.locked_reason = None
        server.updated_at = self._now()
        self._record(server, "unlock", caller.user_id)

    def change_password(self, caller: Caller, server_id: str) -> None:
        """`changePassword`: ACTIVE only; shows PASSWORD until done."""
        self._simple(caller, server_id, "changePassword", st.ACTIVE, "updating_password",
                     "password")

    def resize(self, caller: Caller, server_id: str, flavor_id: str) -> None:
        """`resize`: ACTIVE or SHUTOFF → RESIZE → VERIFY_RESIZE.

        Raises:
            BadRequest: Unknown flavor, or the same flavor.
            Forbidden: The upsize exceeds the quota.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "resize", vm_states=(st.ACTIVE, st.STOPPED))
        flavor = self.flavors.get(flavor_id)
        if flavor is None or flavor.disabled or not flavor.visible_to(caller):
            raise BadRequest(f"Flavor {flavor_id} could not be found.")
        if flavor.id == server.flavor.id:
            raise BadRequest("When resizing, instances must change flavor!")
        self._check_upsize(server, flavor)
        server.task_state = "resize_prep"
        server.progress = 0
        self._start(server, "resize", flavor=flavor)
        self._record_resize(server, flavor.row, caller.user_id)
        self._record(server, "resize", caller.user_id)

    def _check_upsize(self, server: Server, flavor: Flavor) -> None:
        deltas = {"cores": max(0, flavor.vcpus - server.flavor.vcpus),
                  "ram": max(0, flavor.ram - server.flavor.ram)}
        quotas, usage = self.quota(server.project_id), self.usage(server.project_id)
        overs = sorted(k for k, d in deltas.items()
                       if d and quotas[k] >= 0 and usage[k] + d > quotas[k])
        if overs:
            names = ", ".join(overs)
            raise Forbidden(
                f"Quota exceeded for {names}: Requested "
                f"{', '.join(str(deltas[k]) for k in overs)}, but already used "
                f"{', '.join(str(usage[k]) for k in overs)} of "
                f"{', '.join(str(quotas[k]) for k in overs)} {names}")

    def confirm_resize(self, caller: Caller, server_id: str) -> None:
        """`confirmResize`: VERIFY_RESIZE → back to ACTIVE (or SHUTOFF) on the new flavor."""
        server = self.get_server(caller, server_id)
        self._check(caller, server, "confirmResize", vm_states=(st.RESIZED,), task_states=None)
        server.old_flavor = None
        self._leave_resized(server)
        server.updated_at = self._now()
        self._migration_confirmed(server)
        self._record(server, "confirmResize", caller.user_id)

    def revert_resize(self, caller: Caller, server_id: str) -> None:
        """`revertResize`: VERIFY_RESIZE → REVERT_RESIZE → the old flavor."""
        server = self.get_server(caller, server_id)
        self._check(caller, server, "revertResize", vm_states=(st.RESIZED,), task_states=None)
        server.task_state = "resize_reverting"
        self._migration_reverting(server)
        self._start(server, "revert")
        self._record(server, "revertResize", caller.user_id)

    def rebuild(self, caller: Caller, server_id: str, image_id: str,
                changes: Mapping[str, Any]) -> Server:
        """`rebuild`: ACTIVE, SHUTOFF or ERROR → REBUILD → as before (ERROR → ACTIVE).

        Raises:
            BadRequest: "Cannot find image for rebuild", or a flavor too small for it.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "rebuild", vm_states=(st.ACTIVE, st.STOPPED, st.ERROR))
        image = self.visible_image(caller, image_id)
        if image is None:
            raise BadRequest("Cannot find image for rebuild")
        _check_flavor_image(server.flavor, image, not server.image_ref)
        metadata = changes.get("metadata")
        if metadata is not None:
            self._check_metadata_quota(server.project_id, metadata)
        if "key_name" in changes and changes["key_name"] is not None \
                and changes["key_name"] not in self.keypairs_of(caller.user_id):
            raise BadRequest("Invalid key_name provided.")
        for key, value in changes.items():
            setattr(server, key, dict(value) if key == "metadata" else value)
        was = server.vm_state
        server.fault = None if was == st.ERROR else server.fault
        server.task_state = "rebuilding"
        self._start(server, "rebuild", image_ref=image.id, was=was)
        self._record(server, "rebuild", caller.user_id)
        return server

    def create_image(self, caller: Caller, server_id: str, name: str,
                     metadata: Mapping[str, str]) -> ImageInfo:
        """`createImage`: a snapshot in Glance, `queued` (Nova's proxy: SAVING) until the
        action time has passed, then `active`.

        Raises:
            Conflict: Not in a state Nova snapshots.
            Forbidden, BadRequest: Glance refuses the image.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "createImage", lock=False,
                    vm_states=(st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED))
        image = self._snapshot(caller, server, name, metadata)
        server.task_state = "image_snapshot"
        self._start(server, "snapshot")
        self._record(server, "createImage", caller.user_id)
        return image

    def rescue(self, caller: Caller, server_id: str, *, image_id: str | None = None,
               allow_volume_backed: bool = False) -> None:
        """`rescue`: ACTIVE, SHUTOFF or ERROR → RESCUE, booted from `image_id` (default: the
        server's image).

        A volume-backed server can be rescued only from 2.87 (`allow_volume_backed`), and
        only from an image with `hw_rescue_bus` and `hw_rescue_device` (the fake host has
        the `COMPUTE_RESCUE_BFV` trait, as libvirt's do).

        Raises:
            Conflict: Locked, or in another state.
            BadRequest: An image that is not there (or is a volume snapshot), or a
                volume-backed server Nova would not rescue.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "rescue", vm_states=(st.ACTIVE, st.STOPPED, st.ERROR))
        properties: Mapping[str, Any] = {}
        if image_id is not None:
            image = self.visible_image(caller, image_id)
            if image is None or image.properties.get("img_block_device_mapping"):
                raise BadRequest(f"Requested rescue image '{image_id}' is not supported")
            properties = image.properties
        elif server.image_ref:
            base = self.visible_image(caller, server.image_ref)
            properties = base.properties if base is not None else {}
        if not server.image_ref and not (allow_volume_backed and "hw_rescue_bus" in properties
                                         and "hw_rescue_device" in properties):
            raise BadRequest(f"Instance {server.uuid} cannot be rescued: Cannot rescue a "
                             "volume-backed instance")
        server.task_state = "rescuing"
        self._start(server, "rescue")
        self._record(server, "rescue", caller.user_id)

    def unrescue(self, caller: Caller, server_id: str) -> None:
        """`unrescue`: RESCUE → ACTIVE."""
        self._simple(caller, server_id, "unrescue", st.RESCUED, "unrescuing", "unrescue")

    def shelve(self, caller: Caller, server_id: str) -> None:
        """`shelve`: ACTIVE, SHUTOFF, PAUSED or SUSPENDED → SHELVED_OFFLOADED (or SHELVED,
        see `shelved_offload_time`; a volume-backed server is always offloaded).

        An image-backed server is snapshotted first: an image `<name>-shelved` of its
        project, deleted when the server is unshelved or deleted.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "shelve",
                    vm_states=(st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED))
        volume_backed = not server.image_ref
        if not volume_backed:
            image = self._snapshot(caller, server, f"{server.name}-shelved", {})
            server.shelved_image_id = image.id
        server.task_state = "shelving"
        self._start(server, "shelve", volume_backed=volume_backed)
        self._record(server, "shelve", caller.user_id)

    def shelve_offload(self, caller: Caller, server_id: str) -> None:
        """`shelveOffload` (admins, by Nova's default policy): SHELVED → SHELVED_OFFLOADED.

        Raises:
            Forbidden: Not an admin.
            Conflict: Locked, or not SHELVED.
        """
        server = self.get_server(caller, server_id)
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-shelve:shelve_offload")
        self._check(caller, server, "shelveOffload", vm_states=(st.SHELVED,))
        server.task_state = "shelving_offloading"
        self._start(server, "offload")
        self._record(server, "shelveOffload", caller.user_id)

    def unshelve(self, caller: Caller, server_id: str, *,
                 availability_zone: str | _Unset | None = _UNSET,
                 host: str | None = None) -> None:
        """`unshelve`: SHELVED or SHELVED_OFFLOADED → ACTIVE.

        Args:
            caller: Who asks.
            server_id: The server.
            availability_zone: (2.77) the zone to unshelve to, which the server is then
                pinned to; (2.91) None unpins it. Left out, the pinning stays.
            host: (2.91, admins) the compute host to unshelve to.

        Raises:
            Conflict: Locked, in another state, a zone or host for a server that is not
                SHELVED_OFFLOADED, or a host outside the zone.
            BadRequest: An unknown zone or host.
            Forbidden: A host asked by a non-admin.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "unshelve", vm_states=(st.SHELVED, st.SHELVED_OFFLOADED))
        az_passed = not isinstance(availability_zone, _Unset)
        if (az_passed or host) and server.vm_state != st.SHELVED_OFFLOADED:
            raise Conflict(f"Specifying an availability zone or a host when unshelving server "
                           f"\"{server.uuid}\" with status \"{server.vm_state}\" is not "
                           "supported. The server status must be SHELVED_OFFLOADED.")
        if isinstance(availability_zone, str) and availability_zone:
            self.check_requested_zone(availability_zone)  # `_validate_unshelve_az`
        expected = availability_zone if not isinstance(availability_zone, _Unset) \
            else server.pinned_az
        if host:
            if not caller.is_admin:
                raise policy_forbidden("os_compute_api:os-shelve:unshelve_to_host")
            if host not in self.hosts:
                raise BadRequest(f"Compute host {host} could not be found.")
            if expected is not None and expected != self.host_zone(host):
                raise Conflict(f'Host "{host}" is not in the availability zone "{expected}".')
        server.pinned_az = expected
        server.task_state = "unshelving"
        self._start(server, "unshelve", offloaded=server.vm_state == st.SHELVED_OFFLOADED)
        self._record(server, "unshelve", caller.user_id)
        self._drop_shelved_image(caller, server, at=server.due)  # once it is back
