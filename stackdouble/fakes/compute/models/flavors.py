"""Flavors of the fake Nova (the client's `compute/v2/flavors`; Nova's `Flavor` object)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute.errors import BadRequest, Conflict, NotFound
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
        for flavor in items:
            if not caller.is_admin and (not flavor.is_public or flavor.disabled):
                continue
            if caller.is_admin and is_public is not None and flavor.is_public != is_public:
                continue
            if min_ram is not None and flavor.ram < min_ram:
                continue
            if min_disk is not None and flavor.disk < min_disk:
                continue
            if limit is not None and len(out) >= limit:
                break
            out.append(flavor)
        return out
