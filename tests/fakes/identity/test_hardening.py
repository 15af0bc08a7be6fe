"""Hardening (issue 12): deep JSON, odd limits and tags that reach a header get Keystone's
answer, never a 500, and a 4xx changes nothing."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
import requests

from stackdouble.fakes import FakeCloud

TAIL = (" The server could not comply with the request since it is either malformed or "
        "otherwise incorrect. The client is assumed to be in error.")


def error_of(resp: requests.Response) -> dict[str, Any]:
    return dict(resp.json()["error"])




def _admin_headers(cloud: FakeCloud) -> dict[str, str]:
    return {"X-Auth-Token": cloud.identity.issue_token("admin", project="admin"),
            "Content-Type": "application/json"}


@pytest.mark.parametrize("path", ["/projects", "/users", "/groups", "/roles", "/auth/tokens"])
def test_json_nested_100000_deep_is_400_and_stores_nothing(cloud: FakeCloud,
                                                           http: requests.Session,
                                                           path: str) -> None:
    before = cloud.identity.dump()
    resp = http.post(cloud.identity_v3_url + path, data=b"[" * 100_000,
                     headers=_admin_headers(cloud))
    assert resp.status_code == 400
    assert error_of(resp) == {"code": 400, "title": "Bad Request",
                              "message": "Expecting to find valid JSON in request body." + TAIL}
    after = cloud.identity.dump()
    assert after["projects"] == before["projects"]
    assert after["users"] == before["users"]


def test_a_project_with_an_800_deep_attribute_is_created_once(cloud: FakeCloud,
                                                              http: requests.Session) -> None:
    # Keystone keeps unknown attributes as `extra`: deep but valid JSON is a project, and
    # the request log (which once recursed into it and answered 500) records it.
    body = b'{"project": {"name": "deep", "x": ' + b"[" * 800 + b"]" * 800 + b"}}"
    resp = http.post(cloud.identity_v3_url + "/projects", data=body,
                     headers=_admin_headers(cloud))
    assert resp.status_code == 201
    assert [p["name"] for p in cloud.identity.dump()["projects"]].count("deep") == 1
    assert cloud.requests.last is not None
    assert cloud.requests.last.status == 201


def test_groups_with_limit_0_are_an_empty_truncated_page_as_users(
        cloud: FakeCloud, http: requests.Session) -> None:
    headers = _admin_headers(cloud)
    http.post(cloud.identity_v3_url + "/groups", json={"group": {"name": "g"}}, headers=headers)
    groups = http.get(cloud.identity_v3_url + "/groups?limit=0", headers=headers)
    users = http.get(cloud.identity_v3_url + "/users?limit=0", headers=headers)
    assert groups.status_code == 200
    assert (groups.json()["groups"], groups.json()["truncated"]) == ([], True)
    assert groups.json()["links"]["next"] is None
    assert (users.json()["users"], users.json()["truncated"]) == ([], True)


@pytest.mark.parametrize("limit", ["-1", "abc", "1.5"])
def test_groups_with_a_bad_limit_are_400(cloud: FakeCloud, http: requests.Session,
                                         limit: str) -> None:
    resp = http.get(cloud.identity_v3_url + "/groups?limit=" + limit,
                    headers=_admin_headers(cloud))
    assert resp.status_code == 400
    assert error_of(resp)["message"] == "Invalid limit value"


@pytest.mark.parametrize(("tag", "location_tail"), [
    ("\u2713", "/tags/%E2%9C%93"), ("a b", "/tags/a%20b"), ("a\r\nb", "/tags/ab")])
def test_a_tag_reaches_the_location_header_as_werkzeug_encodes_it(
        cloud: FakeCloud, http: requests.Session, tag: str, location_tail: str) -> None:
    project_id = cloud.project_id("admin")
    headers = _admin_headers(cloud)
    url = f"{cloud.identity_v3_url}/projects/{project_id}/tags"
    resp = http.put(f"{url}/{quote(tag, safe='')}", headers=headers)
    assert resp.status_code == 201
    assert resp.headers["Location"] == f"{cloud.identity_v3_url}/{project_id}{location_tail}"
    assert http.get(url, headers=headers).json()["tags"] == [tag]


@pytest.mark.parametrize("tag", ["a,b", "x" * 256])
def test_an_invalid_tag_is_400_and_not_stored(cloud: FakeCloud, http: requests.Session,
                                              tag: str) -> None:
    project_id = cloud.project_id("admin")
    headers = _admin_headers(cloud)
    url = f"{cloud.identity_v3_url}/projects/{project_id}/tags"
    resp = http.put(f"{url}/{quote(tag, safe='')}", headers=headers)
    assert resp.status_code == 400
    assert "Failed validating" in error_of(resp)["message"]
    assert http.get(url, headers=headers).json()["tags"] == []
