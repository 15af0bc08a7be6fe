"""The `SERVICE_` reseller prefix (keystoneauth's `reseller_prefix = AUTH_, SERVICE_` with
`SERVICE_service_roles = service`): the project's `SERVICE_<project>` account is its own
only with, besides the user's token with an operator role, an `X-Service-Token` of a user
holding `service` (a service such as Glance or Nova keeping data on the user's behalf).
The user's token alone is 403; a service token that is invalid, or whose user lacks the
role (keystonemiddleware's `service_token_roles_required = true`), leaves the caller
anonymous (401), on the `AUTH_` account too.

The service user is one the cloud's admin makes for these tests, with `service` on the
`service` project, and removes afterwards (realcloud's own `swift` user has the role, but
its password is no login of clouds.yaml).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import account, call

SERVICE_USER = "contract-service-user"
SERVICE_PW = "contract-service-user-pw-1"
CONTAINER = "contract-service-prefix"
FORBIDDEN = "<html><h1>Forbidden</h1><p>Access was denied to this resource.</p></html>"
UNAUTHORIZED = ("<html><h1>Unauthorized</h1><p>This server could not verify that you are "
                "authorized to access the document you requested.</p></html>")


@pytest.fixture
def service_token(openstack_login: Callable[..., ProviderClient]) -> Iterator[str]:
    """A token of a new user with the `service` role on project `service`."""
    admin = new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))
    base = admin.endpoint.rstrip("/")
    for stale in call(admin, "GET", f"{base}/users?name={SERVICE_USER}").json()["users"]:
        call(admin, "DELETE", f"{base}/users/{stale['id']}")
    project = call(admin, "GET", f"{base}/projects?name=service").json()["projects"][0]["id"]
    role = call(admin, "GET", f"{base}/roles?name=service").json()["roles"][0]["id"]
    created = call(admin, "POST", f"{base}/users",
                   json={"user": {"name": SERVICE_USER, "password": SERVICE_PW}})
    assert created.status_code == 201
    user = created.json()["user"]["id"]
    assert call(admin, "PUT", f"{base}/projects/{project}/users/{user}/roles/{role}"
                ).status_code == 204
    issued = call(admin, "POST", base + "/auth/tokens", authenticated=False, json={"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "id": user, "password": SERVICE_PW}}},
        "scope": {"project": {"id": project}}}})
    assert issued.status_code == 201
    yield issued.headers["X-Subject-Token"]
    assert call(admin, "DELETE", f"{base}/users/{user}").status_code == 204


def _service_account(storage: ServiceClient) -> str:
    url = account(storage)
    head, _, project = url.rpartition("/AUTH_")
    assert head
    assert project
    return f"{head}/SERVICE_{project}"


def test_the_users_token_alone_is_refused(storage: ServiceClient) -> None:
    url = _service_account(storage)
    for method, path in (("GET", ""), ("POST", ""), ("PUT", f"/{CONTAINER}"),
                         ("GET", f"/{CONTAINER}/o")):
        resp = call(storage, method, url + path)
        assert (resp.status_code, resp.text) == (403, FORBIDDEN), (method, path)


def test_a_service_token_without_the_role_leaves_the_caller_anonymous(
        storage: ServiceClient) -> None:
    # keystonemiddleware's `service_token_roles_required`: such a token is invalid, and
    # keystoneauth drops the user's identity along with it, whatever the account.
    own = {"X-Service-Token": storage.provider.token_id or ""}
    for url in (_service_account(storage), account(storage)):
        resp = call(storage, "GET", url, headers=own)
        assert (resp.status_code, resp.text) == (401, UNAUTHORIZED), url


def test_an_invalid_service_token_leaves_the_caller_anonymous(storage: ServiceClient) -> None:
    resp = call(storage, "GET", _service_account(storage),
                headers={"X-Service-Token": "not-a-token"})
    assert (resp.status_code, resp.text) == (401, UNAUTHORIZED)


def test_the_service_token_alone_is_not_enough(storage: ServiceClient,
                                               service_token: str) -> None:
    resp = call(storage, "GET", _service_account(storage), authenticated=False,
                headers={"X-Auth-Token": service_token})
    assert (resp.status_code, resp.text) == (403, FORBIDDEN)


def test_with_a_service_token_the_project_owns_its_service_account(
        storage: ServiceClient, service_token: str) -> None:
    url = _service_account(storage)
    both = {"X-Service-Token": service_token}
    try:
        listed = call(storage, "GET", url + "?format=json", headers=both)
        assert listed.status_code == 200
        assert call(storage, "PUT", f"{url}/{CONTAINER}", headers=both).status_code == 201
        put = call(storage, "PUT", f"{url}/{CONTAINER}/o", data=b"kept for the user",
                   headers=both)
        assert put.status_code == 201
        got = call(storage, "GET", f"{url}/{CONTAINER}/o", headers=both)
        assert (got.status_code, got.content) == (200, b"kept for the user")
        assert [row["name"] for row in call(storage, "GET", url + "?format=json",
                                            headers=both).json()] == [CONTAINER]
        # Still not without it, and the AUTH_ account does not show it.
        assert call(storage, "GET", f"{url}/{CONTAINER}/o").status_code == 403
        assert call(storage, "HEAD", f"{account(storage)}/{CONTAINER}").status_code == 404
    finally:
        call(storage, "DELETE", f"{url}/{CONTAINER}/o", headers=both)
        call(storage, "DELETE", f"{url}/{CONTAINER}", headers=both)
    assert call(storage, "HEAD", f"{url}/{CONTAINER}", headers=both).status_code == 404
