"""The admin API through the client, end to end against the in-process fake."""

from __future__ import annotations

import pytest

from stackdouble.client import (
    AuthOptions,
    Conflict,
    EndpointOpts,
    Forbidden,
    NotFound,
    ServiceClient,
    openstack,
)
from stackdouble.client.openstack.identity.v3 import (
    applicationcredentials,
    endpoints,
    groups,
    projects,
    roles,
    services,
    tokens,
    users,
)
from stackdouble.fakes import FakeCloud


def _role_id(client: ServiceClient, name: str) -> str:
    return str(next(r.id for r in roles.list(client).items() if r.name == name))


def test_a_new_user_granted_a_role_authenticates_scoped_to_the_new_project(
        cloud: FakeCloud, admin: ServiceClient) -> None:
    project = projects.create(admin, projects.CreateOpts(name="team", tags=["x"])).extract()
    user = users.create(admin, users.CreateOpts(name="alice", password="pw",
                                                default_project_id=project.id)).extract()
    roles.assign(admin, _role_id(admin, "member"),
                 roles.AssignOpts(user_id=user.id, project_id=project.id)).extract_err()

    provider = openstack.authenticated_client(AuthOptions(
        identity_endpoint=cloud.auth_url, username="alice", password="pw",
        domain_name="Default", project_id=project.id))
    result = provider.auth_result
    assert result.extract_project().name == "team"
    assert sorted(r.name for r in result.extract_roles()) == ["member", "reader"]


def test_effective_assignments_show_implied_roles_and_where_they_came_from(
        cloud: FakeCloud, admin: ServiceClient) -> None:
    demo = cloud.user_id("demo")
    opts = roles.ListAssignmentsOpts(user_id=demo, effective=True, include_names=True)
    found = {a.role.name: a for a in roles.list_assignments(admin, opts).items()}
    direct = list(roles.list_assignments(admin, roles.ListAssignmentsOpts(user_id=demo)).items())
    assert sorted(found) == ["member", "reader"]
    assert found["reader"].implied_by == found["member"].role.id
    assert found["member"].implied_by is None
    assert found["reader"].project is not None
    assert found["reader"].project.name == "demo"
    assert [a.role.id for a in direct] == [found["member"].role.id]


def test_group_membership_shows_in_effective_assignments(cloud: FakeCloud,
                                                         admin: ServiceClient) -> None:
    group = groups.create(admin, groups.CreateOpts(name="ops")).extract()
    groups.add_user(admin, group.id, cloud.user_id("demo")).extract_err()
    roles.assign(admin, _role_id(admin, "reader"),
                 roles.AssignOpts(group_id=group.id, project_id=cloud.project_id("service"))
                 ).extract_err()
    opts = roles.ListAssignmentsOpts(user_id=cloud.user_id("demo"),
                                     scope_project_id=cloud.project_id("service"), effective=True)
    [assignment] = roles.list_assignments(admin, opts).items()
    assert assignment.inherited_from_group == group.id
    assert [g.name for g in users.list_groups(admin, cloud.user_id("demo")).items()] == ["ops"]


def test_an_application_credential_authenticates_until_it_is_deleted(
        cloud: FakeCloud, member: ServiceClient) -> None:
    me = cloud.user_id("demo")
    cred = applicationcredentials.create(
        member, me, applicationcredentials.CreateOpts(name="ci")).extract()
    opts = AuthOptions(identity_endpoint=cloud.auth_url, application_credential_id=cred.id,
                       application_credential_secret=cred.secret)
    token = openstack.authenticated_client(opts).token_id or ""
    assert tokens.validate(member, token)

    applicationcredentials.delete(member, me, cred.id).extract_err()
    holder = openstack.new_client(cloud.auth_url)
    holder.set_token(token)
    refused = holder.session.get(cloud.base_url + "/compute/v2.1/servers",
                                 headers={"X-Auth-Token": token})
    with pytest.raises(NotFound) as unknown:  # Keystone's own answers name the credential
        openstack.authenticated_client(opts)
    with pytest.raises(NotFound):
        projects.list_available(openstack.new_identity_v3(holder)).all_pages()
    assert refused.status_code == 401
    assert not tokens.validate(member, token)
    assert unknown.value.body["error"]["message"] == (
        f"Could not find Application Credential: {cred.id}.")


