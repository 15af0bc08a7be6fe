"""Quotas of the fake Nova (`nova/quota.py`, `compute_utils.check_num_instances_quota`):
limits per project and what its live servers use."""

from __future__ import annotations

import math
from collections.abc import Mapping

from stackdouble.fakes.compute.errors import Forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import DEFAULT_QUOTAS, _num
from stackdouble.fakes.compute.models.flavors import Flavor

__all__ = ["QuotasMixin"]


class QuotasMixin(ModelBase):
    """Quota limits and usage, mixed into `ComputeModel`."""

    def quota(self, project_id: str) -> dict[str, int]:
        """The limits of a project (defaults, overridden by `set_quota`)."""
        return {**self.default_quotas, **self._quotas.get(project_id, {})}

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
        """What a project uses: `instances`, `cores` and `ram` of its live servers."""
        used = self._usage.get(project_id, [0, 0, 0])
        return {"instances": used[0], "cores": used[1], "ram": used[2]}

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
