"""The fake Cinder's generic volume groups: group types and their specs (3.11), groups
(3.13) with their volumes, and group snapshots (3.14), answered as real Cinder 29 answers
(the messages were taken from it)."""

from __future__ import annotations

from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.blockstorage.errors import CinderError
from tests.fakes.blockstorage.conftest import Cinder, fault

V = "3.20"


def _group_type(admin: Cinder, name: str = "gt", **extra: Any) -> str:
    resp = admin.post("/group_types", {"group_type": {"name": name, **extra}}, version=V)
    assert resp.status_code == 202, resp.text
    return str(resp.json()["group_type"]["id"])


def _group(cinder: Cinder, type_id: str, name: str = "g") -> str:
    resp = cinder.post("/groups", {"group": {"group_type": type_id, "name": name,
                                             "volume_types": ["__DEFAULT__"]}}, version=V)
    assert resp.status_code == 202, resp.text
    return str(resp.json()["group"]["id"])


def _volume(cinder: Cinder, **extra: Any) -> str:
    resp = cinder.post("/volumes", {"volume": {"size": 1, "volume_type": "__DEFAULT__",
                                               **extra}}, version=V)
    assert resp.status_code == 202, resp.text
    return str(resp.json()["volume"]["id"])


def _update(cinder: Cinder, group_id: str, **changes: str) -> Any:
    return cinder.call("PUT", f"/groups/{group_id}", json={"group": changes}, version=V)


def test_the_routes_are_404_below_their_microversion(cinder: Cinder) -> None:
    assert cinder.get("/group_types", version="3.10").json() == fault(
        "itemNotFound", 404, "The resource could not be found.")
    assert cinder.get("/groups", version="3.12").status_code == 404
    assert cinder.get("/group_snapshots", version="3.13").status_code == 404


def test_the_seeded_type_shows_its_specs_to_admins_only(cinder: Cinder,
                                                        admin_cinder: Cinder) -> None:
    seeded = admin_cinder.get("/group_types", version=V).json()["group_types"]
    assert [(t["name"], t["group_specs"]) for t in seeded] == [
        ("default_cgsnapshot_type", {"consistent_group_snapshot_enabled": "<is> True"})]
    assert "group_specs" not in cinder.get("/group_types", version=V).json()["group_types"][0]


def test_no_default_group_type_is_configured(cinder: Cinder) -> None:
    assert cinder.get("/group_types/default", version=V).json() == fault(
        "itemNotFound", 404, "Default group type can not be found.")


def test_a_configured_default_group_type_shows(cloud: FakeCloud, cinder: Cinder,
                                               admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder, "mine")
    cloud.block_storage.set_default_group_type("mine")
    assert cinder.get("/group_types/default", version=V).json()["group_type"]["id"] == type_id


def test_members_may_not_create_group_types(cinder: Cinder) -> None:
    resp = cinder.post("/group_types", {"group_type": {"name": "x"}}, version=V)
    assert resp.json() == fault("forbidden", 403, "Policy doesn't allow "
                                "group:group_types:create to be performed.")


def test_a_duplicate_group_type_name_is_409(admin_cinder: Cinder) -> None:
    _group_type(admin_cinder, "twice")
    resp = admin_cinder.post("/group_types", {"group_type": {"name": "twice"}}, version=V)
    assert resp.json() == fault("conflictingRequest", 409, "Group Type twice already exists.")


def test_a_group_type_body_is_validated(admin_cinder: Cinder) -> None:
    resp = admin_cinder.post("/group_types", {"group_type": {"name": "x", "bogus": 1}},
                             version=V)
    assert resp.json() == fault("badRequest", 400, "Invalid input for field/attribute "
                                "group_type. Value: {'name': 'x', 'bogus': 1}. Additional "
                                "properties are not allowed ('bogus' was unexpected)")
    type_id = _group_type(admin_cinder)
    resp = admin_cinder.call("PUT", f"/group_types/{type_id}", json={"group_type": {}},
                             version=V)
    assert resp.json() == fault("badRequest", 400, "Specify group type name, description or "
                                "a combination thereof.")


