"""Keystone v3 domain results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "Domain",
    "DomainPage",
    "GetResult",
    "UpdateResult",
    "extract_domains",
]

_KNOWN = frozenset({'id', 'name', 'description', 'enabled', 'tags', "links"})


@dataclass(slots=True, kw_only=True)
class Domain:
    """A domain as Keystone returns it."""

    id: str
    name: str
    description: str | None = None
    enabled: bool = True
    tags: Sequence[str] = ()

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Domain:
        """A Domain from Keystone's JSON."""
        return cls(
            id=raw['id'],
            name=raw['name'],
            description=raw.get('description'),
            enabled=bool(raw.get('enabled', True)),
            tags=tuple(raw.get('tags') or ()),
        )


class GetResult(Result):
    """The result of `domains.get`; `extract()` gives the Domain."""

    __slots__ = ()

    def extract(self) -> Domain:
        """The Domain, or raise the error the call ended with."""
        return self.extract_with(Domain.from_json, key="domain")


class CreateResult(GetResult):
    """The result of `domains.create`; `extract()` gives the new Domain."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `domains.update`; `extract()` gives the updated Domain."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `domains.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class DomainPage(LinkedPage):
    """A page of domains; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "domains"
    link_path = ("links", "next")

    def items(self) -> list[Domain]:
        """The domains on this page."""
        return extract_domains(self)


def extract_domains(page: Page) -> list[Domain]:
    """The domains on one page of a listing."""
    return page.extract_list_with(Domain.from_json, key="domains")
