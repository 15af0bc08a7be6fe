"""Read-only /v3/services, /endpoints, /regions, /domains and /roles."""

from __future__ import annotations

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import login


def get(http: requests.Session, url: str, token: str) -> requests.Response:
    return http.get(url, headers={"X-Auth-Token": token})


def test_admin_lists_services_filtered_by_type(cloud: FakeCloud, http: requests.Session) -> None:
    body = get(http, cloud.identity_v3_url + "/services?type=compute",
               login(http, cloud, "admin")).json()
    assert [(s["type"], s["name"]) for s in body["services"]] == [("compute", "nova")]
    assert body["links"]["self"] == cloud.identity_v3_url + "/services?type=compute"


def test_endpoints_keep_their_url_templates(cloud: FakeCloud, http: requests.Session) -> None:
    swift = cloud.identity.find_service("swift").id
    body = get(http, f"{cloud.identity_v3_url}/endpoints?service_id={swift}&interface=public",
               login(http, cloud, "admin")).json()
    assert [e["url"] for e in body["endpoints"]] == [
        cloud.base_url + "/v1/AUTH_$(project_id)s"]


def test_a_member_listing_endpoints_is_403(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get(http, cloud.identity_v3_url + "/endpoints", login(http, cloud))
    assert resp.status_code == 403
    assert resp.json()["error"]["message"].endswith("identity:list_endpoints.")


def test_anyone_lists_regions(cloud: FakeCloud, http: requests.Session) -> None:
    body = get(http, cloud.identity_v3_url + "/regions", login(http, cloud)).json()
    assert [r["id"] for r in body["regions"]] == ["RegionOne"]


def test_a_member_reads_its_projects_domain(cloud: FakeCloud, http: requests.Session) -> None:
    body = get(http, cloud.identity_v3_url + "/domains/default", login(http, cloud)).json()
    assert body["domain"]["name"] == "Default"


def test_admin_lists_roles(cloud: FakeCloud, http: requests.Session) -> None:
    body = get(http, cloud.identity_v3_url + "/roles?name=reader",
               login(http, cloud, "admin")).json()
    assert [r["name"] for r in body["roles"]] == ["reader"]


def test_an_unknown_service_is_404(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get(http, cloud.identity_v3_url + "/services/nope", login(http, cloud, "admin"))
    assert resp.status_code == 404
    assert resp.json()["error"]["message"] == "Could not find service: nope."
