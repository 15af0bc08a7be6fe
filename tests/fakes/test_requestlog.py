"""The request log records what was sent, with secrets redacted."""

from __future__ import annotations

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import login, password_body, post_token, v2_password_body


def test_x_auth_token_is_redacted(cloud: FakeCloud, http: requests.Session) -> None:
    token = login(http, cloud)
    http.get(cloud.identity_v3_url + "/auth/projects", headers={"X-Auth-Token": token})
    record = cloud.requests.last
    assert record is not None
    assert record.headers["X-Auth-Token"] == "***"
    assert token not in repr(record)


def test_v3_password_is_scrubbed_from_the_body(cloud: FakeCloud, http: requests.Session) -> None:
    post_token(http, cloud, password_body())
    record = cloud.requests.last
    assert record is not None
    assert record.body["auth"]["identity"]["methods"] == ["password"]
    assert record.body["auth"]["identity"]["password"] == "***"
    assert "demo-secret" not in repr(record)


def test_v2_password_and_api_key_are_scrubbed(cloud: FakeCloud, http: requests.Session) -> None:
    http.post(cloud.identity_v2_url + "/tokens", json=v2_password_body())
    http.post(cloud.identity_v2_url + "/tokens", json={"auth": {
        "RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": "demo-api-key"}}})
    text = repr(list(cloud.requests))
    assert "demo-secret" not in text
    assert "demo-api-key" not in text


def test_a_record_has_method_path_status_service_and_request_id(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.identity_v3_url + "/?x=1")
    record = cloud.requests.last
    assert record is not None
    assert (record.method, record.path, record.query, record.status, record.service) == (
        "GET", "/identity/v3/", "x=1", 200, "identity")
    assert record.url == cloud.identity_v3_url + "/?x=1"
    assert record.request_id == resp.headers["x-openstack-request-id"]


def test_filter_by_method_path_service_and_status(cloud: FakeCloud,
                                                  http: requests.Session) -> None:
    http.get(cloud.identity_v3_url)
    post_token(http, cloud, password_body(password="wrong"))
    http.get(cloud.base_url + "/compute/v2.1/no-such-collection")
    assert len(cloud.requests.filter(method="post")) == 1
    assert len(cloud.requests.filter(path="/identity/*")) == 2
    assert len(cloud.requests.filter(service="compute")) == 1
    assert len(cloud.requests.filter(status=401)) == 1


def test_clear_empties_the_log(cloud: FakeCloud, http: requests.Session) -> None:
    http.get(cloud.identity_v3_url)
    cloud.requests.clear()
    assert len(cloud.requests) == 0


def test_control_plane_requests_are_not_logged(cloud: FakeCloud, http: requests.Session) -> None:
    http.get(cloud.base_url + "/_stackdouble/state")
    assert len(cloud.requests) == 0


def test_a_body_too_deep_for_json_is_logged_as_text(cloud: FakeCloud,
                                                    http: requests.Session) -> None:
    token = cloud.identity.issue_token("admin", project="admin")
    resp = http.post(cloud.identity_v3_url + "/projects", data=b"[" * 100_000,
                     headers={"X-Auth-Token": token, "Content-Type": "application/json"})
    entry = cloud.requests.last
    assert resp.status_code == 400
    assert entry is not None
    assert entry.status == 400
    assert entry.body == "[" * 4096
