"""Malformed auth bodies get Keystone's 400 (or 401) envelope, never a 500, and change nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.schema import TOKEN_ISSUE_SCHEMA, first_error
from tests.fakes.helpers import post_token

TAIL = (" The server could not comply with the request since it is either malformed or "
        "otherwise incorrect. The client is assumed to be in error.")


def error_of(resp: requests.Response) -> dict[str, Any]:
    return dict(resp.json()["error"])


def test_body_that_is_not_json_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(cloud.identity_v3_url + "/auth/tokens", data=b"{not json",
                     headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert error_of(resp) == {"code": 400, "title": "Bad Request",
                              "message": "Expecting to find valid JSON in request body." + TAIL}


def test_json_that_is_not_an_object_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post_token(http, cloud, [1, 2])
    assert error_of(resp)["message"] == "Expecting to find valid JSON in request body." + TAIL


def test_a_non_json_content_type_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(cloud.identity_v3_url + "/auth/tokens", data=b"auth=1",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert error_of(resp)["message"] == (
        "Expecting to find application/json in Content-Type header." + TAIL)


def test_missing_auth_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post_token(http, cloud, {})
    assert (resp.status_code, error_of(resp)["message"]) == (
        400, "Expecting to find auth in request body." + TAIL)


def test_missing_identity_is_400_with_jsonschemas_words(cloud: FakeCloud,
                                                        http: requests.Session) -> None:
    resp = post_token(http, cloud, {"auth": {"scope": "unscoped"}})
    assert resp.status_code == 400
    assert error_of(resp)["message"].startswith(
        "'identity' is a required property\n\nFailed validating 'required' in schema:\n")


def test_wrong_type_names_the_field(cloud: FakeCloud, http: requests.Session) -> None:
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": 1}}}}
    message = error_of(post_token(http, cloud, body))["message"]
    assert message == (
        "Invalid input for field 'identity/password/user': 1 is not of type 'object'\n\n"
        "Failed validating 'type' in schema['properties']['identity']['properties']"
        "['password']['properties']['user']:\n"
        "    {'type': 'object',\n"
        "     'properties': {'id': {'type': 'string'},\n"
        "                    'name': {'type': 'string'},\n"
        "                    'password': {'type': 'string'},\n"
        "                    'domain': {'type': 'object',\n"
        "                               'properties': {'id': {'type': 'string'},\n"
        "                                              'name': {'type': 'string'}}}}}\n\n"
        "On instance['identity']['password']['user']:\n    1")


def test_user_without_id_or_name_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {}}}}}
    assert error_of(post_token(http, cloud, body))["message"] == (
        "Invalid input for field identity/password/user: id or name must be present.")


def test_method_without_its_payload_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    body = {"auth": {"identity": {"methods": ["password"]}}}
    assert error_of(post_token(http, cloud, body))["message"] == (
        "Expecting to find password in identity." + TAIL)


def test_user_name_without_domain_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    body = {"auth": {"identity": {"methods": ["password"], "password": {
        "user": {"name": "demo", "password": "demo-secret"}}}}}
    assert error_of(post_token(http, cloud, body))["message"] == (
        "Expecting to find domain in user." + TAIL)


def test_two_scopes_are_400(cloud: FakeCloud, http: requests.Session) -> None:
    body = {"auth": {"identity": {"methods": []},
                     "scope": {"project": {"id": "x"}, "domain": {"id": "y"}}}}
    assert error_of(post_token(http, cloud, body))["message"] == (
        "Expecting to find system, project, domain, OS-TRUST:trust or unscoped in scope." + TAIL)


def test_unknown_method_is_401_listing_the_supported_ones(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    body = {"auth": {"identity": {"methods": ["totp"], "totp": {}}}}
    resp = post_token(http, cloud, body)
    assert resp.status_code == 401
    assert resp.json() == {"error": {
        "code": 401, "title": "Unauthorized",
        "identity": {"methods": ["external", "password", "token", "oauth1", "mapped",
                                 "application_credential"]},
        "message": "Attempted to authenticate with an unsupported method."}}


def test_no_methods_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post_token(http, cloud, {"auth": {"identity": {"methods": []}}})
    assert resp.status_code == 401


def test_v2_auth_that_is_not_an_object_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(cloud.identity_v2_url + "/tokens", json={"auth": "x"})
    assert (resp.status_code, error_of(resp)["message"]) == (
        400, "Expecting to find auth in request body." + TAIL)


def test_v2_missing_password_is_400(cloud: FakeCloud, http: requests.Session) -> None:
    resp = http.post(cloud.identity_v2_url + "/tokens",
                     json={"auth": {"passwordCredentials": {"username": "demo"}}})
    assert error_of(resp)["message"] == (
        "Expecting to find password in passwordCredentials." + TAIL)


# -- never a 500, never a change ------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
_words = st.sampled_from([
    "auth", "identity", "methods", "password", "token", "application_credential", "user",
    "name", "id", "domain", "scope", "project", "system", "all", "unscoped", "secret",
    "passwordCredentials", "username", "tenantName", "tenantId", "RAX-KSKEY:apiKeyCredentials",
    "apiKey", "OS-TRUST:trust", "demo", "Default", "default",
])
_shaped = st.recursive(
    st.none() | st.booleans() | st.integers() | _words | st.lists(_words, max_size=3),
    lambda children: st.dictionaries(_words, children, max_size=4),
    max_leaves=16,
)
_bodies = (
    st.binary(max_size=64)
    | _json.map(lambda v: json.dumps(v).encode())
    | _shaped.map(lambda v: json.dumps({"auth": v}).encode())
)


@pytest.fixture(scope="module")
def shared_cloud() -> Any:
    with FakeCloud(seed=9) as fake:
        yield fake


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_bodies, path=st.sampled_from(["/identity/v3/auth/tokens", "/identity/v2.0/tokens"]))
def test_arbitrary_bodies_never_get_a_500_or_change_state(shared_cloud: FakeCloud, body: bytes,
                                                          path: str) -> None:
    before = shared_cloud.identity.dump()
    resp = requests.post(shared_cloud.base_url + path, data=body,
                         headers={"Content-Type": "application/json"})
    assert resp.status_code < 500
    assert resp.headers["Content-Type"] == "application/json"
    assert set(resp.json()) in ({"error"}, {"token"}, {"access"})
    if resp.status_code >= 400:
        assert shared_cloud.identity.dump() == before


@settings(max_examples=200, deadline=None)
@given(auth=_shaped)
def test_schema_errors_read_exactly_as_jsonschemas(auth: Any) -> None:
    import jsonschema  # a test dependency: Keystone's messages are jsonschema's

    theirs = next(iter(jsonschema.Draft4Validator(TOKEN_ISSUE_SCHEMA).iter_errors(auth)), None)
    mine = first_error(TOKEN_ISSUE_SCHEMA, auth)
    assert (str(mine) if mine else None) == (str(theirs) if theirs else None)
