"""The fake Swift answers with the real samples' headers and bodies (`samples.py`, recorded
from Swift 2.38.3): the same header names, and the same values wherever they do not depend
on the time or a random id."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
import requests

from stackdouble.client import ServiceClient
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage import samples as recorded

_VARYING = {"X-Trans-Id", "X-Openstack-Request-Id", "Date", "Last-Modified", "X-Timestamp",
            "Content-Length", "Www-Authenticate", "X-Account-Project-Domain-Id"}


def _same(got: Mapping[str, str], want: Mapping[str, str]) -> None:
    # samples.py leaves out some Content-Lengths (responses computes them).
    assert set(got) - {"Content-Length"} == set(want) - {"Content-Length"}
    for name, value in want.items():
        if name not in _VARYING:
            assert got[name] == value, name


@pytest.fixture
def url(storage: ServiceClient) -> str:
    return storage.resource_base_url().rstrip("/")


@pytest.fixture
def token(storage: ServiceClient) -> dict[str, str]:
    return {"X-Auth-Token": str(storage.provider.token_id)}


def test_put_container_and_object(url: str, token: dict[str, str]) -> None:
    _same(requests.put(url + "/samples", headers=token).headers, recorded.PUT_CONTAINER)
    resp = requests.put(url + "/samples/apple", data=recorded.APPLE,
                        headers={**token, "Content-Type": "text/plain"})
    _same(resp.headers, recorded.PUT_APPLE)


def test_listings_and_heads(url: str, token: dict[str, str], samples: str) -> None:
    text = requests.get(url + "/samples?limit=2", headers=token)
    _same(text.headers, recorded.TEXT_PAGE_1[0])
    assert text.content == recorded.TEXT_PAGE_1[1]
    rest = requests.get(url + "/samples?marker=banana", headers=token)
    assert rest.content == recorded.TEXT_PAGE_2[1]
    empty = requests.get(url + "/samples?marker=cherry", headers=token)
    assert empty.status_code == 204
    _same(empty.headers, recorded.TEXT_EMPTY[0])
    rows = requests.get(url + "/samples?format=json", headers=token)
    _same(rows.headers, recorded.JSON_HEADERS)
    assert [{k: v for k, v in row.items() if k != "last_modified"} for row in rows.json()] == [
        {k: v for k, v in row.items() if k != "last_modified"} for row in recorded.JSON_ROWS]
    _same(requests.head(url + "/samples", headers=token).headers, recorded.HEAD_CONTAINER)
    _same(requests.head(url + "/samples/banana", headers=token).headers, recorded.HEAD_OBJECT)
    _same(requests.head(url, headers=token).headers, recorded.HEAD_ACCOUNT)


def test_unauthorized(cloud: FakeCloud, url: str, samples: str) -> None:
    resp = requests.get(url + "/samples")
    assert resp.status_code == 401
    _same(resp.headers, recorded.UNAUTHORIZED[0])
    assert resp.content == recorded.UNAUTHORIZED[1]
    assert resp.raw.headers.getlist("Www-Authenticate") == [
        f'Swift realm="{url.rsplit("/", 1)[1]}"', f'Keystone uri="{cloud.base_url}/identity"']
