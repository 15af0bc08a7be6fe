"""Quotas (`neutron/quota/`, `neutron/extensions/quotasv2.py`, `quotasv2_detail.py`): the
defaults of `neutron.conf [quotas]`, per-project limits, usage counted from the state."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import HTTPBadRequest, OverQuota
from stackdouble.fakes.networking.models._common import _ModelBase
from stackdouble.fakes.networking.policy import refuse

__all__ = ["DEFAULT_QUOTAS", "QuotasMixin"]

#: Neutron's defaults (`neutron/conf/quota.py`), in the order the API lists them.
DEFAULT_QUOTAS: Mapping[str, int] = {
    "network": 100, "subnet": 100, "subnetpool": -1, "port": 500, "router_route": 30,
    "router": 10,
    "floatingip": 50, "security_group": 10, "security_group_rule": 100, "rbac_policy": 10,
}


class QuotasMixin(_ModelBase):
    """Limits, usage and the over-quota check."""

    def usage(self, project_id: str, resource: str) -> int:
        """How many of `resource` the project holds."""
        pools: dict[str, dict[str, Any]] = {
            "network": self.networks, "subnet": self.subnets, "port": self.ports,
            "security_group": self.security_groups,
            "security_group_rule": self.security_group_rules}
        found = pools.get(resource)
        if found is None:
            counter = getattr(self, f"count_{resource}s", None)
            return int(counter(project_id)) if counter is not None else 0
        return sum(1 for item in found.values() if item.project_id == project_id)

    def limits(self, project_id: str) -> dict[str, int]:
        """The project's limits: its own, else the defaults."""
        return {**DEFAULT_QUOTAS, **self.quota_limits.get(project_id, {})}

    def check_quota(self, caller: Caller, project_id: str, resource: str,
                    count: int = 1) -> None:
        """Refuse one more `resource` beyond the project's limit (-1: none).

        Raises:
            OverQuota: 409 "Quota exceeded for resources: ['network']."
        """
        limit = self.limits(project_id).get(resource, -1)
        if limit >= 0 and self.usage(project_id, resource) + count > limit:
            raise OverQuota(overs=str([resource]))

    def show_quota(self, caller: Caller, project_id: str) -> dict[str, int]:
        """A project's limits (another project's needs the admin role).

        Raises:
            PolicyNotAuthorized: Another project, and no admin.
        """
        if project_id != caller.project_id and not caller.is_admin:
            raise refuse("get", "quota")
        return self.limits(project_id)

    def quota_details(self, caller: Caller, project_id: str) -> dict[str, dict[str, int]]:
        """Limits with usage (`used`, `limit`, `reserved`).

        Raises:
            PolicyNotAuthorized: Another project, and no admin.
        """
        limits = self.show_quota(caller, project_id)
        return {name: {"used": self.usage(project_id, name), "limit": limit, "reserved": 0}
                for name, limit in limits.items()}

    def list_quotas(self, caller: Caller) -> dict[str, dict[str, int]]:
        """The projects with limits of their own (admin only).

        Raises:
            PolicyNotAuthorized: No admin.
        """
        if not caller.is_admin:
            raise refuse("get", "quota")
        return {pid: self.limits(pid) for pid in self.quota_limits}

    def update_quota(self, caller: Caller, project_id: str, limits: Mapping[str, int],
                     *, force: bool = False) -> dict[str, int]:
        """Set limits (admin only); without `force`, refused below current usage.

        Raises:
            PolicyNotAuthorized: No admin.
            HTTPBadRequest: A limit below the usage.
        """
        if not caller.is_admin:
            raise refuse("update", "quota")
        if not force:
            for name, limit in limits.items():
                used = self.usage(project_id, name)
                if limit != -1 and used > limit:
                    raise HTTPBadRequest(f"Quota limit {limit} for {name} must be greater "
                                         f"than or equal to already used {used}")
        self.quota_limits.setdefault(project_id, {}).update(limits)
        return self.limits(project_id)

    def delete_quota(self, caller: Caller, project_id: str) -> None:
        """Back to the defaults (admin only).

        Raises:
            PolicyNotAuthorized: No admin.
        """
        if not caller.is_admin:
            raise refuse("delete", "quota")
        self.quota_limits.pop(project_id, None)
