"""Swift's v1.0 auth (tempauth): login, tokens on the fake clock, and tempauth's rules."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.objectstorage.conftest import Swift

UNAUTHORIZED = ("<html><h1>Unauthorized</h1><p>This server could not verify that you are "
                "authorized to access the document you requested.</p></html>")
FORBIDDEN = "<html><h1>Forbidden</h1><p>Access was denied to this resource.</p></html>"


def login(cloud: FakeCloud, http: requests.Session, user: str | None = "test:tester",
          key: str | None = "testing", path: str = "/auth/v1.0",
          **headers: str | None) -> requests.Response:
    """`GET {base}<path>` with X-Auth-User and X-Auth-Key (None: not sent)."""
    sent = {"X-Auth-User": user, "X-Auth-Key": key, **headers}
    return http.get(cloud.base_url + path,
                    headers={k: v for k, v in sent.items() if v is not None})


class Session:
    """A tempauth login and `requests` calls on its storage URL with its token."""

    def __init__(self, cloud: FakeCloud, http: requests.Session, user: str, key: str) -> None:
        resp = login(cloud, http, user, key)
        assert resp.status_code == 200, resp.text
        self.http = http
        self.url = resp.headers["X-Storage-Url"]
        self.token = resp.headers["X-Auth-Token"]

    def __call__(self, method: str, path: str = "", *, url: str | None = None,
                 headers: dict[str, str | None] | None = None,
                 **kwargs: Any) -> requests.Response:
        sent = {"X-Auth-Token": self.token, **(headers or {})}
        return self.http.request(method, (url or self.url) + path, headers=sent, **kwargs)


@pytest.fixture
def tester(cloud: FakeCloud, http: requests.Session) -> Session:
    """test:tester, `.admin` of AUTH_test."""
    return Session(cloud, http, "test:tester", "testing")


# -- login ---------------------------------------------------------------------------------------


def test_login_answers_the_token_twice_its_lifetime_and_the_storage_url(
    cloud: FakeCloud, http: requests.Session
) -> None:
    resp = login(cloud, http)
    assert (resp.status_code, resp.content) == (200, b"")
    token = resp.headers["X-Auth-Token"]
    assert token.startswith("AUTH_tk")
    assert len(token) == 39
    assert resp.headers["X-Storage-Token"] == token
    assert resp.headers["X-Auth-Token-Expires"] == "86399"  # as the real sample
    assert resp.headers["X-Storage-Url"] == f"{cloud.base_url}/v1/AUTH_test"
    assert resp.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert resp.headers["X-Trans-Id"].startswith("tx")


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/auth/v1.0/", {}),
        ("/auth/auth", {}),
        ("/auth/v1.0", {"X-Auth-User": None, "X-Auth-Key": None,
                        "X-Storage-User": "test:tester", "X-Storage-Pass": "testing"}),
        ("/auth/v1/test/auth", {"X-Auth-User": None, "X-Storage-User": "tester"}),
        ("/auth/v1/test/auth", {}),
    ],
)
def test_every_spelling_tempauth_accepts_logs_in(
    cloud: FakeCloud, http: requests.Session, path: str, headers: dict[str, str | None]
) -> None:
    resp = login(cloud, http, path=path, **headers)
    assert resp.status_code == 200
    assert resp.headers["X-Storage-Url"].endswith("/v1/AUTH_test")


def test_a_second_login_gets_the_same_token_with_less_time_left(
    cloud: FakeCloud, http: requests.Session
) -> None:
    first = login(cloud, http)
    cloud.clock.advance(600)
    again = login(cloud, http)
    assert again.headers["X-Auth-Token"] == first.headers["X-Auth-Token"]
    assert again.headers["X-Auth-Token-Expires"] == str(86399 - 600)
    other = login(cloud, http, "test:tester2", "testing2")
    assert other.headers["X-Auth-Token"] != first.headers["X-Auth-Token"]


@pytest.mark.parametrize(
    ("user", "key", "realm"),
    [
        ("test:tester", "wrong", "test"),
        ("test:nobody", "testing", "test"),
        ("test2:tester", "testing", "test2"),
        ("tester", "testing", "unknown"),
        ("test:tester", None, "test"),
        (None, "testing", "unknown"),
        ("test:", "testing", "test"),
        (":tester", "testing", "unknown"),
    ],
)
def test_a_wrong_or_missing_credential_is_tempauths_401(
    cloud: FakeCloud, http: requests.Session, user: str | None, key: str | None, realm: str
) -> None:
    resp = login(cloud, http, user, key)
    assert (resp.status_code, resp.text) == (401, UNAUTHORIZED)
    assert resp.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert resp.headers["Content-Length"] == "131"
    assert resp.raw.headers.getlist("Www-Authenticate") == [f'Swift realm="{realm}"']
    assert "X-Auth-Token" not in resp.headers


def test_the_v1_spelling_refuses_a_user_of_another_account(
    cloud: FakeCloud, http: requests.Session
) -> None:
    resp = login(cloud, http, "test2:tester2", "testing2", path="/auth/v1/test/auth")
    assert resp.status_code == 401
    assert resp.headers["Www-Authenticate"] == 'Swift realm="test"'


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("POST", "/auth/v1.0", 405),
        ("PUT", "/auth/v1.0", 405),
        ("HEAD", "/auth/v1.0", 405),
        ("GET", "/auth/", 404),
        ("GET", "/auth//", 404),
        ("GET", "/auth/v2", 400),
        ("GET", "/auth/v1/test", 400),
        ("GET", "/auth/v1/test/auth/more", 400),
        ("GET", "/auth", 412),
    ],
)
def test_paths_and_methods_tempauth_refuses(
    cloud: FakeCloud, http: requests.Session, method: str, path: str, status: int
) -> None:
    resp = http.request(method, cloud.base_url + path,
                        headers={"X-Auth-User": "test:tester", "X-Auth-Key": "testing"})
    assert resp.status_code == status
    assert "X-Auth-Token" not in resp.headers


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Auth-User": b"t\xffst:tester", "X-Auth-Key": b"\xfe\xff"},
        {"X-Auth-User": "tést:tèster".encode(), "X-Auth-Key": "ké"},
        {"X-Auth-User": ":", "X-Auth-Key": ":"},
        {"X-Auth-User": "::::", "X-Auth-Key": ""},
        {"X-Auth-User": "a" * 20000, "X-Auth-Key": "b" * 20000},
        {"X-Auth-User": "test:tester", "X-Auth-Key": "testing\x00"},
        {"X-Storage-User": b"\x80", "X-Storage-Pass": b"\x80"},
        {"X-Auth-User": 'te"st:x', "X-Auth-Key": "k"},
    ],
)
def test_malformed_credentials_get_401_never_500(
    cloud: FakeCloud, http: requests.Session, headers: dict[str, str | bytes]
) -> None:
    resp = http.get(cloud.base_url + "/auth/v1.0", headers=headers)
    assert resp.status_code == 401
    assert resp.headers["Www-Authenticate"].startswith('Swift realm="')


def test_malformed_credentials_get_401_when_served_too() -> None:
    cloud = FakeCloud(seed=3)
    with cloud.serve() as served, requests.Session() as http:
        http.trust_env = False
        url = served.url + "/auth/v1/a%0Ab%22/auth"
        resp = http.get(url, headers={"X-Auth-User": b"a\xff:b", "X-Auth-Key": b"\xff"})
        assert resp.status_code == 401
        assert resp.headers["Www-Authenticate"] == 'Swift realm="a%0Ab%22"'
        ok = http.get(served.url + "/auth/v1.0",
                      headers={"X-Auth-User": "test:tester", "X-Auth-Key": "testing"})
        assert ok.headers["X-Storage-Url"] == served.url + "/v1/AUTH_test"


# -- tokens on the storage routes ----------------------------------------------------------------


def test_a_tempauth_token_owns_its_account(tester: Session, cloud: FakeCloud) -> None:
    assert tester("PUT", "/c").status_code == 201
    assert tester("PUT", "/c/o", data=b"hello").status_code == 201
    assert tester("GET", "/c/o").content == b"hello"
    assert cloud.object_storage.names("AUTH_test", "c") == ["o"]
    assert tester("POST", "/c", headers={"X-Container-Read": ".r:*"}).status_code == 204
    assert tester("HEAD", "/c").headers["X-Container-Read"] == ".r:*"  # the owner sees ACLs


def test_x_storage_token_is_read_as_the_token(tester: Session) -> None:
    resp = tester("PUT", "/c", headers={"X-Auth-Token": None, "X-Storage-Token": tester.token})
    assert resp.status_code == 201


def test_a_swift_token_and_a_keystone_token_reach_the_same_account(
    cloud: FakeCloud, http: requests.Session, swift: Swift
) -> None:
    demo = Session(cloud, http, "demo:demo", "demo-secret")
    assert demo.url == swift.url
    assert demo("PUT", "/from-tempauth").status_code == 201
    assert swift("PUT", "/from-keystone").status_code == 201
    assert swift("PUT", "/from-keystone/o", data=b"k").status_code == 201
    assert demo("GET").text == swift("GET").text == "from-keystone\nfrom-tempauth\n"
    assert demo("GET", "/from-keystone/o").content == b"k"
    assert demo("HEAD").headers["X-Account-Container-Count"] == "2"


def test_a_user_added_on_a_project_shares_its_account(
    cloud: FakeCloud, http: requests.Session, admin: Swift
) -> None:
    cloud.object_storage.tempauth.add_user("ops", "bot", "k3y", admin=True, project="admin")
    bot = Session(cloud, http, "ops:bot", "k3y")
    assert bot.url == admin.url
    assert bot("PUT", "/shared").status_code == 201
    assert admin("GET").text == "shared\n"


def test_an_unknown_tempauth_token_is_401_even_on_a_public_container(
    tester: Session, http: requests.Session
) -> None:
    tester("PUT", "/pub", headers={"X-Container-Read": ".r:*,.rlistings"})
    tester("PUT", "/pub/o", data=b"x")
    assert http.get(tester.url + "/pub/o").status_code == 200  # anonymous may read
    resp = tester("GET", "/pub/o", headers={"X-Auth-Token": "AUTH_tk" + "0" * 32})
    assert (resp.status_code, resp.text) == (401, UNAUTHORIZED)
    assert resp.headers["Www-Authenticate"].startswith('Swift realm="AUTH_test"')


def test_a_token_expires_on_the_fake_clock(
    tester: Session, cloud: FakeCloud, http: requests.Session
) -> None:
    cloud.clock.advance(86399)
    assert tester("HEAD").status_code == 204
    cloud.clock.advance(1)
    assert tester("HEAD").status_code == 401
    fresh = login(cloud, http)
    assert fresh.headers["X-Auth-Token"] != tester.token
    assert fresh.headers["X-Auth-Token-Expires"] == "86399"


def test_a_token_expired_from_python_or_the_control_plane_is_refused(
    cloud: FakeCloud, http: requests.Session, tester: Session
) -> None:
    cloud.object_storage.tempauth.expire_token(tester.token)
    assert tester("HEAD").status_code == 401
    again = Session(cloud, http, "test:tester", "testing")
    assert again.token != tester.token
    resp = http.post(cloud.base_url + "/_stackdouble/tokens/expire", json={"token": again.token})
    assert resp.json() == {"expired": 1}
    assert again("HEAD").status_code == 401


def test_the_token_life_is_a_setting(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.object_storage.tempauth.token_life = 60
    assert login(cloud, http).headers["X-Auth-Token-Expires"] == "59"


def test_removing_a_user_ends_its_tokens(cloud: FakeCloud, tester: Session,
                                         http: requests.Session) -> None:
    cloud.object_storage.tempauth.remove_user("test", "tester")
    assert tester("HEAD").status_code == 401
    assert login(cloud, http).status_code == 401


def test_the_dump_lists_users_and_counts_tokens_without_keys_or_token_ids(
    cloud: FakeCloud, http: requests.Session, tester: Session
) -> None:
    tempauth = cloud.object_storage.tempauth
    tempauth.add_user("acme", "ops", "k3y-of-ops", groups=("readers",), project="demo")
    other = tempauth.issue_token("acme", "ops")
    gone = tempauth.issue_token("test2", "tester2")
    tempauth.expire_token(gone)
    dumped = cloud.dump()["object-store"]["tempauth"]
    assert dumped["users"]["acme:ops"] == {
        "account": "acme", "user": "ops", "groups": ["readers"],
        "account_id": cloud.object_storage.account_name("demo")}
    assert dumped["users"]["test:tester"]["account_id"] == "AUTH_test"
    assert dumped["valid_tokens"] == 2  # tester's and acme:ops'; not the expired one
    served = http.get(cloud.base_url + "/_stackdouble/state").json()["object-store"]
    assert served["tempauth"] == dumped
    text = repr(cloud.dump())
    for secret in ("k3y-of-ops", "testing", "testing2", "testing3", "demo-secret",
                   tester.token, other, gone, tester.token.removeprefix("AUTH_")):
        assert secret not in text


# -- tempauth's rules ----------------------------------------------------------------------------


def test_a_user_without_admin_is_403_in_its_own_account(
    cloud: FakeCloud, http: requests.Session, tester: Session
) -> None:
    tester("PUT", "/c")
    plain = Session(cloud, http, "test:tester3", "testing3")
    for method, path in (("GET", ""), ("GET", "/c"), ("PUT", "/d"), ("PUT", "/c/o")):
        resp = plain(method, path)
        assert (resp.status_code, resp.text) == (403, FORBIDDEN), (method, path)


def test_a_container_acl_naming_a_user_or_account_lets_it_in(
    cloud: FakeCloud, http: requests.Session, tester: Session
) -> None:
    tester("PUT", "/c", headers={"X-Container-Read": "test:tester3",
                                 "X-Container-Write": "test2"})
    tester("PUT", "/c/o", data=b"x")
    plain = Session(cloud, http, "test:tester3", "testing3")
    assert plain("GET", "/c").text == "o\n"
    assert "X-Container-Read" not in plain("HEAD", "/c").headers  # not the owner
    assert plain("PUT", "/c/p", data=b"y").status_code == 403
    other = Session(cloud, http, "test2:tester2", "testing2")
    assert other("PUT", "/c/p", data=b"y", url=tester.url).status_code == 201
    assert other("GET", "/c", url=tester.url).status_code == 403


def test_an_admin_of_another_account_is_403(
    cloud: FakeCloud, http: requests.Session, tester: Session, swift: Swift
) -> None:
    other = Session(cloud, http, "test2:tester2", "testing2")
    assert other("GET", url=tester.url).status_code == 403
    assert other("GET", url=swift.url).status_code == 403


def test_an_owner_may_not_put_or_delete_its_account(tester: Session) -> None:
    assert tester("PUT").status_code == 403
    assert tester("DELETE").status_code == 403


def test_the_reseller_admin_owns_every_account(
    cloud: FakeCloud, http: requests.Session, tester: Session, swift: Swift
) -> None:
    tester("PUT", "/c", headers={"X-Container-Read": "test:tester3"})
    swift("PUT", "/k")
    reseller = Session(cloud, http, "admin:admin", "admin")
    assert reseller.url.endswith("/v1/AUTH_admin")
    assert reseller("GET", url=tester.url).text == "c\n"
    assert reseller("HEAD", "/c", url=tester.url).headers["X-Container-Read"] == "test:tester3"
    assert reseller("PUT", "/k/o", url=swift.url, data=b"r").status_code == 201
    assert reseller("POST", url=tester.url,
                    headers={"X-Account-Quota-Bytes": "10"}).status_code == 204
    assert tester("PUT", "/c/big", data=b"x" * 11).status_code == 413
    assert reseller("PUT", url=cloud.base_url + "/v1/AUTH_new").status_code == 201
    assert reseller("DELETE", url=cloud.base_url + "/v1/AUTH_new").status_code == 204


def test_an_owner_may_not_set_its_account_quota(tester: Session) -> None:
    assert tester("POST", headers={"X-Account-Quota-Bytes": "10"}).status_code == 403


def test_bulk_delete_with_a_tempauth_token(tester: Session) -> None:
    tester("PUT", "/c")
    tester("PUT", "/c/o", data=b"x")
    resp = tester("POST", "?bulk-delete", data=b"/c/o\n/c\n",
                  headers={"Accept": "application/json", "Content-Type": "text/plain"})
    assert resp.json()["Number Deleted"] == 2
    resp = tester("POST", "?bulk-delete", data=b"/c\n",
                  headers={"Accept": "application/json", "Content-Type": "text/plain",
                           "X-Auth-Token": "AUTH_tkexpired"})
    assert resp.json()["Errors"] == [["/c", "401 Unauthorized"]]