def test_group_specs_crud(admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder, group_specs={"a": "b"})
    path = f"/group_types/{type_id}/group_specs"
    assert admin_cinder.post(path, {"group_specs": {"c": "d"}}, version=V).status_code == 202
    assert admin_cinder.call("PUT", path + "/c", json={"c": "e"}, version=V).json() == {
        "c": "e"}
    assert admin_cinder.get(path, version=V).json() == {"group_specs": {"a": "b", "c": "e"}}
    assert admin_cinder.call("DELETE", path + "/c", version=V).status_code == 202
    assert admin_cinder.get(path + "/c", version=V).json() == fault(
        "itemNotFound", 404, f"Group Type {type_id} has no extra spec with key c.")


def test_a_group_goes_available_on_the_fake_clock(cloud: FakeCloud, cinder: Cinder,
                                                  admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder)
    cloud.block_storage.set_create_time(10)
    group_id = _group(cinder, type_id)
    shown = cinder.get(f"/groups/{group_id}", version=V).json()["group"]
    assert shown["status"] == "creating"
    assert shown["volume_types"] == [cloud.block_storage._default_type().id]
    cloud.clock.advance(10)
    assert cinder.get(f"/groups/{group_id}", version=V).json()["group"]["status"] == "available"


def test_groups_may_not_use_the_cgsnapshot_type(cinder: Cinder, admin_cinder: Cinder) -> None:
    seeded = admin_cinder.get("/group_types", version=V).json()["group_types"][0]["id"]
    resp = cinder.post("/groups", {"group": {"group_type": seeded,
                                             "volume_types": ["__DEFAULT__"]}}, version=V)
    assert resp.json() == fault("badRequest", 400, f"Group_type {seeded} is reserved for "
                                "migrating CGs to groups. Migrated group can only be "
                                "operated by CG APIs.")


def test_unknown_types_are_404(cinder: Cinder, admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder)
    resp = cinder.post("/groups", {"group": {"group_type": "nope",
                                             "volume_types": ["__DEFAULT__"]}}, version=V)
    assert resp.json() == fault("itemNotFound", 404,
                                "Group type with name nope could not be found.")
    resp = cinder.post("/groups", {"group": {"group_type": type_id,
                                             "volume_types": ["nope"]}}, version=V)
    assert resp.json() == fault("itemNotFound", 404,
                                "Volume type with name nope could not be found.")


def test_a_volume_created_in_a_group_shows_its_group(cinder: Cinder,
                                                     admin_cinder: Cinder) -> None:
    group_id = _group(cinder, _group_type(admin_cinder))
    volume_id = _volume(cinder, group_id=group_id)
    assert cinder.get(f"/volumes/{volume_id}", version=V).json()["volume"]["group_id"] == \
        group_id
    assert "group_id" not in cinder.get(f"/volumes/{volume_id}", version="3.12").json()[
        "volume"]
    listed = cinder.get(f"/volumes?group_id={group_id}", version=V).json()["volumes"]
    assert [v["id"] for v in listed] == [volume_id]
    shown = cinder.get(f"/groups/{group_id}?list_volume=true", version="3.25").json()
    assert shown["group"]["volumes"] == [volume_id]


def test_a_volume_in_a_group_cannot_be_deleted(cinder: Cinder, admin_cinder: Cinder) -> None:
    volume_id = _volume(cinder, group_id=_group(cinder, _group_type(admin_cinder)))
    resp = cinder.call("DELETE", f"/volumes/{volume_id}", version=V)
    assert resp.status_code == 400


def test_update_adds_and_removes_volumes(cinder: Cinder, admin_cinder: Cinder) -> None:
    group_id = _group(cinder, _group_type(admin_cinder))
    volume_id = _volume(cinder)
    assert _update(cinder, group_id, add_volumes=volume_id).status_code == 202
    volume = cinder.get(f"/volumes/{volume_id}", version=V).json()["volume"]
    assert volume["group_id"] == group_id
    assert _update(cinder, group_id, remove_volumes=volume_id).status_code == 202
    assert cinder.get(f"/volumes/{volume_id}", version=V).json()["volume"]["group_id"] is None


