"""What the Swift resources share: name checks and quoting, header values, typed headers,
the listing page and the ETag error.

Swift's rules followed here (Swift 2.38, `openstack/swift`):

- Names are UTF-8 and sent percent-encoded in the path; the proxy unquotes `PATH_INFO`, so a
  `/` inside an object name may travel as `%2F` (`swift/proxy/server.py`, `split_path`).
- Header values are byte strings to Swift (WSGI strings, PEP 3333): a UTF-8 metadata value
  goes out as its UTF-8 bytes and comes back the same way (`api-ref/source/
  metadata_header_encoding.inc`); `requests` reads headers as latin-1, so values are
  re-decoded as UTF-8 here.
- Metadata names are case-insensitive; Swift answers them title-cased (`HeaderKeyDict`).
- Listings: `text/plain` is one name per line, `application/json` a list of rows, and an
  empty text listing is a 204 that still carries its Content-Type
  (`swift/common/middleware/listing_formats.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from urllib.parse import quote, unquote

from stackdouble.client._errors import HTTPError, InvalidInput, UnexpectedBody
from stackdouble.client._results import HeaderResult, Result
from stackdouble.client.pagination import MarkerPage

__all__ = [
    "SECRET_META_KEYS",
    "BulkDeleteResponse",
    "BulkDeleteResult",
    "ETagMismatch",
    "HeaderReader",
    "ListingPage",
    "ResponseHeaders",
    "SwiftResult",
    "accept_for_query",
    "bulk_delete_body",
    "check_container_name",
    "check_limit",
    "check_object_name",
    "epoch_seconds",
    "from_wire",
    "http_date",
    "is_plain_md5",
    "listing_query",
    "metadata_headers",
    "quote_name",
    "quote_path",
    "split_path",
    "to_wire",
]

#: Metadata names (lower case) that hold temp-URL keys: never put in a `metadata` mapping,
#: only in the typed fields that keep them out of reprs.
SECRET_META_KEYS = frozenset({"temp-url-key", "temp-url-key-2"})

# RFC 9110 token characters: what a metadata name may be made of.
_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_MD5 = re.compile(r"^[0-9a-f]{32}$")


# --- names -----------------------------------------------------------------------------


def check_container_name(name: str) -> None:
    """Raise `InvalidInput` unless `name` can name a container (non-empty, no `/`, UTF-8)."""
    if not isinstance(name, str):
        raise TypeError(f"a container name is a str, not {type(name).__name__}")
    if not name:
        raise InvalidInput("a container name must not be empty", "container")
    if "/" in name:
        raise InvalidInput(
            f"invalid container name {name!r}: a container name cannot contain a slash (/)",
            "container",
        )
    _check_utf8(name, "container")


def check_object_name(name: str) -> None:
    """Raise `InvalidInput` unless `name` can name an object (non-empty, UTF-8)."""
    if not isinstance(name, str):
        raise TypeError(f"an object name is a str, not {type(name).__name__}")
    if not name:
        raise InvalidInput("an object name must not be empty", "object_name")
    _check_utf8(name, "object_name")


def _check_utf8(name: str, field: str) -> None:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"{field} {name!r} cannot be encoded as UTF-8", field) from None


def quote_name(name: str) -> str:
    """A container or object name as one URL path segment.

    The UTF-8 bytes are percent-encoded, `/` included, so that no client or proxy splits or
    normalises the name; a name that is exactly `.` or `..` is encoded too, since HTTP
    clients remove such segments from paths (RFC 3986 §5.2.4).

    Example:
        >>> quote_name("photos/2026 été.jpg")
        'photos%2F2026%20%C3%A9t%C3%A9.jpg'
        >>> quote_name("..")
        '%2E%2E'
    """
    quoted = quote(name, safe="")
    if quoted in (".", ".."):
        return quoted.replace(".", "%2E")
    return quoted


def quote_path(container: str, object_name: str | None = None) -> str:
    """`/container[/object]` with each name quoted: the form of `Destination`, `X-Copy-From`
    and bulk-delete lines, which Swift unquotes before splitting at the first `/`.

    Example:
        >>> quote_path("photos", "2026/été.jpg")
        '/photos/2026%2F%C3%A9t%C3%A9.jpg'
    """
    path = "/" + quote_name(container)
    if object_name is not None:
        path += "/" + quote_name(object_name)
    return path


def split_path(value: str, field: str) -> tuple[str, str]:
    """`"container/object"` (a leading `/` allowed) as its two names, checked."""
    container, sep, object_name = value.lstrip("/").partition("/")
    if not sep:
        raise InvalidInput(f"{field} must be 'container/object', not {value!r}", field)
    check_container_name(container)
    check_object_name(object_name)
    return container, object_name


# --- header values ---------------------------------------------------------------------


def to_wire(value: str, field: str) -> str:
    """A header value as it must travel: its UTF-8 bytes, carried in a latin-1 `str`.

    `http.client` encodes header values as latin-1, so this makes it send UTF-8, which is
    what Swift stores and returns.

    Raises:
        InvalidInput: The value holds CR, LF or NUL, or leading or trailing whitespace,
            which HTTP cannot carry unchanged.
    """
    if not isinstance(value, str):
        raise TypeError(f"{field} is a str, not {type(value).__name__}")
    if any(char in value for char in "\r\n\0"):
        raise InvalidInput(f"{field} {value!r} contains CR, LF or NUL", field)
    if value != value.strip(" \t"):
        raise InvalidInput(
            f"{field} {value!r} has leading or trailing whitespace, which HTTP drops", field
        )
    try:
        return value.encode("utf-8").decode("latin-1")
    except UnicodeEncodeError:
        raise InvalidInput(f"{field} {value!r} cannot be encoded as UTF-8", field) from None


def from_wire(value: str) -> str:
    """A received header value decoded as UTF-8 (requests decoded it as latin-1).

    A value that is not UTF-8 is returned as received.

    Example:
        >>> from_wire("caf\\xc3\\xa9")
        'café'
        >>> from_wire("café")
        'café'
    """
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _meta_key(key: str, field: str) -> str:
    if not isinstance(key, str) or not _TOKEN.match(key):
        raise InvalidInput(
            f"metadata name {key!r} in {field} is not an HTTP token (ASCII letters, digits and "
            "!#$%&'*+-.^_`|~)",
            field,
        )
    return key


def metadata_headers(
    kind: str,
    metadata: Mapping[str, str] | None,
    remove: Iterable[str] = (),
) -> dict[str, str]:
    """`X-<Kind>-Meta-<name>` headers for `metadata` and `X-Remove-<Kind>-Meta-<name>` ones
    for `remove`.

    Args:
        kind: `Account`, `Container` or `Object`.
        metadata: Names and values to set (an empty value also removes, as in Swift).
        remove: Names to remove.

    Raises:
        InvalidInput: A name is not an HTTP token, a value cannot be sent, or a name is both
            set and removed.
    """
    headers: dict[str, str] = {}
    set_names = set()
    for key, value in (metadata or {}).items():
        name = _meta_key(key, "metadata")
        set_names.add(name.lower())
        headers[f"X-{kind}-Meta-{name}"] = to_wire(value, f"metadata[{key!r}]")
    if isinstance(remove, str):
        raise TypeError("remove_metadata is a sequence of names, not a str")
    for key in remove:
        name = _meta_key(key, "remove_metadata")
        if name.lower() in set_names:
            raise InvalidInput(f"metadata {key!r} is both set and removed", "remove_metadata")
        headers[f"X-Remove-{kind}-Meta-{name}"] = "remove"
    return headers


def http_date(value: datetime) -> str:
    """An HTTP date (`If-Modified-Since`); a naive datetime is taken as UTC.

    Example:
        >>> http_date(datetime(2026, 11, 27, 8, 56, 18))
        'Fri, 27 Nov 2026 08:56:18 GMT'
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return format_datetime(value.astimezone(timezone.utc), usegmt=True)


