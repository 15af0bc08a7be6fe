"""Glance import results: the import information and the import's (empty) answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import ErrResult, Result

__all__ = ["CreateResult", "GetResult", "ImportInfo", "ImportMethods"]


@dataclass(slots=True, kw_only=True)
class ImportMethods:
    """The `import-methods` discovery value.

    Attributes:
        value: The methods, e.g. `["glance-direct", "web-download"]`.
        description: Glance's description of the value.
        type: Its JSON type (`array`).
    """

    value: Sequence[str]
    description: str | None = None
    type: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ImportMethods:
        """From `{"description", "type", "value"}`."""
        value = raw["value"]
        if not isinstance(value, list):
            raise TypeError("value is not a list")
        return cls(value=tuple(str(item) for item in value), description=raw.get("description"),
                   type=raw.get("type"))


@dataclass(slots=True, kw_only=True)
class ImportInfo:
    """What `GET /v2/info/import` says: the import methods this cloud offers."""

    import_methods: ImportMethods

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ImportInfo:
        """From `{"import-methods": {...}}`."""
        return cls(import_methods=ImportMethods.from_json(raw["import-methods"]))


class GetResult(Result):
    """The result of `imageimport.get`; `extract()` gives the ImportInfo."""

    __slots__ = ()

    def extract(self) -> ImportInfo:
        """The ImportInfo, or raise the error the call ended with."""
        return self.extract_with(ImportInfo.from_json)


class CreateResult(ErrResult):
    """The result of `imageimport.create` (202, no body): the import runs in the background;
    `images.wait_for_status(..., "active", ...)` waits for it."""

    __slots__ = ()
