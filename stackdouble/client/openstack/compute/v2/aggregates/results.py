"""Nova host aggregate results: `Aggregate` and the Results of each call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import Page, SinglePage

__all__ = [
    "ActionResult",
    "Aggregate",
    "AggregatePage",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "UpdateResult",
    "extract_aggregates",
]


@dataclass(slots=True, kw_only=True)
class Aggregate:
    """A host aggregate: compute hosts grouped, with metadata; one with the metadata key
    `availability_zone` makes its hosts an availability zone.

    Attributes:
        id: The integer id the URLs take.
        uuid: Its uuid (Nova sends it from 2.41; else None).
        availability_zone: The zone it makes, or None.
        hosts: The compute hosts in it (not sent in `create`'s answer: empty there).
        metadata: Its metadata (not sent in `create`'s answer: empty there).
        created_at, updated_at, deleted_at: Times in UTC; `updated_at` None until renamed
            (a metadata change shows it only in its answer).
        deleted: Always False for an aggregate one can read.
    """

    id: int
    name: str
    uuid: str | None = None
    availability_zone: str | None = None
    hosts: Sequence[str] = field(default_factory=list)
    metadata: Mapping[str, str] = field(default_factory=dict)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    deleted: bool = False

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Aggregate:
        """An Aggregate from Nova's JSON (any microversion)."""
        return cls(id=int(raw["id"]), name=raw["name"], uuid=raw.get("uuid"),
                   availability_zone=raw.get("availability_zone"),
                   hosts=list(raw.get("hosts") or []), metadata=dict(raw.get("metadata") or {}),
                   created_at=parse_time(raw.get("created_at")),
                   updated_at=parse_time(raw.get("updated_at")),
                   deleted_at=parse_time(raw.get("deleted_at")),
                   deleted=bool(raw.get("deleted", False)))


class AggregateResult(Result):
    """A Result whose body is `{"aggregate": {...}}`."""

    __slots__ = ()

    def extract(self) -> Aggregate:
        """The Aggregate, or raise the error the call ended with."""
        return self.extract_with(Aggregate.from_json, key="aggregate")


class CreateResult(AggregateResult):
    """The result of `aggregates.create`."""

    __slots__ = ()


class GetResult(AggregateResult):
    """The result of `aggregates.get`."""

    __slots__ = ()


class UpdateResult(AggregateResult):
    """The result of `aggregates.update`."""

    __slots__ = ()


class ActionResult(AggregateResult):
    """The result of `aggregates.add_host`, `remove_host` and `set_metadata`: the
    aggregate as the action left it."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `aggregates.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class AggregatePage(SinglePage):
    """The aggregates: Nova lists them all in one page."""

    __slots__ = ()
    resource_key = "aggregates"

    def items(self) -> list[Aggregate]:
        """The aggregates on this page."""
        return extract_aggregates(self)


def extract_aggregates(page: Page) -> list[Aggregate]:
    """The aggregates on one page of `aggregates.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Aggregate.from_json, key="aggregates")
