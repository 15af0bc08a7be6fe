"""Nova flavor results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    "ExtraSpecsResult",
    "Flavor",
    "FlavorAccess",
    "FlavorPage",
    "FlavorResult",
    "GetExtraSpecResult",
    "GetResult",
    "ListExtraSpecsResult",
    "RemoveAccessResult",
    "UpdateExtraSpecResult",
    "UpdateResult",
    "extract_accesses",
    "extract_flavors",
]


@dataclass(slots=True, kw_only=True)
class Flavor:
    """A flavor as Compute returns it.

    Attributes:
        ram: Memory in MiB.
        disk: Root disk in GiB.
        swap: Swap in MiB; Nova sends `""` for none, which becomes 0.
        ephemeral: Ephemeral disk in GiB (`OS-FLV-EXT-DATA:ephemeral`).
        is_public: `os-flavor-access:is_public`.
        disabled: `OS-FLV-DISABLED:disabled`.
        description: 2.55 and later.
        extra_specs: 2.61 and later, when the token may see them; else None.
    """

    id: str
    name: str = ""
    ram: int = 0
    vcpus: int = 0
    disk: int = 0
    swap: int = 0
    ephemeral: int = 0
    rxtx_factor: float = 1.0
    is_public: bool = True
    disabled: bool = False
    description: str | None = None
    extra_specs: Mapping[str, str] | None = None
    links: Sequence[Mapping[str, Any]] = field(default_factory=tuple)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Flavor:
        """A Flavor from Nova's JSON (`swap: ""` means 0)."""
        specs = raw.get("extra_specs")
        return cls(
            id=str(raw["id"]),
            name=raw.get("name") or "",
            ram=int(raw.get("ram") or 0),
            vcpus=int(raw.get("vcpus") or 0),
            disk=int(raw.get("disk") or 0),
            swap=int(raw.get("swap") or 0),
            ephemeral=int(raw.get("OS-FLV-EXT-DATA:ephemeral") or 0),
            rxtx_factor=float(raw.get("rxtx_factor") or 1.0),
            is_public=bool(raw.get("os-flavor-access:is_public", True)),
            disabled=bool(raw.get("OS-FLV-DISABLED:disabled", False)),
            description=raw.get("description"),
            extra_specs=dict(specs) if isinstance(specs, Mapping) else None,
            links=tuple(raw.get("links") or ()),
        )


class FlavorResult(Result):
    """A Result whose body is `{"flavor": {...}}`; `extract()` gives the Flavor."""

    __slots__ = ()

    def extract(self) -> Flavor:
        """The Flavor, or raise the error the call ended with."""
        return self.extract_with(Flavor.from_json, key="flavor")


class GetResult(FlavorResult):
    """The result of `flavors.get`."""

    __slots__ = ()


class CreateResult(FlavorResult):
    """The result of `flavors.create`."""

    __slots__ = ()


class UpdateResult(FlavorResult):
    """The result of `flavors.update`."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `flavors.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


@dataclass(slots=True, kw_only=True)
class FlavorAccess:
    """A project given access to a private flavor (Nova's `tenant_id`)."""

    flavor_id: str
    tenant_id: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> FlavorAccess:
        """A FlavorAccess from one item of `flavor_access`."""
        return cls(flavor_id=str(raw["flavor_id"]), tenant_id=str(raw["tenant_id"]))


def _accesses(body: Any) -> list[FlavorAccess]:
    return [FlavorAccess.from_json(item) for item in body]


class AccessPage(SinglePage):
    """The one page of `flavors.list_accesses`."""

    __slots__ = ()
    resource_key = "flavor_access"

    def items(self) -> list[FlavorAccess]:
        """The projects on this page."""
        return extract_accesses(self)


def extract_accesses(page: Page) -> list[FlavorAccess]:
    """The projects of `flavors.list_accesses`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(FlavorAccess.from_json, key="flavor_access")


class _AccessResult(Result):
    __slots__ = ()

    def extract(self) -> list[FlavorAccess]:
        """Every project with access after the change, or raise the call's error."""
        return self.extract_with(_accesses, key="flavor_access")


class AddAccessResult(_AccessResult):
    """The result of `flavors.add_access`; `extract()` gives the access list."""

    __slots__ = ()


class RemoveAccessResult(_AccessResult):
    """The result of `flavors.remove_access`; `extract()` gives the access list."""

    __slots__ = ()


def _specs(body: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in body.items()}


class ExtraSpecsResult(Result):
    """A Result whose body is `{"extra_specs": {...}}`; `extract()` gives the specs as
    strings (Nova echoes numbers it was sent as numbers)."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """The extra specs, or raise the error the call ended with."""
        return self.extract_with(_specs, key="extra_specs")


class ListExtraSpecsResult(ExtraSpecsResult):
    """The result of `flavors.list_extra_specs`."""

    __slots__ = ()


class CreateExtraSpecsResult(ExtraSpecsResult):
    """The result of `flavors.create_extra_specs`: the specs as sent."""

    __slots__ = ()


class GetExtraSpecResult(Result):
    """The result of `flavors.get_extra_spec`; `extract()` gives `{key: value}`."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """`{key: value}`, or raise the error the call ended with."""
        return self.extract_with(_specs)


class UpdateExtraSpecResult(GetExtraSpecResult):
    """The result of `flavors.update_extra_spec`; `extract()` gives `{key: value}`."""

    __slots__ = ()


class DeleteExtraSpecResult(ErrResult):
    """The result of `flavors.delete_extra_spec`; `extract_err()` raises its error."""

    __slots__ = ()


class FlavorPage(LinkedPage):
    """A page of flavors; the next page is named in `flavors_links` when this one is full."""

    __slots__ = ()
    resource_key = "flavors"
    link_path = ("flavors_links",)

    def items(self) -> list[Flavor]:
        """The flavors on this page."""
        return extract_flavors(self)


def extract_flavors(page: Page) -> list[Flavor]:
    """The flavors on one page of `flavors.list`."""
    if page.err is None and page.body is None:
        return []  # `all_pages()` of an empty listing
    return page.extract_list_with(Flavor.from_json, key="flavors")
