"""Account ACLs in the client: `AccountACL`, `UpdateOpts(access_control=...)` and
`AccountHeaders.access_control`, against the fake Swift (tempauth enforces them,
keystoneauth ignores them)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackdouble.client import Forbidden, InvalidInput, ServiceClient
from stackdouble.client.openstack import new_client
from stackdouble.client.openstack.objectstorage.v1 import accounts, containers, swauth
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import sent


def _tempauth(cloud: FakeCloud, user: str, key: str) -> ServiceClient:
    return swauth.new_object_storage_v1(new_client(cloud.base_url),
                                        swauth.AuthOpts(user=user, key=key))


@pytest.fixture
def owner(cloud: FakeCloud) -> ServiceClient:
    """test:tester, `.admin` of AUTH_test."""
    return _tempauth(cloud, "test:tester", "testing")


@pytest.fixture
def reader(cloud: FakeCloud) -> ServiceClient:
    """test2:tester2, on AUTH_test's storage URL: a stranger there until an ACL says not."""
    client = _tempauth(cloud, "test2:tester2", "testing2")
    client.endpoint = client.endpoint.replace("AUTH_test2", "AUTH_test")
    return client


def test_update_sends_the_acl_as_swift_formats_it(cloud: FakeCloud, owner: ServiceClient) -> None:
    acl = accounts.AccountACL(read_write=["test:tester3"], admin=["test2:tester2"])
    accounts.update(owner, accounts.UpdateOpts(access_control=acl)).extract()
    assert sent(cloud).headers["X-Account-Access-Control"] == (
        '{"admin":["test2:tester2"],"read-write":["test:tester3"]}')


def test_get_reads_the_acl_back(owner: ServiceClient) -> None:
    acl = accounts.AccountACL(read_only=["test2:tester2"])
    accounts.update(owner, accounts.UpdateOpts(access_control=acl)).extract()
    assert accounts.get(owner).extract().access_control == accounts.AccountACL(
        read_only=("test2:tester2",))


def test_remove_access_control_sends_an_empty_value(owner: ServiceClient) -> None:
    acl = accounts.AccountACL(read_only=["test2:tester2"])
    accounts.update(owner, accounts.UpdateOpts(access_control=acl)).extract()
    opts = accounts.UpdateOpts(remove_access_control=True)
    assert opts.to_account_update_map() == {"X-Account-Access-Control": ""}
    accounts.update(owner, opts).extract()
    assert accounts.get(owner).extract().access_control is None


def test_a_read_only_grantee_reads_but_cannot_write(owner: ServiceClient,
                                                    reader: ServiceClient) -> None:
    containers.create(owner, "shared").extract()
    with pytest.raises(Forbidden):
        accounts.get(reader).extract()
    acl = accounts.AccountACL(read_only=["test2:tester2"])
    accounts.update(owner, accounts.UpdateOpts(access_control=acl)).extract()
    seen = accounts.get(reader).extract()
    assert seen.container_count == 1
    assert seen.access_control is None  # shown to owners only
    with pytest.raises(Forbidden) as caught:
        containers.create(reader, "theirs").extract()
    assert caught.value.status == 403


def test_keystone_tokens_leave_no_acl(storage: ServiceClient) -> None:
    acl = accounts.AccountACL(admin=["test:tester"])
    accounts.update(storage, accounts.UpdateOpts(access_control=acl)).extract()
    assert accounts.get(storage).extract().access_control is None


def test_setting_and_removing_at_once_is_invalid_input(storage: ServiceClient) -> None:
    opts = accounts.UpdateOpts(access_control=accounts.AccountACL(), remove_access_control=True)
    with pytest.raises(InvalidInput) as caught:
        accounts.update(storage, opts).extract()
    assert caught.value.field == "access_control"


@pytest.mark.parametrize("acl", [accounts.AccountACL(admin="alice"),
                                 accounts.AccountACL(read_only=[""]),
                                 accounts.AccountACL(read_write=[3])])  # type: ignore[list-item]
def test_a_bad_grantee_is_invalid_input_before_anything_is_sent(
        cloud: FakeCloud, storage: ServiceClient, acl: accounts.AccountACL) -> None:
    before = len(cloud.requests)
    with pytest.raises(InvalidInput):
        accounts.update(storage, accounts.UpdateOpts(access_control=acl)).extract()
    assert len(cloud.requests) == before


def test_an_acl_that_grants_no_one_is_an_empty_object() -> None:
    assert accounts.AccountACL().to_header() == "{}"


_names = st.lists(st.text(min_size=1, max_size=10), max_size=3)


@given(_names, _names, _names)
def test_the_header_round_trips(admin: list[str], read_write: list[str],
                                read_only: list[str]) -> None:
    acl = accounts.AccountACL(admin=admin, read_write=read_write, read_only=read_only)
    value = acl.to_header()
    assert value.isascii()
    assert accounts.AccountACL.from_header(value) == accounts.AccountACL(
        admin=tuple(admin), read_write=tuple(read_write), read_only=tuple(read_only))
    assert json.loads(value) == {key: names for key, names in (
        ("admin", admin), ("read-write", read_write), ("read-only", read_only)) if names}


@pytest.mark.parametrize("value", ["not json", "[]", '"x"'])
def test_a_value_that_is_not_an_object_reads_as_none(value: str) -> None:
    assert accounts.AccountACL.from_header(value) is None
