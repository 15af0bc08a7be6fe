"""Keystone v3 policy results."""

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
    "Policy",
    "PolicyPage",
    "UpdateResult",
    "extract_policies",
]

_KNOWN = frozenset({"id", "type", "blob", "links"})


@dataclass(slots=True, kw_only=True)
class Policy:
    """A policy blob Keystone stores for a service (gophercloud's `policies.Policy`).

    Attributes:
        type: The blob's MIME type, by convention (`application/json`).
        blob: The document, as the string it was stored as. Left out of the repr: a
            deployment's blob may hold secrets.
        links: The policy's `self` link.
        extra: Attributes Keystone stored beyond its own, as given.
    """

    id: str
    type: str
    blob: str = field(repr=False)
    links: Mapping[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Policy:
        """A Policy from Keystone's JSON."""
        return cls(id=raw["id"], type=raw["type"], blob=raw["blob"],
                   links=dict(raw.get("links") or {}),
                   extra={k: v for k, v in raw.items() if k not in _KNOWN})


class GetResult(Result):
    """The result of `policies.get`; `extract()` gives the Policy."""

    __slots__ = ()

    def extract(self) -> Policy:
        """The Policy, or raise the error the call ended with."""
        return self.extract_with(Policy.from_json, key="policy")


class CreateResult(GetResult):
    """The result of `policies.create`; `extract()` gives the Policy made."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `policies.update`; `extract()` gives it updated."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `policies.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class PolicyPage(LinkedPage):
    """A page of policies; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "policies"
    link_path = ("links", "next")

    def items(self) -> list[Policy]:
        """The policies on this page."""
        return extract_policies(self)


def extract_policies(page: Page) -> list[Policy]:
    """The policies on one page of `policies.list`."""
    return page.extract_list_with(Policy.from_json, key="policies")
