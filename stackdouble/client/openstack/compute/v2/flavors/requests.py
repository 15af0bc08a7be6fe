"""Nova flavors: list with details, get, and (for admins) create and delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.flavors import urls
from stackdouble.client.openstack.compute.v2.flavors.results import (
    CreateResult,
    DeleteResult,
    FlavorPage,
    GetResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "create",
    "delete",
    "get",
    "list",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `flavors.list`."""

    def to_flavor_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters and paging for `list`; None fields are not sent.

    Attributes:
        min_disk: Only flavors with at least this root disk (GiB), Nova's `minDisk`.
        min_ram: Only flavors with at least this memory (MiB), Nova's `minRam`.
        is_public: True for public flavors, False for private ones the token may see,
            `"none"` for all (admins).

    Example:
        >>> ListOpts(min_ram=1024, is_public=True, limit=10).to_flavor_list_query()
        '?minRam=1024&is_public=true&limit=10'
    """

    min_disk: int | None = field(default=None, metadata={"q": "minDisk"})
    min_ram: int | None = field(default=None, metadata={"q": "minRam"})
    is_public: bool | str | None = field(default=None, metadata={"q": "is_public"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    sort_key: str | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | None = field(default=None, metadata={"q": "sort_dir"})

    def to_flavor_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, or a sort direction other than asc/desc.
        """
        if self.limit is not None and self.limit < 0:
            raise InvalidInput(f"limit must be >= 0, not {self.limit}", "limit")
        if self.sort_dir is not None and self.sort_dir not in ("asc", "desc"):
            raise InvalidInput(f"sort_dir must be asc or desc, not {self.sort_dir!r}", "sort_dir")
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[FlavorPage]:
    """List flavors with details (`GET /flavors/detail`), one request per page.

    Returns:
        A Pager following `flavors_links`; a bad option surfaces as the first page's error.

    Example:
        >>> [f.name for f in flavors.list(compute).items()][:1]
        ['m1.tiny']
    """
    try:
        query = opts.to_flavor_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, FlavorPage)
    return Pager(client, urls.list_detail_url(client) + query, FlavorPage)


def get(client: ServiceClient, flavor_id: str) -> GetResult:
    """Get one flavor (`GET /flavors/{flavor_id}`); `extract()` gives a Flavor."""
    return GetResult.request(client, "GET", urls.get_url(client, flavor_id))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `flavors.create`."""

    def to_flavor_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new flavor; None fields take Nova's defaults.

    Attributes:
        id: The flavor id; Nova generates a UUID when it is None.
        ephemeral: `OS-FLV-EXT-DATA:ephemeral`, GiB.
        is_public: `os-flavor-access:is_public`.
        description: 2.55 and later.

    Example:
        >>> body = CreateOpts(name="m1.xl", ram=16384, vcpus=8, disk=160,
        ...                   is_public=False).to_flavor_create_map()
        >>> body["flavor"]["os-flavor-access:is_public"]
        False
    """

    name: str
    ram: int
    vcpus: int
    disk: int
    id: str | None = None
    swap: int | None = None
    ephemeral: int | None = None
    rxtx_factor: float | None = None
    is_public: bool | None = None
    description: str | None = None

    def to_flavor_create_map(self) -> dict[str, Any]:
        """`{"flavor": {...}}`.

        Raises:
            InvalidInput: An empty name, or a negative size.
        """
        if not self.name:
            raise InvalidInput("a flavor needs a name", "name")
        for attr in ("ram", "vcpus", "disk", "swap", "ephemeral"):
            value = getattr(self, attr)
            if value is not None and value < 0:
                raise InvalidInput(f"{attr} must be >= 0, not {value}", attr)
        flavor: dict[str, Any] = {
            "name": self.name, "ram": self.ram, "vcpus": self.vcpus, "disk": self.disk
        }
        for key, value in (
            ("id", self.id),
            ("swap", self.swap),
            ("OS-FLV-EXT-DATA:ephemeral", self.ephemeral),
            ("rxtx_factor", self.rxtx_factor),
            ("os-flavor-access:is_public", self.is_public),
            ("description", self.description),
        ):
            if value is not None:
                flavor[key] = value
        return {"flavor": flavor}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a flavor (`POST /flavors`, 200; admins only by default policy)."""
    try:
        body = opts.to_flavor_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(200, 201))


def delete(client: ServiceClient, flavor_id: str) -> DeleteResult:
    """Delete a flavor (`DELETE /flavors/{flavor_id}`, 202; admins only by default policy)."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, flavor_id))
