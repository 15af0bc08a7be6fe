"""domain_remap as Swift 2.38 has it: `Host: <container>.<account>.<storage_domain>` and
`<account>.<storage_domain>` answered at `/v1/<account>[/<container>]/...`, reseller
prefixes matched without case, 400 for a host naming too much, and `/info`."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud, FakeResponse
from stackdouble.fakes.clock import FakeClock
from stackdouble.fakes.objectstorage import SwiftConfig
from stackdouble.fakes.objectstorage.middleware.domain_remap import REMAPPED, handle, remap
from tests.fakes.objectstorage.conftest import Swift

DOMAIN = "swift.example.com"
PIPELINE = "healthcheck domain_remap tempurl keystoneauth"


@pytest.fixture
def cloud(clock: FakeClock) -> Iterator[FakeCloud]:
    """A cloud whose Swift runs domain_remap for `swift.example.com`, AUTH and SERVICE."""
    config = SwiftConfig(pipeline=PIPELINE, storage_domain=DOMAIN,
                         reseller_prefixes="AUTH, SERVICE")
    with FakeCloud(seed=1234, clock=clock, swift=config) as fake:
        yield fake


@pytest.fixture
def site(swift: Swift) -> Swift:
    """A public container `site` holding `index.html` and `docs/a.txt`."""
    assert swift("PUT", "/site", headers={"X-Container-Read": ".r:*,.rlistings"}).ok
    swift("PUT", "/site/index.html", data=b"<p>hi</p>")
    swift("PUT", "/site/docs/a.txt", data=b"a")
    return swift


def get(swift: Swift, host: str, path: str, **kwargs: Any) -> requests.Response:
    return swift.http.get(swift.cloud.base_url + path, headers={"Host": host}, **kwargs)


def test_a_container_host_serves_its_objects(site: Swift) -> None:
    got = get(site, f"site.auth-{site.project_id}.{DOMAIN}", "/index.html")
    assert (got.status_code, got.content) == (200, b"<p>hi</p>")


def test_an_account_host_takes_the_container_from_the_path(site: Swift) -> None:
    got = get(site, f"AUTH_{site.project_id}.{DOMAIN}:8080", "/site/docs/a.txt")
    assert (got.status_code, got.content) == (200, b"a")


def test_a_container_host_lists_at_its_root(site: Swift) -> None:
    got = get(site, f"site.auth_{site.project_id}.{DOMAIN}", "/")
    assert got.status_code == 200
    assert got.text == "docs/a.txt\nindex.html\n"


def test_the_path_root_is_added_again_to_a_path_that_has_it(site: Swift) -> None:
    got = get(site, f"site.auth-{site.project_id}.{DOMAIN}", "/v1/index.html")
    assert got.status_code == 404  # /v1/AUTH_x/site/v1/index.html


def test_a_host_naming_too_much_is_400(site: Swift) -> None:
    got = get(site, f"a.site.auth-{site.project_id}.{DOMAIN}", "/index.html")
    assert (got.status_code, got.text) == (400, "Bad domain in host header")
    assert got.headers["Content-Type"] == "text/plain"


def test_an_account_without_a_known_prefix_is_not_remapped(site: Swift) -> None:
    got = get(site, f"site.{site.project_id}.{DOMAIN}",
              f"/v1/AUTH_{site.project_id}/site/index.html")
    assert (got.status_code, got.content) == (200, b"<p>hi</p>")


def test_the_default_reseller_prefix_is_given_to_a_bare_account(
        clock: FakeClock, http: requests.Session) -> None:
    config = SwiftConfig(pipeline=PIPELINE, storage_domain=DOMAIN,
                         default_reseller_prefix="AUTH")
    with FakeCloud(seed=1, clock=clock, swift=config) as cloud:
        swift = Swift(cloud, http)
        cloud.object_storage.create_container("demo", "site", read_acl=".r:*")
        cloud.object_storage.put_object("demo", "site", "o", b"bare")
        got = get(swift, f"site.{swift.project_id}.{DOMAIN}", "/o")
        info = http.get(cloud.base_url + "/info").json()["domain_remap"]
    assert (got.status_code, got.content) == (200, b"bare")
    assert info == {"default_reseller_prefix": "AUTH"}


def test_other_hosts_are_routed_by_their_path(site: Swift) -> None:
    got = get(site, "cloud.example.org", f"/v1/AUTH_{site.project_id}/site/index.html")
    assert got.status_code == 200


def test_a_middleware_before_it_sees_the_path_as_sent(site: Swift) -> None:
    host = f"site.auth-{site.project_id}.{DOMAIN}"
    assert get(site, host, "/healthcheck").text == "OK"
    site.cloud.object_storage.pipeline = "domain_remap healthcheck tempurl keystoneauth"
    assert get(site, host, "/healthcheck").status_code == 404  # an object of `site`


def test_the_host_is_ignored_without_the_middleware(site: Swift) -> None:
    site.cloud.object_storage.pipeline = "tempurl keystoneauth"
    got = get(site, f"site.auth-{site.project_id}.{DOMAIN}", "/index.html")
    assert got.status_code != 200
    assert "domain_remap" not in site.http.get(site.cloud.base_url + "/info").json()


def test_info_lists_no_default_reseller_prefix(site: Swift) -> None:
    info = site.http.get(site.cloud.base_url + "/info").json()
    assert info["domain_remap"] == {"default_reseller_prefix": None}


@pytest.mark.parametrize(("host", "path", "expected"), [
    ("c.service-x.swift.example.com", "/o", "/v1/SERVICE_x/c/o"),
    ("c.Auth_x.swift.example.com", "/o", "/v1/AUTH_x/c/o"),
    ("c.auth-my-x.swift.example.com", "/o", "/v1/AUTH_my-x/c/o"),
    ("c.auth_my-x.swift.example.com", "/o", "/v1/AUTH_my-x/c/o"),
    ("swift.example.com", "/o", None),
    ("c.auth-x.other.example.com", "/o", None),
])
def test_remap(host: str, path: str, expected: str | None) -> None:
    config = SwiftConfig(storage_domain=["swift.example.com", ".store.example.com"],
                         reseller_prefixes=["AUTH", "SERVICE"], path_root="/v1/")
    assert remap(config, host, path) == expected


def test_another_path_root_and_several_domains() -> None:
    config = SwiftConfig(storage_domain="a.test, .b.test", path_root="swift")
    assert remap(config, "c.auth-x.b.test", "/o") == "/swift/AUTH_x/c/o"
    assert remap(config, "auth-x.a.test", "/") == "/swift/AUTH_x/"


def test_a_location_with_the_remapped_path_is_written_back() -> None:
    call: Any = SimpleNamespace(req=SimpleNamespace(environ={
        REMAPPED: ("/a b/", "/v1/AUTH_x/c/a b/")}))

    def app(_: Any) -> FakeResponse:
        return FakeResponse(301, b"", [
            ("Location", "http://c.auth-x.example.com/v1/AUTH_x/c/a%20b/?q=1"),
            ("Content-Location", "http://h/elsewhere")])

    resp = handle(call, app)
    assert resp.headers == [("Location", "http://c.auth-x.example.com/a%20b/?q=1"),
                            ("Content-Location", "http://h/elsewhere")]
