"""Large-object results: the segments of a manifest, what an upload made, what a delete
removed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import Result, parse_time
from stackdouble.client.openstack.objectstorage.v1._swift import (
    BulkDeleteResponse,
    HeaderReader,
)

__all__ = [
    "DeleteResult",
    "DeleteSummary",
    "LargeObject",
    "ManifestResult",
    "Segment",
    "UploadResult",
]


@dataclass(slots=True, kw_only=True)
class Segment:
    """One segment of a large object.

    Attributes:
        container: The segment's container.
        name: The segment's object name.
        etag: Its MD5 (for a nested manifest, the manifest's ETag), unquoted.
        size_bytes: Its size.
        content_type: Its Content-Type, when a manifest download lists it.
        last_modified: When it was written, when a manifest download lists it.
        range: The byte range of the segment the manifest uses (`"0-99"`), or None.
        sub_slo: Whether the segment is itself a static large object.
    """

    container: str
    name: str
    etag: str | None
    size_bytes: int
    content_type: str | None = None
    last_modified: datetime | None = None
    range: str | None = None
    sub_slo: bool = False

    @property
    def path(self) -> str:
        """`container/name`, as the manifest names it without its leading `/`."""
        return f"{self.container}/{self.name}"

    @classmethod
    def from_manifest_row(cls, raw: Mapping[str, Any]) -> Segment:
        """A segment from a row of `?multipart-manifest=get` (`name` is `/container/obj`)."""
        container, _, name = str(raw["name"]).lstrip("/").partition("/")
        etag = raw.get("hash")
        return cls(
            container=container, name=name,
            etag=None if etag is None else str(etag).strip('"'),
            size_bytes=int(raw["bytes"]),
            content_type=raw.get("content_type"),
            last_modified=parse_time(raw.get("last_modified")),
            range=raw.get("range"),
            sub_slo=bool(raw.get("sub_slo", False)),
        )

    def to_manifest_entry(self) -> dict[str, Any]:
        """The entry of a manifest PUT: `path` (unquoted), `etag`, `size_bytes`[, `range`]."""
        entry: dict[str, Any] = {"path": f"/{self.path}", "etag": self.etag,
                                 "size_bytes": self.size_bytes}
        if self.range is not None:
            entry["range"] = self.range
        return entry


@dataclass(slots=True, kw_only=True)
class LargeObject:
    """What `largeobjects.upload` made.

    Attributes:
        container: The object's container.
        name: The object's name.
        kind: `"slo"` (a static manifest), `"dlo"` (`X-Object-Manifest`) or `"object"` (the
            content fitted in one segment and was uploaded as a plain object).
        etag: Swift's ETag of the object: for an SLO, the MD5 of its segments' ETags
            concatenated (checked unless `verify=False`); for a DLO, None (Swift computes it
            at each GET from whatever segments are there then).
        size: The bytes uploaded.
        segment_container: Where the segments are (None for a plain object).
        segments: The segments, in order.
        removed_segments: Old segments of the object this upload replaced, deleted
            (`container/name`).
        leftover_segments: Old segments that could not be deleted; remove them yourself.
    """

    container: str
    name: str
    kind: str
    etag: str | None
    size: int
    segment_container: str | None = None
    segments: Sequence[Segment] = ()
    removed_segments: Sequence[str] = ()
    leftover_segments: Sequence[str] = ()


class UploadResult(Result):
    """The result of `largeobjects.upload`; `extract()` gives the `LargeObject`.

    Its headers and status are those of the last request (the manifest's PUT).
    """

    __slots__ = ()

    def extract(self) -> LargeObject:
        """What was uploaded, or raise the error the upload ended with.

        Raises:
            ETagMismatch: A segment, or the manifest, does not match what was sent.
            HTTPError: The request that failed (the segments sent before it stay).
        """
        if self.err is not None:
            raise self.err
        if not isinstance(self.body, LargeObject):
            raise UnexpectedBody("an upload summary", type(self.body).__name__)
        return self.body

    def extract_err(self) -> None:
        """Raise the error the upload ended with; return None on success."""
        if self.err is not None:
            raise self.err


class ManifestResult(Result):
    """The result of `largeobjects.get_manifest`; `extract()` gives the segments."""

    __slots__ = ()

    def extract(self) -> list[Segment]:
        """The manifest's segments, in order.

        Raises:
            UnexpectedBody: The object is not a static large object (Swift then sends the
                object itself), or the manifest is not a JSON list of segments.
        """
        if self.err is not None:
            raise self.err
        if not HeaderReader(self.headers).flag("X-Static-Large-Object"):
            raise UnexpectedBody("a static large object's manifest",
                                 "an object without X-Static-Large-Object")
        return self.extract_with(_segments)


def _segments(body: Any) -> list[Segment]:
    if not isinstance(body, list):
        raise UnexpectedBody("a JSON list of segments", type(body).__name__)
    return [Segment.from_manifest_row(row) for row in body]


@dataclass(slots=True, kw_only=True)
class DeleteSummary:
    """What `largeobjects.delete` removed.

    Attributes:
        kind: `"slo"`, `"dlo"` or `"object"`, as the object was.
        segments_deleted: How many segments were deleted with it.
        errors: `(segment path, status)` of the segments that could not be deleted.
    """

    kind: str
    segments_deleted: int = 0
    errors: Sequence[tuple[str, str]] = ()


class DeleteResult(Result):
    """The result of `largeobjects.delete`; `extract()` gives the `DeleteSummary`."""

    __slots__ = ()

    def extract(self) -> DeleteSummary:
        """What was deleted, or raise the error the delete ended with.

        Swift answers a manifest delete with 200 and a bulk summary: a summary whose
        `Response Status` is not 2xx (the manifest itself not deleted) is raised here as
        `UnexpectedBody` naming it.
        """
        if self.err is not None:
            raise self.err
        if not isinstance(self.body, DeleteSummary):
            raise UnexpectedBody("a delete summary", type(self.body).__name__)
        return self.body

    def extract_err(self) -> None:
        """Raise the error the delete ended with; return None on success."""
        self.extract()


def summary_from_bulk(raw: Any) -> DeleteSummary:
    """The summary of a `?multipart-manifest=delete`, from Swift's bulk-style JSON.

    The manifest counts among `Number Deleted`; it is not a segment.
    """
    if not isinstance(raw, Mapping):
        raise UnexpectedBody("a JSON bulk delete summary", type(raw).__name__)
    bulk = BulkDeleteResponse.from_json(raw)
    if not bulk.response_status.startswith("2"):
        raise UnexpectedBody("a 2xx Response Status",
                             f"{bulk.response_status!r}: {bulk.response_body!r}")
    return DeleteSummary(kind="slo", segments_deleted=max(0, bulk.number_deleted - 1),
                         errors=bulk.errors)