def epoch_seconds(value: int | datetime, field: str) -> int:
    """Whole Unix seconds from an int or a datetime (naive taken as UTC)."""
    if isinstance(value, bool):
        raise InvalidInput(f"{field} must be a Unix time or a datetime, not a bool", field)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return int(value.timestamp())
    if isinstance(value, int):
        return value
    raise InvalidInput(
        f"{field} must be a Unix time or a datetime, not {type(value).__name__}", field
    )


def check_limit(limit: int | None) -> None:
    """Raise `InvalidInput` unless `limit` is None or an int ≥ 0.

    Swift silently ignores a limit it cannot read and answers 412 above its maximum
    (10,000 by default); the maximum is the server's to enforce.
    """
    if limit is None:
        return
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InvalidInput(f"limit must be an integer ≥ 0, not {limit!r}", "limit")


def accept_for_query(query: str) -> str:
    """The Accept header matching a listing query: its `format`, else plain text (the seed)."""
    from urllib.parse import parse_qs

    formats = parse_qs(query.lstrip("?")).get("format")
    wanted = formats[0].lower() if formats else "plain"
    return {"json": "application/json", "xml": "application/xml"}.get(wanted, "text/plain")


def listing_query(opts: Any, full: bool) -> str:
    """The query of a listing's options dataclass, `format=json` first when `full`.

    Raises:
        InvalidInput: A bad limit, or a text option that cannot be encoded as UTF-8.
    """
    from dataclasses import fields

    from stackdouble.client._query import build_query

    check_limit(getattr(opts, "limit", None))
    for f in fields(opts):
        value = getattr(opts, f.name)
        if isinstance(value, str) and "q" in f.metadata:
            _check_utf8(value, f.name)
    query = build_query(opts)
    if not full:
        return query
    return "?format=json" + ("&" + query[1:] if query else "")


