"""Where the fake Swift answered otherwise than Swift 2.38.3 (issue #14, item 3): account
quotas (removing them, per storage policy, who may set them), a PUT without a length, UTF-8
in header values, a container POST's Last-Modified, `X-If-Delete-At`, and the `SERVICE_`
reseller prefix with service tokens."""

from __future__ import annotations

import socket
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import requests

from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.objectstorage import ObjectStorageModel


def storage_url(cloud: FakeCloud, http: requests.Session, token: str) -> str:
    """The object-store endpoint of the token's catalog (public interface)."""
    auth_url = cloud.os_environ()["OS_AUTH_URL"].rstrip("/")
    catalog = http.get(auth_url + "/v3/auth/catalog", headers={"X-Auth-Token": token})
    return str(next(e["url"] for s in catalog.json()["catalog"] if s["type"] == "object-store"
                    for e in s["endpoints"] if e["interface"] == "public"))


class Caller:
    """A token and its storage URL, with `requests` calls relative to that URL."""

    def __init__(self, cloud: FakeCloud, http: requests.Session, user: str, project: str,
                 url: str | None = None) -> None:
        self.http = http
        self.token = cloud.identity.issue_token(user, project=project)
        self.url = url or storage_url(cloud, http, self.token)

    def __call__(self, method: str, path: str = "", *, headers: dict[str, Any] | None = None,
                 **kwargs: Any) -> requests.Response:
        sent = {"X-Auth-Token": self.token, **(headers or {})}
        return self.http.request(method, self.url + path, headers=sent, **kwargs)


@pytest.fixture
def demo(cloud: FakeCloud, http: requests.Session) -> Caller:
    """The demo project's member (its account's owner)."""
    return Caller(cloud, http, "demo", "demo")


@pytest.fixture
def reseller(cloud: FakeCloud, http: requests.Session, demo: Caller) -> Caller:
    """A ResellerAdmin (keystoneauth's `reseller_admin_role`) aimed at demo's account."""
    role = cloud.identity.create_role("ResellerAdmin")
    cloud.identity.grant_role(role, user="admin", project="admin")
    return Caller(cloud, http, "admin", "admin", url=demo.url)


@pytest.fixture
def model(cloud: FakeCloud) -> ObjectStorageModel:
    """The fake Swift's state."""
    return cloud.object_storage


# -- account quotas ---------------------------------------------------------------------------


def test_an_empty_legacy_quota_header_removes_the_quota(demo: Caller, reseller: Caller,
                                                        model: ObjectStorageModel) -> None:
    assert reseller("POST", headers={"X-Account-Quota-Bytes": "10"}).status_code == 204
    assert demo("HEAD").headers["X-Account-Quota-Bytes"] == "10"
    assert reseller("POST", headers={"X-Account-Meta-Quota-Bytes": ""}).status_code == 204
    assert "X-Account-Quota-Bytes" not in demo("HEAD").headers
    demo("PUT", "/c")
    assert demo("PUT", "/c/o", data=b"x" * 20).status_code == 201


def test_x_remove_account_meta_quota_bytes_removes_the_quota(demo: Caller, reseller: Caller,
                                                             model: ObjectStorageModel) -> None:
    reseller("POST", headers={"X-Account-Quota-Bytes": "10"})
    resp = reseller("POST", headers={"X-Remove-Account-Meta-Quota-Bytes": "x"})
    assert resp.status_code == 204
    assert model.account("demo").quota_bytes is None
    assert "X-Account-Quota-Bytes" not in demo("HEAD").headers


def test_a_storage_policy_quota_refuses_uploads_past_it(demo: Caller, reseller: Caller,
                                                        model: ObjectStorageModel) -> None:
    model.policies = ["Policy-0", "gold"]
    resp = reseller("POST", headers={"X-Account-Quota-Bytes-Policy-gold": "5",
                                     "X-Account-Quota-Count-Policy-Policy-0": "1"})
    assert resp.status_code == 204
    head = demo("HEAD").headers
    assert head["X-Account-Quota-Bytes-Policy-gold"] == "5"
    assert head["X-Account-Quota-Count-Policy-Policy-0"] == "1"
    demo("PUT", "/g", headers={"X-Storage-Policy": "gold"})
    demo("PUT", "/p")
    refused = demo("PUT", "/g/big", data=b"x" * 6)
    assert (refused.status_code, refused.text) == (413, "Upload exceeds policy quota.")
    assert demo("PUT", "/g/small", data=b"x" * 5).status_code == 201
    assert demo("PUT", "/p/one", data=b"x" * 100).status_code == 201
    assert demo("PUT", "/p/two", data=b"x").status_code == 413
    assert model.names("demo", "g") == ["small"]


