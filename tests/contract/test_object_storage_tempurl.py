"""Temporary URLs (Swift's `tempurl` middleware): signed with the account's
`X-Account-Meta-Temp-URL-Key` over `METHOD\\nEXPIRES\\nPATH`, the path being the one Swift
sees (`/v1/AUTH_.../container/object`), for a fixed far expiry (cassettes replay the URLs)."""

from __future__ import annotations

import base64
import hmac
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call

KEY = "contract-temp-url-key"
EXPIRES = 9999999999  # 2286: later than any clock, real or fake
INVALID = "401 Unauthorized: Temp URL invalid\n"


@pytest.fixture
def temp_url_key(storage: ServiceClient) -> Iterator[str]:
    """The account's temp URL key, set for the test and removed afterwards."""
    assert call(storage, "POST", account(storage),
                headers={"X-Account-Meta-Temp-URL-Key": KEY}).status_code == 204
    yield KEY
    call(storage, "POST", account(storage), headers={"X-Remove-Account-Meta-Temp-URL-Key": "x"})


def _signed(url: str, method: str, expires: int = EXPIRES, key: str = KEY,
            digest: str = "sha256") -> str:
    path = urlsplit(url).path
    sig = hmac.new(key.encode(), f"{method}\n{expires}\n{path}".encode(),
                   digest).hexdigest()
    return f"{url}?temp_url_sig={sig}&temp_url_expires={expires}"


def _put_object(storage: ServiceClient, container: str) -> str:
    url = f"{account(storage)}/{container}/report.txt"
    assert call(storage, "PUT", url, data=b"secret",
                headers={"Content-Type": "text/plain"}).status_code == 201
    return url


def test_temp_url_get_and_head(storage: ServiceClient, container: str,
                               temp_url_key: str) -> None:
    url = _put_object(storage, container)
    got = call(storage, "GET", _signed(url, "GET"), authenticated=False)
    assert got.status_code == 200
    assert got.content == b"secret"
    assert got.headers["Content-Type"] == "text/plain"
    assert got.headers["Content-Disposition"] == (
        "attachment; filename=\"report.txt\"; filename*=UTF-8''report.txt")
    assert got.headers["Expires"] == "Sat, 20 Nov 2286 17:46:39 GMT"
    # A GET signature is good for HEAD too.
    head = call(storage, "HEAD", _signed(url, "GET"), authenticated=False)
    assert (head.status_code, head.headers["Content-Length"]) == (200, "6")


def test_temp_url_filename_and_inline(storage: ServiceClient, container: str,
                                      temp_url_key: str) -> None:
    url = _put_object(storage, container)
    named = call(storage, "GET", _signed(url, "GET") + "&filename=my%20file.txt",
                 authenticated=False)
    assert named.headers["Content-Disposition"] == (
        "attachment; filename=\"my file.txt\"; filename*=UTF-8''my%20file.txt")
    inline = call(storage, "GET", _signed(url, "GET") + "&inline", authenticated=False)
    assert inline.headers["Content-Disposition"] == "inline"


def test_temp_url_put(storage: ServiceClient, container: str, temp_url_key: str) -> None:
    url = f"{account(storage)}/{container}/upload"
    put = call(storage, "PUT", _signed(url, "PUT"), data=b"via temp url", authenticated=False)
    assert put.status_code == 201
    assert call(storage, "GET", url).content == b"via temp url"


def test_temp_url_sha512_base64_and_prefix(storage: ServiceClient, container: str,
                                           temp_url_key: str) -> None:
    url = _put_object(storage, container)
    path = urlsplit(url).path
    raw = hmac.new(KEY.encode(), f"GET\n{EXPIRES}\n{path}".encode(), "sha512").digest()
    sig = "sha512:" + base64.urlsafe_b64encode(raw).decode().rstrip("=")
    got = call(storage, "GET", f"{url}?temp_url_sig={sig}&temp_url_expires={EXPIRES}",
               authenticated=False)
    assert (got.status_code, got.content) == (200, b"secret")
    prefix = path.rsplit("/", 1)[0] + "/"
    psig = hmac.new(KEY.encode(), f"GET\n{EXPIRES}\nprefix:{prefix}".encode(),
                    "sha256").hexdigest()
    by_prefix = call(storage, "GET", f"{url}?temp_url_sig={psig}&temp_url_expires={EXPIRES}"
                     "&temp_url_prefix=", authenticated=False)
    assert (by_prefix.status_code, by_prefix.content) == (200, b"secret")


def test_temp_url_refusals_are_401(storage: ServiceClient, container: str,
                                   temp_url_key: str) -> None:
    url = _put_object(storage, container)
    for refused in (_signed(url, "GET", expires=1000),  # expired
                    _signed(url, "GET", key="wrong key"),
                    f"{url}?temp_url_expires={EXPIRES}"):  # no signature
        resp = call(storage, "GET", refused, authenticated=False)
        assert resp.status_code == 401
        assert resp.text == INVALID
        assert resp.headers["Www-Authenticate"] == 'Swift realm="unknown"'
    wrong_method = call(storage, "PUT", _signed(url, "GET"), data=b"x", authenticated=False)
    assert wrong_method.status_code == 401
    assert call(storage, "GET", url).content == b"secret"
