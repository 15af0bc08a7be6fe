"""Cinder QoS specs results: the QoS and Association resources, the Results of each
call, the pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "AssociateResult",
    "Association",
    "AssociationsResult",
    "CreateResult",
    "DeleteKeysResult",
    "DeleteResult",
    "DisassociateAllResult",
    "DisassociateResult",
    "GetResult",
    "QoS",
    "QoSPage",
    "QoSResult",
    "UpdateResult",
    "extract_qos",
]


@dataclass(slots=True, kw_only=True)
class QoS:
    """A QoS specs: where it applies (`consumer`: `back-end`, `front-end` or `both`) and
    its string specs (`read_iops_sec`...)."""

    id: str
    name: str
    consumer: str = "back-end"
    specs: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> QoS:
        """A QoS from Cinder's JSON."""
        return cls(id=raw["id"], name=raw["name"], consumer=raw.get("consumer") or "back-end",
                   specs=dict(raw.get("specs") or {}))


class QoSResult(Result):
    """A Result whose body is `{"qos_specs": {...}, "links": [...]}`."""

    __slots__ = ()

    def extract(self) -> QoS:
        """The QoS, or raise the error the call ended with."""
        return self.extract_with(QoS.from_json, key="qos_specs")


class CreateResult(QoSResult):
    """The result of `qos.create`."""

    __slots__ = ()


class GetResult(QoSResult):
    """The result of `qos.get`."""

    __slots__ = ()


class UpdateResult(Result):
    """The result of `qos.update`: Cinder answers the keys as sent."""

    __slots__ = ()

    def extract(self) -> dict[str, str | None]:
        """The keys as sent (`consumer` among them), or raise the call's error."""
        return self.extract_with(lambda raw: dict(raw), key="qos_specs")


class DeleteResult(ErrResult):
    """The result of `qos.delete`."""

    __slots__ = ()


class DeleteKeysResult(ErrResult):
    """The result of `qos.delete_keys`."""

    __slots__ = ()


class AssociateResult(ErrResult):
    """The result of `qos.associate`."""

    __slots__ = ()


class DisassociateResult(ErrResult):
    """The result of `qos.disassociate`."""

    __slots__ = ()


class DisassociateAllResult(ErrResult):
    """The result of `qos.disassociate_all`."""

    __slots__ = ()


@dataclass(slots=True, kw_only=True)
class Association:
    """An entity a QoS specs applies to (always a volume type, so far)."""

    id: str
    name: str
    association_type: str = "volume_type"

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Association:
        """An Association from Cinder's JSON."""
        return cls(id=raw["id"], name=raw["name"],
                   association_type=raw.get("association_type") or "volume_type")


class AssociationsResult(Result):
    """The result of `qos.list_associations`."""

    __slots__ = ()

    def extract(self) -> list[Association]:
        """The associations, or raise the call's error."""
        return self.extract_with(lambda raw: [Association.from_json(a) for a in raw],
                                 key="qos_associations")


class QoSPage(LinkedPage):
    """A page of QoS specs; the next page is in `qos_specs_links` when this one is full."""

    __slots__ = ()
    resource_key = "qos_specs"
    link_path = ("qos_specs_links",)

    def items(self) -> list[QoS]:
        """The QoS specs on this page."""
        return extract_qos(self)


def extract_qos(page: Page) -> list[QoS]:
    """The QoS specs on one page of `qos.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(QoS.from_json, key="qos_specs")
