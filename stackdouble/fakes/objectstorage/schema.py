"""How the fake Swift reads a request's query and headers, before any rule applies.

Listings: the format (`swift/common/middleware/listing_formats.py`
`get_listing_content_type`, swob's `Accept.best_match`) and the parameters
(`swift/common/request_helpers.py` `get_param`, `constrain_req_limit`, in the order the
account and container servers read them). Reads: conditions and ranges
(`swift/common/swob.py`: `Match`, `_get_conditional_response_status`, `Range`). Copies:
the copy middleware's path headers (`request_helpers.check_path_header`,
`constraints.check_account_format`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_to_bytes

from stackdouble.fakes.objectstorage.errors import TEXT, SwiftError
from stackdouble.fakes.objectstorage.models import ts_ceil

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import StoredObject

__all__ = [
    "LISTING_TYPES",
    "Match",
    "account_header",
    "account_listing_options",
    "best_match",
    "conditional_status",
    "container_listing_options",
    "get_param",
    "http_seconds",
    "is_true",
    "limit",
    "listing_type",
    "normalize_etag",
    "parse_ranges",
    "path_header",
]

#: What a listing can be (`listing_formats`), best first when Accept allows several.
LISTING_TYPES = ("text/plain", "application/json", "application/xml", "text/xml")
_FORMATS = {"plain": "text/plain", "json": "application/json", "xml": "application/xml"}
_CONTAINER_PARAMS = ("marker", "end_marker", "prefix", "delimiter", "path", "format",
                     "reverse", "states", "includes")
_TRUE = frozenset({"true", "1", "yes", "on", "t", "y"})

#: A query parameter getter: `Call.param`.
Param = Callable[[str], "str | None"]


def get_param(params: Mapping[str, str], name: str) -> str | None:
    """A query parameter decoded as UTF-8 (`request_helpers.get_param`); `params` holds
    the query's values as WSGI strings.

    Raises:
        SwiftError: 400, it is not UTF-8.
    """
    value = params.get(name)
    if value:
        try:
            return value.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            raise SwiftError(400, f'"{name}" parameter not valid UTF-8',
                             content_type=TEXT) from None
    return value


def is_true(value: str | None) -> bool:
    """Swift's `config_true_value`: `true`, `1`, `yes`, `on`, `t` or `y`, any case."""
    return value is not None and value.strip().lower() in _TRUE


# -- listings --------------------------------------------------------------------------------


_ACCEPT_TOKEN = r"[^()<>@,;:\"/\[\]?={}\x00-\x20\x7f]+"
_ACCEPT = re.compile(
    r"^\s*(" + _ACCEPT_TOKEN + r")/(" + _ACCEPT_TOKEN + r")((?:\s*;\s*(?:" + _ACCEPT_TOKEN
    + r")\s*=\s*(?:" + _ACCEPT_TOKEN + r'|"(?:[^"\\]|(?:\\.))*"))*?\s*)$')


def best_match(accept: str | None, options: tuple[str, ...]) -> str | None:
    """swob's `Accept.best_match`: the first option the best-rated pattern matches.

    Raises:
        ValueError: A malformed Accept header.

    Example:
        >>> best_match("application/json;q=0.9, text/*", LISTING_TYPES)
        'text/plain'
        >>> best_match(None, LISTING_TYPES), best_match("image/png", LISTING_TYPES)
        ('text/plain', None)
    """
    types: list[tuple[str, float, bool]] = []
    if accept:
        for item in accept.split(","):
            found = _ACCEPT.findall(item)
            if not found:
                raise ValueError("Invalid accept header")
            typ, subtype, parms = found[0]
            quality = 1.0
            seen_q = False
            for parm in (p.strip() for p in parms.split(";") if p.strip()):
                name, value = parm.split("=")
                if name.strip() == "q":
                    if seen_q:
                        raise ValueError('Multiple "q" params')
                    seen_q = True
                    quality = float(value.strip())
            pattern = ("^" + (_ACCEPT_TOKEN if typ == "*" else re.escape(typ)) + "/"
                       + (_ACCEPT_TOKEN if subtype == "*" else re.escape(subtype)) + "$")
            types.append((pattern, quality, "*" not in (typ, subtype)))
    if not types:
        return options[0] if options else None
    types.sort(reverse=True, key=lambda t: (t[1], t[2]))
    for pattern, _, _ in types:
        for option in options:
            if re.match(pattern, option):
                return option
    return None


def listing_type(param: Param, accept: str | None) -> str:
    """`listing_formats.get_listing_content_type`: `format=` wins, else Accept.

    Raises:
        SwiftError: 400 for a malformed Accept header; 406 when no listing type fits.
    """
    wanted = param("format")
    if wanted:
        accept = _FORMATS.get(wanted.lower(), "text/plain")
    try:
        found = best_match(accept, LISTING_TYPES)
    except ValueError:
        raise SwiftError(400, "Invalid Accept header") from None
    if not found:
        raise SwiftError(406)
    return found


def limit(param: Param, maximum: int) -> int:
    """`request_helpers.constrain_req_limit`: digits only, else the maximum.

    Raises:
        SwiftError: 412 above `maximum`.
    """
    given = param("limit")
    if given and given.isdigit():
        count = int(given)
        if count > maximum:
            raise SwiftError(412, f"Maximum limit is {maximum}")
        return count
    return maximum


