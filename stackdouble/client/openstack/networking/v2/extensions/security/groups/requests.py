"""Neutron security groups: list (filters, paging, `fields=`), get, create, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.networking.v2._neutron import (
    TaggedPagingOpts,
    fields_query,
    list_query,
    request_body,
    revision_header,
)
from stackdouble.client.openstack.networking.v2.extensions.security.groups import urls
from stackdouble.client.openstack.networking.v2.extensions.security.groups.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    SecGroupPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `groups.list`."""

    def to_sec_group_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts(TaggedPagingOpts):
    """Filters, sorting, paging and `fields=` for `list`; None fields are not sent.

    Besides these filters, the options of `TaggedPagingOpts`:
    `limit`, `marker`, `sort_key`, `sort_dir`, `fields`, `revision_number`,
    `tags`, `tags_any`, `not_tags`, `not_tags_any`.

    Example:
        >>> ListOpts(name="default", project_id="e4f50856").to_sec_group_list_query()
        '?name=default&project_id=e4f50856'
    """

    id: str | None = field(default=None, metadata={"q": "id"})
    name: str | None = field(default=None, metadata={"q": "name"})
    description: str | None = field(default=None, metadata={"q": "description"})
    stateful: bool | None = field(default=None, metadata={"q": "stateful"})
    tenant_id: str | None = field(default=None, metadata={"q": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})

    def to_sec_group_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, unpaired sort keys and directions, a bad
                direction or an empty tag (what Neutron answers with a 400).
        """
        return list_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[SecGroupPage]:
    """List the security groups the project may see, one request a page when `limit` is given
    (or Neutron caps pages).

    Args:
        client: A Networking v2 client from `openstack.new_networking_v2`.
        opts: Filters, sorting, paging, `fields=`; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option surfaces as the first
        page's error; a sort key Neutron does not sort by is a 400 BadRequest there.
    """
    try:
        query = opts.to_sec_group_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, SecGroupPage)
    return Pager(client, urls.list_url(client) + query, SecGroupPage)


def get(client: ServiceClient, group_id: str, *,
        fields: Sequence[str] | None = None) -> GetResult:
    """Get one security group (`GET /v2.0/security-groups/{group_id}`); `fields` selects attributes.

    One the project may not see is a 404 NotFound.
    """
    return GetResult.request(client, "GET", urls.get_url(client, group_id)
                             + fields_query(fields), ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `groups.create`."""

    def to_sec_group_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new security group; None fields are not sent (Neutron's defaults apply).

    The new group has two rules, egress to anywhere over IPv4 and IPv6.

    Example:
        >>> CreateOpts(name="web", description="HTTP in").to_sec_group_create_map()
        {'security_group': {'name': 'web', 'description': 'HTTP in'}}
    """

    name: str = field(metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    stateful: bool | None = field(default=None, metadata={"json": "stateful"})
    tenant_id: str | None = field(default=None, metadata={"json": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"json": "project_id"})

    def to_sec_group_create_map(self) -> dict[str, Any]:
        """`{"security_group": {...}}`."""
        return request_body(self, "security_group")


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a security group (`POST /v2.0/security-groups`, 201).

    Returns:
        A CreateResult; `extract()` gives the new SecGroup. Over the project's quota is a
        409 Conflict (`OverQuota`).
    """
    try:
        body = opts.to_sec_group_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(201,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `groups.update`."""

    def to_sec_group_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """Changes to a security group; None fields are left as they are.

    The `default` group cannot be renamed (a 409 Conflict).

    Attributes:
        revision_number: Apply only if the security group is still at this revision (sent as
            `If-Match: revision_number=<n>`; otherwise a 412 PreconditionFailed).

    Example:
        >>> UpdateOpts(description="").to_sec_group_update_map()
        {'security_group': {'description': ''}}
    """

    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    stateful: bool | None = field(default=None, metadata={"json": "stateful"})
    revision_number: int | None = None

    def to_sec_group_update_map(self) -> dict[str, Any]:
        """`{"security_group": {...}}`."""
        return request_body(self, "security_group")


def update(client: ServiceClient, group_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a security group (`PUT /v2.0/security-groups/{group_id}`, 200).

    Returns:
        An UpdateResult; `extract()` gives the SecGroup after the change. A stale
        `revision_number` is a 412 PreconditionFailed; a missing security group a 404 NotFound.
    """
    try:
        body = opts.to_sec_group_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, group_id), json=body,
                                headers=revision_header(getattr(opts, "revision_number", None)),
                                ok_codes=(200,))


def delete(client: ServiceClient, group_id: str) -> DeleteResult:
    """Delete a security group (`DELETE /v2.0/security-groups/{group_id}`, 204); a missing one is a
    404 NotFound. A group in use by a port is a 409 Conflict (`SecurityGroupInUse`);
    the `default` group cannot be deleted by its project (a 409 Conflict).
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, group_id),
                                ok_codes=(204,))
