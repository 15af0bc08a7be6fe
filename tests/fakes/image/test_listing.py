"""The fake Glance's image listing: filters, both sort syntaxes, pages with `next` links,
markers, visibility; and hypothesis checking pages against a plain model of Glance's
order."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.image.models import Image, ImageQuery
from stackdouble.fakes.image.schema.query import parse_list_query
from tests.fakes.conftest import START
from tests.fakes.image.conftest import CIRROS, Glance, webob

SEEDED = 3


def _names(resp: requests.Response) -> list[str]:
    return [i["name"] for i in resp.json()["images"]]


@pytest.fixture
def five(glance: Glance, cloud: FakeCloud) -> list[dict[str, Any]]:
    """Five images of demo's, a second apart: img-0 (oldest) ... img-4."""
    made = []
    for n in range(5):
        made.append(glance.create(name=f"img-{n}", disk_format="raw" if n % 2 else "qcow2",
                                  container_format="bare", tags=["even"] if n % 2 == 0 else [],
                                  color="red" if n < 2 else "blue"))
        cloud.clock.advance(1)
    return made


# -- pages and links --------------------------------------------------------------------------


def test_the_default_order_is_newest_first_and_pages_follow_next(glance: Glance,
                                                                  five: list[Any]) -> None:
    first = glance.get("/images?limit=2")
    body = first.json()
    assert _names(first) == ["img-4", "img-3"]
    assert body["first"] == "/v2/images?limit=2"
    assert body["schema"] == "/v2/schemas/images"
    assert body["next"] == f"/v2/images?limit=2&marker={five[3]['id']}"
    second = glance.http.get(f"{glance.cloud.base_url}/image{body['next']}",
                             headers={"X-Auth-Token": glance.token})
    assert _names(second) == ["img-2", "img-1"]


def test_a_full_last_page_still_has_a_next_link(glance: Glance, five: list[Any]) -> None:
    resp = glance.get("/images?limit=8")
    assert len(resp.json()["images"]) == 5 + SEEDED
    after = glance.get(f"/images?limit=8&marker={resp.json()['images'][-1]['id']}").json()
    assert "next" in resp.json()
    assert (after["images"], "next" in after) == ([], False)


def test_links_keep_the_query_with_one_value_a_key(glance: Glance, five: list[Any]) -> None:
    body = glance.get("/images?tag=even&color=red&tag=even&sort=name:asc&limit=1").json()
    assert body["first"] == "/v2/images?tag=even&color=red&sort=name%3Aasc&limit=1"
    assert body["next"] == ("/v2/images?tag=even&color=red&sort=name%3Aasc&limit=1&marker="
                            f"{five[0]['id']}")


def test_limit_zero_lists_nothing_and_the_limit_is_capped(glance: Glance, cloud: FakeCloud,
                                                          five: list[Any]) -> None:
    empty = glance.get("/images?limit=0").json()
    assert (empty["images"], "next" in empty) == ([], False)
    cloud.image.configure(api_limit_max=2, limit_param_default=1)
    assert len(glance.get("/images?limit=50").json()["images"]) == 2
    assert len(glance.get("/images").json()["images"]) == 1


@pytest.mark.parametrize(("query", "message"), [
    ("limit=-1", "limit param must be positive"),
    ("limit=x", "limit param must be an integer"),
    ("marker=nope", "No image found with ID nope"),
    ("marker=" + "a" * 37, "Image with the given id %(image_id)s was not found"),
    ("sort=name&sort_key=id", "Old and new sorting syntax cannot be combined"),
    ("sort=min_disk", "Invalid sort key: min_disk. It must be one of the following: name, "
                      "status, container_format, disk_format, size, id, created_at, "
                      "updated_at."),
    ("sort_key=name&sort_dir=up", "Invalid sort direction: up"),
    ("sort_key=name&sort_dir=asc&sort_dir=desc&sort_dir=asc",
     "Number of sort dirs does not match the number of sort keys"),
    ("visibility=bogus", "Invalid visibility value: bogus"),
    ("member_status=bogus", "Invalid status: bogus"),
    ("changes-since=2026-01-01", 'The "changes-since" filter is no longer available on v2.'),
    ("os_hidden=maybe", "Invalid value 'maybe' for 'os_hidden' filter. Valid values are 'true' "
                        "or 'false'."),
    ("protected=True", "Invalid value 'True' for 'protected' filter. Valid values are 'true' "
                       "or 'false'."),
    ("size_min=x", "Unable to filter on a range with a non-numeric value."),
    ("created_at=gt:yesterday", 'Bad "created_at" query filter format. Use ISO 8601 DateTime '
                                "notation."),
    ("created_at=after:2026-01-01T00:00:00Z", "Unable to filter on a unknown operator."),
    ("name=gt:a", "Unable to filter by unknown operator 'gt'."),
    ('name=in:"a', 'Invalid filter value "a. The quote is not closed.'),
    ("name=%ff", "Error decoding your request. Either the URL or the request body contained "
                 "characters that could not be decoded by Glance"),
])
def test_bad_queries_answer_400_with_glances_message(glance: Glance, query: str,
                                                     message: str) -> None:
    resp = glance.get(f"/images?{query}")
    assert resp.status_code == 400
    assert resp.json() == webob("400 Bad Request", message)


