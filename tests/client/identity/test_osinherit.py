"""OS-INHERIT through the client (`identity/v3/osinherit/`), end to end against the
in-process fake: a domain's or a project's inherited grants, what they reach, and
Keystone's refusals as typed errors."""

from __future__ import annotations

import pytest

from stackdouble.client import Forbidden, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.identity.v3 import osinherit, roles
from stackdouble.fakes import FakeCloud


def _role_id(admin: ServiceClient, name: str) -> str:
    found: str = next(r.id for r in roles.list(admin).items() if r.name == name)
    return found


def test_a_domain_grant_is_assigned_validated_listed_and_unassigned(
        cloud: FakeCloud, admin: ServiceClient) -> None:
    reader = _role_id(admin, "reader")
    user = cloud.identity.create_user("ann", password="ann-pw")
    where = osinherit.AssignOpts(user_id=user.id, domain_id="default")
    osinherit.assign(admin, reader, where).extract_err()
    assert osinherit.validate(admin, reader, where).extract() is True
    assert [r.name for r in osinherit.list_roles(admin, where).items()] == ["reader"]
    osinherit.unassign(admin, reader, where).extract_err()
    assert osinherit.validate(admin, reader, where).extract() is False
    assert list(osinherit.list_roles(admin, where).items()) == []


def test_a_project_grant_reaches_the_projects_below_not_the_project(
        cloud: FakeCloud, admin: ServiceClient) -> None:
    identity = cloud.identity
    parent = identity.create_project("parent")
    child = identity.create_project("child", parent_id=parent.id)
    group = identity.create_group("team")
    user = identity.create_user("bob", password="bob-pw")
    identity.add_user_to_group(user, group)
    member = _role_id(admin, "member")
    osinherit.assign(admin, member, osinherit.AssignOpts(
        group_id=group.id, project_id=parent.id)).extract_err()
    found = list(roles.list_assignments(admin, roles.ListAssignmentsOpts(
        user_id=user.id, effective=True)).items())
    assert {(a.project.id if a.project else None, a.role.id) for a in found} == {
        (child.id, member), (child.id, _role_id(admin, "reader"))}
    assert {a.inherited_from_group for a in found} == {group.id}
    token_roles = identity.validate_auth_token(identity.issue_token("bob", project=child))
    assert token_roles is not None
    assert set(token_roles.roles) == {"member", "reader"}
    with pytest.raises(ValueError, match="no role on that scope"):
        identity.issue_token("bob", project=parent)


def test_unassigning_a_missing_grant_is_not_found(cloud: FakeCloud,
                                                  admin: ServiceClient) -> None:
    where = osinherit.AssignOpts(user_id=cloud.user_id("demo"), domain_id="default")
    with pytest.raises(NotFound) as raised:
        osinherit.unassign(admin, _role_id(admin, "reader"), where).extract_err()
    assert raised.value.status == 404


def test_a_member_is_forbidden_even_for_a_missing_role(cloud: FakeCloud,
                                                       member: ServiceClient) -> None:
    where = osinherit.AssignOpts(user_id=cloud.user_id("demo"), domain_id="default")
    with pytest.raises(Forbidden) as raised:
        osinherit.assign(member, "no-such-role", where).extract_err()
    assert "identity:create_grant" in str(raised.value)


@pytest.mark.parametrize("opts", [
    osinherit.AssignOpts(domain_id="default"),
    osinherit.AssignOpts(user_id="u", group_id="g", domain_id="default"),
    osinherit.AssignOpts(user_id="u"),
    osinherit.AssignOpts(user_id="u", domain_id="default", project_id="p"),
])
def test_bad_options_surface_as_invalid_input_without_a_request(
        admin: ServiceClient, opts: osinherit.AssignOpts) -> None:
    with pytest.raises(InvalidInput):
        osinherit.assign(admin, "r", opts).extract_err()


def test_a_project_has_no_inherited_role_listing(admin: ServiceClient) -> None:
    with pytest.raises(InvalidInput):
        list(osinherit.list_roles(admin, osinherit.AssignOpts(user_id="u",
                                                              project_id="p")).items())
