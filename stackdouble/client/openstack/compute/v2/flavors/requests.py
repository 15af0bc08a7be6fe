"""Nova flavors: list with details, get, and (for admins) create, update and delete; their
extra specs and, for private flavors, the projects given access."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.flavors import urls
from stackdouble.client.openstack.compute.v2.flavors.results import (
    AccessPage,
    AddAccessResult,
    CreateExtraSpecsResult,
    CreateResult,
    DeleteExtraSpecResult,
    DeleteResult,
    FlavorPage,
    GetExtraSpecResult,
    GetResult,
    ListExtraSpecsResult,
    RemoveAccessResult,
    UpdateExtraSpecResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "AccessOptsBuilder",
    "AddAccessOpts",
    "CreateExtraSpecsOpts",
    "CreateExtraSpecsOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "RemoveAccessOpts",
    "UpdateExtraSpecOpts",
    "UpdateExtraSpecOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "add_access",
    "create",
    "create_extra_specs",
    "delete",
    "delete_extra_spec",
    "get",
    "get_extra_spec",
    "list",
    "list_accesses",
    "list_extra_specs",
    "remove_access",
    "update",
    "update_extra_spec",
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


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `flavors.update`."""

    def to_flavor_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `flavors.update` changes: only the description (2.55 and later; None clears
    it).

    Example:
        >>> UpdateOpts(description="for batch jobs").to_flavor_update_map()
        {'flavor': {'description': 'for batch jobs'}}
    """

    description: str | None

    def to_flavor_update_map(self) -> dict[str, Any]:
        """`{"flavor": {"description": ...}}`."""
        return {"flavor": {"description": self.description}}


def update(client: ServiceClient, flavor_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a flavor's description (`PUT /flavors/{flavor_id}`, 200; 2.55 and later,
    admins only by default policy); `extract()` gives the Flavor."""
    try:
        body = opts.to_flavor_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, flavor_id), json=body,
                                ok_codes=(200,))


# -- flavor access -----------------------------------------------------------------------------

def list_accesses(client: ServiceClient, flavor_id: str) -> Pager[AccessPage]:
    """The projects given access to a private flavor (`GET
    /flavors/{flavor_id}/os-flavor-access`, one page; admins). A public flavor answers
    404 NotFound ("Access list not available for public flavors.")."""
    return Pager(client, urls.list_access_url(client, flavor_id), AccessPage)


class AccessOptsBuilder(Protocol):
    """Anything that renders the body of `flavors.add_access` or `remove_access`."""

    def to_flavor_access_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AddAccessOpts:
    """The project to give access to a private flavor (Nova's `tenant`).

    Example:
        >>> AddAccessOpts(tenant="b0d4").to_flavor_access_map()
        {'addTenantAccess': {'tenant': 'b0d4'}}
    """

    tenant: str

    def to_flavor_access_map(self) -> dict[str, Any]:
        """`{"addTenantAccess": {"tenant": ...}}`.

        Raises:
            InvalidInput: An empty tenant.
        """
        if not self.tenant:
            raise InvalidInput("tenant must not be empty", "tenant")
        return {"addTenantAccess": {"tenant": self.tenant}}


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveAccessOpts:
    """The project to take a private flavor's access from.

    Example:
        >>> RemoveAccessOpts(tenant="b0d4").to_flavor_access_map()
        {'removeTenantAccess': {'tenant': 'b0d4'}}
    """

    tenant: str

    def to_flavor_access_map(self) -> dict[str, Any]:
        """`{"removeTenantAccess": {"tenant": ...}}`.

        Raises:
            InvalidInput: An empty tenant.
        """
        if not self.tenant:
            raise InvalidInput("tenant must not be empty", "tenant")
        return {"removeTenantAccess": {"tenant": self.tenant}}


def add_access(client: ServiceClient, flavor_id: str, opts: AccessOptsBuilder
               ) -> AddAccessResult:
    """Give a project access to a private flavor (`addTenantAccess`, 200; admins).

    `extract()` gives every project with access. An unknown project is a 400 BadRequest,
    a project already given access (or, from 2.7, a public flavor) a 409 Conflict.
    """
    try:
        body = opts.to_flavor_access_map()
    except StackdoubleError as exc:
        return AddAccessResult.from_error(exc)
    return AddAccessResult.request(client, "POST", urls.access_action_url(client, flavor_id),
                                   json=body, ok_codes=(200,))


def remove_access(client: ServiceClient, flavor_id: str, opts: AccessOptsBuilder
                  ) -> RemoveAccessResult:
    """Take a project's access to a private flavor away (`removeTenantAccess`, 200;
    admins); a project without access is a 404 NotFound."""
    try:
        body = opts.to_flavor_access_map()
    except StackdoubleError as exc:
        return RemoveAccessResult.from_error(exc)
    return RemoveAccessResult.request(client, "POST",
                                      urls.access_action_url(client, flavor_id), json=body,
                                      ok_codes=(200,))


