"""Query parsing of the fake Glance: the image listing's parameters and a download's `Range`.

The listing is `images.RequestDeserializer.index` (limit, marker, `member_status`, `tag`,
`visibility`, both sort syntaxes), the controller's `os_hidden` and `protected`, and the
database's filters (`_make_conditions_from_filters`):

* `size_min`/`size_max` (and `_min`/`_max` of `virtual_size`, `min_disk`, `min_ram`);
* `created_at`/`updated_at` with `gt:`, `gte:`, `lt:`, `lte:`, `neq:`, `eq:` and an ISO 8601
  time (compared to the second, as the API shows them);
* `name`, `id`, `status`, `container_format`, `disk_format` with `eq:` or `in:a,"b,c"`;
* `checksum`, `os_hash_value`, `owner` and the other columns by equality;
* any other key: an extra property with that value;
* every `tag` given must be on the image.

A key given twice counts once, with its last value (webob's `MultiDict`), except `tag`.
Glance answers 500 for a few malformed queries (`foo_min=1`, `Range: bytes=-`); the fake
answers 400 or 416 instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from stackdouble.fakes import timestamps
from stackdouble.fakes.image.errors import BadRequest, RangeNotSatisfiable
from stackdouble.fakes.image.models import Image, ImageQuery
from stackdouble.fakes.image.models.images import SORT_KEYS

__all__ = ["ByteRange", "last_values", "parse_list_query", "parse_range", "query_pairs"]

_NUMERIC = ("size", "virtual_size", "min_disk", "min_ram")
_OP_COLUMNS = ("name", "id", "status", "container_format", "disk_format")
_COLUMNS = ("owner", "os_hash_algo", "size", "virtual_size", "min_disk", "min_ram",
            "deleted_at")
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)",?|([^,]+),?|,')
_DECODE_ERROR = ("Error decoding your request. Either the URL or the request body contained "
                 "characters that could not be decoded by Glance")


def query_pairs(query_string: str) -> list[tuple[str, str]]:
    """The query's pairs, decoded as UTF-8 (webob's `request.params`).

    Raises:
        BadRequest: Bytes that are not UTF-8 ("Error decoding your request...").
    """
    try:
        return parse_qsl(query_string, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(_DECODE_ERROR) from None


def last_values(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """One value a key, the last one, keys in the order they first appear (`dict(params)`).

    Example:
        >>> last_values([("a", "1"), ("b", "2"), ("a", "3")])
        {'a': '3', 'b': '2'}
    """
    out: dict[str, str] = {}
    for key, value in pairs:
        out[key] = value
    return out


def parse_isotime(text: str) -> datetime:
    """oslo's `timeutils.parse_isotime`, as an aware UTC time (`fakes/timestamps.py`).

    Raises:
        ValueError: Not an ISO 8601 time.
    """
    when = timestamps.parse_isotime(text)
    if when is None:
        raise ValueError(text)
    return when


def _split_op(expression: str) -> tuple[str, str]:
    """`utils.split_filter_op`."""
    left, sep, right = expression.partition(":")
    if not sep:
        return "eq", left
    try:
        parse_isotime(expression)
    except ValueError:
        return left, right
    return "eq", expression


def _split_quoted(value: str) -> list[str]:
    """`utils.split_filter_value_for_quotes`, with `validate_quotes`."""
    opened = True
    for i, char in enumerate(value):
        if char != '"' or (i and value[i - 1] == "\\"):
            continue
        if opened and i and value[i - 1] != ",":
            raise BadRequest(f"Invalid filter value {value}. There is no comma before opening "
                             "quotation mark.")
        if not opened and i + 1 != len(value) and value[i + 1] != ",":
            raise BadRequest(f"Invalid filter value {value}. There is no comma after closing "
                             "quotation mark.")
        opened = not opened
    if not opened:
        raise BadRequest(f"Invalid filter value {value}. The quote is not closed.")
    return [m.group(1) or m.group(2) or "" for m in _QUOTED.finditer(value)]


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "gt": lambda a, b: bool(a > b), "gte": lambda a, b: bool(a >= b),
    "lt": lambda a, b: bool(a < b), "lte": lambda a, b: bool(a <= b),
    "neq": lambda a, b: bool(a != b), "eq": lambda a, b: bool(a == b),
}


def _time_filter(key: str, expression: str) -> Callable[[Image], bool]:
    op, text = _split_op(expression)
    try:
        threshold = parse_isotime(text)
    except ValueError:
        raise BadRequest(f'Bad "{key}" query filter format. Use ISO 8601 DateTime '
                         "notation.") from None
    compare = _COMPARE.get(op)
    if compare is None:
        raise BadRequest("Unable to filter on a unknown operator.")

    def check(image: Image) -> bool:
        value: datetime = getattr(image, key)
        return compare(value.replace(microsecond=0), threshold)

    return check


def _op_filter(key: str, expression: str) -> Callable[[Image], bool]:
    op, text = _split_op(expression)
    if op == "in":
        wanted = frozenset(_split_quoted(text))
        return lambda image: getattr(image, key) in wanted
    if op == "eq":
        return lambda image: getattr(image, key) == text
    raise BadRequest(f"Unable to filter by unknown operator '{op}'.")


def _range_filter(key: str, value: str) -> Callable[[Image], bool]:
    column, bound = key[:-4], key[-4:]
    try:
        number = int(value)
    except ValueError:
        raise BadRequest("Unable to filter on a range with a non-numeric value.") from None
    if column not in _NUMERIC:
        raise BadRequest("Unable to filter using the specified range.")

    def check(image: Image) -> bool:
        found = getattr(image, column)
        return found is not None and (found >= number if bound == "_min" else found <= number)

    return check


def _column_filter(key: str, value: str) -> Callable[[Image], bool]:
    if key in _NUMERIC:
        try:
            number = int(value)
        except ValueError:
            return lambda image: False
        return lambda image: getattr(image, key) == number
    if key == "deleted_at":
        return lambda image: False
    return lambda image: getattr(image, key) == value


def _property_filter(key: str, value: str) -> Callable[[Image], bool]:
    return lambda image: image.properties.get(key) == value


def _bool_filter(key: str, value: str, *, lower: bool) -> bool:
    text = value.lower() if lower else value
    if text not in ("true", "false"):
        raise BadRequest(f"Invalid value '{text}' for '{key}' filter. Valid values are "
                         "'true' or 'false'.")
    return text == "true"


def _sorting(params: dict[str, str], pairs: list[tuple[str, str]]) -> tuple[tuple[str, str],
                                                                            ...]:
    """`_get_sorting_params`, then `image_get_all`'s defaults."""
    keys: list[str] = []
    dirs: list[str] = []
    if "sort" in params:
        if "sort_key" in params or "sort_dir" in params:
            raise BadRequest("Old and new sorting syntax cannot be combined")
        for item in params["sort"].strip().split(","):
            key, _, direction = item.partition(":")
            keys.append(_sort_key(key.strip()))
            dirs.append(_sort_dir((direction or "desc").strip()))
    else:
        keys = [_sort_key(v.strip()) for k, v in pairs if k == "sort_key"]
        dirs = [_sort_dir(v.strip()) for k, v in pairs if k == "sort_dir"]
        if len(dirs) > 1 and len(dirs) != len(keys):
            raise BadRequest("Number of sort dirs does not match the number of sort keys")
    keys = keys or ["created_at"]
    dirs = dirs or ["desc"]
    default = "desc"
    if len(dirs) == 1:
        default = dirs[0]
        dirs = dirs * len(keys)
    for extra in ("created_at", "id"):
        if extra not in keys:
            keys.append(extra)
            dirs.append(default)
    return tuple(zip(keys, dirs, strict=True))


