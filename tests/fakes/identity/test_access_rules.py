"""The fake Keystone's application credential access rules and their enforcement."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.errors import Conflict, ForbiddenNotSecurity, NotFound
from stackdouble.fakes.identity.models.applicationcredentials import path_matches
from tests.fakes.helpers import UNAUTHORIZED, post_token

_SEGMENT = st.text(alphabet="abcdefgh0123456789-_", min_size=1, max_size=6)


@given(st.lists(_SEGMENT, min_size=1, max_size=5))
def test_a_literal_path_matches_itself_only(segments: list[str]) -> None:
    path = "/" + "/".join(segments)
    assert path_matches(path, path)
    assert not path_matches(path + "/x", path)


@given(st.lists(_SEGMENT, min_size=2, max_size=5))
def test_a_star_takes_one_segment_and_a_double_star_any(segments: list[str]) -> None:
    path = "/" + "/".join(segments)
    assert path_matches(path, "/" + "/".join([*segments[:-1], "*"]))
    assert path_matches(path, "/" + segments[0] + "/**")
    assert not path_matches(path, "/" + segments[0] + "/*") or len(segments) == 2


def test_a_malformed_pattern_matches_nothing() -> None:
    assert not path_matches("/v3/x", "/v3/(")


def rules_for(cloud: FakeCloud, *rules: dict[str, Any]) -> tuple[str, str]:
    return cloud.identity.create_application_credential("demo", "ci", access_rules=rules)


def test_identical_rules_are_shared_and_outlive_the_credential(cloud: FakeCloud) -> None:
    identity = cloud.identity
    rule = {"service": "compute", "path": "/servers", "method": "GET"}
    first, _ = identity.create_application_credential("demo", "a", access_rules=[rule])
    second, _ = identity.create_application_credential("demo", "b", access_rules=[rule])
    ids = {identity.application_credentials[c].access_rule_ids for c in (first, second)}
    assert len(ids) == 1
    identity.delete_application_credential(first)
    rule_id = next(iter(ids))[0]
    with pytest.raises(ForbiddenNotSecurity):
        identity.delete_access_rule(cloud.user_id("demo"), rule_id)
    identity.delete_application_credential(second)
    identity.delete_access_rule(cloud.user_id("demo"), rule_id)
    assert identity.access_rules == {}


def test_the_same_rule_twice_is_keystones_409_and_stores_nothing(cloud: FakeCloud) -> None:
    rule = {"service": "compute", "path": "/servers", "method": "GET"}
    with pytest.raises(Conflict) as caught:
        rules_for(cloud, rule, dict(rule))
    assert caught.value.message == ("Conflict occurred attempting to store "
                                    "application_credential - Duplicate entry found with "
                                    "name ci.")
    assert cloud.identity.access_rules == {}
    assert cloud.identity.application_credentials == {}


def test_another_users_rule_is_not_found(cloud: FakeCloud) -> None:
    identity = cloud.identity
    cred_id, _ = rules_for(cloud, {"service": "compute", "path": "/x", "method": "GET"})
    rule_id = identity.application_credentials[cred_id].access_rule_ids[0]
    with pytest.raises(NotFound):
        identity.get_access_rule(cloud.user_id("admin"), rule_id)
    with pytest.raises(NotFound):
        identity.create_application_credential("admin", "a", project="admin",
                                               access_rules=[{"id": rule_id}])


def test_deleting_the_user_deletes_its_rules(cloud: FakeCloud) -> None:
    rules_for(cloud, {"service": "compute", "path": "/x", "method": "GET"})
    cloud.identity.delete_user(cloud.user_id("demo"))
    assert cloud.identity.access_rules == {}


def app_cred_token(cloud: FakeCloud, http: requests.Session, *rules: dict[str, Any]) -> str:
    cred_id, secret = rules_for(cloud, *rules)
    resp = post_token(http, cloud, {"auth": {"identity": {
        "methods": ["application_credential"],
        "application_credential": {"id": cred_id, "secret": secret}}}})
    assert resp.status_code == 201
    return resp.headers["X-Subject-Token"]


def test_keystone_refuses_what_no_identity_rule_allows(cloud: FakeCloud,
                                                       http: requests.Session) -> None:
    user_id = cloud.user_id("demo")
    token = app_cred_token(cloud, http, {"service": "identity", "method": "GET",
                                         "path": "/identity/v3/users/{user_id}"},
                           {"service": "compute", "method": "GET", "path": "/**"})
    base = cloud.identity_v3_url
    allowed = http.get(f"{base}/users/{user_id}", headers={"X-Auth-Token": token})
    refused = http.get(f"{base}/users/{user_id}/projects", headers={"X-Auth-Token": token})
    assert allowed.status_code == 200
    assert (refused.status_code, refused.json()) == (401, UNAUTHORIZED)
    assert refused.headers["WWW-Authenticate"] == f'Keystone uri="{cloud.base_url}/identity"'


def test_a_credential_without_rules_is_not_restricted(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    token = app_cred_token(cloud, http)
    user_id = cloud.user_id("demo")
    resp = http.get(f"{cloud.identity_v3_url}/users/{user_id}/projects",
                    headers={"X-Auth-Token": token})
    assert resp.status_code == 200


def test_its_tokens_validate_only_for_callers_that_enforce_rules(
        cloud: FakeCloud, http: requests.Session) -> None:
    token = app_cred_token(cloud, http, {"service": "compute", "method": "GET", "path": "/x"})
    admin = cloud.identity.issue_token("admin", project="admin")
    url = cloud.identity_v3_url + "/auth/tokens"
    unaware = http.get(url, headers={"X-Auth-Token": admin, "X-Subject-Token": token})
    old = http.get(url, headers={"X-Auth-Token": admin, "X-Subject-Token": token,
                                 "OpenStack-Identity-Access-Rules": "0.9"})
    aware = http.get(url, headers={"X-Auth-Token": admin, "X-Subject-Token": token,
                                   "OpenStack-Identity-Access-Rules": "1.0"})
    assert (unaware.status_code, unaware.json()["error"]["message"]) == (
        404, "Failed to validate token")
    assert old.status_code == 404
    rules = aware.json()["token"]["application_credential"]["access_rules"]
    assert [(r["service"], r["path"], r["method"]) for r in rules] == [("compute", "/x", "GET")]


def test_a_project_admin_may_not_list_another_users_rules(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    admin = cloud.identity.issue_token("admin", project="admin")
    resp = http.get(f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}/access_rules",
                    headers={"X-Auth-Token": admin})
    assert resp.status_code == 403


def test_a_system_reader_may(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.identity.grant_role("reader", "admin", system=True)
    token = cloud.identity.issue_token("admin", system=True)
    resp = http.get(f"{cloud.identity_v3_url}/users/{cloud.user_id('demo')}/access_rules",
                    headers={"X-Auth-Token": token})
    assert resp.status_code == 200
