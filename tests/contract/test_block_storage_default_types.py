"""Cinder's per-project default volume types (3.62): set by name or id, show, list, unset,
the errors (unknown type 400, unknown project 404 as Keystone says, members 403, bad
bodies 400, below 3.62 404), both URL forms (with and without the project), and a type
that is a project's default refusing deletion.

The project given a default is made for the test (a fixed name, deleted at the end), so
no other user of the cloud sees its volumes change type; the volume a project's default
gives is checked on the fake (`tests/fakes/blockstorage/test_default_types.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_block_storage_v3, new_identity_v3
from stackdouble.client.openstack.identity.v3 import projects
from tests.contract.conftest import call

V = {"OpenStack-API-Version": "volume 3.62"}
PROJECT = "stackdouble-default-types-contract"
TYPE = "stackdouble-default-types-gold"


def _fault(resp: requests.Response) -> tuple[int, dict[str, Any]]:
    return resp.status_code, resp.json()


@pytest.fixture
def admin_provider(openstack_login: Callable[..., ProviderClient]) -> ProviderClient:
    """The admin's login."""
    return openstack_login(user="admin", cloud="realcloud-admin")


@pytest.fixture
def admin(admin_provider: ProviderClient) -> ServiceClient:
    """Cinder as the admin."""
    return new_block_storage_v3(admin_provider, EndpointOpts(region="RegionOne"))


@pytest.fixture
def demo(openstack_block_storage: ServiceClient) -> ServiceClient:
    """Cinder as demo (a project member)."""
    return openstack_block_storage


@pytest.fixture
def project(admin_provider: ProviderClient) -> Iterator[str]:
    """A project made for the test, deleted after it."""
    identity = new_identity_v3(admin_provider)
    made = projects.create(identity, projects.CreateOpts(name=PROJECT,
                                                         domain_id="default")).extract()
    try:
        yield made.id
    finally:
        projects.delete(identity, made.id).extract_err()


@pytest.fixture
def gold(admin: ServiceClient) -> Iterator[str]:
    """A volume type made for the test, deleted after it."""
    made = call(admin, "POST", f"{admin.endpoint.rstrip('/')}/types",
                json={"volume_type": {"name": TYPE}})
    assert made.status_code == 200
    type_id = str(made.json()["volume_type"]["id"])
    try:
        yield type_id
    finally:
        call(admin, "DELETE", f"{admin.endpoint.rstrip('/')}/types/{type_id}")


def _own(client: ServiceClient) -> str:
    """The project of the client's token, the last segment of its endpoint."""
    return client.endpoint.rstrip("/").rsplit("/", 1)[1]


def _url(client: ServiceClient, project_id: str = "", *, with_project: bool = True) -> str:
    base = client.endpoint.rstrip("/")
    if not with_project:
        base = base.rsplit("/", 1)[0]
    return f"{base}/default-types" + (f"/{project_id}" if project_id else "")


def _set(client: ServiceClient, project_id: str, volume_type: Any,
         headers: dict[str, str] = V) -> requests.Response:
    return call(client, "PUT", _url(client, project_id), headers=headers,
                json={"default_type": {"volume_type": volume_type}})


