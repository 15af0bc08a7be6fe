"""Default type results: a project's default volume type, its Results and its page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import Page, SinglePage

__all__ = [
    "DefaultType",
    "DefaultTypePage",
    "GetResult",
    "SetResult",
    "UnsetResult",
    "extract_default_types",
]


@dataclass(slots=True, kw_only=True)
class DefaultType:
    """The volume type a project's volumes get when created without one.

    Attributes:
        project_id: The project.
        volume_type_id: Its default type's id (Cinder answers with the id even when the
            type was set by name).
    """

    project_id: str
    volume_type_id: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> DefaultType:
        """A DefaultType from Cinder's `default_type` object."""
        return cls(project_id=raw["project_id"], volume_type_id=raw["volume_type_id"])


class GetResult(Result):
    """The result of `defaulttypes.get`; call `extract()` for the DefaultType."""

    __slots__ = ()

    def extract(self) -> DefaultType:
        """The DefaultType, or raise the error the call ended with."""
        return self.extract_with(DefaultType.from_json, key="default_type")


class SetResult(GetResult):
    """The result of `defaulttypes.set`; `extract()` gives the DefaultType now set."""

    __slots__ = ()


class UnsetResult(ErrResult):
    """The result of `defaulttypes.unset`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class DefaultTypePage(SinglePage):
    """The one page of `defaulttypes.list`: `{"default_types": [...]}`."""

    __slots__ = ()
    resource_key = "default_types"

    def items(self) -> list[DefaultType]:
        """The default types."""
        return extract_default_types(self)


def extract_default_types(page: Page) -> list[DefaultType]:
    """The default types on the page of `defaulttypes.list`."""
    return page.extract_list_with(DefaultType.from_json, key="default_types")
