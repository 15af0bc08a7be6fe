"""Glance images: list, create, get, update (JSON patch), delete, (de)activate, tags, waits."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, MutableSequence, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol
from urllib.parse import urlencode

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client._wait import DEFAULT_INTERVAL, StatusError, wait_until
from stackdouble.client.openstack.image.v2._glance import check_sort
from stackdouble.client.openstack.image.v2.images import urls
from stackdouble.client.openstack.image.v2.images.results import (
    CORE_PROPERTIES,
    ActionResult,
    CreateResult,
    DeleteResult,
    GetResult,
    Image,
    ImagePage,
    TagResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "ADD_OP",
    "DATE_FILTERS",
    "ERROR_STATUSES",
    "JSON_PATCH",
    "REMOVE_OP",
    "REPLACE_OP",
    "CreateOpts",
    "CreateOptsBuilder",
    "DateQuery",
    "ListOpts",
    "ListOptsBuilder",
    "Patch",
    "ReplaceImageContainerFormat",
    "ReplaceImageDiskFormat",
    "ReplaceImageHidden",
    "ReplaceImageMinDisk",
    "ReplaceImageMinRam",
    "ReplaceImageName",
    "ReplaceImageProtected",
    "ReplaceImageTags",
    "UpdateImageProperty",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateVisibility",
    "add_tag",
    "create",
    "deactivate",
    "delete",
    "delete_tag",
    "get",
    "list",
    "reactivate",
    "update",
    "wait_for_status",
]

#: The media type of Glance's JSON patch (a PATCH sent as `application/json` is a 415).
JSON_PATCH = "application/openstack-images-v2.1-json-patch"
#: The operations Glance's JSON patch takes (`move`, `copy` and `test` are a 400).
ADD_OP = "add"
REPLACE_OP = "replace"
REMOVE_OP = "remove"
_OPS = frozenset({ADD_OP, REPLACE_OP, REMOVE_OP})
#: The operators of a `created_at`/`updated_at` filter.
DATE_FILTERS = frozenset({"gt", "gte", "lt", "lte", "eq", "neq"})
#: Statuses that end a wait at once (waiting longer cannot help).
ERROR_STATUSES = frozenset({"killed", "deleted", "pending_delete"})


# --- listing -------------------------------------------------------------------------------


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `images.list`."""

    def to_image_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class DateQuery:
    """A `created_at`/`updated_at` filter: `filter` (gt, gte, lt, lte, eq, neq) and a date.

    Example:
        >>> DateQuery(date=datetime(2026, 12, 1, tzinfo=timezone.utc), filter="gte").text()
        'gte:2026-12-01T00:00:00Z'
    """

    date: datetime
    filter: str | None = None

    def text(self) -> str:
        """The value Glance reads: `[filter:]<ISO 8601 UTC>`.

        Raises:
            InvalidInput: An operator Glance does not know.
        """
        if self.filter is not None and self.filter not in DATE_FILTERS:
            raise InvalidInput(f"a date filter is one of {sorted(DATE_FILTERS)}, not "
                               f"{self.filter!r}", "filter")
        date = self.date if self.date.tzinfo is not None else self.date.replace(
            tzinfo=timezone.utc)
        stamp = date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"{self.filter}:{stamp}" if self.filter else stamp


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters, sorting and paging for `list`; None fields are not sent.

    `id`, `name`, `status`, `container_format` and `disk_format` take one value or Glance's
    `in:a,b,c`. `tags` must all be on an image. `properties` filters on any other property
    (`{"os_distro": "cirros"}`). Sort with `sort` (`name:asc,created_at`; the direction
    defaults to desc) or with `sort_key`/`sort_dir` (one or several, paired), not both;
    Glance sorts by `name`, `status`, `container_format`, `disk_format`, `size`, `id`,
    `created_at` and `updated_at` only. Without a sort, newest first.

    Example:
        >>> ListOpts(visibility="shared", tags=["gold"], limit=2, sort="name:asc",
        ...          properties={"os_distro": "cirros"}).to_image_list_query()
        '?visibility=shared&sort=name%3Aasc&tag=gold&limit=2&os_distro=cirros'
        >>> ListOpts(sort_key=["name", "created_at"], sort_dir=["asc", "desc"]
        ...          ).to_image_list_query()
        '?sort_key=name&sort_key=created_at&sort_dir=asc&sort_dir=desc'
    """

    id: str | None = field(default=None, metadata={"q": "id"})
    name: str | None = field(default=None, metadata={"q": "name"})
    visibility: str | None = field(default=None, metadata={"q": "visibility"})
    hidden: bool | None = field(default=None, metadata={"q": "os_hidden"})
    member_status: str | None = field(default=None, metadata={"q": "member_status"})
    owner: str | None = field(default=None, metadata={"q": "owner"})
    status: str | None = field(default=None, metadata={"q": "status"})
    protected: bool | None = field(default=None, metadata={"q": "protected"})
    container_format: str | None = field(default=None, metadata={"q": "container_format"})
    disk_format: str | None = field(default=None, metadata={"q": "disk_format"})
    size_min: int | None = field(default=None, metadata={"q": "size_min"})
    size_max: int | None = field(default=None, metadata={"q": "size_max"})
    created_at: DateQuery | None = None
    updated_at: DateQuery | None = None
    sort: str | None = field(default=None, metadata={"q": "sort"})
    sort_key: str | Sequence[str] | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | Sequence[str] | None = field(default=None, metadata={"q": "sort_dir"})
    tags: Sequence[str] | None = field(default=None, metadata={"q": "tag"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    properties: Mapping[str, str] | None = None

    def to_image_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or size bound, `sort` with `sort_key`/`sort_dir`,
                a direction other than asc/desc, a bad date operator, or a property filter
                named like one of the options.
        """
        for name in ("limit", "size_min", "size_max"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise InvalidInput(f"{name} must be >= 0, not {value}", name)
        check_sort(self.sort, self.sort_key, self.sort_dir)
        query = build_query(self)
        extra: MutableSequence[tuple[str, str]] = []
        for name, date in (("created_at", self.created_at), ("updated_at", self.updated_at)):
            if date is not None:
                extra.append((name, date.text()))
        for key, value in (self.properties or {}).items():
            if key in _LIST_PARAMS:
                raise InvalidInput(f"filter on {key!r} with its own option, not properties",
                                   "properties")
            extra.append((key, str(value)))
        if not extra:
            return query
        return (query + "&" if query else "?") + urlencode(extra)


#: Query parameters with a ListOpts field of their own.
_LIST_PARAMS = frozenset({"id", "name", "visibility", "os_hidden", "member_status", "owner",
                          "status", "protected", "container_format", "disk_format",
                          "size_min", "size_max", "created_at", "updated_at", "sort",
                          "sort_key", "sort_dir", "tag", "limit", "marker"})


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[ImagePage]:
    """List images (`GET /v2/images`), one request per page.

    Args:
        client: An Image v2 client from `openstack.new_image_v2`.
        opts: Filters, sorting and paging; None lists what the project can see (its own,
            public and community images it uses, and accepted shared ones), 25 a page.

    Returns:
        A Pager; nothing is sent until it is iterated. Glance names the next page in
        `next` whenever a page is full (relative to its root), so the walk ends on a short
        or empty page. A bad option surfaces as the first page's error; a marker Glance
        does not know is a 400 BadRequest (not a 404).

    Example:
        >>> from stackdouble.client.openstack.image.v2 import images
        >>> names = [i.name for i in images.list(image_client).items()]
    """
    try:
        query = opts.to_image_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ImagePage)
    return Pager(client, urls.list_url(client) + query, ImagePage)


