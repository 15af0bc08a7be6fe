"""Credentials, OS-EC2 credentials and ec2tokens through the client
(`identity/v3/credentials/`, `.../ec2credentials/`, `.../ec2tokens/`), end to end against
the in-process fake: what a user stores, the refusals as typed errors, and EC2 signatures
the client makes trading for tokens."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceClient,
    Unauthorized,
)
from stackdouble.client.openstack.identity.v3 import credentials, ec2credentials, ec2tokens
from stackdouble.fakes import FakeCloud


@pytest.fixture
def me(cloud: FakeCloud) -> str:
    return cloud.user_id("demo")


@pytest.fixture
def demo(cloud: FakeCloud) -> str:
    return cloud.project_id("demo")


@pytest.fixture
def pair(member: ServiceClient, me: str, demo: str) -> ec2credentials.Credential:
    """A fresh EC2 access key and secret of the demo member on demo."""
    return ec2credentials.create(member, me, ec2credentials.CreateOpts(tenant_id=demo)).extract()


def test_a_credential_is_stored_found_changed_and_removed_by_its_owner(
        member: ServiceClient, admin: ServiceClient, me: str) -> None:
    made = credentials.create(member, credentials.CreateOpts(
        type="totp", user_id=me, blob="GEZDGNBVGY3TQOJQ", extra={"label": "phone"})).extract()
    assert (made.type, made.user_id, made.project_id, made.blob) == (
        "totp", me, None, "GEZDGNBVGY3TQOJQ")
    assert made.extra == {"label": "phone"}
    assert credentials.get(member, made.id).extract() == made
    assert [c.id for c in credentials.list(member, credentials.ListOpts(type="totp")).items()
            ] == [made.id]
    assert list(credentials.list(member, credentials.ListOpts(type="cert")).items()) == []
    updated = credentials.update(member, made.id,
                                 credentials.UpdateOpts(blob="MFRGGZDFMZTWQ2LK")).extract()
    assert updated.blob == "MFRGGZDFMZTWQ2LK"
    assert updated.extra == {"label": "phone"}
    credentials.delete(member, made.id).extract_err()
    with pytest.raises(Forbidden):  # the policy runs first: nothing there to own
        credentials.get(member, made.id).extract()
    with pytest.raises(NotFound):
        credentials.get(admin, made.id).extract()


def test_a_blob_or_secret_never_shows_in_a_repr(member: ServiceClient, me: str,
                                                pair: ec2credentials.Credential) -> None:
    opts = credentials.CreateOpts(type="cert", user_id=me, blob="-----BEGIN KEY-----")
    made = credentials.create(member, opts).extract()
    assert "BEGIN KEY" not in repr(opts) + repr(made)
    assert pair.secret not in repr(pair)
    assert pair.secret not in repr(ec2tokens.AuthOptions(access=pair.access,
                                                          secret=pair.secret))


def test_the_refusals_of_a_credential_are_typed(member: ServiceClient, admin: ServiceClient,
                                                cloud: FakeCloud, me: str, demo: str) -> None:
    def create(type: str, blob: str, project_id: str | None = None,
               user_id: str = me) -> credentials.CreateResult:
        return credentials.create(member, credentials.CreateOpts(
            type=type, user_id=user_id, blob=blob, project_id=project_id))

    with pytest.raises(BadRequest, match="'project_id' is a required property"):
        create("ec2", '{"access": "x"}').extract()
    with pytest.raises(BadRequest, match="Invalid blob in credential"):
        create("ec2", "not json", demo).extract()
    with pytest.raises(BadRequest, match="Expecting to find blob in credential"):
        create("ec2", "{}", demo).extract()
    with pytest.raises(Forbidden, match="identity:create_credential"):
        create("cert", "x", user_id=cloud.user_id("admin")).extract()
    blob = json.dumps({"access": "AKIDEXAMPLE", "secret": "s3cr3t"})
    made = create("ec2", blob, demo).extract()
    assert made.id == hashlib.sha256(b"AKIDEXAMPLE").hexdigest()
    with pytest.raises(Conflict):
        create("ec2", blob, demo).extract()
    with pytest.raises(NotFound, match="Could not find credential: nope"):
        credentials.update(admin, "nope", credentials.UpdateOpts(blob="x")).extract()


def test_os_ec2_credentials_of_a_user(member: ServiceClient, cloud: FakeCloud, me: str,
                                      demo: str, pair: ec2credentials.Credential) -> None:
    assert (pair.user_id, pair.tenant_id, pair.trust_id) == (me, demo, None)
    assert ec2credentials.get(member, me, pair.access).extract() == pair
    assert [c.access for c in ec2credentials.list(member, me).items()] == [pair.access]
    [as_v3] = credentials.list(member, credentials.ListOpts(type="ec2")).items()
    assert json.loads(as_v3.blob) == {"access": pair.access, "secret": pair.secret,
                                      "trust_id": None}
    with pytest.raises(NotFound, match="Could not find project: nope"):
        ec2credentials.create(member, me, ec2credentials.CreateOpts(tenant_id="nope")).extract()
    with pytest.raises(Forbidden):
        list(ec2credentials.list(member, cloud.user_id("admin")).items())
    with pytest.raises(NotFound):
        ec2credentials.get(member, me, "nope").extract()
    ec2credentials.delete(member, me, pair.access).extract_err()
    assert list(ec2credentials.list(member, me).items()) == []


@pytest.mark.parametrize("params", [{"SignatureVersion": "2"}, {}], ids=["v2", "v4"])
def test_a_signed_request_trades_for_a_token_until_the_credential_goes(
        member: ServiceClient, admin: ServiceClient, me: str, demo: str,
        pair: ec2credentials.Credential, params: dict[str, str]) -> None:
    def opts(secret: str) -> ec2tokens.AuthOptions:
        return ec2tokens.AuthOptions(access=pair.access, secret=secret, host="ec2.example",
                                     params={**params, "Action": "DescribeInstances"})

    result = ec2tokens.create(admin, opts(pair.secret))
    token = result.extract_token()
    assert token.methods == ("ec2credential",)
    assert result.extract_user().id == me
    project = result.extract_project()
    assert project is not None
    assert project.id == demo
    assert result.extract_catalog()
    with pytest.raises(Unauthorized):
        ec2tokens.create(admin, opts("not-the-secret")).extract()
    with pytest.raises(Forbidden, match="identity:ec2tokens_validate"):
        ec2tokens.create(member, opts(pair.secret)).extract()
    ec2credentials.delete(member, me, pair.access).extract_err()
    with pytest.raises(NotFound, match="EC2 access key not found"):
        ec2tokens.create(admin, opts(pair.secret)).extract()


def test_an_old_v4_request_or_an_unknown_signature_scheme_is_refused(
        admin: ServiceClient, pair: ec2credentials.Credential) -> None:
    old = datetime.now(timezone.utc) - timedelta(days=1)
    with pytest.raises(Unauthorized):
        ec2tokens.create(admin, ec2tokens.AuthOptions(
            access=pair.access, secret=pair.secret, host="s3.example", timestamp=old)).extract()
    for params in ({"SignatureVersion": "2", "SignatureMethod": "HmacSHA1"},
                   {"SignatureVersion": "1"}):
        result = ec2tokens.create(admin, ec2tokens.AuthOptions(
            access=pair.access, secret=pair.secret, params=params))
        with pytest.raises(InvalidInput):
            result.extract()


_RESERVED = {"SignatureVersion", "SignatureMethod", "Signature", "Timestamp",
             "AWSAccessKeyId"}
_text = st.text(st.characters(codec="utf-8"), max_size=12)
_params = st.dictionaries(
    _text.filter(lambda k: k not in _RESERVED and not k.startswith("X-Amz-")), _text,
    max_size=5)
_path = st.lists(st.text("abcxyz-_.~%+ é", min_size=1, max_size=6), max_size=3).map(
    lambda parts: "/" + "/".join(parts))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=_params, v2=st.booleans(), verb=st.sampled_from(["GET", "POST", "PUT", "HEAD"]),
       path=_path, host=st.sampled_from(["ec2.example", "ec2.example:8773", "[::1]:8080"]),
       headers=st.dictionaries(st.sampled_from(["Content-Type", "X-Amz-Meta-A", "Range"]),
                               st.text("abc =/;,", max_size=8), max_size=2))
def test_any_request_the_client_signs_validates(
        admin: ServiceClient, pair: ec2credentials.Credential, params: dict[str, str],
        v2: bool, verb: str, path: str, host: str, headers: dict[str, str]) -> None:
    if v2:
        params = {**params, "SignatureVersion": "2"}
    opts = ec2tokens.AuthOptions(access=pair.access, secret=pair.secret, host=host, verb=verb,
                                 path=path, params=params, headers=headers)
    assert ec2tokens.create(admin, opts).extract_user().id == pair.user_id