def _sort_key(key: str) -> str:
    if key not in SORT_KEYS:
        raise BadRequest(f"Invalid sort key: {key}. It must be one of the following: "
                         f"{', '.join(SORT_KEYS)}.")
    return key


def _sort_dir(direction: str) -> str:
    if direction not in ("asc", "desc"):
        raise BadRequest(f"Invalid sort direction: {direction}")
    return direction


def parse_list_query(pairs: list[tuple[str, str]]) -> ImageQuery:
    """The listing a query asks for.

    Raises:
        BadRequest: Glance's messages for a bad visibility, member status, limit, sort,
            `os_hidden`/`protected` value, filter operator, range or time.
    """
    params = last_values(pairs)
    limit_text = params.pop("limit", None)
    marker = params.pop("marker", None)
    member_status = params.pop("member_status", "accepted")
    tags = [v.strip() for k, v in pairs if k == "tag"]
    params.pop("tag", None)
    params.pop("deleted", None)  # the controller always lists undeleted images
    visibility = params.pop("visibility", None)
    if visibility and visibility not in ("community", "public", "private",
                                                     "shared", "all"):
        raise BadRequest(f"Invalid visibility value: {visibility}")
    if params.get("changes-since"):
        raise BadRequest('The "changes-since" filter is no longer available on v2.')
    if member_status not in ("pending", "accepted", "rejected", "all"):
        raise BadRequest(f"Invalid status: {member_status}")
    limit: int | None = None
    if limit_text is not None:
        try:
            limit = int(limit_text)
        except ValueError:
            raise BadRequest("limit param must be an integer") from None
        if limit < 0:
            raise BadRequest("limit param must be positive")
    sort = _sorting(params, pairs)
    for key in ("sort", "sort_key", "sort_dir"):
        params.pop(key, None)
    hidden = _bool_filter("os_hidden", params.pop("os_hidden", "false"), lower=True)
    filters: list[Callable[[Image], bool]] = [lambda image: image.os_hidden == hidden]
    if "protected" in params:
        protected = _bool_filter("protected", params.pop("protected"), lower=False)
        filters.append(lambda image: image.protected == protected)
    for key in ("checksum", "os_hash_value"):
        if key in params:
            filters.append(_column_filter(key, params.pop(key)))
    if tags:
        filters.append(lambda image: all(t in image.tags for t in tags))
    for key, value in params.items():
        if key.endswith(("_min", "_max")):
            filters.append(_range_filter(key, value))
        elif key in ("created_at", "updated_at"):
            filters.append(_time_filter(key, value))
        elif key in _OP_COLUMNS:
            filters.append(_op_filter(key, value))
        elif key in _COLUMNS:
            filters.append(_column_filter(key, value))
        else:
            filters.append(_property_filter(key, value))
    return ImageQuery(limit=limit, marker=marker, member_status=member_status,
                      visibility=visibility, sort=sort, filters=tuple(filters))


