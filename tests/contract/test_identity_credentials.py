"""Keystone credentials, OS-EC2 credentials and `/v3/ec2tokens`, as Keystone 30 answers.

The demo user (member on demo) owns the credentials; the admin validates EC2 signatures
(`identity:ec2tokens_validate` is admin or service). Signatures are made by
keystoneclient's `Ec2Signer`, the signer Keystone itself checks with. The ec2 credential's
access key and secret are the test's own (`/v3/credentials` with a known blob) so that a
recording replays; each test removes what it made.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from keystoneclient.contrib.ec2.utils import Ec2Signer  # type: ignore[import-untyped]

from stackdouble.client import ProviderClient, ServiceClient
from stackdouble.client.openstack import new_identity_v3
from tests.contract.conftest import call

ACCESS = "k1contractaccess"
SECRET = "k1contractsecret"
FORBIDDEN = "You are not authorized to perform the requested action"


def v3(identity: ServiceClient) -> str:
    return identity.endpoint.rstrip("/")


@pytest.fixture
def admin(openstack_login: Callable[..., ProviderClient]) -> ServiceClient:
    """Keystone v3 as the admin."""
    return new_identity_v3(openstack_login(user="admin", cloud="realcloud-admin"))


@pytest.fixture
def me(openstack_identity: ServiceClient, admin: ServiceClient) -> Iterator[dict[str, str]]:
    """The demo user's and project's ids; the demo user's credentials are removed after."""
    base = v3(admin)
    def whoami(identity: ServiceClient) -> dict[str, Any]:
        return dict(call(identity, "GET", base + "/auth/tokens", headers={
            "X-Subject-Token": identity.provider.token_id}).json()["token"])

    token = whoami(openstack_identity)
    ids = {"user": token["user"]["id"], "project": token["project"]["id"],
           "admin": whoami(admin)["user"]["id"]}

    def clean() -> None:
        listed = call(admin, "GET", base + f"/credentials?user_id={ids['user']}").json()
        for cred in listed["credentials"]:
            call(admin, "DELETE", f"{base}/credentials/{cred['id']}")

    clean()
    yield ids
    clean()


def signed(access: str, secret: str, **params: str) -> dict[str, Any]:
    """A signature-v2 EC2 request as an EC2 API server forwards it to Keystone."""
    creds: dict[str, Any] = {
        "access": access, "host": "ec2.example:8773", "verb": "GET", "path": "/",
        "params": {"SignatureVersion": "2", "SignatureMethod": "HmacSHA256",
                   "AWSAccessKeyId": access, "Action": "DescribeInstances", **params}}
    creds["signature"] = Ec2Signer(secret).generate(creds)
    return creds


def ec2tokens(identity: ServiceClient, creds: dict[str, Any]) -> requests.Response:
    return call(identity, "POST", v3(identity) + "/ec2tokens", json={"credentials": creds})


def make_ec2(identity: ServiceClient, me: dict[str, str]) -> requests.Response:
    blob = json.dumps({"access": ACCESS, "secret": SECRET})
    return call(identity, "POST", v3(identity) + "/credentials", json={"credential": {
        "type": "ec2", "user_id": me["user"], "project_id": me["project"], "blob": blob}})


def test_a_credential_is_created_read_listed_updated_and_deleted_by_its_owner(
        openstack_identity: ServiceClient, me: dict[str, str]) -> None:
    base = v3(openstack_identity)
    created = call(openstack_identity, "POST", base + "/credentials", json={"credential": {
        "type": "totp", "user_id": me["user"], "blob": "abc", "extra1": "kept"}})
    assert created.status_code == 201
    cred = created.json()["credential"]
    assert cred["blob"] in ("abc", "***")  # "***": a scrubbed recording
    assert cred["project_id"] is None
    assert cred["extra1"] == "kept"
    assert len(cred["id"]) == 32
    assert cred["links"]["self"] == f"{base}/credentials/{cred['id']}"
    url = f"{base}/credentials/{cred['id']}"
    assert call(openstack_identity, "GET", url).json()["credential"] == cred
    listed = call(openstack_identity, "GET", base + "/credentials?type=totp").json()
    assert [c["id"] for c in listed["credentials"]] == [cred["id"]]
    assert call(openstack_identity, "GET", base + "/credentials?type=cert").json()[
        "credentials"] == []
    patched = call(openstack_identity, "PATCH", url, json={"credential": {"blob": "def"}})
    assert patched.status_code == 200
    assert patched.json()["credential"]["blob"] in ("def", "***")
    bad = call(openstack_identity, "PATCH", url, json={"credential": {"type": "ec2"}})
    assert bad.status_code == 400
    assert "Additional properties are not allowed ('type' was unexpected)" in bad.text
    assert call(openstack_identity, "DELETE", url).status_code == 204
    gone = call(openstack_identity, "GET", url)
    assert gone.status_code == 403
    assert FORBIDDEN in gone.text


