"""Application credential access rules through the client
(`identity/v3/applicationcredentials/`), against the in-process fake."""

from __future__ import annotations

import pytest

from stackdouble.client import (
    AuthOptions,
    Forbidden,
    NotFound,
    ServiceClient,
    Unauthorized,
    openstack,
)
from stackdouble.client.openstack.identity.v3 import applicationcredentials as ac
from stackdouble.client.openstack.identity.v3 import users
from stackdouble.fakes import FakeCloud


@pytest.fixture
def me(cloud: FakeCloud) -> str:
    return cloud.user_id("demo")


def whoami_rule(me: str) -> ac.AccessRule:
    return ac.AccessRule(service="identity", method="GET", path="/identity/v3/users/" + me)


def test_create_sends_and_returns_access_rules(member: ServiceClient, me: str) -> None:
    cred = ac.create(member, me, ac.CreateOpts(name="ci", access_rules=[
        whoami_rule(me), {"service": "compute", "method": "GET", "path": "/servers"}])).extract()
    assert [(r.service, r.method) for r in cred.access_rules] == [("identity", "GET"),
                                                                  ("compute", "GET")]
    assert all(r.id for r in cred.access_rules)
    assert ac.get(member, me, cred.id).extract().access_rules == cred.access_rules


def test_list_get_and_filter_rules(member: ServiceClient, me: str) -> None:
    ac.create(member, me, ac.CreateOpts(name="ci", access_rules=[
        whoami_rule(me), ac.AccessRule(service="compute", method="GET", path="/x")])).extract()
    listed = [r for r in ac.list_access_rules(member, me).items()]
    assert len(listed) == 2
    compute = [r for r in ac.list_access_rules(
        member, me, ac.ListAccessRulesOpts(service="compute")).items()]
    assert [r.path for r in compute] == ["/x"]
    assert ac.get_access_rule(member, me, compute[0].id or "").extract() == compute[0]


def test_a_rule_in_use_is_forbidden_to_delete(member: ServiceClient, me: str) -> None:
    cred = ac.create(member, me, ac.CreateOpts(name="ci", access_rules=[whoami_rule(me)])
                     ).extract()
    rule_id = cred.access_rules[0].id or ""
    with pytest.raises(Forbidden) as caught:
        ac.delete_access_rule(member, me, rule_id).extract_err()
    assert "May not delete access rule in use" in str(caught.value)
    ac.delete(member, me, cred.id).extract_err()
    ac.delete_access_rule(member, me, rule_id).extract_err()
    with pytest.raises(NotFound):
        ac.get_access_rule(member, me, rule_id).extract()


def test_a_restricted_credentials_client_gets_only_what_its_rules_allow(
        cloud: FakeCloud, member: ServiceClient, me: str) -> None:
    cred = ac.create(member, me, ac.CreateOpts(name="ci", access_rules=[whoami_rule(me)])
                     ).extract()
    provider = openstack.authenticated_client(AuthOptions(
        identity_endpoint=cloud.auth_url, application_credential_id=cred.id,
        application_credential_secret=cred.secret))
    restricted = openstack.new_identity_v3(provider)
    assert users.get(restricted, me).extract().id == me
    with pytest.raises(Unauthorized):
        users.list_projects(restricted, me).all_pages()
