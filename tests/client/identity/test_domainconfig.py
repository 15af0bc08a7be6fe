"""Domain configuration through the client (`identity/v3/domainconfig/`), end to end
against the in-process fake."""

from __future__ import annotations

import pickle

import pytest

from stackdouble.client import Forbidden, NotFound, ServiceClient
from stackdouble.client.openstack.identity.v3 import domainconfig
from stackdouble.fakes import FakeCloud


@pytest.fixture
def domain_id(cloud: FakeCloud) -> str:
    return cloud.identity.create_domain("ldap").id


LDAP = {"identity": {"driver": "ldap"}, "ldap": {"url": "ldap://a", "password": "s3cr3t"}}


def test_create_returns_what_is_stored_without_the_password(admin: ServiceClient,
                                                            domain_id: str) -> None:
    stored = domainconfig.create(admin, domain_id, domainconfig.CreateOpts(config=LDAP)
                                 ).extract()
    assert stored.groups == {"identity": {"driver": "ldap"}, "ldap": {"url": "ldap://a"}}
    assert stored.identity == {"driver": "ldap"}


def test_create_again_replaces_it(admin: ServiceClient, domain_id: str) -> None:
    domainconfig.create(admin, domain_id, domainconfig.CreateOpts(config=LDAP)).extract()
    again = domainconfig.create(admin, domain_id, domainconfig.CreateOpts(
        config={"ldap": {"user": "cn=admin"}})).extract()
    assert again.groups == {"ldap": {"user": "cn=admin"}}


def test_the_password_never_reaches_a_repr(admin: ServiceClient, domain_id: str) -> None:
    opts = domainconfig.CreateOpts(config=LDAP)
    assert "s3cr3t" not in repr(opts)
    result = domainconfig.create(admin, domain_id, opts)
    assert "s3cr3t" not in repr(result.extract())


def test_read_by_group_and_by_option(admin: ServiceClient, domain_id: str) -> None:
    domainconfig.create(admin, domain_id, domainconfig.CreateOpts(config=LDAP)).extract()
    assert domainconfig.get(admin, domain_id).extract().ldap == {"url": "ldap://a"}
    assert domainconfig.get_group(admin, domain_id, "ldap").extract().groups == {
        "ldap": {"url": "ldap://a"}}
    assert domainconfig.get_option(admin, domain_id, "ldap", "url").extract() == "ldap://a"


def test_a_sensitive_option_reads_as_not_found(admin: ServiceClient, domain_id: str) -> None:
    domainconfig.create(admin, domain_id, domainconfig.CreateOpts(config=LDAP)).extract()
    with pytest.raises(NotFound) as caught:
        domainconfig.get_option(admin, domain_id, "ldap", "password").extract()
    assert "Could not find option password in group ldap" in str(caught.value)
    pickle.loads(pickle.dumps(caught.value))


def test_updates_merge_and_answer_the_whole_configuration(admin: ServiceClient,
                                                          domain_id: str) -> None:
    domainconfig.create(admin, domain_id, domainconfig.CreateOpts(config=LDAP)).extract()
    merged = domainconfig.update(admin, domain_id, domainconfig.UpdateOpts(
        config={"ldap": {"user": "cn=x"}})).extract()
    assert merged.ldap == {"url": "ldap://a", "user": "cn=x"}
    group = domainconfig.update_group(admin, domain_id, "ldap", domainconfig.UpdateOpts(
        config={"ldap": {"suffix": "dc=x"}})).extract()
    assert group.ldap["suffix"] == "dc=x"
    one = domainconfig.update_option(admin, domain_id, "identity", "driver", "sql").extract()
    assert one.identity == {"driver": "sql"}


def test_updating_an_option_never_set_is_not_found(admin: ServiceClient,
                                                   domain_id: str) -> None:
    domainconfig.create(admin, domain_id, domainconfig.CreateOpts(config=LDAP)).extract()
    with pytest.raises(NotFound):
        domainconfig.update_option(admin, domain_id, "ldap", "suffix", "dc=x").extract()


def test_deletes_by_option_group_and_whole(admin: ServiceClient, domain_id: str) -> None:
    domainconfig.create(admin, domain_id, domainconfig.CreateOpts(config=LDAP)).extract()
    domainconfig.delete_option(admin, domain_id, "ldap", "url").extract_err()
    domainconfig.delete_group(admin, domain_id, "identity").extract_err()
    with pytest.raises(NotFound):
        domainconfig.delete_group(admin, domain_id, "identity").extract_err()
    domainconfig.delete(admin, domain_id).extract_err()
    with pytest.raises(NotFound):
        domainconfig.get(admin, domain_id).extract()


def test_an_unsupported_option_is_forbidden(admin: ServiceClient, domain_id: str) -> None:
    with pytest.raises(Forbidden) as caught:
        domainconfig.create(admin, domain_id, domainconfig.CreateOpts(
            config={"ldap": {"nope": 1}})).extract()
    assert caught.value.status == 403
    assert "Option nope in group ldap is not supported" in str(caught.value)


def test_a_member_may_not_read_it(member: ServiceClient, domain_id: str) -> None:
    with pytest.raises(Forbidden):
        domainconfig.get(member, domain_id).extract()


def test_the_defaults(admin: ServiceClient) -> None:
    assert domainconfig.get_default(admin).extract().identity == {"driver": "sql",
                                                                  "list_limit": None}
    assert set(domainconfig.get_default_group(admin, "ldap").extract().groups) == {"ldap"}
    assert domainconfig.get_default_option(admin, "ldap", "page_size").extract() == 0
    with pytest.raises(Forbidden):
        domainconfig.get_default_option(admin, "ldap", "password").extract()


def test_a_member_reads_the_default_domains_security_compliance(member: ServiceClient) -> None:
    config = domainconfig.get_group(member, "default", "security_compliance").extract()
    assert config.groups == {"security_compliance": {"password_regex": None,
                                                     "password_regex_description": None}}
