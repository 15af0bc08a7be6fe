"""Swift's capabilities (`/info`): one mapping per section, the `swift` section typed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import Result

__all__ = ["Capabilities", "GetResult", "StoragePolicy", "SwiftInfo"]


@dataclass(slots=True, kw_only=True)
class StoragePolicy:
    """A storage policy as `/info` lists it.

    Attributes:
        name: Its name (`Policy-0`).
        aliases: Its names, the first being `name` (Swift sends them comma-separated).
        default: Whether containers get it when none is asked for.
        deprecated: Whether new containers may no longer use it.
    """

    name: str
    aliases: Sequence[str] = ()
    default: bool = False
    deprecated: bool = False

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> StoragePolicy:
        """A policy from its `/info` entry."""
        aliases = raw.get("aliases") or raw["name"]
        names = aliases.split(",") if isinstance(aliases, str) else list(aliases)
        return cls(name=str(raw["name"]), aliases=tuple(a.strip() for a in names if a.strip()),
                   default=bool(raw.get("default", False)),
                   deprecated=bool(raw.get("deprecated", False)))


@dataclass(slots=True, kw_only=True)
class SwiftInfo:
    """The `swift` section: the release, its policies and its limits (None: not sent).

    Attributes:
        version: The Swift release (`2.38.3`).
        policies: The storage policies, the default one flagged.
        max_file_size, max_object_name_length, max_container_name_length,
            max_account_name_length: Size limits, in bytes.
        max_meta_name_length, max_meta_value_length, max_meta_count,
            max_meta_overall_size, max_header_size, max_request_line, extra_header_count:
            Metadata and header limits.
        container_listing_limit, account_listing_limit: The largest `limit` of a listing.
        allow_account_management, account_autocreate, strict_cors_mode,
            allow_open_expired: Proxy settings.
        extra: Every other key of the section, as sent.
    """

    version: str
    policies: Sequence[StoragePolicy] = ()
    max_file_size: int | None = None
    max_meta_name_length: int | None = None
    max_meta_value_length: int | None = None
    max_meta_count: int | None = None
    max_meta_overall_size: int | None = None
    max_header_size: int | None = None
    max_request_line: int | None = None
    max_object_name_length: int | None = None
    container_listing_limit: int | None = None
    account_listing_limit: int | None = None
    max_account_name_length: int | None = None
    max_container_name_length: int | None = None
    extra_header_count: int | None = None
    allow_account_management: bool | None = None
    account_autocreate: bool | None = None
    strict_cors_mode: bool | None = None
    allow_open_expired: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def default_policy(self) -> StoragePolicy | None:
        """The policy flagged default, or None."""
        return next((p for p in self.policies if p.default), None)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> SwiftInfo:
        """The section from `/info`'s JSON.

        Raises:
            UnexpectedBody: A limit that is not an integer, or a malformed policy list.
        """
        typed = {f.name for f in fields(cls)} - {"version", "policies", "extra"}
        values: dict[str, Any] = {}
        for name in typed & raw.keys():
            value = raw[name]
            counted = name.startswith(("max_", "extra_")) or name.endswith("_limit")
            if counted and (isinstance(value, bool) or not isinstance(value, int)):
                raise UnexpectedBody(f"an integer in swift.{name}", repr(value))
            values[name] = value
        try:
            policies = tuple(StoragePolicy.from_json(p) for p in raw.get("policies") or ())
        except (KeyError, TypeError, AttributeError):
            raise UnexpectedBody("swift.policies as a list of {name, aliases}",
                                 repr(raw.get("policies"))[:200]) from None
        known = typed | {"version", "policies"}
        return cls(version=str(raw.get("version", "")), policies=policies, **values,
                   extra={k: v for k, v in raw.items() if k not in known})


class Capabilities(Mapping[str, Mapping[str, Any]]):
    """What a Swift cluster says it can do: `/info` as a read-only mapping of section name
    (`swift`, `tempurl`, `bulk_delete`...) to its settings, with the `swift` section typed
    in `swift`.

    Example:
        >>> caps = Capabilities({"swift": {"version": "2.38.3"}, "tempurl": {"methods": ["GET"]}})
        >>> caps.swift.version, "tempurl" in caps, caps["tempurl"]["methods"]
        ('2.38.3', True, ['GET'])
    """

    __slots__ = ("_sections", "swift")

    def __init__(self, sections: Mapping[str, Mapping[str, Any]]) -> None:
        self._sections = dict(sections)
        self.swift = SwiftInfo.from_json(self._sections.get("swift") or {})

    def __getitem__(self, name: str) -> Mapping[str, Any]:
        return self._sections[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sections)

    def __len__(self) -> int:
        return len(self._sections)

    def __repr__(self) -> str:
        return f"<Capabilities swift {self.swift.version}: {', '.join(sorted(self))}>"


class GetResult(Result):
    """The result of `info.get`; `extract()` gives the `Capabilities`."""

    __slots__ = ()

    def extract(self) -> Capabilities:
        """The capabilities, or raise the error the call ended with.

        Raises:
            UnexpectedBody: The body is not a JSON object of sections.
        """
        body = self.extract_with(lambda raw: raw)
        if not isinstance(body, Mapping) or not all(
                isinstance(v, Mapping) for v in body.values()):
            raise UnexpectedBody("a JSON object of capability sections",
                                 type(body).__name__)
        return Capabilities(body)
