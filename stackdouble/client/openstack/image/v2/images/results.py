"""Glance image results: the Image resource, the Results of each call, and the pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.image.v2._glance import GlancePage
from stackdouble.client.pagination import Page

__all__ = [
    "CORE_PROPERTIES",
    "ActionResult",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Image",
    "ImagePage",
    "ImageResult",
    "TagResult",
    "UpdateResult",
    "extract_images",
]

#: The keys of Glance's image JSON that are not user properties (`Image.properties` holds
#: every other key; `stores`, `locations` and `direct_url` appear only where configured).
CORE_PROPERTIES = frozenset({
    "id", "name", "status", "visibility", "protected", "os_hidden", "checksum",
    "os_hash_algo", "os_hash_value", "owner", "size", "virtual_size", "min_ram", "min_disk",
    "container_format", "disk_format", "created_at", "updated_at", "tags", "self", "file",
    "schema", "direct_url", "locations", "stores",
})


def _strings(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise TypeError("not a list")
    return tuple(str(item) for item in raw)


class Image(Resource):
    """An image as Glance v2 returns it.

    Attributes convert from the JSON when first read (listings hold thousands); `raw`
    holds the JSON. Glance sends `null` for what is not known yet: a `queued` image has no
    `size`, `checksum` or hash, and may have no name or formats.

    Attributes:
        status: `queued`, `saving`, `uploading`, `importing`, `active`, `deactivated`,
            `killed`, `deleted` or `pending_delete`.
        visibility: `public`, `community`, `shared` (Glance's default) or `private`.
        hidden: `os_hidden`: left out of listings unless asked for.
        checksum: The MD5 of the data, hex.
        os_hash_algo: The algorithm of `os_hash_value` (Glance's default is `sha512`).
        os_hash_value: The data's hash by `os_hash_algo`, hex.
        size: Bytes of data, None before an upload.
        virtual_size: The disk's size once inspected (None when unknown).
        min_disk: GiB of disk needed to boot it.
        min_ram: MiB of RAM needed to boot it.
        tags: The image's tags (Glance keeps them as a set: the order is not kept).
        file: The data's path under Glance's root, `/v2/images/{id}/file`.
        self_link: `self`, the image's path under Glance's root.
    """

    __slots__ = ()

    id: str = json_field("id")
    name: str | None = json_field("name")
    status: str = json_field("status", default="")
    visibility: str | None = json_field("visibility")
    protected: bool = json_field("protected", bool, default=False)
    hidden: bool = json_field("os_hidden", bool, default=False)
    checksum: str | None = json_field("checksum")
    os_hash_algo: str | None = json_field("os_hash_algo")
    os_hash_value: str | None = json_field("os_hash_value")
    owner: str | None = json_field("owner")
    size: int | None = json_field("size", int)
    virtual_size: int | None = json_field("virtual_size", int)
    min_ram: int = json_field("min_ram", int, default=0)
    min_disk: int = json_field("min_disk", int, default=0)
    container_format: str | None = json_field("container_format")
    disk_format: str | None = json_field("disk_format")
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)
    tags: Sequence[str] = json_field("tags", _strings, default=())
    file: str | None = json_field("file")
    self_link: str | None = json_field("self")
    schema: str | None = json_field("schema")
    direct_url: str | None = json_field("direct_url")
    locations: Sequence[Mapping[str, Any]] = json_field("locations", tuple, default=())

    @property
    def properties(self) -> dict[str, Any]:
        """The image's other properties (`os_distro`, `hw_*`, `os_glance_*`, your own), as
        Glance lists them beside the core attributes."""
        return {key: value for key, value in self._raw.items() if key not in CORE_PROPERTIES}


class ImageResult(Result):
    """A Result whose body is an image (Glance sends it without an envelope)."""

    __slots__ = ()

    def extract(self) -> Image:
        """The Image, or raise the error the call ended with."""
        return self.extract_with(Image.from_json)


class CreateResult(ImageResult):
    """The result of `images.create`: the new image, `queued`."""

    __slots__ = ()

    def extract_import_methods(self) -> list[str]:
        """The import methods the cloud offers (`OpenStack-image-import-methods`, e.g.
        `["glance-direct", "web-download"]`); empty when it sends none."""
        if self.err is not None:
            raise self.err
        header = self.headers.get("OpenStack-image-import-methods", "")
        return [method.strip() for method in header.split(",") if method.strip()]


class GetResult(ImageResult):
    """The result of `images.get`; call `extract()` for the Image."""

    __slots__ = ()


class UpdateResult(ImageResult):
    """The result of `images.update`: the image after every patch operation."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `images.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ActionResult(ErrResult):
    """The result of `images.deactivate` or `images.reactivate` (204, no body)."""

    __slots__ = ()


class TagResult(ErrResult):
    """The result of `images.add_tag` or `images.delete_tag` (204, no body)."""

    __slots__ = ()


class ImagePage(GlancePage):
    """A page of `images.list`: `{"images": [...], "first", "schema", "next"}`."""

    __slots__ = ()
    resource_key = "images"

    def items(self) -> list[Image]:
        """The images on this page."""
        return extract_images(self)


def extract_images(page: Page) -> list[Image]:
    """The images on one page of `images.list`."""
    if page.err is None and page.body is None:
        return []  # `all_pages()` of an empty listing
    return page.extract_list_with(Image.from_json, key="images")
