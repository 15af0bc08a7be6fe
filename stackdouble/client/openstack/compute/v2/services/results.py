"""Nova service results: `Service` and the Results of each call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import Page, SinglePage

__all__ = ["DeleteResult", "Service", "ServicePage", "UpdateResult", "extract_services"]


@dataclass(slots=True, kw_only=True)
class Service:
    """A Nova service (`nova-compute`, `nova-scheduler`, `nova-conductor`...).

    Attributes:
        id: A uuid from 2.53; before, the integer id as text. None in the answer of the
            pre-2.53 `enable`, `disable` and `force_down`, which name only host and binary.
        status: `enabled` or `disabled`; state: `up` or `down`.
        forced_down: Whether an operator forced it down (2.11 and later; else None).
    """

    binary: str
    host: str
    id: str | None = None
    zone: str | None = None
    status: str | None = None
    state: str | None = None
    updated_at: datetime | None = None
    disabled_reason: str | None = None
    forced_down: bool | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Service:
        """A Service from Nova's JSON."""
        ident = raw.get("id")
        return cls(binary=raw["binary"], host=raw["host"],
                   id=None if ident is None else str(ident), zone=raw.get("zone"),
                   status=raw.get("status"), state=raw.get("state"),
                   updated_at=parse_time(raw.get("updated_at")),
                   disabled_reason=raw.get("disabled_reason"),
                   forced_down=raw.get("forced_down"))


class UpdateResult(Result):
    """The result of `services.update`, `enable`, `disable` and `force_down`."""

    __slots__ = ()

    def extract(self) -> Service:
        """The Service as Nova answered, or raise the error the call ended with."""
        return self.extract_with(Service.from_json, key="service")


class DeleteResult(ErrResult):
    """The result of `services.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ServicePage(SinglePage):
    """The services: Nova lists them in one page."""

    __slots__ = ()
    resource_key = "services"

    def items(self) -> list[Service]:
        """The services on this page."""
        return extract_services(self)


def extract_services(page: Page) -> list[Service]:
    """The services on one page of `services.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Service.from_json, key="services")