def bulk_delete_body(paths: Iterable[str]) -> bytes:
    """The body of a bulk delete: one quoted `/container[/object]` per line."""
    return "".join(path + "\n" for path in paths).encode("ascii")


# --- reading headers -------------------------------------------------------------------


class HeaderReader:
    """Typed reads of a response's headers, case-insensitively.

    A header that is absent reads as None; one that is present but malformed raises
    `UnexpectedBody` naming it, so a broken server is noticed rather than read as zero.
    """

    __slots__ = ("_headers",)

    def __init__(self, headers: Mapping[str, str]) -> None:
        # lower-cased name -> (name as sent, value)
        self._headers = {key.lower(): (key, value) for key, value in headers.items()}

    def raw(self, name: str) -> str | None:
        """The value as received, or None."""
        found = self._headers.get(name.lower())
        return None if found is None else found[1]

    def text(self, name: str) -> str | None:
        """The value, decoded as UTF-8 when it is."""
        value = self.raw(name)
        return None if value is None else from_wire(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        """The value as an int (counts, lengths)."""
        value = self.raw(name)
        if value is None or value.strip() == "":
            return default
        try:
            return int(value.strip())
        except ValueError:
            raise UnexpectedBody(f"an integer in the {name} header", repr(value), path="") from None

    def count(self, name: str) -> int:
        """A count or size Swift always sends; 0 when absent (gophercloud's zero value)."""
        value = self.integer(name, 0)
        return 0 if value is None else value

    def http_date(self, name: str) -> datetime | None:
        """An HTTP date (`Last-Modified`, `Date`) as an aware UTC datetime."""
        value = self.raw(name)
        if not value:
            return None
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            raise UnexpectedBody(
                f"an HTTP date in the {name} header", repr(value), path=""
            ) from None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc)

    def timestamp(self, name: str) -> datetime | None:
        """A Swift timestamp (`X-Timestamp: 1795769777.10817`) or Unix time (`X-Delete-At`)
        as an aware UTC datetime."""
        value = self.raw(name)
        if not value:
            return None
        try:
            seconds = float(value.split("_", 1)[0])
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UnexpectedBody(
                f"a Unix timestamp in the {name} header", repr(value), path=""
            ) from None

    def flag(self, name: str) -> bool | None:
        """A boolean header (`X-Versions-Enabled: True`), read as Swift's `config_true_value`."""
        value = self.raw(name)
        if value is None:
            return None
        return value.strip().lower() in ("true", "1", "yes", "on", "t", "y")

    def etag(self, name: str = "etag") -> str | None:
        """The ETag without the quotes Swift puts around manifest ETags."""
        value = self.raw(name)
        if value is None:
            return None
        value = value.strip()
        if value.startswith("W/"):
            value = value[2:]
        return value.strip('"')

    def unquoted(self, name: str) -> str | None:
        """A header Swift sends URL-quoted (`X-Copied-From`), unquoted."""
        value = self.raw(name)
        return None if value is None else unquote(value)

    def metadata(self, prefix: str) -> dict[str, str]:
        """Every `<prefix><name>` header as `{name: value}`, temp-URL keys left out.

        Names keep the case Swift sent (it title-cases them); values are decoded as UTF-8.
        """
        prefix = prefix.lower()
        found: dict[str, str] = {}
        for lowered, (sent, value) in self._headers.items():
            if lowered.startswith(prefix) and lowered[len(prefix) :] not in SECRET_META_KEYS:
                found[sent[len(prefix) :]] = from_wire(value)
        return found

    def common(self) -> dict[str, Any]:
        """The fields of `ResponseHeaders`."""
        return {
            "trans_id": self.text("x-trans-id") or self.text("x-openstack-request-id"),
            "date": self.http_date("date"),
            "content_type": self.text("content-type"),
            "content_length": self.integer("content-length"),
        }


