"""Keystone's domain configuration API (`/v3/domains/{id}/config`), as Keystone 30 answers.

The admin configures a domain of the test's own (`contract-domainconfig`, removed after);
the demo member may read only `security_compliance` of the Default domain. The LDAP
password is a sensitive option: stored, never read back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

INVALID = "Invalid domain specific configuration: "


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


def _remove_domain(admin: ServiceClient, name: str) -> None:
    base = v3(admin)
    for stale in call(admin, "GET", f"{base}/domains?name={name}").json()["domains"]:
        url = f"{base}/domains/{stale['id']}"
        call(admin, "PATCH", url, json={"domain": {"enabled": False}})
        call(admin, "DELETE", url)


@pytest.fixture
def domain(admin: ServiceClient) -> Iterator[str]:
    """A new domain's id; the domain (and so its configuration) is removed after."""
    _remove_domain(admin, "contract-domainconfig")
    made = call(admin, "POST", v3(admin) + "/domains",
                json={"domain": {"name": "contract-domainconfig"}})
    assert made.status_code == 201
    yield made.json()["domain"]["id"]
    _remove_domain(admin, "contract-domainconfig")


def error(resp: Any) -> tuple[int, str]:
    return resp.status_code, resp.json()["error"]["message"]


def test_a_domains_configuration_is_replaced_read_merged_and_deleted(
        admin: ServiceClient, domain: str) -> None:
    url = f"{v3(admin)}/domains/{domain}/config"
    first = call(admin, "PUT", url, json={"config": {
        "identity": {"driver": "ldap"},
        "ldap": {"url": "ldap://x", "password": "contract-ldap", "page_size": 5}}})
    assert first.status_code == 201
    assert first.json() == {"config": {"identity": {"driver": "ldap"},
                                       "ldap": {"url": "ldap://x", "page_size": 5}}}
    again = call(admin, "PUT", url, json={"config": {
        "identity": {"driver": "ldap"}, "ldap": {"url": "ldap://y", "password": "x"}}})
    assert again.status_code == 200
    whole = {"identity": {"driver": "ldap"}, "ldap": {"url": "ldap://y"}}
    assert again.json() == {"config": whole}
    assert call(admin, "GET", url).json() == {"config": whole}
    head = call(admin, "HEAD", url)
    assert (head.status_code, head.content) == (200, b"")
    assert call(admin, "GET", url + "/ldap").json() == {"config": {"ldap": {"url": "ldap://y"}}}
    assert call(admin, "GET", url + "/ldap/url").json() == {"config": {"url": "ldap://y"}}
    assert error(call(admin, "GET", url + "/ldap/password")) == (
        404, f"Could not find option password in group ldap in domain configuration for "
             f"domain {domain}.")
    patched = call(admin, "PATCH", url + "/ldap/url", json={"config": {"url": "ldap://z"}})
    assert patched.json() == {"config": {"identity": {"driver": "ldap"},
                                         "ldap": {"url": "ldap://z"}}}
    patched = call(admin, "PATCH", url + "/ldap", json={"config": {"ldap": {"user": "cn=x"}}})
    assert patched.json()["config"]["ldap"] == {"url": "ldap://z", "user": "cn=x"}
    patched = call(admin, "PATCH", url, json={"config": {"ldap": {"suffix": "dc=x"}}})
    assert patched.json()["config"]["ldap"] == {"url": "ldap://z", "user": "cn=x",
                                                "suffix": "dc=x"}
    assert call(admin, "DELETE", url + "/ldap/suffix").status_code == 204
    assert call(admin, "DELETE", url + "/identity").status_code == 204
    assert error(call(admin, "DELETE", url + "/identity")) == (
        404, f"Could not find group identity in domain configuration for domain {domain}.")
    assert call(admin, "GET", url).json() == {"config": {"ldap": {"url": "ldap://z",
                                                                  "user": "cn=x"}}}
    assert call(admin, "DELETE", url).status_code == 204
    assert call(admin, "DELETE", url).status_code == 204
    assert error(call(admin, "GET", url)) == (
        404, f"Could not find any options in domain configuration for domain {domain}.")


