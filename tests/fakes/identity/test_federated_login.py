"""Federated login in the fake Keystone: the `mapped` method and OS-FEDERATION's
`.../protocols/{protocol}/auth`, the mapping engine (Keystone's `RuleProcessor`), shadow
users, groups and projects, rescoping, and the cascades of deleting an identity provider or
its domain. The assertion comes from request headers (`HTTP_*` in the environ), as from a
web server passing an IdP's claims as headers."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.errors import ValidationError
from stackdouble.fakes.identity.models.federatedauth import (
    assertion_from_environ,
    process_mapping,
    public_id,
)
from stackdouble.fakes.identity.models.federation import MappingRules
from tests.fakes.helpers import login

USER = {"type": "HTTP_OIDC_USER"}


def fed(cloud: FakeCloud, path: str) -> str:
    return cloud.identity_v3_url + "/OS-FEDERATION" + path


def setup_idp(cloud: FakeCloud, rules: list[dict[str, Any]], *, version: str = "1.0",
              idp: str = "acme", protocol: str = "mapped", enabled: bool = True,
              remote_ids: tuple[str, ...] = (),
              remote_id_attribute: str | None = None) -> str:
    """An identity provider with one protocol and mapping; returns the IdP's domain id."""
    identity = cloud.identity
    identity.create_mapping("m-" + idp, rules, version)
    made = identity.create_identity_provider(idp, enabled=enabled, remote_ids=remote_ids)
    identity.create_protocol(idp, protocol, "m-" + idp, remote_id_attribute)
    return made.domain_id


def fed_auth(http: requests.Session, cloud: FakeCloud, headers: dict[str, str], *,
             idp: str = "acme", protocol: str = "mapped") -> requests.Response:
    return http.post(fed(cloud, f"/identity_providers/{idp}/protocols/{protocol}/auth"),
                     headers=headers)


def mapped_body(idp: str = "acme", protocol: str = "mapped",
                scope: dict[str, Any] | None = None) -> dict[str, Any]:
    auth: dict[str, Any] = {"identity": {"methods": ["mapped"], "mapped": {
        "identity_provider": idp, "protocol": protocol}}}
    if scope is not None:
        auth["scope"] = scope
    return {"auth": auth}


def test_a_login_gives_an_unscoped_federated_token(cloud: FakeCloud,
                                                   http: requests.Session) -> None:
    group = cloud.identity.create_group("staff")
    domain_id = setup_idp(cloud, [{"remote": [USER], "local": [
        {"user": {"name": "{0}"}}, {"group": {"id": group.id}}]}])
    resp = fed_auth(http, cloud, {"OIDC-User": "alice"})
    assert resp.status_code == 201, resp.text
    assert resp.headers["X-Subject-Token"]
    token = resp.json()["token"]
    assert token["methods"] == ["mapped"]
    assert "project" not in token
    assert "catalog" not in token
    user = token["user"]
    assert user["name"] == "alice"
    assert user["domain"]["id"] == domain_id
    assert user["id"] == public_id(domain_id, "alice")
    assert "password_expires_at" not in user
    assert user["OS-FEDERATION"] == {"groups": [{"id": group.id}],
                                     "identity_provider": {"id": "acme"},
                                     "protocol": {"id": "mapped"}}


def test_the_mapped_method_of_auth_tokens_logs_in_too(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [{"user": {"name": "{0}"}}]}])
    resp = http.post(cloud.identity_v3_url + "/auth/tokens", json=mapped_body(),
                     headers={"OIDC-User": "bob"})
    assert resp.status_code == 201, resp.text
    assert resp.json()["token"]["user"]["OS-FEDERATION"]["identity_provider"] == {"id": "acme"}


def test_get_on_the_auth_route_logs_in(cloud: FakeCloud, http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [{"user": {"name": "{0}"}}]}])
    resp = http.get(fed(cloud, "/identity_providers/acme/protocols/mapped/auth"),
                    headers={"OIDC-User": "carol"})
    assert resp.status_code == 201


def test_the_same_remote_user_is_the_same_shadow_user(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER, {"type": "HTTP_OIDC_EMAIL"}],
                       "local": [{"user": {"name": "{0}", "email": "{1}"}}]}])
    first = fed_auth(http, cloud, {"OIDC-User": "dan", "OIDC-Email": "d@x"}).json()
    second = fed_auth(http, cloud, {"OIDC-User": "dan", "OIDC-Email": "dan@y"}).json()
    user_id = first["token"]["user"]["id"]
    assert second["token"]["user"]["id"] == user_id
    assert cloud.identity.users[user_id].email == "dan@y"


