"""Account ACLs (`X-Account-Access-Control`) under keystoneauth, as realcloud runs Swift:
keystoneauth has none (only tempauth checks, stores and enforces them; `tests/fakes/
objectstorage/test_account_acl.py` covers the fake's tempauth), so the header is taken,
never stored nor checked, and grants nothing; another project's user is let in only by a
container ACL naming it (`<project_id>:<user_id>`, keystoneauth's `_authorize_cross_tenant`).

The other user is realcloud's `admin` (project `admin`, roles admin and member but no
ResellerAdmin): an operator of its own account only.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3, new_object_storage_v1
from tests.contract.conftest import account, call

ACL = "X-Account-Access-Control"
FORBIDDEN = "<html><h1>Forbidden</h1><p>Access was denied to this resource.</p></html>"


class Other:
    """Another project's user: its Swift client, and its user and project ids."""

    def __init__(self, provider: ProviderClient) -> None:
        self.storage = new_object_storage_v1(provider, EndpointOpts(region="RegionOne"))
        identity = new_identity_v3(provider)
        token = call(identity, "GET", identity.endpoint.rstrip("/") + "/auth/tokens",
                     headers={"X-Subject-Token": provider.token_id or ""}).json()["token"]
        self.user_id: str = token["user"]["id"]
        self.project_id: str = token["project"]["id"]


@pytest.fixture
def other(openstack_login: Callable[..., ProviderClient]) -> Other:
    """realcloud's admin, in project admin: not an owner of demo's account."""
    return Other(openstack_login(user="admin", cloud="realcloud-admin"))


def _grants(other: Other) -> str:
    """An ACL naming the other user every way keystoneauth's container ACLs would."""
    return json.dumps({"admin": [f"{other.project_id}:{other.user_id}", "admin:admin"],
                       "read-only": [other.project_id, "*:*"]})


def test_the_owner_may_send_one_but_keystoneauth_never_stores_it(
        storage: ServiceClient, container: str, other: Other) -> None:
    # (`container`: the account has held one, so both sides show its policy's usage.)
    sent = call(storage, "POST", account(storage), headers={ACL: _grants(other)})
    assert sent.status_code == 204
    head = call(storage, "HEAD", account(storage))
    assert head.status_code == 204
    assert ACL not in head.headers


@pytest.mark.parametrize("value", ["not json", '{"owner": ["x"]}', '{"admin": "x"}'])
def test_keystoneauth_does_not_check_it(storage: ServiceClient, container: str,
                                       value: str) -> None:
    # tempauth would answer 400 `X-Account-Access-Control invalid: ...`.
    assert call(storage, "POST", account(storage), headers={ACL: value}).status_code == 204
    assert ACL not in call(storage, "HEAD", account(storage)).headers


def test_it_grants_another_project_nothing(storage: ServiceClient, container: str,
                                           other: Other) -> None:
    assert call(storage, "POST", account(storage),
                headers={ACL: _grants(other)}).status_code == 204
    assert call(storage, "PUT", f"{account(storage)}/{container}/o",
                data=b"data").status_code == 201
    for method, path, status in (("GET", "", 403), ("HEAD", "", 403),
                                 ("GET", f"/{container}", 403),
                                 ("GET", f"/{container}/o", 403),
                                 ("PUT", f"/{container}/p", 403),
                                 ("PUT", "/contract-acl-theirs", 403)):
        resp = call(other.storage, method, account(storage) + path)
        assert resp.status_code == status, (method, path)
        if method != "HEAD":
            assert resp.text == FORBIDDEN


def test_another_project_may_not_set_it(storage: ServiceClient, other: Other) -> None:
    for value in ("{}", "not json"):
        resp = call(other.storage, "POST", account(storage), headers={ACL: value})
        assert (resp.status_code, resp.text) == (403, FORBIDDEN)


def test_a_container_acl_is_what_lets_another_project_in(
        storage: ServiceClient, container: str, other: Other) -> None:
    url = f"{account(storage)}/{container}"
    assert call(storage, "PUT", url + "/o", data=b"data").status_code == 201
    grantee = f"{other.project_id}:{other.user_id}"
    assert call(storage, "POST", url, headers={"X-Container-Read": grantee}).status_code == 204
    listed = call(other.storage, "GET", url)
    assert listed.status_code == 200
    assert [row["name"] for row in listed.json()] == ["o"]
    assert "X-Container-Read" not in listed.headers  # ACLs are shown to owners only
    got = call(other.storage, "GET", url + "/o")
    assert (got.status_code, got.content) == (200, b"data")
    assert call(other.storage, "PUT", url + "/p", data=b"x").status_code == 403
    assert call(other.storage, "GET", account(storage)).status_code == 403
    assert call(storage, "HEAD", url).headers["X-Container-Read"] == grantee