def test_set_show_list_and_unset(admin: ServiceClient, project: str, gold: str) -> None:
    expected = {"project_id": project, "volume_type_id": gold}
    try:
        by_name = _set(admin, project, TYPE)
        assert (by_name.status_code, by_name.json()) == (200, {"default_type": expected})
        by_id = _set(admin, project, gold)
        assert (by_id.status_code, by_id.json()) == (200, {"default_type": expected})
        shown = call(admin, "GET", _url(admin, project), headers=V)
        assert (shown.status_code, shown.json()) == (200, {"default_type": expected})
        bare = call(admin, "GET", _url(admin, project, with_project=False), headers=V)
        assert bare.json() == {"default_type": expected}
        listed = call(admin, "GET", _url(admin), headers=V)
        assert listed.status_code == 200
        assert expected in listed.json()["default_types"]
        refused = call(admin, "DELETE", f"{admin.endpoint.rstrip('/')}/types/{gold}")
        assert _fault(refused) == (400, {"badRequest": {
            "code": 400, "message": f"The volume type {gold} is a default volume type and "
                                    "cannot be deleted."}})
    finally:
        unset = call(admin, "DELETE", _url(admin, project), headers=V)
    assert (unset.status_code, unset.content) == (204, b"")
    again = call(admin, "DELETE", _url(admin, project), headers=V)
    assert again.status_code == 204
    gone = call(admin, "GET", _url(admin, project), headers=V)
    assert _fault(gone) == (404, {"itemNotFound": {
        "code": 404, "message": f"Default type for project {project} not found."}})


def test_an_unknown_type_is_400_and_sets_nothing(admin: ServiceClient, project: str) -> None:
    resp = _set(admin, project, "stackdouble-no-such-type")
    assert _fault(resp) == (400, {"badRequest": {
        "code": 400,
        "message": "Volume type with name stackdouble-no-such-type could not be found."}})
    assert call(admin, "GET", _url(admin, project), headers=V).status_code == 404


def test_an_unknown_project_is_404_and_unsetting_it_is_204(admin: ServiceClient) -> None:
    not_found = (404, {"itemNotFound": {"code": 404,
                                        "message": "Project with id nosuchproject not found."}})
    assert _fault(_set(admin, "nosuchproject", "nosuchtype")) == not_found
    assert _fault(call(admin, "GET", _url(admin, "nosuchproject"), headers=V)) == not_found
    assert call(admin, "DELETE", _url(admin, "nosuchproject"), headers=V).status_code == 204


def test_a_member_is_refused_on_its_own_project(demo: ServiceClient) -> None:
    own = _own(demo)
    refused = (403, {"forbidden": {"code": 403, "message": "You are not authorized to "
                                                           "perform this operation."}})
    assert _fault(_set(demo, own, "__DEFAULT__")) == refused
    for method, url in (("GET", _url(demo, own)), ("GET", _url(demo)),
                        ("DELETE", _url(demo, own))):
        assert _fault(call(demo, method, url, headers=V)) == refused


@pytest.mark.parametrize(("body", "message"), [
    ({"default_type": {}}, "Invalid input for field/attribute default_type. Value: {}. "
                           "'volume_type' is a required property"),
    ({"default_type": {"volume_type": ""}},
     "Invalid input for field/attribute volume_type. Value: . '' should be non-empty"),
    ({"default_type": {"volume_type": 5}},
     "Invalid input for field/attribute volume_type. Value: 5. 5 is not of type 'string'"),
    ({"default_type": {"volume_type": "x", "x": 1}},
     "Invalid input for field/attribute default_type. Value: {'volume_type': 'x', 'x': 1}. "
     "Additional properties are not allowed ('x' was unexpected)"),
], ids=["no-volume-type", "empty-name", "not-a-string", "extra-key"])
def test_bad_bodies_are_400(admin: ServiceClient, body: Any, message: str) -> None:
    resp = call(admin, "PUT", _url(admin, _own(admin)), headers=V, json=body)
    assert _fault(resp) == (400, {"badRequest": {"code": 400, "message": message}})


def test_below_3_62_the_routes_are_404(admin: ServiceClient) -> None:
    old = {"OpenStack-API-Version": "volume 3.61"}
    not_found = (404, {"itemNotFound": {"code": 404,
                                        "message": "The resource could not be found."}})
    assert _fault(_set(admin, _own(admin), "__DEFAULT__", old)) == not_found
    assert _fault(call(admin, "GET", _url(admin), headers=old)) == not_found
    assert _fault(call(admin, "GET", _url(admin, with_project=False), headers=old)) == not_found
