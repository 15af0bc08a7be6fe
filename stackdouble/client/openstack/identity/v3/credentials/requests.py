"""Keystone v3 credentials: list, get, create, update, delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3._body import to_body
from stackdouble.client.openstack.identity.v3.credentials import urls
from stackdouble.client.openstack.identity.v3.credentials.results import (
    CreateResult,
    CredentialPage,
    DeleteResult,
    GetResult,
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
    """Anything that renders the query of `credentials.list`."""

    def to_credential_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Exact-match filters for `list`; None fields are not sent. Keystone also leaves out
    the credentials the token may not read (a member sees only its own)."""

    user_id: str | None = field(default=None, metadata={"q": "user_id"})
    type: str | None = field(default=None, metadata={"q": "type"})

    def to_credential_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `credentials.create`."""

    def to_credential_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new credential. An `ec2` one needs `project_id` and a `blob` that is the JSON of
    an object with an `access` key (Keystone makes its id the sha256 of that key).

    Attributes:
        extra: More attributes, stored and given back as they are.
    """

    type: str
    user_id: str
    blob: str = field(repr=False)
    project_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_credential_create_map(self) -> dict[str, Any]:
        """The request body: `{"credential": {...}}`, None fields left out."""
        return to_body(self, "credential")


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `credentials.update`."""

    def to_credential_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` sends: Keystone 30 lets only the blob change (any other attribute is
    a 400, "Additional properties are not allowed")."""

    blob: str = field(repr=False)

    def to_credential_update_map(self) -> dict[str, Any]:
        """The request body: `{"credential": {"blob": ...}}`."""
        return to_body(self, "credential")


def list(client: ServiceClient, opts: ListOptsBuilder | None = None
         ) -> Pager[CredentialPage]:
    """List the credentials the token may read (`GET /v3/credentials`).

    Returns:
        A Pager; nothing is sent until it is iterated.
    """
    try:
        query = opts.to_credential_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, CredentialPage)
    return Pager(client, urls.list_url(client) + query, CredentialPage)


def get(client: ServiceClient, credential_id: str) -> GetResult:
    """Get one credential; `extract()` gives it.

    Keystone checks the policy before it looks: a member asking for a credential that is
    not there (or not its own) gets `Forbidden`, an admin `NotFound`.
    """
    return GetResult.request(client, "GET", urls.resource_url(client, credential_id))


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a credential (`POST /v3/credentials`); `extract()` gives it.

    A bad body (an ec2 blob that is not JSON, or without `access`) surfaces as
    `BadRequest`, a credential for another user (as a member) as `Forbidden`, an ec2 access
    key already in use as `Conflict`, all from `extract()`.
    """
    try:
        body = opts.to_credential_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client), json=body,
                                ok_codes=(201,))


def update(client: ServiceClient, credential_id: str, opts: UpdateOptsBuilder
           ) -> UpdateResult:
    """Change a credential's blob (`PATCH /v3/credentials/{id}`); `extract()` gives it."""
    try:
        body = opts.to_credential_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.resource_url(client, credential_id),
                                json=body, ok_codes=(200,))


def delete(client: ServiceClient, credential_id: str) -> DeleteResult:
    """Delete a credential (an ec2 one stops signing at once); `extract_err()` raises on
    failure."""
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, credential_id),
                                ok_codes=(204,))
