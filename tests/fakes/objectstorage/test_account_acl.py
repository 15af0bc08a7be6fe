"""Account ACLs (`X-Account-Access-Control`), as Swift 2.38 has them: tempauth checks,
stores and enforces them (`swift/common/middleware/tempauth.py` `authorize`,
`extract_acl_and_report_errors`, `account_acls`); keystoneauth ignores them."""

from __future__ import annotations

import json

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage.auth import (
    ACCOUNT_ACL_KEYS,
    account_acl_error,
    account_acls,
    format_acl_v2,
    parse_acl_v2,
)
from tests.fakes.objectstorage.conftest import Swift
from tests.fakes.objectstorage.test_tempauth import FORBIDDEN, Session

ACL = "X-Account-Access-Control"


@pytest.fixture
def owner(cloud: FakeCloud, http: requests.Session) -> Session:
    """test:tester, `.admin` of AUTH_test."""
    return Session(cloud, http, "test:tester", "testing")


@pytest.fixture
def other(cloud: FakeCloud, http: requests.Session) -> Session:
    """test2:tester2, `.admin` of AUTH_test2 only."""
    return Session(cloud, http, "test2:tester2", "testing2")


@pytest.fixture
def plain(cloud: FakeCloud, http: requests.Session) -> Session:
    """test:tester3: in account test, but without `.admin`, so it owns nothing."""
    return Session(cloud, http, "test:tester3", "testing3")


def _grant(owner: Session, **acl: list[str]) -> None:
    resp = owner("POST", headers={ACL: json.dumps(acl)})
    assert resp.status_code == 204, resp.text


def _at(session: Session, owner: Session, method: str, path: str = "",
        **kwargs: object) -> requests.Response:
    """`method` on the owner's account (+ `path`) with `session`'s token."""
    return session(method, url=owner.url + path, **kwargs)  # type: ignore[arg-type]


# -- setting and showing ---------------------------------------------------------------------


def test_the_owner_sets_an_acl_and_sees_it_as_swift_formats_it(owner: Session) -> None:
    sent = '{ "read-write": ["test:tester3"],  "admin": ["test2:tester2"] }'
    assert owner("POST", headers={ACL: sent}).status_code == 204
    head = owner("HEAD")
    assert head.headers[ACL] == '{"admin":["test2:tester2"],"read-write":["test:tester3"]}'


def test_an_empty_value_or_object_removes_it(owner: Session) -> None:
    for empty in ("", "{}"):
        _grant(owner, admin=["test2:tester2"])
        assert owner("POST", headers={ACL: empty}).status_code == 204
        assert ACL not in owner("HEAD").headers


def test_empty_lists_are_shown_but_grant_no_one(owner: Session, other: Session) -> None:
    # `add_acls_from_sys_metadata` shows any non-empty object; `acls_from_account_info`
    # grants nothing when every list is empty.
    assert owner("POST", headers={ACL: '{"admin": []}'}).status_code == 204
    assert owner("HEAD").headers[ACL] == '{"admin":[]}'
    assert _at(other, owner, "HEAD").status_code == 403


def test_others_never_see_the_acl(owner: Session, other: Session) -> None:
    _grant(owner, **{"read-only": ["test2:tester2"]})
    seen = _at(other, owner, "HEAD")
    assert seen.status_code == 204
    assert ACL not in seen.headers


def test_a_keystone_owner_sees_an_acl_tempauth_stored(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    demo = Session(cloud, http, "demo:demo", "demo-secret")  # the demo project's account
    _grant(demo, **{"read-only": ["test:tester3"]})
    keystone = Swift(cloud, http)
    assert keystone("HEAD").headers[ACL] == '{"read-only":["test:tester3"]}'


# -- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("not json", "Syntax error in input ('not json')"),
        ('["admin"]', """Syntax error in input ('["admin"]')"""),
        ('{"owner": ["x"]}', 'Key "owner" not recognized'),
        ('{"admin": "test:tester3"}', 'Value for key "admin" must be a list'),
        ('{"read-only": [1]}', 'Elements of "read-only" list must be strings'),
    ],
)
def test_a_bad_acl_is_tempauths_400(owner: Session, value: str, error: str) -> None:
    resp = owner("POST", headers={ACL: value})
    assert resp.status_code == 400
    assert resp.text == f"X-Account-Access-Control invalid: {error}\n\nInput: {value}\n"
    assert resp.headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert ACL not in owner("HEAD").headers


def test_a_bad_acl_is_400_before_anyone_is_refused(owner: Session, other: Session) -> None:
    # tempauth checks the header before it checks who is asking.
    assert _at(other, owner, "POST", headers={ACL: "{"}).status_code == 400
    assert _at(other, owner, "POST", headers={ACL: "{}"}).status_code == 403


def test_keystoneauth_neither_checks_nor_stores_it(swift: Swift) -> None:
    assert swift("POST", headers={ACL: "not json"}).status_code == 204
    assert swift("POST", headers={ACL: '{"admin": ["x"]}'}).status_code == 204
    assert ACL not in swift("HEAD").headers


# -- enforcement -----------------------------------------------------------------------------