# -- extra specs -------------------------------------------------------------------------------

def list_extra_specs(client: ServiceClient, flavor_id: str) -> ListExtraSpecsResult:
    """A flavor's extra specs (`GET /flavors/{flavor_id}/os-extra_specs`); `extract()`
    gives a dict."""
    return ListExtraSpecsResult.request(client, "GET", urls.extra_specs_url(client, flavor_id))


def get_extra_spec(client: ServiceClient, flavor_id: str, key: str) -> GetExtraSpecResult:
    """One extra spec (`GET /flavors/{flavor_id}/os-extra_specs/{key}`); `extract()` gives
    `{key: value}`, a missing key is a 404 NotFound."""
    return GetExtraSpecResult.request(client, "GET",
                                      urls.extra_spec_url(client, flavor_id, key))


class CreateExtraSpecsOptsBuilder(Protocol):
    """Anything that renders the body of `flavors.create_extra_specs`."""

    def to_flavor_extra_specs_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateExtraSpecsOpts:
    """Extra specs to add or change (the others stay).

    Example:
        >>> CreateExtraSpecsOpts(specs={"hw:cpu_policy": "dedicated"}
        ...                      ).to_flavor_extra_specs_create_map()
        {'extra_specs': {'hw:cpu_policy': 'dedicated'}}
    """

    specs: Mapping[str, str]

    def to_flavor_extra_specs_create_map(self) -> dict[str, Any]:
        """`{"extra_specs": {...}}`.

        Raises:
            InvalidInput: No specs.
        """
        if not self.specs:
            raise InvalidInput("give at least one extra spec", "specs")
        return {"extra_specs": dict(self.specs)}


def create_extra_specs(client: ServiceClient, flavor_id: str,
                       opts: CreateExtraSpecsOptsBuilder) -> CreateExtraSpecsResult:
    """Add or change extra specs (`POST /flavors/{flavor_id}/os-extra_specs`, 200; admins).

    From 2.86 Nova checks the keys of the namespaces it knows (`hw:`, `hw_rng:`...) and
    their values: a bad one is a 400 BadRequest ("Validation failed; ..."). `extract()`
    gives the specs sent.
    """
    try:
        body = opts.to_flavor_extra_specs_create_map()
    except StackdoubleError as exc:
        return CreateExtraSpecsResult.from_error(exc)
    return CreateExtraSpecsResult.request(client, "POST", urls.extra_specs_url(client, flavor_id),
                                          json=body, ok_codes=(200,))


class UpdateExtraSpecOptsBuilder(Protocol):
    """Anything that renders the body of `flavors.update_extra_spec` and names its key."""

    def to_flavor_extra_spec_update_map(self) -> tuple[dict[str, Any], str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateExtraSpecOpts:
    """One extra spec to set.

    Example:
        >>> UpdateExtraSpecOpts(key="hw:numa_nodes", value="2"
        ...                     ).to_flavor_extra_spec_update_map()
        ({'hw:numa_nodes': '2'}, 'hw:numa_nodes')
    """

    key: str
    value: str

    def to_flavor_extra_spec_update_map(self) -> tuple[dict[str, Any], str]:
        """`({key: value}, key)`.

        Raises:
            InvalidInput: An empty key.
        """
        if not self.key:
            raise InvalidInput("an extra spec needs a key", "key")
        return {self.key: self.value}, self.key


def update_extra_spec(client: ServiceClient, flavor_id: str,
                      opts: UpdateExtraSpecOptsBuilder) -> UpdateExtraSpecResult:
    """Set one extra spec (`PUT /flavors/{flavor_id}/os-extra_specs/{key}`, 200; admins);
    `extract()` gives `{key: value}`."""
    try:
        body, key = opts.to_flavor_extra_spec_update_map()
    except StackdoubleError as exc:
        return UpdateExtraSpecResult.from_error(exc)
    return UpdateExtraSpecResult.request(client, "PUT",
                                         urls.extra_spec_url(client, flavor_id, key),
                                         json=body, ok_codes=(200,))


def delete_extra_spec(client: ServiceClient, flavor_id: str, key: str
                      ) -> DeleteExtraSpecResult:
    """Remove one extra spec (`DELETE /flavors/{flavor_id}/os-extra_specs/{key}`, 200;
    admins); a missing key is a 404 NotFound."""
    return DeleteExtraSpecResult.request(client, "DELETE",
                                         urls.extra_spec_url(client, flavor_id, key),
                                         ok_codes=(200,))
