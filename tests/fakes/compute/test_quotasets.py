"""`os-quota-sets`, `os-quota-class-sets` and `/limits` of the fake Nova, against
`nova/api/openstack/compute/quota_sets.py`, `quota_classes.py`, `limits.py`,
`views/limits.py` and `nova/policies/quota_sets.py`."""

from __future__ import annotations

from stackdouble.fakes import FakeCloud

from .conftest import Nova


def test_show_detail_and_defaults_at_each_microversion(nova: Nova, demo_id: str) -> None:
    old = nova.get(f"/os-quota-sets/{demo_id}", version="2.35").json()["quota_set"]
    mid = nova.get(f"/os-quota-sets/{demo_id}", version="2.36").json()["quota_set"]
    new = nova.get(f"/os-quota-sets/{demo_id}", version="2.57").json()["quota_set"]
    assert old["id"] == demo_id
    assert old["floating_ips"] == -1
    assert old["injected_files"] == 5
    assert "floating_ips" not in mid
    assert mid["injected_files"] == 5
    assert set(new) == {"id", "cores", "instances", "key_pairs", "metadata_items", "ram",
                        "server_groups", "server_group_members"}
    defaults = nova.get(f"/os-quota-sets/{demo_id}/defaults", version="2.57").json()
    assert defaults["quota_set"]["instances"] == 10


def test_detail_counts_what_exists(nova: Nova, demo_id: str) -> None:
    nova.create("a")
    nova.create("b")
    nova.post("/os-server-groups", {"server_group": {"name": "g", "policies": ["affinity"]}})
    detail = nova.get(f"/os-quota-sets/{demo_id}/detail").json()["quota_set"]
    assert detail["instances"] == {"limit": 10, "in_use": 2, "reserved": 0}
    assert detail["cores"]["in_use"] == 2
    assert detail["ram"]["in_use"] == 1024
    assert detail["server_groups"]["in_use"] == 1
    assert detail["key_pairs"]["in_use"] == 0  # per user: always 0 here (`_get_usages`)


def test_member_reads_only_own_project_and_cannot_write(nova: Nova, cloud: FakeCloud,
                                                        demo_id: str) -> None:
    admin_project = cloud.project_id("admin")
    other = nova.get(f"/os-quota-sets/{admin_project}")
    put = nova.call("PUT", f"/os-quota-sets/{demo_id}", json={"quota_set": {"instances": 5}})
    delete = nova.call("DELETE", f"/os-quota-sets/{demo_id}")
    assert other.status_code == put.status_code == delete.status_code == 403
    assert put.json()["forbidden"]["message"] == (
        "Policy doesn't allow os_compute_api:os-quota-sets:update to be performed.")


def test_update_force_and_delete(admin_nova: Nova, nova: Nova, demo_id: str) -> None:
    nova.create("a")
    nova.create("b")
    below = admin_nova.call("PUT", f"/os-quota-sets/{demo_id}",
                            json={"quota_set": {"instances": 1}})
    assert below.status_code == 400
    assert below.json()["badRequest"]["message"] == (
        "Quota limit 1 for instances must be greater than or equal to already used and "
        "reserved 2.")
    forced = admin_nova.call("PUT", f"/os-quota-sets/{demo_id}",
                             json={"quota_set": {"instances": "1", "force": True}})
    assert forced.status_code == 200
    assert "id" not in forced.json()["quota_set"]
    assert forced.json()["quota_set"]["instances"] == 1
    refused = nova.post("/servers", {"server": {"name": "c", "imageRef":
                                                "7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11",
                                                "flavorRef": "1"}})
    assert refused.status_code == 403
    assert admin_nova.call("DELETE", f"/os-quota-sets/{demo_id}").status_code == 202
    assert nova.get(f"/os-quota-sets/{demo_id}").json()["quota_set"]["instances"] == 10


def test_removed_resources_are_refused_in_updates(admin_nova: Nova, demo_id: str) -> None:
    resp = admin_nova.call("PUT", f"/os-quota-sets/{demo_id}", version="2.36",
                           json={"quota_set": {"floating_ips": 3}})
    assert resp.status_code == 400


def test_default_quota_class_changes_every_projects_defaults(admin_nova: Nova, nova: Nova,
                                                             demo_id: str) -> None:
    before = admin_nova.get("/os-quota-class-sets/default", version="2.49").json()
    assert "server_groups" not in before["quota_class_set"]
    resp = admin_nova.call("PUT", "/os-quota-class-sets/default", version="2.57",
                           json={"quota_class_set": {"instances": 3}})
    assert resp.status_code == 200
    assert resp.json()["quota_class_set"]["instances"] == 3
    assert nova.get(f"/os-quota-sets/{demo_id}").json()["quota_set"]["instances"] == 3
    assert nova.get("/os-quota-class-sets/default").status_code == 403


def test_limits(nova: Nova, admin_nova: Nova, cloud: FakeCloud, demo_id: str) -> None:
    nova.create("a")
    absolute = nova.get("/limits").json()["limits"]
    assert absolute["rate"] == []
    assert absolute["absolute"]["totalInstancesUsed"] == 1
    assert absolute["absolute"]["maxImageMeta"] == 128
    assert "maxImageMeta" not in nova.get("/limits", version="2.39").json()["limits"][
        "absolute"]
    new = nova.get("/limits", version="2.57").json()["limits"]["absolute"]
    assert "maxPersonality" not in new
    assert "maxSecurityGroups" not in new
    assert nova.get(f"/limits?tenant_id={demo_id}").status_code == 403
    other = admin_nova.get(f"/limits?tenant_id={demo_id}").json()["limits"]["absolute"]
    assert other["totalInstancesUsed"] == 1
