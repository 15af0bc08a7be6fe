"""Swift's quota middleware, as realcloud runs them (container_quotas, then account_quotas,
after keystoneauth).

container_quotas: the owner sets `X-Container-Meta-Quota-Bytes`/`-Count` (whole numbers,
else 400), and an upload that would go past either is 413 `Upload exceeds quota.`.

account_quotas: only a reseller admin (keystoneauth's `reseller_admin_role`, realcloud's
`ResellerAdmin`, which no login of its clouds.yaml holds) sets `X-Account-Meta-Quota-Bytes`;
the owner gets 403. The admin of these tests is a user the cloud's admin makes for them,
with `ResellerAdmin` on the demo project (the role made when missing, as on the fake,
whose Keystone is bootstrapped without it), and removes afterwards. Real Swift's account
usage lags its uploads (the container updater reports them), so the tests only count on
the usage before they upload: a quota of that plus 10 bytes refuses an 11-byte upload.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import account, call

RESELLER = "contract-reseller-admin"
RESELLER_PW = "contract-reseller-admin-pw-1"
EXCEEDS = "Upload exceeds quota."
FORBIDDEN = "<html><h1>Forbidden</h1><p>Access was denied to this resource.</p></html>"
QUOTA = "X-Account-Meta-Quota-Bytes"


# -- container quotas ----------------------------------------------------------------------


def test_container_quota_bytes(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}"
    assert call(storage, "POST", url,
                headers={"X-Container-Meta-Quota-Bytes": "10"}).status_code == 204
    assert call(storage, "HEAD", url).headers["X-Container-Meta-Quota-Bytes"] == "10"
    assert call(storage, "PUT", url + "/six", data=b"123456").status_code == 201
    over = call(storage, "PUT", url + "/five", data=b"12345")
    assert (over.status_code, over.text) == (413, EXCEEDS)
    assert call(storage, "PUT", url + "/four", data=b"1234").status_code == 201
    assert call(storage, "HEAD", url + "/five").status_code == 404


def test_container_quota_count(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}"
    assert call(storage, "POST", url,
                headers={"X-Container-Meta-Quota-Count": "1"}).status_code == 204
    assert call(storage, "PUT", url + "/one", data=b"1").status_code == 201
    over = call(storage, "PUT", url + "/two", data=b"2")
    assert (over.status_code, over.text) == (413, EXCEEDS)
    # Overwriting is counted as one more object too (the check does not look).
    assert call(storage, "PUT", url + "/one", data=b"1").status_code == 413
    # An empty value removes the quota.
    assert call(storage, "POST", url,
                headers={"X-Container-Meta-Quota-Count": ""}).status_code == 204
    assert call(storage, "PUT", url + "/two", data=b"2").status_code == 201


@pytest.mark.parametrize(("header", "message"), [
    ("X-Container-Meta-Quota-Bytes", "Invalid bytes quota."),
    ("X-Container-Meta-Quota-Count", "Invalid count quota."),
])
def test_a_container_quota_must_be_a_number(storage: ServiceClient, container: str,
                                            header: str, message: str) -> None:
    url = f"{account(storage)}/{container}"
    bad = call(storage, "POST", url, headers={header: "ten"})
    assert (bad.status_code, bad.text) == (400, message)
    assert header not in call(storage, "HEAD", url).headers
    created = call(storage, "PUT", url + "-bad", headers={header: "-1"})
    assert (created.status_code, created.text) == (400, message)
    assert call(storage, "HEAD", url + "-bad").status_code == 404


# -- account quotas ------------------------------------------------------------------------


@pytest.fixture
def reseller(openstack_login: Callable[..., ProviderClient],
             openstack_identity: ServiceClient) -> Iterator[str]:
    """A token of a new user with `ResellerAdmin` on the demo project (removed afterwards)."""
    admin = new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))
    base = admin.endpoint.rstrip("/")
    for stale in call(admin, "GET", f"{base}/users?name={RESELLER}").json()["users"]:
        call(admin, "DELETE", f"{base}/users/{stale['id']}")
    project = call(openstack_identity, "GET", base + "/auth/tokens", headers={
        "X-Subject-Token": openstack_identity.provider.token_id or ""}).json()["token"]["project"]
    roles = call(admin, "GET", f"{base}/roles?name=ResellerAdmin").json()["roles"]
    made_role = not roles
    if made_role:
        created_role = call(admin, "POST", f"{base}/roles",
                            json={"role": {"name": "ResellerAdmin"}})
        assert created_role.status_code == 201
        role = created_role.json()["role"]["id"]
    else:
        role = roles[0]["id"]
    created = call(admin, "POST", f"{base}/users",
                   json={"user": {"name": RESELLER, "password": RESELLER_PW}})
    assert created.status_code == 201
    user = created.json()["user"]["id"]
    assert call(admin, "PUT", f"{base}/projects/{project['id']}/users/{user}/roles/{role}"
                ).status_code == 204
    issued = call(admin, "POST", base + "/auth/tokens", authenticated=False, json={"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "id": user, "password": RESELLER_PW}}},
        "scope": {"project": {"id": project["id"]}}}})
    assert issued.status_code == 201
    yield issued.headers["X-Subject-Token"]
    assert call(admin, "DELETE", f"{base}/users/{user}").status_code == 204
    if made_role:
        assert call(admin, "DELETE", f"{base}/roles/{role}").status_code == 204


def _as(storage: ServiceClient, token: str, method: str, url: str,
        headers: dict[str, str], data: bytes = b"") -> int:
    return call(storage, method, url, authenticated=False, data=data,
                headers={"X-Auth-Token": token, **headers}).status_code


def test_the_owner_may_not_set_an_account_quota(storage: ServiceClient,
                                                container: str) -> None:
    for header in (QUOTA, "X-Account-Quota-Bytes", "X-Remove-Account-Meta-Quota-Bytes"):
        resp = call(storage, "POST", account(storage), headers={header: "10"})
        assert (resp.status_code, resp.text) == (403, FORBIDDEN), header
    assert QUOTA not in call(storage, "HEAD", account(storage)).headers


def test_a_reseller_admin_sets_and_removes_an_account_quota(
        storage: ServiceClient, container: str, reseller: str) -> None:
    url = account(storage)
    try:
        used = int(call(storage, "HEAD", url).headers["X-Account-Bytes-Used"])
        quota = str(used + 10)
        assert _as(storage, reseller, "POST", url, {QUOTA: quota}) == 204
        head = call(storage, "HEAD", url)
        assert head.headers[QUOTA] == quota
        assert _as(storage, reseller, "POST", url, {QUOTA: "ten"}) == 400
        assert call(storage, "HEAD", url).headers[QUOTA] == quota
        # The check is the account's usage plus the upload's length: one byte over is 413.
        over = call(storage, "PUT", f"{url}/{container}/eleven", data=b"12345678901")
        assert (over.status_code, over.text) == (413, EXCEEDS)
        assert call(storage, "HEAD", f"{url}/{container}/eleven").status_code == 404
        # A reseller admin's uploads are not held to it.
        assert _as(storage, reseller, "PUT", f"{url}/{container}/theirs", {},
                   b"12345678901") == 201
        # An empty value removes it.
        assert _as(storage, reseller, "POST", url, {QUOTA: ""}) == 204
        assert QUOTA not in call(storage, "HEAD", url).headers
        assert call(storage, "PUT", f"{url}/{container}/eleven", data=b"12345678901"
                    ).status_code == 201
    finally:
        _as(storage, reseller, "POST", url, {QUOTA: ""})
