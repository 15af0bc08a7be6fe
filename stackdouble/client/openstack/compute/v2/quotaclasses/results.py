"""Nova quota class results: the limits are a `QuotaSet` (shared with `quotasets`)."""

from __future__ import annotations

from stackdouble.client._results import Result
from stackdouble.client.openstack.compute.v2.quotasets.results import QuotaSet

__all__ = ["GetResult", "QuotaSet", "UpdateResult"]


class GetResult(Result):
    """The result of `quotaclasses.get`; `extract()` gives the class's QuotaSet (`id` is
    the class name)."""

    __slots__ = ()

    def extract(self) -> QuotaSet:
        """The QuotaSet, or raise the error the call ended with."""
        return self.extract_with(QuotaSet.from_json, key="quota_class_set")


class UpdateResult(GetResult):
    """The result of `quotaclasses.update`: the class's new limits (their `id` is None)."""

    __slots__ = ()
