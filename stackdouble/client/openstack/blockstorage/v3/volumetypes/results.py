"""Cinder volume type results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = ["GetResult", "VolumeType", "VolumeTypePage", "extract_volume_types"]


@dataclass(slots=True, kw_only=True)
class VolumeType:
    """A volume type.

    Attributes:
        extra_specs: Shown to project readers (only the user-visible specs, such as
            `multiattach`, unless the policy allows more).
        qos_specs_id: Shown to admins.
    """

    id: str
    name: str = ""
    description: str | None = None
    is_public: bool = True
    extra_specs: Mapping[str, str] = field(default_factory=dict)
    qos_specs_id: str | None = None

    @property
    def multiattach(self) -> bool:
        """Whether volumes of this type may attach to several servers."""
        return self.extra_specs.get("multiattach") == "<is> True"

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> VolumeType:
        """A VolumeType from Cinder's JSON."""
        return cls(
            id=raw["id"],
            name=raw.get("name") or "",
            description=raw.get("description"),
            is_public=bool(raw.get("is_public", True)),
            extra_specs=dict(raw.get("extra_specs") or {}),
            qos_specs_id=raw.get("qos_specs_id"),
        )


class GetResult(Result):
    """The result of `volumetypes.get`; `extract()` gives the VolumeType."""

    __slots__ = ()

    def extract(self) -> VolumeType:
        """The VolumeType, or raise the error the call ended with."""
        return self.extract_with(VolumeType.from_json, key="volume_type")


class VolumeTypePage(LinkedPage):
    """A page of volume types; the next page is in `volume_type_links`."""

    __slots__ = ()
    resource_key = "volume_types"
    link_path = ("volume_type_links",)

    def items(self) -> list[VolumeType]:
        """The volume types on this page."""
        return extract_volume_types(self)


def extract_volume_types(page: Page) -> list[VolumeType]:
    """The volume types on one page of `volumetypes.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(VolumeType.from_json, key="volume_types")
