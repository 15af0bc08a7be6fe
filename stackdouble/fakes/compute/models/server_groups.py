"""Server groups of the fake Nova (`os-server-groups`,
`nova/api/openstack/compute/server_groups.py`, `nova/objects/instance_group.py`; the
client's `compute/v2/servergroups`).

A group has one policy (`affinity`, `anti-affinity`, and from 2.15 their `soft-`
variants) and, for `anti-affinity` from 2.64, the rule `max_server_per_host`. A server
joins a group when it is created with the scheduler hint `group`; the scheduler
(`hypervisors`) then enforces the policy. Quotas: `server_groups` per project,
`server_group_members` per group (and user).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.fakes.compute.errors import BadRequest, Forbidden, NotFound, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller

__all__ = ["ServerGroup", "ServerGroupsMixin"]


@dataclass(slots=True)
class ServerGroup:
    """An instance group: `members` are server uuids, deleted ones included (the API
    shows only the live ones)."""

    uuid: str
    row: int
    name: str
    policy: str
    project_id: str
    user_id: str
    rules: dict[str, Any] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)

    @property
    def max_per_host(self) -> int:
        """How many members an `anti-affinity` group allows on one host (default 1)."""
        return int(self.rules.get("max_server_per_host", 1))


class ServerGroupsMixin(ModelBase):
    """Server groups, mixed into `ComputeModel`."""

    def create_server_group(self, caller: Caller, name: str, policy: str,
                            rules: Mapping[str, Any] | None = None) -> ServerGroup:
        """Create a group in the caller's project.

        Raises:
            BadRequest: Rules with a policy other than `anti-affinity`.
            Forbidden: "Quota exceeded, too many server groups."
        """
        if rules and policy != "anti-affinity":
            raise BadRequest("Only anti-affinity policy supports rules.")
        allowed = self.quota(caller.project_id)["server_groups"]
        if allowed >= 0 and self.usage(caller.project_id)["server_groups"] + 1 > allowed:
            raise Forbidden("Quota exceeded, too many server groups.")
        self._group_row += 1
        group = ServerGroup(uuid=self.cloud.ids.uuid(), row=self._group_row, name=name,
                            policy=policy, project_id=caller.project_id,
                            user_id=caller.user_id, rules=dict(rules or {}))
        self.server_groups[group.uuid] = group
        return group

    def get_server_group(self, caller: Caller, group_id: str,
                         rule: str = "show") -> ServerGroup:
        """A group the caller may see (its project's; an admin: any).

        Raises:
            NotFound: "Instance group <id> could not be found."
            Forbidden: Another project's group (Nova's policy check with the group's
                project as target).
        """
        group = self.server_groups.get(group_id)
        if group is None:
            raise NotFound(f"Instance group {group_id} could not be found.")
        if group.project_id != caller.project_id and not caller.is_admin:
            raise policy_forbidden(f"os_compute_api:os-server-groups:{rule}")
        return group

    def list_server_groups(self, caller: Caller, *, all_projects: bool = False
                           ) -> list[ServerGroup]:
        """The caller's project's groups, or every group (`all_projects`, admins)."""
        groups = sorted(self.server_groups.values(), key=lambda g: g.row)
        if all_projects and caller.is_admin:
            return groups
        return [g for g in groups if g.project_id == caller.project_id]

    def delete_server_group(self, caller: Caller, group_id: str) -> None:
        """Delete a group (its members stay).

        Raises:
            NotFound, Forbidden: As `get_server_group`.
        """
        group = self.get_server_group(caller, group_id, "delete")
        del self.server_groups[group.uuid]

    def group_members(self, group: ServerGroup) -> list[str]:
        """The live members of a group."""
        return [u for u in group.members
                if u in self.servers and not self.servers[u].deleted]

    def _group_for_create(self, caller: Caller, hints: Mapping[str, Any] | None,
                          count: int) -> ServerGroup | None:
        """`_get_requested_instance_group` and the `server_group_members` quota.

        Raises:
            BadRequest: "Instance group <id> could not be found."
            Forbidden: "Quota exceeded, too many servers in group".
        """
        hint = (hints or {}).get("group")
        if isinstance(hint, list):
            hint = hint[0] if hint else None
        if not hint:
            return None
        group = self.server_groups.get(str(hint))
        if group is None:
            raise BadRequest(f"Instance group {hint} could not be found.")
        allowed = self.quota(caller.project_id)["server_group_members"]
        mine = sum(1 for u in self.group_members(group)
                   if self.servers[u].user_id == caller.user_id)
        if allowed >= 0 and mine + count > allowed:
            raise Forbidden("Quota exceeded, too many servers in group")
        return group
