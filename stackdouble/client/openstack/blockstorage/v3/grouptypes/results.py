"""Cinder group type results: the GroupType, its group specs, the pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteGroupSpecResult",
    "DeleteResult",
    "GetResult",
    "GroupSpecResult",
    "GroupSpecsResult",
    "GroupType",
    "GroupTypePage",
    "GroupTypeResult",
    "UpdateResult",
    "extract_group_types",
]


@dataclass(slots=True, kw_only=True)
class GroupType:
    """A group type.

    Attributes:
        group_specs: Shown to admins only (`group:access_group_types_specs`); None when
            the answer did not carry them.
    """

    id: str
    name: str = ""
    description: str | None = None
    is_public: bool = True
    group_specs: Mapping[str, str] | None = field(default=None)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> GroupType:
        """A GroupType from Cinder's JSON."""
        specs = raw.get("group_specs")
        return cls(id=raw["id"], name=raw.get("name") or "",
                   description=raw.get("description"),
                   is_public=bool(raw.get("is_public", True)),
                   group_specs=dict(specs) if specs is not None else None)


class GroupTypeResult(Result):
    """A Result whose body is `{"group_type": {...}}`; `extract()` gives the GroupType."""

    __slots__ = ()

    def extract(self) -> GroupType:
        """The GroupType, or raise the error the call ended with."""
        return self.extract_with(GroupType.from_json, key="group_type")


class GetResult(GroupTypeResult):
    """The result of `grouptypes.get`."""

    __slots__ = ()


class CreateResult(GroupTypeResult):
    """The result of `grouptypes.create`."""

    __slots__ = ()


class UpdateResult(GroupTypeResult):
    """The result of `grouptypes.update`."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `grouptypes.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class GroupTypePage(LinkedPage):
    """A page of group types; the next page is in `group_type_links`."""

    __slots__ = ()
    resource_key = "group_types"
    link_path = ("group_type_links",)

    def items(self) -> list[GroupType]:
        """The group types on this page."""
        return extract_group_types(self)


def extract_group_types(page: Page) -> list[GroupType]:
    """The group types on one page of `grouptypes.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(GroupType.from_json, key="group_types")


def _specs(raw: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(raw or {}).items()}


class GroupSpecsResult(Result):
    """The result of `grouptypes.list_group_specs` and `create_group_specs`: `extract()`
    gives the specs."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """The group specs, or raise the error the call ended with."""
        return self.extract_with(_specs, key="group_specs")


class GroupSpecResult(Result):
    """The result of `grouptypes.get_group_spec` and `update_group_spec`: `extract()`
    gives `{key: value}`."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """The one spec, or raise the error the call ended with."""
        return self.extract_with(_specs)


class DeleteGroupSpecResult(ErrResult):
    """The result of `grouptypes.delete_group_spec` (202)."""

    __slots__ = ()
