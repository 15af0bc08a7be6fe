"""Instance actions of the fake Nova (`/servers/{id}/os-instance-actions`,
`nova/api/openstack/compute/instance_actions.py`; the client's
`compute/v2/instanceactions`; what `openstack server event list` shows).

Every action the fake performs on a server records one action (`nova/compute/
instance_actions.py`'s names: `create`, `delete`, `reboot`, `stop`, `resize`...) with the
request id of the API call that asked for it (a Python call gets a fresh one), the user,
the project and the time, and one event (`compute_<method>`, as `wrap_instance_event`
names them) that finishes when the background change does on the fake clock: `Success`,
or `Error` (then the action's `message` is "Error", as `event_finish_with_failure` sets it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.compute.models.hypervisors import derived_uuid
from stackdouble.fakes.compute.models.servers import Server
from stackdouble.fakes.timestamps import from_timestamp

__all__ = ["ActionEvent", "InstanceAction", "InstanceActionsMixin"]

#: The event each action records (`nova/compute/manager.py`'s `@wrap_instance_event`
#: methods; a build that cannot be scheduled fails in the conductor).
EVENTS = {
    "create": "compute__do_build_and_run_instance", "delete": "compute_terminate_instance",
    "reboot": "compute_reboot_instance", "stop": "compute_stop_instance",
    "start": "compute_start_instance", "pause": "compute_pause_instance",
    "unpause": "compute_unpause_instance", "suspend": "compute_suspend_instance",
    "resume": "compute_resume_instance", "resize": "compute_prep_resize",
    "confirmResize": "compute_confirm_resize", "revertResize": "compute_revert_resize",
    "rebuild": "compute_rebuild_instance", "changePassword": "compute_set_admin_password",
    "createImage": "compute_snapshot_instance", "rescue": "compute_rescue_instance",
    "unrescue": "compute_unrescue_instance", "shelve": "compute_shelve_instance",
    "shelveOffload": "compute_shelve_offload_instance",
    "unshelve": "compute_unshelve_instance", "lock": "api_lock", "unlock": "api_unlock",
    "migrate": "compute_prep_resize", "live-migration": "compute_live_migration",
    "evacuate": "compute_rebuild_instance", "createBackup": "compute_backup_instance",
    "trigger_crash_dump": "compute_trigger_crash_dump",
    "live_migration_cancel": "compute_live_migration_abort",
    "live_migration_force_complete": "compute_live_migration_force_complete",
}
#: The event of a build that no host could take.
SCHEDULE_EVENT = "conductor_schedule_and_build_instances"


@dataclass(slots=True)
class ActionEvent:
    """One event of an action; it shows finished once the fake clock reaches `finish_at`."""

    event: str
    start_time: datetime
    finish_at: float
    ok: bool
    host: str | None
    traceback: str | None = None


@dataclass(slots=True)
class InstanceAction:
    """A row of `instance_actions`, with its events."""

    row: int
    action: str
    instance_uuid: str
    request_id: str
    user_id: str
    project_id: str
    start_time: datetime
    finish_at: float
    ok: bool
    events: list[ActionEvent] = field(default_factory=list)

    def message(self, now: float) -> str | None:
        """`Error` once a failed event finished, else None."""
        return None if self.ok or now < self.finish_at else "Error"

    def updated_at(self, now: float) -> datetime:
        """When it last changed: its start, then its event's finish."""
        return from_timestamp(self.finish_at) if now >= self.finish_at else self.start_time


class InstanceActionsMixin(ModelBase):
    """Instance actions, mixed into `ComputeModel`."""

    def _record(self, server: Server, action: str, user_id: str | None = None, *,
                ok: bool = True, event: str | None = None, fault: str | None = None,
                finish_at: float | None = None) -> InstanceAction:
        """Record `action` on `server` by the current request (or a fresh request id)."""
        now = self._now()
        at = server.due if finish_at is None and server.pending else (
            finish_at if finish_at is not None else self.cloud.clock.time())
        at = max(at, now.timestamp())
        self._action_row += 1
        request_id = self.request_id or f"req-{derived_uuid(f'action:{self._action_row}')}"
        record = InstanceAction(
            row=self._action_row, action=action, instance_uuid=server.uuid,
            request_id=request_id, user_id=user_id or server.user_id,
            project_id=server.project_id, start_time=now, finish_at=at, ok=ok)
        trace = None if ok else ("Traceback (most recent call last):\n"
                                 f"nova.exception.NoValidHost: {fault}\n")
        record.events.append(ActionEvent(
            event=event or EVENTS.get(action, f"compute_{action}"), start_time=now,
            finish_at=at, ok=ok, host=server.node, traceback=trace))
        self._actions.setdefault(server.uuid, []).append(record)
        return record

    def instance_actions(self, caller: Caller, server_id: str, *, include_deleted: bool,
                         since: datetime | None = None, before: datetime | None = None,
                         limit: int | None = None, marker: str | None = None
                         ) -> tuple[Server, list[InstanceAction]]:
        """A server's actions, newest first (`created_at desc, id desc`), filtered by
        `updated_at` (`changes-since` >=, `changes-before` <=) and paged by request id.

        Raises:
            NotFound: As `get_server` (deleted servers too with `include_deleted`, 2.21).
            BadRequest: "Marker <marker> could not be found."
        """
        server = self._action_target(caller, server_id, include_deleted, "list")
        now = self.cloud.clock.time()
        found = sorted(self._actions.get(server.uuid, []),
                       key=lambda a: (a.start_time, a.row), reverse=True)
        if since is not None:
            found = [a for a in found if a.updated_at(now) >= since]
        if before is not None:
            found = [a for a in found if a.updated_at(now) <= before]
        if marker is not None:
            ids = [a.request_id for a in found]
            if marker not in ids:
                raise BadRequest(f"Marker {marker} could not be found.")
            found = found[ids.index(marker) + 1:]
        if limit is not None:
            found = found[:limit]
        return server, found

    def instance_action(self, caller: Caller, server_id: str, request_id: str, *,
                        include_deleted: bool) -> tuple[Server, InstanceAction]:
        """One action by request id.

        Raises:
            NotFound: The server as `get_server`, or "Action <request_id> not found".
        """
        from stackdouble.fakes.compute.errors import NotFound

        server = self._action_target(caller, server_id, include_deleted, "show")
        for action in self._actions.get(server.uuid, []):
            if action.request_id == request_id:
                return server, action
        raise NotFound(f"Action {request_id} not found")

    def _action_target(self, caller: Caller, server_id: str, include_deleted: bool,
                       rule: str) -> Server:
        """`common.get_instance` (another project's server is not found for non-admins,
        as the database's `project_only` query answers), read_deleted from 2.21."""
        from stackdouble.fakes.compute.errors import instance_not_found

        server = self.servers.get(server_id)
        if (server is None or (server.deleted and not include_deleted)
                or (server.project_id != caller.project_id and not caller.is_admin)):
            raise instance_not_found(server_id)
        return self._settle(server)