# --- create --------------------------------------------------------------------------------


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `images.create`."""

    def to_image_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What a new image record holds (the data comes later: `imagedata.upload` or an
    import); None fields are not sent.

    Glance needs `disk_format` and `container_format` before data is uploaded. Without a
    `visibility` an image is `shared` (only its owner and members see it); only admins may
    make it `public` (403 Forbidden otherwise). `properties` are extra string properties
    (`os_distro`, `hw_disk_bus`...); the `os_glance_` prefix is Glance's own (403).

    Example:
        >>> CreateOpts(name="cirros", disk_format="qcow2", container_format="bare",
        ...            tags=["boot"], min_ram=64,
        ...            properties={"os_distro": "cirros"}).to_image_create_map()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'name': 'cirros', 'container_format': 'bare', 'disk_format': 'qcow2', 'min_ram': 64,
         'tags': ['boot'], 'os_distro': 'cirros'}
    """

    name: str | None = None
    id: str | None = None
    visibility: str | None = None
    hidden: bool | None = None
    protected: bool | None = None
    container_format: str | None = None
    disk_format: str | None = None
    min_disk: int | None = None
    min_ram: int | None = None
    tags: Sequence[str] | None = None
    properties: Mapping[str, str] | None = None

    def to_image_create_map(self) -> dict[str, Any]:
        """The body of `POST /v2/images`: the image itself, without an envelope.

        Raises:
            InvalidInput: A negative `min_disk`/`min_ram`, or a property named like a core
                attribute (set those with their own option).
        """
        for key, bound in (("min_disk", self.min_disk), ("min_ram", self.min_ram)):
            if bound is not None and bound < 0:
                raise InvalidInput(f"{key} must be >= 0, not {bound}", key)
        body: dict[str, Any] = {}
        for key, value in (("name", self.name), ("id", self.id),
                           ("visibility", self.visibility), ("os_hidden", self.hidden),
                           ("protected", self.protected),
                           ("container_format", self.container_format),
                           ("disk_format", self.disk_format), ("min_disk", self.min_disk),
                           ("min_ram", self.min_ram)):
            if value is not None:
                body[key] = value
        if self.tags is not None:
            body["tags"] = [str(tag) for tag in self.tags]
        for key, value in (self.properties or {}).items():
            if key in CORE_PROPERTIES:
                raise InvalidInput(f"{key!r} is an image attribute, not a property: set it "
                                   "with its own option", "properties")
            body[key] = value
        return body


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create an image record (`POST /v2/images`, 201); it is `queued` until data arrives.

    Args:
        client: An Image v2 client.
        opts: A `CreateOpts`; options that cannot be sent become the Result's error.

    Returns:
        A CreateResult: `extract()` gives the Image, `extract_import_methods()` the import
        methods the cloud offers.

    Example:
        >>> from stackdouble.client.openstack.image.v2 import images
        >>> image = images.create(image_client, images.CreateOpts(
        ...     name="cirros", disk_format="qcow2", container_format="bare")).extract()
        >>> image.status
        'queued'
    """
    try:
        body = opts.to_image_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(201,))


# --- get, update, delete -------------------------------------------------------------------


def get(client: ServiceClient, image_id: str) -> GetResult:
    """Get one image (`GET /v2/images/{image_id}`); `extract()` gives the Image.

    An image the project may not see is a NotFound, as a missing one.
    """
    return GetResult.request(client, "GET", urls.get_url(client, image_id), ok_codes=(200,))


class Patch(Protocol):
    """One operation of an image update: renders a JSON-patch operation."""

    def to_image_patch_map(self) -> dict[str, Any]: ...


def _pointer(name: str) -> str:
    """`name` as a JSON pointer (`a/b` → `/a~1b`), which Glance unescapes."""
    return "/" + name.replace("~", "~0").replace("/", "~1")


def _replace(path: str, value: Any) -> dict[str, Any]:
    return {"op": REPLACE_OP, "path": path, "value": value}


@dataclass(frozen=True, slots=True)
class ReplaceImageName:
    """Rename the image (`None` clears the name)."""

    new_name: str | None

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/name", "value": ...}`."""
        return _replace("/name", self.new_name)


