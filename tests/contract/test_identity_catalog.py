"""Keystone's catalog of a token: a service without endpoints is listed, with none.

Keystone 30's `get_v3_catalog` (`keystone/catalog/backends/sql.py`) builds the catalog from
the enabled services and keeps one left without endpoints (`endpoints: []`, and a service
made without a name shows `name: ""`), in a new token's catalog, in a validated token's and
in `/v3/auth/catalog`; a disabled service is left out. The admin makes the services for the
test and removes them afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

TYPE = "contract-empty"
NAME = "contract-empty-service"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


@pytest.fixture
def services(admin: ServiceClient) -> Iterator[list[str]]:
    """Two services of type `contract-empty` without endpoints: one named, one not."""
    base = v3(admin)
    for stale in call(admin, "GET", f"{base}/services?type={TYPE}").json()["services"]:
        call(admin, "DELETE", f"{base}/services/{stale['id']}")
    made = [call(admin, "POST", base + "/services", json={"service": body})
            for body in ({"type": TYPE, "name": NAME}, {"type": TYPE})]
    assert [m.status_code for m in made] == [201, 201]
    assert made[1].json()["service"]["name"] == ""
    ids = [m.json()["service"]["id"] for m in made]
    yield ids
    for service in ids:
        assert call(admin, "DELETE", f"{base}/services/{service}").status_code == 204


def empty(catalog: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((entry for entry in catalog if entry["type"] == TYPE),
                  key=lambda entry: entry["name"])


def test_a_service_without_endpoints_is_in_the_token_catalog(
        admin: ServiceClient, openstack_identity: ServiceClient,
        openstack_provider: ProviderClient, services: list[str]) -> None:
    want = [{"endpoints": [], "id": services[1], "type": TYPE, "name": ""},
            {"endpoints": [], "id": services[0], "type": TYPE, "name": NAME}]
    validated = call(openstack_identity, "GET", v3(openstack_identity) + "/auth/tokens",
                     headers={"X-Subject-Token": openstack_provider.token_id})
    assert empty(validated.json()["token"]["catalog"]) == want
    catalog = call(openstack_identity, "GET", v3(openstack_identity) + "/auth/catalog")
    assert empty(catalog.json()["catalog"]) == want


def test_a_disabled_service_leaves_the_catalog(admin: ServiceClient,
                                               openstack_identity: ServiceClient,
                                               services: list[str]) -> None:
    off = call(admin, "PATCH", f"{v3(admin)}/services/{services[0]}",
               json={"service": {"enabled": False}})
    assert off.status_code == 200
    catalog = call(openstack_identity, "GET", v3(openstack_identity) + "/auth/catalog")
    assert [entry["id"] for entry in empty(catalog.json()["catalog"])] == [services[1]]