def test_a_marker_the_caller_cannot_see_is_403(glance: Glance, admin_glance: Glance) -> None:
    private = admin_glance.create(visibility="private")
    resp = glance.get(f"/images?marker={private['id']}")
    assert resp.json() == webob("403 Forbidden", f"Forbidding request, image {private['id']} not "
                                                 "visible")


def test_a_marker_need_not_pass_the_filters(glance: Glance, five: list[Any]) -> None:
    resp = glance.get(f"/images?disk_format=qcow2&tag=even&marker={five[3]['id']}")
    assert _names(resp) == ["img-2", "img-0"]


# -- sorting ---------------------------------------------------------------------------------


def test_both_sort_syntaxes(glance: Glance, five: list[Any]) -> None:
    new = glance.get("/images?sort=disk_format:asc,name&color=red")
    assert _names(new) == ["img-0", "img-1"]
    old = glance.get("/images?sort_key=name&sort_dir=asc&color=blue")
    assert _names(old) == ["img-2", "img-3", "img-4"]
    default_dir = glance.get("/images?sort_key=name&color=blue")
    assert _names(default_dir) == ["img-4", "img-3", "img-2"]


# -- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "names"), [
    ("name=img-1", ["img-1"]),
    ("name=in:img-1,%22img-3%22", ["img-3", "img-1"]),
    ("disk_format=in:raw", ["img-3", "img-1"]),
    ("tag=even&color=blue", ["img-4", "img-2"]),
    ("tag=even&tag=nope", []),
    ("color=red", ["img-1", "img-0"]),
    ("status=bogus", []),
    ("status=queued&sort=name:asc&limit=2", ["img-0", "img-1"]),
    ("created_at=gte:2026-11-27T08:56:19Z", ["img-4", "img-3"]),
    ("color=red&created_at=lt:2026-11-27T09:56:17%2B01:00", ["img-0"]),
    ("id=in:{0},{1}", ["img-1", "img-0"]),
])
def test_filters(glance: Glance, five: list[Any], query: str, names: list[str]) -> None:
    query = query.format(five[0]["id"], five[1]["id"])
    assert _names(glance.get(f"/images?{query}")) == names


def test_size_filters_leave_out_images_without_data(glance: Glance) -> None:
    small, big = glance.active(b"x" * 10), glance.active(b"x" * 100)
    ids = [i["id"] for i in glance.get("/images?size_min=10&size_max=50").json()["images"]]
    assert ids == [small["id"]]
    assert big["id"] in [i["id"] for i in glance.get("/images?size_min=11").json()["images"]]


def test_hidden_and_community_images_are_left_out_by_default(glance: Glance,
                                                             admin_glance: Glance) -> None:
    hidden = glance.create(os_hidden=True)
    community = admin_glance.create(visibility="community")
    mine = glance.create(visibility="community")
    listed = {i["id"] for i in glance.get("/images").json()["images"]}
    assert hidden["id"] not in listed
    assert community["id"] not in listed
    assert mine["id"] in listed
    assert [i["id"] for i in glance.get("/images?os_hidden=true").json()["images"]] == [
        hidden["id"]]
    some = {i["id"] for i in glance.get("/images?visibility=community").json()["images"]}
    assert some == {community["id"], mine["id"]}


def test_admins_list_every_project_private_image(glance: Glance, admin_glance: Glance) -> None:
    private = glance.create(visibility="private")
    assert private["id"] in {i["id"] for i in admin_glance.get("/images").json()["images"]}


def test_public_images_appear_for_everyone(glance: Glance) -> None:
    assert CIRROS in {i["id"] for i in glance.get("/images").json()["images"]}


# -- property: pages against a plain model ----------------------------------------------------

_KEYS = ("name", "status", "container_format", "disk_format", "size", "id", "created_at",
         "updated_at")
