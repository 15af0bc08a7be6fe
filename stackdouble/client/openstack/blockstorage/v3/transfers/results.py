"""Cinder volume transfer results: the Transfer resource, the Results of each call, the
pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "AcceptResult",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Transfer",
    "TransferPage",
    "TransferResult",
    "extract_transfers",
]


@dataclass(slots=True, kw_only=True)
class Transfer:
    """A volume transfer.

    Attributes:
        auth_key: The secret the receiving project accepts with; Cinder shows it only in
            the answer to `create` (None elsewhere). Never in the repr.
        no_snapshots: Whether the snapshots stay behind (microversion 3.55).
        source_project_id: The donor (3.57).
        destination_project_id: The receiver, once accepted (3.57).
        accepted: Whether it was accepted (3.57).
    """

    id: str
    volume_id: str | None = None
    name: str | None = None
    created_at: datetime | None = None
    auth_key: str | None = field(default=None, repr=False)
    no_snapshots: bool | None = None
    source_project_id: str | None = None
    destination_project_id: str | None = None
    accepted: bool | None = None
    links: list[Mapping[str, str]] = field(default_factory=list)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Transfer:
        """A Transfer from Cinder's JSON (any view, any microversion)."""
        get = raw.get
        return cls(id=raw["id"], volume_id=get("volume_id"), name=get("name"),
                   created_at=parse_time(get("created_at")), auth_key=get("auth_key"),
                   no_snapshots=get("no_snapshots"),
                   source_project_id=get("source_project_id"),
                   destination_project_id=get("destination_project_id"),
                   accepted=get("accepted"), links=list(get("links") or []))


class TransferResult(Result):
    """A Result whose body is `{"transfer": {...}}`; `extract()` gives the Transfer."""

    __slots__ = ()

    def extract(self) -> Transfer:
        """The Transfer, or raise the error the call ended with."""
        return self.extract_with(Transfer.from_json, key="transfer")


class CreateResult(TransferResult):
    """The result of `transfers.create`: the detail view plus the `auth_key`."""

    __slots__ = ()


class GetResult(TransferResult):
    """The result of `transfers.get`."""

    __slots__ = ()


class AcceptResult(TransferResult):
    """The result of `transfers.accept`: id, volume id, name and links."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `transfers.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class TransferPage(LinkedPage):
    """A page of transfers; the next page is in `transfers_links` when this one is full."""

    __slots__ = ()
    resource_key = "transfers"
    link_path = ("transfers_links",)

    def items(self) -> list[Transfer]:
        """The transfers on this page."""
        return extract_transfers(self)


def extract_transfers(page: Page) -> list[Transfer]:
    """The transfers on one page of `transfers.list` or `transfers.list_simple`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Transfer.from_json, key="transfers")