@dataclass(frozen=True, slots=True)
class UpdateVisibility:
    """Change who sees the image: `private`, `shared`, `community` or (admins) `public`."""

    visibility: str

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/visibility", "value": ...}`."""
        return _replace("/visibility", self.visibility)


@dataclass(frozen=True, slots=True)
class ReplaceImageHidden:
    """Hide the image from listings (`os_hidden`), or show it again."""

    new_hidden: bool

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/os_hidden", "value": ...}`."""
        return _replace("/os_hidden", self.new_hidden)


@dataclass(frozen=True, slots=True)
class ReplaceImageTags:
    """Replace every tag (Glance keeps them as a set; tags are changed one by one with
    `images.add_tag` and `images.delete_tag`)."""

    new_tags: Sequence[str]

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/tags", "value": [...]}`."""
        return _replace("/tags", [str(tag) for tag in self.new_tags])


@dataclass(frozen=True, slots=True)
class ReplaceImageMinDisk:
    """Change the GiB of disk the image needs."""

    new_min_disk: int

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/min_disk", "value": ...}`."""
        return _replace("/min_disk", self.new_min_disk)


@dataclass(frozen=True, slots=True)
class ReplaceImageMinRam:
    """Change the MiB of RAM the image needs."""

    new_min_ram: int

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/min_ram", "value": ...}`."""
        return _replace("/min_ram", self.new_min_ram)


