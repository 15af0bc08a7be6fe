"""Keystone's catalog regions (the fake of `client/openstack/identity/v3/regions/`).

Regions nest; a cycle or deleting a region with endpoints is refused, as in
`keystone/catalog/core.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from stackdouble.fakes.identity.errors import (
    Conflict,
    Forbidden,
    ValidationError,
)
from stackdouble.fakes.identity.models._common import (
    _ModelBase,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    pass


__all__ = ["Region", "RegionsMixin"]

@dataclass(slots=True, kw_only=True)
class Region:
    """A catalog region."""

    id: str
    description: str = ""
    parent_region_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class RegionsMixin(_ModelBase):
    """`IdentityModel`'s regions."""

    def get_region(self, region_id: str) -> Region:
        """A region by id. Raises: NotFound "Could not find region: <id>."."""
        return cast(Region, self._get(self.regions, "region", region_id))

    @locked
    def create_region(self, region_id: str | None = None, *, description: str = "",
                      parent_region_id: str | None = None,
                      extra: dict[str, Any] | None = None) -> Region:
        """Add a region (a generated id when None), under a parent region if given.

        Raises:
            Conflict: The id is taken.
            NotFound: Unknown parent region.
        """
        if region_id is not None and region_id in self.regions:
            # Keystone's own text, doubled full stop included ("Duplicate ID, <id>.").
            raise Conflict("region", f"Duplicate ID, {region_id}.")
        if parent_region_id is not None:
            self.get_region(parent_region_id)
        region = Region(id=region_id or self._ids.hex32(), description=description,
                        parent_region_id=parent_region_id, extra=dict(extra or {}))
        self.regions[region.id] = region
        return region

    @locked
    def update_region(self, region_id: str, *, description: str | None = None,
                      parent_region_id: str | object | None = ...) -> Region:
        """Change a region's description or parent.

        Raises:
            NotFound: No such region, or no such parent.
            ValidationError: The parent would make a cycle.
        """
        region = self.get_region(region_id)
        if parent_region_id is not ... and parent_region_id is not None:
            parent = cast(str, parent_region_id)
            self.get_region(parent)
            walk: str | None = parent
            while walk is not None:
                if walk == region_id:
                    raise ValidationError(message=(
                        f"The specified parent region {parent} would create a circular "
                        "region hierarchy."))
                walk = self.regions[walk].parent_region_id
        if parent_region_id is not ...:
            region.parent_region_id = cast("str | None", parent_region_id)
        if description is not None:
            region.description = description
        return region

    @locked
    def delete_region(self, region_id: str) -> None:
        """Delete a region and its child regions.

        Raises:
            NotFound: No such region.
            Forbidden: It or a child region still has endpoints.
        """
        self.get_region(region_id)
        family = {region_id}
        changed = True
        while changed:
            changed = False
            for region in self.regions.values():
                if region.parent_region_id in family and region.id not in family:
                    family.add(region.id)
                    changed = True
        if any(e.region_id in family for e in self.endpoints.values()):
            raise Forbidden(f"Unable to delete region {region_id} because it or its child "
                            "regions have associated endpoints.")
        for member in family:
            del self.regions[member]

