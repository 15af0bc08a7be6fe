"""Keystone OS-OAUTH1: consumers, the three signed legs, tokens had with an access token, and
their death with the access token or the consumer.

The admin is the authorizing user (Keystone 30's `identity:authorize_request_token` is
admin-only) and delegates `member` on the admin project. Requests are signed by the
client's own signer (`oauth1.build_authorization_header`); its `Authorization` header is a
secret, so replay matches them by method, URL and body, and the consumer secret, the token
secrets and the verifier are scrubbed from the cassettes ("***" on replay). Keystone 30's
quirks shown here: every 401 is the bare "requires authentication" (the reason is logged
only), another user's access token is a 404 with the unformatted "Could not find:
%(target)s.", and deleting an access token is enforced as `identity:ec2_delete_credential`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from stackdouble.client.openstack.identity.v3.extensions.oauth1 import (
    build_authorization_header,
)
from tests.contract.conftest import call

DESCRIPTION = "k2-contract-consumer"
FORBIDDEN = "You are not authorized to perform the requested action"
UNAUTHORIZED = "The request you have made requires authentication."
REDACTED = "***"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


@pytest.fixture
def me(admin: ServiceClient) -> Iterator[dict[str, str]]:
    """The admin's user and project ids; consumers of this test are removed before and
    after (their access tokens go with them)."""
    base = v3(admin)

    def clean() -> None:
        for consumer in call(admin, "GET", base + "/OS-OAUTH1/consumers").json()["consumers"]:
            if consumer.get("description") in (DESCRIPTION, DESCRIPTION + "-2"):
                call(admin, "DELETE", f"{base}/OS-OAUTH1/consumers/{consumer['id']}")

    token = call(admin, "GET", base + "/auth/tokens",
                 headers={"X-Subject-Token": admin.provider.token_id}).json()["token"]
    clean()
    yield {"user": token["user"]["id"], "project": token["project"]["id"]}
    clean()


def form(response: requests.Response) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(response.text).items()}


def make_consumer(admin: ServiceClient) -> dict[str, Any]:
    created = call(admin, "POST", v3(admin) + "/OS-OAUTH1/consumers",
                   json={"consumer": {"description": DESCRIPTION}})
    assert created.status_code == 201
    return dict(created.json()["consumer"])


def signed_post(identity: ServiceClient, url: str, consumer: dict[str, Any],
                headers: dict[str, str] | None = None, json: Any = None,
                **sign: Any) -> requests.Response:
    auth = build_authorization_header("POST", url.split("?", 1)[0], consumer_key=consumer["id"],
                                      consumer_secret=consumer["secret"], **sign)
    return call(identity, "POST", url, headers={"Authorization": auth, **(headers or {})},
                json=json, authenticated=False)


def get_request_token(identity: ServiceClient, consumer: dict[str, Any], project: str,
                      **sign: Any) -> requests.Response:
    return signed_post(identity, v3(identity) + "/OS-OAUTH1/request_token", consumer,
                       {"Requested-Project-Id": project}, callback="oob", **sign)


def get_access_token(identity: ServiceClient, consumer: dict[str, Any], request: dict[str, str],
                     verifier: str) -> requests.Response:
    return signed_post(identity, v3(identity) + "/OS-OAUTH1/access_token", consumer,
                       token=request["oauth_token"], token_secret=request["oauth_token_secret"],
                       verifier=verifier)


def oauth_token(identity: ServiceClient, consumer: dict[str, Any],
                access: dict[str, str]) -> requests.Response:
    return signed_post(identity, v3(identity) + "/auth/tokens", consumer,
                       json={"auth": {"identity": {"methods": ["oauth1"], "oauth1": {}}}},
                       token=access["oauth_token"], token_secret=access["oauth_token_secret"])


def three_legs(admin: ServiceClient, consumer: dict[str, Any], project: str) -> dict[str, str]:
    request = form(get_request_token(admin, consumer, project))
    authorized = call(admin, "PUT", f"{v3(admin)}/OS-OAUTH1/authorize/{request['oauth_token']}",
                      json={"roles": [{"name": "member"}]})
    assert authorized.status_code == 200
    verifier = authorized.json()["token"]["oauth_verifier"]
    access = get_access_token(admin, consumer, request, verifier)
    assert access.status_code == 201
    return form(access)


def validate(admin: ServiceClient, token: str) -> requests.Response:
    return call(admin, "GET", v3(admin) + "/auth/tokens", headers={"X-Subject-Token": token})


def test_a_consumer_is_created_read_updated_and_deleted(
        openstack_identity: ServiceClient, admin: ServiceClient, me: dict[str, str]) -> None:
    base = v3(admin)
    created = call(admin, "POST", base + "/OS-OAUTH1/consumers",
                   json={"consumer": {"description": DESCRIPTION, "owner": "k2"}})
    assert created.status_code == 201
    consumer = created.json()["consumer"]
    assert len(consumer["id"]) == 32
    assert consumer["secret"] == REDACTED or len(consumer["secret"]) == 32
    assert consumer["owner"] == "k2"
    url = f"{base}/OS-OAUTH1/consumers/{consumer['id']}"
    assert consumer["links"] == {"self": url}
    shown = call(admin, "GET", url).json()["consumer"]
    assert shown == {k: v for k, v in consumer.items() if k != "secret"}
    listed = call(admin, "GET", base + "/OS-OAUTH1/consumers").json()
    assert [c for c in listed["consumers"] if c["id"] == consumer["id"]] == [shown]
    assert listed["links"]["self"] == base + "/OS-OAUTH1/consumers"
    patched = call(admin, "PATCH", url, json={"consumer": {"description": DESCRIPTION + "-2",
                                                          "more": 1}})
    assert patched.status_code == 200
    assert patched.json()["consumer"]["description"] == DESCRIPTION + "-2"
    assert patched.json()["consumer"]["more"] == 1
    assert "secret" not in patched.json()["consumer"]
    secret = call(admin, "PATCH", url, json={"consumer": {"secret": "mine"}})
    assert secret.status_code == 400
    assert secret.json()["error"]["message"].startswith(
        "{'secret': 'mine'} should not be valid under {'required': ['secret']}")
    empty = call(admin, "PATCH", url, json={"consumer": {}})
    assert empty.json()["error"]["message"].startswith("{} should be non-empty")
    other_id = call(admin, "PATCH", url, json={"consumer": {"id": "other"}})
    assert other_id.json()["error"]["message"] == "Cannot change ID"
    bad = call(admin, "POST", base + "/OS-OAUTH1/consumers",
               json={"consumer": {"description": 5}})
    assert bad.status_code == 400
    assert bad.json()["error"]["message"].startswith(
        "Invalid input for field 'description': 5 is not of type 'string', 'null'")
    by_member = call(openstack_identity, "GET", base + "/OS-OAUTH1/consumers")
    assert by_member.status_code == 403
    assert "identity:list_consumers" in by_member.json()["error"]["message"]
    assert call(admin, "DELETE", url).status_code == 204
    gone = call(admin, "GET", url)
    assert gone.status_code == 404
    assert gone.json()["error"]["message"] == "Consumer not found"


def test_the_three_legs_give_a_token_with_the_delegated_roles(
        openstack_identity: ServiceClient, admin: ServiceClient, me: dict[str, str]) -> None:
    base = v3(admin)
    consumer = make_consumer(admin)
    requested = get_request_token(admin, consumer, me["project"])
    assert requested.status_code == 201
    assert requested.headers["Content-Type"] == "application/x-www-form-urlencoded"
    request = form(requested)
    assert len(request["oauth_token"]) == 32
    assert request["oauth_expires_at"].endswith(".000000Z")
    authorize = f"{base}/OS-OAUTH1/authorize/{request['oauth_token']}"
    by_member = call(openstack_identity, "PUT", authorize, json={"roles": [{"name": "member"}]})
    assert by_member.status_code == 403
    assert "identity:authorize_request_token" in by_member.text
    unknown = call(admin, "PUT", authorize, json={"roles": [{"name": "k2-no-such-role"}]})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == "Role k2-no-such-role is not defined"
    both = call(admin, "PUT", authorize, json={"roles": [{"name": "member", "id": "x"}]})
    assert both.status_code == 400
    assert "has too many properties" in both.text
    early = get_access_token(admin, consumer, request, "abcdefgh")
    assert early.status_code == 401
    assert early.json()["error"]["message"] == UNAUTHORIZED
    authorized = call(admin, "PUT", authorize, json={"roles": [{"name": "member"}]})
    assert authorized.status_code == 200
    verifier = authorized.json()["token"]["oauth_verifier"]
    assert verifier == REDACTED or len(verifier) == 8
    short = get_access_token(admin, consumer, request, "abc")
    assert short.status_code == 400
    assert short.json()["error"]["message"] == (
        "Validation failed with errors: invalid_request, detail message is: "
        "Invalid verifier format..")
    exchanged = get_access_token(admin, consumer, request, verifier)
    assert exchanged.status_code == 201
    access = form(exchanged)
    assert access["oauth_token"] != request["oauth_token"]
    again = get_access_token(admin, consumer, request, verifier)
    assert again.status_code == 404
    assert again.json()["error"]["message"] == "Request token not found"

    issued = oauth_token(admin, consumer, access)
    assert issued.status_code == 201
    token = issued.json()["token"]
    assert token["methods"] == ["oauth1"]
    assert token["user"]["id"] == me["user"]
    assert token["project"]["id"] == me["project"]
    assert sorted(r["name"] for r in token["roles"]) == ["member", "reader"]
    assert token["OS-OAUTH1"] == {"access_token_id": access["oauth_token"],
                                  "consumer_id": consumer["id"]}
    token_id = issued.headers["X-Subject-Token"]
    assert validate(admin, token_id).json()["token"]["OS-OAUTH1"] == token["OS-OAUTH1"]
    rescoped = call(admin, "POST", base + "/auth/tokens", authenticated=False, json={
        "auth": {"identity": {"methods": ["token"], "token": {"id": token_id}}}})
    assert rescoped.status_code == 403
    assert "Using OAuth-scoped token to create another token" in rescoped.text
    assert call(admin, "DELETE", f"{base}/OS-OAUTH1/consumers/{consumer['id']}"
                ).status_code == 204
    dead = validate(admin, token_id)
    assert dead.status_code == 404
    assert dead.json()["error"]["message"] == "Access token not found"


def test_a_users_access_tokens_are_listed_read_and_revoked(
        openstack_identity: ServiceClient, admin: ServiceClient, me: dict[str, str]) -> None:
    base = v3(admin)
    consumer = make_consumer(admin)
    access = three_legs(admin, consumer, me["project"])
    tokens = f"{base}/users/{me['user']}/OS-OAUTH1/access_tokens"
    one = f"{tokens}/{access['oauth_token']}"
    listed = call(admin, "GET", tokens).json()
    assert [t["id"] for t in listed["access_tokens"]] == [access["oauth_token"]]
    entry = listed["access_tokens"][0]
    assert entry["consumer_id"] == consumer["id"]
    assert entry["project_id"] == me["project"]
    assert entry["authorizing_user_id"] == me["user"]
    assert entry["links"] == {"roles": one + "/roles", "self": one}
    assert "access_secret" not in entry
    assert "role_ids" not in entry
    assert call(admin, "GET", one).json()["access_token"] == entry
    elsewhere = f"{base}/users/k2-nobody/OS-OAUTH1/access_tokens/{access['oauth_token']}"
    assert call(admin, "GET", base + "/users/k2-nobody/OS-OAUTH1/access_tokens").json()[
        "access_tokens"] == []
    assert call(admin, "GET", elsewhere).json()["error"]["message"] == (
        "Could not find: %(target)s.")
    roles = call(admin, "GET", one + "/roles").json()["roles"]
    assert [r["name"] for r in roles] == ["member"]
    assert "description" not in roles[0]
    role = call(admin, "GET", f"{one}/roles/{roles[0]['id']}")
    assert role.json()["role"] == roles[0]
    missing = call(admin, "GET", one + "/roles/k2-nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "Could not find role: k2-nope."
    assert call(admin, "GET", f"{elsewhere}/roles/{roles[0]['id']}").status_code == 401
    by_member = call(openstack_identity, "DELETE", one)
    assert by_member.status_code == 403
    assert "identity:ec2_delete_credential" in by_member.text
    assert call(admin, "DELETE", elsewhere).status_code == 401

    issued = oauth_token(admin, consumer, access)
    assert issued.status_code == 201
    assert call(admin, "DELETE", one).status_code == 204
    dead = validate(admin, issued.headers["X-Subject-Token"])
    assert dead.status_code == 404
    assert dead.json()["error"]["message"] == "Access token not found"
    refused = oauth_token(admin, consumer, access)
    assert refused.status_code == 404
    assert call(admin, "GET", one).json()["error"]["message"] == "Access token not found"


def test_signed_requests_are_checked(admin: ServiceClient, me: dict[str, str]) -> None:
    consumer = make_consumer(admin)
    wrong = get_request_token(admin, {**consumer, "secret": "not-the-secret"}, me["project"])
    assert wrong.status_code == 401
    assert wrong.json()["error"]["message"] == UNAUTHORIZED
    unknown = get_request_token(admin, {**consumer, "id": "0" * 32}, me["project"])
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == "Consumer not found"
    no_project = signed_post(admin, v3(admin) + "/OS-OAUTH1/request_token", consumer,
                             callback="oob")
    assert no_project.status_code == 400
    assert no_project.json()["error"]["message"].startswith(
        "Expecting to find Requested-Project-Id in request.")
    bad_project = get_request_token(admin, consumer, "k2-no-such-project")
    assert bad_project.status_code == 404
    assert bad_project.json()["error"]["message"] == "Could not find project: k2-no-such-project."
    no_callback = signed_post(admin, v3(admin) + "/OS-OAUTH1/request_token", consumer,
                              {"Requested-Project-Id": me["project"]})
    assert no_callback.json()["error"]["message"] == (
        "Validation failed with errors: invalid_request, detail message is: "
        "Missing callback URI..")
    stale = get_request_token(admin, consumer, me["project"],
                              timestamp=datetime.now(timezone.utc) - timedelta(hours=1))
    assert stale.status_code == 400
    assert "Timestamp given is invalid, differ from allowed by over 600 seconds." in stale.text
    access = three_legs(admin, consumer, me["project"])
    forged = oauth_token(admin, consumer, {**access, "oauth_token_secret": "0" * 32})
    assert forged.status_code == 401
    assert forged.json()["error"]["message"] == UNAUTHORIZED
