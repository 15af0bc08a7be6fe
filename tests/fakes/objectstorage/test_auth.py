"""Who may do what: keystoneauth's 401 and 403, container ACLs, and temp URLs."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any
from urllib.parse import quote

import pytest

from stackdouble.client.openstack.objectstorage.v1 import objects
from stackdouble.fakes import FakeCloud
from tests.fakes.objectstorage.conftest import Swift

UNAUTHORIZED = ("<html><h1>Unauthorized</h1><p>This server could not verify that you are "
                "authorized to access the document you requested.</p></html>")
FORBIDDEN = "<html><h1>Forbidden</h1><p>Access was denied to this resource.</p></html>"
TEMP_URL_INVALID = "401 Unauthorized: Temp URL invalid\n"


@pytest.fixture
def shared(swift: Swift) -> Swift:
    """The demo account with container `c` holding `o` (b"data")."""
    swift("PUT", "/c")
    swift("PUT", "/c/o", data=b"data", headers={"X-Object-Meta-Public-Note": "hi",
                                                 "X-Object-Meta-Private": "no"})
    return swift


# -- tokens ------------------------------------------------------------------------------------


def test_no_token_is_401_with_both_www_authenticate_headers(shared: Swift,
                                                            cloud: FakeCloud) -> None:
    resp = shared("GET", "/c", token=False)
    assert (resp.status_code, resp.text) == (401, UNAUTHORIZED)
    assert resp.headers["Content-Length"] == "131"  # as the real sample
    challenges = resp.raw.headers.getlist("Www-Authenticate")
    assert challenges == [f'Swift realm="{shared.account}"',
                          f'Keystone uri="{cloud.base_url}/identity"']


@pytest.mark.parametrize("spoil", ["expire_token", "revoke_token"])
def test_an_expired_or_revoked_token_is_anonymous(shared: Swift, cloud: FakeCloud,
                                                  spoil: str) -> None:
    getattr(cloud.identity, spoil)(shared.token)
    assert shared("GET", "/c/o").status_code == 401


def test_another_project_is_403_everywhere(shared: Swift, admin: Swift) -> None:
    target = shared.url
    for method, path in (("HEAD", ""), ("GET", "/c"), ("GET", "/c/o"), ("PUT", "/c/x"),
                         ("DELETE", "/c/o"), ("POST", "/c"), ("PUT", "/new")):
        resp = admin.http.request(method, target + path, headers={"X-Auth-Token": admin.token})
        assert resp.status_code == 403, (method, path)
    assert admin.http.get(target + "/c/o", headers={"X-Auth-Token": admin.token}).text == FORBIDDEN


def test_a_user_may_not_delete_its_own_account(swift: Swift) -> None:
    assert swift("DELETE", "").status_code == 403


# -- container ACLs ----------------------------------------------------------------------------


def _as(admin: Swift, shared: Swift, method: str, path: str, **kwargs: Any) -> int:
    return admin.http.request(method, shared.url + path,
                              headers={"X-Auth-Token": admin.token}, **kwargs).status_code


@pytest.mark.parametrize("grantee", ["{admin_project_id}:*", "admin:*", "*:*",
                                     "{admin_project_id}:{admin_user_id}", "*:admin"])
def test_a_read_acl_lets_another_project_list_and_read(
    shared: Swift, admin: Swift, cloud: FakeCloud, grantee: str
) -> None:
    acl = grantee.format(admin_project_id=admin.project_id, admin_user_id=cloud.user_id("admin"))
    assert shared("POST", "/c", headers={"X-Container-Read": acl}).status_code == 204
    assert _as(admin, shared, "GET", "/c") == 200
    assert _as(admin, shared, "GET", "/c/o") == 200
    assert _as(admin, shared, "PUT", "/c/x", data=b"") == 403
    assert _as(admin, shared, "DELETE", "/c") == 403


def test_a_read_acl_for_someone_else_still_forbids(shared: Swift, admin: Swift) -> None:
    shared("POST", "/c", headers={"X-Container-Read": "someproject:*"})
    assert _as(admin, shared, "GET", "/c/o") == 403


def test_a_write_acl_lets_another_project_write_but_not_list(
    shared: Swift, admin: Swift
) -> None:
    shared("POST", "/c", headers={"X-Container-Write": f"{admin.project_id}:*"})
    assert _as(admin, shared, "PUT", "/c/x", data=b"from admin") == 201
    assert _as(admin, shared, "POST", "/c/x") == 202
    assert _as(admin, shared, "DELETE", "/c/o") == 204
    assert _as(admin, shared, "GET", "/c") == 403
    assert shared("GET", "/c/x").content == b"from admin"


def test_a_public_container_serves_objects_but_lists_only_with_rlistings(shared: Swift) -> None:
    shared("POST", "/c", headers={"X-Container-Read": ".r:*"})
    assert shared("GET", "/c/o", token=False).content == b"data"
    assert shared("GET", "/c", token=False).status_code == 401
    assert shared("PUT", "/c/o", token=False, data=b"").status_code == 401
    shared("POST", "/c", headers={"X-Container-Read": ".r:*,.rlistings"})
    assert shared("GET", "/c", token=False).text == "o\n"


def test_a_referrer_acl_checks_the_referer_host(shared: Swift) -> None:
    shared("POST", "/c", headers={"X-Container-Read": ".r:.example.com,.r:-bad.example.com"})
    assert shared("GET", "/c/o", token=False,
                  headers={"Referer": "https://www.example.com/page"}).status_code == 200
    assert shared("GET", "/c/o", token=False,
                  headers={"Referer": "https://bad.example.com/"}).status_code == 401
    assert shared("GET", "/c/o", token=False).status_code == 401


def test_acls_are_cleaned_and_only_the_owner_sees_them(shared: Swift, admin: Swift) -> None:
    shared("POST", "/c", headers={"X-Container-Read": ".referrer : *, .rlistings,,admin:*",
                                  "X-Container-Meta-Temp-URL-Key": "ck"})
    owner = shared("HEAD", "/c").headers
    assert owner["X-Container-Read"] == ".r:*,.rlistings,admin:*"
    assert owner["X-Container-Meta-Temp-Url-Key"] == "ck"
    other = admin.http.head(shared.url + "/c", headers={"X-Auth-Token": admin.token}).headers
    assert "X-Container-Read" not in other
    assert "X-Container-Meta-Temp-Url-Key" not in other


@pytest.mark.parametrize(
    ("header", "value", "message"),
    [
        ("X-Container-Write", ".r:*", "Referrers not allowed in write ACL: '.r:*'"),
        ("X-Container-Read", ".r:", "No host/domain value after referrer designation in ACL: "
                                    "'.r:'"),
        ("X-Container-Read", ".x:y", "Unknown designator '.x' in ACL: '.x:y'"),
    ],
)
def test_a_malformed_acl_is_400(swift: Swift, header: str, value: str, message: str) -> None:
    resp = swift("PUT", "/c", headers={header: value})
    assert (resp.status_code, resp.text) == (400, message)


# -- temp URLs ---------------------------------------------------------------------------------


def _temp_url(swift: Swift, cloud: FakeCloud, path: str = "/c/o", **kwargs: Any) -> str:
    container, name = path.lstrip("/").split("/", 1)
    kwargs.setdefault("expires", int(cloud.clock.time()) + 60)
    kwargs.setdefault("key", "secret")
    return str(objects.create_temp_url(swift.url, container, name, **kwargs))


@pytest.fixture
def keyed(shared: Swift) -> Swift:
    shared("POST", "", headers={"X-Account-Meta-Temp-URL-Key": "secret",
                                "X-Account-Meta-Temp-URL-Key-2": "second"})
    return shared


@pytest.mark.parametrize("digest", ["sha1", "sha256", "sha512"])
def test_a_temp_url_signed_with_any_allowed_digest_reads_the_object(
    keyed: Swift, cloud: FakeCloud, digest: str
) -> None:
    resp = keyed.http.get(_temp_url(keyed, cloud, digest=digest))
    assert (resp.status_code, resp.content) == (200, b"data")
    assert resp.headers["Content-Disposition"] == "attachment; filename=\"o\"; filename*=UTF-8''o"
    assert resp.headers["Expires"] == "Fri, 27 Nov 2026 08:57:16 GMT"
    assert resp.headers["X-Object-Meta-Public-Note"] == "hi"
    assert "X-Object-Meta-Private" not in resp.headers


def test_the_second_account_key_and_a_container_key_work_too(keyed: Swift,
                                                             cloud: FakeCloud) -> None:
    assert keyed.http.get(_temp_url(keyed, cloud, key="second")).status_code == 200
    keyed("POST", "/c", headers={"X-Container-Meta-Temp-URL-Key": "ckey"})
    assert keyed.http.get(_temp_url(keyed, cloud, key="ckey")).status_code == 200


def test_a_hex_or_base64_sha512_signature_is_accepted(keyed: Swift, cloud: FakeCloud) -> None:
    expires = int(cloud.clock.time()) + 60
    mac = hmac.new(b"secret", f"GET\n{expires}\n/v1/{keyed.account}/c/o".encode(),
                   hashlib.sha512)
    for sig in (mac.hexdigest(), "sha512:" + base64.b64encode(mac.digest()).decode()):
        url = f"{keyed.url}/c/o?temp_url_sig={quote(sig)}&temp_url_expires={expires}"
        assert keyed.http.get(url).status_code == 200


@pytest.mark.parametrize(
    "spoil",
    [
        lambda url: url.replace("temp_url_sig=", "temp_url_sig=0"),
        lambda url: url.replace("temp_url_expires=", "temp_url_expires=1"),
        lambda url: url.split("&temp_url_expires")[0],
        lambda url: url.replace("/c/o?", "/c/other?"),
        lambda url: url.replace("temp_url_sig=", "temp_url_sig=md5:"),
    ],
)
def test_a_spoiled_temp_url_is_401_temp_url_invalid(
    keyed: Swift, cloud: FakeCloud, spoil: Any
) -> None:
    resp = keyed.http.get(spoil(_temp_url(keyed, cloud)))
    assert (resp.status_code, resp.text) == (401, TEMP_URL_INVALID)
    assert resp.headers["Www-Authenticate"] == 'Swift realm="unknown"'


def test_a_temp_url_expires_on_the_fake_clock(keyed: Swift, cloud: FakeCloud) -> None:
    url = _temp_url(keyed, cloud, expires=int(cloud.clock.time()) + 10)
    assert keyed.http.get(url).status_code == 200
    cloud.clock.advance(11)
    assert keyed.http.get(url).text == TEMP_URL_INVALID


def test_a_temp_url_is_for_one_method_but_head_takes_a_get_signature(
    keyed: Swift, cloud: FakeCloud
) -> None:
    url = _temp_url(keyed, cloud)
    assert keyed.http.head(url).status_code == 200
    assert keyed.http.delete(url).status_code == 401
    put = _temp_url(keyed, cloud, "/c/uploaded", method="PUT")
    assert keyed.http.put(put, data=b"via temp url").status_code == 201
    assert keyed("GET", "/c/uploaded").content == b"via temp url"


def test_a_prefix_temp_url_covers_the_names_under_it(keyed: Swift, cloud: FakeCloud) -> None:
    keyed("PUT", "/c/pre/a", data=b"a")
    url = _temp_url(keyed, cloud, "/c/pre/", prefix=True)
    assert keyed.http.get(url.replace("/c/pre%2F?", "/c/pre/a?")).content == b"a"
    assert keyed.http.get(url.replace("/c/pre%2F?", "/c/o?")).status_code == 401


def test_a_temp_url_limited_to_addresses_checks_the_client(keyed: Swift, cloud: FakeCloud) -> None:
    assert keyed.http.get(_temp_url(keyed, cloud, ip_range="127.0.0.0/8")).status_code == 200
    assert keyed.http.get(_temp_url(keyed, cloud, ip_range="10.0.0.0/8")).status_code == 401


def test_an_iso8601_expiry_is_read(keyed: Swift, cloud: FakeCloud) -> None:
    assert keyed.http.get(_temp_url(keyed, cloud, iso8601=True)).status_code == 200


def test_a_container_key_reaches_only_its_container(keyed: Swift, cloud: FakeCloud) -> None:
    keyed("POST", "", headers={"X-Remove-Account-Meta-Temp-URL-Key": "x",
                               "X-Remove-Account-Meta-Temp-URL-Key-2": "x"})
    keyed("POST", "/c", headers={"X-Container-Meta-Temp-URL-Key": "ckey"})
    keyed("PUT", "/d")
    keyed("PUT", "/d/o", data=b"")
    assert keyed.http.get(_temp_url(keyed, cloud, key="ckey")).status_code == 200
    assert keyed.http.get(_temp_url(keyed, cloud, "/d/o", key="ckey")).status_code == 401


def test_filename_and_inline_set_the_disposition(keyed: Swift, cloud: FakeCloud) -> None:
    url = _temp_url(keyed, cloud)
    named = keyed.http.get(url + "&filename=report%202026.pdf")
    assert named.headers["Content-Disposition"] == (
        "attachment; filename=\"report 2026.pdf\"; filename*=UTF-8''report%202026.pdf")
    assert keyed.http.get(url + "&inline").headers["Content-Disposition"] == "inline"


def test_a_temp_url_put_may_not_create_a_manifest(keyed: Swift, cloud: FakeCloud) -> None:
    url = _temp_url(keyed, cloud, "/c/m", method="PUT")
    resp = keyed.http.put(url, data=b"", headers={"X-Object-Manifest": "c/seg"})
    assert (resp.status_code, resp.text) == (
        400, "The header 'X-Object-Manifest' is not allowed in this tempurl")