def test_removing_a_storage_policy_quota_lifts_it(demo: Caller, reseller: Caller,
                                                  model: ObjectStorageModel) -> None:
    reseller("POST", headers={"X-Account-Quota-Bytes-Policy-Policy-0": "0"})
    demo("PUT", "/c")
    assert demo("PUT", "/c/o", data=b"x").status_code == 413
    reseller("POST", headers={"X-Remove-Account-Quota-Bytes-Policy-Policy-0": "t"})
    assert "X-Account-Quota-Bytes-Policy-Policy-0" not in demo("HEAD").headers
    assert demo("PUT", "/c/o", data=b"x").status_code == 201


@pytest.mark.parametrize("header", [
    "X-Account-Quota-Bytes", "X-Account-Meta-Quota-Bytes", "X-Account-Quota-Count",
    "X-Account-Quota-Bytes-Policy-Policy-0", "X-Remove-Account-Quota-Bytes",
])
def test_the_account_owner_may_not_set_or_remove_a_quota(demo: Caller, header: str,
                                                         model: ObjectStorageModel) -> None:
    model.account("demo").quota_bytes = 100
    resp = demo("POST", headers={header: "1", "X-Account-Meta-Color": "red"})
    assert resp.status_code == 403
    account = model.account("demo")
    assert (account.quota_bytes, account.quota_count, account.policy_quotas) == (100, None, {})
    assert account.metadata == {}  # nothing else changed either


def test_an_anonymous_quota_gets_account_quotas_403(demo: Caller, http: requests.Session) -> None:
    resp = http.post(demo.url, headers={"X-Account-Quota-Bytes": "1"})
    assert resp.status_code == 403  # before keystoneauth would say 401


def test_a_quota_that_is_not_a_number_is_400_and_sets_nothing(
        reseller: Caller, model: ObjectStorageModel) -> None:
    resp = reseller("POST", headers={"X-Account-Quota-Bytes": "5",
                                     "X-Account-Quota-Count-Policy-Policy-0": "lots"})
    assert resp.status_code == 400
    assert model.account("demo").quota_bytes is None


# -- a PUT without a length -----------------------------------------------------------------


