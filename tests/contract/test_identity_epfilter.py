"""Keystone OS-EP-FILTER: endpoint groups, project endpoints and their effect on catalogs.

The admin makes a project and a user who is member on it, and removes both afterwards.
Keystone 30's default `sql` catalog driver filters tokens' catalogs itself: a project with
endpoints or endpoint groups associated sees only those endpoints (services left without
any are dropped); with none, the whole catalog. Quirks shown here: the one association
Keystone renders has a self link without the host, listing the projects of an unknown
endpoint group is an empty 200, and `filters` keys outside service_id, region_id and
interface pass the schema but not the handler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

PROJECT = "contract-epfilter-project"
USER = "contract-epfilter-user"
USER_PW = "contract-epfilter-pw-1"
GROUP = "contract-epfilter-internal"
FORBIDDEN = "You are not authorized to perform the requested action"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _clean(admin: ServiceClient) -> None:
    base = v3(admin)
    for user in call(admin, "GET", f"{base}/users?name={USER}").json()["users"]:
        call(admin, "DELETE", f"{base}/users/{user['id']}")
    for project in call(admin, "GET", f"{base}/projects?name={PROJECT}").json()["projects"]:
        call(admin, "DELETE", f"{base}/projects/{project['id']}")
    groups = call(admin, "GET", f"{base}/OS-EP-FILTER/endpoint_groups?name={GROUP}")
    for group in groups.json()["endpoint_groups"]:
        call(admin, "DELETE", f"{base}/OS-EP-FILTER/endpoint_groups/{group['id']}")


@pytest.fixture
def ids(admin: ServiceClient) -> Iterator[dict[str, str]]:
    """A new project, a user who is member on it, and the member role's id."""
    base = v3(admin)
    _clean(admin)
    project = call(admin, "POST", f"{base}/projects", json={"project": {"name": PROJECT}})
    assert project.status_code == 201
    user = call(admin, "POST", f"{base}/users",
                json={"user": {"name": USER, "password": USER_PW}})
    assert user.status_code == 201
    found = {"project": project.json()["project"]["id"], "user": user.json()["user"]["id"]}
    member = call(admin, "GET", f"{base}/roles?name=member").json()["roles"][0]["id"]
    granted = call(admin, "PUT", f"{base}/projects/{found['project']}/users/{found['user']}"
                   f"/roles/{member}")
    assert granted.status_code == 204
    yield found
    _clean(admin)


def catalog(admin: ServiceClient, project_id: str) -> list[dict[str, Any]]:
    """The catalog of a new token of the test user scoped to the project."""
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": USER, "domain": {"id": "default"}, "password": USER_PW}}},
        "scope": {"project": {"id": project_id}}}}
    issued = call(admin, "POST", v3(admin) + "/auth/tokens", json=body, authenticated=False)
    assert issued.status_code == 201
    return list(issued.json()["token"]["catalog"])


def endpoint_ids(services: list[dict[str, Any]]) -> set[str]:
    return {e["id"] for s in services for e in s["endpoints"]}


def create_group(admin: ServiceClient, ref: dict[str, Any]) -> requests.Response:
    return call(admin, "POST", v3(admin) + "/OS-EP-FILTER/endpoint_groups",
                json={"endpoint_group": ref})


def test_endpoint_group_crud_and_validation(admin: ServiceClient) -> None:
    base = v3(admin)
    _clean(admin)
    made = create_group(admin, {"name": GROUP, "filters": {"interface": "internal"}})
    assert made.status_code == 201
    group = made.json()["endpoint_group"]
    gid = group["id"]
    url = f"{base}/OS-EP-FILTER/endpoint_groups/{gid}"
    assert group == {"id": gid, "name": GROUP, "description": None,
                     "filters": {"interface": "internal"}, "links": {"self": url}}
    listed = call(admin, "GET", f"{base}/OS-EP-FILTER/endpoint_groups?name={GROUP}").json()
    assert listed["endpoint_groups"] == [group]
    assert listed["links"] == {"next": None, "previous": None,
                               "self": f"{base}/OS-EP-FILTER/endpoint_groups?name={GROUP}"}
    changed = call(admin, "PATCH", url, json={"endpoint_group": {"description": "d"}})
    assert (changed.status_code, changed.json()["endpoint_group"]["description"]) == (200, "d")
    assert call(admin, "GET", url).json()["endpoint_group"]["description"] == "d"
    matched = call(admin, "GET", url + "/endpoints").json()["endpoints"]
    assert matched
    assert all(e["interface"] == "internal" for e in matched)
    assert set(matched[0]) == {"id", "interface", "region_id", "service_id", "url", "enabled",
                               "region", "links"}
    for ref, message in (
            ({"name": "x", "filters": {}}, "filters field is required and cannot be empty"),
            ({"name": "x", "filters": {"url": "u"}},
             "Expecting to find service_id or region_id or interface in endpoint_group. The "
             "server could not comply with the request since it is either malformed or "
             "otherwise incorrect. The client is assumed to be in error."),
            ({"name": "x"}, "Invalid input for field/attribute endpoint_group. Value: "
             "{'name': 'x'}. 'filters' is a required property")):
        refused = create_group(admin, ref)
        assert (refused.status_code, refused.json()["error"]["message"]) == (400, message)
    bad_patch = call(admin, "PATCH", url, json={"endpoint_group": {"filters": {"enabled": True}}})
    assert bad_patch.status_code == 400
    assert call(admin, "DELETE", url).status_code == 204
    gone = call(admin, "GET", url)
    assert gone.status_code == 404
    assert gone.json() == {"error": {"code": 404, "title": "Not Found",
                                     "message": f"Could not find Endpoint Group: {gid}."}}
    assert call(admin, "DELETE", url).status_code == 404
    assert call(admin, "GET", url + "/endpoints").status_code == 404
    orphans = call(admin, "GET", url + "/projects")
    assert (orphans.status_code, orphans.json()["projects"]) == (200, [])


