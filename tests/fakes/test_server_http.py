"""The served transport at the HTTP level: what Swift's server (eventlet.wsgi with Swift's
request-line parser) accepts and how it answers, sent as raw bytes on a socket."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.server import MAX_REQUEST_LINE, ServedCloud


@pytest.fixture
def served() -> Iterator[ServedCloud]:
    """A seeded cloud served on loopback."""
    with FakeCloud(seed=7).serve() as serving:
        yield serving


def swift_path(served: ServedCloud, user: str = "demo") -> tuple[str, str]:
    """(the path of the user's Swift account as the catalog gives it, a token)."""
    cloud = served.cloud
    token = cloud.identity.issue_token(user, project=user)
    auth_url = cloud.os_environ(user)["OS_AUTH_URL"].rstrip("/")
    catalog = requests.get(auth_url + "/v3/auth/catalog", headers={"X-Auth-Token": token},
                           timeout=10).json()["catalog"]
    url = next(e["url"] for s in catalog if s["type"] == "object-store"
               for e in s["endpoints"] if e["interface"] == "public")
    return urlsplit(url).path, token


class Raw:
    """One connection sending raw request bytes and reading raw responses."""

    def __init__(self, served: ServedCloud) -> None:
        self.sock = socket.create_connection((served.host, served.port), timeout=10)
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def response(self, *, head: bool = False) -> tuple[str, dict[str, str], bytes]:
        """The next response: status line, headers (lower-case names), body."""
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                raise AssertionError(f"connection closed mid-response: {self.buffer!r}")
        block, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status, *lines = block.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines:
            name, value = line.split(":", 1)
            headers[name.lower()] = value.strip()
        length = 0 if head or status.split()[1] in ("204", "304") else int(
            headers.get("content-length", "0"))
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def raw_names(self, request: bytes) -> list[str]:
        """The header names of the answer to `request`, as sent."""
        self.send(request)
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        block = self.buffer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        return [line.split(":", 1)[0] for line in block.split("\r\n")[1:]]

    def closed(self) -> bool:
        """Whether the server closes the connection (within the socket timeout)."""
        try:
            return not self._fill()
        except ConnectionResetError:
            return True

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw(served: ServedCloud) -> Iterator[Raw]:
    """A raw connection to the served cloud."""
    conn = Raw(served)
    yield conn
    conn.close()


def test_raw_utf8_bytes_in_the_request_line_reach_the_app(served: ServedCloud,
                                                           raw: Raw) -> None:
    path, token = swift_path(served)
    served.cloud.object_storage.create_container("demo", "c")
    raw.send(f"PUT {path}/c/".encode() + "café".encode() + b" HTTP/1.1\r\nHost: x\r\n"
             + f"X-Auth-Token: {token}\r\nContent-Length: 2\r\n\r\nhi".encode())
    status, _, _ = raw.response()
    assert status == "HTTP/1.1 201 Created"
    assert served.cloud.object_storage.names("demo", "c") == ["café"]
    got = requests.get(f"{served.url}{path}/c/{quote('café')}", headers={"X-Auth-Token": token},
                       timeout=10)
    assert got.content == b"hi"


def test_a_leading_double_slash_reaches_the_app_uncollapsed(served: ServedCloud,
                                                             raw: Raw) -> None:
    raw.send(b"GET //identity/v3 HTTP/1.1\r\nHost: x\r\n\r\n")
    status, _, _ = raw.response()
    assert status.split()[1] == "404"  # not /identity/v3
    last = served.cloud.requests.last
    assert last is not None
    assert last.path == "//identity/v3"


def test_an_absolute_form_target_is_served_by_its_path(served: ServedCloud, raw: Raw) -> None:
    raw.send(b"GET http://elsewhere.example/identity/v3 HTTP/1.1\r\nHost: x\r\n\r\n")
    status, _, body = raw.response()
    assert status == "HTTP/1.1 200 OK"
    assert b'"id": "v3' in body


def test_a_204_keeps_its_content_length_0_and_the_connection(served: ServedCloud,
                                                              raw: Raw) -> None:
    path, token = swift_path(served)
    served.cloud.object_storage.create_container("demo", "c")
    request = f"HEAD {path}/c HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {token}\r\n\r\n".encode()
    raw.send(request)
    status, headers, _ = raw.response(head=True)
    assert status == "HTTP/1.1 204 No Content"
    assert headers["content-length"] == "0"
    assert "connection" not in headers  # HTTP/1.1: kept open without saying so
    raw.send(request)
    assert raw.response(head=True)[0] == "HTTP/1.1 204 No Content"


def test_an_http_1_0_keep_alive_client_gets_keep_alive_echoed(raw: Raw) -> None:
    request = b"GET /identity/v3 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
    raw.send(request)
    status, headers, _ = raw.response()
    assert status == "HTTP/1.1 200 OK"
    assert headers["connection"] == "keep-alive"
    raw.send(request)
    assert raw.response()[0] == "HTTP/1.1 200 OK"  # the same connection


def test_an_http_1_0_client_without_keep_alive_gets_connection_close(raw: Raw) -> None:
    raw.send(b"GET /identity/v3 HTTP/1.0\r\n\r\n")
    _, headers, _ = raw.response()
    assert headers["connection"] == "close"
    assert raw.closed()


def test_response_header_names_are_sent_as_the_app_spells_them(served: ServedCloud,
                                                                raw: Raw) -> None:
    names = raw.raw_names(b"GET /identity/v3 HTTP/1.1\r\nHost: x\r\n\r\n")
    assert "x-openstack-request-id" in names  # Keystone's spelling, not re-cased
    assert "Date" in names


def test_a_chunked_upload_is_dechunked_for_the_app(served: ServedCloud, raw: Raw) -> None:
    path, token = swift_path(served)
    served.cloud.object_storage.create_container("demo", "c")
    raw.send(f"PUT {path}/c/o HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {token}\r\n"
             "Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n"
             "Trailer: x\r\n\r\n".encode())
    assert raw.response()[0] == "HTTP/1.1 201 Created"
    assert served.cloud.object_storage.get_object("demo", "c", "o").data == b"hello world"


def test_expect_100_continue_is_answered_before_the_body_is_sent(served: ServedCloud,
                                                                 raw: Raw) -> None:
    path, token = swift_path(served)
    served.cloud.object_storage.create_container("demo", "c")
    raw.send(f"PUT {path}/c/o HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {token}\r\n"
             "Content-Length: 4\r\nExpect: 100-continue\r\n\r\n".encode())
    assert raw.response()[0] == "HTTP/1.1 100 Continue"
    raw.send(b"data")
    assert raw.response()[0] == "HTTP/1.1 201 Created"


def test_a_request_line_too_long_gets_414(raw: Raw) -> None:
    raw.send(b"GET /" + b"a" * MAX_REQUEST_LINE + b" HTTP/1.1\r\n\r\n")
    status, headers, _ = raw.response()
    assert status == "HTTP/1.0 414 Request URI Too Long"
    assert headers["connection"] == "close"


@pytest.mark.parametrize(("line", "status"), [
    (b"GET / HTTP/2.0", "505"), (b"GET / HTTX/1.1", "400"), (b"GET  / HTTP/1.1", "400"),
])
def test_a_bad_request_line_gets_swifts_error_page(raw: Raw, line: bytes, status: str) -> None:
    raw.send(line + b"\r\n\r\n")
    got, headers, body = raw.response()
    assert got.split()[1] == status
    assert headers["x-trans-id"].startswith("tx")
    assert headers["connection"] == "close"
    assert body.startswith(b"<!DOCTYPE HTML>")


def test_a_negative_content_length_gets_400(raw: Raw) -> None:
    raw.send(b"PUT /identity/v3 HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
    assert raw.response()[0] == "HTTP/1.0 400 Bad Request"


def test_more_than_100_headers_get_431(raw: Raw) -> None:
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(101))
    raw.send(b"GET /identity/v3 HTTP/1.1\r\n" + headers + b"\r\n")
    status, _, body = raw.response()
    assert status == "HTTP/1.1 431 Too many headers"
    assert b"got more than 100 headers" in body


def test_a_header_name_with_an_underscore_does_not_reach_the_app(served: ServedCloud,
                                                                 raw: Raw) -> None:
    path, token = swift_path(served)
    raw.send(f"HEAD {path} HTTP/1.1\r\nX_Auth_Token: {token}\r\n\r\n".encode())
    assert raw.response(head=True)[0].split()[1] == "401"


class _Counter:
    """A stand-in cloud whose app reads the body in 1 MiB pieces and counts it."""

    base_url = "http://counter.test"

    def __init__(self) -> None:
        self.received = 0
        self.largest_read = 0

    def rebase(self, url: str) -> None:
        self.base_url = url

    def app(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        stream = environ["wsgi.input"]
        while chunk := stream.read(1 << 20):
            self.received += len(chunk)
            self.largest_read = max(self.largest_read, len(chunk))
        body = str(self.received).encode()
        start_response("200 OK", [("Content-Length", str(len(body)))])
        return [body]


def test_a_body_over_1_gib_streams_through_to_the_app() -> None:
    size = (1 << 30) + 1
    counter = _Counter()
    with ServedCloud(counter, threads=1) as served:  # type: ignore[arg-type]
        conn = Raw(served)
        conn.sock.settimeout(120)
        block = bytes(1 << 20)
        sent = 0

        def send() -> None:
            nonlocal sent
            conn.send(f"PUT /big HTTP/1.1\r\nContent-Length: {size}\r\n\r\n".encode())
            while sent < size:
                piece = block[:size - sent]
                conn.send(piece)
                sent += len(piece)

        sender = threading.Thread(target=send)
        start = time.monotonic()
        sender.start()
        status, _, body = conn.response()
        sender.join()
        conn.close()
    assert (status, body) == ("HTTP/1.1 200 OK", str(size).encode())
    assert counter.largest_read <= 1 << 20
    assert time.monotonic() - start < 120
