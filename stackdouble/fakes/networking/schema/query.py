"""Listing queries as Neutron reads them (`neutron/api/api_common.py`): filters on any
attribute (`name=a&name=b` is "either"), `fields`, `sort_key`/`sort_dir`, `limit`, `marker`
and `page_reverse`, the tag filters (`tags`, `tags-any`, `not-tags`, `not-tags-any`, each a
comma-separated list), and the `<collection>_links` Neutron renders
(`get_pagination_links`).

Filtering and sorting work on the rendered resources, so any attribute a caller sees can be
filtered on. Sorting is native (ML2's): the keys asked for, then `id`; the marker is a
resource id and paging continues after its sort values.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.networking.errors import BadRequest, HTTPBadRequest

__all__ = ["ListQuery", "by_id", "page", "page_by_id", "parse_list"]

#: Query keys that are not filters.
_RESERVED = frozenset({"fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse",
                       "tags", "tags-any", "not-tags", "not-tags-any"})


@dataclass(slots=True)
class ListQuery:
    """A parsed listing query."""

    pairs: list[tuple[str, str]]
    filters: dict[str, list[str]] = field(default_factory=dict)
    fields: list[str] = field(default_factory=list)
    sorts: list[tuple[str, bool]] = field(default_factory=list)
    limit: int | None = None
    marker: str | None = None
    page_reverse: bool = False
    tags: dict[str, list[str]] = field(default_factory=dict)


def parse_list(query_string: str, attributes: Sequence[str]) -> ListQuery:
    """Read a listing's query string; `attributes` are those of the resource.

    Raises:
        HTTPBadRequest: An unknown filter or sort key, a bad sort direction.
        BadRequest: A bad limit.
    """
    pairs = parse_qsl(query_string, keep_blank_values=True)
    query = ListQuery(pairs)
    unknown = []
    for key, value in pairs:
        if key in _RESERVED:
            continue
        if key not in attributes:
            unknown.append(key)
        elif value:
            query.filters.setdefault(key, []).append(value)
    if unknown:
        raise HTTPBadRequest(f"{unknown} is invalid attribute for filtering")
    args: dict[str, list[str]] = {}
    for key, value in pairs:
        args.setdefault(key, []).append(value)
    query.fields = [v for v in args.get("fields", []) if v]
    keys = [v for v in args.get("sort_key", []) if v]
    dirs = [v for v in args.get("sort_dir", []) if v]
    if len(keys) != len(dirs):
        raise HTTPBadRequest("The number of sort_keys and sort_dirs must be same")
    absent = [k for k in keys if k not in attributes]
    if absent:
        raise HTTPBadRequest(f"{absent} is invalid attribute for sort_keys")
    bad = [d for d in dirs if d not in ("asc", "desc")]
    if bad:
        raise HTTPBadRequest(f"{bad} is invalid value for sort_dirs, valid value is 'asc' "
                             f"and 'desc'")
    query.sorts = list(zip(keys, [d == "asc" for d in dirs], strict=True))
    raw_limit = args.get("limit", ["0"])[0]
    try:
        limit = int(raw_limit)
        if limit < 0:
            raise ValueError(raw_limit)
    except ValueError:
        raise BadRequest(resource="limit", msg=f"Limit must be an integer 0 or greater and "
                                               f"not '{raw_limit}'") from None
    query.limit = limit or None
    query.marker = args.get("marker", [None])[0] if query.limit else None
    query.page_reverse = args.get("page_reverse", ["False"])[0].lower() == "true"
    for key in ("tags", "tags-any", "not-tags", "not-tags-any"):
        if args.get(key):
            query.tags[key] = [t for v in args[key] for t in v.split(",") if t]
    return query


def _matches(item: dict[str, Any], key: str, wanted: list[str]) -> bool:
    value = item.get(key)
    if key == "fixed_ips":
        specs = [dict(parse_qsl(w)) for w in wanted]
        return any(all(ip.get(k) == v for k, v in spec.items())
                   for spec in specs for ip in value or [])
    if isinstance(value, list):
        return any(str(v) in wanted for v in value)
    if isinstance(value, bool):
        return any(w.lower() in (("true", "1") if value else ("false", "0")) for w in wanted)
    return (str(value) if value is not None else "") in wanted


def _tags_match(item: dict[str, Any], tags: dict[str, list[str]]) -> bool:
    have = set(item.get("tags", []))
    if "tags" in tags and not set(tags["tags"]) <= have:
        return False
    if "tags-any" in tags and not have & set(tags["tags-any"]):
        return False
    if "not-tags" in tags and set(tags["not-tags"]) <= have:
        return False
    return not ("not-tags-any" in tags and have & set(tags["not-tags-any"]))


def _compare(a: Any, b: Any) -> int:
    if a is None or b is None:
        return (a is not None) - (b is not None)  # NULL first, as MySQL sorts it
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        a, b = str(a), str(b)
    return int(a > b) - int(a < b)


def _sort_value(key: str, item: dict[str, Any]) -> tuple[Any, ...]:
    """An item's sort value for one key, ordered as `_compare` orders them."""
    value = item.get(key)
    if value is None:
        return ()
    return (str(value) if isinstance(value, (list, dict)) else value,)