def test_what_keystone_refuses_to_store(admin: ServiceClient, domain: str) -> None:
    url = f"{v3(admin)}/domains/{domain}/config"

    def put(config: Any) -> tuple[int, str]:
        return error(call(admin, "PUT", url, json={"config": config}))

    assert put({}) == (403, INVALID + "No options specified.")
    assert put({"bogus": {"a": 1}}) == (
        403, INVALID + "Group bogus is not supported for domain specific configurations.")
    assert put({"ldap": "x"}) == (
        403, INVALID + "The value of group ldap specified in the config should be a "
                       "dictionary of options.")
    assert put({"ldap": {"nope": 1}}) == (
        403, INVALID + "Option nope in group ldap is not supported for domain specific "
                       "configurations.")
    # Only a sensitive option: stored, yet nothing can be read.
    only_secret = call(admin, "PUT", url, json={"config": {"ldap": {"password": "p"}}})
    assert (only_secret.status_code, only_secret.json()) == (201, {"config": {}})
    assert error(call(admin, "GET", url))[0] == 404
    assert call(admin, "PUT", url, json={"config": {"ldap": {"url": "ldap://x"}}}
                ).status_code == 200
    assert error(call(admin, "PATCH", url + "/ldap/url", json={"config": {"user": "u"}})) == (
        403, INVALID + "Trying to update option url in group ldap, but config provided "
                       "contains option user instead.")
    assert error(call(admin, "PATCH", url + "/ldap", json={"config": {
        "identity": {"driver": "sql"}}})) == (
        403, INVALID + "request to update group ldap, but config provided contains group "
                       "identity instead.")
    assert error(call(admin, "PATCH", url + "/ldap/suffix", json={"config": {"suffix": "s"}})
                 ) == (404, f"Could not find option suffix in group ldap in domain "
                            f"configuration for domain {domain}.")
    assert error(call(admin, "DELETE", url + "/ldap/tls_cacertdir"))[0] == 404
    assert error(call(admin, "DELETE", url + "/bogus")) == (
        403, INVALID + "Group bogus is not supported for domain specific configurations.")
    assert call(admin, "DELETE", url).status_code == 204


def test_a_missing_domain_reads_as_a_missing_configuration(admin: ServiceClient) -> None:
    base = f"{v3(admin)}/domains/contractnosuchdomain/config"
    assert error(call(admin, "GET", base)) == (
        404, "Could not find any options in domain configuration for domain "
             "contractnosuchdomain.")
    assert error(call(admin, "GET", base + "/ldap")) == (
        404, "Could not find group ldap in domain configuration for domain "
             "contractnosuchdomain.")
    for method in ("PUT", "PATCH"):
        assert error(call(admin, method, base, json={"config": {"ldap": {"url": "x"}}})) == (
            404, "Could not find domain: contractnosuchdomain.")
    assert error(call(admin, "DELETE", base)) == (
        404, "Could not find domain: contractnosuchdomain.")


def test_a_member_reads_only_the_default_domains_security_compliance(
        openstack_identity: ServiceClient, domain: str) -> None:
    member = openstack_identity
    base = v3(member)
    denied = "You are not authorized to perform the requested action: identity:"
    assert error(call(member, "PUT", f"{base}/domains/{domain}/config", json={
        "config": {"ldap": {"url": "x"}}})) == (403, denied + "create_domain_config.")
    assert error(call(member, "GET", f"{base}/domains/{domain}/config")) == (
        403, denied + "get_domain_config.")
    assert error(call(member, "GET", f"{base}/domains/config/default")) == (
        403, denied + "get_domain_config_default.")
    compliance = f"{base}/domains/default/config/security_compliance"
    assert call(member, "GET", compliance).json() == {"config": {"security_compliance": {
        "password_regex": None, "password_regex_description": None}}}
    assert call(member, "GET", compliance + "/password_regex").json() == {
        "config": {"password_regex": None}}
    assert error(call(member, "GET", compliance + "/lockout_duration")) == (
        403, INVALID + "Reading security compliance values other than password_regex and "
                       "password_regex_description is not allowed..")
    assert error(call(member, "GET", f"{base}/domains/{domain}/config/security_compliance")
                 ) == (403, INVALID + "Reading security compliance information for any "
                                      "domain other than the default domain is not allowed "
                                      "or supported..")


def test_the_defaults_are_keystone_confs(admin: ServiceClient) -> None:
    base = f"{v3(admin)}/domains/config"
    defaults = call(admin, "GET", base + "/default").json()["config"]
    assert defaults["identity"] == {"driver": "sql", "list_limit": None}
    assert defaults["ldap"]["url"] == "ldap://localhost"
    assert "password" not in defaults["ldap"]
    assert len(defaults["ldap"]) == 49
    assert call(admin, "GET", base + "/ldap/default").json() == {"config": {
        "ldap": defaults["ldap"]}}
    assert call(admin, "GET", base + "/ldap/page_size/default").json() == {
        "config": {"page_size": 0}}
    assert error(call(admin, "GET", base + "/ldap/password/default")) == (
        403, INVALID + "Reading the default for option password in group ldap is not "
                       "supported.")
    assert error(call(admin, "GET", base + "/bogus/default")) == (
        403, INVALID + "Group bogus is not supported for domain specific configurations.")
