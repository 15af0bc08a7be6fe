"""The fake Cinder's listings as `cinder/api/common.py` and `db/api.py` page them: limit
checks, the `osapi_max_limit` cap, a next link iff the page is full, a 404 for an unknown
marker (Nova says 400), `created_at desc` by default, `sort`/`sort_key`/`sort_dir`, filters
per microversion, and a page that costs O(page)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.blockstorage import VolumeFilters
from tests.fakes.blockstorage.conftest import Cinder, fault


def _volumes(cinder: Cinder, count: int, **volume: object) -> list[str]:
    ids = [cinder.create(name=f"v{n}", **volume) for n in range(count)]
    cinder.cloud.clock.advance(1)
    return ids


def _walk(cinder: Cinder, path: str) -> tuple[list[str], int]:
    """Every id the next links lead to, and how many requests that took."""
    seen: list[str] = []
    url: str | None = cinder.url + path
    requests = 0
    while url:
        resp = cinder.http.get(url, headers=cinder.headers())
        assert resp.status_code == 200, resp.text
        requests += 1
        body = resp.json()
        seen += [v["id"] for v in body["volumes"]]
        links = body.get("volumes_links") or []
        url = next((link["href"] for link in links if link["rel"] == "next"), None)
    return seen, requests


@pytest.mark.parametrize(("limit", "message"), [
    ("x", "limit param must be an integer"),
    ("1.5", "limit param must be an integer"),
    ("-1", "limit param must be positive"),
])
def test_a_bad_limit_is_a_400(cinder: Cinder, limit: str, message: str) -> None:
    resp = cinder.get(f"/volumes/detail?limit={limit}")
    assert (resp.status_code, resp.json()) == (400, fault("badRequest", 400, message))


def test_a_bad_offset_is_a_400(cinder: Cinder) -> None:
    resp = cinder.get("/volumes?offset=-2")
    assert resp.json() == fault("badRequest", 400, "offset must be >= 0")


def test_an_unknown_marker_is_cinders_404(cinder: Cinder) -> None:
    resp = cinder.get("/volumes/detail?marker=nope")
    assert (resp.status_code, resp.json()) == (
        404, fault("itemNotFound", 404, "Volume nope could not be found."))


def test_another_projects_volume_is_no_marker(cinder: Cinder, admin_cinder: Cinder) -> None:
    theirs = admin_cinder.create()
    resp = cinder.get(f"/volumes?marker={theirs}")
    assert resp.status_code == 404


def test_the_default_order_is_newest_first(cinder: Cinder) -> None:
    ids = _volumes(cinder, 2)
    cinder.cloud.clock.advance(1)
    newest = cinder.create()
    listed = [v["id"] for v in cinder.get("/volumes").json()["volumes"]]
    assert listed[0] == newest
    assert set(listed[1:]) == set(ids)
    assert listed[1:] == sorted(ids, reverse=True)  # same created_at: by id, desc


def test_pages_follow_next_links_and_end_on_a_short_page(cinder: Cinder) -> None:
    ids = _volumes(cinder, 5)
    seen, requests = _walk(cinder, "/volumes/detail?limit=2")
    assert sorted(seen) == sorted(ids)
    assert len(seen) == 5
    assert requests == 3


def test_an_exact_multiple_costs_one_empty_page(cinder: Cinder) -> None:
    _volumes(cinder, 4)
    seen, requests = _walk(cinder, "/volumes?limit=2")
    assert (len(seen), requests) == (4, 3)


def test_the_next_link_keeps_the_query_and_moves_the_marker(cinder: Cinder) -> None:
    _volumes(cinder, 3)
    body = cinder.get("/volumes/detail?status=available&limit=2").json()
    (link,) = body["volumes_links"]
    parts = urlsplit(link["href"])
    assert parts.path == f"/volume/v3/{cinder.project_id}/volumes/detail"
    assert parse_qsl(parts.query) == [("status", "available"), ("limit", "2"),
                                      ("marker", body["volumes"][-1]["id"])]


def test_no_link_without_a_full_page(cinder: Cinder) -> None:
    _volumes(cinder, 2)
    assert "volumes_links" not in cinder.get("/volumes?limit=3").json()


def test_pages_are_capped_at_osapi_max_limit(cinder: Cinder, cloud: FakeCloud) -> None:
    cloud.block_storage.set_max_limit(3)
    _volumes(cinder, 4)
    body = cinder.get("/volumes?limit=50").json()
    assert len(body["volumes"]) == 3
    assert "volumes_links" in body
    body = cinder.get("/volumes").json()
    assert len(body["volumes"]) == 3
    assert "volumes_links" in body


def test_limit_zero_lists_nothing(cinder: Cinder) -> None:
    _volumes(cinder, 1)
    assert cinder.get("/volumes?limit=0").json() == {"volumes": []}


def test_sort_by_name_ascending(cinder: Cinder) -> None:
    for name in ("b", "c", "a"):
        cinder.create(name=name)
    names = [v["name"] for v in cinder.get("/volumes?sort=name:asc").json()["volumes"]]
    assert names == ["a", "b", "c"]
    names = [v["name"] for v in
             cinder.get("/volumes?sort_key=name&sort_dir=desc").json()["volumes"]]
    assert names == ["c", "b", "a"]


def test_sort_pages_by_marker_in_that_order(cinder: Cinder) -> None:
    for name in ("d", "b", "c", "a"):
        cinder.create(name=name)
    first = cinder.get("/volumes?sort=name:asc&limit=2").json()
    marker = first["volumes"][-1]["id"]
    second = cinder.get(f"/volumes?sort=name:asc&limit=2&marker={marker}").json()
    assert [v["name"] for v in first["volumes"] + second["volumes"]] == ["a", "b", "c", "d"]


@pytest.mark.parametrize(("query", "message"), [
    ("sort=name&sort_key=size", "The 'sort_key' and 'sort_dir' parameters are deprecated and "
                                "cannot be used with the 'sort' parameter."),
    ("sort_dir=up", "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'."),
    ("sort=colour:asc", "Invalid input received: Invalid sort key"),
])
def test_bad_sorts_are_a_400(cinder: Cinder, query: str, message: str) -> None:
    resp = cinder.get(f"/volumes?{query}")
    assert (resp.status_code, resp.json()) == (400, fault("badRequest", 400, message))


def test_filters_by_name_status_metadata_and_size(cinder: Cinder, cloud: FakeCloud) -> None:
    cinder.create(name="gold", metadata={"tier": "gold"})
    cinder.create(size=3, name="big")
    errored = cinder.create(name="bad")
    cloud.block_storage.force_error(errored)

    def names(query: str) -> list[str]:
        return sorted(v["name"] for v in cinder.get(f"/volumes?{query}").json()["volumes"])

    assert names("name=gold") == ["gold"]
    assert names("status=error") == ["bad"]
    assert names("metadata={'tier': 'gold'}") == ["gold"]
    assert names("metadata=not-a-dict") == []
    assert names("size=3") == ["big"]


def test_bootable_filter_is_strict_from_3_2(cinder: Cinder) -> None:
    assert cinder.get("/volumes?bootable=maybe", version="3.1").status_code == 200
    resp = cinder.get("/volumes?bootable=maybe", version="3.2")
    assert resp.json() == fault("badRequest", 400, "Invalid input received: 'bootable = maybe'")


def test_unknown_filters_are_dropped_before_3_31_and_refused_after(cinder: Cinder) -> None:
    cinder.create()
    assert len(cinder.get("/volumes?colour=red", version="3.30").json()["volumes"]) == 1
    resp = cinder.get("/volumes?colour=red&all_tenants=1", version="3.31")
    assert resp.json() == fault("badRequest", 400,
                                "Invalid filters colour are found in query options.")


def test_all_tenants_is_for_admins_and_ignored_for_members(cinder: Cinder,
                                                           admin_cinder: Cinder) -> None:
    mine, theirs = cinder.create(), admin_cinder.create()
    assert [v["id"] for v in cinder.get("/volumes?all_tenants=1").json()["volumes"]] == [mine]
    every = {v["id"] for v in admin_cinder.get("/volumes?all_tenants=1").json()["volumes"]}
    assert every == {mine, theirs}
    resp = admin_cinder.get("/volumes?all_tenants=maybe")
    assert resp.json() == fault("badRequest", 400,
                                "Value 'maybe' for 'all_tenants' is not a boolean.")


def test_with_count_from_3_45(cinder: Cinder) -> None:
    _volumes(cinder, 3)
    body = cinder.get("/volumes?limit=1&with_count=true", version="3.45").json()
    assert (len(body["volumes"]), body["count"]) == (1, 3)
    assert "count" not in cinder.get("/volumes?with_count=true", version="3.44").json()


def test_offset_skips_after_the_marker(cinder: Cinder) -> None:
    _volumes(cinder, 4)
    everything = [v["id"] for v in cinder.get("/volumes").json()["volumes"]]
    page = [v["id"] for v in cinder.get("/volumes?offset=1&limit=2").json()["volumes"]]
    assert page == everything[1:3]


def test_created_at_comparisons_from_3_60(cinder: Cinder, cloud: FakeCloud) -> None:
    old = cinder.create(name="old")
    cloud.clock.advance(1800)
    cinder.create(name="new")
    listed = cinder.get("/volumes?created_at=lt:2026-11-27T09:00:00", version="3.60").json()
    assert [v["id"] for v in listed["volumes"]] == [old]
    resp = cinder.get("/volumes?created_at=soon:2026-11-27T09:00:00", version="3.60")
    assert resp.json() == fault("badRequest", 400, "Invalid soon operator")


def test_snapshots_page_with_their_own_404(cinder: Cinder) -> None:
    volume_id = cinder.create()
    cinder.get(f"/volumes/{volume_id}")
    for _ in range(3):
        assert cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}}
                           ).status_code == 202
    body = cinder.get("/snapshots/detail?limit=2").json()
    assert len(body["snapshots"]) == 2
    assert body["snapshots_links"][0]["rel"] == "next"
    resp = cinder.get("/snapshots?marker=nope")
    assert resp.json() == fault("itemNotFound", 404, "Snapshot nope could not be found.")


def test_a_page_costs_the_page_not_the_project(cloud: FakeCloud, cinder: Cinder,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    demo = cloud.project_id("demo")
    cloud.block_storage.set_quota(demo, volumes=-1, gigabytes=-1)
    made = cloud.block_storage.create_volumes(demo, 3000)
    calls = []
    original = VolumeFilters.matches

    def counting(self: VolumeFilters, volume: object) -> bool:
        calls.append(1)
        return original(self, volume)  # type: ignore[arg-type]

    monkeypatch.setattr(VolumeFilters, "matches", counting)
    marker = made[1500].id
    body = cinder.get(f"/volumes/detail?limit=10&marker={marker}").json()
    assert len(body["volumes"]) == 10
    assert len(calls) == 10
