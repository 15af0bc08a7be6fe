"""Cinder volume type results: the VolumeType, its extra specs and its project access."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page, SinglePage

__all__ = [
    "AccessPage",
    "AddAccessResult",
    "CreateExtraSpecsResult",
    "CreateResult",
    "DeleteExtraSpecResult",
    "DeleteResult",
    "GetExtraSpecResult",
    "GetResult",
    "ListExtraSpecsResult",
    "RemoveAccessResult",
    "UpdateExtraSpecResult",
    "UpdateResult",
    "VolumeType",
    "VolumeTypeAccess",
    "VolumeTypePage",
    "VolumeTypeResult",
    "extract_accesses",
    "extract_volume_types",
]


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


class VolumeTypeResult(Result):
    """A Result whose body is `{"volume_type": {...}}`; `extract()` gives the VolumeType."""

    __slots__ = ()

    def extract(self) -> VolumeType:
        """The VolumeType, or raise the error the call ended with."""
        return self.extract_with(VolumeType.from_json, key="volume_type")


class GetResult(VolumeTypeResult):
    """The result of `volumetypes.get`."""

    __slots__ = ()


class CreateResult(VolumeTypeResult):
    """The result of `volumetypes.create`."""

    __slots__ = ()


class UpdateResult(VolumeTypeResult):
    """The result of `volumetypes.update`."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `volumetypes.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


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


# -- extra specs --------------------------------------------------------------------------------


def _specs(raw: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(raw or {}).items()}


class ListExtraSpecsResult(Result):
    """The result of `volumetypes.list_extra_specs`; `extract()` gives the specs."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """The extra specs, or raise the error the call ended with."""
        return self.extract_with(_specs, key="extra_specs")


class CreateExtraSpecsResult(ListExtraSpecsResult):
    """The result of `volumetypes.create_extra_specs`: the specs as sent."""

    __slots__ = ()


class GetExtraSpecResult(Result):
    """The result of `volumetypes.get_extra_spec` and `update_extra_spec`: `extract()`
    gives `{key: value}`."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """The one spec, or raise the error the call ended with."""
        return self.extract_with(_specs)


class UpdateExtraSpecResult(GetExtraSpecResult):
    """The result of `volumetypes.update_extra_spec`."""

    __slots__ = ()


class DeleteExtraSpecResult(ErrResult):
    """The result of `volumetypes.delete_extra_spec`."""

    __slots__ = ()


# -- project access -----------------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class VolumeTypeAccess:
    """A project a private volume type is shared with."""

    volume_type_id: str
    project_id: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> VolumeTypeAccess:
        """A VolumeTypeAccess from Cinder's JSON."""
        return cls(volume_type_id=raw["volume_type_id"], project_id=raw["project_id"])


class AccessPage(SinglePage):
    """The one page of `volumetypes.list_accesses`."""

    __slots__ = ()
    resource_key = "volume_type_access"

    def items(self) -> list[VolumeTypeAccess]:
        """The accesses on this page."""
        return extract_accesses(self)


def extract_accesses(page: Page) -> list[VolumeTypeAccess]:
    """The accesses on the page of `volumetypes.list_accesses`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(VolumeTypeAccess.from_json, key="volume_type_access")


class AddAccessResult(ErrResult):
    """The result of `volumetypes.add_access` (202)."""

    __slots__ = ()


class RemoveAccessResult(ErrResult):
    """The result of `volumetypes.remove_access` (202)."""

    __slots__ = ()