def account_listing_options(param: Param, maximum: int) -> dict[str, Any]:
    """The account server's listing parameters, as `models.list_entries` takes them.

    Raises:
        SwiftError: 400 for a parameter that is not UTF-8; 412 for a limit above `maximum`.
    """
    prefix = param("prefix")
    delimiter = param("delimiter")
    reverse = is_true(param("reverse"))
    count = limit(param, maximum)
    marker = param("marker")
    end_marker = param("end_marker")
    return {"limit": count, "marker": marker, "end_marker": end_marker, "prefix": prefix,
            "delimiter": delimiter, "reverse": reverse}


def container_listing_options(param: Param, maximum: int) -> dict[str, Any]:
    """The container server's listing parameters (every one checked for UTF-8 first), as
    `models.list_entries` takes them.

    Raises:
        SwiftError: 400 for a parameter that is not UTF-8; 412 for a limit above `maximum`.
    """
    for name in _CONTAINER_PARAMS:
        param(name)
    return {"limit": limit(param, maximum),
            "marker": param("marker"), "end_marker": param("end_marker"),
            "prefix": param("prefix"), "delimiter": param("delimiter"),
            "path": param("path"), "reverse": is_true(param("reverse"))}


# -- conditions and ranges ----------------------------------------------------------------------


class Match:
    """swob's `Match`: the tags of If-Match / If-None-Match, quotes removed."""

    __slots__ = ("tags",)

    def __init__(self, value: str) -> None:
        self.tags = {normalize_etag(t.strip()) for t in value.split(",") if t.strip()}

    def __contains__(self, etag: str) -> bool:
        return "*" in self.tags or normalize_etag(etag) in self.tags


def normalize_etag(tag: str) -> str:
    """An entity tag without its quotes."""
    if tag and tag.startswith('"') and tag.endswith('"') and tag != '"':
        return tag[1:-1]
    return tag


def http_seconds(value: str | None) -> int | None:
    """An HTTP date as Unix seconds; None when absent or unreadable."""
    if not value:
        return None
    from email.utils import parsedate_tz

    try:
        parsed = parsedate_tz(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    from calendar import timegm

    return timegm((*parsed[:6], 0, 0, 0)) - (parsed[9] or 0)


def conditional_status(headers: Mapping[str, str], obj: StoredObject | None) -> int | None:
    """swob's `_get_conditional_response_status`: 304, 412 or None."""
    etag = obj.etag if obj is not None else None
    if_none = headers.get("If-None-Match")
    if_match = headers.get("If-Match")
    if etag and if_none is not None and etag in Match(if_none):
        return 304
    if etag and if_match is not None and etag not in Match(if_match):
        return 412
    if obj is None:
        return 412 if if_match is not None and "*" in Match(if_match).tags else None
    modified = ts_ceil(obj.meta_timestamp)
    since = http_seconds(headers.get("If-Modified-Since"))
    if since is not None and modified <= since:
        return 304
    unmodified = http_seconds(headers.get("If-Unmodified-Since"))
    if unmodified is not None and modified > unmodified:
        return 412
    return None


def parse_ranges(value: str, length: int) -> list[tuple[int, int]] | None:
    """swob's `Range(value).ranges_for_length(length)`: `(start, stop)` pairs; None when
    the header must be ignored; `[]` when nothing is satisfiable (416).

    Example:
        >>> parse_ranges("bytes=0-3", 11), parse_ranges("bytes=-500", 11)
        ([(0, 4)], [(0, 11)])
        >>> parse_ranges("bytes=20-", 11), parse_ranges("bytes=5-3", 11)
        ([], None)
    """
    value = value.replace(" ", "")
    if not value.lower().startswith("bytes="):
        return None
    spans: list[tuple[int | None, int | None]] = []
    for rng in value[6:].split(","):
        if "-" not in rng:
            return None
        first, last = rng.split("-", 1)
        try:
            start = int(first) if first else None
        except ValueError:
            return None
        if last:
            if not last.isdigit():
                return None
            end: int | None = int(last)
            if start is not None and end is not None and end < start:
                return None
        else:
            end = None
            if start is None:
                return None
        spans.append((start, end))
    if not spans:
        return None
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if start is None:
            assert end is not None
            if end == 0:
                continue
            out.append((0, length) if end > length else (length - end, length))
        elif end is None:
            if start < length:
                out.append((start, length))
        elif start < length:
            out.append((start, min(end + 1, length)))
    if len(out) > 50:
        return []
    overlaps = 0
    for i, (s1, e1) in enumerate(out):
        for s2, e2 in out[i + 1:]:
            if s1 < s2 < e1 or s1 < e2 < e1 or s2 < s1 < e2 or s2 < e1 < e2:
                overlaps += 1
                if overlaps > 2:
                    return []
    if any(a > b for a, b in pairwise(out)) and len(out) >= 8:
        return []
    return out


# -- copies ----------------------------------------------------------------------------------------


def _unquote(value: str) -> str:
    return unquote_to_bytes(value).decode("utf-8", "surrogateescape")


def path_header(value: str, error: str) -> tuple[str, str]:
    """`request_helpers.check_path_header`: unquote, split at the first `/`.

    Raises:
        SwiftError: 412 with `error`, not `<container>/<object>`.
    """
    value = _unquote(value)
    if not value.startswith("/"):
        value = "/" + value
    segs = value.split("/", 2)
    if len(segs) != 3 or not segs[1] or not segs[2]:
        raise SwiftError(412, error)
    return segs[1], segs[2]


def account_header(value: str) -> str:
    """`constraints.check_account_format`.

    Raises:
        SwiftError: 412, an empty account or one with a slash.
    """
    account = _unquote(value)
    if not account:
        raise SwiftError(412, "Account name cannot be empty")
    if "/" in account:
        raise SwiftError(412, "Account name cannot contain slashes")
    return account
