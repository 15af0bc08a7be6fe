"""Cinder volume types as admins manage them: create, update, delete, extra specs, and the
project access of private types, with who may do what and Cinder's error bodies.

The types are named `contract-types-...` and removed (with the test's volumes) afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stackdouble.client import EndpointOpts, ProviderClient, ServiceClient
from stackdouble.client.openstack import new_block_storage_v3
from stackdouble.client.openstack.blockstorage.v3 import volumes, volumetypes
from stackdouble.pytest_plugin import ModeClock
from tests.contract.conftest import call

PREFIX = "contract-types-"
WAIT = 60.0
MISSING = "00000000-0000-0000-0000-000000000000"


def _endpoint(client: ServiceClient) -> str:
    return client.endpoint.rstrip("/")


def _clean(admin: ServiceClient) -> None:
    listed = call(admin, "GET", f"{_endpoint(admin)}/types?is_public=None").json()
    for vtype in listed["volume_types"]:
        if vtype["name"].startswith(PREFIX):
            call(admin, "DELETE", f"{_endpoint(admin)}/types/{vtype['id']}")


@pytest.fixture
def demo(openstack_block_storage: ServiceClient) -> ServiceClient:
    """Cinder as demo (a project member)."""
    return openstack_block_storage


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> Iterator[ServiceClient]:
    """Cinder as the admin; the test's types are removed before and after."""
    client = new_block_storage_v3(openstack_login(user="admin", cloud="realcloud-admin"),
                                  EndpointOpts(region="RegionOne"))
    _clean(client)
    yield client
    _clean(client)


def _project(client: ServiceClient) -> str:
    return _endpoint(client).rsplit("/", 1)[-1]


def test_admin_creates_updates_and_deletes_a_type(admin: ServiceClient,
                                                  demo: ServiceClient) -> None:
    base = _endpoint(admin)
    body = {"volume_type": {"name": PREFIX + "gold", "description": "fast",
                            "extra_specs": {"volume_backend_name": "fake"}}}
    created = call(admin, "POST", f"{base}/types", json=body)
    assert created.status_code == 200
    made = created.json()["volume_type"]
    assert (made["name"], made["description"], made["is_public"]) == (PREFIX + "gold", "fast",
                                                                      True)
    assert made["extra_specs"] == {"volume_backend_name": "fake"}
    assert made["os-volume-type-access:is_public"] is True
    # no qos_specs_id in a create's answer, though the admin sees it in show and list
    assert set(made) == {"id", "name", "description", "is_public", "extra_specs",
                         "os-volume-type-access:is_public"}
    listed = call(admin, "GET", f"{base}/types/{made['id']}").json()["volume_type"]
    assert listed["qos_specs_id"] is None
    again = call(admin, "POST", f"{base}/types", json=body)
    assert again.status_code == 409
    assert again.json() == {"conflictingRequest": {
        "code": 409, "message": f"Volume Type {PREFIX}gold already exists."}}
    refused = call(demo, "POST", f"{_endpoint(demo)}/types",
                   json={"volume_type": {"name": PREFIX + "mine"}})
    assert refused.status_code == 403
    assert refused.json() == {"forbidden": {
        "code": 403,
        "message": "Policy doesn't allow volume_extension:type_create to be performed."}}
    updated = call(admin, "PUT", f"{base}/types/{made['id']}",
                   json={"volume_type": {"description": "faster"}})
    assert updated.status_code == 200
    assert updated.json()["volume_type"] == {
        "id": made["id"], "name": PREFIX + "gold", "is_public": True, "description": "faster",
        "extra_specs": {"volume_backend_name": "fake"}}
    empty = call(admin, "PUT", f"{base}/types/{made['id']}", json={"volume_type": {}})
    assert empty.status_code == 400
    assert empty.json() == {"badRequest": {
        "code": 400, "message": "Specify volume type name, description, is_public or a "
                                "combination thereof."}}
    shown = volumetypes.get(demo, made["id"]).extract()
    assert (shown.description, shown.extra_specs) == ("faster", {})  # not user-visible
    deleted = call(admin, "DELETE", f"{base}/types/{made['id']}")
    assert (deleted.status_code, deleted.content) == (202, b"")
    gone = call(admin, "GET", f"{base}/types/{made['id']}")
    assert gone.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume type {made['id']} could not be found."}}


def test_the_default_type_cannot_be_deleted(admin: ServiceClient) -> None:
    default = volumetypes.get(admin, volumetypes.DEFAULT).extract()
    refused = call(admin, "DELETE", f"{_endpoint(admin)}/types/{default.id}")
    assert refused.status_code == 400
    assert refused.json() == {"badRequest": {
        "code": 400, "message": f"The volume type {default.id} is a default volume type and "
                                "cannot be deleted."}}


