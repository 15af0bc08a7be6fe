"""The middleware pipeline: chosen per cloud, run in order, and each middleware acting and
listed in `/info` only while enabled; healthcheck and crossdomain as Swift 2.38 answers."""

from __future__ import annotations

import hashlib
import hmac

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage import DEFAULT_PIPELINE, Pipeline, SwiftConfig
from stackdouble.fakes.objectstorage.middleware import REGISTRY
from stackdouble.fakes.objectstorage.middleware.crossdomain import document
from tests.fakes.objectstorage.conftest import Swift

#: Swift 2.38.3's answer, captured from its healthcheck behind catch_errors.
HEALTHCHECK_HEADERS = {"Content-Type": "text/plain", "Content-Length": "2"}


def info_sections(cloud: FakeCloud, http: requests.Session) -> set[str]:
    return set(http.get(cloud.base_url + "/info").json())


# -- choosing a pipeline ---------------------------------------------------------------------


def test_a_proxy_server_conf_line_is_read_in_order_without_plumbing() -> None:
    line = ("catch_errors gatekeeper healthcheck proxy-logging cache listing_formats "
            "bulk tempurl authtoken keystoneauth copy container-quotas proxy-logging "
            "proxy-server")
    assert Pipeline(line).names == ("healthcheck", "bulk", "tempurl", "keystoneauth",
                                    "container_quotas")
    assert Pipeline(line) == Pipeline(["healthcheck", "bulk", "tempurl", "keystoneauth",
                                       "container-quotas"])


def test_a_middleware_the_fake_lacks_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="no 's3api' middleware"):
        Pipeline("healthcheck s3api proxy-server")
    with pytest.raises(ValueError, match="twice"):
        Pipeline("tempurl tempurl")
    with pytest.raises(ValueError, match="no \\['nope'\\] middleware"):
        Pipeline().without("nope")


def test_the_default_pipeline_has_every_middleware_but_crossdomain() -> None:
    assert set(Pipeline(DEFAULT_PIPELINE).names) == set(REGISTRY) - {"crossdomain"}


def test_a_clouds_pipeline_survives_reset(http: requests.Session) -> None:
    cloud = FakeCloud(swift=SwiftConfig(pipeline="healthcheck keystoneauth proxy-server"))
    with cloud:
        cloud.reset()
        assert info_sections(cloud, http) == {"swift"}
        assert cloud.object_storage.pipeline.names == ("healthcheck", "keystoneauth")


def test_a_test_may_swap_one_states_pipeline(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.object_storage.pipeline = "healthcheck tempurl keystoneauth"
    assert info_sections(cloud, http) == {"swift", "tempurl"}
    cloud.reset()
    assert "tempauth" in info_sections(cloud, http)


# -- each middleware acts only while enabled ---------------------------------------------------


def test_without_bulk_a_bulk_delete_is_a_plain_account_post(cloud: FakeCloud, swift: Swift,
                                                            http: requests.Session) -> None:
    swift("PUT", "/c")
    swift("PUT", "/c/o", data=b"x")
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("bulk")
    assert "bulk_delete" not in info_sections(cloud, http)
    resp = swift("POST", "?bulk-delete", data=b"/c/o\n")
    assert resp.status_code == 204
    assert cloud.object_storage.names("demo", "c") == ["o"]


def test_without_tempurl_a_signed_url_is_anonymous(cloud: FakeCloud, swift: Swift,
                                                   http: requests.Session) -> None:
    swift("PUT", "/c")
    swift("PUT", "/c/o", data=b"x")
    swift("POST", "", headers={"X-Account-Meta-Temp-URL-Key": "k"})
    expires = int(cloud.clock.time()) + 60
    path = f"/v1/{swift.account}/c/o"
    sig = hmac.new(b"k", f"GET\n{expires}\n{path}".encode(), hashlib.sha256).hexdigest()
    url = f"{cloud.base_url}{path}?temp_url_sig={sig}&temp_url_expires={expires}"
    assert http.get(url).status_code == 200
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("tempurl")
    resp = http.get(url)
    assert resp.status_code == 401
    assert resp.headers["Www-Authenticate"].startswith("Swift realm=\"AUTH_")


def test_without_tempauth_its_logins_and_tokens_are_gone(cloud: FakeCloud,
                                                         http: requests.Session) -> None:
    creds = {"X-Auth-User": "test:tester", "X-Auth-Key": "testing"}
    token = http.get(cloud.base_url + "/auth/v1.0", headers=creds).headers["X-Auth-Token"]
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("tempauth")
    login = http.get(cloud.base_url + "/auth/v1.0", headers=creds)
    assert login.status_code == 400  # the proxy: `auth` is not an API version
    used = http.get(cloud.base_url + "/v1/AUTH_test", headers={"X-Auth-Token": token})
    assert used.status_code == 401


def test_without_keystoneauth_a_keystone_token_is_anonymous(cloud: FakeCloud,
                                                            swift: Swift) -> None:
    assert swift("HEAD").status_code == 204
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("keystoneauth")
    assert swift("HEAD").status_code == 401


def test_without_container_quotas_the_quota_is_plain_metadata(cloud: FakeCloud,
                                                              swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Container-Meta-Quota-Bytes": "2"})
    assert swift("PUT", "/c/o", data=b"xyz").status_code == 413
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("container_quotas")
    assert swift("PUT", "/c/o", data=b"xyz").status_code == 201


# -- healthcheck and crossdomain ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST", "DELETE"])
def test_healthcheck_answers_ok_to_any_method(cloud: FakeCloud, http: requests.Session,
                                              method: str) -> None:
    resp = http.request(method, cloud.base_url + "/healthcheck?whatever=1")
    assert resp.status_code == 200
    assert {k: resp.headers[k] for k in HEALTHCHECK_HEADERS} == HEALTHCHECK_HEADERS
    assert resp.content == (b"" if method == "HEAD" else b"OK")
    assert resp.headers["X-Trans-Id"].startswith("tx")
    assert resp.headers["X-Openstack-Request-Id"] == resp.headers["X-Trans-Id"]


def test_without_healthcheck_the_proxy_cannot_route_it(cloud: FakeCloud,
                                                       http: requests.Session) -> None:
    cloud.object_storage.pipeline = cloud.object_storage.pipeline.without("healthcheck")
    resp = http.get(cloud.base_url + "/healthcheck")
    assert (resp.status_code, resp.text) == (412, "Bad URL")
    assert "healthcheck" not in info_sections(cloud, http)  # it never registers any


def test_crossdomain_serves_swifts_default_policy_when_enabled(
    cloud: FakeCloud, http: requests.Session
) -> None:
    assert http.get(cloud.base_url + "/crossdomain.xml").status_code == 412
    cloud.object_storage.pipeline = ("healthcheck crossdomain tempauth keystoneauth "
                                     "proxy-server")
    resp = http.get(cloud.base_url + "/crossdomain.xml")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/xml"
    assert resp.headers["Content-Length"] == "209"  # as Swift 2.38.3 answers
    assert resp.content == document()
    assert http.get(info_url(cloud)).json()["crossdomain"] == {}
    head = http.head(cloud.base_url + "/crossdomain.xml")
    assert head.status_code == 412  # only GET is crossdomain's: the proxy answers a HEAD


def info_url(cloud: FakeCloud) -> str:
    return cloud.base_url + "/info"
