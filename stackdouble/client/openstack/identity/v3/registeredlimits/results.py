"""Keystone v3 registered limit results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "RegisteredLimit",
    "RegisteredLimitPage",
    "UpdateResult",
    "extract_registered_limits",
]


@dataclass(slots=True, kw_only=True)
class RegisteredLimit:
    """The default limit a service enforces for one resource, in one region (None: all).

    Attributes:
        default_limit: The limit of every project without a limit of its own (-1: none).
    """

    id: str
    service_id: str
    resource_name: str
    default_limit: int
    region_id: str | None = None
    description: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> RegisteredLimit:
        """A RegisteredLimit from Keystone's JSON."""
        return cls(id=raw["id"], service_id=raw["service_id"],
                   resource_name=raw["resource_name"], default_limit=raw["default_limit"],
                   region_id=raw.get("region_id"), description=raw.get("description"))


class GetResult(Result):
    """The result of `registeredlimits.get`; `extract()` gives the RegisteredLimit."""

    __slots__ = ()

    def extract(self) -> RegisteredLimit:
        """The RegisteredLimit, or raise the error the call ended with."""
        return self.extract_with(RegisteredLimit.from_json, key="registered_limit")


class UpdateResult(GetResult):
    """The result of `registeredlimits.update`; `extract()` gives it updated."""

    __slots__ = ()


class CreateResult(Result):
    """The result of `registeredlimits.batch_create`; `extract()` gives the list made."""

    __slots__ = ()

    def extract(self) -> list[RegisteredLimit]:
        """The RegisteredLimits made, in request order, or raise the call's error."""
        return self.extract_list_with(RegisteredLimit.from_json, key="registered_limits")


class DeleteResult(ErrResult):
    """The result of `registeredlimits.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class RegisteredLimitPage(LinkedPage):
    """A page of registered limits; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "registered_limits"
    link_path = ("links", "next")

    def items(self) -> list[RegisteredLimit]:
        """The registered limits on this page."""
        return extract_registered_limits(self)


def extract_registered_limits(page: Page) -> list[RegisteredLimit]:
    """The registered limits on one page of a listing."""
    return page.extract_list_with(RegisteredLimit.from_json, key="registered_limits")
