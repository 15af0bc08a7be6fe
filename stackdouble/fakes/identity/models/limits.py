"""Keystone's unified limits (the fake of `client/openstack/identity/v3/registeredlimits/`
and `.../limits/`): registered limits, the default a service enforces for a resource, and
limits, a project's or domain's own value of one.

As Keystone 30 with its default `flat` enforcement model (`keystone/limit/core.py`,
`keystone/limit/backends/sql.py`):

- a limit needs a registered limit of the same service, region and resource (403
  `NoLimitReference`), and takes its service, region and resource from it;
- a service, region, project or domain named that does not exist is a 400 naming the
  attribute; a second registered limit of the same service, region and resource, or a second
  limit of the same registered limit for the same project or domain, is a 409; a batch is
  created whole or not at all;
- a registered limit that a limit refers to can be neither updated nor deleted (403);
- a limit's update changes only a non-zero `resource_limit` and a non-empty `description`
  (the backend tests them for truth);
- deleting a project deletes its limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from stackdouble.fakes.identity.errors import Conflict, Forbidden, NotFound, ValidationError
from stackdouble.fakes.identity.models._common import _ModelBase
from stackdouble.fakes.locking import locked

__all__ = ["LIMIT_MODEL", "Limit", "LimitsMixin", "RegisteredLimit"]

#: `GET /v3/limits/model`: Keystone's default enforcement model.
LIMIT_MODEL = {
    "name": "flat",
    "description": ("Limit enforcement and validation does not take project hierarchy "
                    "into consideration."),
}

_Key = tuple[str, str | None, str]  # service id, region id, resource name


@dataclass(slots=True, kw_only=True)
class RegisteredLimit:
    """The default limit of one resource of a service, in a region or everywhere."""

    id: str
    service_id: str
    region_id: str | None
    resource_name: str
    default_limit: int
    description: str | None = None

    @property
    def key(self) -> _Key:
        """What makes it unique: service, region, resource."""
        return (self.service_id, self.region_id, self.resource_name)


@dataclass(slots=True, kw_only=True)
class Limit:
    """A project's (or a domain's) own limit of a registered resource."""

    id: str
    registered_limit_id: str
    project_id: str | None
    domain_id: str | None
    resource_limit: int
    description: str | None = None


class LimitsMixin(_ModelBase):
    """`IdentityModel`'s registered limits and limits."""

    def get_registered_limit(self, registered_limit_id: str) -> RegisteredLimit:
        """One registered limit.

        Raises:
            NotFound: "Could not find registered limit for <id>."
        """
        found = self.registered_limits.get(registered_limit_id)
        if found is None:
            raise NotFound(f"Could not find registered limit for {registered_limit_id}.")
        return found

    def get_limit(self, limit_id: str) -> Limit:
        """One limit.

        Raises:
            NotFound: "Could not find limit for <id>."
        """
        found = self.limits.get(limit_id)
        if found is None:
            raise NotFound(f"Could not find limit for {limit_id}.")
        return found

    def limit_registration(self, limit: Limit) -> RegisteredLimit:
        """The registered limit a limit belongs to (its service, region and resource)."""
        return self.registered_limits[limit.registered_limit_id]

    def list_registered_limits(self, *, service_id: str | None = None,
                               region_id: str | None = None,
                               resource_name: str | None = None) -> list[RegisteredLimit]:
        """Registered limits in creation order, filtered by exact values (None: any)."""
        return [r for r in self.registered_limits.values()
                if (service_id is None or r.service_id == service_id)
                and (region_id is None or r.region_id == region_id)
                and (resource_name is None or r.resource_name == resource_name)]

    def list_limits(self, *, service_id: str | None = None, region_id: str | None = None,
                    resource_name: str | None = None, project_id: str | None = None,
                    domain_id: str | None = None) -> list[Limit]:
        """Limits in creation order, filtered by exact values (None: any)."""
        out = []
        for limit in self.limits.values():
            reg = self.registered_limits[limit.registered_limit_id]
            if ((service_id is None or reg.service_id == service_id)
                    and (region_id is None or reg.region_id == region_id)
                    and (resource_name is None or reg.resource_name == resource_name)
                    and (project_id is None or limit.project_id == project_id)
                    and (domain_id is None or limit.domain_id == domain_id)):
                out.append(limit)
        return out

    @locked
    def create_registered_limits(self, refs: Iterable[Mapping[str, Any]]
                                 ) -> list[RegisteredLimit]:
        """Register limits (`POST /v3/registered_limits`), all or none; each ref has
        `service_id`, `resource_name`, `default_limit` and may have `region_id` and
        `description`.

        Raises:
            ValidationError: An unknown service or region.
            Conflict: A registered limit of the same service, region and resource exists.
        """
        made: list[RegisteredLimit] = []
        taken = {r.key for r in self.registered_limits.values()}
        for ref in refs:
            self._assert_limit_targets(ref, "registered_limit")
            reg = RegisteredLimit(id=self._ids.hex32(), service_id=ref["service_id"],
                                  region_id=ref.get("region_id"),
                                  resource_name=ref["resource_name"],
                                  default_limit=ref["default_limit"],
                                  description=ref.get("description"))
            if reg.key in taken:
                raise Conflict("registered_limit", "Duplicate entry")
            taken.add(reg.key)
            made.append(reg)
        for reg in made:
            self.registered_limits[reg.id] = reg
        return made

    @locked
    def update_registered_limit(self, registered_limit_id: str,
                                changes: Mapping[str, Any]) -> RegisteredLimit:
        """Change a registered limit (`PATCH`): any of `service_id`, `region_id`,
        `resource_name`, `default_limit`, `description`.

        Raises:
            ValidationError: An unknown service or region.
            NotFound: No such registered limit.
            Forbidden: A limit refers to it.
            Conflict: The new service, region and resource are registered already
                (Keystone's check finds the limit itself when they do not change).
        """
        self._assert_limit_targets(changes, "registered_limit")
        reg = self.get_registered_limit(registered_limit_id)
        self._refuse_if_referenced(reg)
        merged = {"service_id": reg.service_id, "region_id": reg.region_id,
                  "resource_name": reg.resource_name, **changes}
        if (changes.get("service_id") or "region_id" in changes
                or changes.get("resource_name")):
            key = (merged["service_id"], merged["region_id"], merged["resource_name"])
            if any(r.key == key for r in self.registered_limits.values()):
                raise Conflict("registered_limit", "Duplicate entry")
        for name in ("service_id", "region_id", "resource_name", "default_limit",
                     "description"):
            if name in changes:
                setattr(reg, name, changes[name])
        return reg

    @locked
    def delete_registered_limit(self, registered_limit_id: str) -> None:
        """Delete a registered limit.

        Raises:
            NotFound: No such registered limit.
            Forbidden: A limit refers to it.
        """
        reg = self.get_registered_limit(registered_limit_id)
        self._refuse_if_referenced(reg)
        del self.registered_limits[reg.id]

    @locked
    def create_limits(self, refs: Iterable[Mapping[str, Any]]) -> list[Limit]:
        """Add limits (`POST /v3/limits`), all or none; each ref has `service_id`,
        `resource_name`, `resource_limit`, a `project_id` or a `domain_id`, and may have
        `region_id` and `description`.

        Raises:
            ValidationError: An unknown service, region, project or domain.
            Forbidden: No registered limit of that service, region and resource.
            Conflict: The project or domain has a limit of it already.
        """
        made: list[Limit] = []
        taken = {(lim.registered_limit_id, lim.project_id, lim.domain_id)
                 for lim in self.limits.values()}
        for ref in refs:
            self._assert_limit_targets(ref, "limit")
            key = (ref["service_id"], ref.get("region_id"), ref["resource_name"])
            reg = next((r for r in self.registered_limits.values() if r.key == key), None)
            if reg is None:
                raise Forbidden("Unable to create a limit that has no corresponding "
                                "registered limit.")
            project_id = ref.get("project_id")
            domain_id = None if project_id else ref.get("domain_id")
            unique = (reg.id, project_id, domain_id)
            if unique in taken:
                raise Conflict("limit", "Duplicate entry")
            taken.add(unique)
            made.append(Limit(id=self._ids.hex32(), registered_limit_id=reg.id,
                              project_id=project_id, domain_id=domain_id,
                              resource_limit=ref["resource_limit"],
                              description=ref.get("description")))
        for limit in made:
            self.limits[limit.id] = limit
        return made

    @locked
    def update_limit(self, limit_id: str, changes: Mapping[str, Any]) -> Limit:
        """Change a limit's `resource_limit` or `description` (`PATCH`); as Keystone's
        backend, a zero limit or an empty description is no change.

        Raises:
            NotFound: No such limit.
        """
        limit = self.get_limit(limit_id)
        if changes.get("resource_limit"):
            limit.resource_limit = int(changes["resource_limit"])
        if changes.get("description"):
            limit.description = str(changes["description"])
        return limit

    @locked
    def delete_limit(self, limit_id: str) -> None:
        """Delete a limit.

        Raises:
            NotFound: No such limit.
        """
        del self.limits[self.get_limit(limit_id).id]

    def _delete_limits_of_project(self, project_id: str) -> None:
        """Keystone's `delete_limits_for_project`, called when a project goes."""
        for limit in [lim for lim in self.limits.values() if lim.project_id == project_id]:
            del self.limits[limit.id]

    def _refuse_if_referenced(self, reg: RegisteredLimit) -> None:
        if any(lim.registered_limit_id == reg.id for lim in self.limits.values()):
            raise Forbidden(f"Unable to update or delete registered limit {reg.id} because "
                            "there are project limits associated with it.")

    def _assert_limit_targets(self, ref: Mapping[str, Any], target: str) -> None:
        """`_assert_resource_exist`: each id given names something that exists."""
        checks = (("service_id", self.services), ("region_id", self.regions),
                  ("project_id", self.projects), ("domain_id", self.domains))
        for attribute, table in checks:
            value = ref.get(attribute)
            if value is not None and cast(str, value) not in table:
                raise ValidationError(attribute, target)
