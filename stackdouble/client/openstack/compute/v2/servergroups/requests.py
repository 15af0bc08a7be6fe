"""Nova server groups: create, list, get, delete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.servergroups import urls
from stackdouble.client.openstack.compute.v2.servergroups.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    ServerGroupPage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "POLICIES",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "Rules",
    "create",
    "delete",
    "get",
    "list",
]

#: The policies Nova knows: the soft ones from 2.15.
POLICIES = ("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity")


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `servergroups.list`."""

    def to_server_group_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Whose groups and which slice; None fields are not sent.

    Attributes:
        all_projects: Every project's groups (admins; others get their own).
        limit: At most this many.
        offset: Skip this many first.

    Example:
        >>> ListOpts(all_projects=True, limit=10).to_server_group_list_query()
        '?all_projects=true&limit=10'
    """

    all_projects: bool | None = field(default=None, metadata={"q": "all_projects"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})

    def to_server_group_list_query(self) -> str:
        """The query string, with a leading `?` when not empty. `all_projects=False` is
        not sent: Nova reads the parameter's presence.

        Raises:
            InvalidInput: A negative limit or offset.
        """
        for name in ("limit", "offset"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise InvalidInput(f"{name} must be >= 0, not {value}", name)
        if self.all_projects is False:
            return build_query(ListOpts(limit=self.limit, offset=self.offset))
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None
         ) -> Pager[ServerGroupPage]:
    """List server groups (`GET /os-server-groups`), in one page.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import servergroups
        >>> opts = servergroups.CreateOpts(name="db", policies=["affinity"])
        >>> group = servergroups.create(compute, opts).extract()
        >>> [g.name for g in servergroups.list(compute).items()]
        ['db']
    """
    try:
        query = opts.to_server_group_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ServerGroupPage)
    return Pager(client, urls.list_url(client) + query, ServerGroupPage)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    """Rules of an anti-affinity group (2.64 and later).

    Attributes:
        max_server_per_host: How many of its servers one host may hold.
    """

    max_server_per_host: int | None = None

    def to_map(self) -> dict[str, int]:
        """`{"max_server_per_host": n}`, None left out."""
        if self.max_server_per_host is None:
            return {}
        return {"max_server_per_host": self.max_server_per_host}


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `servergroups.create`."""

    def to_server_group_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new server group: a `policy` (2.64 and later) or `policies` (before 2.64).

    Attributes:
        name: The group's name (required).
        policy: One of `POLICIES` (2.64 and later).
        policies: A one-item list of a policy (before 2.64).
        rules: Rules of an anti-affinity group, as `Rules` or a mapping (2.64 and later).

    Example:
        >>> CreateOpts(name="web", policy="anti-affinity",
        ...            rules=Rules(max_server_per_host=2)).to_server_group_create_map()
        {'server_group': {'name': 'web', 'policy': 'anti-affinity', 'rules': {'max_server_per_host': 2}}}
        >>> CreateOpts(name="db", policies=["affinity"]).to_server_group_create_map()
        {'server_group': {'name': 'db', 'policies': ['affinity']}}
    """  # noqa: E501

    name: str
    policy: str | None = None
    policies: Sequence[str] | None = None
    rules: Rules | Mapping[str, int] | None = None

    def to_server_group_create_map(self) -> dict[str, Any]:
        """The body of `POST /os-server-groups`.

        Raises:
            InvalidInput: No name; both or neither of `policy` and `policies`; or `rules`
                without `policy`.
        """
        if not self.name:
            raise InvalidInput("a server group needs a name", "name")
        if (self.policy is None) == (self.policies is None):
            raise InvalidInput("give either policy (2.64 and later) or policies (before "
                               "2.64)", "policy")
        group: dict[str, Any] = {"name": self.name}
        if self.policy is not None:
            group["policy"] = self.policy
        else:
            group["policies"] = [*(self.policies or ())]
        if self.rules is not None:
            if self.policy is None:
                raise InvalidInput("rules go with policy (2.64 and later)", "rules")
            group["rules"] = (self.rules.to_map() if isinstance(self.rules, Rules)
                              else dict(self.rules))
        return {"server_group": group}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a server group (`POST /os-server-groups`, 200).

    Boot servers into it with the `group` scheduler hint (`schedulerhints`). A bad option
    becomes the Result's error and nothing is sent.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import servergroups
        >>> opts = servergroups.CreateOpts(name="web", policies=["anti-affinity"])
        >>> servergroups.create(compute, opts).extract().policy
        'anti-affinity'
    """
    try:
        body = opts.to_server_group_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(200,))


def get(client: ServiceClient, group_id: str) -> GetResult:
    """One server group (`GET /os-server-groups/{group_id}`), with its live members."""
    return GetResult.request(client, "GET", urls.get_url(client, group_id), ok_codes=(200,))


def delete(client: ServiceClient, group_id: str) -> DeleteResult:
    """Delete a server group (`DELETE /os-server-groups/{group_id}`, 204); its servers
    stay."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, group_id),
                                ok_codes=(204,))