@dataclass(slots=True, kw_only=True)
class ResponseHeaders:
    """The headers every Swift response carries.

    Attributes:
        trans_id: Swift's transaction id (`X-Trans-Id`, also `X-Openstack-Request-Id`): what
            an operator needs to find the request in the logs.
        date: The response's `Date`.
        content_type: The response's `Content-Type`.
        content_length: The response's `Content-Length`.
    """

    trans_id: str | None = None
    date: datetime | None = None
    content_type: str | None = None
    content_length: int | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> ResponseHeaders:
        """Read the common headers of any Swift response."""
        return cls(**HeaderReader(headers).common())


class SwiftResult(HeaderResult):
    """A result whose data is in Swift's response headers.

    `extract()` (defined by each result) gives the typed headers, `extract_header()` the raw
    ones, and `extract_err()` only raises the error the call ended with, if any.
    """

    __slots__ = ()

    def extract_err(self) -> None:
        """Raise the error the call ended with; return None on success."""
        if self.err is not None:
            raise self.err


def is_plain_md5(etag: str | None) -> bool:
    """Whether an ETag is a plain MD5 of the content (not a manifest's quoted ETag)."""
    return etag is not None and bool(_MD5.match(etag))


# --- listings --------------------------------------------------------------------------


class ListingPage(MarkerPage):
    """A page of a Swift listing, plain text or JSON as its Content-Type says.

    `text/plain` (or no Content-Type, as gophercloud v2 allows) is one name per line;
    `application/json` is a list of rows. Any other Content-Type is an error that names it,
    raised when the page is read (including by the Pager's emptiness check), as in
    gophercloud's seed. A 204 is an empty page whatever it carries.

    The body is parsed once per page, though the Pager reads it three times (emptiness,
    items, next marker).
    """

    __slots__ = ("_parsed",)

    def listing_format(self) -> str:
        """`"json"` or `"text"`, from the Content-Type.

        Raises:
            UnexpectedBody: Any other Content-Type (XML, HTML...).
        """
        content_type = ""
        for key, value in self.headers.items():
            if key.lower() == "content-type":
                content_type = value
                break
        media = content_type.partition(";")[0].strip().lower()
        if media == "application/json":
            return "json"
        if media in ("text/plain", ""):
            return "text"
        raise UnexpectedBody(
            "a text/plain or application/json listing", f"Content-Type {content_type!r}"
        )

    def raw_items(self) -> list[Any]:
        """Names (text listing) or row dicts (JSON listing); empty for a 204."""
        return list(self._items())

    def _items(self) -> list[Any]:
        # Parsed once per page and shared by is_empty, the next marker and the extractors.
        try:
            return self._parsed
        except AttributeError:
            pass
        parsed = self._parse()
        self._parsed: list[Any] = parsed
        return parsed

    def is_empty(self) -> bool:
        """Whether the page lists nothing (a 204, or an empty list)."""
        return self.status == 204 or not self._items()

    def last_marker(self) -> str | None:
        """The last name on the page (or subdir), the marker of the next page."""
        items = self._items()
        if not items:
            return None
        last = items[-1]
        if isinstance(last, dict):
            value = last.get("name", last.get("subdir"))
            return None if value is None else str(value)
        return str(last)

    def _parse(self) -> list[Any]:
        if self.err is not None:
            raise self.err
        if self.status == 204:
            return []
        kind = self.listing_format()
        body = self.body
        if body is None or body == "":
            return []
        if kind == "json":
            # Decoded JSON rows are dicts: a C type check, not an ABC walk per row.
            if not isinstance(body, list) or not all(type(row) is dict for row in body):
                found = "text that is not JSON" if isinstance(body, str) else type(body).__name__
                raise UnexpectedBody("a JSON list of listing rows", found)
            return body
        if not isinstance(body, str):
            raise UnexpectedBody("a text listing", type(body).__name__)
        text = body if self._has_charset() else from_wire(body)
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines

    def _has_charset(self) -> bool:
        for key, value in self.headers.items():
            if key.lower() == "content-type":
                return "charset=" in value.lower()
        return False

    def names(self) -> list[str]:
        """The names on this page: each row's `name`, or `subdir` for a pseudo-directory."""
        items = self.raw_items()
        if items and isinstance(items[0], str):
            return items  # a text page: already a fresh list of names
        names: list[str] = []
        for item in items:
            if isinstance(item, str):
                names.append(item)
            elif "name" in item:
                names.append(str(item["name"]))
            elif "subdir" in item:
                names.append(str(item["subdir"]))
            else:
                raise UnexpectedBody(
                    "a listing row with 'name' or 'subdir'", f"keys {sorted(item)}"
                )
        return names

    def rows(self) -> list[Mapping[str, Any]]:
        """The JSON rows of this page.

        Raises:
            UnexpectedBody: The page is a text listing (list with `full=True` for rows).
        """
        if self.err is None and self.status != 204 and self.listing_format() == "text":
            raise UnexpectedBody(
                "a JSON listing (list with ListOpts(full=True))", "a text/plain listing"
            )
        return self._items()  # _parse has checked that every JSON row is an object


