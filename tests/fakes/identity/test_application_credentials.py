"""Application credential auth: the scope comes from the credential."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import requests

from stackdouble.fakes import FakeCloud
from tests.fakes.helpers import UNAUTHORIZED, post_token, token_body


def app_cred_body(cred: dict[str, Any]) -> dict[str, Any]:
    return {"auth": {"identity": {"methods": ["application_credential"],
                                  "application_credential": cred}}}


def test_by_id_gives_a_token_scoped_to_the_credentials_project(cloud: FakeCloud,
                                                               http: requests.Session) -> None:
    cred_id, secret = cloud.identity.create_application_credential("demo", "ci")
    resp = post_token(http, cloud, app_cred_body({"id": cred_id, "secret": secret}))
    token = resp.json()["token"]
    assert resp.status_code == 201
    assert token["methods"] == ["application_credential"]
    assert token["project"]["name"] == "demo"
    assert token["application_credential"] == {"id": cred_id, "name": "ci", "restricted": True}


def test_by_name_with_user_name_and_domain(cloud: FakeCloud, http: requests.Session) -> None:
    _, secret = cloud.identity.create_application_credential("demo", "ci")
    body = app_cred_body({"name": "ci", "secret": secret,
                          "user": {"name": "demo", "domain": {"name": "Default"}}})
    assert post_token(http, cloud, body).status_code == 201


def test_roles_are_the_credentials_roles_expanded(cloud: FakeCloud,
                                                  http: requests.Session) -> None:
    cred_id, secret = cloud.identity.create_application_credential("demo", "ro", roles=["reader"])
    token = post_token(http, cloud, app_cred_body({"id": cred_id, "secret": secret})).json()
    assert [r["name"] for r in token["token"]["roles"]] == ["reader"]


def test_requesting_a_scope_is_401_with_an_identity_member(cloud: FakeCloud,
                                                           http: requests.Session) -> None:
    cred_id, secret = cloud.identity.create_application_credential("demo", "ci")
    body = app_cred_body({"id": cred_id, "secret": secret})
    body["auth"]["scope"] = {"project": {"name": "demo", "domain": {"id": "default"}}}
    resp = post_token(http, cloud, body)
    assert resp.status_code == 401
    assert resp.json() == {"error": {
        "code": 401, "identity": {}, "title": "Unauthorized",
        "message": "Error authenticating with application credential: Application credentials "
                   "cannot request a scope."}}


def test_wrong_secret_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    cred_id, _ = cloud.identity.create_application_credential("demo", "ci")
    resp = post_token(http, cloud, app_cred_body({"id": cred_id, "secret": "nope"}))
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_expired_credential_is_401(cloud: FakeCloud, http: requests.Session) -> None:
    expires = cloud.clock.now() + timedelta(seconds=60)
    cred_id, secret = cloud.identity.create_application_credential("demo", "ci",
                                                                   expires_at=expires)
    cloud.clock.advance(61)
    resp = post_token(http, cloud, app_cred_body({"id": cred_id, "secret": secret}))
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)


def test_unknown_id_is_404(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post_token(http, cloud, app_cred_body({"id": "abc", "secret": "x"}))
    assert resp.status_code == 404
    assert resp.json()["error"]["message"] == "Could not find Application Credential: abc."


def test_token_from_an_app_cred_token_cannot_ask_for_a_scope(cloud: FakeCloud,
                                                             http: requests.Session) -> None:
    cred_id, secret = cloud.identity.create_application_credential("demo", "ci")
    first = post_token(http, cloud, app_cred_body({"id": cred_id, "secret": secret}))
    resp = post_token(http, cloud, token_body(first.headers["X-Subject-Token"],
                                              {"project": {"name": "demo",
                                                           "domain": {"id": "default"}}}))
    assert resp.status_code == 403


def test_non_object_payload_is_400_not_500(cloud: FakeCloud, http: requests.Session) -> None:
    resp = post_token(http, cloud, app_cred_body(7))  # type: ignore[arg-type]
    assert resp.status_code == 400
    assert resp.json()["error"]["message"].startswith(
        "Expecting to find name or ID in application credential.")
