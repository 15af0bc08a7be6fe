"""The fake Cinder's JSON against a real Cinder 29 answer (`samples/volumes-detail.json`,
an admin at 3.0): the same keys, in the same order, with the same value types."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder
from tests.fakes.compute.conftest import CIRROS

SAMPLE = json.loads((Path(__file__).parent / "samples" / "volumes-detail.json").read_text())


def _types(value: Any) -> Any:
    """The shape of a JSON value: dicts by key, lists by their first item, else the type."""
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(value[0])] if value else []
    return type(value).__name__


def _real(name: str) -> dict[str, Any]:
    return next(v for v in SAMPLE["volumes"] if v["name"] == name)


def _listed(admin: Cinder, cinder: Cinder, cloud: FakeCloud, server_id: str
            ) -> dict[str, dict[str, Any]]:
    """An in-use volume `v2` (attached through Nova) and a `v1` still creating, as the
    admin lists them across projects."""
    attached = cinder.create(name="v2")
    assert cinder.attach(server_id, attached).status_code == 200
    cloud.block_storage.set_create_time(600)
    cinder.create(name="v1")
    resp = admin.get("/volumes/detail?all_tenants=1")
    assert resp.status_code == 200
    return {v["name"]: v for v in resp.json()["volumes"]}


def test_an_in_use_volume_has_the_real_keys_in_the_real_order(
        admin_cinder: Cinder, cinder: Cinder, cloud: FakeCloud, server_id: str) -> None:
    fake = _listed(admin_cinder, cinder, cloud, server_id)["v2"]
    assert list(fake) == list(_real("v2"))
    assert _types(fake) == _types(_real("v2"))


def test_a_creating_volume_has_the_real_keys_and_nulls(
        admin_cinder: Cinder, cinder: Cinder, cloud: FakeCloud, server_id: str) -> None:
    fake = _listed(admin_cinder, cinder, cloud, server_id)["v1"]
    real = _real("v1")
    assert list(fake) == list(real)
    assert _types(fake) == _types(real)
    assert (fake["status"], fake["updated_at"], fake["os-vol-host-attr:host"]) == (
        "creating", None, None)


def test_values_read_as_the_real_ones(admin_cinder: Cinder, cinder: Cinder, cloud: FakeCloud,
                                      server_id: str) -> None:
    fake = _listed(admin_cinder, cinder, cloud, server_id)["v2"]
    real = _real("v2")
    for key in ("status", "size", "availability_zone", "volume_type", "bootable", "encrypted",
                "multiattach", "metadata", "migration_status", "replication_status"):
        assert (key, type(fake[key])) == (key, type(real[key]))
    assert fake["volume_type"] == "__DEFAULT__"
    assert fake["os-vol-tenant-attr:tenant_id"] == cloud.project_id("demo")
    attachment = fake["attachments"][0]
    assert list(attachment) == list(real["attachments"][0])
    assert (attachment["id"], attachment["volume_id"]) == (fake["id"], fake["id"])
    assert (attachment["server_id"], attachment["device"]) == (server_id, "/dev/vdb")
    assert attachment["host_name"] == "stackdouble-compute"  # shown to admins only


def test_timestamps_are_naive_with_microseconds(admin_cinder: Cinder, cinder: Cinder,
                                                cloud: FakeCloud, server_id: str) -> None:
    fake = _listed(admin_cinder, cinder, cloud, server_id)["v2"]
    for stamp in (fake["created_at"], fake["updated_at"], fake["attachments"][0]["attached_at"]):
        assert len(stamp) == len("2026-11-27T08:45:33.421311")
        assert stamp[19] == "."


def test_links_are_versioned_and_bookmark(cinder: Cinder, cloud: FakeCloud) -> None:
    volume_id = cinder.create()
    links = cinder.get(f"/volumes/{volume_id}").json()["volume"]["links"]
    base, project = cloud.base_url + "/volume", cinder.project_id
    assert links == [
        {"rel": "self", "href": f"{base}/v3/{project}/volumes/{volume_id}"},
        {"rel": "bookmark", "href": f"{base}/{project}/volumes/{volume_id}"}]


def test_a_member_sees_no_admin_attributes(cinder: Cinder, cloud: FakeCloud,
                                           server_id: str) -> None:
    volume_id = cinder.create()
    cinder.attach(server_id, volume_id)
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    admin_only = {"migration_status", "os-vol-mig-status-attr:migstat",
                  "os-vol-mig-status-attr:name_id", "os-vol-host-attr:host"}
    assert not admin_only & set(volume)
    assert volume["os-vol-tenant-attr:tenant_id"] == cinder.project_id
    assert volume["attachments"][0]["host_name"] is None


def test_create_and_update_answers_carry_no_extension_attributes(cinder: Cinder) -> None:
    created = cinder.post("/volumes", {"volume": {"size": 1}}).json()["volume"]
    updated = cinder.call("PUT", f"/volumes/{created['id']}",
                          json={"volume": {"name": "x"}}).json()["volume"]
    for body in (created, updated):
        assert "os-vol-tenant-attr:tenant_id" not in body
    assert set(created) == set(updated)


def test_later_microversions_add_their_keys(cinder: Cinder) -> None:
    volume_id = cinder.create()
    keys = {mv: set(cinder.get(f"/volumes/{volume_id}", version=mv).json()["volume"])
            for mv in ("3.0", "3.13", "3.48", "3.63", "3.65")}
    assert keys["3.13"] - keys["3.0"] == {"group_id"}
    assert keys["3.48"] - keys["3.13"] == {"shared_targets", "service_uuid"}
    assert keys["3.63"] - keys["3.48"] == {"volume_type_id"}
    assert keys["3.65"] - keys["3.63"] == {"consumes_quota"}


def test_a_volume_from_an_image_is_bootable_with_image_metadata(cinder: Cinder) -> None:
    volume_id = cinder.create(imageRef=CIRROS)
    volume = cinder.get(f"/volumes/{volume_id}").json()["volume"]
    assert volume["bootable"] == "true"
    assert volume["volume_image_metadata"]["image_id"] == CIRROS


def test_snapshots_show_the_extended_attributes(cinder: Cinder) -> None:
    volume_id = cinder.create()
    cinder.get(f"/volumes/{volume_id}")
    created = cinder.post("/snapshots", {"snapshot": {"volume_id": volume_id}}).json()
    shown = cinder.get(f"/snapshots/{created['snapshot']['id']}").json()["snapshot"]
    assert list(shown) == ["id", "created_at", "updated_at", "name", "description", "volume_id",
                           "status", "size", "metadata",
                           "os-extended-snapshot-attributes:project_id",
                           "os-extended-snapshot-attributes:progress"]
    assert (shown["status"], shown["os-extended-snapshot-attributes:progress"]) == (
        "available", "100%")
    assert created["snapshot"]["status"] == "creating"


def test_volume_types_show_extra_specs_to_readers_and_qos_to_admins(
        cinder: Cinder, admin_cinder: Cinder) -> None:
    member = cinder.get("/types").json()["volume_types"]
    admin = admin_cinder.get("/types").json()["volume_types"]
    assert member == [{"id": member[0]["id"], "name": "__DEFAULT__", "is_public": True,
                       "description": "Default Volume Type", "extra_specs": {},
                       "os-volume-type-access:is_public": True}]
    assert admin[0]["qos_specs_id"] is None
