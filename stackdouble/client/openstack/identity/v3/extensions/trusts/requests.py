"""Keystone OS-TRUST trusts: create (as the trustor), list, get, delete, and the roles a trust
delegates (list, get, check). A trust-scoped token is had with `AuthOptions(trust_id=...)`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.extensions.trusts import urls
from stackdouble.client.openstack.identity.v3.extensions.trusts.results import (
    CheckRoleResult,
    CreateResult,
    DeleteResult,
    GetResult,
    GetRoleResult,
    RolesPage,
    TrustPage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "check_role",
    "create",
    "delete",
    "get",
    "get_role",
    "list",
    "list_roles",
]


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `trusts.create`."""

    def to_trust_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends.

    Attributes:
        trustor_user_id: The caller's own user id (Keystone refuses any other).
        trustee_user_id: Who may use the trust.
        impersonation: Whether the trustee's tokens show the trustor as their user.
        project_id: The project delegated on; with it, `roles` or `role_ids` is required.
        roles: Role names the trustor holds on the project (implied ones count).
        role_ids: Role ids, likewise.
        expires_at: None never expires; sent in UTC.
        remaining_uses: How many tokens the trust may issue; None: no limit.
        allow_redelegation: Whether the trustee may create trusts from it.
        redelegation_count: How deep redelegation may go (None: Keystone's maximum, 3).
    """

    trustor_user_id: str
    trustee_user_id: str
    impersonation: bool = False
    project_id: str | None = None
    roles: Sequence[str] | None = None
    role_ids: Sequence[str] | None = None
    expires_at: datetime | None = None
    remaining_uses: int | None = None
    allow_redelegation: bool | None = None
    redelegation_count: int | None = None

    def to_trust_create_map(self) -> dict[str, Any]:
        """`{"trust": {...}}`, None fields left out."""
        body: dict[str, Any] = {"trustor_user_id": self.trustor_user_id,
                                "trustee_user_id": self.trustee_user_id,
                                "impersonation": self.impersonation}
        for key in ("project_id", "remaining_uses", "allow_redelegation",
                    "redelegation_count"):
            value = getattr(self, key)
            if value is not None:
                body[key] = value
        roles = [{"name": r} for r in self.roles or ()]
        roles += [{"id": r} for r in self.role_ids or ()]
        if roles:
            body["roles"] = roles
        if self.expires_at is not None:
            when = self.expires_at
            if when.tzinfo is not None:
                when = when.astimezone(timezone.utc).replace(tzinfo=None)
            body["expires_at"] = when.isoformat(timespec="microseconds") + "Z"
        return {"trust": body}


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `trusts.list`."""

    def to_trust_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters for `list`; None fields are not sent. Without either, only an admin (or a
    system reader) may list, and sees every trust."""

    trustor_user_id: str | None = field(default=None, metadata={"q": "trustor_user_id"})
    trustee_user_id: str | None = field(default=None, metadata={"q": "trustee_user_id"})

    def to_trust_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a trust as its trustor (`POST /v3/OS-TRUST/trusts`).

    Returns:
        A CreateResult. Another trustor surfaces as `Forbidden`, a role the trustor lacks
        or an unknown trustee as `NotFound`, a bad expiry or use count as `BadRequest`.
    """
    try:
        body = opts.to_trust_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[TrustPage]:
    """Trusts (`GET /v3/OS-TRUST/trusts`), without their roles.

    Returns:
        A Pager; a user listing someone else's trusts surfaces as the first page's
        `Forbidden`.
    """
    try:
        query = opts.to_trust_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, TrustPage)
    return Pager(client, urls.list_url(client) + query, TrustPage)


def get(client: ServiceClient, trust_id: str) -> GetResult:
    """One trust with its roles; an expired or used-up trust surfaces as `NotFound`."""
    return GetResult.request(client, "GET", urls.resource_url(client, trust_id))


def delete(client: ServiceClient, trust_id: str) -> DeleteResult:
    """Delete a trust (trustor or admin); its tokens stop working at once."""
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, trust_id),
                                ok_codes=(204,))


def list_roles(client: ServiceClient, trust_id: str) -> Pager[RolesPage]:
    """The roles a trust delegates (`GET /v3/OS-TRUST/trusts/{id}/roles`)."""
    return Pager(client, urls.list_roles_url(client, trust_id), RolesPage)


def get_role(client: ServiceClient, trust_id: str, role_id: str) -> GetRoleResult:
    """One role a trust delegates; a role it does not surfaces as `NotFound`."""
    return GetRoleResult.request(client, "GET", urls.role_url(client, trust_id, role_id))


def check_role(client: ServiceClient, trust_id: str, role_id: str) -> CheckRoleResult:
    """Whether a trust delegates a role (`HEAD .../roles/{role_id}`): `extract()` is a bool."""
    return CheckRoleResult.request(client, "HEAD", urls.role_url(client, trust_id, role_id),
                                   ok_codes=(200,))
