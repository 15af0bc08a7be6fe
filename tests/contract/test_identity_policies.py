"""Keystone's policy blobs (`/v3/policies`), as Keystone 30 answers.

The admin manages them; the demo member may not even list them. A blob may hold secrets,
so cassettes keep it as `***` (the assertions accept either).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

TYPE = "application/x-contract-policies"
DENIED = "You are not authorized to perform the requested action: identity:"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> Iterator[ServiceClient]:
    """Keystone v3 as the admin; the policies of the test's type are removed before and
    after."""
    identity = new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))

    def clean() -> None:
        base = v3(identity)
        for stale in call(identity, "GET", f"{base}/policies?type={TYPE}").json()["policies"]:
            call(identity, "DELETE", f"{base}/policies/{stale['id']}")

    clean()
    yield identity
    clean()


def error(resp: Any) -> tuple[int, str]:
    return resp.status_code, resp.json()["error"]["message"]


def test_a_policy_is_created_read_listed_updated_and_deleted(admin: ServiceClient) -> None:
    base = v3(admin)
    made = call(admin, "POST", base + "/policies", json={"policy": {
        "type": TYPE, "blob": '{"a": "rule:b"}', "team": "blue", "id": "ignored"}})
    assert made.status_code == 201
    policy = made.json()["policy"]
    assert policy["blob"] in ('{"a": "rule:b"}', "***")
    assert (policy["type"], policy["team"]) == (TYPE, "blue")
    assert policy["id"] != "ignored"
    assert len(policy["id"]) == 32
    url = f"{base}/policies/{policy['id']}"
    assert policy["links"] == {"self": url}
    assert call(admin, "GET", url).json() == {"policy": policy}
    listed = call(admin, "GET", f"{base}/policies?type={TYPE}").json()
    assert listed["policies"] == [policy]
    assert listed["links"]["self"] == f"{base}/policies?type={TYPE}"
    assert call(admin, "GET", f"{base}/policies?type={TYPE}-none").json()["policies"] == []
    patched = call(admin, "PATCH", url, json={"policy": {"blob": "b2", "size": 5}})
    assert patched.status_code == 200
    assert patched.json()["policy"]["blob"] in ("b2", "***")
    assert (patched.json()["policy"]["team"], patched.json()["policy"]["size"]) == ("blue", 5)
    assert call(admin, "DELETE", url).status_code == 204
    assert error(call(admin, "GET", url)) == (404, f"Could not find policy: {policy['id']}.")
    assert error(call(admin, "DELETE", url)) == (404, f"Could not find policy: {policy['id']}.")


def test_the_rules_of_a_policys_body(admin: ServiceClient) -> None:
    base = v3(admin)

    def create(policy: Any) -> Any:
        return call(admin, "POST", base + "/policies", json={"policy": policy})

    missing = create({"type": TYPE})
    assert missing.status_code == 400
    assert missing.json()["error"]["message"].startswith(
        "'blob' is a required property\n\nFailed validating 'required' in schema:")
    assert create({"blob": "x"}).json()["error"]["message"].startswith(
        "'type' is a required property")
    typed = create({"blob": 5, "type": TYPE})
    assert typed.status_code == 400
    assert typed.json()["error"]["message"].startswith(
        "Invalid input for field 'blob': 5 is not of type 'string'")
    url = f"{base}/policies/{create({'blob': 'x', 'type': TYPE}).json()['policy']['id']}"
    empty = call(admin, "PATCH", url, json={"policy": {}})
    assert empty.status_code == 400
    assert empty.json()["error"]["message"].startswith("{} should be non-empty")
    assert error(call(admin, "PATCH", url, json={"policy": {"id": "other"}})) == (
        400, "Cannot change policy ID")
    assert error(call(admin, "PATCH", base + "/policies/contractnosuchpolicy", json={
        "policy": {"blob": "x"}})) == (404, "Could not find policy: contractnosuchpolicy.")


def test_a_member_may_not_touch_policies(openstack_identity: ServiceClient,
                                         admin: ServiceClient) -> None:
    base = v3(openstack_identity)
    made = call(admin, "POST", base + "/policies", json={"policy": {"blob": "x", "type": TYPE}})
    url = f"{base}/policies/{made.json()['policy']['id']}"
    member = openstack_identity
    assert error(call(member, "GET", base + "/policies")) == (403, DENIED + "list_policies.")
    assert error(call(member, "POST", base + "/policies", json={"policy": {}})) == (
        403, DENIED + "create_policy.")
    assert error(call(member, "GET", url)) == (403, DENIED + "get_policy.")
    assert error(call(member, "PATCH", url, json={"policy": {"blob": "y"}})) == (
        403, DENIED + "update_policy.")
    assert error(call(member, "DELETE", url)) == (403, DENIED + "delete_policy.")
