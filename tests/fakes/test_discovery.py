"""Version discovery at the identity root, as Keystone 30 answers it."""

from __future__ import annotations

import re

import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity import NOT_FOUND_HTML

V3_MEDIA = [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]


def test_root_answers_300_with_location_of_v3(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.auth_url)
    assert resp.status_code == 300
    assert resp.headers["Location"] == cloud.base_url + "/identity/v3/"


def test_root_lists_v3_stable_and_v2_deprecated(cloud: FakeCloud, http: requests.Session) -> None:
    values = http.get(cloud.auth_url).json()["versions"]["values"]
    assert [(v["id"], v["status"]) for v in values] == [("v3.14", "stable"),
                                                          ("v2.0", "deprecated")]


def test_root_with_trailing_slash_is_the_same_document(cloud: FakeCloud,
                                                       http: requests.Session) -> None:
    assert http.get(cloud.auth_url + "/").json() == http.get(cloud.auth_url).json()


def test_v3_document_matches_keystone_30(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.identity_v3_url)
    assert resp.status_code == 200
    assert resp.json() == {"version": {
        "id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
        "links": [{"rel": "self", "href": cloud.base_url + "/identity/v3/"}],
        "media-types": V3_MEDIA}}


def test_v3_with_trailing_slash_answers_200(cloud: FakeCloud, http: requests.Session) -> None:
    assert http.get(cloud.identity_v3_url + "/").status_code == 200


def test_every_keystone_response_has_request_id_vary_and_json_type(
        cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.identity_v3_url)
    assert re.fullmatch(r"req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                        resp.headers["x-openstack-request-id"])
    assert resp.headers["Vary"] == "X-Auth-Token"
    assert resp.headers["Content-Type"] == "application/json"


def test_v2_document_is_deprecated_v2_0(cloud: FakeCloud, http: requests.Session) -> None:
    version = http.get(cloud.identity_v2_url).json()["version"]
    assert (version["id"], version["status"]) == ("v2.0", "deprecated")
    assert version["links"][0] == {"rel": "self", "href": cloud.base_url + "/identity/v2.0/"}


def test_without_v2_the_root_lists_only_v3(http: requests.Session) -> None:
    with FakeCloud(identity_versions=("v3",)) as cloud:
        values = http.get(cloud.auth_url).json()["versions"]["values"]
    assert [v["id"] for v in values] == ["v3.14"]


def test_without_v2_its_paths_get_flasks_html_404_as_keystone_30(http: requests.Session) -> None:
    with FakeCloud(identity_versions=("v3",)) as cloud:
        resp = http.post(cloud.identity_v2_url + "/tokens", json={})
    assert resp.status_code == 404
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert resp.text == NOT_FOUND_HTML
    assert len(resp.content) == 207


def test_unknown_identity_path_gets_html_404(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.identity_v3_url + "/nothing-here")
    assert (resp.status_code, resp.text) == (404, NOT_FOUND_HTML)


def test_wrong_method_gets_405_with_allow(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.put(cloud.identity_v3_url + "/auth/tokens")
    assert resp.status_code == 405
    assert resp.headers["Allow"] == "DELETE, GET, HEAD, POST"
