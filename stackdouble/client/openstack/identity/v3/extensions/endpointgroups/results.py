"""Keystone v3 endpoint group results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "AssociationResult",
    "CreateResult",
    "DeleteResult",
    "EndpointGroup",
    "EndpointGroupPage",
    "GetResult",
    "UpdateResult",
    "extract_endpoint_groups",
]


@dataclass(slots=True, kw_only=True)
class EndpointGroup:
    """A named set of filters selecting catalog endpoints.

    Attributes:
        filters: Endpoint attributes (`service_id`, `region_id`, `interface`) and the
            values an endpoint must have to be in the group.
    """

    id: str
    name: str
    filters: dict[str, Any] = field(default_factory=dict)
    description: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> EndpointGroup:
        """An EndpointGroup from Keystone's JSON."""
        return cls(id=raw["id"], name=raw["name"], filters=dict(raw.get("filters") or {}),
                   description=raw.get("description"))


class GetResult(Result):
    """The result of `endpointgroups.get`; `extract()` gives the EndpointGroup."""

    __slots__ = ()

    def extract(self) -> EndpointGroup:
        """The EndpointGroup, or raise the error the call ended with."""
        return self.extract_with(EndpointGroup.from_json, key="endpoint_group")


class CreateResult(GetResult):
    """The result of `endpointgroups.create`; `extract()` gives the group made."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `endpointgroups.update`; `extract()` gives it updated."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `endpointgroups.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class AssociationResult(ErrResult):
    """The result of adding, checking or removing a group's project; `extract_err()`
    raises on failure (`NotFound`: no such association; `Conflict`: already made)."""

    __slots__ = ()


class EndpointGroupPage(LinkedPage):
    """A page of endpoint groups; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "endpoint_groups"
    link_path = ("links", "next")

    def items(self) -> list[EndpointGroup]:
        """The endpoint groups on this page."""
        return extract_endpoint_groups(self)


def extract_endpoint_groups(page: Page) -> list[EndpointGroup]:
    """The endpoint groups on one page of a listing."""
    return page.extract_list_with(EndpointGroup.from_json, key="endpoint_groups")
