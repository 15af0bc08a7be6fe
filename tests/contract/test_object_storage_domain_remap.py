"""domain_remap (realcloud: `storage_domain = swift.stackdouble.test`, `reseller_prefixes =
AUTH, SERVICE`): a request whose `Host` is `<account>.<domain>` or
`<container>.<account>.<domain>` is answered at `/v1/<account>[/<container>]/<path>`. The
requests go to the proxy's own address with the `Host` header set, as a DNS wildcard
would send them."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call, put_objects

DOMAIN = "swift.stackdouble.test"


def _root(storage: ServiceClient) -> str:
    parts = urlsplit(account(storage))
    return f"{parts.scheme}://{parts.netloc}"


def _account_name(storage: ServiceClient) -> str:
    return account(storage).rsplit("/", 1)[-1]


def _get(storage: ServiceClient, host: str, path: str, **kw: object) -> requests.Response:
    headers = {"Host": host, **kw.pop("headers", {})}  # type: ignore[dict-item]
    return call(storage, "GET", _root(storage) + path, headers=headers, **kw)


def test_an_account_host_lists_the_account_and_reaches_its_containers(
        storage: ServiceClient, container: str) -> None:
    put_objects(storage, container, ["a.txt"])
    host = f"{_account_name(storage)}.{DOMAIN}"
    listed = _get(storage, host, "/?format=json")
    assert listed.status_code == 200
    assert container in [row["name"] for row in listed.json()]
    got = _get(storage, host, f"/{container}/a.txt")
    assert (got.status_code, got.content) == (200, b"a.txt")


def test_a_container_host_reaches_its_objects(storage: ServiceClient, container: str) -> None:
    put_objects(storage, container, ["a.txt", "dir/b.txt"])
    host = f"{container}.{_account_name(storage)}.{DOMAIN}"
    got = _get(storage, host, "/dir/b.txt")
    assert (got.status_code, got.content) == (200, b"dir/b.txt")
    listed = _get(storage, host, "/?format=json")
    assert [row["name"] for row in listed.json()] == ["a.txt", "dir/b.txt"]


@pytest.mark.parametrize("form", ["lower", "dash", "port"])
def test_the_prefix_is_matched_without_case_and_a_dash_stands_for_the_underscore(
        storage: ServiceClient, container: str, form: str) -> None:
    put_objects(storage, container, ["a.txt"])
    name = _account_name(storage)
    tail = name.removeprefix("AUTH_")
    host = {"lower": f"{container}.auth_{tail}.{DOMAIN}",
            "dash": f"{container}.auth-{tail}.{DOMAIN}",
            "port": f"{container}.{name}.{DOMAIN}:8080"}[form]
    got = _get(storage, host, "/a.txt")
    assert (got.status_code, got.content) == (200, b"a.txt")


def test_a_host_naming_too_much_is_400(storage: ServiceClient, container: str) -> None:
    host = f"a.{container}.{_account_name(storage)}.{DOMAIN}"
    resp = _get(storage, host, "/a.txt")
    assert (resp.status_code, resp.text) == (400, "Bad domain in host header")
    assert resp.headers["Content-Type"] == "text/plain"


def test_an_account_without_a_known_prefix_is_not_remapped(
        storage: ServiceClient, container: str) -> None:
    put_objects(storage, container, ["a.txt"])
    # Not remapped: `/v1/<account>/...` is served as it is.
    host = f"{container}.other.{DOMAIN}"
    got = _get(storage, host, f"/v1/{_account_name(storage)}/{container}/a.txt")
    assert (got.status_code, got.content) == (200, b"a.txt")


def test_a_host_outside_the_storage_domain_is_not_remapped(
        storage: ServiceClient, container: str) -> None:
    put_objects(storage, container, ["a.txt"])
    got = _get(storage, f"{container}.{_account_name(storage)}.example.test",
               f"/v1/{_account_name(storage)}/{container}/a.txt")
    assert (got.status_code, got.content) == (200, b"a.txt")


def test_a_remapped_path_is_under_v1_again(storage: ServiceClient, container: str) -> None:
    put_objects(storage, container, ["a.txt"])
    host = f"{_account_name(storage)}.{DOMAIN}"
    # `/v1/<account>/<container>/a.txt` under an account host becomes
    # `/v1/<account>/v1/<account>/<container>/a.txt`: container `v1`, not found.
    resp = _get(storage, host, f"/v1/{_account_name(storage)}/{container}/a.txt")
    assert resp.status_code == 404
