"""Flavors of the fake Nova (the client's `compute/v2/flavors`; Nova's `Flavor` object),
with their extra specs (`flavors_extraspecs.py`), project access (`flavor_access.py`) and
description (`PUT /flavors/{id}`, 2.55).

A private flavor is seen only by admins and by the projects given access
(`_flavor_get_query_from_db`): to anyone else it is not found, by id as in listings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute.errors import BadRequest, Conflict, NotFound, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase

__all__ = ["Flavor", "FlavorsMixin"]


@dataclass(slots=True)
class Flavor:
    """A flavor (Nova's `Flavor` object; `id` is the API's `flavorid`)."""

    id: str
    name: str
    ram: int
    vcpus: int
    disk: int
    ephemeral: int = 0
    swap: int = 0
    rxtx_factor: float = 1.0
    is_public: bool = True
    disabled: bool = False
    description: str | None = None
    extra_specs: dict[str, str] = field(default_factory=dict)
    row: int = 0
    projects: list[str] = field(default_factory=list)  # given access (private flavors)

    def visible_to(self, caller: Caller) -> bool:
        """Whether `caller` may see the flavor (admins, public, or given access)."""
        return caller.is_admin or self.is_public or caller.project_id in self.projects


def _admin(caller: Caller, rule: str) -> None:
    if not caller.is_admin:
        raise policy_forbidden(rule)


class FlavorsMixin(ModelBase):
    """Flavors, mixed into `ComputeModel`."""

    def add_flavor(self, flavor_id: str, name: str, *, ram: int, vcpus: int, disk: int,
                   ephemeral: int = 0, swap: int = 0, rxtx_factor: float = 1.0,
                   is_public: bool = True, description: str | None = None) -> Flavor:
        """Add a flavor (as an admin's `POST /flavors`).

        Raises:
            Conflict: The name or id is taken.
        """
        for other in self.flavors.values():
            if other.name == name:
                raise Conflict(f"Flavor with name {name} already exists.")
        if flavor_id in self.flavors:
            raise Conflict(f"Flavor with ID {flavor_id} already exists.")
        self._flavor_row += 1
        flavor = Flavor(id=flavor_id, name=name, ram=ram, vcpus=vcpus, disk=disk,
                        ephemeral=ephemeral, swap=swap, rxtx_factor=rxtx_factor,
                        is_public=is_public, description=description, row=self._flavor_row)
        self.flavors[flavor_id] = flavor
        return flavor

    def get_flavor(self, flavor_id: str) -> Flavor:
        """A flavor by id.

        Raises:
            NotFound: "Flavor <id> could not be found."
        """
        flavor = self.flavors.get(flavor_id)
        if flavor is None:
            raise NotFound(f"Flavor {flavor_id} could not be found.")
        return flavor

    def visible_flavor(self, caller: Caller, flavor_id: str) -> Flavor:
        """A flavor the caller may see (`common.get_flavor`).

        Raises:
            NotFound: "Flavor <id> could not be found." (a private one too, to others).
        """
        flavor = self.flavors.get(flavor_id)
        if flavor is None or not flavor.visible_to(caller):
            raise NotFound(f"Flavor {flavor_id} could not be found.")
        return flavor

    def set_flavor_description(self, caller: Caller, flavor_id: str,
                               description: str | None) -> Flavor:
        """`PUT /flavors/{id}` (admins, 2.55): only the description changes.

        Raises:
            Forbidden: Not an admin.
            NotFound: Unknown flavor.
        """
        _admin(caller, "os_compute_api:os-flavor-manage:update")
        flavor = self.get_flavor(flavor_id)
        flavor.description = description
        return flavor

    def flavor_extra_specs(self, caller: Caller, flavor_id: str) -> dict[str, str]:
        """A flavor's extra specs (anyone who sees the flavor).

        Raises:
            NotFound: The flavor.
        """
        return dict(self.visible_flavor(caller, flavor_id).extra_specs)

    def flavor_extra_spec(self, caller: Caller, flavor_id: str, key: str) -> str:
        """One extra spec.

        Raises:
            NotFound: The flavor, or "Flavor <id> has no extra specs with key <key>."
        """
        specs = self.visible_flavor(caller, flavor_id).extra_specs
        if key not in specs:
            raise NotFound(f"Flavor {flavor_id} has no extra specs with key {key}.")
        return specs[key]

    def set_flavor_extra_specs(self, caller: Caller, flavor_id: str, specs: dict[str, str],
                               rule: str = "create") -> None:
        """Merge `specs` into the flavor's (admins; values already checked).

        Raises:
            Forbidden: Not an admin.
            NotFound: The flavor.
        """
        _admin(caller, f"os_compute_api:os-flavor-extra-specs:{rule}")
        self.visible_flavor(caller, flavor_id).extra_specs.update(specs)

    def delete_flavor_extra_spec(self, caller: Caller, flavor_id: str, key: str) -> None:
        """Remove one extra spec (admins).

        Raises:
            Forbidden: Not an admin.
            NotFound: The flavor, or the key ("Flavor <id> has no extra specs with key
                <key>.").
        """
        _admin(caller, "os_compute_api:os-flavor-extra-specs:delete")
        specs = self.visible_flavor(caller, flavor_id).extra_specs
        if key not in specs:
            raise NotFound(f"Flavor {flavor_id} has no extra specs with key {key}.")
        del specs[key]

    def flavor_access(self, caller: Caller, flavor_id: str) -> list[str]:
        """The projects given access to a private flavor (admins).

        Raises:
            Forbidden: Not an admin.
            NotFound: The flavor, or a public one ("Access list not available for public
                flavors.").
        """
        _admin(caller, "os_compute_api:os-flavor-access")
        flavor = self.get_flavor(flavor_id)
        if flavor.is_public:
            raise NotFound("Access list not available for public flavors.")
        return list(flavor.projects)

    def add_flavor_access(self, caller: Caller, flavor_id: str, project_id: str, *,
                          refuse_public: bool) -> list[str]:
        """`addTenantAccess` (admins): the project may see and use the private flavor.

        Args:
            caller: Who asks.
            flavor_id: The flavor.
            project_id: The project (checked to exist by the handler).
            refuse_public: 2.7+: a public flavor answers 409.

        Raises:
            Forbidden: Not an admin.
            NotFound: The flavor.
            Conflict: Already given, or (2.7) a public flavor.
        """
        _admin(caller, "os_compute_api:os-flavor-access:add_tenant_access")
        flavor = self.get_flavor(flavor_id)
        if refuse_public and flavor.is_public:
            raise Conflict("Can not add access to a public flavor.")
        if project_id in flavor.projects:
            raise Conflict(f"Flavor access already exists for flavor {flavor_id} and "
                           f"project {project_id} combination.")
        flavor.projects.append(project_id)
        return list(flavor.projects)

    def remove_flavor_access(self, caller: Caller, flavor_id: str, project_id: str) -> list[str]:
        """`removeTenantAccess` (admins).

        Raises:
            Forbidden: Not an admin.
            NotFound: The flavor, or "Flavor access not found for <flavor> / <project>
                combination."
        """
        _admin(caller, "os_compute_api:os-flavor-access:remove_tenant_access")
        flavor = self.get_flavor(flavor_id)
        if project_id not in flavor.projects:
            raise NotFound(f"Flavor access not found for {flavor_id} / {project_id} "
                           "combination.")
        flavor.projects.remove(project_id)
        return list(flavor.projects)

    def delete_flavor(self, flavor_id: str) -> None:
        """Delete a flavor; servers keep their copy of it."""
        self.get_flavor(flavor_id)
        del self.flavors[flavor_id]

    def list_flavors(self, caller: Caller, *, is_public: bool | None = True,
                     min_ram: int | None = None, min_disk: int | None = None,
                     sort_key: str = "flavorid", sort_dir: str = "asc",
                     limit: int | None = None, marker: str | None = None) -> list[Flavor]:
        """Flavors in Nova's order (by `sort_key`, then row id), after `marker`.

        Raises:
            BadRequest: "marker [<id>] not found".
        """
        attr = {"flavorid": "id", "memory_mb": "ram", "root_gb": "disk", "id": "row",
                "ephemeral_gb": "ephemeral"}.get(sort_key, sort_key)

        def key(f: Flavor) -> tuple[Any, int]:
            value = getattr(f, attr, None)
            return ((value is not None, value), f.row)

        items = sorted(self.flavors.values(), key=key, reverse=sort_dir == "desc")
        if marker is not None:
            found = self.flavors.get(marker)
            if found is None:
                raise BadRequest(f"marker [{marker}] not found")
            mark = key(found)
            items = [f for f in items if (key(f) < mark if sort_dir == "desc" else key(f) > mark)]
        out: list[Flavor] = []
        wanted = True if not caller.is_admin else is_public
        for flavor in items:
            if not caller.is_admin and flavor.disabled:
                continue
            if wanted and not (flavor.is_public or caller.project_id in flavor.projects):
                continue  # `flavor_get_all`: public, or given access to the caller's project
            if wanted is False and flavor.is_public:
                continue
            if min_ram is not None and flavor.ram < min_ram:
                continue
            if min_disk is not None and flavor.disk < min_disk:
                continue
            if limit is not None and len(out) >= limit:
                break
            out.append(flavor)
        return out
