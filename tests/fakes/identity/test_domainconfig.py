"""The fake Keystone's domain configuration: the model's rules and the API's order."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.errors import DomainConfigNotFound, InvalidDomainConfig
from stackdouble.fakes.identity.models.domainconfig import WHITELISTED_OPTIONS
from tests.fakes.helpers import login


def config_url(cloud: FakeCloud, domain_id: str, *parts: str) -> str:
    return "/".join([cloud.identity_v3_url, "domains", domain_id, "config", *parts])


@pytest.fixture
def domain_id(cloud: FakeCloud) -> str:
    return cloud.identity.create_domain("ldap").id


@pytest.fixture
def admin(http: requests.Session, cloud: FakeCloud) -> requests.Session:
    http.headers["X-Auth-Token"] = login(http, cloud, "admin")
    return http


def test_a_put_replaces_the_whole_configuration(cloud: FakeCloud, domain_id: str) -> None:
    identity = cloud.identity
    identity.create_domain_config(domain_id, {"ldap": {"url": "a", "user": "u"}})
    stored, created = identity.create_domain_config(domain_id, {"identity": {"driver": "ldap"}})
    assert (stored, created) == ({"identity": {"driver": "ldap"}}, False)


def test_a_sensitive_option_is_stored_but_never_read(cloud: FakeCloud, domain_id: str) -> None:
    identity = cloud.identity
    stored, _ = identity.create_domain_config(domain_id, {"ldap": {"url": "a", "password": "p"}})
    assert stored == {"ldap": {"url": "a"}}
    assert identity.domain_config(domain_id, with_sensitive=True) == {
        "ldap": {"url": "a", "password": "p"}}
    with pytest.raises(DomainConfigNotFound) as caught:
        identity.get_domain_config(domain_id, "ldap", "password")
    assert caught.value.message == (f"Could not find option password in group ldap in domain "
                                    f"configuration for domain {domain_id}.")


def test_the_dump_leaves_sensitive_options_out(cloud: FakeCloud, domain_id: str) -> None:
    cloud.identity.create_domain_config(domain_id, {"ldap": {"url": "a", "password": "p"}})
    assert cloud.identity.dump()["domain_configs"] == {domain_id: {"ldap": {"url": "a"}}}
    assert "'p'" not in repr(cloud.identity.dump())


def test_updating_a_group_needs_it_stored(cloud: FakeCloud, domain_id: str) -> None:
    cloud.identity.create_domain_config(domain_id, {"ldap": {"url": "a"}})
    with pytest.raises(DomainConfigNotFound):
        cloud.identity.update_domain_config(domain_id, {"identity": {"driver": "x"}},
                                            "identity")
    assert cloud.identity.domain_config(domain_id) == {"ldap": {"url": "a"}}


@pytest.mark.parametrize(("config", "reason"), [
    ({}, "No options specified"),
    ({"ldap": {}}, "The value of group ldap specified in the config should be a dictionary "
                   "of options"),
    ({"assignment": {"driver": "sql"}}, "Group assignment is not supported for domain "
                                        "specific configurations"),
    ({"identity": {"password": "x"}}, "Option password in group identity is not supported "
                                      "for domain specific configurations"),
])
def test_what_may_not_be_stored(cloud: FakeCloud, domain_id: str, config: dict[str, Any],
                                reason: str) -> None:
    with pytest.raises(InvalidDomainConfig) as caught:
        cloud.identity.create_domain_config(domain_id, config)
    assert caught.value.message == f"Invalid domain specific configuration: {reason}."
    assert cloud.identity.domain_config(domain_id) == {}


def test_deleting_the_domain_deletes_its_configuration(cloud: FakeCloud,
                                                       domain_id: str) -> None:
    cloud.identity.create_domain_config(domain_id, {"ldap": {"url": "a"}})
    cloud.identity.update_domain(domain_id, enabled=False)
    cloud.identity.delete_domain(domain_id)
    assert domain_id not in cloud.identity.domain_configs


def test_the_defaults_cover_every_whitelisted_option(cloud: FakeCloud) -> None:
    defaults = cloud.identity.domain_config_default()
    assert {g: list(opts) for g, opts in defaults.items()} == {
        g: list(opts) for g, opts in WHITELISTED_OPTIONS.items()}


_OPTION = st.sampled_from([("identity", "driver"), ("identity", "list_limit"),
                           ("ldap", "url"), ("ldap", "user"), ("ldap", "password")])
_VALUE = st.one_of(st.text(max_size=5), st.integers(), st.booleans())


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(["put", "patch", "delete"]),
                                st.dictionaries(_OPTION, _VALUE, max_size=3)), max_size=6))
def test_reads_are_the_merged_writes_without_sensitive_options(
        steps: list[tuple[str, dict[tuple[str, str], Any]]]) -> None:
    with FakeCloud(seed=5) as cloud:
        identity = cloud.identity
        domain_id = identity.create_domain("d").id
        expected: dict[tuple[str, str], Any] = {}
        for verb, options in steps:
            nested: dict[str, dict[str, Any]] = {}
            for (group, option), value in options.items():
                nested.setdefault(group, {})[option] = value
            try:
                if verb == "put":
                    identity.create_domain_config(domain_id, nested)
                    expected = dict(options)
                elif verb == "patch":
                    identity.update_domain_config(domain_id, nested)
                    expected.update(options)
                else:
                    identity.delete_domain_config(domain_id)
                    expected = {}
            except (InvalidDomainConfig, DomainConfigNotFound):
                if verb == "patch" and options:
                    expected.update(options)  # Keystone merged, then found nothing to show
        readable: dict[str, dict[str, Any]] = {}
        for (group, option), value in expected.items():
            if option != "password":
                readable.setdefault(group, {})[option] = value
        assert identity.domain_config(domain_id) == readable


def test_a_read_checks_the_policy_then_the_configuration(cloud: FakeCloud,
                                                         http: requests.Session) -> None:
    http.headers["X-Auth-Token"] = login(http, cloud)
    resp = http.get(config_url(cloud, "nope"))
    assert resp.status_code == 403
    assert resp.json()["error"]["message"].endswith("identity:get_domain_config.")


def test_a_missing_domain_reads_as_a_missing_configuration(cloud: FakeCloud,
                                                           admin: requests.Session) -> None:
    resp = admin.get(config_url(cloud, "nope", "ldap", "url"))
    assert (resp.status_code, resp.json()["error"]["message"]) == (
        404, "Could not find option url in group ldap in domain configuration for domain "
             "nope.")


def test_a_write_checks_the_domain_first(cloud: FakeCloud, admin: requests.Session) -> None:
    resp = admin.put(config_url(cloud, "nope"), json={"config": {}})
    assert (resp.status_code, resp.json()["error"]["message"]) == (
        404, "Could not find domain: nope.")


def test_put_answers_201_then_200(cloud: FakeCloud, admin: requests.Session,
                                  domain_id: str) -> None:
    body = {"config": {"ldap": {"url": "ldap://a", "password": "p"}}}
    first = admin.put(config_url(cloud, domain_id), json=body)
    second = admin.put(config_url(cloud, domain_id), json=body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == {"config": {"ldap": {"url": "ldap://a"}}}


def test_a_config_that_is_not_an_object_is_a_400_not_a_500(
        cloud: FakeCloud, admin: requests.Session, domain_id: str) -> None:
    for body in ({"config": "ldap"}, {"config": [1]}):
        resp = admin.put(config_url(cloud, domain_id), json=body)
        assert resp.status_code == 400
    assert cloud.identity.domain_config(domain_id) == {}


def test_one_options_config_that_is_not_an_object_is_keystones_403(
        cloud: FakeCloud, admin: requests.Session, domain_id: str) -> None:
    cloud.identity.create_domain_config(domain_id, {"ldap": {"url": "a"}})
    resp = admin.patch(config_url(cloud, domain_id, "ldap", "url"), json={"config": "b"})
    assert resp.status_code == 403
    assert "The value of group ldap specified" in resp.json()["error"]["message"]


def test_head_answers_as_get_without_a_body(cloud: FakeCloud, admin: requests.Session,
                                            domain_id: str) -> None:
    cloud.identity.create_domain_config(domain_id, {"ldap": {"url": "a"}})
    resp = admin.head(config_url(cloud, domain_id))
    assert (resp.status_code, resp.content) == (200, b"")


def test_the_defaults_route_is_not_a_domain(cloud: FakeCloud, admin: requests.Session) -> None:
    resp = admin.get(cloud.identity_v3_url + "/domains/config/identity/driver/default")
    assert resp.json() == {"config": {"driver": "sql"}}
