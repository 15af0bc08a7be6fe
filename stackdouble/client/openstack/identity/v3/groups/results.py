"""Keystone v3 group results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._errors import NotFound
from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Group",
    "GroupPage",
    "MembershipResult",
    "UpdateResult",
    "extract_groups",
]

_KNOWN = frozenset({'id', 'name', 'domain_id', 'description', "links"})


@dataclass(slots=True, kw_only=True)
class Group:
    """A group as Keystone returns it; attributes Keystone does not define are in `extra`."""

    id: str
    name: str
    domain_id: str | None = None
    description: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Group:
        """A Group from Keystone's JSON."""
        return cls(
            id=raw['id'],
            name=raw['name'],
            domain_id=raw.get('domain_id'),
            description=raw.get('description'),
            extra={k: v for k, v in raw.items() if k not in _KNOWN},
        )


class GetResult(Result):
    """The result of `groups.get`; `extract()` gives the Group."""

    __slots__ = ()

    def extract(self) -> Group:
        """The Group, or raise the error the call ended with."""
        return self.extract_with(Group.from_json, key="group")


class CreateResult(GetResult):
    """The result of `groups.create`; `extract()` gives the new Group."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `groups.update`; `extract()` gives the updated Group."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `groups.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class MembershipResult(ErrResult):
    """The result of `add_user`, `remove_user` and `check_user`.

    `extract_err()` raises on failure; `extract()` tells whether the user is a member (a
    404 means not), for `check_user`.
    """

    __slots__ = ()

    def extract(self) -> bool:
        """True on success, False when Keystone answered 404; other errors raise."""
        if isinstance(self.err, NotFound):
            return False
        self.raise_for_error()
        return True


class GroupPage(LinkedPage):
    """A page of groups; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "groups"
    link_path = ("links", "next")

    def items(self) -> list[Group]:
        """The groups on this page."""
        return extract_groups(self)


def extract_groups(page: Page) -> list[Group]:
    """The groups on one page of a listing."""
    return page.extract_list_with(Group.from_json, key="groups")
