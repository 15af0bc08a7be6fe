"""Keystone's groups and their members (the fake of `client/openstack/identity/v3/groups/`).

Role assignments to a group reach its members. Keystone's rules live in
`keystone/identity/core.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from stackdouble.fakes.identity.errors import (
    Conflict,
    NotFound,
)
from stackdouble.fakes.identity.models._common import (
    DEFAULT_DOMAIN_ID,
    _ModelBase,
    _page,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.domains import Domain
    from stackdouble.fakes.identity.models.users import User


__all__ = ["Group", "GroupsMixin"]

@dataclass(slots=True, kw_only=True)
class Group:
    """A Keystone group of users; role assignments to it reach its members."""

    id: str
    name: str
    domain_id: str
    description: str | None = None


class GroupsMixin(_ModelBase):
    """`IdentityModel`'s groups and memberships."""

    def find_group(self, ref: str | Group, domain: str | Domain | None = None) -> Group:
        """A group by id, or by name (in `domain`, default Default).

        Raises:
            LookupError: No such group.
        """
        return self._find(self.groups, Group, "group", ref, domain)

    def get_group(self, group_id: str) -> Group:
        """A group by id. Raises: NotFound "Could not find group: <id>."."""
        return cast(Group, self._get(self.groups, "group", group_id))

    @locked
    def create_group(self, name: str, *, domain_id: str = DEFAULT_DOMAIN_ID,
                     description: str | None = None) -> Group:
        """Add a group.

        Raises:
            Conflict: A group of that name exists in the domain (also a ValueError).
            LookupError: Unknown domain.
        """
        domain = self.find_domain(domain_id)
        if any(g.name == name and g.domain_id == domain.id for g in self.groups.values()):
            raise Conflict("group", f"Duplicate entry found with name {name} at domain ID "
                           f"{domain.id}")
        group = Group(id=self._ids.hex32(), name=name, domain_id=domain.id,
                      description=description)
        self.groups[group.id] = group
        self._group_ids.add(group.id)
        self.group_members[group.id] = set()
        return group

    @locked
    def update_group(self, group_id: str, *, name: str | None = None,
                     description: str | object | None = ...) -> Group:
        """Rename or describe a group.

        Raises:
            NotFound: No such group.
            Conflict: Another group of the domain has that name.
        """
        group = self.get_group(group_id)
        if name is not None and name != group.name:
            if any(g.name == name and g.domain_id == group.domain_id and g.id != group.id
                   for g in self.groups.values()):
                raise Conflict("group", f"Duplicate entry found with name {name} at domain ID "
                               f"{group.domain_id}")
            group.name = name
        if description is not ...:
            group.description = cast("str | None", description)
        return group

    @locked
    def delete_group(self, group_id: str) -> None:
        """Delete a group and its role assignments (its members lose those roles).

        Raises:
            NotFound: No such group.
        """
        self.get_group(group_id)
        self._remove_group(group_id)

    def _remove_group(self, group_id: str) -> None:
        del self.groups[group_id]
        self._group_ids.discard(group_id)
        for entry in list(self._assignments_by_actor.get(group_id, ())):
            self._drop_assignment(entry)
        for user_id in self.group_members.pop(group_id, set()):
            self.user_groups.get(user_id, set()).discard(group_id)
        self._stamp += 1

    @locked
    def add_user_to_group(self, user: str | User, group: str | Group) -> None:
        """Make a user a member of a group (again is harmless)."""
        user_id, group_id = self.find_user(user).id, self.find_group(group).id
        self.group_members.setdefault(group_id, set()).add(user_id)
        self.user_groups.setdefault(user_id, set()).add(group_id)
        self._stamp += 1

    @locked
    def remove_user_from_group(self, user_id: str, group_id: str) -> None:
        """Take a user out of a group.

        Raises:
            NotFound: "User '<user>' not found in group '<group>'".
        """
        if user_id not in self.group_members.get(group_id, ()):
            raise NotFound(f"User '{user_id}' not found in group '{group_id}'")
        self.group_members[group_id].discard(user_id)
        self.user_groups.get(user_id, set()).discard(group_id)
        self._stamp += 1

    def is_member(self, user_id: str, group_id: str) -> bool:
        """Whether a user is in a group."""
        return user_id in self.group_members.get(group_id, ())

    def list_groups(self, *, marker: str | None = None, limit: int | None = None,
                    filters: dict[str, Any] | None = None) -> list[Group]:
        """Groups sorted by id, after `marker`, at most `limit`, matching `filters`.

        Raises:
            NotFound: `marker` is not a group id.
        """
        from stackdouble.fakes.identity.errors import MarkerNotFound

        if marker is not None and marker not in self.groups:
            raise MarkerNotFound(marker)
        return _page((self.groups[i] for i in self._group_ids.after(marker)), limit,
                     filters or {})

