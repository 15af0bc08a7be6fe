"""Neutron quota results: a project's limits, and their use in detail."""

from __future__ import annotations

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result

__all__ = [
    "DeleteResult",
    "GetDetailResult",
    "GetResult",
    "Quota",
    "QuotaDetail",
    "QuotaDetailSet",
    "QuotaResult",
    "UpdateResult",
]


class Quota(Resource):
    """A project's limit per resource; -1 is unlimited. A resource the server does not
    have (no `trunk` extension) reads None."""

    __slots__ = ()

    floatingip: int | None = json_field("floatingip", int)
    network: int | None = json_field("network", int)
    port: int | None = json_field("port", int)
    rbac_policy: int | None = json_field("rbac_policy", int)
    router: int | None = json_field("router", int)
    security_group: int | None = json_field("security_group", int)
    security_group_rule: int | None = json_field("security_group_rule", int)
    subnet: int | None = json_field("subnet", int)
    subnetpool: int | None = json_field("subnetpool", int)
    trunk: int | None = json_field("trunk", int)


class QuotaDetail(Resource):
    """One resource's use against its limit: `used`, `limit` (-1: unlimited) and
    `reserved` (Neutron has sent it as a number and as a string; both read as int)."""

    __slots__ = ()

    used: int = json_field("used", int, default=0)
    limit: int = json_field("limit", int, default=0)
    reserved: int = json_field("reserved", int, default=0)


class QuotaDetailSet(Resource):
    """A project's use and limit per resource (`quotas.get_detail`)."""

    __slots__ = ()

    floatingip: QuotaDetail | None = json_field("floatingip", QuotaDetail.from_json)
    network: QuotaDetail | None = json_field("network", QuotaDetail.from_json)
    port: QuotaDetail | None = json_field("port", QuotaDetail.from_json)
    rbac_policy: QuotaDetail | None = json_field("rbac_policy", QuotaDetail.from_json)
    router: QuotaDetail | None = json_field("router", QuotaDetail.from_json)
    security_group: QuotaDetail | None = json_field("security_group", QuotaDetail.from_json)
    security_group_rule: QuotaDetail | None = json_field("security_group_rule",
                                                         QuotaDetail.from_json)
    subnet: QuotaDetail | None = json_field("subnet", QuotaDetail.from_json)
    subnetpool: QuotaDetail | None = json_field("subnetpool", QuotaDetail.from_json)
    trunk: QuotaDetail | None = json_field("trunk", QuotaDetail.from_json)


class QuotaResult(Result):
    """A Result whose body is `{"quota": {...}}` of limits."""

    __slots__ = ()

    def extract(self) -> Quota:
        """The Quota, or raise the error the call ended with."""
        return self.extract_with(Quota.from_json, key="quota")


class GetResult(QuotaResult):
    """The result of `quotas.get`."""

    __slots__ = ()


class UpdateResult(QuotaResult):
    """The result of `quotas.update`: the limits after the change."""

    __slots__ = ()


class GetDetailResult(Result):
    """The result of `quotas.get_detail`; call `extract()` for the QuotaDetailSet."""

    __slots__ = ()

    def extract(self) -> QuotaDetailSet:
        """The QuotaDetailSet, or raise the error the call ended with."""
        return self.extract_with(QuotaDetailSet.from_json, key="quota")


class DeleteResult(ErrResult):
    """The result of `quotas.delete` (204): the project is back to the defaults."""

    __slots__ = ()
