"""Container sync settings (`X-Container-Sync-To`, `X-Container-Sync-Key`), checked by the
container server's `validate_sync_to` against realcloud's container-sync-realms.conf (realm
`realcloud`, cluster `local`) and the default `allowed_sync_hosts` (127.0.0.1), and shown
on HEAD to the account's owner. Nothing here waits for the container-sync daemon."""

from __future__ import annotations

import pytest

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call

KEY = "contract-sync-key"


def _set(storage: ServiceClient, container: str, sync_to: str) -> tuple[int, str]:
    resp = call(storage, "POST", f"{account(storage)}/{container}",
                headers={"X-Container-Sync-To": sync_to, "X-Container-Sync-Key": KEY})
    return resp.status_code, resp.text


def _account_name(storage: ServiceClient) -> str:
    return account(storage).rsplit("/", 1)[-1]


def test_a_realm_target_is_accepted_and_shown_to_the_owner(storage: ServiceClient,
                                                           container: str) -> None:
    target = f"//realcloud/local/{_account_name(storage)}/contract-sync-peer"
    assert _set(storage, container, target) == (204, "")
    head = call(storage, "HEAD", f"{account(storage)}/{container}")
    assert head.headers["X-Container-Sync-To"] == target
    assert "X-Container-Sync-Key" in head.headers


def test_a_realm_target_is_taken_on_create_and_its_case_is_kept(
        storage: ServiceClient) -> None:
    url = f"{account(storage)}/contract-sync-created"
    target = f"//REALCLOUD/Local/{_account_name(storage)}/peer"
    try:
        created = call(storage, "PUT", url, headers={"X-Container-Sync-To": target,
                                                     "X-Container-Sync-Key": KEY})
        assert created.status_code == 201
        assert call(storage, "HEAD", url).headers["X-Container-Sync-To"] == target
    finally:
        call(storage, "DELETE", url)


def test_a_full_url_on_an_allowed_host_is_accepted(storage: ServiceClient,
                                                   container: str) -> None:
    target = f"http://127.0.0.1:8080/v1/{_account_name(storage)}/peer"
    assert _set(storage, container, target) == (204, "")
    head = call(storage, "HEAD", f"{account(storage)}/{container}")
    assert head.headers["X-Container-Sync-To"] == target


def test_removing_the_target_and_key(storage: ServiceClient, container: str) -> None:
    url = f"{account(storage)}/{container}"
    assert _set(storage, container, f"//realcloud/local/{_account_name(storage)}/p")[0] == 204
    removed = call(storage, "POST", url, headers={"X-Remove-Container-Sync-To": "x",
                                                  "X-Remove-Container-Sync-Key": "x"})
    assert removed.status_code == 204
    head = call(storage, "HEAD", url)
    assert "X-Container-Sync-To" not in head.headers
    assert "X-Container-Sync-Key" not in head.headers


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("//nowhere/local/AUTH_x/c", "No realm key for 'nowhere'"),
        ("//realcloud/elsewhere/AUTH_x/c", "No cluster endpoint for 'realcloud' 'elsewhere'"),
        ("//realcloud/local/AUTH_x", "Invalid X-Container-Sync-To format "
                                     "'//realcloud/local/AUTH_x'"),
        ("//realcloud/local/AUTH_x/c/o", "Invalid X-Container-Sync-To format "
                                         "'//realcloud/local/AUTH_x/c/o'"),
        ("ftp://127.0.0.1/v1/AUTH_x/c", "Invalid scheme 'ftp' in X-Container-Sync-To, "
                                        'must be "//", "http", or "https".'),
        ("http://127.0.0.1", "Path required in X-Container-Sync-To"),
        ("http://127.0.0.1/v1/AUTH_x/c?a=b",
         "Params, queries, and fragments not allowed in X-Container-Sync-To"),
        ("http://sync.example.test/v1/AUTH_x/c",
         "Invalid host 'sync.example.test' in X-Container-Sync-To"),
    ],
)
def test_a_target_swift_cannot_sync_to_is_400(storage: ServiceClient, container: str,
                                              target: str, error: str) -> None:
    assert _set(storage, container, target) == (400, error)
    assert "X-Container-Sync-To" not in call(
        storage, "HEAD", f"{account(storage)}/{container}").headers


def test_a_bad_target_refuses_a_create_too(storage: ServiceClient) -> None:
    url = f"{account(storage)}/contract-sync-refused"
    resp = call(storage, "PUT", url, headers={"X-Container-Sync-To": "//nowhere/x/a/c"})
    assert (resp.status_code, resp.text) == (400, "No realm key for 'nowhere'")
    assert call(storage, "HEAD", url).status_code == 404
