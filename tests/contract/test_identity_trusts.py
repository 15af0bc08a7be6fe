"""Keystone OS-TRUST: trusts, trust-scoped tokens and their death with the trust.

The trustor is the demo user (member on demo); the trustee a user the admin makes for the
test and removes afterwards. Keystone 30's quirks shown here: `roles_links.self` leaves
out `OS-TRUST/trusts`, a used-up trust is 401 to authenticate with (not 403) and takes
every token it issued with it, and a trustor losing a delegated role makes the tokens a
bare 403 until the role is granted again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

TRUSTEE = "contract-trustee"
TRUSTEE_PW = "contract-trustee-pw-1"
FORBIDDEN = "You are not authorized to perform the requested action"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


@pytest.fixture
def ids(openstack_identity: ServiceClient, admin: ServiceClient) -> Iterator[dict[str, str]]:
    """The demo user's and project's ids, and a new trustee user (removed afterwards, with
    the trusts Keystone deletes along)."""
    base = v3(admin)
    for stale in call(admin, "GET", base + f"/users?name={TRUSTEE}").json()["users"]:
        call(admin, "DELETE", f"{base}/users/{stale['id']}")
    me = call(openstack_identity, "GET", base + "/auth/tokens",
              headers={"X-Subject-Token": openstack_identity.provider.token_id}).json()["token"]
    created = call(admin, "POST", base + "/users",
                   json={"user": {"name": TRUSTEE, "password": TRUSTEE_PW}})
    assert created.status_code == 201
    trustee = created.json()["user"]["id"]
    yield {"demo": me["user"]["id"], "project": me["project"]["id"], "trustee": trustee}
    assert call(admin, "DELETE", f"{base}/users/{trustee}").status_code == 204


def create_trust(identity: ServiceClient, ids: dict[str, str], **overrides: Any
                 ) -> requests.Response:
    body: dict[str, Any] = {"trustor_user_id": ids["demo"], "trustee_user_id": ids["trustee"],
                            "project_id": ids["project"], "impersonation": False,
                            "roles": [{"name": "member"}]}
    body.update(overrides)
    return call(identity, "POST", v3(identity) + "/OS-TRUST/trusts", json={"trust": body})


def trust_token(identity: ServiceClient, trust_id: str) -> requests.Response:
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": TRUSTEE, "domain": {"id": "default"}, "password": TRUSTEE_PW}}},
        "scope": {"OS-TRUST:trust": {"id": trust_id}}}}
    return call(identity, "POST", v3(identity) + "/auth/tokens", json=body,
                authenticated=False)


def validate(admin: ServiceClient, token: str) -> requests.Response:
    return call(admin, "GET", v3(admin) + "/auth/tokens", headers={"X-Subject-Token": token})


def test_trust_create_get_list_roles_and_delete(openstack_identity: ServiceClient,
                                                ids: dict[str, str]) -> None:
    base = v3(openstack_identity)
    created = create_trust(openstack_identity, ids, remaining_uses=2)
    assert created.status_code == 201
    trust = created.json()["trust"]
    tid = trust["id"]
    assert {k: trust[k] for k in ("trustor_user_id", "trustee_user_id", "project_id",
                                  "impersonation", "expires_at", "remaining_uses",
                                  "deleted_at", "redelegated_trust_id",
                                  "redelegation_count")} == {
        "trustor_user_id": ids["demo"], "trustee_user_id": ids["trustee"],
        "project_id": ids["project"], "impersonation": False, "expires_at": None,
        "remaining_uses": 2, "deleted_at": None, "redelegated_trust_id": None,
        "redelegation_count": 0}
    assert [(r["name"], r["domain_id"], r["options"]) for r in trust["roles"]] == [
        ("member", None, {"immutable": True})]
    member_id = trust["roles"][0]["id"]
    assert trust["links"] == {"self": f"{base}/OS-TRUST/trusts/{tid}"}
    assert trust["roles_links"] == {"self": f"{base}/{tid}/roles", "next": None,
                                    "previous": None}
    got = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts/{tid}")
    assert (got.status_code, got.json()["trust"]["id"]) == (200, tid)
    mine = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts?trustor_user_id="
                + ids["demo"]).json()
    listed = [t for t in mine["trusts"] if t["id"] == tid]
    assert len(listed) == 1
    assert "roles" not in listed[0]
    everyone = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts")
    assert everyone.status_code == 403
    assert everyone.json()["error"]["message"] == f"{FORBIDDEN}: identity:list_trusts."
    roles = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts/{tid}/roles").json()
    assert [r["name"] for r in roles["roles"]] == ["member"]
    one = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts/{tid}/roles/{member_id}")
    assert one.json()["role"]["name"] == "member"
    head = call(openstack_identity, "HEAD", f"{base}/OS-TRUST/trusts/{tid}/roles/{member_id}")
    assert head.status_code == 200
    other = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts/{tid}/roles/nope")
    assert (other.status_code, other.json()["error"]["message"]) == (
        404, "Could not find role: nope.")
    assert call(openstack_identity, "DELETE", f"{base}/OS-TRUST/trusts/{tid}").status_code == 204
    gone = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts/{tid}")
    assert gone.status_code == 404
    assert gone.json() == {"error": {"code": 404, "title": "Not Found",
                                     "message": f"Could not find trust: {tid}."}}


def test_trust_create_refusals(openstack_identity: ServiceClient,
                               ids: dict[str, str]) -> None:
    def refused(**overrides: Any) -> tuple[int, str]:
        resp = create_trust(openstack_identity, ids, **overrides)
        return resp.status_code, resp.json()["error"]["message"]

    assert refused(trustor_user_id=ids["trustee"]) == (
        403, f"{FORBIDDEN}: identity:create_trust.")
    assert refused(roles=[]) == (403, f"{FORBIDDEN}: At least one role should be specified.")
    assert refused(roles=[{"name": "nope"}]) == (404, "Role nope is not defined")
    assert refused(trustee_user_id="nope") == (404, "Could not find user: nope.")
    assert refused(remaining_uses=0) == (
        400, "Invalid input for field/attribute remaining_uses. Value: 0. 0 is less than the "
             "minimum of 1")
    status, message = refused(expires_at="2000-01-01T00:00:00Z")
    assert (status, message.split(".")[0]) == (400, "The 'expires_at' must not be before now")
    assert refused(allow_redelegation=True, remaining_uses=1) == (
        400, "remaining_uses must not be set if redelegation is allowed")


def test_trust_scoped_token_dies_with_the_trust(openstack_identity: ServiceClient,
                                                admin: ServiceClient,
                                                ids: dict[str, str]) -> None:
    base = v3(openstack_identity)
    tid = create_trust(openstack_identity, ids).json()["trust"]["id"]
    issued = trust_token(openstack_identity, tid)
    assert issued.status_code == 201
    token = issued.json()["token"]
    assert token["OS-TRUST:trust"] == {"id": tid, "impersonation": False,
                                       "trustor_user": {"id": ids["demo"]},
                                       "trustee_user": {"id": ids["trustee"]}}
    assert token["user"]["id"] == ids["trustee"]
    assert token["project"]["id"] == ids["project"]
    assert "is_domain" not in token
    assert {r["name"] for r in token["roles"]} == {"member", "reader"}
    assert all("links" not in r and "options" in r for r in token["roles"])
    assert {"identity", "object-store"} <= {entry["type"] for entry in token["catalog"]}
    token_id = issued.headers["X-Subject-Token"]
    assert validate(admin, token_id).status_code == 200
    rescoped = call(openstack_identity, "POST", base + "/auth/tokens", authenticated=False,
                    json={"auth": {"identity": {"methods": ["token"],
                                                "token": {"id": token_id}}}})
    assert (rescoped.status_code, rescoped.json()["error"]["message"]) == (
        403, f"{FORBIDDEN}: Using trust-scoped token to create another token. Create a new "
             "trust-scoped token instead.")
    assert call(openstack_identity, "DELETE", f"{base}/OS-TRUST/trusts/{tid}").status_code == 204
    gone = {"code": 404, "title": "Not Found", "message": f"Could not find trust: {tid}."}
    dead = validate(admin, token_id)
    assert (dead.status_code, dead.json()) == (404, {"error": gone})
    used = call(openstack_identity, "GET", base + "/auth/projects", authenticated=False,
                headers={"X-Auth-Token": token_id})
    assert (used.status_code, used.json()) == (404, {"error": gone})
    again = trust_token(openstack_identity, tid)
    assert again.status_code == 401


def test_remaining_uses_run_out(openstack_identity: ServiceClient, admin: ServiceClient,
                                ids: dict[str, str]) -> None:
    base = v3(openstack_identity)
    tid = create_trust(openstack_identity, ids, impersonation=True,
                       remaining_uses=1).json()["trust"]["id"]
    issued = trust_token(openstack_identity, tid)
    assert issued.status_code == 201
    assert issued.json()["token"]["user"]["id"] == ids["demo"]  # impersonation
    used_up = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts/{tid}")
    assert used_up.status_code == 404
    assert trust_token(openstack_identity, tid).status_code == 401
    dead = validate(admin, issued.headers["X-Subject-Token"])
    assert (dead.status_code, dead.json()["error"]["message"]) == (
        404, f"Could not find trust: {tid}.")
    listed = call(openstack_identity, "GET", f"{base}/OS-TRUST/trusts?trustor_user_id="
                  + ids["demo"]).json()["trusts"]
    assert [t["remaining_uses"] for t in listed if t["id"] == tid] == [0]
    assert call(admin, "DELETE", f"{base}/OS-TRUST/trusts/{tid}").status_code == 404


def test_trustor_losing_the_role_suspends_the_tokens(openstack_identity: ServiceClient,
                                                     admin: ServiceClient,
                                                     ids: dict[str, str]) -> None:
    base = v3(openstack_identity)
    manager = next(r["id"] for r in call(admin, "GET", base + "/roles?name=manager")
                   .json()["roles"])
    grant = f"{base}/projects/{ids['project']}/users/{ids['demo']}/roles/{manager}"
    assert call(admin, "PUT", grant).status_code == 204
    tid = create_trust(openstack_identity, ids,
                       roles=[{"name": "manager"}]).json()["trust"]["id"]
    token_id = trust_token(openstack_identity, tid).headers["X-Subject-Token"]
    assert call(admin, "DELETE", grant).status_code == 204
    suspended = validate(admin, token_id)
    assert (suspended.status_code, suspended.json()["error"]["message"]) == (
        403, f"{FORBIDDEN}.")
    assert trust_token(openstack_identity, tid).status_code == 403
    assert call(admin, "PUT", grant).status_code == 204
    assert validate(admin, token_id).status_code == 200
    assert call(admin, "DELETE", grant).status_code == 204
    assert call(openstack_identity, "DELETE", f"{base}/OS-TRUST/trusts/{tid}").status_code == 204
