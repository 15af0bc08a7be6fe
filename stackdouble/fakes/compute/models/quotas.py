"""Quotas of the fake Nova (`nova/quota.py`'s `DbQuotaDriver`,
`compute_utils.check_num_instances_quota`): limits per project, the quota classes (only
`default` matters: it overrides the `[quota]` options for every project), and what a
project uses; the client's `compute/v2/quotasets`, `quotaclasses` and `limits`."""

from __future__ import annotations

import math
from collections.abc import Mapping

from stackdouble.fakes.compute.errors import BadRequest, Forbidden, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import DEFAULT_QUOTAS, Caller, _num
from stackdouble.fakes.compute.models.flavors import Flavor

__all__ = ["COUNTED", "QuotasMixin"]

#: Resources whose use is counted (`CountableResource`); `key_pairs` and
#: `server_group_members` are per user and show 0 in use (`DbQuotaDriver._get_usages`).
COUNTED = ("instances", "cores", "ram", "server_groups")


class QuotasMixin(ModelBase):
    """Quota limits and usage, mixed into `ComputeModel`."""

    def quota(self, project_id: str) -> dict[str, int]:
        """The limits of a project: the defaults (see `quota_defaults`), overridden by
        `set_quota` / `PUT /os-quota-sets/{project}`."""
        return {**self.quota_defaults(), **self._quotas.get(project_id, {})}

    def quota_defaults(self) -> dict[str, int]:
        """`QUOTAS.get_defaults`: the `[quota]` options overridden by the `default` quota
        class."""
        return {**self.default_quotas, **self._quota_classes.get("default", {})}

    def quota_class(self, name: str) -> dict[str, int]:
        """`QUOTAS.get_class_quotas`: the defaults overridden by the class's own values."""
        return {**self.default_quotas, **self._quota_classes.get(name, {})}

    def update_quota_class(self, caller: Caller, name: str,
                           values: Mapping[str, int]) -> dict[str, int]:
        """`PUT /os-quota-class-sets/{name}` (admins): set class values; `default` changes
        every project's defaults.

        Raises:
            Forbidden: Not an admin.
            BadRequest: A name longer than 255 characters.
        """
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-quota-class-sets:update")
        if not 1 <= len(name) <= 255:
            raise BadRequest("quota_class_name has a length greater than 255."
                             if name else "quota_class_name has a length less than 1.")
        self._quota_classes.setdefault(name, {}).update(
            {k: int(v) for k, v in values.items()})
        return self.quota_class(name)

    def quota_detail(self, project_id: str) -> dict[str, dict[str, int]]:
        """`get_project_quotas(usages=True)`: limit, in_use and reserved (always 0)."""
        limits, used = self.quota(project_id), self.usage(project_id)
        return {k: {"limit": v, "in_use": used.get(k, 0), "reserved": 0}
                for k, v in limits.items()}

    def update_quota(self, caller: Caller, project_id: str, values: Mapping[str, int], *,
                     force: bool = False) -> dict[str, int]:
        """`PUT /os-quota-sets/{project}` (admins): check every value first (not below
        what is used, unless `force`), then set them all.

        Raises:
            Forbidden: Not an admin.
            BadRequest: A limit below the use ("Quota limit 1 for instances must be
                greater than or equal to already used and reserved 2.").
        """
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-quota-sets:update")
        used = self.usage(project_id)
        if not force:
            for key, value in values.items():
                minimum = used.get(key, 0)
                if value != -1 and value < minimum:
                    raise BadRequest(f"Quota limit {value} for {key} must be greater than "
                                     f"or equal to already used and reserved {minimum}.")
        self._quotas.setdefault(project_id, {}).update(values)
        return self.quota(project_id)

    def delete_quota(self, caller: Caller, project_id: str) -> None:
        """`DELETE /os-quota-sets/{project}` (admins): back to the defaults.

        Raises:
            Forbidden: Not an admin.
        """
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-quota-sets:delete")
        self._quotas.pop(project_id, None)

    def set_quota(self, project_id: str, **limits: int) -> None:
        """Override quota limits of a project: `instances`, `cores`, `ram`, `metadata_items`,
        `key_pairs`; -1 is unlimited.

        Raises:
            ValueError: An unknown resource or a value below -1.
        """
        for name, value in limits.items():
            if name not in DEFAULT_QUOTAS:
                raise ValueError(f"unknown quota {name!r}; known: {sorted(DEFAULT_QUOTAS)}")
            if isinstance(value, bool) or not isinstance(value, int) or value < -1:
                raise ValueError(f"quota {name} must be an integer >= -1, not {value!r}")
        self._quotas.setdefault(project_id, {}).update(limits)

    def usage(self, project_id: str) -> dict[str, int]:
        """What a project uses: `instances`, `cores` and `ram` of its live servers, and
        its `server_groups`."""
        used = self._usage.get(project_id, [0, 0, 0])
        return {"instances": used[0], "cores": used[1], "ram": used[2],
                "server_groups": sum(1 for g in self.server_groups.values()
                                     if g.project_id == project_id)}

    def _use(self, project_id: str, instances: int, cores: int, ram: int) -> None:
        used = self._usage.setdefault(project_id, [0, 0, 0])
        used[0] += instances
        used[1] += cores
        used[2] += ram

    def _check_instance_quota(self, project_id: str, flavor: Flavor, min_count: int,
                              max_count: int) -> int:
        """`compute_utils.check_num_instances_quota`: how many may be built, or 403."""
        quotas = self.quota(project_id)
        usage = self.usage(project_id)
        deltas = {"instances": max_count, "cores": max_count * flavor.vcpus,
                  "ram": max_count * flavor.ram}
        overs = sorted(k for k, d in deltas.items()
                       if quotas[k] >= 0 and quotas[k] < usage[k] + d)
        if not overs:
            return max_count
        headroom: dict[str, float] = {k: quotas[k] - usage[k] for k in deltas}
        for res in ("cores", "ram"):
            if quotas[res] == -1:
                headroom[res] = (headroom["instances"] * deltas[res] / max_count
                                 if deltas[res] else headroom["instances"])
        allowed = headroom["instances"] if quotas["instances"] != -1 else math.inf
        if flavor.vcpus:
            allowed = min(allowed, headroom["cores"] // flavor.vcpus)
        if flavor.ram:
            allowed = min(allowed, headroom["ram"] // flavor.ram)
        if allowed > 0 and min_count <= allowed <= max_count:
            return self._check_instance_quota(project_id, flavor, min_count, int(allowed))
        requested = {"instances": str(min_count) if min_count == max_count
                     else f"{min_count}-{max_count}",
                     "cores": str(deltas["cores"]), "ram": str(deltas["ram"])}
        names = ", ".join(overs)
        reqs = ", ".join(requested[k] for k in overs)
        used = ", ".join(_num(quotas[k] - headroom[k]) for k in overs)
        limits = ", ".join(str(quotas[k]) for k in overs)
        raise Forbidden(f"Quota exceeded for {names}: Requested {reqs}, but already used "
                        f"{used} of {limits} {names}")

    def _check_metadata_quota(self, project_id: str, metadata: Mapping[str, str]) -> None:
        allowed = self.quota(project_id)["metadata_items"]
        if allowed >= 0 and len(metadata) > allowed:
            raise Forbidden(f"Maximum number of metadata items exceeds {allowed}")
