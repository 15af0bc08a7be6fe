"""The fake Swift's containers (client `objectstorage/v1/containers`): created or
updated, changed and deleted as Swift's container server does (`swift/container/server.py`:
201 for a new one, 202 for an existing one, 409 for deleting a non-empty one), with their
storage policy, metadata and ACLs.
"""

from __future__ import annotations

from collections.abc import Mapping

from sortedcontainers import SortedDict  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.locking import locked
from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.models._common import (
    _apply_headers,
    _meta_of,
    _ModelBase,
    _wsgi,
)

__all__ = ["Container", "ContainersMixin"]


class Container:
    """One container.

    Attributes:
        name: The container's name.
        policy: Its storage policy's name.
        created: When it was created (raw timestamp; `X-Timestamp`).
        put_timestamp: Its last PUT or POST (`Last-Modified`, the account listing's
            `last_modified`).
        headers: Metadata and settings as Swift returns them (`X-Container-Meta-*`,
            `X-Container-Read`, `X-Container-Write`, `X-Versions-Location`, ...).
        objects: Objects by name, in Swift's order.
        bytes_used: The sum of the objects' sizes.
    """

    __slots__ = ("bytes_used", "created", "headers", "name", "objects", "policy",
                 "put_timestamp")

    def __init__(self, name: str, policy: str, timestamp: int) -> None:
        self.name = name
        self.policy = policy
        self.created = timestamp
        self.put_timestamp = timestamp
        self.headers: dict[str, str] = {}
        self.objects: SortedDict = SortedDict()
        self.bytes_used = 0

    @property
    def object_count(self) -> int:
        """How many objects it holds."""
        return len(self.objects)

    @property
    def metadata(self) -> dict[str, str]:
        """Custom metadata as `{Name: value}`."""
        return _meta_of(self.headers, "X-Container-Meta-")

    @property
    def read_acl(self) -> str | None:
        """`X-Container-Read`, or None."""
        return self.headers.get("X-Container-Read")

    @property
    def write_acl(self) -> str | None:
        """`X-Container-Write`, or None."""
        return self.headers.get("X-Container-Write")

    def __repr__(self) -> str:
        return f"<Container {self.name!r} {len(self.objects)} objects>"


class ContainersMixin(_ModelBase):
    """Containers: lookups, create or update (PUT), metadata (POST), delete."""

    @locked
    def container(self, project: str, name: str) -> Container:
        """A container.

        Raises:
            SwiftError: 404, no such container.
        """
        found = self.find_container(self.account_name(project), name)
        if found is None:
            raise SwiftError(404)
        return found

    def find_container(self, account_name: str, name: str) -> Container | None:
        """The container, or None."""
        account = self.accounts.get(account_name)
        found: Container | None = account.containers.get(name) if account is not None else None
        return found

    @locked
    def create_container(
        self,
        project: str,
        name: str,
        *,
        policy: str | None = None,
        metadata: Mapping[str, str] | None = None,
        read_acl: str | None = None,
        write_acl: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> bool:
        """Create a container, or update one that exists (Swift's PUT).

        Args:
            project: The owner.
            name: The container's name.
            policy: A storage policy's name or alias (any case); None for the default.
            metadata: Custom metadata (`{"Team": "web"}`).
            read_acl: `X-Container-Read`.
            write_acl: `X-Container-Write`.
            headers: Other settings as headers, title-cased (the handlers pass them);
                an empty value removes one.

        Returns:
            True if it was created (201), False if it existed (202).

        Raises:
            SwiftError: 400 for an unknown or deprecated policy (`choose_policy`); 409 for
                another policy than the existing container's.
        """
        account = self.account(project)
        chosen = self.choose_policy(policy)
        now = self.now()
        found = account.containers.get(name)
        created = found is None
        if found is None:
            found = Container(name, chosen.name, now)
            account.containers[name] = found
            account._count(found.policy, 1, 0, 0)
        else:
            if policy and chosen.name != found.policy:
                raise SwiftError(409)
            found.put_timestamp = now
        update = dict(headers or {})
        for key, value in (metadata or {}).items():
            update["X-Container-Meta-" + key.title()] = _wsgi(value)
        if read_acl is not None:
            update["X-Container-Read"] = read_acl
        if write_acl is not None:
            update["X-Container-Write"] = write_acl
        _apply_headers(found.headers, update)
        return created

    @locked
    def update_container(self, project: str, name: str, headers: Mapping[str, str]) -> None:
        """Set or remove (empty value) a container's metadata headers (Swift's POST, which
        also moves its `Last-Modified`: see `posted`).

        Raises:
            SwiftError: 404, no such container.
        """
        found = self.container(project, name)
        _apply_headers(found.headers, headers)
        self.posted(found)

    def posted(self, container: Container) -> None:
        """A POST reached the container: the container server's `update_put_timestamp`
        (2.38) moves its put timestamp, which `Last-Modified` and the account listing's
        `last_modified` show, to now (never back)."""
        container.put_timestamp = max(container.put_timestamp, self.now())

    @locked
    def delete_container(self, project: str, name: str) -> None:
        """Delete an empty container.

        Raises:
            SwiftError: 404, no such container; 409, it holds objects.
        """
        account = self.accounts.get(self.account_name(project))
        found = account.containers.get(name) if account is not None else None
        if account is None or found is None:
            raise SwiftError(404)
        if found.objects:
            raise SwiftError(409)
        del account.containers[name]
        account._count(found.policy, -1, 0, 0)