_VIS = ("private", "shared", "community", "public")


def _value(image: Image, key: str) -> tuple[bool, Any]:
    value = getattr(image, key)
    return value is not None, value if value is not None else ""


def _reference(images: list[Image], sort: list[tuple[str, str]], keep: Any) -> list[str]:
    """Glance's order by successive stable sorts, None before any value."""
    rows = [i for i in images if keep(i)]
    for key, direction in reversed(sort):
        rows.sort(key=functools.partial(_value, key=key), reverse=direction == "desc")
    return [i.id for i in rows]


_CLOUD = FakeCloud(seed=9, base_url="http://glance-listing.stackdouble.test",
                   clock=FakeClock(start=START, ticking=False))


@pytest.fixture(scope="module", autouse=True)
def _transport() -> Iterator[None]:
    with _CLOUD:
        yield


specs = st.lists(st.tuples(st.sampled_from(["a", "b", "c", None]),
                           st.sampled_from(["raw", "qcow2", None]),
                           st.sampled_from(_VIS), st.booleans(),
                           st.integers(min_value=0, max_value=2)),
                 max_size=14)
sorts = st.lists(st.tuples(st.sampled_from(_KEYS), st.sampled_from(["asc", "desc"])),
                 max_size=3, unique_by=lambda s: s[0])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(specs=specs, sort=sorts, limit=st.integers(min_value=1, max_value=5),
       name=st.sampled_from([None, "a", "b"]), fmt=st.sampled_from([None, "raw", "qcow2"]),
       visibility=st.sampled_from([None, "all", *_VIS]))
def test_paging_visits_the_filtered_images_once_in_glances_order(
        specs: list[tuple[Any, ...]], sort: list[tuple[str, str]], limit: int,
        name: str | None, fmt: str | None, visibility: str | None) -> None:
    cloud = _CLOUD
    cloud.reset()
    model = cloud.image
    demo = model.caller_for(cloud.project_id("demo"))
    admin = model.caller_for(cloud.project_id("admin"), is_admin=True)
    for n, (iname, disk, vis, by_admin, gap) in enumerate(specs):
        model.create_image(admin if by_admin or vis == "public" else demo, name=iname,
                           disk_format=disk, container_format="bare", visibility=vis,
                           properties={"n": str(n)})
        cloud.clock.advance(gap)
    pairs = [("limit", str(limit))]
    if sort:
        pairs.append(("sort", ",".join(f"{k}:{d}" for k, d in sort)))
    if name is not None:
        pairs.append(("name", name))
    if fmt is not None:
        pairs.append(("disk_format", f"in:{fmt}"))
    if visibility is not None:
        pairs.append(("visibility", visibility))
    query = parse_list_query(pairs)
    seen: list[str] = []
    marker = None
    for _ in range(30):
        wanted = ImageQuery(limit=query.limit, marker=marker, visibility=query.visibility,
                            sort=query.sort, filters=query.filters)
        page, marker = model.list_images(demo, wanted)
        assert len(page) <= limit
        seen.extend(i.id for i in page)
        if marker is None:
            break

    def keep(i: Image) -> bool:
        mine = i.owner == demo.project_id
        if not (mine or i.visibility in ("public", "community")):
            return False
        if visibility is None and i.visibility == "community" and not mine:
            return False
        if visibility not in (None, "all") and i.visibility != visibility:
            return False
        return (not i.os_hidden and (name is None or i.name == name)
                and (fmt is None or i.disk_format == fmt))

    assert seen == _reference(list(model.images.values()), list(query.sort), keep)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(count=st.integers(min_value=0, max_value=12), limit=st.integers(min_value=1, max_value=5))
def test_following_next_links_over_http_lists_every_image_once(count: int, limit: int) -> None:
    cloud = _CLOUD
    cloud.reset()
    demo = cloud.image.caller_for(cloud.project_id("demo"))
    for n in range(count):
        cloud.image.create_image(demo, name=f"i{n}")
    token = cloud.identity.issue_token("demo", project="demo")
    url: str | None = f"{cloud.base_url}/image/v2/images?limit={limit}"
    seen: list[str] = []
    while url is not None:
        body = requests.get(url, headers={"X-Auth-Token": token}).json()
        seen.extend(i["id"] for i in body["images"])
        assert dict(parse_qsl(urlsplit(body["first"]).query)) == {"limit": str(limit)}
        url = f"{cloud.base_url}/image{body['next']}" if "next" in body else None
    assert len(seen) == len(set(seen)) == count + SEEDED