def test_read_only_reads_containers_and_objects(owner: Session, other: Session) -> None:
    assert owner("PUT", "/docs").status_code == 201
    assert owner("PUT", "/docs/a.txt", data=b"hello").status_code == 201
    assert _at(other, owner, "GET").status_code == 403
    _grant(owner, **{"read-only": ["test2:tester2"]})
    assert _at(other, owner, "GET").text == "docs\n"
    assert _at(other, owner, "GET", "/docs").text == "a.txt\n"
    assert _at(other, owner, "GET", "/docs/a.txt").content == b"hello"
    for method, path in (("PUT", "/docs/b.txt"), ("POST", "/docs/a.txt"),
                         ("DELETE", "/docs/a.txt"), ("PUT", "/more"), ("POST", "/docs"),
                         ("DELETE", "/docs"), ("POST", "")):
        resp = _at(other, owner, method, path)
        assert (resp.status_code, resp.text) == (403, FORBIDDEN), (method, path)


def test_read_write_writes_containers_and_objects_but_not_the_account(
        owner: Session, plain: Session) -> None:
    _grant(owner, **{"read-write": ["test:tester3"]})
    assert _at(plain, owner, "PUT", "/shared").status_code == 201
    assert _at(plain, owner, "PUT", "/shared/o", data=b"x").status_code == 201
    assert _at(plain, owner, "POST", "/shared/o",
               headers={"X-Object-Meta-Colour": "blue"}).status_code == 202
    assert _at(plain, owner, "POST", "/shared",
               headers={"X-Container-Meta-Colour": "red"}).status_code == 204
    assert _at(plain, owner, "DELETE", "/shared/o").status_code == 204
    assert _at(plain, owner, "DELETE", "/shared").status_code == 204
    assert _at(plain, owner, "HEAD").status_code == 204
    refused = _at(plain, owner, "POST", headers={"X-Account-Meta-Colour": "green"})
    assert refused.status_code == 403
    assert _at(plain, owner, "POST", headers={ACL: "{}"}).status_code == 403


def test_read_write_cannot_set_a_containers_acls(owner: Session, plain: Session) -> None:
    _grant(owner, **{"read-write": ["test:tester3"]})
    resp = _at(plain, owner, "PUT", "/mine", headers={"X-Container-Read": ".r:*",
                                                      "X-Container-Meta-Kept": "yes"})
    assert resp.status_code == 201
    seen = owner("HEAD", "/mine")
    assert "X-Container-Read" not in seen.headers  # the proxy dropped it
    assert seen.headers["X-Container-Meta-Kept"] == "yes"


def test_admin_is_an_owner(owner: Session, other: Session) -> None:
    _grant(owner, admin=["test2:tester2"])
    assert _at(other, owner, "PUT", "/c", headers={"X-Container-Read": "test:tester3"}
               ).status_code == 201
    assert owner("HEAD", "/c").headers["X-Container-Read"] == "test:tester3"
    assert _at(other, owner, "HEAD").headers[ACL] == '{"admin":["test2:tester2"]}'
    assert _at(other, owner, "POST", headers={ACL: '{"read-only": ["test:tester3"]}'}
               ).status_code == 204
    # ... and may take its own admin away.
    assert _at(other, owner, "HEAD").status_code == 403


def test_a_grant_names_any_of_a_users_groups(owner: Session, plain: Session) -> None:
    # tester3's groups are `test` and `test:tester3`: the account name grants too.
    _grant(owner, **{"read-only": ["test"]})
    assert _at(plain, owner, "GET").status_code == 204


def test_keystone_users_are_not_granted_by_an_account_acl(
        cloud: FakeCloud, http: requests.Session, swift: Swift, admin: Swift) -> None:
    demo = Session(cloud, http, "demo:demo", "demo-secret")
    names = [f"{admin.project_id}:{cloud.identity.find_user('admin').id}", admin.project_id,
             "admin:admin", "*:*"]
    _grant(demo, admin=names)
    resp = http.get(swift.url, headers={"X-Auth-Token": admin.token})
    assert resp.status_code == 403


# -- the parsing, as properties ----------------------------------------------------------------

_grantees = st.lists(st.text(max_size=8), max_size=3)
_acls = st.fixed_dictionaries({}, optional={key: _grantees for key in ACCOUNT_ACL_KEYS})


@given(_acls)
def test_every_acl_of_known_keys_and_string_lists_is_valid(acl: dict[str, list[str]]) -> None:
    value = json.dumps(acl)
    assert account_acl_error(value) is None
    assert parse_acl_v2(format_acl_v2(acl)) == acl
    granted = account_acls(value)
    if any(acl.values()):
        assert granted == {key: acl.get(key, []) for key in ACCOUNT_ACL_KEYS}
    else:
        assert granted is None


@given(st.text(min_size=1).filter(lambda k: k not in ACCOUNT_ACL_KEYS), _grantees)
def test_any_other_key_is_refused(key: str, grantees: list[str]) -> None:
    assert account_acl_error(json.dumps({key: grantees})) == (
        f"Key {json.dumps(key)} not recognized")


@given(st.text())
def test_parsing_never_raises(value: str) -> None:
    error = account_acl_error(value)
    assert error is None or isinstance(error, str)
