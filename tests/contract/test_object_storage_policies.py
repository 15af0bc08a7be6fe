"""Storage policies: a container picks one with `X-Storage-Policy` when it is created
(realcloud runs `Policy-0`, the default, and `Policy-1`), keeps it, and the account counts
containers, objects and bytes per policy."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import pytest

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call, empty_container

CONFLICT = ("<html><h1>Conflict</h1><p>There was a conflict when trying to complete your "
            "request.</p></html>")


@pytest.fixture
def policy1_container(storage: ServiceClient, container: str) -> Iterator[str]:
    """`<container>-policy-1`, created in Policy-1; removed afterwards."""
    name = f"{container}-policy-1"
    empty_container(storage, name)
    created = call(storage, "PUT", f"{account(storage)}/{name}",
                   headers={"X-Storage-Policy": "Policy-1"})
    assert created.status_code == 201
    yield name
    empty_container(storage, name)


def test_info_lists_the_policies(storage: ServiceClient) -> None:
    info = call(storage, "GET", urljoin(account(storage), "/info"), authenticated=False).json()
    assert info["swift"]["policies"] == [
        {"name": "Policy-0", "aliases": "Policy-0", "default": True},
        {"name": "Policy-1", "aliases": "Policy-1"}]


def test_container_keeps_the_policy_it_was_made_with(storage: ServiceClient,
                                                     policy1_container: str) -> None:
    url = f"{account(storage)}/{policy1_container}"
    assert call(storage, "HEAD", url).headers["X-Storage-Policy"] == "Policy-1"
    other = call(storage, "PUT", url, headers={"X-Storage-Policy": "Policy-0"})
    assert other.status_code == 409
    assert other.text == CONFLICT
    same = call(storage, "PUT", url, headers={"X-Storage-Policy": "Policy-1"})
    assert same.status_code == 202
    # A POST does not change it (the header is ignored).
    assert call(storage, "POST", url, headers={"X-Storage-Policy": "Policy-0"}).status_code == 204
    assert call(storage, "HEAD", url).headers["X-Storage-Policy"] == "Policy-1"
    put = call(storage, "PUT", f"{url}/obj", data=b"12345")
    assert put.status_code == 201
    assert call(storage, "GET", f"{url}/obj").content == b"12345"


def test_unknown_policy_is_400(storage: ServiceClient) -> None:
    url = f"{account(storage)}/contract-no-such-policy"
    resp = call(storage, "PUT", url, headers={"X-Storage-Policy": "Nope"})
    assert resp.status_code == 400
    assert resp.text == "Invalid X-Storage-Policy 'Nope'"
    assert call(storage, "HEAD", url).status_code == 404


def test_account_counts_containers_per_policy(storage: ServiceClient, container: str,
                                              policy1_container: str) -> None:
    base = account(storage)
    put = call(storage, "PUT", f"{base}/{policy1_container}/obj", data=b"12345")
    assert put.status_code == 201
    head = call(storage, "HEAD", f"{base}/{policy1_container}")
    assert head.headers["X-Container-Object-Count"] == "1"
    assert head.headers["X-Container-Bytes-Used"] == "5"
    # The account learns a container's object and byte counts later (Swift's container
    # updater), and other tests' containers may be there too: only the presence of each
    # policy's counters, and this test's containers among them, are compared.
    account_head = call(storage, "HEAD", base)
    for policy in ("Policy-0", "Policy-1"):
        prefix = f"X-Account-Storage-Policy-{policy}-"
        assert int(account_head.headers[prefix + "Container-Count"]) >= 1
        for counter in ("Object-Count", "Bytes-Used"):
            assert prefix + counter in account_head.headers
