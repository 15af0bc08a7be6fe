"""Quota sets with usage (`cinder/quota.py`, `cinder/quota_utils.py`,
`cinder/api/contrib/quotas.py`), for `client/openstack/blockstorage/v3/quotasets`."""

from __future__ import annotations

from collections.abc import Mapping

from stackdouble.fakes.blockstorage.errors import BadRequest, QuotaError
from stackdouble.fakes.blockstorage.models._common import _ModelBase

__all__ = ["DEFAULT_QUOTAS", "TYPE_QUOTAS", "QuotaSetsMixin"]

#: Cinder's default `[DEFAULT] quota_*` limits in `QUOTAS.resources` order (`groups`, of
#: `GROUP_QUOTAS`, last); -1 means unlimited. Each volume type adds `volumes_<type>`,
#: `gigabytes_<type>` and `snapshots_<type>` (default -1) after `backup_gigabytes`.
DEFAULT_QUOTAS: Mapping[str, int] = {
    "volumes": 10, "per_volume_gigabytes": -1, "snapshots": 10, "gigabytes": 1000,
    "backups": 10, "backup_gigabytes": 1000, "groups": 10,
}
#: The per-volume-type quota resources, in Cinder's order.
TYPE_QUOTAS = ("volumes", "gigabytes", "snapshots")