def test_update_errors_are_cinders(cinder: Cinder, admin_cinder: Cinder) -> None:
    group_id = _group(cinder, _group_type(admin_cinder), name="same")
    assert _update(cinder, group_id, remove_volumes="nope").json() == fault(
        "badRequest", 400, f"Invalid volume: Cannot remove volume nope from group {group_id} "
        "because it is not in the group.")
    assert _update(cinder, group_id, add_volumes="nope").json() == fault(
        "badRequest", 400, f"Invalid volume: Cannot add volume nope to group {group_id} "
        "because volume cannot be found.")
    assert _update(cinder, group_id, name="same").json() == fault(
        "badRequest", 400, f"Invalid Group: Cannot update group {group_id} because no valid "
        "name, description, add_volumes, or remove_volumes were provided.")


def test_delete_needs_delete_volumes_when_the_group_has_volumes(
        cloud: FakeCloud, cinder: Cinder, admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder)
    group_id = _group(cinder, type_id)
    volume_id = _volume(cinder, group_id=group_id)
    resp = cinder.post(f"/groups/{group_id}/action", {"delete": {}}, version=V)
    assert resp.json() == fault("badRequest", 400, f"Invalid Group: Group {group_id} still "
                                "contains volumes. The delete-volumes flag is required to "
                                "delete it.")
    resp = admin_cinder.call("DELETE", f"/group_types/{type_id}", version=V)
    assert resp.json() == fault("badRequest", 400, "Target group type is still in use. Group "
                                f"Type {type_id} deletion is not allowed with groups present "
                                "with the type.")
    resp = cinder.post(f"/groups/{group_id}/action", {"delete": {"delete-volumes": True}},
                       version=V)
    assert resp.status_code == 202
    assert cinder.get(f"/groups/{group_id}", version=V).status_code == 404
    assert cloud.block_storage.volume_status(volume_id) == "deleted"
    assert admin_cinder.call("DELETE", f"/group_types/{type_id}", version=V).status_code == 202


def test_groups_count_against_their_quota(cloud: FakeCloud, cinder: Cinder,
                                          admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder)
    cloud.block_storage.set_quota(cinder.project_id, groups=1)
    _group(cinder, type_id)
    resp = cinder.post("/groups", {"group": {"group_type": type_id,
                                             "volume_types": ["__DEFAULT__"]}}, version=V)
    assert resp.status_code == 413
    usage = cloud.block_storage.quota_usage(cinder.project_id)
    assert usage["groups"] == 1


def test_reset_status_is_for_admins(cinder: Cinder, admin_cinder: Cinder) -> None:
    group_id = _group(cinder, _group_type(admin_cinder))
    body = {"reset_status": {"status": "error"}}
    assert cinder.post(f"/groups/{group_id}/action", body, version=V).json() == fault(
        "forbidden", 403, "Policy doesn't allow group:reset_status to be performed.")
    resp = admin_cinder.post(f"/groups/{group_id}/action", body, version=V)
    assert resp.status_code == 202
    assert cinder.get(f"/groups/{group_id}", version=V).json()["group"]["status"] == "error"


def test_a_group_snapshot_snapshots_every_volume(cloud: FakeCloud, cinder: Cinder,
                                                  admin_cinder: Cinder) -> None:
    group_id = _group(cinder, _group_type(admin_cinder))
    volumes = {_volume(cinder, group_id=group_id), _volume(cinder, group_id=group_id)}
    resp = cinder.post("/group_snapshots", {"group_snapshot": {"group_id": group_id,
                                                               "name": "gs"}}, version=V)
    assert resp.status_code == 202
    gs_id = resp.json()["group_snapshot"]["id"]
    snaps = cinder.get("/snapshots/detail", version=V).json()["snapshots"]
    assert {s["volume_id"] for s in snaps} == volumes
    assert {s["group_snapshot_id"] for s in snaps} == {gs_id}
    assert {s["name"] for s in snaps} == {"gs"}
    resp = cinder.call("DELETE", f"/snapshots/{snaps[0]['id']}", version=V)
    assert resp.json() == fault("badRequest", 400, "Invalid snapshot: Snapshot status must "
                                "be available or error and must not be part of a group.")
    resp = cinder.post(f"/groups/{group_id}/action", {"delete": {"delete-volumes": True}},
                       version=V)
    assert resp.json() == fault("badRequest", 400,
                                "Invalid Group: Group has existing snapshots.")
    assert cinder.call("DELETE", f"/group_snapshots/{gs_id}", version=V).status_code == 202
    assert cinder.get(f"/group_snapshots/{gs_id}", version=V).json() == fault(
        "itemNotFound", 404, f"GroupSnapshot {gs_id} could not be found.")
    assert cinder.get("/snapshots", version=V).json()["snapshots"] == []


