"""Keystone v3 service results."""

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
    "Service",
    "ServicePage",
    "UpdateResult",
    "extract_services",
]

_KNOWN = frozenset({'id', 'type', 'name', 'description', 'enabled', "links"})


@dataclass(slots=True, kw_only=True)
class Service:
    """A service as Keystone returns it; attributes Keystone does not define are in `extra`."""

    id: str
    type: str
    name: str | None = None
    description: str | None = None
    enabled: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Service:
        """A Service from Keystone's JSON."""
        return cls(
            id=raw['id'],
            type=raw['type'],
            name=raw.get('name'),
            description=raw.get('description'),
            enabled=bool(raw.get('enabled', True)),
            extra={k: v for k, v in raw.items() if k not in _KNOWN},
        )


class GetResult(Result):
    """The result of `services.get`; `extract()` gives the Service."""

    __slots__ = ()

    def extract(self) -> Service:
        """The Service, or raise the error the call ended with."""
        return self.extract_with(Service.from_json, key="service")


class CreateResult(GetResult):
    """The result of `services.create`; `extract()` gives the new Service."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `services.update`; `extract()` gives the updated Service."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `services.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class ServicePage(LinkedPage):
    """A page of services; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "services"
    link_path = ("links", "next")

    def items(self) -> list[Service]:
        """The services on this page."""
        return extract_services(self)


def extract_services(page: Page) -> list[Service]:
    """The services on one page of a listing."""
    return page.extract_list_with(Service.from_json, key="services")