# --- bulk delete -----------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class BulkDeleteResponse:
    """The summary Swift's bulk middleware answers a bulk delete with.

    Swift answers 200 as soon as it starts, so the outcome is in here, not in the HTTP
    status: check `response_status` and `errors` (`swift/common/middleware/bulk.py`).

    Attributes:
        number_deleted: `Number Deleted`.
        number_not_found: `Number Not Found` (a missing name is not an error).
        response_status: `Response Status`, e.g. `200 OK` or `400 Bad Request`.
        response_body: `Response Body`, Swift's explanation when the status is not 2xx.
        errors: `Errors`: `(quoted path, status)` for each name that could not be deleted
            (a 409 for a container that is not empty).
    """

    number_deleted: int = 0
    number_not_found: int = 0
    response_status: str = ""
    response_body: str = ""
    errors: Sequence[tuple[str, str]] = ()

    @property
    def succeeded(self) -> bool:
        """Whether Swift reports success and no per-name error."""
        return self.response_status.startswith("2") and not self.errors

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> BulkDeleteResponse:
        """The summary from Swift's JSON."""
        return cls(
            number_deleted=int(raw.get("Number Deleted") or 0),
            number_not_found=int(raw.get("Number Not Found") or 0),
            response_status=str(raw.get("Response Status") or ""),
            response_body=str(raw.get("Response Body") or ""),
            errors=tuple((str(name), str(status)) for name, status in raw.get("Errors") or ()),
        )


class BulkDeleteResult(Result):
    """The result of a bulk delete; `extract()` gives the `BulkDeleteResponse`."""

    __slots__ = ()

    def extract(self) -> BulkDeleteResponse:
        """The summary, or raise the error the call ended with.

        Raises:
            UnexpectedBody: The body is not Swift's JSON summary.
        """
        body = self.extract_with(lambda raw: raw)
        if not isinstance(body, Mapping):
            found = "text" if isinstance(body, str) else type(body).__name__
            raise UnexpectedBody("a JSON bulk delete summary", found)
        return BulkDeleteResponse.from_json(body)


# --- errors ----------------------------------------------------------------------------


class ETagMismatch(HTTPError):
    """The content's MD5 does not match the object's ETag: the transfer was corrupted.

    Raised by `extract()` of an upload when Swift's answer carries an ETag other than the MD5
    the client computed (or was given), or when Swift refused the upload because the `ETag`
    sent did not match what it received (422 Unprocessable Entity); and while reading a
    download whose bytes do not hash to its ETag. Retrying the transfer is safe.

    Attributes:
        expected_etag: The MD5 of the bytes sent or received.
        received_etag: The ETag Swift answered, or None when it refused the upload (422).
    """

    def __init__(
        self,
        *,
        method: str,
        url: str,
        status: int,
        expected_etag: str,
        received_etag: str | None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.expected_etag = expected_etag
        self.received_etag = received_etag
        if received_etag is None:
            note = f"ETag mismatch: Swift refused content whose MD5 is not {expected_etag}"
        else:
            note = f"ETag mismatch: content MD5 {expected_etag}, Swift's ETag {received_etag}"
        super().__init__(
            method=method, url=url, status=status, body=body, headers=headers, note=note
        )
