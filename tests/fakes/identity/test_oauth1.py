"""OS-OAUTH1 in the fake Keystone: the rules of the three legs, of the tokens they give, and of
the signatures, against the cloud's frozen clock.

Statuses and messages are those real Keystone 30 answered (`tests/contract/
test_identity_oauth1.py` records the main ones); the signer is the client's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.client.openstack.identity.v3.extensions.oauth1 import (
    build_authorization_header,
)
from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.models.oauth1 import ACCESS_TOKEN_DURATION, REQUEST_TOKEN_DURATION
from stackdouble.fakes.identity.models.oauth1signatures import (
    SignedRequest,
    parse_authorization,
    verify_signature,
)
from tests.fakes.conftest import START
from tests.fakes.helpers import UNAUTHORIZED, login, post_token, token_body

GENERIC_403 = "You are not authorized to perform the requested action."


def oauth(cloud: FakeCloud, path: str) -> str:
    return cloud.identity_v3_url + "/OS-OAUTH1" + path


def signed(cloud: FakeCloud, http: requests.Session, path: str, consumer: Any, *,
           headers: dict[str, str] | None = None, json: Any = None,
           when: datetime | None = None, **sign: Any) -> requests.Response:
    url = cloud.identity_v3_url + path
    auth = build_authorization_header("POST", url, consumer_key=consumer.id,
                                      consumer_secret=consumer.secret,
                                      timestamp=when or cloud.clock.now(), **sign)
    return http.post(url, headers={"Authorization": auth, **(headers or {})}, json=json)


@pytest.fixture
def admin(cloud: FakeCloud, http: requests.Session) -> dict[str, str]:
    token = login(http, cloud, "admin")
    return {"token": token, "user": cloud.user_id("admin"),
            "project": cloud.project_id("admin")}


def request_token(cloud: FakeCloud, http: requests.Session, consumer: Any,
                  project: str) -> dict[str, str]:
    resp = signed(cloud, http, "/OS-OAUTH1/request_token", consumer, callback="oob",
                  headers={"Requested-Project-Id": project})
    assert resp.status_code == 201, resp.text
    return {k: v[0] for k, v in parse_qs(resp.text).items()}


def authorize(cloud: FakeCloud, http: requests.Session, token: str, request_token_id: str,
              roles: list[dict[str, str]] | None = None) -> requests.Response:
    return http.put(oauth(cloud, "/authorize/" + request_token_id),
                    json={"roles": roles if roles is not None else [{"name": "member"}]},
                    headers={"X-Auth-Token": token})


def access_token(cloud: FakeCloud, http: requests.Session, consumer: Any,
                 request: dict[str, str], verifier: str) -> requests.Response:
    return signed(cloud, http, "/OS-OAUTH1/access_token", consumer,
                  token=request["oauth_token"], token_secret=request["oauth_token_secret"],
                  verifier=verifier)


def three_legs(cloud: FakeCloud, http: requests.Session, admin: dict[str, str],
               consumer: Any) -> dict[str, str]:
    request = request_token(cloud, http, consumer, admin["project"])
    verifier = authorize(cloud, http, admin["token"], request["oauth_token"]).json()[
        "token"]["oauth_verifier"]
    resp = access_token(cloud, http, consumer, request, verifier)
    assert resp.status_code == 201, resp.text
    return {k: v[0] for k, v in parse_qs(resp.text).items()}


def oauth_login(cloud: FakeCloud, http: requests.Session, consumer: Any,
                access: dict[str, str], **sign: Any) -> requests.Response:
    return signed(cloud, http, "/auth/tokens", consumer, token=access["oauth_token"],
                  token_secret=access["oauth_token_secret"],
                  json={"auth": {"identity": {"methods": ["oauth1"], "oauth1": {}}}}, **sign)


def test_request_and_access_tokens_expire_with_keystones_default_durations(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    request = request_token(cloud, http, consumer, admin["project"])
    assert request["oauth_expires_at"] == (START + timedelta(
        seconds=REQUEST_TOKEN_DURATION)).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    cloud.clock.advance(REQUEST_TOKEN_DURATION + 1)
    admin["token"] = login(http, cloud, "admin")
    late = authorize(cloud, http, admin["token"], request["oauth_token"])
    assert (late.status_code, late.json()) == (401, UNAUTHORIZED)

    access = three_legs(cloud, http, admin, consumer)
    cloud.clock.advance(ACCESS_TOKEN_DURATION + 1)
    expired = oauth_login(cloud, http, consumer, access)
    assert (expired.status_code, expired.json()) == (401, UNAUTHORIZED)


def test_the_timestamp_is_checked_against_the_clouds_clock(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    for skew, status in ((600, 201), (601, 400), (-601, 400)):
        resp = signed(cloud, http, "/OS-OAUTH1/request_token", consumer, callback="oob",
                      headers={"Requested-Project-Id": admin["project"]},
                      when=START + timedelta(seconds=skew))
        assert resp.status_code == status, skew


@pytest.mark.parametrize(("change", "message"), [
    ({"oauth_nonce": "not-hex!"}, "Invalid nonce format."),
    ({"oauth_version": "2.0"}, "Invalid OAuth version."),
    ({"oauth_timestamp": "123"}, "Invalid timestamp size"),
    ({"oauth_timestamp": "12345abcde"}, "Timestamp must be an integer."),
    ({"oauth_nonce": ""}, "Missing mandatory OAuth parameters."),
])
def test_malformed_oauth_parameters_are_keystones_400(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str],
        change: dict[str, str], message: str) -> None:
    consumer = cloud.identity.create_consumer()
    url = oauth(cloud, "/request_token")
    header = build_authorization_header("POST", url, consumer_key=consumer.id,
                                        consumer_secret=consumer.secret, callback="oob",
                                        timestamp=START)
    params = {**(parse_authorization(header) or {}), **change}
    forged = "OAuth " + ", ".join(f'{k}="{v}"' for k, v in params.items())
    resp = http.post(url, headers={"Authorization": forged,
                                   "Requested-Project-Id": admin["project"]})
    assert resp.status_code == 400
    assert resp.json()["error"]["message"] == (
        f"Validation failed with errors: invalid_request, detail message is: {message}.")


def test_an_unknown_signature_method_lists_oauthlibs(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    url = oauth(cloud, "/request_token")
    header = build_authorization_header("POST", url, consumer_key=consumer.id,
                                        consumer_secret=consumer.secret, callback="oob",
                                        timestamp=START)
    resp = http.post(url, headers={"Authorization": header.replace("HMAC-SHA1", "MD5"),
                                   "Requested-Project-Id": admin["project"]})
    assert resp.json()["error"]["message"].startswith(
        "Validation failed with errors: invalid_signature_method, detail message is: "
        "Invalid signature, MD5 not in ('HMAC-SHA1', 'HMAC-SHA256'")


def test_plaintext_signatures_are_accepted(cloud: FakeCloud, http: requests.Session,
                                           admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    resp = signed(cloud, http, "/OS-OAUTH1/request_token", consumer, callback="oob",
                  signature_method="PLAINTEXT",
                  headers={"Requested-Project-Id": admin["project"]})
    assert resp.status_code == 201


def test_a_request_without_an_oauth_header_is_refused(cloud: FakeCloud,
                                                      http: requests.Session) -> None:
    for headers in ({}, {"Authorization": "Basic YTpi"}):
        resp = http.post(oauth(cloud, "/request_token"), headers=headers)
        assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_the_authorizing_user_must_hold_every_role(cloud: FakeCloud, http: requests.Session,
                                                   admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    request = request_token(cloud, http, consumer, cloud.project_id("demo"))
    refused = authorize(cloud, http, admin["token"], request["oauth_token"])
    assert (refused.status_code, refused.json()) == (401, UNAUTHORIZED)
    cloud.identity.grant_role("member", "admin", project="demo")
    assert authorize(cloud, http, admin["token"], request["oauth_token"]).status_code == 200


def test_reauthorizing_gives_a_new_verifier_and_only_the_last_one_works(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    request = request_token(cloud, http, consumer, admin["project"])
    first = authorize(cloud, http, admin["token"], request["oauth_token"]).json()
    second = authorize(cloud, http, admin["token"], request["oauth_token"]).json()
    assert first != second
    stale = access_token(cloud, http, consumer, request, first["token"]["oauth_verifier"])
    assert stale.status_code == 401
    fresh = access_token(cloud, http, consumer, request, second["token"]["oauth_verifier"])
    assert fresh.status_code == 201


def test_delegated_tokens_cannot_authorize_or_manage_access_tokens(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    cred_id, secret = cloud.identity.create_application_credential(
        "admin", "k2-cred", project="admin")
    resp = post_token(http, cloud, {"auth": {"identity": {
        "methods": ["application_credential"],
        "application_credential": {"id": cred_id, "secret": secret}}}})
    delegated = resp.headers["X-Subject-Token"]
    request = request_token(cloud, http, consumer, admin["project"])
    refused = authorize(cloud, http, delegated, request["oauth_token"])
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == GENERIC_403
    listing = http.get(cloud.identity_v3_url + f"/users/{admin['user']}/OS-OAUTH1/access_tokens",
                       headers={"X-Auth-Token": delegated})
    assert listing.status_code == 403
    assert listing.json()["error"]["message"] == GENERIC_403


def test_an_oauth_token_carries_only_the_delegated_roles_the_user_still_holds(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    access = three_legs(cloud, http, admin, consumer)
    issued = oauth_login(cloud, http, consumer, access)
    assert issued.status_code == 201
    body = issued.json()["token"]
    assert [r["name"] for r in body["roles"]] == ["member", "reader"]
    assert body["is_domain"] is False
    context = cloud.identity.token_context(issued.headers["X-Subject-Token"])
    assert context.methods == ("oauth1",)
    assert not context.is_admin
    rescoped = post_token(http, cloud, token_body(issued.headers["X-Subject-Token"]))
    assert rescoped.status_code == 403


def test_the_requested_scope_is_replaced_by_the_access_tokens_project(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    access = three_legs(cloud, http, admin, consumer)
    body = {"auth": {"identity": {"methods": ["oauth1"], "oauth1": {}},
                     "scope": {"project": {"id": cloud.project_id("demo")}}}}
    resp = signed(cloud, http, "/auth/tokens", consumer, token=access["oauth_token"],
                  token_secret=access["oauth_token_secret"], json=body)
    assert resp.status_code == 201
    assert resp.json()["token"]["project"]["id"] == admin["project"]
    body["auth"]["scope"] = {"project": {"id": "nope"}}
    unknown = signed(cloud, http, "/auth/tokens", consumer, token=access["oauth_token"],
                     token_secret=access["oauth_token_secret"], json=body)
    assert unknown.status_code == 401


def test_the_auth_signature_covers_the_path_not_the_query(
        cloud: FakeCloud, http: requests.Session, admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer()
    access = three_legs(cloud, http, admin, consumer)
    url = cloud.identity_v3_url + "/auth/tokens"
    header = build_authorization_header(
        "POST", url, consumer_key=consumer.id, consumer_secret=consumer.secret,
        token=access["oauth_token"], token_secret=access["oauth_token_secret"],
        timestamp=START)
    resp = http.post(url + "?nocatalog", headers={"Authorization": header},
                     json={"auth": {"identity": {"methods": ["oauth1"], "oauth1": {}}}})
    assert resp.status_code == 201
    assert "catalog" not in resp.json()["token"]


def test_dump_and_reprs_keep_the_secrets_out(cloud: FakeCloud, http: requests.Session,
                                              admin: dict[str, str]) -> None:
    consumer = cloud.identity.create_consumer("app")
    access = three_legs(cloud, http, admin, consumer)
    stored = cloud.identity.access_tokens[access["oauth_token"]]
    text = repr(cloud.identity.dump()) + repr(consumer) + repr(stored)
    assert consumer.secret not in text
    assert access["oauth_token_secret"] not in text
    assert cloud.identity.dump()["oauth1_consumers"][0]["description"] == "app"


_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=60, deadline=None)
@given(secret=_TEXT, token_secret=_TEXT,
       query=st.lists(st.tuples(_TEXT.filter(bool), _TEXT), max_size=3),
       path=st.text(alphabet="abc~-._ %/", max_size=10))
def test_the_clients_signature_verifies_and_a_changed_request_does_not(
        secret: str, token_secret: str, query: list[tuple[str, str]], path: str) -> None:
    from urllib.parse import quote, urlencode

    url = "http://k.example:5000/v3/" + quote(path) + ("?" + urlencode(query) if query else "")
    header = build_authorization_header("POST", url, consumer_key="c" * 32,
                                        consumer_secret=secret, token="d" * 32,
                                        token_secret=token_secret)
    params = parse_authorization(header)
    assert params is not None
    assert verify_signature(SignedRequest("POST", url, params), secret, token_secret)
    assert not verify_signature(SignedRequest("PUT", url, params), secret, token_secret)
    assert not verify_signature(SignedRequest("POST", url + "x", params), secret, token_secret)
