"""Container sync settings (`X-Container-Sync-To`, `X-Container-Sync-Key`), checked by the
container server's `validate_sync_to` against realcloud's container-sync-realms.conf (realm
`realcloud`, cluster `local`) and the default `allowed_sync_hosts` (127.0.0.1), and shown
on HEAD to the account's owner; and the container-sync daemon's copies (realcloud runs it
every `SWIFT_SYNC_INTERVAL` seconds, the fake on its clock: waits go through
`openstack_clock`, so the fake moves its clock and replay does not sleep)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from stackdouble.client import ServiceClient
from stackdouble.pytest_plugin import ModeClock
from stackdouble.realcloud import SWIFT_SYNC_INTERVAL
from tests.contract.conftest import account, call, empty_container

KEY = "contract-sync-key"
#: How long a test waits for the daemon, at most: 30 sweeps. A row reaches the container
#: (and the daemon) only once the object server's update lands, which on a loaded 2-core
#: machine has taken more than 10 sweeps; the wait ends as soon as the copy shows.
WAIT = 30 * SWIFT_SYNC_INTERVAL


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


# -- the container-sync daemon -----------------------------------------------------------------


@pytest.fixture
def synced(storage: ServiceClient) -> Iterator[tuple[str, str]]:
    """The URLs of `contract-sync-source`, syncing to `contract-sync-target` in the same
    account (realm `realcloud`, cluster `local`) with `KEY`, and of that target (made with
    the same key); both removed afterwards, the sync first."""
    source = f"{account(storage)}/contract-sync-source"
    target = f"{account(storage)}/contract-sync-target"

    def remove() -> None:
        call(storage, "POST", source, headers={"X-Remove-Container-Sync-To": "x",
                                               "X-Remove-Container-Sync-Key": "x"})
        empty_container(storage, "contract-sync-source")
        empty_container(storage, "contract-sync-target")

    remove()
    assert call(storage, "PUT", target,
                headers={"X-Container-Sync-Key": KEY}).status_code == 201
    assert call(storage, "PUT", source, headers={
        "X-Container-Sync-To": f"//realcloud/local/{_account_name(storage)}/"
                               "contract-sync-target",
        "X-Container-Sync-Key": KEY}).status_code == 201
    yield source, target
    remove()


def _wait(clock: ModeClock, check: Callable[[], Any]) -> Any:
    """Call `check` once a second until it answers something true, at most `WAIT` s."""
    for _ in range(WAIT):
        got = check()
        if got:
            return got
        clock.sleep(1.0)
    return check()


def _names(storage: ServiceClient, url: str) -> list[str]:
    listed = call(storage, "GET", url + "?format=json")
    return [row["name"] for row in listed.json()] if listed.status_code == 200 else []


#: What a copy keeps of its source.
_KEPT = ("Etag", "Content-Type", "Content-Length", "Content-Disposition", "X-Object-Meta-Color",
         "X-Timestamp", "Last-Modified")


def test_the_daemon_copies_objects_with_their_metadata_and_timestamp(
        storage: ServiceClient, synced: tuple[str, str], openstack_clock: ModeClock) -> None:
    source, target = synced
    put = call(storage, "PUT", f"{source}/o", data=b"hello", headers={
        "Content-Type": "text/plain", "Content-Disposition": "inline",
        "X-Object-Meta-Color": "red"})
    assert put.status_code == 201
    assert _wait(openstack_clock, lambda: _names(storage, target)) == ["o"]
    original = call(storage, "HEAD", f"{source}/o").headers
    copy = call(storage, "GET", f"{target}/o")
    assert copy.content == b"hello"
    assert {k: copy.headers.get(k) for k in _KEPT} == {k: original.get(k) for k in _KEPT}


def test_the_daemon_repeats_deletions_and_metadata_changes(
        storage: ServiceClient, synced: tuple[str, str], openstack_clock: ModeClock) -> None:
    source, target = synced
    for name in ("kept", "gone"):
        call(storage, "PUT", f"{source}/{name}", data=name.encode(),
             headers={"X-Object-Meta-Color": "red"})
    assert _wait(openstack_clock, lambda: _names(storage, target)) == ["gone", "kept"]
    assert call(storage, "DELETE", f"{source}/gone").status_code == 204
    assert call(storage, "POST", f"{source}/kept",
                headers={"X-Object-Meta-Color": "blue"}).status_code == 202

    def changed() -> bool:
        head = call(storage, "HEAD", f"{target}/kept").headers
        return (head.get("X-Object-Meta-Color") == "blue"
                and _names(storage, target) == ["kept"])

    assert _wait(openstack_clock, changed)
    after = call(storage, "HEAD", f"{target}/kept").headers
    assert after["X-Timestamp"] == call(storage, "HEAD", f"{source}/kept").headers["X-Timestamp"]


def test_a_target_with_another_key_gets_nothing_until_the_keys_match(
        storage: ServiceClient, synced: tuple[str, str], openstack_clock: ModeClock) -> None:
    source, target = synced
    call(storage, "POST", target, headers={"X-Container-Sync-Key": "another-key"})
    call(storage, "PUT", f"{source}/o", data=b"x")
    openstack_clock.sleep(3 * SWIFT_SYNC_INTERVAL)  # a few sweeps, each refused (401)
    assert _names(storage, target) == []
    call(storage, "POST", target, headers={"X-Container-Sync-Key": KEY})
    # The refused row is tried again at each sweep.
    assert _wait(openstack_clock, lambda: _names(storage, target)) == ["o"]
