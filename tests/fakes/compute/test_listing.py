"""Listings page exactly as nova/api/openstack/common.py pages them."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.compute import Caller, ServerFilters
from tests.fakes.compute.conftest import Nova


def _names(resp: object) -> list[str]:
    return [s["name"] for s in resp.json()["servers"]]  # type: ignore[attr-defined]


def test_default_order_is_newest_first_then_by_row(cloud: FakeCloud, nova: Nova,
                                                   demo_id: str) -> None:
    cloud.compute.create_servers(demo_id, 3, name="same-second")
    cloud.clock.advance(5)
    nova.create("later")
    assert _names(nova.get("/servers")) == ["later", "same-second-3", "same-second-2",
                                            "same-second-1"]


def test_a_full_page_links_the_next_with_the_sorted_query_and_marker(
        cloud: FakeCloud, nova: Nova, demo_id: str) -> None:
    cloud.compute.create_servers(demo_id, 5)
    resp = nova.get("/servers/detail?status=ACTIVE&limit=2")
    body = resp.json()
    last = body["servers"][-1]["id"]
    [link] = body["servers_links"]
    assert link == {"rel": "next", "href": f"{nova.url}/servers/detail?limit=2&status=ACTIVE"
                    f"&marker={last}"}
    second = nova.get(link["href"].removeprefix(nova.url)).json()
    again = second["servers_links"][0]["href"]
    assert again == (f"{nova.url}/servers/detail?limit=2&marker={second['servers'][-1]['id']}"
                     "&status=ACTIVE")


def test_an_exact_multiple_costs_one_empty_page(cloud: FakeCloud, nova: Nova,
                                                demo_id: str) -> None:
    cloud.compute.create_servers(demo_id, 4)
    url, pages = "/servers?limit=2", []
    while url:
        body = nova.get(url).json()
        pages.append(len(body["servers"]))
        links = body.get("servers_links")
        url = links[0]["href"].removeprefix(nova.url) if links else ""
    assert pages == [2, 2, 0]


def test_a_short_page_has_no_link(cloud: FakeCloud, nova: Nova, demo_id: str) -> None:
    cloud.compute.create_servers(demo_id, 3)
    assert "servers_links" not in nova.get("/servers?limit=5").json()


def test_max_limit_caps_pages_and_links_like_a_full_page(cloud: FakeCloud, nova: Nova,
                                                          demo_id: str) -> None:
    cloud.compute.set_max_limit(2)
    cloud.compute.create_servers(demo_id, 3)
    body = nova.get("/servers?limit=50").json()
    assert len(body["servers"]) == 2
    query = dict(parse_qsl(urlsplit(body["servers_links"][0]["href"]).query))
    assert query["limit"] == "50"


def test_limit_zero_is_an_empty_page_without_link(cloud: FakeCloud, nova: Nova,
                                                  demo_id: str) -> None:
    cloud.compute.create_servers(demo_id, 2)
    assert nova.get("/servers?limit=0").json() == {"servers": []}


@pytest.mark.parametrize(("limit", "message"), [
    ("abc", "Invalid input for query parameters limit. Value: abc. 'abc' does not match "
            "'^[0-9]*$'"),
    ("-1", "Invalid input for query parameters limit. Value: -1. '-1' does not match "
           "'^[0-9]*$'"),
    ("", "Invalid input for query parameters limit. Value: . '' should be non-empty"),
])
def test_bad_limits_are_nova_400s(nova: Nova, limit: str, message: str) -> None:
    resp = nova.get(f"/servers?limit={limit}")
    assert resp.status_code == 400
    assert resp.json() == {"badRequest": {"code": 400, "message": message}}


def test_an_unknown_marker_is_a_400(nova: Nova) -> None:
    resp = nova.get("/servers/detail?marker=nope")
    assert (resp.status_code, resp.json()) == (
        400, {"badRequest": {"code": 400, "message": "marker [nope] not found"}})


def test_the_marker_is_found_outside_the_filter_and_the_project(
        cloud: FakeCloud, nova: Nova, admin_nova: Nova, demo_id: str) -> None:
    mine = cloud.compute.create_servers(demo_id, 3, name="mine")
    theirs = admin_nova.create("theirs")
    cloud.compute.delete_server(_caller(cloud, demo_id), mine[1].uuid)
    assert _names(nova.get(f"/servers?marker={theirs}")) == ["mine-3", "mine-1"]
    assert _names(nova.get(f"/servers?marker={mine[1].uuid}&name=mine")) == ["mine-1"]


def _caller(cloud: FakeCloud, project_id: str) -> Caller:
    return Caller(project_id=project_id, user_id=cloud.user_id("demo"))


def test_sort_dir_asc_walks_oldest_first(cloud: FakeCloud, nova: Nova, demo_id: str) -> None:
    cloud.compute.create_servers(demo_id, 3)
    assert _names(nova.get("/servers?sort_key=created_at&sort_dir=asc&limit=2")) == [
        "server-1", "server-2"]


def test_sort_by_name_uses_the_marker_position(cloud: FakeCloud, nova: Nova,
                                               demo_id: str) -> None:
    for name in ("b", "c", "a"):
        nova.create(name)
    first = nova.get("/servers?sort_key=display_name&sort_dir=asc&limit=1").json()
    marker = first["servers"][0]["id"]
    rest = nova.get(f"/servers?sort_key=display_name&sort_dir=asc&marker={marker}")
    assert [first["servers"][0]["name"], *_names(rest)] == ["a", "b", "c"]


def test_changes_since_shows_deleted_servers_which_get_answers_404(
        cloud: FakeCloud, nova: Nova) -> None:
    since = cloud.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    gone = nova.create("gone")
    assert nova.call("DELETE", f"/servers/{gone}").status_code == 204
    listed = nova.get(f"/servers/detail?changes-since={since}").json()["servers"]
    assert [(s["id"], s["status"]) for s in listed] == [(gone, "DELETED")]
    assert nova.get("/servers").json() == {"servers": []}
    assert nova.get(f"/servers/{gone}").status_code == 404


def test_status_filter_maps_to_vm_states(cloud: FakeCloud, nova: Nova) -> None:
    running, stopped = nova.create("running"), nova.create("stopped")
    nova.action(stopped, {"os-stop": None})
    assert _names(nova.get("/servers?status=SHUTOFF")) == ["stopped"]
    assert _names(nova.get("/servers?status=active")) == ["running"]
    assert running


def test_an_unknown_status_is_400_from_2_38_and_empty_before(nova: Nova) -> None:
    nova.create()
    assert nova.get("/servers?status=NOPE").json() == {"servers": []}
    resp = nova.get("/servers?status=NOPE", version="2.38")
    assert resp.json() == {"badRequest": {"code": 400, "message": "Invalid status value"}}


def test_unknown_filters_are_ignored_for_members_and_refused_from_2_75(nova: Nova) -> None:
    nova.create()
    assert len(nova.get("/servers?bogus=1").json()["servers"]) == 1
    resp = nova.get("/servers?bogus=1", version="2.75")
    assert resp.json() == {"badRequest": {"code": 400, "message": "'bogus' does not match any "
                                          "of the regexes: '^_'"}}


def test_all_tenants_is_for_admins(nova: Nova, admin_nova: Nova) -> None:
    nova.create("demo-server")
    admin_nova.create("admin-server")
    resp = nova.get("/servers?all_tenants=1")
    assert resp.json() == {"forbidden": {"code": 403, "message": "Policy doesn't allow "
                           "os_compute_api:servers:index:get_all_tenants to be performed."}}
    assert _names(admin_nova.get("/servers")) == ["admin-server"]
    assert _names(admin_nova.get("/servers?all_tenants")) == ["admin-server", "demo-server"]


def test_another_projects_server_is_not_found(nova: Nova, admin_nova: Nova) -> None:
    theirs = admin_nova.create()
    resp = nova.get(f"/servers/{theirs}")
    assert resp.json() == {"itemNotFound": {"code": 404,
                                            "message": f"Instance {theirs} could not be found."}}
    assert admin_nova.get(f"/servers/{nova.create()}").status_code == 200


def test_a_page_walks_from_the_marker_not_from_the_start(cloud: FakeCloud,
                                                         demo_id: str) -> None:
    cloud.compute.set_quota(demo_id, instances=-1, cores=-1, ram=-1)
    made = cloud.compute.create_servers(demo_id, 2000)
    calls = 0
    original = cloud.compute._settle

    def counting(server: object, now: float | None = None) -> object:
        nonlocal calls
        calls += 1
        return original(server, now)  # type: ignore[arg-type]

    caller = Caller(project_id=demo_id, user_id="u")
    for server in made:
        server.pending = "reboot"
        server.due = 0.0
    cloud.compute._settle = counting  # type: ignore[method-assign]
    page = cloud.compute.list_servers(caller, ServerFilters(), limit=10, marker=made[100].uuid)
    assert [s.name for s in page] == [f"server-{n}" for n in range(100, 90, -1)]
    assert calls == 10
