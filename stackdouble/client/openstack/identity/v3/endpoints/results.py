"""Keystone v3 endpoint results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "Endpoint",
    "EndpointPage",
    "GetResult",
    "UpdateResult",
    "extract_endpoints",
]

_KNOWN = frozenset({'id', 'interface', 'url', 'service_id', 'region_id', 'enabled', "links"})


@dataclass(slots=True, kw_only=True)
class Endpoint:
    """A endpoint as Keystone returns it."""

    id: str
    interface: str
    url: str
    service_id: str
    region: str | None = None
    enabled: bool = True

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Endpoint:
        """A Endpoint from Keystone's JSON."""
        return cls(
            id=raw['id'],
            interface=raw['interface'],
            url=raw['url'],
            service_id=raw['service_id'],
            region=raw.get('region_id'),
            enabled=bool(raw.get('enabled', True)),
        )


class GetResult(Result):
    """The result of `endpoints.get`; `extract()` gives the Endpoint."""

    __slots__ = ()

    def extract(self) -> Endpoint:
        """The Endpoint, or raise the error the call ended with."""
        return self.extract_with(Endpoint.from_json, key="endpoint")


class CreateResult(GetResult):
    """The result of `endpoints.create`; `extract()` gives the new Endpoint."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `endpoints.update`; `extract()` gives the updated Endpoint."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `endpoints.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class EndpointPage(LinkedPage):
    """A page of endpoints; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "endpoints"
    link_path = ("links", "next")

    def items(self) -> list[Endpoint]:
        """The endpoints on this page."""
        return extract_endpoints(self)


def extract_endpoints(page: Page) -> list[Endpoint]:
    """The endpoints on one page of a listing."""
    return page.extract_list_with(Endpoint.from_json, key="endpoints")
