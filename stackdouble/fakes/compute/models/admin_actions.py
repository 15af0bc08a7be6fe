"""Server actions of the fake Nova beyond the lifecycle ones: `os-resetState` and
`injectNetworkInfo` (`admin_actions.py`), `trigger_crash_dump` (`servers.py`, 2.17) and
`createBackup` (`create_backup.py`, with the compute host's rotation); the client's
`extensions/{resetstate,injectnetworkinfo}`.

Policies are Nova's defaults (`nova/policies/admin_actions.py`: admins;
`create_backup.py` and `servers.py`'s `trigger_crash_dump`: the project's members).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress

from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import BadRequest, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.links import ImageInfo, LinkError

__all__ = ["AdminActionsMixin"]

#: `vm_states.ALLOW_TRIGGER_CRASH_DUMP`.
ALLOW_TRIGGER_CRASH_DUMP = (st.ACTIVE, st.PAUSED, st.RESCUED, st.RESIZED, st.ERROR)
#: The states `API.backup` accepts.
_BACKUP_STATES = (st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED)


class AdminActionsMixin(ModelBase):
    """resetState, injectNetworkInfo, trigger_crash_dump and createBackup, mixed into
    `ComputeModel`."""

    def reset_state(self, caller: Caller, server_id: str, state: str) -> None:
        """`os-resetState` (admins): vm_state `active` or `error`, no task; whatever was
        in progress is dropped. Records a `resetState` action without events
        (`InstanceAction.action_start` and `finish`).

        Raises:
            NotFound: As `get_server`.
            Forbidden: Not an admin.
        """
        server = self.get_server(caller, server_id)
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-admin-actions:reset_state")
        server.pending = None
        server.pending_args = {}
        server.vm_state = st.ACTIVE if state == "active" else st.ERROR
        server.task_state = None
        server.updated_at = self._now()
        self._record(server, "resetState", caller.user_id).events.clear()

    def inject_network_info(self, caller: Caller, server_id: str) -> None:
        """`injectNetworkInfo` (admins): 202; the guest's network configuration is
        rewritten from the network info cache, which the fake refreshes.

        Raises:
            NotFound: As `get_server`.
            Forbidden: Not an admin.
        """
        server = self.get_server(caller, server_id)
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-admin-actions:inject_network_info")
        self.refresh_network_info(server)

    def trigger_crash_dump(self, caller: Caller, server_id: str) -> None:
        """`trigger_crash_dump` (2.17): an NMI to the guest; the state stays.

        Raises:
            NotFound: As `get_server`.
            Conflict: Locked, no host ("Instance <id> is not ready"), or a state Nova
                refuses (ACTIVE, PAUSED, RESCUE, VERIFY_RESIZE and ERROR are allowed).
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "trigger_crash_dump", vm_states=ALLOW_TRIGGER_CRASH_DUMP,
                    need_host=True)
        self._record(server, "trigger_crash_dump", caller.user_id)

    def create_backup(self, caller: Caller, server_id: str, name: str, backup_type: str,
                      rotation: int, metadata: Mapping[str, str]) -> ImageInfo:
        """`createBackup`: a snapshot image with `image_type: backup` and `backup_type`;
        once it is uploaded, the oldest backups of that type beyond `rotation` are deleted
        (`ComputeManager._rotate_backups`, the new one counted: rotation 0 keeps none).

        Raises:
            NotFound: As `get_server`.
            Conflict: Not ACTIVE, SHUTOFF, PAUSED or SUSPENDED, or a task in progress (a
                lock does not stop a backup).
            BadRequest: A volume-backed server.
            Forbidden: Glance refuses the image.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "createBackup", vm_states=_BACKUP_STATES, lock=False)
        if not server.image_ref:
            raise BadRequest("Backup is not supported for volume-backed instances.")
        properties = {**metadata, "image_type": "backup", "backup_type": backup_type}
        image = self._snapshot(caller, server, name, properties)
        server.task_state = "image_backup"
        self._start(server, "snapshot")
        self._record(server, "createBackup", caller.user_id)
        kept = self._backups.setdefault((server.uuid, backup_type), [])
        kept.append(image.id)
        while len(kept) > rotation:
            with suppress(LinkError):
                self.cloud.links.images.delete(caller, kept.pop(0), at=server.due)
        return image
