"""Keystone's unified limits: registered limits, project limits and who sees them.

The admin registers limits on the object-store service (every cloud here has one) under
resource names of the test's own, and removes them afterwards. Keystone 30's quirks shown
here: a registered limit that a limit refers to cannot even have its description changed,
and a limit's update ignores a `resource_limit` of 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

RESOURCES = ("contract-objects", "contract-bytes")
FORBIDDEN = "You are not authorized to perform the requested action"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _clean(admin: ServiceClient) -> None:
    base = v3(admin)
    for name in RESOURCES:
        for limit in call(admin, "GET", f"{base}/limits?resource_name={name}").json()["limits"]:
            call(admin, "DELETE", f"{base}/limits/{limit['id']}")
        listed = call(admin, "GET", f"{base}/registered_limits?resource_name={name}")
        for reg in listed.json()["registered_limits"]:
            call(admin, "DELETE", f"{base}/registered_limits/{reg['id']}")


@pytest.fixture
def ids(openstack_identity: ServiceClient, admin: ServiceClient) -> Iterator[dict[str, str]]:
    """The object-store service's id and the demo and admin projects' ids; the test's
    limits are removed before and after."""
    base = v3(admin)
    _clean(admin)
    service = call(admin, "GET", base + "/services?type=object-store").json()["services"][0]
    demo = call(openstack_identity, "GET", base + "/auth/tokens", headers={
        "X-Subject-Token": openstack_identity.provider.token_id}).json()["token"]["project"]
    mine = call(admin, "GET", base + "/auth/tokens", headers={
        "X-Subject-Token": admin.provider.token_id}).json()["token"]["project"]
    yield {"service": service["id"], "demo": demo["id"], "admin": mine["id"]}
    _clean(admin)


def register(admin: ServiceClient, service: str, name: str = RESOURCES[0], default: int = 10,
             **extra: object) -> requests.Response:
    body = {"service_id": service, "resource_name": name, "default_limit": default, **extra}
    return call(admin, "POST", v3(admin) + "/registered_limits",
                json={"registered_limits": [body]})


def limit(admin: ServiceClient, service: str, project: str, value: int = 20,
          name: str = RESOURCES[0]) -> requests.Response:
    body = {"service_id": service, "resource_name": name, "resource_limit": value,
            "project_id": project}
    return call(admin, "POST", v3(admin) + "/limits", json={"limits": [body]})


def test_a_registered_limit_is_made_by_the_admin_and_read_by_anyone(
        openstack_identity: ServiceClient, admin: ServiceClient, ids: dict[str, str]) -> None:
    base = v3(admin)
    made = register(admin, ids["service"], description="objects per project")
    assert made.status_code == 201
    assert "links" not in made.json()
    [reg] = made.json()["registered_limits"]
    assert {k: reg[k] for k in ("service_id", "region_id", "resource_name", "default_limit",
                                "description")} == {
        "service_id": ids["service"], "region_id": None, "resource_name": RESOURCES[0],
        "default_limit": 10, "description": "objects per project"}
    assert reg["links"]["self"] == f"{base}/registered_limits/{reg['id']}"
    shown = call(openstack_identity, "GET", f"{base}/registered_limits/{reg['id']}")
    assert shown.status_code == 200
    assert shown.json()["registered_limit"] == reg
    listed = call(openstack_identity, "GET",
                  f"{base}/registered_limits?resource_name={RESOURCES[0]}")
    assert listed.json()["registered_limits"] == [reg]
    assert set(listed.json()["links"]) == {"self", "next", "previous"}
    refused = register(openstack_identity, ids["service"], name=RESOURCES[1])
    assert refused.status_code == 403
    assert FORBIDDEN in refused.json()["error"]["message"]


def test_registered_limits_refuse_duplicates_unknown_services_and_bad_values(
        admin: ServiceClient, ids: dict[str, str]) -> None:
    assert register(admin, ids["service"]).status_code == 201
    again = register(admin, ids["service"], default=5)
    assert again.status_code == 409
    assert again.json()["error"]["message"] == (
        "Conflict occurred attempting to store registered_limit - Duplicate entry.")
    unknown = register(admin, "5cc4e0bd2e0846d38fbd4e0c6b3c3f5e", name=RESOURCES[1])
    assert unknown.status_code == 400
    assert unknown.json()["error"]["message"].startswith(
        "Expecting to find service_id in registered_limit.")
    too_low = register(admin, ids["service"], name=RESOURCES[1], default=-2)
    assert too_low.status_code == 400
    assert "-2 is less than the minimum of -1" in too_low.json()["error"]["message"]
    empty = call(admin, "POST", v3(admin) + "/registered_limits",
                 json={"registered_limits": []})
    assert empty.status_code == 400
    assert empty.json()["error"]["message"].endswith("[] should be non-empty")
    missing = call(admin, "GET", v3(admin) + "/registered_limits/" + "0" * 32)
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == (
        f"Could not find registered limit for {'0' * 32}.")


def test_a_limit_needs_its_registered_limit_and_holds_it_fast(
        admin: ServiceClient, ids: dict[str, str]) -> None:
    base = v3(admin)
    orphan = limit(admin, ids["service"], ids["demo"])
    assert orphan.status_code == 403
    assert orphan.json()["error"]["message"] == (
        "Unable to create a limit that has no corresponding registered limit.")
    reg = register(admin, ids["service"]).json()["registered_limits"][0]
    made = limit(admin, ids["service"], ids["demo"])
    assert made.status_code == 201
    [lim] = made.json()["limits"]
    assert {k: lim[k] for k in ("project_id", "domain_id", "service_id", "region_id",
                                "resource_name", "resource_limit", "description")} == {
        "project_id": ids["demo"], "domain_id": None, "service_id": ids["service"],
        "region_id": None, "resource_name": RESOURCES[0], "resource_limit": 20,
        "description": None}
    assert lim["links"]["self"] == f"{base}/limits/{lim['id']}"
    twice = limit(admin, ids["service"], ids["demo"], value=30)
    assert twice.status_code == 409
    assert twice.json()["error"]["message"] == (
        "Conflict occurred attempting to store limit - Duplicate entry.")
    held = f"Unable to update or delete registered limit {reg['id']} because there are " \
           "project limits associated with it."
    patched = call(admin, "PATCH", f"{base}/registered_limits/{reg['id']}",
                   json={"registered_limit": {"description": "new"}})
    assert patched.status_code == 403
    assert patched.json()["error"]["message"] == held
    deleted = call(admin, "DELETE", f"{base}/registered_limits/{reg['id']}")
    assert deleted.status_code == 403
    assert call(admin, "DELETE", f"{base}/limits/{lim['id']}").status_code == 204
    assert call(admin, "DELETE", f"{base}/registered_limits/{reg['id']}").status_code == 204


def test_a_limit_names_a_project_or_a_domain_not_both(
        admin: ServiceClient, ids: dict[str, str]) -> None:
    register(admin, ids["service"])
    body = {"service_id": ids["service"], "resource_name": RESOURCES[0], "resource_limit": 1,
            "project_id": ids["demo"], "domain_id": "default"}
    both = call(admin, "POST", v3(admin) + "/limits", json={"limits": [body]})
    assert both.status_code == 400
    assert "is valid under each of" in both.json()["error"]["message"]
    del body["domain_id"], body["project_id"]
    neither = call(admin, "POST", v3(admin) + "/limits", json={"limits": [body]})
    assert neither.status_code == 400
    assert "is not valid under any of the given schemas" in neither.json()["error"]["message"]
    unknown = limit(admin, ids["service"], "0" * 32)
    assert unknown.status_code == 400
    assert unknown.json()["error"]["message"].startswith(
        "Expecting to find project_id in limit.")


def test_limits_are_seen_by_their_project_and_changed_only_by_the_admin(
        openstack_identity: ServiceClient, admin: ServiceClient, ids: dict[str, str]) -> None:
    base = v3(admin)
    register(admin, ids["service"])
    theirs = limit(admin, ids["service"], ids["demo"]).json()["limits"][0]
    ours = limit(admin, ids["service"], ids["admin"], value=50).json()["limits"][0]
    query = f"{base}/limits?resource_name={RESOURCES[0]}"
    seen = [lim["id"] for lim in call(openstack_identity, "GET", query).json()["limits"]]
    assert seen == [theirs["id"]]
    everything = {lim["id"] for lim in call(admin, "GET", query).json()["limits"]}
    assert everything == {theirs["id"], ours["id"]}
    assert call(openstack_identity, "GET", f"{base}/limits/{theirs['id']}").status_code == 200
    other = call(openstack_identity, "GET", f"{base}/limits/{ours['id']}")
    assert other.status_code == 403
    refused = call(openstack_identity, "PATCH", f"{base}/limits/{theirs['id']}",
                   json={"limit": {"resource_limit": 99}})
    assert refused.status_code == 403
    zero = call(admin, "PATCH", f"{base}/limits/{theirs['id']}",
                json={"limit": {"resource_limit": 0, "description": "kept"}})
    assert zero.status_code == 200
    assert (zero.json()["limit"]["resource_limit"], zero.json()["limit"]["description"]) == (
        20, "kept")
    raised = call(admin, "PATCH", f"{base}/limits/{theirs['id']}",
                  json={"limit": {"resource_limit": 25}})
    assert raised.json()["limit"]["resource_limit"] == 25


def test_the_enforcement_model_is_flat(openstack_identity: ServiceClient) -> None:
    model = call(openstack_identity, "GET", v3(openstack_identity) + "/limits/model")
    assert model.status_code == 200
    assert model.json() == {"model": {
        "name": "flat",
        "description": ("Limit enforcement and validation does not take project hierarchy "
                        "into consideration.")}}
