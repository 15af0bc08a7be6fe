"""Nova version documents: the API versions an endpoint offers and their microversions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stackdouble.client._errors import InvalidInput, MicroversionUnsupported
from stackdouble.client._results import Result, parse_time

__all__ = [
    "APIVersion",
    "GetVersionResult",
    "GetVersionsResult",
    "MicroversionUnsupported",
    "format_microversion",
    "parse_microversion",
]


def parse_microversion(value: str) -> tuple[int, int]:
    """`"2.10"` → `(2, 10)`, so that microversions compare as numbers, not text.

    Raises:
        InvalidInput: The text is not `<major>.<minor>`.

    Example:
        >>> parse_microversion("2.10") > parse_microversion("2.9")
        True
    """
    major, dot, minor = value.strip().partition(".")
    if not dot or not major.isdigit() or not minor.isdigit():
        raise InvalidInput(f"a microversion is <major>.<minor>, not {value!r}", "microversion")
    return int(major), int(minor)


def format_microversion(version: tuple[int, int]) -> str:
    """`(2, 10)` → `"2.10"`."""
    return f"{version[0]}.{version[1]}"


@dataclass(slots=True, kw_only=True)
class APIVersion:
    """One major API version of Nova and the microversions it accepts.

    Attributes:
        id: `v2.0` or `v2.1`.
        status: `CURRENT`, `SUPPORTED` or `DEPRECATED`.
        version: The highest microversion, e.g. `2.96`; `""` where there are none (v2.0).
        min_version: The lowest microversion, e.g. `2.1`; `""` where there are none.
    """

    id: str
    status: str = ""
    version: str = ""
    min_version: str = ""
    updated: datetime | None = None
    links: Sequence[Mapping[str, Any]] = ()

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> APIVersion:
        """An APIVersion from one entry of Nova's `versions` (or its `version`)."""
        return cls(
            id=str(raw["id"]),
            status=str(raw.get("status") or ""),
            version=str(raw.get("version") or ""),
            min_version=str(raw.get("min_version") or ""),
            updated=parse_time(raw.get("updated")),
            links=tuple(raw.get("links") or ()),
        )

    @property
    def supports_microversions(self) -> bool:
        """Whether this version takes a microversion header (v2.1 does, v2.0 does not)."""
        return bool(self.version)

    def self_url(self) -> str | None:
        """The href of the `self` link, or None."""
        for link in self.links:
            if link.get("rel") == "self" and link.get("href"):
                return str(link["href"])
        return None


class GetVersionsResult(Result):
    """The result of `versions.get_versions`; `extract()` gives every APIVersion."""

    __slots__ = ()

    def extract(self) -> list[APIVersion]:
        """The versions Nova's root lists, or raise the error the call ended with."""
        return self.extract_list_with(APIVersion.from_json, key="versions")


class GetVersionResult(Result):
    """The result of `versions.get_version`; `extract()` gives the endpoint's APIVersion."""

    __slots__ = ()

    def extract(self) -> APIVersion:
        """The version the endpoint describes, or raise the error the call ended with."""
        return self.extract_with(APIVersion.from_json, key="version")