def test_group_snapshot_reset_status_validates_the_status(cinder: Cinder,
                                                          admin_cinder: Cinder) -> None:
    group_id = _group(cinder, _group_type(admin_cinder))
    gs_id = cinder.post("/group_snapshots", {"group_snapshot": {"group_id": group_id}},
                        version=V).json()["group_snapshot"]["id"]
    resp = admin_cinder.post(f"/group_snapshots/{gs_id}/action",
                             {"reset_status": {"status": "bogus"}}, version=V)
    assert resp.json() == fault(
        "badRequest", 400, "Invalid GroupSnapshot Status: Group snapshot status: bogus is "
        "invalid, valid statuses are: ('error', 'available', 'creating', 'deleting', "
        "'deleted', 'updating', 'error_deleting').")


def test_group_listings_page_with_links(cloud: FakeCloud, cinder: Cinder,
                                        admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder)
    made = []
    for i in range(3):
        made.append(_group(cinder, type_id, name=f"g{i}"))
        cloud.clock.advance(1)
    page = cinder.get("/groups?limit=2", version=V).json()
    assert [g["id"] for g in page["groups"]] == made[::-1][:2]
    assert page["group_links"][0]["rel"] == "next"
    rest = cinder.get(f"/groups?limit=2&marker={made[1]}", version=V).json()
    assert [g["id"] for g in rest["groups"]] == [made[0]]
    named = cinder.get("/groups/detail?name=g1", version=V).json()["groups"]
    assert [g["id"] for g in named] == [made[1]]


