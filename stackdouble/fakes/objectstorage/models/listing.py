"""Listings of the fake Swift: one page of an account's containers or a container's
objects, as `(name, is_subdir)` pairs, which `views` renders.

Names are kept in `sortedcontainers.SortedDict`s, so a marker seek is O(log n), a page
O(page), and a delimiter walk jumps over a whole pseudo-directory with one more seek
(`list_entries`, a transcription of `swift/container/backend.py` `list_objects_iter`).
Python's `str` order is code-point order, which is the UTF-8 byte (memcmp) order Swift
lists in, since valid names hold no surrogates.

Names in Swift's reserved namespace (starting with `RESERVED`, NUL: object_versioning's
`\\x00versions\\x00<container>`) are left out, as both brokers leave them out unless the
request carries `X-Backend-Allow-Reserved-Names` (which the gatekeeper strips from users').
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from sortedcontainers import SortedDict  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.objectstorage.models._common import _MAX_CHAR

__all__ = ["RESERVED", "after_prefix", "list_entries"]

#: Swift's `RESERVED_BYTE`: names starting with it are internal (`get_reserved_name`).
RESERVED = "\x00"
#: The least name outside the reserved namespace, the lower bound of every listing.
_FIRST_UNRESERVED = chr(ord(RESERVED) + 1)


def after_prefix(prefix: str) -> str | None:
    """The least string above every string starting with `prefix` (None: there is none).

    Swift writes `prefix[:-1] + chr(ord(prefix[-1]) + 1)`; this also steps over the
    surrogates, which no name can hold, and past U+10FFFF.

    Example:
        >>> after_prefix("photos/"), after_prefix("a\\U0010ffff"), after_prefix("")
        ('photos0', 'b', None)
    """
    chars = list(prefix)
    while chars:
        code = ord(chars.pop())
        if code < _MAX_CHAR:
            code += 1
            if 0xD800 <= code <= 0xDFFF:
                code = 0xE000
            return "".join(chars) + chr(code)
    return None


def list_entries(
    index: SortedDict,
    *,
    limit: int,
    marker: str | None = None,
    end_marker: str | None = None,
    prefix: str | None = None,
    delimiter: str | None = None,
    path: str | None = None,
    reverse: bool = False,
    allow_reserved: bool = False,
) -> list[tuple[str, bool]]:
    """One page of a listing, as `(name, is_subdir)` pairs.

    A transcription of `ContainerBroker.list_objects_iter` (and of the account broker's
    `list_containers_iter`, which has no `path`), with each SQL query replaced by a seek in
    `index`: names are > marker and < end_marker, start with prefix; with a delimiter,
    each name holding it after the prefix rolls up into one `subdir` row (counted toward
    the limit, and left out when it equals the marker), and the walk jumps past the rest of
    that pseudo-directory; `reverse` lists backwards, the markers swapping roles; `path`
    lists the names directly under `path/`, without subdir rows. Reserved names (from
    `RESERVED` on) are listed only with `allow_reserved`: otherwise every seek starts at
    `\\x01` at the lowest, the brokers' `name >= chr(ord(RESERVED_BYTE) + 1)`.

    Example:
        >>> index = SortedDict.fromkeys(["\\x00versions\\x00b", "a", "b/1", "b/2", "c"])
        >>> list_entries(index, limit=10, delimiter="/")
        [('a', False), ('b/', True), ('c', False)]
        >>> list_entries(index, limit=2, delimiter="/", reverse=True)
        [('c', False), ('b/', True)]
    """
    if reverse:
        marker, end_marker = end_marker, marker
    if path is not None:
        prefix = path
        if path:
            prefix = path = path.rstrip("/") + "/"
        delimiter = "/"
    elif delimiter and not prefix:
        prefix = ""
    end_prefix = after_prefix(prefix) if prefix else None
    orig_marker = marker
    results: list[tuple[str, bool]] = []
    force_gte = False
    while len(results) < limit:
        upper: str | None = None
        if end_marker and (not prefix or end_prefix is None or end_marker < end_prefix):
            upper = end_marker
        elif prefix:
            upper = end_prefix
        lower: str | None = None
        inclusive = True
        if force_gte:
            lower = marker
            force_gte = False
        elif marker and (not prefix or marker >= prefix):
            lower, inclusive = marker, False
        elif prefix:
            lower = prefix
        if not allow_reserved and (lower is None or lower < _FIRST_UNRESERVED):
            lower, inclusive = _FIRST_UNRESERVED, True
        rows: Iterator[str] = islice(
            index.irange(lower, upper, inclusive=(inclusive, False), reverse=reverse),
            limit - len(results))
        if prefix is None or not delimiter:
            results.extend((name, False) for name in rows)
            return results
        rowcount = 0
        for name in rows:
            rowcount += 1
            if reverse:
                end_marker = name
            else:
                marker = name
            end = name.find(delimiter, len(prefix))
            if path is not None:
                if name == path:
                    continue
                if end >= 0 and len(name) > end + len(delimiter):
                    if reverse:
                        end_marker = name[:end + len(delimiter)]
                    else:
                        after = after_prefix(name[:end + len(delimiter)])
                        if after is None:
                            return results
                        marker = after
                    break
            elif end >= 0:
                dir_name = name[:end + len(delimiter)]
                if reverse:
                    end_marker = dir_name
                else:
                    after = after_prefix(dir_name)
                    if after is None:
                        if dir_name != orig_marker:
                            results.append((dir_name, True))
                        return results
                    marker = after
                    force_gte = True
                if dir_name != orig_marker:
                    results.append((dir_name, True))
                break
            results.append((name, False))
        if not rowcount:
            break
    return results
