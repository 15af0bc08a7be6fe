"""Nova's server states: vm_state, task_state and power_state, and the status they show as.

`STATUS_MAP` is `nova/api/openstack/common.py`'s `_STATE_MAP`; the constants are the values
of `nova/objects/fields.py` (`InstanceState`, `InstanceTaskState`) and
`nova/compute/power_state.py`.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "ACTIVE",
    "ALLOW_HARD_REBOOT",
    "ALLOW_REBOOT_TASKS",
    "BUILDING",
    "DELETED",
    "ERROR",
    "PAUSED",
    "POWER_NOSTATE",
    "POWER_PAUSED",
    "POWER_RUNNING",
    "POWER_SHUTDOWN",
    "POWER_SUSPENDED",
    "RESCUED",
    "RESIZED",
    "SHELVED",
    "SHELVED_OFFLOADED",
    "STATUS_MAP",
    "STOPPED",
    "SUSPENDED",
    "states_for_statuses",
    "status_of",
]

ACTIVE, BUILDING, PAUSED, SUSPENDED = "active", "building", "paused", "suspended"
STOPPED, RESCUED, RESIZED, SOFT_DELETED = "stopped", "rescued", "resized", "soft-delete"
DELETED, ERROR, SHELVED, SHELVED_OFFLOADED = "deleted", "error", "shelved", "shelved_offloaded"

POWER_NOSTATE, POWER_RUNNING, POWER_PAUSED = 0, 1, 3
POWER_SHUTDOWN, POWER_SUSPENDED = 4, 7

_REBOOT = {"rebooting": "REBOOT", "reboot_pending": "REBOOT", "reboot_started": "REBOOT",
           "rebooting_hard": "HARD_REBOOT", "reboot_pending_hard": "HARD_REBOOT",
           "reboot_started_hard": "HARD_REBOOT"}
_REBUILD = {"rebuilding": "REBUILD", "rebuild_block_device_mapping": "REBUILD",
            "rebuild_spawning": "REBUILD"}
_RESIZE = {"resize_prep": "RESIZE", "resize_migrating": "RESIZE", "resize_migrated": "RESIZE",
           "resize_finish": "RESIZE"}

#: vm_state → {task_state or "default": status}.
STATUS_MAP: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    ACTIVE: {"default": "ACTIVE", **_REBOOT, "updating_password": "PASSWORD", **_REBUILD,
             "migrating": "MIGRATING", **_RESIZE},
    BUILDING: {"default": "BUILD"},
    STOPPED: {"default": "SHUTOFF", **_RESIZE, **_REBUILD},
    RESIZED: {"default": "VERIFY_RESIZE", "resize_reverting": "REVERT_RESIZE"},
    PAUSED: {"default": "PAUSED", "migrating": "MIGRATING"},
    SUSPENDED: {"default": "SUSPENDED"},
    RESCUED: {"default": "RESCUE"},
    ERROR: {"default": "ERROR", **_REBUILD},
    DELETED: {"default": "DELETED"},
    SOFT_DELETED: {"default": "SOFT_DELETED"},
    SHELVED: {"default": "SHELVED"},
    SHELVED_OFFLOADED: {"default": "SHELVED_OFFLOADED"},
})

#: vm_states a hard reboot accepts (`vm_states.ALLOW_HARD_REBOOT`).
ALLOW_HARD_REBOOT = frozenset({ACTIVE, STOPPED, PAUSED, SUSPENDED, ERROR})
#: task_states a hard reboot accepts (`task_states.ALLOW_REBOOT`).
ALLOW_REBOOT_TASKS = frozenset({None, "rebooting", "reboot_pending", "reboot_started",
                                "resuming", "rebooting_hard", "unpausing", "pausing",
                                "suspending"})


def status_of(vm_state: str, task_state: str | None, deleted: bool = False) -> str:
    """The API status of a server (`common.status_from_state`).

    Example:
        >>> status_of("active", "rebooting_hard"), status_of("resized", None)
        ('HARD_REBOOT', 'VERIFY_RESIZE')
    """
    if deleted:
        return "DELETED"
    tasks = STATUS_MAP.get(vm_state)
    if tasks is None:
        return "UNKNOWN"
    return tasks.get(task_state or "default", tasks["default"])


def states_for_statuses(statuses: list[str]) -> tuple[list[str], list[str]]:
    """The vm_states and task_states a `status` filter maps to
    (`common.task_and_vm_state_from_status`); `"default"` among the tasks means any.

    Example:
        >>> states_for_statuses(["SHUTOFF"])
        (['stopped'], ['default'])
    """
    wanted = {status.lower() for status in statuses}
    vm_states: set[str] = set()
    task_states: set[str] = set()
    for vm_state, tasks in STATUS_MAP.items():
        for task_state, status in tasks.items():
            if status.lower() in wanted:
                vm_states.add(vm_state)
                task_states.add(task_state)
    return sorted(vm_states), sorted(task_states)
