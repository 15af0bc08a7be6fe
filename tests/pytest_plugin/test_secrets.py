"""No secret reaches a cassette: every auth kind, every secret header, generated secrets."""

from __future__ import annotations

import itertools
import json
import string
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.cassettes import Recorder, ScrubPolicy, check_cassette, load_cassette
from stackdouble.client import AuthOptions
from stackdouble.client.openstack import authenticated_client
from stackdouble.fakes import FakeCloud, ServedCloud

# A prefix no cassette contains, so a generated secret can't be found by coincidence.
body_secrets = st.text(st.characters(exclude_categories=("Cs",)), min_size=8, max_size=30
                       ).map(lambda s: "Zq9" + s)
header_secrets = st.text(string.ascii_letters + string.digits + "-_.~+/=!@#$%^&*",
                         min_size=8, max_size=40).map(lambda s: "Hd7" + s)
_names = itertools.count()


@pytest.fixture(scope="module")
def served_module() -> Iterator[ServedCloud]:
    with FakeCloud(seed=3).serve() as served:
        yield served


def forms(secret: str) -> set[str]:
    """The ways a secret could be written down."""
    return {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
            quote(secret, safe=""), quote_plus(secret)}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(password=body_secrets, app_secret=body_secrets, api_key=body_secrets,
       admin_pass=body_secrets, pin=body_secrets, headers=st.lists(header_secrets, min_size=6,
                                                                   max_size=6, unique=True))
def test_no_generated_secret_reaches_the_cassette(served_module: ServedCloud, password: str,
                                                  app_secret: str, api_key: str,
                                                  admin_pass: str, pin: str,
                                                  headers: list[str]) -> None:
    cloud, base = served_module.cloud, served_module.url
    n = next(_names)
    user, project = f"user{n}", f"project{n}"
    identity = cloud.identity
    identity.create_project(project)
    identity.create_user(user, password=password, api_key=api_key, default_project_id=project)
    identity.grant_role("member", user, project=project)
    cred_id, _ = identity.create_application_credential(user, f"cred{n}", secret=app_secret,
                                                        project=project)
    token = identity.issue_token(user, project=project)
    path = Path(tempfile.mkdtemp()) / "secrets.yaml"
    policy = ScrubPolicy(headers=["X-My-Secret"], keys=["my_pin"])
    with Recorder(path, policy=policy):
        v3, v2 = f"{base}/identity/v3", f"{base}/identity/v2.0"
        authenticated_client(AuthOptions(identity_endpoint=v3, username=user, password=password,
                                         project_name=project, domain_name="Default"))
        authenticated_client(AuthOptions(identity_endpoint=v3, token_id=token,
                                         project_name=project, domain_name="Default"))
        authenticated_client(AuthOptions(identity_endpoint=v3,
                                         application_credential_id=cred_id,
                                         application_credential_secret=app_secret))
        authenticated_client(AuthOptions(identity_endpoint=v2, username=user, api_key=api_key,
                                         tenant_name=project))
        authenticated_client(AuthOptions(identity_endpoint=v2, username=user, password=password,
                                         tenant_name=project))
        requests.get(f"{base}/identity/v3/auth/tokens",
                     headers={"X-Auth-Token": token, "X-Subject-Token": token})
        requests.post(f"{base}/v1/AUTH_x/c/o",
                      params={"temp_url_sig": headers[5], "temp_url_expires": "1"},
                      headers={"X-Auth-Token": headers[0], "X-Storage-Token": headers[1],
                               "X-Account-Meta-Temp-URL-Key": headers[2],
                               "X-Container-Meta-Temp-URL-Key-2": headers[3],
                               "X-My-Secret": headers[4]},
                      json={"server": {"adminPass": admin_pass}, "my_pin": pin})
    text = path.read_text(encoding="utf-8")
    cassette = load_cassette(path)
    strings = [text]
    for item in cassette.interactions:
        strings.append(item.request.uri)
        strings.extend(v for _, v in item.request.headers + item.response.headers)
        strings.extend(b.decode("utf-8", "replace") for b in (item.request.body or b"",
                                                              item.response.body))
    secrets = [password, app_secret, api_key, admin_pass, pin, token, *headers]
    for secret in secrets:
        for form in forms(secret):
            assert not any(form in s for s in strings), f"secret leaked as {form!r}"
    assert check_cassette(cassette, policy) == []
    assert len(cassette.interactions) == 7


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(member_password=body_secrets, admin_password=body_secrets)
def test_a_second_login_keeps_its_secret_out_of_the_cassette(served_module: ServedCloud,
                                                             member_password: str,
                                                             admin_password: str) -> None:
    cloud, v3 = served_module.cloud, f"{served_module.url}/identity/v3"
    n = next(_names)
    identity = cloud.identity
    identity.create_project(f"project{n}")
    for user, password, role in ((f"member{n}", member_password, "member"),
                                 (f"admin{n}", admin_password, "admin")):
        identity.create_user(user, password=password, default_project_id=f"project{n}")
        identity.grant_role(role, user, project=f"project{n}")
    member = AuthOptions(identity_endpoint=v3, username=f"member{n}", password=member_password,
                         project_name=f"project{n}", domain_name="Default")
    admin = AuthOptions(identity_endpoint=v3, username=f"admin{n}", password=admin_password,
                        project_name=f"project{n}", domain_name="Default")
    path = Path(tempfile.mkdtemp()) / "logins.yaml"
    with Recorder(path, auth_options=member) as recorder:
        authenticated_client(member)
        recorder.add_login(admin)
        authenticated_client(admin)
    text = path.read_text(encoding="utf-8")
    for secret in (member_password, admin_password):
        for form in forms(secret):
            assert form not in text, f"secret leaked as {form!r}"
    cassette = load_cassette(path)
    assert [login["username"] for login in cassette.stackdouble["logins"]] == [f"admin{n}"]
    assert check_cassette(cassette) == []
