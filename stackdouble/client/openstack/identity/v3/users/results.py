"""Keystone v3 user results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "ChangePasswordResult",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "UpdateResult",
    "User",
    "UserPage",
    "extract_users",
]

_KNOWN = frozenset({"id", "name", "domain_id", "enabled", "default_project_id", "description",
                    "email", "password_expires_at", "options", "links"})


@dataclass(slots=True, kw_only=True)
class User:
    """A user as Keystone returns it; attributes Keystone does not define are in `extra`."""

    id: str
    name: str
    domain_id: str | None = None
    enabled: bool = True
    default_project_id: str | None = None
    description: str | None = None
    email: str | None = None
    password_expires_at: datetime | None = None
    options: Mapping[str, Any] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> User:
        """A User from Keystone's JSON."""
        return cls(
            id=raw['id'],
            name=raw['name'],
            domain_id=raw.get('domain_id'),
            enabled=bool(raw.get('enabled', True)),
            default_project_id=raw.get('default_project_id'),
            description=raw.get('description'),
            email=raw.get('email'),
            password_expires_at=parse_time(raw.get('password_expires_at')),
            options=raw.get('options'),
            extra={k: v for k, v in raw.items() if k not in _KNOWN},
        )


class GetResult(Result):
    """The result of `users.get`; `extract()` gives the User."""

    __slots__ = ()

    def extract(self) -> User:
        """The User, or raise the error the call ended with."""
        return self.extract_with(User.from_json, key="user")


class CreateResult(GetResult):
    """The result of `users.create`; `extract()` gives the new User."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `users.update`; `extract()` gives the updated User."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `users.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class ChangePasswordResult(ErrResult):
    """The result of `users.change_password`; `extract_err()` raises on failure."""

    __slots__ = ()


class UserPage(LinkedPage):
    """A page of users; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "users"
    link_path = ("links", "next")

    def items(self) -> list[User]:
        """The users on this page."""
        return extract_users(self)


def extract_users(page: Page) -> list[User]:
    """The users on one page of a listing."""
    return page.extract_list_with(User.from_json, key="users")