def test_extra_specs_are_set_shown_and_removed(admin: ServiceClient,
                                               demo: ServiceClient) -> None:
    vtype = volumetypes.create(admin, volumetypes.CreateOpts(name=PREFIX + "specs")).extract()
    url = f"{_endpoint(admin)}/types/{vtype.id}/extra_specs"
    specs = {"multiattach": "<is> True", "volume_backend_name": "fake"}
    created = call(admin, "POST", url, json={"extra_specs": specs})
    assert (created.status_code, created.json()) == (200, {"extra_specs": specs})
    assert call(admin, "GET", url).json() == {"extra_specs": specs}
    member = call(demo, "GET", f"{_endpoint(demo)}/types/{vtype.id}/extra_specs")
    assert member.json() == {"extra_specs": {"multiattach": "<is> True"}}
    one = call(admin, "GET", f"{url}/volume_backend_name")
    assert (one.status_code, one.json()) == (200, {"volume_backend_name": "fake"})
    changed = call(admin, "PUT", f"{url}/volume_backend_name",
                   json={"volume_backend_name": "other"})
    assert (changed.status_code, changed.json()) == (200, {"volume_backend_name": "other"})
    mismatch = call(admin, "PUT", f"{url}/volume_backend_name", json={"other_key": "x"})
    assert mismatch.status_code == 400
    assert mismatch.json() == {"badRequest": {"code": 400,
                                              "message": "Request body and URI mismatch"}}
    deleted = call(admin, "DELETE", f"{url}/volume_backend_name")
    assert (deleted.status_code, deleted.content) == (202, b"")
    missing = call(admin, "GET", f"{url}/volume_backend_name")
    assert missing.status_code == 404
    assert missing.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume Type {vtype.id} has no extra specs with key "
                                "volume_backend_name."}}
    assert volumetypes.list_extra_specs(admin, vtype.id).extract() == {
        "multiattach": "<is> True"}
    refused = call(demo, "POST", f"{_endpoint(demo)}/types/{vtype.id}/extra_specs",
                   json={"extra_specs": {"a": "b"}})
    assert refused.status_code == 403


def test_a_private_type_is_hidden_until_shared(admin: ServiceClient,
                                               demo: ServiceClient) -> None:
    vtype = volumetypes.create(admin, volumetypes.CreateOpts(
        name=PREFIX + "private", is_public=False)).extract()
    assert vtype.is_public is False
    names = [t.name for t in volumetypes.list(demo).items()]
    assert PREFIX + "private" not in names
    hidden = call(demo, "GET", f"{_endpoint(demo)}/types/{vtype.id}")
    assert hidden.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume type {vtype.id} could not be found."}}
    access = f"{_endpoint(admin)}/types/{vtype.id}/os-volume-type-access"
    assert call(admin, "GET", access).json() == {"volume_type_access": []}
    action = f"{_endpoint(admin)}/types/{vtype.id}/action"
    project = _project(demo)
    added = call(admin, "POST", action, json={"addProjectAccess": {"project": project}})
    assert (added.status_code, added.content) == (202, b"")
    assert call(admin, "GET", access).json() == {"volume_type_access": [
        {"volume_type_id": vtype.id, "project_id": project}]}
    assert PREFIX + "private" in [t.name for t in volumetypes.list(demo).items()]
    assert volumetypes.get(demo, vtype.id).extract().name == PREFIX + "private"
    twice = call(admin, "POST", action, json={"addProjectAccess": {"project": project}})
    assert twice.status_code == 409
    assert twice.json() == {"conflictingRequest": {
        "code": 409, "message": f"Volume type access for {vtype.id} / {project} combination "
                                "already exists."}}
    removed = call(admin, "POST", action, json={"removeProjectAccess": {"project": project}})
    assert removed.status_code == 202
    again = call(admin, "POST", action, json={"removeProjectAccess": {"project": project}})
    assert again.status_code == 404
    assert again.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume type access not found for {vtype.id} / {project} "
                                "combination."}}
    default = volumetypes.get(admin, volumetypes.DEFAULT).extract()
    public = call(admin, "GET", f"{_endpoint(admin)}/types/{default.id}/os-volume-type-access")
    assert public.json() == {"itemNotFound": {
        "code": 404, "message": "Access list not available for public volume types."}}


def test_a_type_in_use_keeps_its_specs_and_cannot_go(admin: ServiceClient, demo: ServiceClient,
                                                     openstack_clock: ModeClock) -> None:
    vtype = volumetypes.create(admin, volumetypes.CreateOpts(name=PREFIX + "used")).extract()
    volume = volumes.create(demo, volumes.CreateOpts(
        size=1, name=PREFIX + "volume", volume_type=vtype.name)).extract()
    try:
        volumes.wait_for_status(demo, volume.id, "available", timeout=WAIT, interval=0.5,
                                sleep=openstack_clock.sleep, clock=openstack_clock.clock)
        in_use = call(admin, "DELETE", f"{_endpoint(admin)}/types/{vtype.id}")
        assert in_use.status_code == 400
        assert in_use.json() == {"badRequest": {
            "code": 400, "message": "Target volume type is still in use."}}
        specs = call(admin, "POST", f"{_endpoint(admin)}/types/{vtype.id}/extra_specs",
                     json={"extra_specs": {"a": "b"}})
        assert specs.status_code == 400
        assert specs.json() == {"badRequest": {
            "code": 400, "message": "Volume Type is currently in use."}}
    finally:
        volumes.delete(demo, volume.id)
        volumes.wait_for_delete(demo, volume.id, timeout=WAIT, interval=0.5,
                                sleep=openstack_clock.sleep, clock=openstack_clock.clock)
    assert volumetypes.delete(admin, vtype.id).err is None
