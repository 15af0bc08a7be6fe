"""Keystone system scope: role grants on the system, system-scoped tokens, and what the
default policies let a system reader, a project admin, a domain-scoped admin and a member do.

The admin makes a user for each test (a system reader, or an admin of the Default domain)
and removes it afterwards. Keystone 30's rules shown here: a system grant is listed and
checked under `/v3/system/users/{id}/roles`, and a missing one names the target `system`; a
system-scoped token (`{"system": {"all": true}}`) has `system` instead of a project, and no
`/v3/auth/catalog`; a system reader reads users, projects, domains and the catalog but
writes nothing; `admin_required` is any token with the admin role, so a project admin lists
every user; and the `scope_types` of a policy refuse a domain-scoped token on the catalog,
domains and roles whatever its roles (oslo.policy always enforces them now).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

READER, READER_PASSWORD = "contract-sys-reader", "contract-sys-reader-pw-1"
DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD = "contract-sys-domain-admin", "contract-sys-domain-pw-1"
DENIED = "You are not authorized to perform the requested action"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


def message(resp: requests.Response) -> tuple[int, str]:
    return resp.status_code, resp.json()["error"]["message"]


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin (on its admin project)."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _user(admin: ServiceClient, name: str, password: str) -> str:
    base = v3(admin)
    for stale in call(admin, "GET", f"{base}/users?name={name}").json()["users"]:
        call(admin, "DELETE", f"{base}/users/{stale['id']}")
    made = call(admin, "POST", base + "/users",
                json={"user": {"name": name, "password": password}})
    assert made.status_code == 201, made.text
    return str(made.json()["user"]["id"])


def _role(admin: ServiceClient, name: str) -> str:
    (role,) = call(admin, "GET", f"{v3(admin)}/roles?name={name}").json()["roles"]
    return str(role["id"])


@pytest.fixture
def reader(admin: ServiceClient) -> Iterator[dict[str, str]]:
    """A user holding the reader role on the system."""
    user = _user(admin, READER, READER_PASSWORD)
    role = _role(admin, "reader")
    assert call(admin, "PUT", f"{v3(admin)}/system/users/{user}/roles/{role}").status_code == 204
    yield {"user": user, "reader": role}
    assert call(admin, "DELETE", f"{v3(admin)}/users/{user}").status_code == 204


@pytest.fixture
def domain_admin(admin: ServiceClient) -> Iterator[str]:
    """A user holding the admin role on the Default domain."""
    user = _user(admin, DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD)
    grant = f"{v3(admin)}/domains/default/users/{user}/roles/{_role(admin, 'admin')}"
    assert call(admin, "PUT", grant).status_code == 204
    yield user
    assert call(admin, "DELETE", f"{v3(admin)}/users/{user}").status_code == 204


def token(identity: ServiceClient, user: str, password: str, scope: Any) -> requests.Response:
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": password}}}, "scope": scope}}
    return call(identity, "POST", v3(identity) + "/auth/tokens", json=body,
                authenticated=False)


def as_token(identity: ServiceClient, token_id: str, method: str, path: str,
             body: Any = None) -> requests.Response:
    return call(identity, method, v3(identity) + path, json=body, authenticated=False,
                headers={"X-Auth-Token": token_id})


SYSTEM = {"system": {"all": True}}


def test_a_system_grant_is_made_listed_checked_and_revoked(admin: ServiceClient,
                                                           reader: dict[str, str]) -> None:
    base = f"{v3(admin)}/system/users/{reader['user']}/roles"
    listed = call(admin, "GET", base).json()
    assert [(r["id"], r["name"]) for r in listed["roles"]] == [(reader["reader"], "reader")]
    assert call(admin, "HEAD", f"{base}/{reader['reader']}").status_code == 204
    member = _role(admin, "member")
    assert message(call(admin, "GET", f"{base}/{member}")) == (
        404, f"Could not find role assignment with role: {member}, user or group: "
             f"{reader['user']}, project, domain, or system: system.")
    assert call(admin, "DELETE", f"{base}/{reader['reader']}").status_code == 204
    assert message(call(admin, "DELETE", f"{base}/{reader['reader']}")) == (
        404, f"Could not find role assignment with role: {reader['reader']}, user or group: "
             f"{reader['user']}, project, domain, or system: system.")
    assert call(admin, "GET", base).json()["roles"] == []


def test_a_system_token_has_the_system_and_no_project(admin: ServiceClient,
                                                      reader: dict[str, str]) -> None:
    issued = token(admin, READER, READER_PASSWORD, SYSTEM)
    assert issued.status_code == 201
    body = issued.json()["token"]
    assert body["system"] == {"all": True}
    assert "project" not in body
    assert "domain" not in body
    assert [r["name"] for r in body["roles"]] == ["reader"]
    assert "identity" in [s["type"] for s in body["catalog"]]
    token_id = issued.headers["X-Subject-Token"]
    assert as_token(admin, token_id, "GET", "/auth/system").json()["system"] == [{"all": True}]
    assert as_token(admin, token_id, "GET", "/auth/projects").json()["projects"] == []
    assert message(as_token(admin, token_id, "GET", "/auth/catalog")) == (403, DENIED + ".")


def test_a_system_reader_reads_everything_and_writes_nothing(admin: ServiceClient,
                                                             reader: dict[str, str]) -> None:
    token_id = token(admin, READER, READER_PASSWORD, SYSTEM).headers["X-Subject-Token"]
    users = as_token(admin, token_id, "GET", f"/users?name={READER}")
    assert [u["id"] for u in users.json()["users"]] == [reader["user"]]
    for path in ("/projects", "/domains", "/services", "/endpoints", "/role_assignments",
                 f"/system/users/{reader['user']}/roles"):
        assert as_token(admin, token_id, "GET", path).status_code == 200, path
    for method, path, body, rule in (
            ("POST", "/users", {"user": {"name": "contract-sys-never"}}, "create_user"),
            ("POST", "/projects", {"project": {"name": "contract-sys-never"}}, "create_project"),
            ("POST", "/domains", {"domain": {"name": "contract-sys-never"}}, "create_domain"),
            ("PUT", f"/system/users/{reader['user']}/roles/{reader['reader']}", None,
             "create_system_grant_for_user")):
        assert message(as_token(admin, token_id, method, path, body)) == (
            403, f"{DENIED}: identity:{rule}."), path


def test_a_revoked_system_grant_ends_the_system_token(admin: ServiceClient,
                                                      reader: dict[str, str]) -> None:
    token_id = token(admin, READER, READER_PASSWORD, SYSTEM).headers["X-Subject-Token"]
    grant = f"{v3(admin)}/system/users/{reader['user']}/roles/{reader['reader']}"
    assert call(admin, "DELETE", grant).status_code == 204
    assert as_token(admin, token_id, "GET", "/users").status_code == 401
    assert token(admin, READER, READER_PASSWORD, SYSTEM).status_code == 401


def test_a_project_admin_lists_every_user_and_a_member_none(
        admin: ServiceClient, openstack_identity: ServiceClient,
        reader: dict[str, str]) -> None:
    listed = call(admin, "GET", f"{v3(admin)}/users?name={READER}").json()["users"]
    assert [u["id"] for u in listed] == [reader["user"]]
    assert message(call(openstack_identity, "GET", v3(openstack_identity) + "/users")) == (
        403, f"{DENIED}: identity:list_users.")


def test_the_admin_gets_a_system_token_and_a_member_does_not(
        admin: ServiceClient, openstack_identity: ServiceClient) -> None:
    issued = token(admin, "admin", "admin-secret", SYSTEM)
    assert issued.status_code == 201
    assert "admin" in [r["name"] for r in issued.json()["token"]["roles"]]
    refused = token(openstack_identity, "demo", "demo-secret", SYSTEM)
    assert message(refused) == (401, "The request you have made requires authentication.")


@pytest.mark.parametrize(("method", "path", "body", "rule"), [
    ("GET", "/services", None, "list_services"),
    ("GET", "/endpoints", None, "list_endpoints"),
    ("POST", "/domains", {"domain": {"name": "contract-sys-never"}}, "create_domain"),
    ("POST", "/roles", {"role": {"name": "contract-sys-never"}}, "create_role"),
])
def test_a_domain_scoped_admin_is_out_of_scope_on_the_catalog_domains_and_roles(
        admin: ServiceClient, domain_admin: str, method: str, path: str, body: Any,
        rule: str) -> None:
    issued = token(admin, DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD, {"domain": {"id": "default"}})
    assert issued.status_code == 201
    assert message(as_token(admin, issued.headers["X-Subject-Token"], method, path, body)) == (
        403, f"{DENIED}: identity:{rule}.")


def test_a_domain_scoped_admin_reads_its_domain(admin: ServiceClient,
                                                domain_admin: str) -> None:
    token_id = token(admin, DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD,
                     {"domain": {"id": "default"}}).headers["X-Subject-Token"]
    users = as_token(admin, token_id, "GET", f"/users?name={DOMAIN_ADMIN}").json()["users"]
    assert [u["id"] for u in users] == [domain_admin]
    for path in ("/domains", "/regions", "/projects"):
        assert as_token(admin, token_id, "GET", path).status_code == 200, path
    assert message(as_token(admin, token_id, "GET", "/auth/catalog")) == (403, DENIED + ".")