def _sort_cmp(sorts: Sequence[tuple[str, bool]]) -> Callable[[dict[str, Any], dict[str, Any]],
                                                             int]:
    def cmp(x: dict[str, Any], y: dict[str, Any]) -> int:
        for key, asc in sorts:
            found = _compare(x.get(key), y.get(key))
            if found:
                return found if asc else -found
        return 0
    return cmp


def page(items: list[dict[str, Any]], query: ListQuery, marker_item: dict[str, Any] | None,
         ) -> list[dict[str, Any]]:
    """Filter, sort and cut one page (before `fields`); `marker_item` is the marker's
    rendered resource (the handler answers 404 for an unknown marker)."""
    found = [i for i in items
             if all(_matches(i, k, v) for k, v in query.filters.items())
             and _tags_match(i, query.tags)]
    sorts = list(query.sorts)
    if "id" not in dict(sorts):
        sorts.append(("id", True))
    if query.page_reverse:
        sorts = [(k, not asc) for k, asc in sorts]
    for key, asc in reversed(sorts):  # stable passes, last key first: one key call an item
        found.sort(key=functools.partial(_sort_value, key), reverse=not asc)
    if marker_item is not None:
        order = functools.cmp_to_key(_sort_cmp(sorts))
        found = found[bisect.bisect_right(found, order(marker_item), key=order):]
    if query.limit is not None:
        found = found[:query.limit]
    if query.page_reverse:
        found.reverse()
    return found


def by_id(query: ListQuery) -> bool:
    """Whether the listing is in id order (no `sort_key`, or `id` alone), which
    `page_by_id` pages from an index without rendering or sorting the rest."""
    return not query.sorts or (len(query.sorts) == 1 and query.sorts[0][0] == "id")


def page_by_id(ids: SortedList[str], render: Callable[[str], dict[str, Any] | None],
               query: ListQuery, marker_id: str | None) -> list[dict[str, Any]]:
    """`page` for a listing in id order (`by_id`), from the ids in ascending order: walks
    from the marker, rendering each (`render` answers None for what the caller may not
    see) until the page is full, so a page costs O(page), not O(resources). The result is
    `page`'s on the same resources."""
    forward = (query.sorts[0][1] if query.sorts else True) != query.page_reverse
    walk: Iterable[str]
    if marker_id is None:
        walk = ids if forward else reversed(ids)
    elif forward:
        walk = ids.irange(minimum=marker_id, inclusive=(False, True))
    else:
        walk = ids.irange(maximum=marker_id, inclusive=(True, False), reverse=True)
    found: list[dict[str, Any]] = []
    for item_id in walk:
        item = render(item_id)
        if item is None or not (all(_matches(item, k, v) for k, v in query.filters.items())
                                and _tags_match(item, query.tags)):
            continue
        found.append(item)
        if len(found) == query.limit:
            break
    if query.page_reverse:
        found.reverse()
    return found


def links(collection_url: str, query: ListQuery, items: list[dict[str, Any]]
          ) -> list[dict[str, str]]:
    """`get_pagination_links`: `next` unless a short forward page, `previous` unless a short
    reverse page; each keeps the query and swaps the marker."""
    if not query.limit:
        return []
    out = []
    if not (len(items) < query.limit and not query.page_reverse):
        params = [(k, v) for k, v in query.pairs if k not in ("marker", "page_reverse")]
        if items:
            params.append(("marker", items[-1]["id"]))
        out.append({"rel": "next", "href": f"{collection_url}?{urlencode(params)}"})
    if not (len(items) < query.limit and query.page_reverse):
        params = [(k, v) for k, v in query.pairs if k not in ("marker", "page_reverse")]
        if items:
            params.append(("marker", items[0]["id"]))
        params.append(("page_reverse", "True"))
        out.append({"rel": "previous", "href": f"{collection_url}?{urlencode(params)}"})
    return out


def select(item: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """`fields=`: only the attributes asked for (all when none are)."""
    if not fields:
        return item
    return {k: v for k, v in item.items() if k in fields}
