"""Keystone's domains (the fake of `client/openstack/identity/v3/domains/`).

A domain holds projects, users, groups and domain roles; deleting one (disabled first, as
Keystone asks) takes them all. Keystone's rules live in `keystone/resource/core.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from stackdouble.fakes.identity.errors import (
    Conflict,
    Forbidden,
)
from stackdouble.fakes.identity.models._common import (
    _ModelBase,
    _page,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    pass


__all__ = ["Domain", "DomainsMixin"]

@dataclass(slots=True, kw_only=True)
class Domain:
    """A Keystone domain."""

    id: str
    name: str
    enabled: bool = True
    description: str = ""
    tags: list[str] = field(default_factory=list)


class DomainsMixin(_ModelBase):
    """`IdentityModel`'s domains."""

    def find_domain(self, ref: str | Domain) -> Domain:
        """A domain by id or name (or the `Domain` itself).

        Raises:
            LookupError: No such domain.
        """
        return self._find(self.domains, Domain, "domain", ref)

    def domain_by_name(self, name: str) -> Domain | None:
        """The domain called `name`, or None."""
        for domain in self.domains.values():
            if domain.name == name:
                return domain
        return None

    @locked
    def create_domain(self, name: str, *, enabled: bool = True, description: str = "",
                      domain_id: str | None = None, tags: Sequence[str] = ()) -> Domain:
        """Add a domain.

        Raises:
            Conflict: A domain of that name (or id) exists (also a ValueError).
        """
        if self.domain_by_name(name) is not None or (domain_id and domain_id in self.domains):
            raise Conflict("project", "it is not permitted to have two projects acting as "
                           f"domains with the same name: {name}")
        domain = Domain(id=domain_id or self._ids.hex32(), name=name, enabled=enabled,
                        description=description, tags=list(tags))
        self.domains[domain.id] = domain
        self._domain_ids.add(domain.id)
        return domain

    def domains_for_user(self, user_id: str) -> list[Domain]:
        """Domains the user has a role on (directly or through a group), sorted by id."""
        ids = self._targets_for_user(user_id, "domain")
        return [self.domains[d] for d in sorted(ids) if d in self.domains]

    def get_domain(self, domain_id: str) -> Domain:
        """A domain by id. Raises: NotFound "Could not find domain: <id>."."""
        return cast(Domain, self._get(self.domains, "domain", domain_id))

    @locked
    def update_domain(self, domain_id: str, *, name: str | None = None,
                      description: str | None = None, enabled: bool | None = None,
                      tags: Sequence[str] | None = None) -> Domain:
        """Change a domain; disabling it invalidates the tokens of its users and projects.

        Raises:
            NotFound: No such domain.
            Conflict: Another domain has that name.
        """
        domain = self.get_domain(domain_id)
        if name is not None and name != domain.name:
            other = self.domain_by_name(name)
            if other is not None and other.id != domain.id:
                raise Conflict("project", "it is not permitted to have two projects acting as "
                               f"domains with the same name: {name}")
            domain.name = name
        if description is not None:
            domain.description = description
        if tags is not None:
            domain.tags = list(tags)
        if enabled is not None:
            domain.enabled = enabled
            self._stamp += 1
        return domain

    @locked
    def delete_domain(self, domain_id: str) -> None:
        """Delete a disabled domain with its projects, users, groups, domain roles,
        configuration and identity providers (Keystone's `DOMAIN_DELETED` callback).

        Raises:
            NotFound: No such domain.
            Forbidden: The domain is enabled (disable it first, as Keystone asks).
        """
        domain = self.get_domain(domain_id)
        if domain.enabled:
            raise Forbidden("Cannot delete a domain that is enabled, please disable it first.")
        children: dict[str, list[str]] = {}
        for project in self.projects.values():
            if project.domain_id == domain_id:
                children.setdefault(project.parent_id or "", []).append(project.id)

        def leaves_first(parent: str) -> Iterator[str]:
            for child in children.get(parent, ()):
                yield from leaves_first(child)
                yield child

        for project_id in list(leaves_first(domain_id)):
            self._remove_project(project_id)
        for user in [u for u in self.users.values() if u.domain_id == domain_id]:
            self._remove_user(user.id)
        for group in [g for g in self.groups.values() if g.domain_id == domain_id]:
            self._remove_group(group.id)
        for role in [r for r in self.roles.values() if r.domain_id == domain_id]:
            self._remove_role(role.id)
        for entry in [a for a in self.assignments if a[2].split(":")[0] == "domain"
                      and a[3] == domain_id]:
            self._drop_assignment(entry)
        self._revoke_tokens(domain_id=domain_id)
        self._delete_identity_providers_of(domain_id)
        self.domain_configs.pop(domain_id, None)
        del self.domains[domain_id]
        self._domain_ids.discard(domain_id)

    def list_domains(self, *, marker: str | None = None, limit: int | None = None,
                     filters: dict[str, Any] | None = None) -> list[Domain]:
        """Domains sorted by id, after `marker`, at most `limit`, matching `filters`.

        Raises:
            NotFound: `marker` is not a domain id.
        """
        from stackdouble.fakes.identity.errors import MarkerNotFound

        if marker is not None and marker not in self.domains:
            raise MarkerNotFound(marker)
        return _page((self.domains[i] for i in self._domain_ids.after(marker)), limit,
                     filters or {})