def test_no_matching_rule_is_a_401(cloud: FakeCloud, http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [{"user": {"name": "{0}"}}]}])
    resp = fed_auth(http, cloud, {"OIDC-Other": "x"})
    assert resp.status_code == 401
    assert resp.json()["error"]["message"] == (
        "The request you have made requires authentication.")
    assert not cloud.identity.federated_users


def test_a_disabled_identity_provider_is_a_403(cloud: FakeCloud,
                                               http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [{"user": {"name": "{0}"}}]}],
              enabled=False)
    resp = fed_auth(http, cloud, {"OIDC-User": "x"})
    assert resp.status_code == 403
    assert resp.json()["error"]["message"] == (
        "You are not authorized to perform the requested action.")


def test_unknown_identity_provider_and_protocol_are_404s(cloud: FakeCloud,
                                                         http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [{"user": {"name": "{0}"}}]}])
    resp = fed_auth(http, cloud, {"OIDC-User": "x"}, idp="nope")
    assert resp.status_code == 404
    assert resp.json()["error"]["message"] == "Could not find Identity Provider: nope."
    resp = http.post(cloud.identity_v3_url + "/auth/tokens",
                     json=mapped_body(protocol="saml2"), headers={"OIDC-User": "x"})
    assert resp.status_code == 404
    assert resp.json()["error"]["message"] == (
        "Could not find federated protocol saml2 for Identity Provider: acme.")


def test_a_protocol_not_among_the_auth_methods_is_unsupported(
        cloud: FakeCloud, http: requests.Session) -> None:
    """The auth route's method is the protocol's id: `openid` is not in Keystone's default
    `[auth] methods`."""
    setup_idp(cloud, [{"remote": [USER], "local": [{"user": {"name": "{0}"}}]}],
              protocol="openid")
    resp = fed_auth(http, cloud, {"OIDC-User": "x"}, protocol="openid")
    assert resp.status_code == 401
    assert resp.json()["error"]["identity"]["methods"]


def test_the_mapped_payload_needs_an_identity_provider(cloud: FakeCloud,
                                                       http: requests.Session) -> None:
    body = {"auth": {"identity": {"methods": ["mapped"], "mapped": {"protocol": "mapped"}}}}
    resp = http.post(cloud.identity_v3_url + "/auth/tokens", json=body)
    assert resp.status_code == 400
    assert resp.json()["error"]["message"].startswith(
        "Expecting to find identity_provider in mapped.")


def test_remote_ids_are_checked_against_the_remote_id_attribute(
        cloud: FakeCloud, http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [{"user": {"name": "{0}"}}]}],
              remote_ids=("https://idp.example",), remote_id_attribute="HTTP_OIDC_ISS")
    missing = fed_auth(http, cloud, {"OIDC-User": "x"})
    assert missing.status_code == 400
    assert missing.json()["error"]["message"] == (
        "Could not find Identity Provider identifier in environment")
    wrong = fed_auth(http, cloud, {"OIDC-User": "x", "OIDC-Iss": "https://evil"})
    assert wrong.status_code == 403
    right = fed_auth(http, cloud, {"OIDC-User": "x", "OIDC-Iss": "https://idp.example"})
    assert right.status_code == 201


def test_mapped_projects_are_created_and_granted_then_scoped_to(
        cloud: FakeCloud, http: requests.Session) -> None:
    domain_id = setup_idp(cloud, [{"remote": [USER], "local": [
        {"user": {"name": "{0}"}, "projects": [
            {"name": "Prod", "roles": [{"name": "member"}]}]}]}])
    unscoped = fed_auth(http, cloud, {"OIDC-User": "erin"}).headers["X-Subject-Token"]
    listed = http.get(cloud.identity_v3_url + "/auth/projects",
                      headers={"X-Auth-Token": unscoped}).json()["projects"]
    assert [(p["name"], p["domain_id"]) for p in listed] == [("Prod", domain_id)]
    body = {"auth": {"identity": {"methods": ["token"], "token": {"id": unscoped}},
                     "scope": {"project": {"id": listed[0]["id"]}}}}
    resp = http.post(cloud.identity_v3_url + "/auth/tokens", json=body)
    assert resp.status_code == 201, resp.text
    token = resp.json()["token"]
    assert token["project"]["name"] == "Prod"
    assert {r["name"] for r in token["roles"]} == {"member", "reader"}
    assert token["methods"] == ["token", "mapped"]
    assert token["user"]["OS-FEDERATION"]["identity_provider"] == {"id": "acme"}
    assert token["catalog"]