class GroupMembership(RuleBasedStateMachine):
    """Adds, removes and group deletes keep each volume's `group_id`, the group's
    volume list and the model's membership in agreement."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = FakeCloud(seed=1)
        self.storage = self.cloud.block_storage
        admin = self.storage.caller_for(self.cloud.project_id("admin"), is_admin=True)
        self.caller = self.storage.caller_for(self.cloud.project_id("demo"))
        self.storage.set_quota(self.caller.project_id, volumes=-1, gigabytes=-1, groups=-1)
        gtype = self.storage.create_group_type(admin, "prop")
        self.groups = [self.storage.create_group(self.caller, gtype.id, ["__DEFAULT__"]).id
                       for _ in range(2)]
        self.volumes = [self.storage.create_volume(self.caller, size=1,
                                                   volume_type="__DEFAULT__").id
                        for _ in range(4)]
        self.expected: dict[str, str | None] = dict.fromkeys(self.volumes)
        self.alive = set(self.groups)

    @rule(v=st.integers(0, 3), g=st.integers(0, 1))
    def add(self, v: int, g: int) -> None:
        volume, group = self.volumes[v], self.groups[g]
        if volume not in self.expected or group not in self.alive:
            return
        try:
            self.storage.update_group(self.caller, group, add_volumes=volume)
        except CinderError:  # already in a group (this one: nothing left to update)
            assert self.expected[volume] is not None
            return
        assert self.expected[volume] is None
        self.expected[volume] = group

    @rule(v=st.integers(0, 3), g=st.integers(0, 1))
    def remove(self, v: int, g: int) -> None:
        volume, group = self.volumes[v], self.groups[g]
        if volume not in self.expected or group not in self.alive:
            return
        try:
            self.storage.update_group(self.caller, group, remove_volumes=volume)
        except CinderError:
            assert self.expected[volume] != group
            return
        assert self.expected[volume] == group
        self.expected[volume] = None

    @rule(g=st.integers(0, 1))
    def delete_group(self, g: int) -> None:
        group = self.groups[g]
        if group not in self.alive:
            return
        self.storage.delete_group(self.caller, group, delete_volumes=True)
        self.alive.discard(group)
        for volume, owner in list(self.expected.items()):
            if owner == group:
                del self.expected[volume]

    @invariant()
    def membership_agrees(self) -> None:
        for group in self.groups:
            listed = {v.id for v in self.storage.group_volumes(group)}
            assert listed == {v for v, g in self.expected.items() if g == group}
        for volume, owner in self.expected.items():
            assert self.storage.volumes[volume].group_id == owner


TestGroupMembership = GroupMembership.TestCase
TestGroupMembership.settings = settings(max_examples=30, stateful_step_count=12,
                                        deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])


# -- create-from-src (3.14) -----------------------------------------------------------------


def _from_src(cinder: Cinder, version: str = V, **source: Any) -> Any:
    return cinder.post("/groups/action", {"create-from-src": source}, version=version)


def _group_volumes(cinder: Cinder, group_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = cinder.get(f"/volumes/detail?group_id={group_id}",
                                             version=V).json()["volumes"]
    return found


def test_a_group_cloned_from_a_group_has_a_clone_of_each_volume(
        cloud: FakeCloud, cinder: Cinder, admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder)
    source_id = _group(cinder, type_id)
    members = {_volume(cinder, group_id=source_id, size=2), _volume(cinder, group_id=source_id)}
    cloud.block_storage.set_create_time(10)
    resp = _from_src(cinder, source_group_id=source_id, name=" copy ", description=" d ")
    assert resp.status_code == 202
    new_id = resp.json()["group"]["id"]
    assert resp.json() == {"group": {"id": new_id, "name": "copy"}}
    shown = cinder.get(f"/groups/{new_id}?list_volume=true", version="3.25").json()["group"]
    source = cinder.get(f"/groups/{source_id}", version=V).json()["group"]
    assert (shown["status"], shown["description"]) == ("creating", "d")
    assert (shown["group_type"], shown["volume_types"]) == (type_id, source["volume_types"])
    assert (shown["source_group_id"], shown["group_snapshot_id"]) == (source_id, None)
    clones = _group_volumes(cinder, new_id)
    assert sorted(shown["volumes"]) == sorted(v["id"] for v in clones)
    assert {v["source_volid"] for v in clones} == members
    assert {(v["name"], v["snapshot_id"], v["volume_type"]) for v in clones} == {
        (None, None, "__DEFAULT__")}
    assert sorted(v["size"] for v in clones) == [1, 2]
    cloud.clock.advance(10)
    assert cinder.get(f"/groups/{new_id}", version=V).json()["group"]["status"] == "available"
    assert {v["status"] for v in _group_volumes(cinder, new_id)} == {"available"}


def test_a_group_made_from_a_group_snapshot_has_a_volume_per_snapshot(
        cinder: Cinder, admin_cinder: Cinder) -> None:
    source_id = _group(cinder, _group_type(admin_cinder))
    _volume(cinder, group_id=source_id)
    gs = cinder.post("/group_snapshots", {"group_snapshot": {"group_id": source_id}},
                     version=V).json()["group_snapshot"]["id"]
    resp = _from_src(cinder, group_snapshot_id=gs, name="restored")
    assert resp.status_code == 202
    new_id = resp.json()["group"]["id"]
    shown = cinder.get(f"/groups/{new_id}", version=V).json()["group"]
    assert (shown["group_snapshot_id"], shown["source_group_id"]) == (gs, None)
    snaps = cinder.get("/snapshots/detail", version=V).json()["snapshots"]
    made = _group_volumes(cinder, new_id)
    assert [v["snapshot_id"] for v in made] == [s["id"] for s in snaps]
    assert [v["source_volid"] for v in made] == [None]


def test_create_from_src_checks_its_body_and_microversion(cinder: Cinder,
                                                          admin_cinder: Cinder) -> None:
    source_id = _group(cinder, _group_type(admin_cinder))
    assert _from_src(cinder, "3.13", source_group_id=source_id).json() == fault(
        "itemNotFound", 404, "The resource could not be found.")
    assert _from_src(cinder).json() == fault(
        "badRequest", 400, "Invalid input for field/attribute create-from-src. Value: {}. "
        "{} is not valid under any of the given schemas")
    both = {"source_group_id": source_id, "group_snapshot_id": source_id}
    assert _from_src(cinder, **both).json() == fault(
        "badRequest", 400, f"Invalid input for field/attribute create-from-src. Value: "
        f"{both!r}. {both!r} is valid under each of {{'required': ['source_group_id']}}, "
        "{'required': ['group_snapshot_id']}")
    assert _from_src(cinder, source_group_id="nope").json() == fault(
        "badRequest", 400, "Invalid input for field/attribute source_group_id. Value: nope. "
        "'nope' is not a 'uuid'")
    other = cinder.post("/groups/action", {"nope": {}}, version=V)
    assert other.json() == fault("badRequest", 400, "There is no such action: nope. Verify "
                                 "the request body and Content-Type header and try again.")


def test_create_from_src_needs_a_known_non_empty_source(cinder: Cinder,
                                                        admin_cinder: Cinder) -> None:
    unknown = "0b1e0c9b-1111-4111-8111-111111111111"
    assert _from_src(cinder, source_group_id=unknown).json() == fault(
        "itemNotFound", 404, f"Group {unknown} could not be found.")
    assert _from_src(cinder, group_snapshot_id=unknown).json() == fault(
        "itemNotFound", 404, f"GroupSnapshot {unknown} could not be found.")
    empty = _group(cinder, _group_type(admin_cinder))
    assert _from_src(cinder, source_group_id=empty).json() == fault(
        "badRequest", 400, "Invalid Group: Source Group is empty. No group will be created.")
    assert [g["id"] for g in cinder.get("/groups", version=V).json()["groups"]] == [empty]


def test_a_source_not_available_leaves_nothing_behind(cloud: FakeCloud, cinder: Cinder,
                                                      admin_cinder: Cinder) -> None:
    source_id = _group(cinder, _group_type(admin_cinder))
    volume_id = _volume(cinder, group_id=source_id)
    _volume(cinder, group_id=source_id)
    cloud.block_storage.set_create_time(10)
    gs = cinder.post("/group_snapshots", {"group_snapshot": {"group_id": source_id}},
                     version=V).json()["group_snapshot"]["id"]
    before = cloud.block_storage.quota_usage(cinder.project_id)
    assert _from_src(cinder, group_snapshot_id=gs).json() == fault(
        "badRequest", 400, "Invalid snapshot: Originating snapshot status must be one of "
        "'available' values")
    admin_cinder.action(volume_id, {"os-reset_status": {"status": "error"}})
    assert _from_src(cinder, source_group_id=source_id).json() == fault(
        "badRequest", 400, "Invalid volume: Originating source volume status must be one of "
        "'available, in-use' values")
    assert cloud.block_storage.quota_usage(cinder.project_id) == before
    assert [g["id"] for g in cinder.get("/groups", version=V).json()["groups"]] == [source_id]
    assert len(cinder.get("/volumes", version=V).json()["volumes"]) == 2
    cloud.clock.advance(10)
    assert _from_src(cinder, group_snapshot_id=gs).status_code == 202


def test_a_source_group_in_error_may_still_be_copied(cinder: Cinder,
                                                     admin_cinder: Cinder) -> None:
    source_id = _group(cinder, _group_type(admin_cinder))
    _volume(cinder, group_id=source_id)
    admin_cinder.post(f"/groups/{source_id}/action", {"reset_status": {"status": "error"}},
                      version=V)
    assert _from_src(cinder, source_group_id=source_id).status_code == 202


@settings(max_examples=25, deadline=None)
@given(members=st.integers(1, 4), volumes=st.integers(-1, 8), groups=st.integers(-1, 3),
       typed=st.integers(-1, 8))
def test_create_from_src_fits_every_quota_or_changes_nothing(
        members: int, volumes: int, groups: int, typed: int) -> None:
    cloud = FakeCloud(seed=3)
    storage = cloud.block_storage
    admin = storage.caller_for(cloud.project_id("admin"), is_admin=True)
    demo = storage.caller_for(cloud.project_id("demo"))
    gtype = storage.create_group_type(admin, "gt")
    source = storage.create_group(demo, gtype.id, ["__DEFAULT__"])
    for _ in range(members):
        storage.create_group_volume(demo, source.id, size=1, volume_type="__DEFAULT__")
    storage.set_quota(demo.project_id, volumes=volumes, groups=groups,
                      volumes___DEFAULT__=typed)
    before = storage.quota_usage(demo.project_id)
    groups_fit = groups < 0 or groups >= 2
    fits = groups_fit and all(limit < 0 or 2 * members <= limit for limit in (volumes, typed))
    if not fits:
        with pytest.raises(CinderError) as raised:
            storage.create_group_from_src(demo, source_group_id=source.id)
        assert raised.value.status == 400
        assert storage.quota_usage(demo.project_id) == before
        assert list(storage.groups) == [source.id]
    else:
        made = storage.create_group_from_src(demo, source_group_id=source.id)
        assert len(storage.group_volumes(made.id)) == members
        after = storage.quota_usage(demo.project_id)
        assert (after["volumes"], after["groups"]) == (2 * members, 2)


def test_the_state_shows_group_types_groups_and_group_snapshots(
        cloud: FakeCloud, cinder: Cinder, admin_cinder: Cinder) -> None:
    type_id = _group_type(admin_cinder, "gt", group_specs={"a": "b"})
    source_id = _group(cinder, type_id, "src")
    volume_id = _volume(cinder, group_id=source_id)
    gs = cinder.post("/group_snapshots", {"group_snapshot": {"group_id": source_id,
                                                             "name": "gs"}},
                     version=V).json()["group_snapshot"]["id"]
    copy_id = _from_src(cinder, group_snapshot_id=gs, name="copy").json()["group"]["id"]
    state = cinder.http.get(f"{cloud.base_url}/_stackdouble/state").json()["block-storage"]
    assert {"id": type_id, "name": "gt", "is_public": True, "group_specs": {"a": "b"}} in (
        state["group_types"])
    groups = {g["id"]: g for g in state["groups"]}
    assert groups[source_id] == {
        "id": source_id, "name": "src", "project_id": cinder.project_id,
        "status": "available", "group_type_id": type_id,
        "volume_type_ids": [cloud.block_storage._default_type().id], "volumes": [volume_id],
        "group_snapshot_id": None, "source_group_id": None}
    assert (groups[copy_id]["group_snapshot_id"], len(groups[copy_id]["volumes"])) == (gs, 1)
    (snapshot,) = state["group_snapshots"]
    snap_ids = [s["id"] for s in state["snapshots"]]
    assert (snapshot["id"], snapshot["name"], snapshot["group_id"], snapshot["status"],
            snapshot["snapshot_ids"]) == (gs, "gs", source_id, "available", snap_ids)


def test_over_a_quota_create_from_src_is_a_400(cloud: FakeCloud, cinder: Cinder,
                                                         admin_cinder: Cinder) -> None:
    source_id = _group(cinder, _group_type(admin_cinder))
    _volume(cinder, group_id=source_id)
    cloud.block_storage.set_quota(cinder.project_id, volumes=1)
    assert _from_src(cinder, source_group_id=source_id).json() == fault(
        "badRequest", 400, "Maximum number of volumes allowed (1) exceeded for quota "
        "'volumes'.")
    cloud.block_storage.set_quota(cinder.project_id, volumes=-1, groups=1)
    assert _from_src(cinder, source_group_id=source_id).json() == fault(
        "badRequest", 400, "Maximum number of groups allowed (1) exceeded")
