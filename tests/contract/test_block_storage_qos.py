"""Cinder QoS specs: create (200, the links beside the object), show, list (newest first,
filters and sorts on the table's columns only), update (the body echoed), delete_keys
(stopping at the first missing key), associate/disassociate/disassociate_all with volume
types and the types' `qos_specs_id`, delete (refused while associated unless forced),
the admin-only policy and Cinder's error bodies.

Specs and types are `contract-<test>-...`, made and removed by realcloud's admin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_block_storage_v3
from stackdouble.client.openstack.blockstorage.v3 import qos, volumetypes
from tests.contract.conftest import call

MISSING = "00000000-0000-0000-0000-000000000000"
BAD_CONSUMER = (
    "Invalid qos specs: Valid consumer of QoS specs are: QoSConsumerValues(default=<class "
    "'oslo_versionedobjects.fields.UnspecifiedDefault'>,nullable=False,valid_values=("
    "'back-end', 'front-end', 'both'))")


class Made:
    """The test's QoS specs and volume types, removed afterwards (specs forced)."""

    def __init__(self, admin: ServiceClient, prefix: str) -> None:
        self.admin, self.prefix = admin, prefix
        self.url = admin.endpoint.rstrip("/") + "/qos-specs"
        self.specs: list[str] = []
        self.types: list[str] = []

    def qos(self, suffix: str = "", **specs: Any) -> dict[str, Any]:
        resp = call(self.admin, "POST", self.url,
                    json={"qos_specs": {"name": self.prefix + suffix, **specs}})
        assert resp.status_code == 200, resp.text
        body: dict[str, Any] = resp.json()
        self.specs.append(body["qos_specs"]["id"])
        return body

    def volume_type(self, suffix: str = "") -> str:
        made = volumetypes.create(self.admin, volumetypes.CreateOpts(
            name=self.prefix + suffix)).extract()
        self.types.append(made.id)
        return made.id

    def cleanup(self) -> None:
        for specs_id in self.specs:
            qos.delete(self.admin, specs_id, force=True)
        for type_id in self.types:
            volumetypes.delete(self.admin, type_id)


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Cinder as realcloud's admin (QoS specs are admin-only)."""
    return new_block_storage_v3(openstack_login(user="admin", cloud="realcloud-admin"))


@pytest.fixture
def made(admin: ServiceClient, request: pytest.FixtureRequest) -> Iterator[Made]:
    """QoS specs and types named `contract-<test>...`, removed afterwards."""
    prefix = f"contract-{request.node.originalname.removeprefix('test_')}"[:200]
    tracker = Made(admin, prefix)
    yield tracker
    tracker.cleanup()


def test_create_show_and_list(admin: ServiceClient, made: Made) -> None:
    created = made.qos(read_iops_sec="100", dropped=None)
    specs_id = created["qos_specs"]["id"]
    assert created["qos_specs"] == {"id": specs_id, "name": made.prefix,
                                    "consumer": "back-end", "specs": {"read_iops_sec": "100"}}
    assert [link["rel"] for link in created["links"]] == ["self", "bookmark"]
    assert created["links"][0]["href"] == f"{made.url}/{specs_id}"
    shown = call(admin, "GET", f"{made.url}/{specs_id}").json()
    assert shown == created
    newer = made.qos("-2", consumer="front-end")["qos_specs"]["id"]
    listed = call(admin, "GET", made.url).json()["qos_specs"]
    ours = [q["id"] for q in listed if q["name"].startswith(made.prefix)]
    assert ours == [newer, specs_id]
    assert listed[0] == {"id": newer, "name": made.prefix + "-2", "consumer": "front-end",
                         "specs": {}}
    by_id = call(admin, "GET", f"{made.url}?id={specs_id}").json()
    assert by_id == {"qos_specs": [created["qos_specs"]]}
    assert call(admin, "GET", f"{made.url}?name={made.prefix}").json() == {"qos_specs": []}
    by_name = call(admin, "GET", f"{made.url}?sort=value:asc").json()["qos_specs"]
    assert [q["id"] for q in by_name if q["name"].startswith(made.prefix)] == [specs_id, newer]
    page = call(admin, "GET", f"{made.url}?limit=1").json()
    assert len(page["qos_specs"]) == 1
    assert page["qos_specs_links"] == [{
        "rel": "next", "href": f"{made.url}?limit=1&marker={page['qos_specs'][0]['id']}"}]


