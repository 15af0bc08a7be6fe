"""Where the fake Swift answers: at the root of the cloud's origin, as a Swift proxy does
(`/v1/AUTH_<project>`, `/info`, `/healthcheck`, `/auth/v1.0`), and under the
`/object-store` alias, as behind a prefix-stripping proxy."""

from __future__ import annotations

import hashlib
import hmac

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.objectstorage.conftest import Swift


def test_the_catalog_points_at_the_root_of_the_origin(cloud: FakeCloud) -> None:
    endpoints = {e.interface: e.url for e in cloud.identity.endpoints.values()
                 if cloud.identity.services[e.service_id].type == "object-store"}
    assert endpoints["public"] == f"{cloud.base_url}/v1/AUTH_$(project_id)s"
    assert endpoints["admin"] == cloud.base_url  # DevStack's: the bare proxy


def test_the_alias_reaches_the_same_account(cloud: FakeCloud, swift: Swift,
                                            http: requests.Session) -> None:
    swift("PUT", "/c")
    swift("PUT", "/c/o", data=b"data")
    aliased = f"{cloud.base_url}/object-store/v1/{swift.account}/c/o"
    resp = http.get(aliased, headers={"X-Auth-Token": swift.token})
    assert (resp.status_code, resp.content) == (200, b"data")
    last = cloud.requests.last
    assert last is not None
    assert last.service == "object-store"


def test_a_temp_url_is_signed_over_the_path_swift_sees(cloud: FakeCloud, swift: Swift,
                                                       http: requests.Session) -> None:
    swift("PUT", "/c")
    swift("PUT", "/c/o", data=b"data")
    swift("POST", "", headers={"X-Account-Meta-Temp-URL-Key": "k"})
    expires = int(cloud.clock.time()) + 60
    path = f"/v1/{swift.account}/c/o"

    def sig(signed: str) -> str:
        return hmac.new(b"k", f"GET\n{expires}\n{signed}".encode(), hashlib.sha256).hexdigest()

    query = f"?temp_url_sig={sig(path)}&temp_url_expires={expires}"
    assert http.get(cloud.base_url + path + query).status_code == 200
    # Behind the alias Swift sees the path without it: the same signature still works...
    assert http.get(cloud.base_url + "/object-store" + path + query).status_code == 200
    # ...and one computed over the client's whole path is refused, as by a real Swift.
    whole = f"?temp_url_sig={sig('/object-store' + path)}&temp_url_expires={expires}"
    assert http.get(cloud.base_url + "/object-store" + path + whole).status_code == 401


def test_tempauth_hands_out_a_storage_url_at_the_root(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    for login in ("/auth/v1.0", "/object-store/auth/v1.0"):
        resp = http.get(cloud.base_url + login,
                        headers={"X-Auth-User": "test:tester", "X-Auth-Key": "testing"})
        assert resp.headers["X-Storage-Url"] == f"{cloud.base_url}/v1/AUTH_test"


def test_paths_no_service_owns_are_still_the_web_servers_404(
    cloud: FakeCloud, http: requests.Session
) -> None:
    resp = http.get(cloud.base_url + "/v2/AUTH_x")
    assert resp.status_code == 404
    last = cloud.requests.last
    assert last is not None
    assert last.service == "none"


def test_other_services_keep_their_prefixes(cloud: FakeCloud, http: requests.Session) -> None:
    assert http.get(cloud.base_url + "/compute").status_code == 200
    assert http.get(cloud.auth_url + "/v3").json()["version"]["id"] == "v3.14"
