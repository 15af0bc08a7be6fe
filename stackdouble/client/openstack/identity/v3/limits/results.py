"""Keystone v3 limit results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "EnforcementModel",
    "EnforcementModelResult",
    "GetResult",
    "Limit",
    "LimitPage",
    "UpdateResult",
    "extract_limits",
]


@dataclass(slots=True, kw_only=True)
class Limit:
    """A project's or a domain's own limit of a registered resource.

    Attributes:
        project_id: The project it limits (None for a domain's limit).
        domain_id: The domain it limits (None for a project's limit).
        service_id, region_id, resource_name: Those of its registered limit.
        resource_limit: The limit (-1: none).
    """

    id: str
    service_id: str
    resource_name: str
    resource_limit: int
    project_id: str | None = None
    domain_id: str | None = None
    region_id: str | None = None
    description: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Limit:
        """A Limit from Keystone's JSON."""
        return cls(id=raw["id"], service_id=raw["service_id"],
                   resource_name=raw["resource_name"], resource_limit=raw["resource_limit"],
                   project_id=raw.get("project_id"), domain_id=raw.get("domain_id"),
                   region_id=raw.get("region_id"), description=raw.get("description"))


@dataclass(slots=True, kw_only=True)
class EnforcementModel:
    """How limits are enforced across a project tree (`flat` or `strict-two-level`)."""

    name: str
    description: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> EnforcementModel:
        """An EnforcementModel from Keystone's JSON."""
        return cls(name=raw["name"], description=raw["description"])


class GetResult(Result):
    """The result of `limits.get`; `extract()` gives the Limit."""

    __slots__ = ()

    def extract(self) -> Limit:
        """The Limit, or raise the error the call ended with."""
        return self.extract_with(Limit.from_json, key="limit")


class UpdateResult(GetResult):
    """The result of `limits.update`; `extract()` gives it updated."""

    __slots__ = ()


class CreateResult(Result):
    """The result of `limits.batch_create`; `extract()` gives the list made."""

    __slots__ = ()

    def extract(self) -> list[Limit]:
        """The Limits made, in request order, or raise the call's error."""
        return self.extract_list_with(Limit.from_json, key="limits")


class EnforcementModelResult(Result):
    """The result of `limits.get_enforcement_model`."""

    __slots__ = ()

    def extract(self) -> EnforcementModel:
        """The model, or raise the error the call ended with."""
        return self.extract_with(EnforcementModel.from_json, key="model")


class DeleteResult(ErrResult):
    """The result of `limits.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class LimitPage(LinkedPage):
    """A page of limits; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "limits"
    link_path = ("links", "next")

    def items(self) -> list[Limit]:
        """The limits on this page."""
        return extract_limits(self)


def extract_limits(page: Page) -> list[Limit]:
    """The limits on one page of a listing."""
    return page.extract_list_with(Limit.from_json, key="limits")
