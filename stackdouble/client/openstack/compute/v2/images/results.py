"""Results of Nova's image proxy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateMetadatumResult",
    "DeleteMetadatumResult",
    "DeleteResult",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "Image",
    "ImagePage",
    "MetadataResult",
    "MetadatumResult",
    "ResetMetadataResult",
    "UpdateMetadataResult",
    "extract_images",
]


@dataclass(slots=True, kw_only=True)
class Image:
    """An image as Nova's image proxy shows it.

    Attributes:
        status: `ACTIVE`, `SAVING`, `DELETED`, `ERROR` or `UNKNOWN` (Nova's names, not
            Glance's).
        progress: Percent uploaded, 0 to 100.
        min_disk: `minDisk`, GiB.
        min_ram: `minRam`, MiB.
        size: `OS-EXT-IMG-SIZE:size` in bytes, or None.
        server: `{"id", "links"}` of the server a snapshot was made from, or None.
    """

    id: str
    name: str = ""
    status: str = ""
    progress: int = 0
    min_disk: int = 0
    min_ram: int = 0
    created: datetime | None = None
    updated: datetime | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    size: int | None = None
    server: Mapping[str, Any] | None = None
    links: Sequence[Mapping[str, Any]] = ()

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Image:
        """An Image from Nova's JSON."""
        size = raw.get("OS-EXT-IMG-SIZE:size")
        return cls(
            id=raw["id"],
            name=raw.get("name") or "",
            status=raw.get("status") or "",
            progress=int(raw.get("progress") or 0),
            min_disk=int(raw.get("minDisk") or 0),
            min_ram=int(raw.get("minRam") or 0),
            created=parse_time(raw.get("created")),
            updated=parse_time(raw.get("updated")),
            metadata=dict(raw.get("metadata") or {}),
            size=int(size) if size not in (None, "") else None,
            server=raw.get("server") or None,
            links=tuple(raw.get("links") or ()),
        )


class GetResult(Result):
    """The result of `images.get`; call `extract()` for the Image."""

    __slots__ = ()

    def extract(self) -> Image:
        """The Image, or raise the error the call ended with."""
        return self.extract_with(Image.from_json, key="image")


class DeleteResult(ErrResult):
    """The result of `images.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ImagePage(LinkedPage):
    """A page of images; the next page is named in `images_links` when this one is full."""

    __slots__ = ()
    resource_key = "images"
    link_path = ("images_links",)

    def items(self) -> list[Image]:
        """The images on this page."""
        return extract_images(self)


def extract_images(page: Page) -> list[Image]:
    """The images on one page of `images.list`."""
    if page.err is None and page.body is None:
        return []  # `all_pages()` of an empty listing
    return page.extract_list_with(Image.from_json, key="images")


def _items(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise TypeError(f"expected an object, not {type(raw).__name__}")
    return dict(raw)


class MetadataResult(Result):
    """A Result whose body is `{"metadata": {...}}`; `extract()` gives the dict (the
    image's Glance properties; `block_device_mapping` and `mappings` as Nova decodes them,
    lists, the others strings)."""

    __slots__ = ()

    def extract(self) -> dict[str, Any]:
        """The image's metadata, or raise the error the call ended with."""
        return self.extract_with(_items, key="metadata")


class GetMetadataResult(MetadataResult):
    """The result of `images.metadata`: every property of the image."""

    __slots__ = ()


class ResetMetadataResult(MetadataResult):
    """The result of `images.reset_metadata`: the metadata as sent, now the image's."""

    __slots__ = ()


class UpdateMetadataResult(MetadataResult):
    """The result of `images.update_metadata`: every property after the merge."""

    __slots__ = ()


class MetadatumResult(Result):
    """A Result whose body is `{"meta": {key: value}}`; `extract()` gives that dict."""

    __slots__ = ()

    def extract(self) -> dict[str, Any]:
        """`{key: value}` for the one item, or raise the error the call ended with."""
        return self.extract_with(_items, key="meta")


class GetMetadatumResult(MetadatumResult):
    """The result of `images.metadatum`."""

    __slots__ = ()


class CreateMetadatumResult(MetadatumResult):
    """The result of `images.create_metadatum`."""

    __slots__ = ()


class DeleteMetadatumResult(ErrResult):
    """The result of `images.delete_metadatum`; `extract_err()` raises its error, if any."""

    __slots__ = ()
