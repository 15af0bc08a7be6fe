"""container_sync beyond the contract suite: the container server's checks of
`X-Container-Sync-To`, the middleware's refusals, `X-Container-Sync-Auth` as a peer's
container-sync daemon signs it, and `/info`, as Swift 2.38 has them."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.clock import FakeClock
from stackdouble.fakes.objectstorage import SwiftConfig
from stackdouble.fakes.objectstorage.middleware.container_sync import realm_signature
from tests.fakes.objectstorage.conftest import Swift

REALMS = ("[us]\nkey = realm-key\nkey2 = realm-key-2\ncluster_east = http://127.0.0.1/v1/\n"
          "[empty]\nkey = k\n")
PIPELINE = "healthcheck container_sync tempurl keystoneauth"


@pytest.fixture
def cloud(clock: FakeClock) -> Iterator[FakeCloud]:
    """A cloud whose Swift runs container_sync with realm `us`, cluster `east` current."""
    config = SwiftConfig(pipeline=PIPELINE, container_sync_realms=REALMS,
                         container_sync_current="//us/east")
    with FakeCloud(seed=1234, clock=clock, swift=config) as fake:
        yield fake


@pytest.fixture
def target(swift: Swift) -> str:
    """A container `inbox` with the sync key `user-key`; its path as the proxy sees it."""
    assert swift("PUT", "/inbox", headers={"X-Container-Sync-Key": "user-key"}).ok
    return f"/v1/{swift.account}/inbox"


def sync_auth(method: str, path: str, key: str = "realm-key", user_key: str = "user-key",
              timestamp: str = "1700000000.00000") -> dict[str, str]:
    """The headers a container-sync daemon of realm `us` sends."""
    sig = realm_signature(method, path, timestamp, "nonce", key, user_key)
    return {"X-Container-Sync-Auth": f"us nonce {sig}", "X-Timestamp": timestamp}


# -- X-Container-Sync-To ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["//us/east/AUTH_x/c", "//US/EAST/AUTH_x/c/",
                                   "http://127.0.0.1:8080/v1/AUTH_x/c", ""])
def test_a_target_the_container_server_accepts_is_stored(swift: Swift, value: str) -> None:
    assert swift("PUT", "/c", headers={"X-Container-Sync-To": value}).status_code == 201
    got = swift("HEAD", "/c").headers.get("X-Container-Sync-To")
    assert got == (value or None)


@pytest.mark.parametrize(("value", "error"), [
    ("//us/east/AUTH_x", "Invalid X-Container-Sync-To format '//us/east/AUTH_x'"),
    ("//eu/east/AUTH_x/c", "No realm key for 'eu'"),
    ("//us/west/AUTH_x/c", "No cluster endpoint for 'us' 'west'"),
    ("ftp://127.0.0.1/v1/a/c",
     'Invalid scheme \'ftp\' in X-Container-Sync-To, must be "//", "http", or "https".'),
    ("http://127.0.0.1", "Path required in X-Container-Sync-To"),
    ("http://127.0.0.1/v1/a/c?x=1",
     "Params, queries, and fragments not allowed in X-Container-Sync-To"),
    ("http://example.com/v1/a/c", "Invalid host 'example.com' in X-Container-Sync-To"),
])
def test_a_target_the_container_server_refuses_is_400(swift: Swift, value: str,
                                                      error: str) -> None:
    for method in ("PUT", "POST"):
        got = swift(method, "/c", headers={"X-Container-Sync-To": value})
        assert (got.status_code, got.text) == (400, error)
        assert got.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert swift("HEAD", "/c").headers.get("X-Container-Sync-To") is None


def test_the_container_server_checks_after_auth(swift: Swift) -> None:
    got = swift("PUT", "/c", token=False, headers={"X-Container-Sync-To": "//eu/x/a/c"})
    assert got.status_code == 401


def test_the_container_server_checks_without_the_middleware(swift: Swift) -> None:
    swift.cloud.object_storage.pipeline = "tempurl keystoneauth"
    got = swift("PUT", "/c", headers={"X-Container-Sync-To": "//eu/east/AUTH_x/c"})
    assert (got.status_code, got.text) == (400, "No realm key for 'eu'")


def test_full_urls_are_refused_when_not_allowed(clock: FakeClock,
                                                http: requests.Session) -> None:
    config = SwiftConfig(pipeline=PIPELINE, container_sync_realms=REALMS,
                         allow_full_urls=False)
    with FakeCloud(seed=1, clock=clock, swift=config) as cloud:
        swift = Swift(cloud, http)
        got = swift("PUT", "/c", token=False,
                    headers={"X-Container-Sync-To": "http://127.0.0.1/v1/AUTH_x/c"})
        realm = swift("PUT", "/c", headers={"X-Container-Sync-To": "//us/east/AUTH_x/c"})
    assert got.status_code == 400  # before auth: the middleware precedes keystoneauth
    assert got.text == ("Full URLs are not allowed for X-Container-Sync-To values. Only realm "
                        "values of the format //realm/cluster/account/container are "
                        "allowed.\n")
    assert realm.status_code == 201


def test_a_container_with_object_versioning_cannot_sync(swift: Swift) -> None:
    swift.cloud.object_storage.create_container(
        "demo", "kept", headers={"X-Container-Sysmeta-Versions-Container": "\x00versions"})
    got = swift("POST", "/kept", headers={"X-Container-Sync-To": "//us/east/AUTH_x/c"})
    assert (got.status_code, got.text) == (400, "Cannot configure container sync on a "
                                                 "container with object versioning configured.")


# -- X-Container-Sync-Auth -------------------------------------------------------------------


def test_a_signed_sync_request_needs_no_token(swift: Swift, target: str) -> None:
    path = target + "/report.txt"
    put = swift("PUT", "/inbox/report.txt", token=False, data=b"synced",
                headers=sync_auth("PUT", path))
    assert put.status_code == 201
    assert swift("GET", "/inbox/report.txt").content == b"synced"
    delete = swift("DELETE", "/inbox/report.txt", token=False,
                   headers=sync_auth("DELETE", path))
    assert delete.status_code == 204


def test_the_realms_second_key_signs_too(swift: Swift, target: str) -> None:
    got = swift("PUT", "/inbox/o", token=False, data=b"x",
                headers=sync_auth("PUT", target + "/o", key="realm-key-2"))
    assert got.status_code == 201


def test_the_path_is_signed_quoted(swift: Swift, target: str) -> None:
    got = swift("PUT", "/inbox/a%20b", token=False, data=b"x",
                headers=sync_auth("PUT", target + "/a%20b"))
    assert got.status_code == 201


@pytest.mark.parametrize("case", ["bad-sig", "other-user-key", "other-timestamp",
                                  "two-words", "unknown-realm"])
def test_a_bad_sync_auth_is_401(swift: Swift, target: str, case: str) -> None:
    headers = sync_auth("PUT", target + "/o", user_key="other" if case == "other-user-key"
                        else "user-key")
    if case == "bad-sig":
        headers["X-Container-Sync-Auth"] = "us nonce 0123"
    elif case == "other-timestamp":
        headers["X-Timestamp"] = "1700000001.00000"
    elif case == "two-words":
        headers["X-Container-Sync-Auth"] = "us nonce"
    elif case == "unknown-realm":
        headers["X-Container-Sync-Auth"] = headers["X-Container-Sync-Auth"].replace("us", "eu")
    got = swift("PUT", "/inbox/o", data=b"x", headers=headers)  # a token does not help
    assert got.status_code == 401
    assert got.text == ("X-Container-Sync-Auth header not valid; contact cluster operator "
                        "for support.")
    assert got.headers["Content-Type"] == "text/plain"
    assert got.headers["Www-Authenticate"] == f'SwiftContainerSync realm="{swift.account}"'
    assert swift("HEAD", "/inbox/o").status_code == 404


def test_a_container_without_a_sync_key_refuses_sync_auth(swift: Swift) -> None:
    swift("PUT", "/plain")
    path = f"/v1/{swift.account}/plain/o"
    got = swift("PUT", "/plain/o", token=False, data=b"x", headers=sync_auth("PUT", path))
    assert got.status_code == 401
    assert got.headers["Www-Authenticate"].startswith("SwiftContainerSync")


def test_sync_auth_is_ignored_without_the_middleware(swift: Swift, target: str) -> None:
    swift.cloud.object_storage.pipeline = "tempurl keystoneauth"
    got = swift("PUT", "/inbox/o", token=False, data=b"x",
                headers=sync_auth("PUT", target + "/o"))
    assert got.status_code == 401
    assert got.headers["Www-Authenticate"].startswith("Swift realm=")


def test_an_account_request_is_not_checked(swift: Swift) -> None:
    got = swift("HEAD", "", headers={"X-Container-Sync-Auth": "us nonce bad"})
    assert got.status_code == 204


# -- /info -----------------------------------------------------------------------------------


def test_info_lists_realms_with_clusters_and_marks_the_current(
        swift: Swift, http: requests.Session) -> None:
    info = http.get(swift.cloud.base_url + "/info").json()
    assert info["container_sync"] == {"realms": {"US": {"clusters": {
        "EAST": {"current": True}}}}}


def test_info_without_realms_or_with_an_unknown_current(clock: FakeClock,
                                                        http: requests.Session) -> None:
    bare = SwiftConfig(pipeline=PIPELINE)
    unknown = SwiftConfig(pipeline=PIPELINE, container_sync_realms=REALMS,
                          container_sync_current="//us/west")
    sections = []
    for config in (bare, unknown):
        with FakeCloud(seed=1, clock=clock, swift=config) as cloud:
            sections.append(http.get(cloud.base_url + "/info").json()["container_sync"])
    assert sections == [{"realms": {}}, {"realms": {"US": {"clusters": {"EAST": {}}}}}]


def test_info_omits_container_sync_when_disabled(swift: Swift,
                                                 http: requests.Session) -> None:
    swift.cloud.object_storage.pipeline = "tempurl keystoneauth"
    assert "container_sync" not in http.get(swift.cloud.base_url + "/info").json()


def test_realms_that_are_not_ini_are_refused() -> None:
    with pytest.raises(ValueError, match=r"container-sync-realms\.conf"):
        SwiftConfig(container_sync_realms="key = no section\n")


def test_signature_is_hmac_sha1_of_the_request_lines() -> None:
    body = b"PUT\n/v1/a/c/o\n1700000000.00000\nn\nuk"
    expected = hmac.new(b"rk", body, hashlib.sha1).hexdigest()
    assert realm_signature("PUT", "/v1/a/c/o", "1700000000.00000", "n", "rk", "uk") == expected
