"""Neutron security group results: the SecGroup resource, the Results of each call,
and its pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.networking.v2._neutron import NeutronPage, list_of, strings
from stackdouble.client.pagination import Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "SecGroup",
    "SecGroupPage",
    "SecGroupResult",
    "UpdateResult",
    "extract_groups",
]

from stackdouble.client.openstack.networking.v2.extensions.security.rules.results import (
    SecGroupRule,
)


class SecGroup(Resource):
    """A security group as Neutron v2.0 returns it, with its rules.

    Every project has a `default` group, made on first use, whose rules let its members
    talk to each other and let all traffic out; a new group only lets traffic out.

    Attributes:
        rules: `security_group_rules`, the group's rules.
        stateful: False for a stateless group.
    """

    __slots__ = ()

    id: str = json_field("id", default="")
    name: str = json_field("name", default="")
    description: str = json_field("description", default="")
    rules: Sequence[SecGroupRule] = json_field("security_group_rules", list_of(SecGroupRule),
                                               default=())
    stateful: bool | None = json_field("stateful", bool)
    shared: bool | None = json_field("shared", bool)
    tenant_id: str = json_field("tenant_id", default="")
    project_id: str = json_field("project_id", default="")
    tags: Sequence[str] = json_field("tags", strings, default=())
    revision_number: int | None = json_field("revision_number", int)
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)


class SecGroupResult(Result):
    """A Result whose body is `{"security_group": {...}}`."""

    __slots__ = ()

    def extract(self) -> SecGroup:
        """The SecGroup, or raise the error the call ended with."""
        return self.extract_with(SecGroup.from_json, key="security_group")


class CreateResult(SecGroupResult):
    """The result of `groups.create`: the new security group."""

    __slots__ = ()


class GetResult(SecGroupResult):
    """The result of `groups.get`; call `extract()` for the SecGroup."""

    __slots__ = ()


class UpdateResult(SecGroupResult):
    """The result of `groups.update`: the security group after the change."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `groups.delete` (204); `extract_err()` raises its error, if any."""

    __slots__ = ()


class SecGroupPage(NeutronPage):
    """A page of `groups.list`: `{"security_groups": [...], "security_groups_links": [...]}`."""

    __slots__ = ()
    resource_key = "security_groups"

    def items(self) -> list[SecGroup]:
        """The security groups on this page."""
        return extract_groups(self)


def extract_groups(page: Page) -> list[SecGroup]:
    """The security groups on one page of `groups.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(SecGroup.from_json, key="security_groups")