def test_a_member_may_not_touch_endpoint_groups(openstack_identity: ServiceClient) -> None:
    base = v3(openstack_identity)
    listed = call(openstack_identity, "GET", f"{base}/OS-EP-FILTER/endpoint_groups")
    assert (listed.status_code, listed.json()["error"]["message"]) == (
        403, f"{FORBIDDEN}: identity:list_endpoint_groups.")
    made = create_group(openstack_identity, {"name": GROUP, "filters": {"interface": "admin"}})
    assert (made.status_code, made.json()["error"]["message"]) == (
        403, f"{FORBIDDEN}: identity:create_endpoint_group.")


def test_an_endpoint_group_filters_the_projects_catalog(admin: ServiceClient,
                                                        ids: dict[str, str]) -> None:
    base = v3(admin)
    project = ids["project"]
    whole = catalog(admin, project)
    interfaces = {e["interface"] for s in whole for e in s["endpoints"]}
    assert interfaces == {"public", "internal", "admin"}
    gid = create_group(admin, {"name": GROUP, "filters": {"interface": "internal"}}
                       ).json()["endpoint_group"]["id"]
    assoc = f"{base}/OS-EP-FILTER/endpoint_groups/{gid}/projects/{project}"
    assert call(admin, "GET", assoc).status_code == 404
    assert call(admin, "PUT", assoc).status_code == 204
    again = call(admin, "PUT", assoc)
    assert (again.status_code, again.json()["error"]["message"]) == (
        409, "Conflict occurred attempting to store project_endpoint_group - Duplicate entry.")
    got = call(admin, "GET", assoc)
    assert got.json() == {"project_endpoint_group": {
        "endpoint_group_id": gid, "project_id": project, "links": {
            "self": f"/OS-EP-FILTER/endpoint_groups/{gid}/projects/{project}"}}}
    projects = call(admin, "GET", f"{base}/OS-EP-FILTER/endpoint_groups/{gid}/projects").json()
    assert [p["id"] for p in projects["projects"]] == [project]
    groups = call(admin, "GET", f"{base}/OS-EP-FILTER/projects/{project}/endpoint_groups")
    assert [g["id"] for g in groups.json()["endpoint_groups"]] == [gid]
    internal = {e["id"] for s in whole for e in s["endpoints"] if e["interface"] == "internal"}
    filtered = catalog(admin, project)
    assert endpoint_ids(filtered) == internal
    assert all(s["endpoints"] for s in filtered)
    listed = call(admin, "GET", f"{base}/OS-EP-FILTER/projects/{project}/endpoints").json()
    assert {e["id"] for e in listed["endpoints"]} == internal
    # An endpoint associated directly is added to the group's.
    public = next(e for s in whole for e in s["endpoints"] if e["interface"] == "public")
    direct = f"{base}/OS-EP-FILTER/projects/{project}/endpoints/{public['id']}"
    assert call(admin, "GET", direct).status_code == 404
    assert call(admin, "PUT", direct).status_code == 204
    assert call(admin, "GET", direct).status_code == 204
    assert call(admin, "PUT", direct).status_code == 409
    assert endpoint_ids(catalog(admin, project)) == internal | {public["id"]}
    users = call(admin, "GET", f"{base}/OS-EP-FILTER/endpoints/{public['id']}/projects").json()
    assert [p["id"] for p in users["projects"]] == [project]
    # Without the group, only the one endpoint; without either, the whole catalog again.
    assert call(admin, "DELETE", assoc).status_code == 204
    assert call(admin, "DELETE", assoc).status_code == 404
    assert endpoint_ids(catalog(admin, project)) == {public["id"]}
    assert call(admin, "DELETE", direct).status_code == 204
    missing = call(admin, "DELETE", direct)
    assert (missing.status_code, missing.json()["error"]["message"]) == (
        404, f"Endpoint {public['id']} not found in project {project}")
    assert endpoint_ids(catalog(admin, project)) == endpoint_ids(whole)
    assert call(admin, "DELETE", f"{base}/OS-EP-FILTER/endpoint_groups/{gid}").status_code == 204


def test_unknown_projects_and_endpoints_are_404(admin: ServiceClient,
                                               ids: dict[str, str]) -> None:
    base = v3(admin) + "/OS-EP-FILTER"
    for path, message in (
            ("/projects/nope/endpoint_groups", "Could not find project: nope."),
            ("/projects/nope/endpoints", "Could not find project: nope."),
            ("/endpoints/nope/projects", "Could not find endpoint: nope."),
            (f"/projects/{ids['project']}/endpoints/nope", "Could not find endpoint: nope.")):
        got = call(admin, "GET", base + path)
        assert (got.status_code, got.json()["error"]["message"]) == (404, message), path