def test_a_rescoped_token_keeps_the_federated_tokens_expiry(
        cloud: FakeCloud, http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [
        {"user": {"name": "{0}"}, "projects": [{"name": "P", "roles": [{"name": "member"}]}]}]}])
    first = fed_auth(http, cloud, {"OIDC-User": "x"})
    cloud.clock.advance(60)
    body = {"auth": {"identity": {"methods": ["token"], "token": {
        "id": first.headers["X-Subject-Token"]}}, "scope": {"project": {
            "name": "P", "domain": {"id": first.json()["token"]["user"]["domain"]["id"]}}}}}
    second = http.post(cloud.identity_v3_url + "/auth/tokens", json=body)
    assert second.json()["token"]["expires_at"] == first.json()["token"]["expires_at"]


def test_groups_give_roles_and_projects(cloud: FakeCloud, http: requests.Session) -> None:
    identity = cloud.identity
    group = identity.create_group("ops", domain_id="default")
    project = identity.create_project("ops-project")
    identity.grant_role("member", group=group.id, project=project.id)
    setup_idp(cloud, [{"remote": [USER, {"type": "HTTP_OIDC_GROUPS", "any_one_of": ["ops"]}],
                       "local": [{"user": {"name": "{0}"}},
                                 {"groups": "ops", "domain": {"id": "default"}}]}])
    token = fed_auth(http, cloud, {"OIDC-User": "fay", "OIDC-Groups": "dev;ops"})
    unscoped = token.headers["X-Subject-Token"]
    assert token.json()["token"]["user"]["OS-FEDERATION"]["groups"] == [{"id": group.id}]
    listed = http.get(cloud.identity_v3_url + "/auth/projects",
                      headers={"X-Auth-Token": unscoped}).json()["projects"]
    assert [p["id"] for p in listed] == [project.id]


def test_a_later_login_drops_the_groups_it_no_longer_maps(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    identity = cloud.identity
    ops = identity.create_group("ops")
    setup_idp(cloud, [{"remote": [USER, {"type": "HTTP_OIDC_GROUPS", "whitelist": ["ops"]}],
                       "local": [{"user": {"name": "{0}"}},
                                 {"groups": "{1}", "domain": {"id": "default"}}]},
                      {"remote": [USER], "local": [{"user": {"name": "{0}"}}]}])
    first = fed_auth(http, cloud, {"OIDC-User": "gus", "OIDC-Groups": "ops"}).json()
    user_id = first["token"]["user"]["id"]
    assert identity.is_member(user_id, ops.id)
    fed_auth(http, cloud, {"OIDC-User": "gus", "OIDC-Groups": "dev"})
    assert not identity.is_member(user_id, ops.id)


def test_a_mapped_role_that_does_not_exist_is_a_404_before_anything_is_made(
        cloud: FakeCloud, http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [
        {"user": {"name": "{0}"}, "projects": [{"name": "P", "roles": [{"name": "ghost"}]}]}]}])
    resp = fed_auth(http, cloud, {"OIDC-User": "hal"})
    assert resp.status_code == 404
    assert resp.json()["error"]["message"] == "Could not find role: ghost."
    assert cloud.identity.project_by_name("P", cloud.identity.identity_providers[
        "acme"].domain_id) is None


def test_a_local_user_mapping_authenticates_that_user(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [
        {"user": {"name": "{0}", "domain": {"name": "Default"}, "type": "local"}}]}])
    resp = fed_auth(http, cloud, {"OIDC-User": "demo"})
    assert resp.status_code == 201
    user = resp.json()["token"]["user"]
    assert user["id"] == cloud.user_id("demo")
    assert "OS-FEDERATION" not in user


def test_deleting_the_identity_provider_ends_its_users_and_tokens(
        cloud: FakeCloud, http: requests.Session) -> None:
    setup_idp(cloud, [{"remote": [USER], "local": [{"user": {"name": "{0}"}}]}])
    resp = fed_auth(http, cloud, {"OIDC-User": "ivy"})
    user_id, token = resp.json()["token"]["user"]["id"], resp.headers["X-Subject-Token"]
    admin = login(http, cloud, "admin")
    assert http.delete(fed(cloud, "/identity_providers/acme"),
                       headers={"X-Auth-Token": admin}).status_code == 204
    assert user_id not in cloud.identity.users
    check = http.get(cloud.identity_v3_url + "/auth/tokens",
                     headers={"X-Auth-Token": admin, "X-Subject-Token": token})
    assert check.status_code == 404