@dataclass(frozen=True, slots=True)
class ReplaceImageProtected:
    """Protect the image from deletion (a delete is then a 403), or unprotect it."""

    new_protected: bool

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/protected", "value": ...}`."""
        return _replace("/protected", self.new_protected)


@dataclass(frozen=True, slots=True)
class ReplaceImageDiskFormat:
    """Set the disk format (only while the image has no data)."""

    new_disk_format: str

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/disk_format", "value": ...}`."""
        return _replace("/disk_format", self.new_disk_format)


@dataclass(frozen=True, slots=True)
class ReplaceImageContainerFormat:
    """Set the container format (only while the image has no data)."""

    new_container_format: str

    def to_image_patch_map(self) -> dict[str, Any]:
        """`{"op": "replace", "path": "/container_format", "value": ...}`."""
        return _replace("/container_format", self.new_container_format)


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateImageProperty:
    """Add, replace or remove one extra property.

    `add` sets the property whether or not it exists; `replace` and `remove` of a property
    the image lacks are a 409 Conflict. Values are strings (Glance: 400 otherwise). A name
    with `/` or `~` is escaped as a JSON pointer.

    Example:
        >>> UpdateImageProperty(op="add", name="hw/disk", value="virtio").to_image_patch_map()
        {'op': 'add', 'path': '/hw~1disk', 'value': 'virtio'}
        >>> UpdateImageProperty(op="remove", name="os_distro").to_image_patch_map()
        {'op': 'remove', 'path': '/os_distro'}
    """

    op: str
    name: str
    value: str | None = None

    def to_image_patch_map(self) -> dict[str, Any]:
        """The operation; `value` is left out of a `remove`.

        Raises:
            InvalidInput: An operation other than add, replace and remove, an empty name,
                or no value for add or replace.
        """
        if self.op not in _OPS:
            raise InvalidInput(f"a patch operation is add, replace or remove, not {self.op!r}",
                               "op")
        if not self.name:
            raise InvalidInput("a property needs a name", "name")
        operation: dict[str, Any] = {"op": self.op, "path": _pointer(self.name)}
        if self.op != REMOVE_OP:
            if self.value is None:
                raise InvalidInput(f"{self.op} of {self.name!r} needs a value", "value")
            operation["value"] = self.value
        return operation


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `images.update` (a JSON-patch document)."""

    def to_image_update_map(self) -> Sequence[dict[str, Any]]: ...


@dataclass(frozen=True, slots=True)
class UpdateOpts:
    """The operations of one update, applied by Glance in order and all or none.

    Example:
        >>> UpdateOpts([ReplaceImageName("cirros-0.6"), ReplaceImageTags(["boot"]),
        ...             UpdateImageProperty(op="add", name="os_distro", value="cirros")]
        ...           ).to_image_update_map()  # doctest: +NORMALIZE_WHITESPACE
        [{'op': 'replace', 'path': '/name', 'value': 'cirros-0.6'},
         {'op': 'replace', 'path': '/tags', 'value': ['boot']},
         {'op': 'add', 'path': '/os_distro', 'value': 'cirros'}]
    """

    patches: Sequence[Patch]

    def to_image_update_map(self) -> Sequence[dict[str, Any]]:
        """The JSON-patch document.

        Raises:
            InvalidInput: An operation that cannot be rendered.
        """
        return [patch.to_image_patch_map() for patch in self.patches]


def update(client: ServiceClient, image_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change an image with a JSON patch (`PATCH /v2/images/{image_id}`, 200), sent as
    `application/openstack-images-v2.1-json-patch`.

    Glance applies every operation or none. A read-only attribute (`status`, `size`...) or a
    reserved property is a 403 Forbidden, as is making an image `public` without being an
    admin; a value of the wrong type is a 400 BadRequest; removing or replacing a property
    the image lacks is a 409 Conflict.

    Returns:
        An UpdateResult; `extract()` gives the updated Image.

    Example:
        >>> from stackdouble.client.openstack.image.v2 import images
        >>> images.update(image_client, image_id, images.UpdateOpts(
        ...     [images.ReplaceImageName("renamed")])).extract().name
        'renamed'
    """
    try:
        body = opts.to_image_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.update_url(client, image_id), json=body,
                                headers={"Content-Type": JSON_PATCH}, ok_codes=(200,))