def raw_request(url: str, data: bytes) -> bytes:
    """Send `data` to the host of `url` on a fresh connection; the response's first line."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port or 80), timeout=10) as sock:
        sock.sendall(data)
        return sock.makefile("rb").readline()


def test_an_object_put_without_length_or_chunking_is_411(http: requests.Session) -> None:
    cloud = FakeCloud(seed=3)
    with cloud.serve():
        owner = Caller(cloud, http, "demo", "demo")
        owner("PUT", "/c")
        path = urlsplit(owner.url).path
        line = raw_request(owner.url, f"PUT {path}/c/o HTTP/1.1\r\nHost: x\r\n"
                                      f"X-Auth-Token: {owner.token}\r\n\r\n".encode())
        chunked = raw_request(owner.url, f"PUT {path}/c/p HTTP/1.1\r\nHost: x\r\n"
                                         f"X-Auth-Token: {owner.token}\r\n"
                                         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n".encode())
        assert line == b"HTTP/1.1 411 Length Required\r\n"
        assert chunked == b"HTTP/1.1 201 Created\r\n"
        assert cloud.object_storage.names("demo", "c") == ["p"]


# -- UTF-8 in header values -----------------------------------------------------------------

CAFE = "café"
WIRE = CAFE.encode("utf-8")  # what a client sends, raw, in a header value


def test_x_copy_from_in_raw_utf8_names_the_source(demo: Caller,
                                                  model: ObjectStorageModel) -> None:
    demo("PUT", "/c")
    demo("PUT", f"/c/{quote(CAFE)}", data=b"beans")
    resp = demo("PUT", "/c/copy", headers={"X-Copy-From": b"c/" + WIRE})
    assert resp.status_code == 201
    assert resp.headers["X-Copied-From"] == quote(f"c/{CAFE}")
    assert model.get_object("demo", "c", "copy").data == b"beans"


def test_a_copy_destination_in_raw_utf8_names_the_target(demo: Caller,
                                                         model: ObjectStorageModel) -> None:
    demo("PUT", "/c")
    demo("PUT", "/c/src", data=b"beans")
    assert demo("COPY", "/c/src", headers={"Destination": b"c/" + WIRE}).status_code == 201
    assert model.get_object("demo", "c", CAFE).data == b"beans"


def test_a_utf8_content_type_is_stored_as_text_and_answered_as_sent(
        demo: Caller, model: ObjectStorageModel) -> None:
    demo("PUT", "/c")
    demo("PUT", "/c/o", data=b"x", headers={"Content-Type": b"text/" + WIRE})
    assert model.get_object("demo", "c", "o").content_type == f"text/{CAFE}"
    got = demo("GET", "/c/o")
    assert got.headers["Content-Type"].encode("latin-1") == b"text/" + WIRE
    assert demo("GET", "/c", params={"format": "json"}).json()[0]["content_type"] == \
        f"text/{CAFE}"


def test_utf8_metadata_round_trips(demo: Caller, model: ObjectStorageModel) -> None:
    demo("PUT", "/c")
    demo("PUT", "/c/o", data=b"x", headers={"X-Object-Meta-Origin": WIRE})
    assert model.get_object("demo", "c", "o").metadata == {"Origin": CAFE}
    assert demo("HEAD", "/c/o").headers["X-Object-Meta-Origin"].encode("latin-1") == WIRE


# -- a container POST -----------------------------------------------------------------------


def test_a_container_post_moves_last_modified(demo: Caller, clock: FakeClock) -> None:
    demo("PUT", "/c")
    before = parsedate_to_datetime(demo("HEAD", "/c").headers["Last-Modified"])
    clock.advance(90)
    assert demo("POST", "/c", headers={"X-Container-Meta-Team": "web"}).status_code == 204
    after = parsedate_to_datetime(demo("HEAD", "/c").headers["Last-Modified"])
    assert (after - before).total_seconds() == 90
    listed = demo("GET", params={"format": "json"}).json()
    assert listed[0]["last_modified"].startswith(after.strftime("%Y-%m-%dT%H:%M:%S")[:16])


# -- X-If-Delete-At -------------------------------------------------------------------------


def test_a_bad_x_if_delete_at_is_400_even_for_a_missing_object(demo: Caller) -> None:
    demo("PUT", "/c")
    resp = demo("DELETE", "/c/missing", headers={"X-If-Delete-At": "bad"})
    assert (resp.status_code, resp.text) == (400, "Bad X-If-Delete-At header value")


def test_x_if_delete_at_deletes_only_an_object_expiring_then(
        demo: Caller, model: ObjectStorageModel, clock: FakeClock) -> None:
    demo("PUT", "/c")
    at = int(clock.time()) + 3600
    demo("PUT", "/c/o", data=b"x", headers={"X-Delete-At": str(at)})
    wrong = demo("DELETE", "/c/o", headers={"X-If-Delete-At": str(at + 1)})
    assert wrong.status_code == 412
    assert model.names("demo", "c") == ["o"]
    missing = demo("DELETE", "/c/gone", headers={"X-If-Delete-At": str(at)})
    assert missing.status_code == 404
    assert demo("DELETE", "/c/o", headers={"X-If-Delete-At": str(at)}).status_code == 204
    assert model.names("demo", "c") == []


# -- the SERVICE_ reseller prefix -----------------------------------------------------------


@pytest.fixture
def service_token(cloud: FakeCloud) -> str:
    """A token with the `service` role (what Nova or Glance send as `X-Service-Token`)."""
    cloud.identity.create_user("glance", password="glance-secret")
    cloud.identity.grant_role("service", user="glance", project="service")
    return cloud.identity.issue_token("glance", project="service")


def service_url(owner: Caller) -> str:
    """The owner's account URL with the `SERVICE_` prefix instead of `AUTH_`."""
    head, _, account = owner.url.rpartition("/")
    return f"{head}/SERVICE_{account.removeprefix('AUTH_')}"


def test_a_reseller_admin_reaches_a_service_account(demo: Caller, reseller: Caller,
                                                    model: ObjectStorageModel) -> None:
    url = service_url(demo)
    assert reseller.http.put(url + "/images", headers={"X-Auth-Token": reseller.token}
                             ).status_code == 201
    head = reseller.http.head(url, headers={"X-Auth-Token": reseller.token})
    assert (head.status_code, head.headers["X-Account-Container-Count"]) == (204, "1")
    assert model.names(url.rpartition("/")[2]) == ["images"]


def test_the_owner_writes_a_service_account_only_with_a_service_token(
        demo: Caller, service_token: str, model: ObjectStorageModel) -> None:
    url = service_url(demo)
    alone = demo.http.put(url + "/images", headers={"X-Auth-Token": demo.token})
    assert alone.status_code == 403
    with_service = demo.http.put(url + "/images", headers={"X-Auth-Token": demo.token,
                                                           "X-Service-Token": service_token})
    assert with_service.status_code == 201
    # The owner's own token is not a service token: without the `service` role it is
    # invalid (`service_token_roles_required`), and the caller anonymous.
    as_service = demo.http.put(url + "/more", headers={"X-Auth-Token": demo.token,
                                                       "X-Service-Token": demo.token})
    assert as_service.status_code == 401
    assert model.names(url.rpartition("/")[2]) == ["images"]


def test_an_invalid_service_token_leaves_the_caller_anonymous(demo: Caller) -> None:
    resp = demo.http.head(demo.url, headers={"X-Auth-Token": demo.token,
                                             "X-Service-Token": "not-a-token"})
    assert resp.status_code == 401


def test_an_auth_account_needs_no_service_token(demo: Caller) -> None:
    assert demo("PUT", "/c").status_code == 201