def test_update_and_delete_keys(admin: ServiceClient, made: Made) -> None:
    specs_id = made.qos(read_iops_sec="100", write_iops_sec="5")["qos_specs"]["id"]
    url = f"{made.url}/{specs_id}"
    updated = call(admin, "PUT", url, json={"qos_specs": {
        "consumer": "both", "total_bytes_sec": "1024", "hidden": None}})
    assert (updated.status_code, updated.json()) == (200, {"qos_specs": {
        "consumer": "both", "total_bytes_sec": "1024", "hidden": None}})
    assert call(admin, "GET", url).json()["qos_specs"] == {
        "id": specs_id, "name": made.prefix, "consumer": "both",
        "specs": {"read_iops_sec": "100", "write_iops_sec": "5", "total_bytes_sec": "1024"}}
    partial = call(admin, "PUT", f"{url}/delete_keys",
                   json={"keys": ["write_iops_sec", "nope", "read_iops_sec"]})
    assert partial.json() == {"itemNotFound": {
        "code": 404, "message": f"QoS spec {specs_id} has no spec with key nope."}}
    assert call(admin, "GET", url).json()["qos_specs"]["specs"] == {
        "read_iops_sec": "100", "total_bytes_sec": "1024"}
    removed = call(admin, "PUT", f"{url}/delete_keys", json={"keys": ["read_iops_sec"]})
    assert (removed.status_code, removed.text) == (202, "")
    assert qos.get(admin, specs_id).extract().specs == {"total_bytes_sec": "1024"}


def test_associations_hold_the_specs(admin: ServiceClient, made: Made) -> None:
    specs_id = made.qos()["qos_specs"]["id"]
    other_id = made.qos("-other")["qos_specs"]["id"]
    first, second = made.volume_type("-1"), made.volume_type("-2")
    url = f"{made.url}/{specs_id}"
    for type_id in (first, first, second):
        resp = call(admin, "GET", f"{url}/associate?vol_type_id={type_id}")
        assert (resp.status_code, resp.text) == (202, "")
    taken = call(admin, "GET", f"{made.url}/{other_id}/associate?vol_type_id={first}")
    assert taken.json() == {"badRequest": {
        "code": 400, "message": f"Invalid volume type: Type {first} is already associated "
                                f"with another qos specs: {specs_id}"}}
    assert call(admin, "GET", f"{url}/associations").json() == {"qos_associations": [
        {"association_type": "volume_type", "name": made.prefix + "-1", "id": first},
        {"association_type": "volume_type", "name": made.prefix + "-2", "id": second}]}
    shown = call(admin, "GET", f"{admin.endpoint.rstrip('/')}/types/{first}").json()
    assert shown["volume_type"]["qos_specs_id"] == specs_id
    in_use = call(admin, "DELETE", url)
    assert in_use.json() == {"badRequest": {"code": 400, "message": "Qos specs still in use."}}
    elsewhere = call(admin, "GET", f"{made.url}/{other_id}/disassociate?vol_type_id={first}")
    assert elsewhere.status_code == 202
    assert len(qos.list_associations(admin, specs_id).extract()) == 2
    qos.disassociate(admin, specs_id, first).extract_err()
    assert [a.id for a in qos.list_associations(admin, specs_id).extract()] == [second]
    qos.disassociate_all(admin, specs_id).extract_err()
    assert qos.list_associations(admin, specs_id).extract() == []
    qos.associate(admin, specs_id, first).extract_err()
    forced = call(admin, "DELETE", f"{url}?force=true")
    assert (forced.status_code, forced.text) == (202, "")
    shown = call(admin, "GET", f"{admin.endpoint.rstrip('/')}/types/{first}").json()
    assert shown["volume_type"]["qos_specs_id"] is None
    assert call(admin, "GET", url).status_code == 404