def test_the_secret_is_shown_once_and_never_in_a_repr(cloud: FakeCloud,
                                                      member: ServiceClient) -> None:
    me = cloud.user_id("demo")
    opts = applicationcredentials.CreateOpts(name="ci", secret="hunter2-hunter2")
    cred = applicationcredentials.create(member, me, opts).extract()
    again = applicationcredentials.get(member, me, cred.id).extract()
    assert cred.secret == "hunter2-hunter2"
    assert again.secret is None
    assert "hunter2" not in repr(cred)
    assert "hunter2" not in repr(opts)


def test_a_new_service_and_endpoint_reach_a_fresh_tokens_catalog(
        cloud: FakeCloud, admin: ServiceClient) -> None:
    service = services.create(admin, services.CreateOpts(type="dns", name="designate")).extract()
    endpoints.create(admin, endpoints.CreateOpts(
        service_id=service.id, interface="public", region="RegionOne",
        url=cloud.base_url + "/dns/v2/$(project_id)s")).extract()

    fresh = openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
    client = openstack.new_service_client(fresh, EndpointOpts(region="RegionOne"), "dns")
    assert client.endpoint == f"{cloud.base_url}/dns/v2/{cloud.project_id('demo')}/"


def test_a_member_is_forbidden_with_keystones_rule(member: ServiceClient) -> None:
    with pytest.raises(Forbidden) as caught:
        projects.create(member, projects.CreateOpts(name="mine")).extract()
    assert caught.value.body["error"]["message"] == (
        "You are not authorized to perform the requested action: identity:create_project.")


def test_a_duplicate_user_is_a_conflict(admin: ServiceClient) -> None:
    with pytest.raises(Conflict) as caught:
        users.create(admin, users.CreateOpts(name="demo")).extract()
    assert caught.value.status == 409


def test_bad_assign_options_surface_from_the_result_not_the_call(admin: ServiceClient) -> None:
    result = roles.assign(admin, "r", roles.AssignOpts(user_id="u", group_id="g",
                                                       project_id="p"))
    assert not result.ok
    with pytest.raises(ValueError, match="exactly one of user_id or group_id"):
        result.extract_err()


def test_check_is_false_for_a_missing_assignment(cloud: FakeCloud, admin: ServiceClient) -> None:
    where = roles.AssignOpts(user_id=cloud.user_id("demo"), domain_id="default")
    assert roles.check(admin, _role_id(admin, "reader"), where).extract() is False


def test_password_change_revokes_the_old_token(cloud: FakeCloud, member: ServiceClient) -> None:
    old = member.provider.token_id or ""
    users.change_password(member, cloud.user_id("demo"), users.ChangePasswordOpts(
        original_password="demo-secret", password="fresh")).extract_err()
    admin_identity = openstack.new_identity_v3(
        openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ("admin"))))
    assert not tokens.validate(admin_identity, old)


def test_project_tags_round_trip(admin: ServiceClient) -> None:
    project = projects.create(admin, projects.CreateOpts(name="tagged")).extract()
    projects.modify_tags(admin, project.id, projects.ModifyTagsOpts(tags=["a", "b"])).extract()
    assert projects.list_tags(admin, project.id).extract() == ["a", "b"]
    projects.delete_tags(admin, project.id).extract_err()
    assert projects.get(admin, project.id).extract().tags == ()


def test_deleting_a_missing_group_is_not_found(admin: ServiceClient) -> None:
    with pytest.raises(NotFound):
        groups.delete(admin, "nope").extract_err()
