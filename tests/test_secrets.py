"""What counts as secret, for logs, errors and cassettes alike."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackdouble._secrets import REDACTED, redact_headers, scrub_json, scrub_text

secrets = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=12, max_size=40)


@given(secret=secrets)
def test_v2_v3_and_rackspace_auth_bodies_lose_every_secret(secret: str) -> None:
    bodies = [
        {"auth": {"identity": {"methods": ["password"], "password": {
            "user": {"name": "u", "domain": {"name": "Default"}, "password": secret}}}}},
        {"auth": {"passwordCredentials": {"username": "u", "password": secret}}},
        {"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "u", "apiKey": secret}}},
        {"auth": {"identity": {"methods": ["application_credential"],
                               "application_credential": {"id": "x", "secret": secret}}}},
        {"auth": {"token": {"id": secret}}},
        {"access": {"token": {"id": secret, "expires": "2026-01-01T00:00:00Z"}}},
        {"server": {"name": "s", "adminPass": secret}},
    ]
    for body in bodies:
        assert secret not in json.dumps(scrub_json(body))


def test_non_secret_fields_are_kept() -> None:
    body = {"server": {"id": "abc", "name": "web", "metadata": {"role": "db"}}}
    assert scrub_json(body) == body


@given(secret=secrets)
def test_secret_headers_are_redacted_whatever_their_case(secret: str) -> None:
    headers = {"x-auth-token": secret, "X-SUBJECT-TOKEN": secret, "X-Storage-Token": secret,
               "X-Container-Meta-Temp-URL-Key": secret, "Content-Type": "application/json"}
    redacted = redact_headers(headers)
    assert secret not in json.dumps(redacted)
    assert redacted["Content-Type"] == "application/json"


def test_fernet_tokens_and_quoted_passwords_are_removed_from_text() -> None:
    token = "gAAAAABrCUWwopPmYuCEhPauVUFlW8QljYYJl9rMEKKT9F7_tXa9W6oYmYixsvxw38yaPsuc5"
    text = f'token {token} and {{"password": "hunter22", "apiKey": "k-123"}}'
    scrubbed = scrub_text(text)
    assert token not in scrubbed
    assert "hunter22" not in scrubbed
    assert "k-123" not in scrubbed
    assert scrubbed.count(REDACTED) == 3


@pytest.mark.parametrize("depth", [1, 63, 64, 65, 100_000])
def test_secrets_at_any_depth_are_scrubbed_without_recursion_error(depth: int) -> None:
    deep: list[object] = [{"password": "hunter22", "name": "x", "token": {"id": "t"}}]
    for _ in range(depth):
        deep = [deep]
    node = scrub_json(deep)
    for _ in range(depth):
        node = node[0]
    assert node == [{"password": REDACTED, "name": "x", "token": {"id": REDACTED}}]


def test_scrubbing_keeps_key_order_and_copies_the_tree() -> None:
    body = {"b": [1, {"secret": "s", "c": "d"}], "a": {"token": {"id": "t", "x": None}}}
    scrubbed = scrub_json(body)
    assert list(scrubbed) == ["b", "a"]
    assert scrubbed == {"b": [1, {"secret": REDACTED, "c": "d"}],
                        "a": {"token": {"id": REDACTED, "x": None}}}
    assert scrubbed["b"] is not body["b"]
    assert body["b"][1]["secret"] == "s"


def test_secret_auth_options_are_the_fields_kept_out_of_the_repr() -> None:
    from dataclasses import fields

    from stackdouble.client._options import SECRET_FIELDS, AuthOptions

    hidden = {f.name for f in fields(AuthOptions) if not f.repr}
    assert set(SECRET_FIELDS.values()) == hidden
    assert dict(SECRET_FIELDS) == {"password": "password", "api_key": "api_key",
                                   "token": "token_id",
                                   "application_credential": "application_credential_secret"}


def test_every_auth_method_with_a_secret_names_its_field() -> None:
    from stackdouble.client import AuthOptions
    from stackdouble.client._options import SECRET_FIELDS

    made = {
        "password": AuthOptions(identity_endpoint="http://k/", username="u", password="p1234567"),
        "api_key": AuthOptions(identity_endpoint="http://k/", username="u", api_key="k1234567"),
        "token": AuthOptions(identity_endpoint="http://k/", token_id="t1234567"),
        "application_credential": AuthOptions(identity_endpoint="http://k/",
                                              application_credential_id="a",
                                              application_credential_secret="s1234567"),
    }
    for method, opts in made.items():
        assert opts.auth_method == method
        secret = getattr(opts, SECRET_FIELDS[method])
        assert secret.endswith("1234567")
        assert secret not in repr(opts)


@given(secret=secrets)
def test_a_credentials_blob_is_secret_in_json_and_in_raw_text(secret: str) -> None:
    ec2_blob = json.dumps({"access": "a", "secret": secret})
    for blob in (secret, ec2_blob, {"seed": secret}):
        body = {"credential": {"type": "totp", "user_id": "u", "blob": blob}}
        scrubbed = scrub_json(body)
        assert scrubbed["credential"] == {"type": "totp", "user_id": "u", "blob": REDACTED}
        if isinstance(blob, str):  # raw text patterns read quoted strings only
            assert secret not in scrub_text(json.dumps(body))
