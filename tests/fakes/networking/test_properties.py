"""Properties of the fake Neutron's IPAM and paging."""

from __future__ import annotations

import functools
import ipaddress
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.networking.errors import IpAddressGenerationFailure
from stackdouble.fakes.networking.models import Subnet, ipam
from stackdouble.fakes.networking.schema import query

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


@settings(max_examples=60, deadline=None)
@given(prefix=st.integers(min_value=26, max_value=30), takes=st.integers(0, 80),
       picks=st.lists(st.integers(min_value=0, max_value=10**6), max_size=80))
def test_ipam_never_hands_an_address_out_twice_and_stays_in_its_pools(
        prefix: int, takes: int, picks: list[int]) -> None:
    cidr = f"10.1.0.0/{prefix}"
    subnet = Subnet(id="s", project_id="p", network_id="n", cidr=cidr, ip_version=4,
                    gateway_ip="10.1.0.1", allocation_pools=ipam.default_pools(cidr, "10.1.0.1"),
                    created_at=NOW, updated_at=NOW)
    handed: list[str] = []
    values = iter(picks or [0])
    for index in range(takes):
        try:
            handed.append(ipam.take_random(subnet, f"p{index}",
                                           lambda n: next(values, 0) % n))
        except IpAddressGenerationFailure:
            assert len(handed) == sum(hi - lo + 1 for lo, hi in ipam.pool_bounds(subnet))
            break
    assert len(set(handed)) == len(handed)
    assert all(ipam.in_pools(subnet, int(ipaddress.ip_address(a))) for a in handed)


def _pick(value: int, count: int) -> int:
    return value % count


def _lowest_free(subnet: Subnet) -> int | None:
    """The lowest free pool address, by brute force."""
    return next((a for lo, hi in ipam.pool_bounds(subnet) for a in range(lo, hi + 1)
                 if a not in subnet.allocated), None)


_IPAM_STEPS = st.lists(st.one_of(
    st.tuples(st.just("next"), st.just(0)), st.tuples(st.just("random"), st.integers(0, 99)),
    st.tuples(st.just("given"), st.integers(2, 62)),
    st.tuples(st.just("release"), st.integers(0, 60))), max_size=120)


@settings(max_examples=80, deadline=None)
@given(steps=_IPAM_STEPS)
def test_ipam_hands_out_the_lowest_free_address_after_any_takes_and_releases(
        steps: list[tuple[str, int]]) -> None:
    cidr = "10.2.0.0/26"
    subnet = Subnet(id="s", project_id="p", network_id="n", cidr=cidr, ip_version=4,
                    gateway_ip="10.2.0.1", allocation_pools=ipam.default_pools(cidr, "10.2.0.1"),
                    created_at=NOW, updated_at=NOW)
    held: list[str] = []
    for index, (kind, value) in enumerate(steps):
        lowest = _lowest_free(subnet)
        try:
            if kind == "next":
                got = ipam.take_next(subnet, f"p{index}")
                assert int(ipaddress.ip_address(got)) == lowest
            elif kind == "random":
                got = ipam.take_random(subnet, f"p{index}", functools.partial(_pick, value))
            elif kind == "given":
                address = f"10.2.0.{value}"
                if int(ipaddress.ip_address(address)) in subnet.allocated:
                    continue
                got = ipam.take_address(subnet, address, f"p{index}")
            else:
                if held:
                    ipam.release(subnet, held.pop(value % len(held)))
                continue
        except IpAddressGenerationFailure:
            assert lowest is None
            continue
        assert got not in held
        held.append(got)
    assert sorted(held, key=ipaddress.ip_address) == sorted(
        (str(ipaddress.ip_address(a)) for a in subnet.allocated), key=ipaddress.ip_address)


@settings(max_examples=60, deadline=None)
@given(names=st.lists(st.sampled_from("abc"), max_size=25), limit=st.integers(1, 7),
       desc=st.booleans())
def test_walking_pages_yields_every_item_once_in_order(names: list[str], limit: int,
                                                       desc: bool) -> None:
    items = [{"id": f"{i:04d}", "name": n} for i, n in enumerate(names)]
    qs = f"limit={limit}&sort_key=name&sort_dir={'desc' if desc else 'asc'}"
    full = query.page(items, query.parse_list(f"sort_key=name&sort_dir="
                                              f"{'desc' if desc else 'asc'}", ["id", "name"]),
                      None)
    seen: list[dict[str, str]] = []
    marker = None
    for _ in range(len(items) + 2):
        parsed = query.parse_list(qs + (f"&marker={marker}" if marker else ""), ["id", "name"])
        got = query.page(items, parsed, next((i for i in items if i["id"] == marker), None))
        seen.extend(got)
        links = query.links("http://x/v2.0/networks", parsed, got)
        if not any(link["rel"] == "next" for link in links) or not got:
            break
        marker = got[-1]["id"]
    assert seen == full


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 60), st.sampled_from("abc"), st.booleans()),
                     max_size=40, unique_by=lambda r: r[0]),
       limit=st.integers(0, 7), desc=st.booleans(), reverse=st.booleans(),
       sort_by_id=st.booleans(), name=st.sampled_from(["", "a", "b"]),
       marker_at=st.integers(0, 60))
def test_paging_from_the_id_index_is_paging_the_rendered_listing(
        rows: list[tuple[int, str, bool]], limit: int, desc: bool, reverse: bool,
        sort_by_id: bool, name: str, marker_at: int) -> None:
    items = {f"{n:04d}": {"id": f"{n:04d}", "name": nm, "hidden": hidden}
             for n, nm, hidden in rows}
    visible = [i for i in items.values() if not i["hidden"]]
    marker = f"{marker_at:04d}"
    marker_item = items.get(marker)
    if marker_item is None or marker_item["hidden"] or not limit:
        marker_item = None
    qs = [f"limit={limit}", f"page_reverse={reverse}"]
    if sort_by_id:
        qs.append(f"sort_key=id&sort_dir={'desc' if desc else 'asc'}")
    if name:
        qs.append(f"name={name}")
    if marker_item is not None:
        qs.append(f"marker={marker}")
    parsed = query.parse_list("&".join(qs), ["id", "name", "hidden"])
    assert query.by_id(parsed)
    expected = query.page(visible, parsed, marker_item)
    got = query.page_by_id(SortedList(items), lambda i: None if items[i]["hidden"]
                           else items[i], parsed, marker_item["id"] if marker_item else None)
    assert got == expected
