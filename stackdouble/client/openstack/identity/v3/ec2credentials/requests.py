"""Keystone OS-EC2 credentials of a user: list, get, create, delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.ec2credentials import urls
from stackdouble.client.openstack.identity.v3.ec2credentials.results import (
    CreateResult,
    CredentialPage,
    DeleteResult,
    GetResult,
)
from stackdouble.client.pagination import Pager

__all__ = ["CreateOpts", "CreateOptsBuilder", "create", "delete", "get", "list"]


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `ec2credentials.create`."""

    def to_credential_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new pair for the project `tenant_id` (Keystone picks the access key and secret)."""

    tenant_id: str

    def to_credential_create_map(self) -> dict[str, Any]:
        """The request body: `{"tenant_id": ...}` (not wrapped)."""
        return {"tenant_id": self.tenant_id}


def list(client: ServiceClient, user_id: str) -> Pager[CredentialPage]:
    """List a user's EC2 credentials, secrets included
    (`GET /v3/users/{user_id}/credentials/OS-EC2`).

    Returns:
        A Pager; nothing is sent until it is iterated.
    """
    return Pager(client, urls.list_url(client, user_id), CredentialPage)


def get(client: ServiceClient, user_id: str, access: str) -> GetResult:
    """Get one of a user's EC2 credentials by its access key; an unknown key surfaces as
    `NotFound` from `extract()`."""
    return GetResult.request(client, "GET", urls.resource_url(client, user_id, access))


def create(client: ServiceClient, user_id: str, opts: CreateOptsBuilder) -> CreateResult:
    """Make a new access key and secret for a user and a project; `extract()` gives them.

    An unknown project or user surfaces as `NotFound`, another user's (as a member) as
    `Forbidden`.
    """
    try:
        body = opts.to_credential_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.list_url(client, user_id), json=body,
                                ok_codes=(201,))


def delete(client: ServiceClient, user_id: str, access: str) -> DeleteResult:
    """Delete one of a user's EC2 credentials by its access key; `extract_err()` raises on
    failure."""
    return DeleteResult.request(client, "DELETE", urls.resource_url(client, user_id, access),
                                ok_codes=(204,))
