"""Form POSTs (Swift's `formpost` middleware): an HTML form uploads files into a container
without a token, signed with the account's `X-Account-Meta-Temp-URL-Key` over
`PATH\\nREDIRECT\\nMAX_FILE_SIZE\\nMAX_FILE_COUNT\\nEXPIRES`.

Replay: the expiry is a fixed far date, and the body a fixed multipart text (a set
boundary), so a test sends the same bytes every run but for the signature, which covers the
account's path; cassettes hold the form's `signature` field scrubbed (`***`, a formpost
signature is a credential until it expires: `stackdouble._secrets.SECRET_FORM_FIELDS`), and
replay matches bodies with it scrubbed.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call

KEY = "contract-formpost-key"
EXPIRES = 9999999999  # 2286: later than any clock, real or fake
BOUNDARY = "contract-formpost-boundary"


@pytest.fixture
def form_key(storage: ServiceClient) -> Iterator[str]:
    """The account's temp URL key (which formpost signs with), removed afterwards."""
    assert call(storage, "POST", account(storage),
                headers={"X-Account-Meta-Temp-URL-Key": KEY}).status_code == 204
    yield KEY
    call(storage, "POST", account(storage), headers={"X-Remove-Account-Meta-Temp-URL-Key": "x"})


def _form(url: str, files: dict[str, bytes], *, redirect: str = "", max_file_size: int = 1024,
          max_file_count: int = 5, expires: int = EXPIRES, key: str = KEY,
          signature: str | None = None) -> bytes:
    """The multipart body of a signed form for `url` (the container, plus a prefix)."""
    path = urlsplit(url).path
    if signature is None:
        message = f"{path}\n{redirect}\n{max_file_size}\n{max_file_count}\n{expires}"
        signature = hmac.new(key.encode(), message.encode(), "sha256").hexdigest()
    fields = {"redirect": redirect, "max_file_size": str(max_file_size),
              "max_file_count": str(max_file_count), "expires": str(expires),
              "signature": signature}
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
             f"{value}\r\n".encode() for name, value in fields.items()]
    for number, (filename, data) in enumerate(files.items()):
        parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file{number}"; '
                     f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
                     + data + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def _post(storage: ServiceClient, url: str, body: bytes) -> requests.Response:
    return call(storage, "POST", url, data=body, authenticated=False,
                headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})


def _names(storage: ServiceClient, container: str) -> list[str]:
    listed = call(storage, "GET", f"{account(storage)}/{container}?format=json")
    return [row["name"] for row in listed.json()] if listed.status_code == 200 else []


def test_a_signed_form_uploads_its_files_under_the_prefix(
        storage: ServiceClient, container: str, form_key: str) -> None:
    url = f"{account(storage)}/{container}/uploads/"
    resp = _post(storage, url, _form(url, {"a.txt": b"alpha", "b.txt": b"beta"}))
    assert (resp.status_code, resp.text) == (201, "201 Created")
    assert resp.headers["Content-Type"] == "text/plain"
    assert _names(storage, container) == ["uploads/a.txt", "uploads/b.txt"]
    got = call(storage, "GET", f"{account(storage)}/{container}/uploads/a.txt")
    assert (got.content, got.headers["Content-Type"]) == (b"alpha", "text/plain")


def test_a_redirect_gets_the_status_in_its_query(storage: ServiceClient, container: str,
                                                 form_key: str) -> None:
    url = f"{account(storage)}/{container}/"
    # A redirect the proxy itself answers (its healthcheck), so that following it works
    # on every side.
    resp = _post(storage, url, _form(url, {"a.txt": b"alpha"}, redirect="/healthcheck"))
    assert [r.status_code for r in resp.history] == [303]
    assert resp.history[0].headers["Location"] == "/healthcheck?status=201&message="
    assert (resp.status_code, resp.text) == (200, "OK")
    assert _names(storage, container) == ["a.txt"]


def test_a_wrong_signature_is_401(storage: ServiceClient, container: str,
                                  form_key: str) -> None:
    url = f"{account(storage)}/{container}/"
    for body in (_form(url, {"a.txt": b"x"}, signature="0" * 64),
                 _form(url, {"b.txt": b"x"}, key="another-key")):
        resp = _post(storage, url, body)
        assert (resp.status_code, resp.text) == (401, "FormPost: Invalid Signature")
    assert _names(storage, container) == []


def test_an_expired_form_is_401(storage: ServiceClient, container: str,
                                form_key: str) -> None:
    url = f"{account(storage)}/{container}/"
    resp = _post(storage, url, _form(url, {"a.txt": b"x"}, expires=1000000000))
    assert (resp.status_code, resp.text) == (401, "FormPost: Form Expired")
    assert _names(storage, container) == []


def test_too_many_files_stores_the_allowed_ones_then_400(
        storage: ServiceClient, container: str, form_key: str) -> None:
    url = f"{account(storage)}/{container}/"
    body = _form(url, {"a.txt": b"1", "b.txt": b"2", "c.txt": b"3"}, max_file_count=2)
    resp = _post(storage, url, body)
    assert (resp.status_code, resp.text) == (
        400, "400 Bad Request\r\nFormPost: Max File Count Exceeded")
    assert _names(storage, container) == ["a.txt", "b.txt"]


def test_a_file_over_max_file_size_is_400_and_not_stored(
        storage: ServiceClient, container: str, form_key: str) -> None:
    url = f"{account(storage)}/{container}/"
    resp = _post(storage, url, _form(url, {"big.txt": b"x" * 11}, max_file_size=10))
    assert (resp.status_code, resp.text) == (400, "FormPost: max_file_size exceeded")
    assert _names(storage, container) == []