# -- Range --------------------------------------------------------------------------------

_RANGE = re.compile(r"bytes *= *(\d*) *- *(\d*)", re.I)
_CONTENT_RANGE = re.compile(r"bytes (?:(\d+)-(\d+)|[*])/(?:(\d+)|[*])")


class ByteRange:
    """The bytes a download serves: `offset`, `length`, and `end` (inclusive), for the
    `Content-Range` of a 206."""

    __slots__ = ("end", "length", "offset")

    def __init__(self, offset: int, length: int, end: int) -> None:
        self.offset = offset
        self.length = length
        self.end = end

    def __repr__(self) -> str:
        return f"ByteRange(offset={self.offset}, length={self.length}, end={self.end})"


def parse_range(range_header: str | None, content_range: str | None, size: int
                ) -> ByteRange | None:
    """The part of a `size`-byte image a download asks for (`Request.get_range_from_request`
    and the download serializer); None for the whole.

    Example:
        >>> parse_range("bytes=0-4", None, 10)
        ByteRange(offset=0, length=5, end=4)
        >>> parse_range("bytes=-3", None, 10)
        ByteRange(offset=7, length=3, end=9)

    Raises:
        BadRequest: Several ranges.
        RangeNotSatisfiable: A range Glance refuses.
    """
    if range_header is not None:
        if "," in range_header:
            raise BadRequest("Requests with multiple ranges are not supported in Glance. You "
                             "may make multiple single-range requests instead.")
        match = _RANGE.match(range_header)
        start_text, end_text = match.groups() if match else ("", "")
        if not start_text and not end_text:
            raise RangeNotSatisfiable("Invalid Range header.")
        if not start_text:
            start, end = -int(end_text), None
        else:
            start, end = int(start_text), (int(end_text) + 1 if end_text else None)
            if end is not None and start >= end:
                raise RangeNotSatisfiable("Invalid Range header.")
        if start >= size:
            raise RangeNotSatisfiable(f"Invalid start position in Range header. Start "
                                      f"position MUST be in the inclusive range [0, "
                                      f"{size - 1}].")
        offset = start if start >= 0 else (size + start if -start < size else 0)
        if end is not None and end < size:
            return ByteRange(offset, end - offset, end - 1)
        return ByteRange(offset, size - offset, size - 1)
    if content_range is None:
        return None
    match = _CONTENT_RANGE.match(content_range)
    if match is None or match.group(1) is None:
        raise RangeNotSatisfiable("Invalid Content-Range header.")
    first, stop = int(match.group(1)), int(match.group(2)) + 1
    total = int(match.group(3)) if match.group(3) else None
    if first >= stop or (total is not None and stop > total):
        raise RangeNotSatisfiable("Invalid Content-Range header.")
    if total is None and stop > size:
        raise RangeNotSatisfiable(f"Invalid stop position in Content-Range header. The stop "
                                  f"position MUST be in the inclusive range [0, {size - 1}].")
    if first >= size:
        raise RangeNotSatisfiable(f"Invalid start position in Content-Range header. Start "
                                  f"position MUST be in the inclusive range [0, "
                                  f"{size - 1}].")
    stop = min(stop, size)
    return ByteRange(first, stop - first, stop - 1)