class QuotaSetsMixin(_ModelBase):
    """The quotas and usage of `BlockStorageModel` (`default_quotas`, `_quotas`, `_usage`)."""

    def quota_resources(self) -> list[str]:
        """Every quota resource name, in Cinder's order: the global ones, the three of each
        volume type (`volumes___DEFAULT__`...), then `groups`."""
        names = [k for k in DEFAULT_QUOTAS if k != "groups"]
        for vtype in self.volume_types.values():
            names.extend(f"{part}_{vtype.name}" for part in TYPE_QUOTAS)
        names.append("groups")
        return names

    def default_quota(self) -> dict[str, int]:
        """The default limits of every resource (`QUOTAS.get_defaults`)."""
        return {name: self.default_quotas.get(name, -1) for name in self.quota_resources()}

    def quota(self, project_id: str) -> dict[str, int]:
        """The limits of a project (defaults, overridden by `set_quota`), every resource."""
        own = self._quotas.get(project_id, {})
        return {name: own.get(name, limit) for name, limit in self.default_quota().items()}

    def quota_overrides(self, project_id: str) -> dict[str, int]:
        """The limits set for a project (Cinder's `quotas` rows), without the defaults."""
        return dict(self._quotas.get(project_id, {}))

    def set_quota(self, project_id: str, **limits: int) -> None:
        """Override quota limits of a project: `volumes`, `gigabytes`, `snapshots`,
        `per_volume_gigabytes`, `backups`, `backup_gigabytes`, `groups` or a volume type's
        `volumes_<type>`, `gigabytes_<type>`, `snapshots_<type>`; -1 is unlimited.

        Raises:
            ValueError: An unknown resource or a value below -1.
        """
        known = self.quota_resources()
        for name, value in limits.items():
            if name not in known:
                raise ValueError(f"unknown quota {name!r}; known: {sorted(known)}")
            if isinstance(value, bool) or not isinstance(value, int) or value < -1:
                raise ValueError(f"quota {name} must be an integer >= -1, not {value!r}")
        self._quotas.setdefault(project_id, {}).update(limits)

    def update_quota(self, project_id: str, limits: Mapping[str, int]) -> None:
        """Set limits as the API's update does: a resource that already has a limit of its
        own cannot go below its usage (`_validate_existing_resource` only sees the project's
        own rows, so a first override is never refused); `per_volume_gigabytes` and -1 are
        not checked.

        Raises:
            BadRequest: "Quota volumes limit must be equal or greater than existing
                resources. Current usage is 1 and the requested limit is 0."
        """
        self.advance()
        own = self._quotas.get(project_id, {})
        used = self._usage.get(project_id, {})
        for key, value in limits.items():
            if key == "per_volume_gigabytes" or value == -1 or key not in own:
                continue
            if value < used.get(key, 0):
                raise BadRequest(f"Quota {key} limit must be equal or greater than existing "
                                 f"resources. Current usage is {used.get(key, 0)} and the "
                                 f"requested limit is {value}.")
        self.set_quota(project_id, **limits)

    def delete_quota(self, project_id: str) -> None:
        """Back to the defaults (`quota_destroy_by_project`); usage is kept."""
        self._quotas.pop(project_id, None)

    def projects_with_quotas(self) -> list[str]:
        """The projects whose quotas were set, in the order they were first set."""
        return list(self._quotas)

    def projects_using(self) -> list[str]:
        """The projects that have used quota, sorted."""
        return sorted(self._usage)

    def usage(self, project_id: str) -> dict[str, int]:
        """What a project uses: `volumes`, `gigabytes` (volumes and snapshots) and
        `snapshots`, counting everything not yet deleted."""
        self.advance()
        used = self._usage.get(project_id, {})
        return {"volumes": used.get("volumes", 0), "gigabytes": used.get("gigabytes", 0),
                "snapshots": used.get("snapshots", 0)}

    def quota_usage(self, project_id: str) -> dict[str, int]:
        """`usage` for every quota resource, in Cinder's order (the per-type ones too; 0
        for what the fake does not count: backups, groups, `per_volume_gigabytes`)."""
        self.advance()
        used = self._usage.get(project_id, {})
        return {name: used.get(name, 0) for name in self.quota_resources()}

    def _use(self, project_id: str, vtype: str | None = None, **deltas: int) -> None:
        used = self._usage.setdefault(project_id, {})
        for name, delta in _with_type(deltas, vtype).items():
            used[name] = used.get(name, 0) + delta

    def _reserve(self, project_id: str, resource: str, deltas: Mapping[str, int],
                 size: int, vtype: str | None = None) -> None:
        """`QUOTAS.reserve` (with `add_volume_type_opts`) +
        `quota_utils.process_reserve_over_quota`.

        Raises:
            QuotaError: `VolumeSizeExceedsAvailableQuota`, `VolumeLimitExceeded` or
                `SnapshotLimitExceeded`, as Cinder words them.
        """
        quotas = self.quota(project_id)
        used = self._usage.get(project_id, {})
        deltas = _with_type(deltas, vtype)
        overs = sorted(k for k, d in deltas.items()
                       if quotas.get(k, -1) >= 0 and d >= 0 and quotas[k] < d + used.get(k, 0))
        for over in overs:
            if "gigabytes" in over:
                raise QuotaError(
                    "VolumeSizeExceedsAvailableQuota",
                    f"Requested volume or snapshot exceeds allowed {over} quota. Requested "
                    f"{size}G, quota is {quotas[over]}G and {used.get(over, 0)}G has been "
                    "consumed.")
            if resource == "volumes" and resource in over:
                raise QuotaError("VolumeLimitExceeded",
                                 f"Maximum number of volumes allowed ({quotas[over]}) "
                                 f"exceeded for quota '{over}'.")
            if resource == "snapshots" and resource in over:
                raise QuotaError("SnapshotLimitExceeded",
                                 f"Maximum number of snapshots allowed ({quotas[over]}) "
                                 "exceeded")
        if overs:
            raise QuotaError("UnexpectedOverQuota", f"Unexpected over quota on {', '.join(overs)}.")

    def _check_volume_size_limit(self, project_id: str, size: int) -> None:
        limit = self.quota(project_id)["per_volume_gigabytes"]
        if limit >= 0 and size > limit:
            raise QuotaError("VolumeSizeExceedsLimit",
                             f"Requested volume size {size}G is larger than maximum allowed "
                             f"limit {limit}G.")


def _with_type(deltas: Mapping[str, int], vtype: str | None) -> dict[str, int]:
    """The deltas plus the volume type's copies (`QUOTAS.add_volume_type_opts`)."""
    out = dict(deltas)
    if vtype is not None:
        for part in TYPE_QUOTAS:
            if part in deltas:
                out[f"{part}_{vtype}"] = deltas[part]
    return out
