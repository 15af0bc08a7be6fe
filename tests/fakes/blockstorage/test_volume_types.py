"""The fake Cinder's volume types as admins manage them: create, update (renaming the
type's quotas), delete, extra specs, project access, and who sees what."""

from __future__ import annotations

from stackdouble.fakes import FakeCloud
from tests.fakes.blockstorage.conftest import Cinder, fault


def _create(admin: Cinder, name: str, **extra: object) -> dict[str, object]:
    resp = admin.post("/types", {"volume_type": {"name": name, **extra}})
    assert resp.status_code == 200, resp.text
    body: dict[str, object] = resp.json()["volume_type"]
    return body


def test_a_bad_body_is_400_even_for_a_member(cinder: Cinder) -> None:
    resp = cinder.post("/types", {"volume_type": {}})
    assert resp.json() == fault("badRequest", 400, "Invalid input for field/attribute "
                                "volume_type. Value: {}. 'name' is a required property")


def test_a_blank_name_is_refused(admin_cinder: Cinder) -> None:
    resp = admin_cinder.post("/types", {"volume_type": {"name": "   "}})
    assert resp.status_code == 400


def test_members_see_only_user_visible_extra_specs(cinder: Cinder, admin_cinder: Cinder) -> None:
    made = _create(admin_cinder, "fast", extra_specs={"multiattach": "<is> True",
                                                      "volume_backend_name": "lvm"})
    shown = cinder.get(f"/types/{made['id']}").json()["volume_type"]
    assert shown["extra_specs"] == {"multiattach": "<is> True"}
    assert "qos_specs_id" not in shown
    assert admin_cinder.get(f"/types/{made['id']}").json()["volume_type"]["extra_specs"] == {
        "multiattach": "<is> True", "volume_backend_name": "lvm"}


def test_a_member_may_create_volumes_of_a_shared_private_type(cinder: Cinder,
                                                             admin_cinder: Cinder) -> None:
    made = _create(admin_cinder, "secret", **{"os-volume-type-access:is_public": False})
    refused = cinder.post("/volumes", {"volume": {"size": 1, "volume_type": "secret"}})
    assert refused.json() == fault("itemNotFound", 404,
                                   "Volume type with name secret could not be found.")
    admin_cinder.post(f"/types/{made['id']}/action",
                      {"addProjectAccess": {"project": cinder.project_id}})
    volume_id = cinder.create(volume_type="secret")
    assert cinder.get(f"/volumes/{volume_id}").json()["volume"]["volume_type"] == "secret"


def test_admins_list_private_types_with_is_public(admin_cinder: Cinder) -> None:
    _create(admin_cinder, "hidden", **{"os-volume-type-access:is_public": "false"})
    public = [t["name"] for t in admin_cinder.get("/types").json()["volume_types"]]
    private = [t["name"] for t in admin_cinder.get("/types?is_public=false")
               .json()["volume_types"]]
    every = [t["name"] for t in admin_cinder.get("/types?is_public=None")
             .json()["volume_types"]]
    assert (public, private, every) == (["__DEFAULT__"], ["hidden"], ["__DEFAULT__", "hidden"])


def test_renaming_a_type_renames_its_quotas(admin_cinder: Cinder, cinder: Cinder,
                                            cloud: FakeCloud) -> None:
    made = _create(admin_cinder, "old")
    cinder.create(volume_type="old")
    resp = admin_cinder.call("PUT", f"/types/{made['id']}",
                             json={"volume_type": {"name": "new"}})
    assert resp.status_code == 200
    assert "os-volume-type-access:is_public" not in resp.json()["volume_type"]
    usage = cloud.block_storage.quota_usage(cinder.project_id)
    assert (usage["volumes_new"], "volumes_old" in usage) == (1, False)


def test_renaming_to_a_taken_name_is_a_conflict(admin_cinder: Cinder) -> None:
    made = _create(admin_cinder, "a")
    _create(admin_cinder, "b")
    resp = admin_cinder.call("PUT", f"/types/{made['id']}", json={"volume_type": {"name": "b"}})
    assert resp.json() == fault("conflictingRequest", 409, "Volume Type b already exists.")


def test_a_deleted_volume_frees_its_type(admin_cinder: Cinder, cinder: Cinder) -> None:
    made = _create(admin_cinder, "temp")
    volume_id = cinder.create(volume_type="temp")
    assert admin_cinder.call("DELETE", f"/types/{made['id']}").status_code == 400
    cinder.call("DELETE", f"/volumes/{volume_id}")
    assert admin_cinder.call("DELETE", f"/types/{made['id']}").status_code == 202


def test_cacheable_and_multiattach_do_not_mix(admin_cinder: Cinder) -> None:
    made = _create(admin_cinder, "both", extra_specs={"multiattach": "<is> True"})
    resp = admin_cinder.post(f"/types/{made['id']}/extra_specs",
                             {"extra_specs": {"cacheable": "<is> True"}})
    assert resp.json() == fault("badRequest", 400, "cacheable cannot be set with multiattach.")


def test_access_actions_are_admin_only_and_need_a_project(cinder: Cinder,
                                                          admin_cinder: Cinder) -> None:
    made = _create(admin_cinder, "p", **{"os-volume-type-access:is_public": False})
    member = cinder.post(f"/types/{made['id']}/action",
                         {"addProjectAccess": {"project": cinder.project_id}})
    assert member.json() == fault("forbidden", 403, "Policy doesn't allow volume_extension:"
                                  "volume_type_access:addProjectAccess to be performed.")
    empty = admin_cinder.post(f"/types/{made['id']}/action", {"addProjectAccess": {}})
    assert empty.status_code == 400
    unknown = admin_cinder.post(f"/types/{made['id']}/action", {"bogus": {}})
    assert unknown.json() == fault("badRequest", 400, "There is no such action: bogus. Verify "
                                   "the request body and Content-Type header and try again.")
