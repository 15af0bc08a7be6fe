"""The fake Neutron's listing order against Neutron's rules, written out here on their own:
the sort keys asked for in turn, NULLs first when ascending (as MySQL sorts them), then `id`;
`page_reverse` flips every direction and turns the page back; a marker continues after
its item's sort values."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stackdouble.fakes.networking.schema import query

ATTRIBUTES = ["id", "name", "status"]


def neutron_order(items: list[dict[str, Any]], sorts: list[tuple[str, bool]]
                  ) -> list[dict[str, Any]]:
    """`items` in the order Neutron's `sort_key`s give them, `id` last."""
    def compare(x: dict[str, Any], y: dict[str, Any]) -> int:
        for key, asc in [*sorts, ("id", True)]:
            a, b = x.get(key), y.get(key)
            if a == b:
                continue
            lower = a is None or (b is not None and a < b)
            return (-1 if lower else 1) * (1 if asc else -1)
        return 0
    return sorted(items, key=functools.cmp_to_key(compare))


items_st = st.lists(st.fixed_dictionaries({
    "name": st.one_of(st.none(), st.sampled_from(["a", "b", "c"])),
    "status": st.sampled_from(["ACTIVE", "DOWN"]),
}), max_size=30).map(lambda rows: [{"id": f"{i:04d}", **r} for i, r in enumerate(rows)])
sorts_st = st.lists(st.tuples(st.sampled_from(["name", "status"]), st.booleans()),
                    max_size=2, unique_by=lambda s: s[0])


def query_of(sorts: list[tuple[str, bool]], extra: str = "") -> query.ListQuery:
    keys = "&".join(f"sort_key={k}&sort_dir={'asc' if asc else 'desc'}" for k, asc in sorts)
    return query.parse_list("&".join(p for p in (keys, extra) if p), ATTRIBUTES)


@settings(max_examples=150, deadline=None)
@given(items=items_st, sorts=sorts_st)
def test_a_listing_is_in_the_order_of_its_sort_keys_then_id(
        items: list[dict[str, Any]], sorts: list[tuple[str, bool]]) -> None:
    assert query.page(items, query_of(sorts), None) == neutron_order(items, sorts)


@settings(max_examples=150, deadline=None)
@given(items=items_st, sorts=sorts_st, at=st.integers(0, 29), limit=st.integers(1, 5))
def test_a_page_from_a_marker_holds_the_items_after_it(
        items: list[dict[str, Any]], sorts: list[tuple[str, bool]], at: int,
        limit: int) -> None:
    ordered = neutron_order(items, sorts)
    assume(ordered)
    marker = ordered[at % len(ordered)]
    parsed = query_of(sorts, f"limit={limit}&marker={marker['id']}")
    after = ordered[ordered.index(marker) + 1:][:limit]
    assert query.page(items, parsed, marker) == after


@settings(max_examples=150, deadline=None)
@given(items=items_st, sorts=sorts_st, at=st.integers(0, 29), limit=st.integers(1, 5))
def test_a_reverse_page_holds_the_items_before_the_marker_in_order(
        items: list[dict[str, Any]], sorts: list[tuple[str, bool]], at: int,
        limit: int) -> None:
    ordered = neutron_order(items, sorts)
    assume(ordered)
    index = at % len(ordered)
    parsed = query_of(sorts, f"limit={limit}&marker={ordered[index]['id']}&page_reverse=True")
    before = ordered[max(0, index - limit):index]
    assert query.page(items, parsed, ordered[index]) == before
