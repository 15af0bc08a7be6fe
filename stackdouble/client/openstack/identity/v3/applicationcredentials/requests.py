"""Keystone v3 application credentials: create (the secret is shown once), list, get,
delete. They belong to a user and are scoped to the project of the token that made them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.applicationcredentials import urls
from stackdouble.client.openstack.identity.v3.applicationcredentials.results import (
    AccessRule,
    AccessRulePage,
    ApplicationCredentialPage,
    CreateResult,
    DeleteAccessRuleResult,
    DeleteResult,
    GetAccessRuleResult,
    GetResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListAccessRulesOpts",
    "ListAccessRulesOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "create",
    "delete",
    "delete_access_rule",
    "get",
    "get_access_rule",
    "list",
    "list_access_rules",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `applicationcredentials.list`."""

    def to_application_credential_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters for `list`; None fields are not sent."""

    name: str | None = field(default=None, metadata={"q": "name"})

    def to_application_credential_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `applicationcredentials.create`."""

    def to_application_credential_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What `create` sends.

    Attributes:
        name: Unique for the user.
        secret: None lets Keystone generate one (returned once, by `create`).
        roles: Role names or ids, a subset of the token's roles; None takes all of them.
            Keystone adds the roles they imply.
        expires_at: None never expires.
        unrestricted: Whether the credential may create more credentials (dangerous).
        access_rules: The only requests its tokens may make: `AccessRule`s (or their
            mappings); None or empty leaves its tokens unrestricted.
    """

    name: str
    description: str | None = None
    secret: str | None = field(default=None, repr=False)
    roles: Sequence[str] | None = None
    role_ids: Sequence[str] | None = None
    expires_at: datetime | None = None
    unrestricted: bool | None = None
    access_rules: Sequence[AccessRule | Mapping[str, Any]] | None = None

    def to_application_credential_create_map(self) -> dict[str, Any]:
        """`{"application_credential": {...}}`, None fields left out."""
        body: dict[str, Any] = {"name": self.name}
        for key in ("description", "secret", "unrestricted"):
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
        if self.access_rules is not None:
            body["access_rules"] = [rule.to_map() if isinstance(rule, AccessRule) else dict(rule)
                                    for rule in self.access_rules]
        return {"application_credential": body}


def create(client: ServiceClient, user_id: str, opts: CreateOptsBuilder) -> CreateResult:
    """Create an application credential for the token's own user
    (`POST /v3/users/{id}/application_credentials`).

    Returns:
        A CreateResult whose `extract().secret` is the secret: Keystone never shows it again.
        A role the token lacks surfaces as `BadRequest`, another user's id as `Forbidden`.
    """
    try:
        body = opts.to_application_credential_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client, user_id), json=body,
                                ok_codes=(201,))


def list(client: ServiceClient, user_id: str, opts: ListOptsBuilder | None = None
         ) -> Pager[ApplicationCredentialPage]:
    """A user's application credentials (`GET /v3/users/{id}/application_credentials`)."""
    try:
        query = opts.to_application_credential_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ApplicationCredentialPage)
    return Pager(client, urls.list_url(client, user_id) + query, ApplicationCredentialPage)


def get(client: ServiceClient, user_id: str, application_credential_id: str) -> GetResult:
    """One application credential, without its secret."""
    return GetResult.request(client, "GET",
                             urls.resource_url(client, user_id, application_credential_id))


def delete(client: ServiceClient, user_id: str, application_credential_id: str) -> DeleteResult:
    """Delete an application credential; the tokens it issued stop working."""
    return DeleteResult.request(
        client, "DELETE", urls.resource_url(client, user_id, application_credential_id),
        ok_codes=(204,))


class ListAccessRulesOptsBuilder(Protocol):
    """Anything that renders the query of `applicationcredentials.list_access_rules`."""

    def to_access_rule_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListAccessRulesOpts:
    """Exact-match filters for `list_access_rules`; None fields are not sent."""

    service: str | None = field(default=None, metadata={"q": "service"})
    path: str | None = field(default=None, metadata={"q": "path"})
    method: str | None = field(default=None, metadata={"q": "method"})

    def to_access_rule_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def list_access_rules(client: ServiceClient, user_id: str,
                      opts: ListAccessRulesOptsBuilder | None = None) -> Pager[AccessRulePage]:
    """A user's access rules (`GET /v3/users/{id}/access_rules`): the user's own token or
    a system reader's; another user's (even as a project admin) is `Forbidden`."""
    try:
        query = opts.to_access_rule_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, AccessRulePage)
    return Pager(client, urls.access_rules_url(client, user_id) + query, AccessRulePage)


def get_access_rule(client: ServiceClient, user_id: str, access_rule_id: str
                    ) -> GetAccessRuleResult:
    """One of a user's access rules; another user's surfaces as `NotFound`."""
    return GetAccessRuleResult.request(client, "GET",
                                       urls.access_rule_url(client, user_id, access_rule_id))


def delete_access_rule(client: ServiceClient, user_id: str, access_rule_id: str
                       ) -> DeleteAccessRuleResult:
    """Delete one of a user's access rules. Deleting a credential keeps its rules; a rule
    a credential still uses surfaces as `Forbidden` ("May not delete access rule in use")."""
    return DeleteAccessRuleResult.request(
        client, "DELETE", urls.access_rule_url(client, user_id, access_rule_id),
        ok_codes=(204,))