def test_the_rules_of_a_credentials_body_and_owner(openstack_identity: ServiceClient,
                                                   admin: ServiceClient,
                                                   me: dict[str, str]) -> None:
    base = v3(openstack_identity)

    def create(**cred: Any) -> requests.Response:
        return call(openstack_identity, "POST", base + "/credentials",
                    json={"credential": cred})

    no_project = create(type="ec2", user_id=me["user"], blob='{"access": "x"}')
    assert no_project.status_code == 400
    assert "'project_id' is a required property" in no_project.json()["error"]["message"]
    not_json = create(type="ec2", user_id=me["user"], project_id=me["project"], blob="no")
    assert not_json.json()["error"]["message"] == "Invalid blob in credential"
    no_access = create(type="ec2", user_id=me["user"], project_id=me["project"], blob="{}")
    assert no_access.json()["error"]["message"].startswith(
        "Expecting to find blob in credential.")
    not_string = create(type="cert", user_id=me["user"], blob={"a": 1})
    assert not_string.status_code == 400
    assert "is not of type 'string'" in not_string.text
    others = create(type="cert", user_id=me["admin"], blob="x")
    assert others.status_code == 403
    assert "identity:create_credential" in others.json()["error"]["message"]
    missing = call(admin, "GET", base + "/credentials/nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "Could not find credential: nope."


def test_an_ec2_credentials_id_is_its_access_keys_sha256_and_it_gets_tokens(
        openstack_identity: ServiceClient, admin: ServiceClient, me: dict[str, str]) -> None:
    created = make_ec2(openstack_identity, me)
    assert created.status_code == 201
    cred_id = created.json()["credential"]["id"]
    assert cred_id == hashlib.sha256(ACCESS.encode()).hexdigest()
    again = make_ec2(openstack_identity, me)
    assert again.status_code == 409
    assert f"Duplicate entry found with ID {cred_id}" in again.text
    as_ec2 = call(openstack_identity, "GET",
                  f"{v3(admin)}/users/{me['user']}/credentials/OS-EC2/{ACCESS}").json()
    assert as_ec2["credential"]["secret"] in (SECRET, "***")  # "***": a scrubbed recording
    assert as_ec2["credential"]["tenant_id"] == me["project"]

    ok = ec2tokens(admin, signed(ACCESS, SECRET))
    assert ok.status_code == 200
    assert ok.headers["X-Subject-Token"]
    token = ok.json()["token"]
    assert token["methods"] == ["ec2credential"]
    assert token["user"]["id"] == me["user"]
    assert token["project"]["id"] == me["project"]
    assert {r["name"] for r in token["roles"]} >= {"member", "reader"}
    assert token["catalog"]

    wrong = ec2tokens(admin, signed(ACCESS, "not-the-secret"))
    assert wrong.status_code == 401
    by_member = ec2tokens(openstack_identity, signed(ACCESS, SECRET))
    assert by_member.status_code == 403
    assert "identity:ec2tokens_validate" in by_member.json()["error"]["message"]

    assert call(openstack_identity, "DELETE",
                f"{v3(admin)}/credentials/{cred_id}").status_code == 204
    dead = ec2tokens(admin, signed(ACCESS, SECRET))
    assert dead.status_code == 404
    assert dead.json()["error"]["message"] == "EC2 access key not found."


def test_os_ec2_credentials_of_a_user(openstack_identity: ServiceClient, admin: ServiceClient,
                                      me: dict[str, str]) -> None:
    base = f"{v3(admin)}/users/{me['user']}/credentials/OS-EC2"
    created = call(openstack_identity, "POST", base, json={"tenant_id": me["project"]})
    assert created.status_code == 201
    pair = created.json()["credential"]
    assert set(pair) == {"user_id", "tenant_id", "access", "secret", "trust_id", "links"}
    assert pair["links"]["self"] == f"{base}/{pair['access']}"
    listed = call(openstack_identity, "GET", base).json()["credentials"]
    assert [p["access"] for p in listed] == [pair["access"]]
    v3_listed = call(openstack_identity, "GET", v3(admin) + "/credentials?type=ec2").json()
    blob = v3_listed["credentials"][0]["blob"]
    assert blob == "***" or json.loads(blob) == {  # "***": a scrubbed recording
        "access": pair["access"], "secret": pair["secret"], "trust_id": None}

    no_project = call(openstack_identity, "POST", base, json={"tenant_id": "nope"})
    assert no_project.status_code == 404
    assert no_project.json()["error"]["message"] == "Could not find project: nope."
    others = call(openstack_identity, "GET", f"{v3(admin)}/users/{me['admin']}"
                  "/credentials/OS-EC2")
    assert others.status_code == 403
    unknown = call(openstack_identity, "GET", base + "/nope")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == (
        f"Could not find credential: {hashlib.sha256(b'nope').hexdigest()}.")

    assert call(openstack_identity, "DELETE", f"{base}/{pair['access']}").status_code == 204
    assert call(openstack_identity, "GET", base).json()["credentials"] == []
