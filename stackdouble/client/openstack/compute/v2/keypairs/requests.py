"""Nova keypairs: create (generate or import), list, get, delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.keypairs import urls
from stackdouble.client.openstack.compute.v2.keypairs.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    KeyPairPage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "KEYPAIR_TYPES",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "create",
    "delete",
    "get",
    "list",
]

#: Keypair types Nova knows (microversion 2.2 and later).
KEYPAIR_TYPES = ("ssh", "x509")


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `keypairs.list`."""

    def to_keypair_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Whose keypairs and which page; None fields are not sent.

    Attributes:
        user_id: Another user's keypairs (admins, 2.10 and later).
        limit: Page size (2.35 and later).
        marker: The name of the last keypair seen (2.35 and later).

    Example:
        >>> ListOpts(user_id="u1", limit=50).to_keypair_list_query()
        '?user_id=u1&limit=50'
    """

    user_id: str | None = field(default=None, metadata={"q": "user_id"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_keypair_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit.
        """
        if self.limit is not None and self.limit < 0:
            raise InvalidInput(f"limit must be >= 0, not {self.limit}", "limit")
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[KeyPairPage]:
    """List keypairs (`GET /os-keypairs`).

    Returns:
        A Pager; before 2.35 there is one page, from 2.35 it follows `keypairs_links`.
    """
    try:
        query = opts.to_keypair_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, KeyPairPage)
    return Pager(client, urls.list_url(client) + query, KeyPairPage)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `keypairs.create`."""

    def to_keypair_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A keypair to generate, or to import when `public_key` is given.

    Attributes:
        name: The keypair's name (required).
        public_key: An OpenSSH public key to import; None asks Nova to generate the pair
            (removed in 2.92, where a public key is required).
        type: `ssh` or `x509` (2.2 and later).
        user_id: Create it for another user (admins, 2.10 and later).

    Example:
        >>> CreateOpts(name="deploy", public_key="ssh-ed25519 AAAA", type="ssh"
        ...            ).to_keypair_create_map()
        {'keypair': {'name': 'deploy', 'public_key': 'ssh-ed25519 AAAA', 'type': 'ssh'}}
    """

    name: str
    public_key: str | None = None
    type: str | None = None
    user_id: str | None = None

    def to_keypair_create_map(self) -> dict[str, Any]:
        """`{"keypair": {...}}`.

        Raises:
            InvalidInput: An empty name, or a type other than ssh or x509.
        """
        if not self.name:
            raise InvalidInput("a keypair needs a name", "name")
        if self.type is not None and self.type not in KEYPAIR_TYPES:
            raise InvalidInput(f"type must be ssh or x509, not {self.type!r}", "type")
        keypair: dict[str, Any] = {"name": self.name}
        for key, value in (
            ("public_key", self.public_key), ("type", self.type), ("user_id", self.user_id)
        ):
            if value is not None:
                keypair[key] = value
        return {"keypair": keypair}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Generate or import a keypair (`POST /os-keypairs`; 200 before 2.2, then 201).

    Returns:
        A CreateResult; `extract().private_key` holds the private key when Nova generated
        the pair. Store it: Nova keeps no copy.
    """
    try:
        body = opts.to_keypair_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(200, 201))


def get(client: ServiceClient, name: str, *, user_id: str | None = None) -> GetResult:
    """Get one keypair (`GET /os-keypairs/{name}`); `user_id` for another user's (2.10)."""
    return GetResult.request(client, "GET", urls.get_url(client, name, user_id))


def delete(client: ServiceClient, name: str, *, user_id: str | None = None) -> DeleteResult:
    """Delete a keypair (`DELETE /os-keypairs/{name}`; 202 before 2.2, then 204)."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, name, user_id))
