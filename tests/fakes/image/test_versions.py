"""The fake Glance's documents and envelopes: version negotiation, schemas, webob's error
pages by `Accept`, request ids, 405s with Glance's `Allow`, and bodies where none belong."""

from __future__ import annotations

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.image.conftest import CIRROS, Glance, webob


def test_the_root_lists_the_versions_with_300_and_no_token(cloud: FakeCloud,
                                                           http: requests.Session) -> None:
    resp = http.get(f"{cloud.base_url}/image/")
    versions = resp.json()["versions"]
    assert resp.status_code == 300
    assert [v["id"] for v in versions][:6] == ["v2.18", "v2.17", "v2.16", "v2.15", "v2.14",
                                                "v2.9"]
    assert versions[0]["status"] == "CURRENT"
    assert {v["status"] for v in versions[1:]} == {"SUPPORTED"}
    assert versions[0]["links"] == [{"rel": "self", "href": f"{cloud.base_url}/image/v2/"}]
    assert resp.headers["x-openstack-request-id"].startswith("req-")


@pytest.mark.parametrize(("path", "status"), [
    ("/image", 300), ("/image/versions", 200), ("/image/v3/images", 300),
    ("/image/anything/at/all", 300), ("/image/versions/x", 200),
])
def test_version_negotiation_answers_before_the_token_check(
        cloud: FakeCloud, http: requests.Session, path: str, status: int) -> None:
    for method in ("GET", "POST", "DELETE"):
        resp = http.request(method, cloud.base_url + path)
        assert resp.status_code == status, (method, path)
        assert "versions" in resp.json()


def test_minor_versions_are_aliases_of_v2(glance: Glance, cloud: FakeCloud) -> None:
    resp = glance.http.get(f"{cloud.base_url}/image/v2.1/images/{CIRROS}",
                           headers={"X-Auth-Token": glance.token})
    assert resp.json()["id"] == CIRROS


def test_v2_needs_a_token_and_answers_webobs_401(cloud: FakeCloud,
                                                 http: requests.Session) -> None:
    resp = http.get(f"{cloud.base_url}/image/v2/images", headers={"Accept": "application/json"})
    body = resp.json()
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"] == f'Keystone uri="{cloud.base_url}/identity"'
    assert (body["code"], body["title"]) == ("401 Unauthorized", "Unauthorized")
    assert body["message"].startswith("This server could not verify that you are authorized")


def test_error_pages_follow_accept(glance: Glance) -> None:
    html = glance.get("/images/nope", headers={"Accept": "*/*"})
    assert html.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert html.text == ("<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n"
                         "  <h1>404 Not Found</h1>\n  No image found with ID nope<br /><br />"
                         "\n\n\n\n </body>\n</html>")
    plain = glance.get("/images/nope", headers={"Accept": ""})
    assert plain.headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert plain.text == "404 Not Found\n\nNo image found with ID nope\n\n   "
    escaped = glance.get("/images/<b>", headers={"Accept": "text/html"})
    assert "No image found with ID &lt;b&gt;" in escaped.text


def test_other_methods_get_405_with_glances_allow(glance: Glance) -> None:
    head = glance.call("HEAD", f"/images/{CIRROS}")
    assert (head.status_code, head.headers["Allow"]) == (405, "GET, PATCH, DELETE")
    post = glance.post(f"/images/{CIRROS}")
    assert post.json()["message"] == ("The method POST is not allowed for this resource. "
                                      "<br /><br />\n")
    assert glance.call("PUT", "/images").headers["Allow"] == "GET, POST"
    assert glance.call("POST", "/info/usage").status_code == 404


def test_an_unknown_v2_path_is_webobs_404_behind_the_token(glance: Glance) -> None:
    resp = glance.get("/nothing/here")
    assert resp.json() == webob("404 Not Found", "The resource could not be found.")


def test_a_body_where_none_is_expected_is_refused(glance: Glance) -> None:
    resp = glance.call("GET", f"/images/{CIRROS}", data=b"{}",
                       headers={"Content-Type": "application/json"})
    assert resp.json() == webob("400 Bad Request", "A body is not expected with this request.")


def test_the_request_id_is_echoed_and_a_long_one_refused(glance: Glance) -> None:
    echoed = glance.get(f"/images/{CIRROS}", headers={"X-Openstack-Request-ID": "abc"})
    assert echoed.headers["x-openstack-request-id"] == "req-abc"
    long = glance.get(f"/images/{CIRROS}", headers={"X-Openstack-Request-ID": "r" * 65})
    assert long.status_code == 431
    assert long.json()["message"] == ("The request header fields were too large<br /><br />\n\n"
                                      "<!-- x-openstack-request-id is too long, max size 64 -->"
                                      "\n")


def test_the_schemas_describe_images_and_members(glance: Glance) -> None:
    image = glance.get("/schemas/image").json()
    assert image["name"] == "image"
    assert image["additionalProperties"] == {"type": "string"}
    assert list(image["properties"])[:3] == ["id", "name", "status"]
    assert image["properties"]["os_distro"]["is_base"] is False
    images = glance.get("/schemas/images").json()
    assert images["properties"]["images"]["items"] == image
    member = glance.get("/schemas/member").json()
    assert member["properties"]["status"]["enum"] == ["pending", "accepted", "rejected"]
    members = glance.get("/schemas/members").json()
    assert members["properties"]["members"]["items"] == member
    assert members["links"] == [{"rel": "describedby", "href": "{schema}"}]
