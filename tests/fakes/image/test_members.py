"""The fake Glance's image members: sharing a `shared` image, the member's decision, what
each project sees in its lists, and Glance's policies and messages."""

from __future__ import annotations

import pytest

from stackdouble.fakes import FakeCloud
from tests.fakes.image.conftest import CIRROS, Glance, webob


@pytest.fixture
def shared(admin_glance: Glance) -> str:
    """An active shared image of the admin project."""
    return str(admin_glance.active(b"shared")["id"])


def _share(owner: Glance, image_id: str, member: str) -> dict[str, object]:
    resp = owner.post(f"/images/{image_id}/members", {"member": member})
    assert resp.status_code == 200, resp.text
    return dict(resp.json())


def _listed(glance: Glance, query: str = "") -> set[str]:
    return {i["id"] for i in glance.get(f"/images{query}").json()["images"]}


def test_adding_a_member_answers_200_with_a_pending_membership(admin_glance: Glance,
                                                               glance: Glance,
                                                               shared: str) -> None:
    member = _share(admin_glance, shared, glance.project_id)
    assert member == {"member_id": glance.project_id, "image_id": shared, "status": "pending",
                      "created_at": "2026-11-27T08:56:16Z",
                      "updated_at": "2026-11-27T08:56:16Z", "schema": "/v2/schemas/member"}


def test_a_shared_image_is_listed_for_the_member_only_once_accepted(
        admin_glance: Glance, glance: Glance, shared: str) -> None:
    _share(admin_glance, shared, glance.project_id)
    assert shared not in _listed(glance)
    assert shared in _listed(glance, "?member_status=pending")
    assert glance.get(f"/images/{shared}").status_code == 200  # visible before accepting
    resp = glance.call("PUT", f"/images/{shared}/members/{glance.project_id}",
                       json={"status": "accepted"})
    assert resp.json()["status"] == "accepted"
    assert shared in _listed(glance)
    assert shared in _listed(glance, "?visibility=shared")
    glance.call("PUT", f"/images/{shared}/members/{glance.project_id}",
                json={"status": "rejected"})
    assert shared not in _listed(glance)
    assert shared in _listed(glance, "?member_status=all")


def test_an_owner_cannot_accept_for_its_member_but_an_admin_can(
        admin_glance: Glance, glance: Glance, cloud: FakeCloud) -> None:
    image = glance.active(b"mine")
    other = cloud.project_id("service")
    _share(glance, image["id"], other)
    path = f"/images/{image['id']}/members/{other}"
    resp = glance.call("PUT", path, json={"status": "accepted"})
    assert resp.json() == webob("403 Forbidden", "You are not authorized to complete "
                                                 "modify_member action.")
    assert admin_glance.call("PUT", path, json={"status": "accepted"}).status_code == 200


def test_a_member_sees_only_its_own_membership(admin_glance: Glance, glance: Glance,
                                               shared: str, cloud: FakeCloud) -> None:
    other = cloud.project_id("service")
    _share(admin_glance, shared, glance.project_id)
    _share(admin_glance, shared, other)
    assert len(admin_glance.get(f"/images/{shared}/members").json()["members"]) == 2
    mine = glance.get(f"/images/{shared}/members").json()
    assert [m["member_id"] for m in mine["members"]] == [glance.project_id]
    assert mine["schema"] == "/v2/schemas/members"
    hidden = glance.get(f"/images/{shared}/members/{other}")
    assert hidden.json() == webob("404 Not Found", f"{other} not found in the member list of "
                                                   f"the image {shared}.")


def test_a_member_cannot_share_further(admin_glance: Glance, glance: Glance,
                                       shared: str, cloud: FakeCloud) -> None:
    _share(admin_glance, shared, glance.project_id)
    resp = glance.post(f"/images/{shared}/members", {"member": cloud.project_id("service")})
    assert resp.json() == webob("403 Forbidden", "You are not authorized to complete "
                                                 "add_member action.")


