"""Sorted listings with markers, one way for every fake service that pages by sort keys.

Nova and Cinder page the same way (`process_sort_params` and `paginate_query` in their
`db/sqlalchemy/api.py`): the requested sort keys, then `created_at` and `id` in the first
direction, so that the order is total; a page starts after the marker's position in that
order. The fakes keep each listing as a `sortedcontainers.SortedList` of `(created, id)`
keys, so the default order is walked from the marker in O(log n + page) (`walk`, `take`);
any other order sorts the candidates once and finds the marker by bisection
(`sort_key_for`, `after`).

Example:
    >>> keys, dirs = complete_sort([("name", "asc")])
    >>> keys, dirs
    (['name', 'created_at', 'id'], ['asc', 'asc', 'asc'])
    >>> rows = [{"name": "b", "created_at": 1, "id": 1}, {"name": None, "created_at": 2, "id": 2},
    ...         {"name": "a", "created_at": 3, "id": 3}]
    >>> key = sort_key_for([lambda r, k=k: r[k] for k in keys], ["desc", "asc", "asc"])
    >>> [r["id"] for r in sorted(rows, key=key)]
    [1, 3, 2]
    >>> [r["id"] for r in after(sorted(rows, key=key), key(rows[0]), key)]
    [3, 2]
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["DEFAULT_KEYS", "Descending", "after", "complete_sort", "sort_key_for", "take", "walk"]

_T = TypeVar("_T")
#: The keys every listing ends its order with, so that the order is total.
DEFAULT_KEYS = ("created_at", "id")


def complete_sort(sort: Sequence[tuple[str, str]], *, default_dir: str = "desc"
                  ) -> tuple[list[str], list[str]]:
    """`process_sort_params`: the keys and directions asked for, then `created_at` and
    `id` (those not asked for) in the first direction (`default_dir` when none is given).

    Example:
        >>> complete_sort([("id", "asc")])
        (['id', 'created_at'], ['asc', 'asc'])
    """
    keys = [k for k, _ in sort]
    dirs = [d for _, d in sort]
    first = dirs[0] if dirs else default_dir
    for default in DEFAULT_KEYS:
        if default not in keys:
            keys.append(default)
            dirs.append(first)
    return keys, dirs


class Descending:
    """Reverses the order of a value inside a sort key tuple.

    Example:
        >>> sorted([(1,), (3,), (2,)], key=Descending)
        [(3,), (2,), (1,)]
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: Descending) -> bool:
        return bool(self.value > other.value)

    def __gt__(self, other: Descending) -> bool:
        return bool(self.value < other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Descending) and bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.value)


def sort_key_for(getters: Sequence[Callable[[_T], Any]], dirs: Sequence[str]
                 ) -> Callable[[_T], tuple[Any, ...]]:
    """A sort key over `getters`, each ascending or `"desc"`ending as `dirs` says.

    None sorts before any value (after it, descending), as NULLs do in MySQL, without
    ever being compared with one.
    """
    pairs = list(zip(getters, [d == "desc" for d in dirs], strict=True))

    def sort_key(item: _T) -> tuple[Any, ...]:
        parts: list[Any] = []
        for getter, descending in pairs:
            value = getter(item)
            part = (value is not None, value)
            parts.append(Descending(part) if descending else part)
        return tuple(parts)

    return sort_key


def walk(pool: Any, mark: Any | None, descending: bool) -> Iterator[Any]:
    """The keys of a `SortedList` after `mark` (a key; None: from the start), in order.

    O(log n) to find the marker; the keys then come one at a time.
    """
    if descending:
        stop = pool.bisect_left(mark) if mark is not None else len(pool)
        return iter(pool.islice(0, stop, reverse=True))
    start = pool.bisect_right(mark) if mark is not None else 0
    return iter(pool.islice(start, None))


def after(ordered: Sequence[_T], mark_key: tuple[Any, ...] | None,
          sort_key: Callable[[_T], tuple[Any, ...]]) -> Iterator[_T]:
    """The items of `ordered` (sorted by `sort_key`) whose key is past `mark_key`.

    The marker is found by bisection; it need not be one of the items (Nova's marker may
    be a server the filters leave out).
    """
    if mark_key is None:
        return iter(ordered)
    start = bisect.bisect_right(ordered, mark_key, key=sort_key)
    return itertools.islice(ordered, start, None)


def take(items: Iterable[_T], keep: Callable[[_T], bool], offset: int, limit: int
         ) -> list[_T]:
    """The first `limit` items that `keep` accepts, after skipping `offset` of them."""
    out: list[_T] = []
    skip = offset
    for item in items:
        if not keep(item):
            continue
        if skip:
            skip -= 1
            continue
        out.append(item)
        if len(out) >= limit:
            break
    return out
