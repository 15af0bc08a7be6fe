"""GET /v3/projects and /v3/users: paging (Keystone 27+), filters and default policy."""

from __future__ import annotations

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import login


def add_projects(cloud: FakeCloud, count: int) -> None:
    for i in range(count):
        cloud.identity.create_project(f"p{i:03d}")


def get(http: requests.Session, url: str, token: str) -> requests.Response:
    return http.get(url, headers={"X-Auth-Token": token})


def walk(http: requests.Session, url: str, token: str) -> tuple[list[str], int]:
    ids: list[str] = []
    pages = 0
    while url:
        body = get(http, url, token).json()
        pages += 1
        ids += [p["id"] for p in body["projects"]]
        url = body["links"]["next"]
    return ids, pages


def test_admin_lists_projects_with_self_links(cloud: FakeCloud, http: requests.Session) -> None:
    body = get(http, cloud.identity_v3_url + "/projects", login(http, cloud, "admin")).json()
    assert sorted(p["name"] for p in body["projects"]) == ["admin", "demo", "service"]
    first = body["projects"][0]
    assert first["links"] == {"self": f"{cloud.identity_v3_url}/projects/{first['id']}"}
    assert body["links"] == {"next": None, "self": cloud.identity_v3_url + "/projects",
                             "previous": None}


def test_projects_are_sorted_by_id(cloud: FakeCloud, http: requests.Session) -> None:
    add_projects(cloud, 5)
    body = get(http, cloud.identity_v3_url + "/projects", login(http, cloud, "admin")).json()
    ids = [p["id"] for p in body["projects"]]
    assert ids == sorted(ids)


def test_a_full_page_has_an_absolute_next_link_and_truncated(cloud: FakeCloud,
                                                             http: requests.Session) -> None:
    add_projects(cloud, 4)
    body = get(http, cloud.identity_v3_url + "/projects?limit=2",
               login(http, cloud, "admin")).json()
    last = body["projects"][-1]["id"]
    assert body["links"]["next"] == f"{cloud.identity_v3_url}/projects?limit=2&marker={last}"
    assert body["truncated"] is True


def test_paging_visits_every_project_once(cloud: FakeCloud, http: requests.Session) -> None:
    add_projects(cloud, 8)  # 11 projects in all
    token = login(http, cloud, "admin")
    ids, pages = walk(http, cloud.identity_v3_url + "/projects?limit=4", token)
    assert ids == sorted(cloud.identity.projects)
    assert pages == 3


def test_exact_multiple_ends_with_an_empty_page(cloud: FakeCloud, http: requests.Session) -> None:
    add_projects(cloud, 9)  # 12 projects: three full pages of 4, then an empty one
    token = login(http, cloud, "admin")
    ids, pages = walk(http, cloud.identity_v3_url + "/projects?limit=4", token)
    assert (len(ids), pages) == (12, 4)


def test_the_last_partial_page_has_no_next_link(cloud: FakeCloud, http: requests.Session) -> None:
    token = login(http, cloud, "admin")
    first = get(http, cloud.identity_v3_url + "/projects?limit=2", token).json()
    second = get(http, first["links"]["next"], token).json()
    assert len(second["projects"]) == 1
    assert second["links"]["next"] is None
    assert "truncated" not in second


def test_unknown_marker_is_404(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get(http, cloud.identity_v3_url + "/projects?marker=nope&limit=2",
               login(http, cloud, "admin"))
    assert resp.status_code == 404
    assert resp.json() == {"error": {"code": 404, "message": "Marker nope could not be found.",
                                     "title": "Not Found"}}


def test_bad_limit_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get(http, cloud.identity_v3_url + "/projects?limit=lots", login(http, cloud, "admin"))
    assert (resp.status_code, resp.json()["error"]["code"]) == (400, 400)


def test_name_filter(cloud: FakeCloud, http: requests.Session) -> None:
    body = get(http, cloud.identity_v3_url + "/projects?name=demo",
               login(http, cloud, "admin")).json()
    assert [p["name"] for p in body["projects"]] == ["demo"]


def test_enabled_filter(cloud: FakeCloud, http: requests.Session) -> None:
    token = login(http, cloud, "admin")
    cloud.identity.disable_project("service")
    body = get(http, cloud.identity_v3_url + "/projects?enabled=false", token).json()
    assert [p["name"] for p in body["projects"]] == ["service"]


def test_a_member_listing_projects_is_403(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get(http, cloud.identity_v3_url + "/projects", login(http, cloud))
    assert resp.status_code == 403
    assert resp.json() == {"error": {
        "code": 403, "title": "Forbidden",
        "message": "You are not authorized to perform the requested action: "
                   "identity:list_projects."}}


def test_a_member_reads_the_tokens_project(cloud: FakeCloud, http: requests.Session) -> None:
    project_id = cloud.identity.find_project("demo").id
    resp = get(http, f"{cloud.identity_v3_url}/projects/{project_id}", login(http, cloud))
    assert (resp.status_code, resp.json()["project"]["name"]) == (200, "demo")


def test_a_member_reading_another_project_is_403(cloud: FakeCloud,
                                                 http: requests.Session) -> None:
    project_id = cloud.identity.find_project("admin").id
    resp = get(http, f"{cloud.identity_v3_url}/projects/{project_id}", login(http, cloud))
    assert resp.status_code == 403
    assert resp.json()["error"]["message"].endswith("identity:get_project.")


def test_a_missing_project_is_404(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get(http, cloud.identity_v3_url + "/projects/abc", login(http, cloud, "admin"))
    assert resp.status_code == 404
    assert resp.json()["error"]["message"] == "Could not find project: abc."


def test_admin_lists_users_without_passwords(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get(http, cloud.identity_v3_url + "/users", login(http, cloud, "admin"))
    assert sorted(u["name"] for u in resp.json()["users"]) == ["admin", "demo"]
    assert "secret" not in resp.text


def test_users_page_like_projects(cloud: FakeCloud, http: requests.Session) -> None:
    body = get(http, cloud.identity_v3_url + "/users?limit=1",
               login(http, cloud, "admin")).json()
    assert len(body["users"]) == 1
    assert body["links"]["next"].endswith(f"limit=1&marker={body['users'][0]['id']}")


def test_a_member_listing_users_is_403(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get(http, cloud.identity_v3_url + "/users", login(http, cloud))
    assert resp.status_code == 403
    assert resp.json()["error"]["message"].endswith("identity:list_users.")


def test_a_user_reads_their_own_user(cloud: FakeCloud, http: requests.Session) -> None:
    user_id = cloud.identity.find_user("demo").id
    resp = get(http, f"{cloud.identity_v3_url}/users/{user_id}", login(http, cloud))
    assert resp.json()["user"] == {
        "id": user_id, "name": "demo", "domain_id": "default", "enabled": True,
        "password_expires_at": None, "options": {},
        "links": {"self": f"{cloud.identity_v3_url}/users/{user_id}"}}


def test_a_member_reading_another_user_is_403(cloud: FakeCloud, http: requests.Session) -> None:
    user_id = cloud.identity.find_user("admin").id
    resp = get(http, f"{cloud.identity_v3_url}/users/{user_id}", login(http, cloud))
    assert resp.status_code == 403
