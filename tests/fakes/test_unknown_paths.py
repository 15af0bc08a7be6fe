"""Unknown paths answer 404 in each service's own envelope, never 500."""

from __future__ import annotations

import requests

from stackdouble.fakes import FakeCloud


def test_compute_answers_nova_item_not_found(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.get(cloud.base_url + "/compute/v2.1/no-such-collection")
    assert resp.status_code == 404
    assert resp.json() == {"itemNotFound": {"code": 404,
                                            "message": "The resource could not be found."}}


def test_block_storage_answers_cinder_item_not_found(cloud: FakeCloud,
                                                     http: requests.Session) -> None:
    resp = http.get(cloud.base_url + "/volume/v3/abc/no-such-collection")
    assert resp.status_code == 404
    assert resp.json() == {"itemNotFound": {"code": 404,
                                            "message": "The resource could not be found."}}


def test_object_store_answers_swift_html_with_transaction_id(cloud: FakeCloud,
                                                             http: requests.Session) -> None:
    resp = http.get(cloud.base_url + "/v1/AUTH_x//o")  # Swift's split_path fails
    assert resp.status_code == 404
    assert resp.text.startswith("<html><h1>Not Found</h1>")
    assert resp.headers["X-Trans-Id"].startswith("tx")
    assert resp.headers["X-Openstack-Request-Id"] == resp.headers["X-Trans-Id"]


def test_paths_outside_every_service_get_a_plain_404(cloud: FakeCloud,
                                                     http: requests.Session) -> None:
    resp = http.get(cloud.base_url + "/nowhere")
    assert resp.status_code == 404
    assert "Not Found" in resp.text


def test_swift_answers_only_its_own_segments_at_the_root(cloud: FakeCloud,
                                                         http: requests.Session) -> None:
    nowhere = http.get(cloud.base_url + "/nowhere")
    for path in ("/infos", "/INFO", "/v2/AUTH_x", "/healthchecks"):
        resp = http.get(cloud.base_url + path)
        assert (resp.status_code, resp.text) == (404, nowhere.text), path
        assert "X-Trans-Id" not in resp.headers, path
    assert http.get(cloud.base_url + "/info").status_code == 200
    for path in ("/info/", "/v1", "/healthcheck/"):  # Swift's proxy: no account to route
        resp = http.get(cloud.base_url + path)
        assert (resp.status_code, resp.text) == (412, "Bad URL"), path
        assert resp.headers["X-Trans-Id"].startswith("tx"), path