@pytest.mark.parametrize("visibility", ["private", "public", "community"])
def test_only_shared_images_have_members(admin_glance: Glance, glance: Glance,
                                         visibility: str) -> None:
    image = admin_glance.create(visibility=visibility)
    path = f"/images/{image['id']}/members"
    added = admin_glance.post(path, {"member": glance.project_id})
    assert added.json() == webob("403 Forbidden", f"Not allowed to create members for image "
                                                  f"{image['id']}.")
    listed = admin_glance.get(path)
    assert listed.json() == webob("403 Forbidden", f"Not allowed to list members for image "
                                                   f"{image['id']}: Only shared images have "
                                                   "members.")
    shown = admin_glance.get(f"{path}/{glance.project_id}")
    assert shown.json() == webob("404 Not Found", "Only shared images have members.")


def test_duplicates_conflict_and_the_member_quota_applies(admin_glance: Glance,
                                                          glance: Glance, shared: str,
                                                          cloud: FakeCloud) -> None:
    _share(admin_glance, shared, glance.project_id)
    again = admin_glance.post(f"/images/{shared}/members", {"member": glance.project_id})
    assert again.json() == webob("409 Conflict", f"Member {glance.project_id} is duplicated for "
                                                 f"image {shared}")
    cloud.image.configure(image_member_quota=1)
    over = admin_glance.post(f"/images/{shared}/members", {"member": "p2"})
    assert over.json() == webob("413 Request Entity Too Large", f"Image member limit exceeded "
                                f"for image {shared}: The limit has been exceeded on the number "
                                "of allowed image members for this image. Attempted: 2, "
                                "Maximum: 1:")


@pytest.mark.parametrize(("body", "message"), [
    ({}, "Member to be added not specified"),
    ({"member": ""}, "Member can't be empty"),
    ([], 'Expected a member in the form: {"member": "image_id"}'),
])
def test_bad_member_bodies(admin_glance: Glance, shared: str, body: object,
                           message: str) -> None:
    resp = admin_glance.post(f"/images/{shared}/members", body)
    assert resp.json() == webob("400 Bad Request", message)


@pytest.mark.parametrize(("body", "message"), [
    ({"status": "maybe"}, 'Incorrect request: Status must be "pending", "accepted" or '
                          '"rejected".'),
    ({}, "Status not specified"),
])
def test_bad_member_statuses(admin_glance: Glance, glance: Glance, shared: str, body: object,
                             message: str) -> None:
    _share(admin_glance, shared, glance.project_id)
    resp = glance.call("PUT", f"/images/{shared}/members/{glance.project_id}", json=body)
    assert resp.json() == webob("400 Bad Request", message)


def test_removing_a_member_hides_the_image_again(admin_glance: Glance, glance: Glance,
                                                 shared: str) -> None:
    _share(admin_glance, shared, glance.project_id)
    path = f"/images/{shared}/members/{glance.project_id}"
    removed = admin_glance.call("DELETE", path)
    assert (removed.status_code, removed.content) == (204, b"")
    assert "Content-Type" not in removed.headers
    assert glance.get(f"/images/{shared}").status_code == 404
    assert admin_glance.call("DELETE", path).status_code == 404


def test_an_image_the_caller_cannot_see_has_no_members_to_show(glance: Glance,
                                                               shared: str) -> None:
    resp = glance.get(f"/images/{shared}/members")
    assert resp.json() == webob("404 Not Found", f"Image {shared} not found.")


def test_members_of_a_public_image_are_refused_even_to_readers(glance: Glance) -> None:
    resp = glance.get(f"/images/{CIRROS}/members")
    assert resp.status_code == 403


def test_the_python_api_shares_and_accepts(cloud: FakeCloud) -> None:
    model = cloud.image
    admin = model.caller_for(cloud.project_id("admin"), is_admin=True)
    demo = model.caller_for(cloud.project_id("demo"))
    image = model.create_image(admin, name="gift")
    model.add_member(admin, image.id, demo.project_id)
    assert model.get_image(demo, image.id) is not None
    assert model.images_named(demo, "gift") == []
    model.update_member(demo, image.id, demo.project_id, "accepted")
    assert [i.id for i in model.images_named(demo, "gift")] == [image.id]
