"""Keystone v3 region results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Region",
    "RegionPage",
    "UpdateResult",
    "extract_regions",
]

_KNOWN = frozenset({'id', 'description', 'parent_region_id', "links"})


@dataclass(slots=True, kw_only=True)
class Region:
    """A region as Keystone returns it; attributes Keystone does not define are in `extra`."""

    id: str
    description: str | None = None
    parent_region_id: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Region:
        """A Region from Keystone's JSON."""
        return cls(
            id=raw['id'],
            description=raw.get('description'),
            parent_region_id=raw.get('parent_region_id'),
            extra={k: v for k, v in raw.items() if k not in _KNOWN},
        )


class GetResult(Result):
    """The result of `regions.get`; `extract()` gives the Region."""

    __slots__ = ()

    def extract(self) -> Region:
        """The Region, or raise the error the call ended with."""
        return self.extract_with(Region.from_json, key="region")


class CreateResult(GetResult):
    """The result of `regions.create`; `extract()` gives the new Region."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `regions.update`; `extract()` gives the updated Region."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `regions.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class RegionPage(LinkedPage):
    """A page of regions; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "regions"
    link_path = ("links", "next")

    def items(self) -> list[Region]:
        """The regions on this page."""
        return extract_regions(self)


def extract_regions(page: Page) -> list[Region]:
    """The regions on one page of a listing."""
    return page.extract_list_with(Region.from_json, key="regions")