def test_deleting_a_domain_deletes_its_identity_providers(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    identity = cloud.identity
    domain = identity.create_domain("partners")
    identity.create_identity_provider("partner-idp", domain_id=domain.id)
    identity.create_identity_provider("other-idp")
    admin = login(http, cloud, "admin")
    url = cloud.identity_v3_url + "/domains/" + domain.id
    http.patch(url, json={"domain": {"enabled": False}}, headers={"X-Auth-Token": admin})
    assert http.delete(url, headers={"X-Auth-Token": admin}).status_code == 204
    listed = http.get(fed(cloud, "/identity_providers"),
                      headers={"X-Auth-Token": admin}).json()["identity_providers"]
    assert [i["id"] for i in listed] == ["other-idp"]


# -- the mapping engine ----------------------------------------------------------------------


def process(rules: list[dict[str, Any]], assertion: dict[str, str],
            version: str = "1.0") -> Any:
    return process_mapping(MappingRules(id="m", rules=rules, schema_version=version), assertion)


def test_not_any_of_excludes_an_assertion() -> None:
    rules = [{"remote": [{"type": "U"}, {"type": "G", "not_any_of": ["banned"]}],
              "local": [{"user": {"name": "{0}"}}]}]
    assert process(rules, {"U": "a", "G": "x;y"}).user["name"] == "a"
    with pytest.raises(ValidationError):
        process(rules, {"U": "a", "G": "x;banned"})


def test_blacklist_removes_values_from_the_direct_map() -> None:
    rules = [{"remote": [{"type": "U"}, {"type": "G", "blacklist": ["admins"]}],
              "local": [{"user": {"name": "{0}"}}, {"groups": "{1}", "domain": {"id": "d"}}]}]
    props = process(rules, {"U": "a", "G": "admins;devs"})
    assert props.group_names == [{"name": "devs", "domain": {"id": "d"}}]


def test_regex_matches_by_search() -> None:
    rules = [{"remote": [{"type": "U"}, {"type": "E", "any_one_of": [r"@example\.org$"],
                                          "regex": True}],
              "local": [{"user": {"name": "{0}"}}]}]
    assert process(rules, {"U": "a", "E": "a@example.org"}).user["name"] == "a"
    with pytest.raises(ValidationError):
        process(rules, {"U": "a", "E": "a@example.org.evil"})


def test_the_first_user_wins_and_group_ids_collect() -> None:
    rules = [{"remote": [{"type": "U"}], "local": [{"user": {"name": "{0}"}},
                                                     {"group_ids": "['g1', 'g2']"}]},
             {"remote": [{"type": "U"}], "local": [{"user": {"name": "other"}},
                                                     {"group": {"id": "g3"}}]}]
    props = process(rules, {"U": "a"})
    assert props.user == {"name": "a", "type": "ephemeral"}
    assert props.group_ids == ["g1", "g2", "g3"]


def test_an_unknown_user_type_is_a_validation_error() -> None:
    rules = [{"remote": [{"type": "U"}], "local": [{"user": {"name": "{0}", "type": "x"}}]}]
    with pytest.raises(ValidationError, match="User type x not supported"):
        process(rules, {"U": "a"})


def test_schema_2_honours_the_rules_domain() -> None:
    rules = [{"remote": [{"type": "U"}], "local": [{"user": {"name": "{0}"}, "domain": {
        "name": "Partners"}, "projects": [{"name": "P", "roles": [{"name": "member"}]}]}]}]
    props = process(rules, {"U": "a"}, version="2.0")
    assert props.user["domain"] == {"name": "Partners"}
    assert props.projects[0]["domain"] == {"name": "Partners"}


def test_schema_3_reads_projects_json() -> None:
    rules = [{"remote": [{"type": "U"}, {"type": "P"}], "local": [
        {"user": {"name": "{0}"}, "projects_json": "{1}"}]}]
    props = process(rules, {"U": "a", "P": '[{"name": "x", "roles": [{"name": "r"}]}]'},
                    version="3.0")
    assert [p["name"] for p in props.projects] == ["x"]


def test_the_assertion_is_the_environ_under_the_prefix() -> None:
    environ = {"HTTP_OIDC_USER": "a", "REMOTE_USER": "r", "wsgi.errors": object(),
               "HTTP_X_NAME": "caf\u00c3\u00a9"}
    assert assertion_from_environ(environ, "HTTP_") == {"HTTP_OIDC_USER": "a",
                                                        "HTTP_X_NAME": "caf\u00e9"}
    assert assertion_from_environ(environ)["REMOTE_USER"] == "r"


@given(st.lists(st.text(alphabet="abcxyz", min_size=1, max_size=4), min_size=1, max_size=5),
       st.lists(st.text(alphabet="abcxyz", min_size=1, max_size=4), max_size=5))
def test_whitelist_and_blacklist_split_the_values(values: list[str], listed: list[str]) -> None:
    """A value is whitelisted or blacklisted, never both, never neither."""
    joined = ";".join(values)
    kept: set[str] = set()
    for kind in ("whitelist", "blacklist"):
        rules = [{"remote": [{"type": "G", kind: listed}],
                  "local": [{"group_ids": "{0}"}]}]
        try:
            props = process(rules, {"G": joined})
        except ValidationError:
            continue  # nothing left to map
        found = set(props.group_ids)
        assert not found & kept
        kept |= found
    assert kept == set(values) or (not kept and not values)