def test_only_admins(openstack_block_storage: ServiceClient, admin: ServiceClient,
                     made: Made) -> None:
    demo = openstack_block_storage
    base = demo.endpoint.rstrip("/") + "/qos-specs"
    listed = call(demo, "GET", base)
    assert listed.json() == {"forbidden": {
        "code": 403,
        "message": "Policy doesn't allow volume_extension:qos_specs_manage:get_all to be "
                   "performed."}}
    created = call(demo, "POST", base, json={"qos_specs": {"name": made.prefix}})
    assert created.json() == {"forbidden": {
        "code": 403,
        "message": "Policy doesn't allow volume_extension:qos_specs_manage:create to be "
                   "performed."}}
    unvalidated = call(demo, "POST", base, json={"qos_specs": {}})
    assert unvalidated.status_code == 400


def test_cinder_error_bodies(admin: ServiceClient, made: Made) -> None:
    specs_id = made.qos()["qos_specs"]["id"]
    url = made.url

    def bad(resp: Any) -> str:
        assert resp.status_code == 400, resp.text
        return str(resp.json()["badRequest"]["message"])

    duplicate = call(admin, "POST", url, json={"qos_specs": {"name": f"  {made.prefix} "}})
    assert duplicate.json() == {"conflictingRequest": {
        "code": 409, "message": f"QoS Specs {made.prefix} already exists."}}
    assert bad(call(admin, "POST", url, json={"qos_specs": {
        "name": made.prefix + "-x", "consumer": "bad"}})) == BAD_CONSUMER
    assert bad(call(admin, "POST", url, json={"qos_specs": {
        "name": made.prefix + "-x", "k": 5}})) == (
        'Invalid input received: Value for key "k" is not a string or unicode')
    assert bad(call(admin, "POST", url, json={"qos_specs": {"name": "   "}})) == (
        "An invalid 'name' value was provided. The 'name' can not be empty.")
    assert bad(call(admin, "PUT", f"{url}/{specs_id}",
                    json={"qos_specs": {"consumer": "weird"}})) == BAD_CONSUMER
    assert bad(call(admin, "PUT", f"{url}/{specs_id}", json={"qos_specs": {"k": 3}})) == (
        "Invalid input for field/attribute k. Value: 3. 3 is not of type 'string', 'null'")
    assert bad(call(admin, "DELETE", f"{url}/{specs_id}?force=maybe")) == (
        "Value 'maybe' for 'force' is not a boolean.")
    assert bad(call(admin, "GET", f"{url}/{specs_id}/associate")) == (
        "Volume Type id must not be None.")
    assert bad(call(admin, "GET", f"{url}?sort=name")) == (
        "Invalid input received: Invalid sort key")
    no_type = call(admin, "GET", f"{url}/{specs_id}/associate?vol_type_id={MISSING}")
    assert no_type.json() == {"itemNotFound": {
        "code": 404, "message": f"Volume type {MISSING} could not be found."}}
    for verb, path in (("GET", MISSING), ("DELETE", MISSING),
                       ("GET", f"{MISSING}/associations"),
                       ("GET", f"{MISSING}/disassociate_all"),
                       ("GET", f"?marker={MISSING}")):
        missing = call(admin, verb, f"{url}/{path}" if not path.startswith("?")
                       else url + path)
        assert missing.json() == {"itemNotFound": {
            "code": 404, "message": f"No such QoS spec {MISSING}."}}, (verb, path)