def delete(client: ServiceClient, image_id: str) -> DeleteResult:
    """Delete an image and its data (`DELETE /v2/images/{image_id}`, 204).

    A `protected` image is a 403 Forbidden; a missing one a 404 NotFound.
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, image_id),
                                ok_codes=(204,))


def deactivate(client: ServiceClient, image_id: str) -> ActionResult:
    """Deactivate an active image (`POST .../actions/deactivate`, 204): its data can no
    longer be downloaded, except by admins (403 Forbidden for others). Idempotent; an image
    without data (`queued`) is a 403 Forbidden."""
    return ActionResult.request(client, "POST", urls.deactivate_url(client, image_id),
                                ok_codes=(204,))


def reactivate(client: ServiceClient, image_id: str) -> ActionResult:
    """Make a deactivated image `active` again (`POST .../actions/reactivate`, 204).
    Idempotent on an active image; an image without data is a 403 Forbidden."""
    return ActionResult.request(client, "POST", urls.reactivate_url(client, image_id),
                                ok_codes=(204,))


def add_tag(client: ServiceClient, image_id: str, tag: str) -> TagResult:
    """Tag an image (`PUT /v2/images/{image_id}/tags/{tag}`, 204); a tag it has already
    is no error."""
    return TagResult.request(client, "PUT", urls.tag_url(client, image_id, tag),
                             ok_codes=(204,))


def delete_tag(client: ServiceClient, image_id: str, tag: str) -> TagResult:
    """Remove a tag (`DELETE /v2/images/{image_id}/tags/{tag}`, 204); a tag the image does
    not have is a 404 NotFound."""
    return TagResult.request(client, "DELETE", urls.tag_url(client, image_id, tag),
                             ok_codes=(204,))


# --- waiting -------------------------------------------------------------------------------


def wait_for_status(
    client: ServiceClient,
    image_id: str,
    status: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Image:
    """Poll an image until it has `status` (an import: `importing` → `active`).

    Raises:
        StatusError: The image went `killed` (or was deleted) while awaited.
        WaitTimeout: `timeout` seconds passed first; `last_status` says where it stood.
        StackdoubleError: A poll failed (NotFound when the image is gone).
    """

    def check() -> tuple[bool, str | None, Image]:
        image = get(client, image_id).extract()
        if image.status == status:
            return True, image.status, image
        if image.status in ERROR_STATUSES:
            failed = image.properties.get("os_glance_failed_import") or None
            raise StatusError(f"image {image_id}", image.status,
                              str(failed) if failed else None)
        return False, image.status, image

    return wait_until(check, timeout=timeout, interval=interval, sleep=sleep, clock=clock,
                      what=f"image {image_id}", target=status)
