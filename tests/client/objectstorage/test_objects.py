"""Objects: listing, upload, download, metadata, copy, delete and bulk delete."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime, timezone
from typing import Any

import pytest
import responses

from stackdouble.client import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    RangeNotSatisfiable,
    ServiceClient,
    Unauthorized,
)
from stackdouble.client.openstack.objectstorage.v1 import objects
from tests.client.objectstorage.conftest import reply, sent
from tests.client.objectstorage.samples import (
    ACCOUNT,
    APPLE,
    BANANA,
    HEAD_OBJECT,
    JSON_HEADERS,
    JSON_ROWS,
    PUT_APPLE,
    swift_error,
)

SAMPLES = ACCOUNT + "/samples"


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def put_answer(etag: str, trans_id: str = "txput") -> dict[str, str]:
    return {**PUT_APPLE, "Etag": etag, "X-Trans-Id": trans_id, "X-Openstack-Request-Id": trans_id}


def consume(request: Any) -> bytes:
    """Read a request body as a server would: a chunk iterator, or bytes."""
    body = request.body
    if body is None or isinstance(body, bytes):
        return body or b""
    return b"".join(body)


# --- listing -----------------------------------------------------------------------------


def test_full_object_listing_types_the_real_rows(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "?format=json", 200, JSON_HEADERS, json.dumps(JSON_ROWS).encode())
    reply(mock, "GET", SAMPLES + "?format=json&marker=cherry", 200, JSON_HEADERS, b"[]")
    rows = list(objects.list(storage, "samples", objects.ListOpts(full=True)).items())
    assert [r.name for r in rows] == ["apple", "banana", "cherry"]
    assert rows[0] == objects.Object(
        name="apple", hash="764ab1363e9093974a96792d69886748", bytes=10,
        content_type="text/plain",
        last_modified=datetime(2026, 11, 27, 8, 56, 17, 127580, tzinfo=timezone.utc))


def test_object_listing_sends_path_and_the_seeds_accept(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "?path=photos", 204, {"Content-Type": "text/plain; charset=utf-8"})
    assert list(objects.list(storage, "samples", objects.ListOpts(path="photos")).items()) == []
    assert sent(mock).headers["Accept"] == "text/plain"


def test_a_subdir_row_is_the_next_pages_marker(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    first = [{"name": "a.txt", "hash": md5(b""), "bytes": 0, "content_type": "text/plain",
              "last_modified": "2026-11-27T08:56:17.127580"}, {"subdir": "photos/"}]
    reply(mock, "GET", SAMPLES + "?format=json&delimiter=%2F", 200, JSON_HEADERS,
          json.dumps(first).encode())
    reply(mock, "GET", SAMPLES + "?format=json&delimiter=%2F&marker=photos%2F", 200,
          JSON_HEADERS, b"[]")
    rows = list(objects.list(storage, "samples",
                             objects.ListOpts(full=True, delimiter="/")).items())
    assert rows[1] == objects.Object(name="photos/", subdir="photos/")
    assert len(mock.calls) == 2


# --- create ------------------------------------------------------------------------------


def test_create_from_bytes_sends_the_md5_and_types_the_real_answer(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", SAMPLES + "/apple", 201, PUT_APPLE)
    headers = objects.create(storage, "samples", "apple", APPLE).extract()
    request = sent(mock)
    assert (request.method, request.body) == ("PUT", APPLE)
    assert request.headers["ETag"] == "764ab1363e9093974a96792d69886748"
    assert headers.etag == "764ab1363e9093974a96792d69886748"
    assert headers.last_modified == datetime(2026, 11, 27, 8, 56, 18, tzinfo=timezone.utc)
    assert headers.trans_id == "tx59e701f3102e4e5dbb32a-006b0945b1"


def test_create_sends_type_metadata_and_expiry(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", SAMPLES + "/apple", 201, PUT_APPLE)
    opts = objects.CreateOpts(
        content_type="text/plain", metadata={"Fruit": "pomme"}, delete_after=60,
        delete_at=datetime(2030, 1, 1, tzinfo=timezone.utc), content_disposition="inline",
        if_none_match="*")
    objects.create(storage, "samples", "apple", APPLE, opts).extract()
    headers = sent(mock).headers
    assert headers["Content-Type"] == "text/plain"
    assert headers["X-Object-Meta-Fruit"] == "pomme"
    assert headers["X-Delete-After"] == "60"
    assert headers["X-Delete-At"] == "1893456000"
    assert headers["Content-Disposition"] == "inline"
    assert headers["If-None-Match"] == "*"


def test_create_quotes_unicode_and_slash_names(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    url = ACCOUNT + "/ph%C3%B6tos/2026%2F%C3%A9t%C3%A9%20%231.jpg"
    reply(mock, "PUT", url, 201, put_answer(md5(b"x")))
    objects.create(storage, "phötos", "2026/été #1.jpg", b"x").extract()
    assert sent(mock).url == url


def test_create_from_a_seekable_file_sends_it_from_where_it_stands(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", SAMPLES + "/apple", 201, PUT_APPLE)
    fileobj = io.BytesIO(b"--" + APPLE)
    fileobj.seek(2)
    objects.create(storage, "samples", "apple", fileobj).extract()
    request = sent(mock)
    assert request.headers["ETag"] == md5(APPLE)
    assert request.headers["Content-Length"] == str(len(APPLE))
    assert request.body == APPLE


def test_create_from_an_iterator_streams_chunked_and_checks_the_etag(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    received: list[bytes] = []

    def swift(request: Any) -> tuple[int, dict[str, str], bytes]:
        received.append(consume(request))
        return 201, put_answer(md5(received[-1])), b""

    mock.add_callback("PUT", SAMPLES + "/apple", callback=swift)
    chunks: Any = iter([b"I am", b"", bytearray(b" apple")])
    headers = objects.create(storage, "samples", "apple", chunks).extract()
    request = sent(mock)
    assert request.headers["Transfer-Encoding"] == "chunked"
    assert "ETag" not in request.headers
    assert "Content-Length" not in request.headers
    assert received == [APPLE]
    assert headers.etag == md5(APPLE)


def test_an_answer_with_another_etag_is_an_etag_mismatch(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    def swift(request: Any) -> tuple[int, dict[str, str], bytes]:
        consume(request)
        return 201, put_answer(md5(b"corrupted"), "txbad"), b""

    mock.add_callback("PUT", SAMPLES + "/apple", callback=swift)
    with pytest.raises(objects.ETagMismatch) as caught:
        objects.create(storage, "samples", "apple", iter([APPLE])).extract()
    err = caught.value
    assert (err.expected_etag, err.received_etag) == (md5(APPLE), md5(b"corrupted"))
    assert (err.method, err.status, err.request_id) == ("PUT", 201, "txbad")
    assert err.url == SAMPLES + "/apple"


def test_swift_refusing_the_sent_etag_is_an_etag_mismatch(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    headers, body = swift_error(422, "Unprocessable Entity",
                                "Unable to process the contained instructions", "tx422")
    reply(mock, "PUT", SAMPLES + "/apple", 422, headers, body)
    opts = objects.CreateOpts(etag="0" * 32)
    with pytest.raises(objects.ETagMismatch) as caught:
        objects.create(storage, "samples", "apple", APPLE, opts).extract()
    assert sent(mock).headers["ETag"] == "0" * 32
    assert (caught.value.status, caught.value.received_etag) == (422, None)
    assert caught.value.request_id == "tx422"


def test_no_etag_neither_sends_nor_checks_one(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", SAMPLES + "/apple", 201, put_answer(md5(b"other")))
    result = objects.create(storage, "samples", "apple", APPLE, objects.CreateOpts(no_etag=True))
    assert result.err is None
    assert "ETag" not in sent(mock).headers


@pytest.mark.parametrize("content", ["text", io.StringIO("text"), 42, {"a": b"b"}])
def test_create_refuses_content_that_is_not_bytes(
    mock: responses.RequestsMock, storage: ServiceClient, content: Any
) -> None:
    with pytest.raises(InvalidInput) as caught:
        objects.create(storage, "samples", "apple", content).extract()
    assert caught.value.field == "content"
    assert len(mock.calls) == 0


def test_create_with_copy_from_sends_an_empty_put_with_the_quoted_source(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", SAMPLES + "/copy", 201, {**PUT_APPLE, "X-Copied-From": "samples/a%20b",
                                                "X-Copied-From-Account": "AUTH_test"})
    opts = objects.CreateOpts(copy_from="/samples/a b")
    headers = objects.create(storage, "samples", "copy", opts=opts).extract()
    request = sent(mock)
    assert request.headers["X-Copy-From"] == "/samples/a%20b"
    assert request.headers["Content-Length"] == "0"
    assert "ETag" not in request.headers
    assert (headers.copied_from, headers.copied_from_account) == ("samples/a b", "AUTH_test")


# --- download ----------------------------------------------------------------------------


def test_download_types_the_headers_and_streams_the_content(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "/banana", 200, HEAD_OBJECT, BANANA)
    with objects.download(storage, "samples", "banana") as result:
        headers = result.extract()
        assert list(result.iter_content(4)) == [b"I am", b" ban", b"ana"]
    assert headers.content_length == 11
    assert headers.etag == "1238c92a100b8d660d3434f745d1c261"
    assert headers.timestamp == datetime.fromtimestamp(1795769777.15126, tz=timezone.utc)


def test_download_sends_range_and_conditions(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "/banana", 206,
          {**HEAD_OBJECT, "Content-Length": "4", "Content-Range": "bytes 0-3/11"}, b"I am")
    opts = objects.DownloadOpts(
        range="bytes=0-3", if_match=md5(BANANA), if_none_match="abc",
        if_modified_since=datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc))
    result = objects.download(storage, "samples", "banana", opts)
    headers = sent(mock).headers
    assert headers["Range"] == "bytes=0-3"
    assert headers["If-Match"] == md5(BANANA)
    assert headers["If-None-Match"] == "abc"
    assert headers["If-Modified-Since"] == "Fri, 27 Nov 2026 08:00:00 GMT"
    assert result.extract_content() == b"I am"
    assert result.extract().content_range == "bytes 0-3/11"


def test_a_304_is_not_modified_and_has_no_content(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "/banana", 304, {**HEAD_OBJECT, "Content-Length": "0"})
    result = objects.download(storage, "samples", "banana",
                              objects.DownloadOpts(if_none_match=md5(BANANA)))
    assert result.not_modified
    assert result.extract_content() == b""


@pytest.mark.parametrize(
    ("status", "title", "error"),
    [(412, "Precondition Failed", PreconditionFailed),
     (416, "Requested Range Not Satisfiable", RangeNotSatisfiable),
     (404, "Not Found", NotFound)],
)
def test_download_errors_arrive_typed_with_the_transaction_id(
    mock: responses.RequestsMock, storage: ServiceClient, status: int, title: str,
    error: type[Exception],
) -> None:
    headers, body = swift_error(status, title, "explanation", f"tx{status}")
    reply(mock, "GET", SAMPLES + "/banana", status, headers, body)
    result = objects.download(storage, "samples", "banana")
    with pytest.raises(error) as caught:
        result.extract_content()
    assert caught.value.request_id == f"tx{status}"  # type: ignore[attr-defined]


def test_a_corrupted_download_raises_etag_mismatch_after_the_last_chunk(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "/banana", 200, HEAD_OBJECT, b"I am BANANA")
    sink = io.BytesIO()
    result = objects.download(storage, "samples", "banana")
    with pytest.raises(objects.ETagMismatch) as caught:
        result.read_into(sink, 4)
    assert sink.getvalue() == b"I am BANANA"
    assert caught.value.received_etag == md5(BANANA)
    assert caught.value.expected_etag == md5(b"I am BANANA")


def test_a_manifest_download_is_not_md5_checked(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "/big", 200,
          {**HEAD_OBJECT, "Etag": f'"{md5(b"segments")}"', "X-Static-Large-Object": "True"},
          BANANA)
    result = objects.download(storage, "samples", "big")
    assert result.extract_content() == BANANA
    assert result.extract().etag == md5(b"segments")
    assert result.extract().static_large_object


def test_the_content_streams_once_and_extract_content_keeps_it(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", SAMPLES + "/banana", 200, HEAD_OBJECT, BANANA)
    reply(mock, "GET", SAMPLES + "/apple", 200, {**HEAD_OBJECT, "Etag": md5(APPLE),
                                                 "Content-Length": "10"}, APPLE)
    streamed = objects.download(storage, "samples", "banana")
    list(streamed.iter_content())
    with pytest.raises(RuntimeError, match="already read"):
        list(streamed.iter_content())
    kept = objects.download(storage, "samples", "apple")
    assert kept.extract_content() == kept.extract_content() == APPLE


# --- get, update, copy, delete -----------------------------------------------------------


def test_get_types_the_real_object_headers(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "HEAD", SAMPLES + "/banana", 200,
          {**HEAD_OBJECT, "X-Object-Meta-Color": "yellow", "X-Delete-At": "1893456000"})
    result = objects.get(storage, "samples", "banana")
    headers = result.extract()
    assert sent(mock).method == "HEAD"
    assert headers.content_length == 11
    assert headers.content_type == "text/plain"
    assert headers.last_modified == datetime(2026, 11, 27, 8, 56, 18, tzinfo=timezone.utc)
    assert headers.delete_at == datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert headers.metadata == {"Color": "yellow"} == result.extract_metadata()


def test_update_posts_metadata_and_accepts_202(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "POST", SAMPLES + "/banana", 202, {"X-Trans-Id": "tx202"})
    opts = objects.UpdateOpts(metadata={"Color": "green"}, content_type="text/x-fruit",
                              remove_delete_at=True)
    headers = objects.update(storage, "samples", "banana", opts).extract()
    request = sent(mock)
    assert request.headers["X-Object-Meta-Color"] == "green"
    assert request.headers["Content-Type"] == "text/x-fruit"
    assert request.headers["X-Remove-Delete-At"] == "remove"
    assert headers.trans_id == "tx202"


def test_copy_sends_copy_with_a_quoted_destination(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "COPY", SAMPLES + "/banana", 201, {
        **PUT_APPLE, "Etag": md5(BANANA), "X-Copied-From": "samples/banana",
        "X-Copied-From-Last-Modified": "Fri, 27 Nov 2026 08:56:18 GMT"})
    opts = objects.CopyOpts(destination="backup/2026/bänana", metadata={"Copy": "yes"},
                            fresh_metadata=True)
    headers = objects.copy(storage, "samples", "banana", opts).extract()
    request = sent(mock)
    assert request.headers["Destination"] == "/backup/2026%2Fb%C3%A4nana"
    assert request.headers["X-Object-Meta-Copy"] == "yes"
    assert request.headers["X-Fresh-Metadata"] == "true"
    assert headers.copied_from == "samples/banana"
    assert headers.copied_from_last_modified == datetime(2026, 11, 27, 8, 56, 18,
                                                         tzinfo=timezone.utc)


def test_copy_with_put_sends_x_copy_from_to_the_destination(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", ACCOUNT + "/backup/b%C3%A4nana", 201, PUT_APPLE)
    opts = objects.CopyOpts(destination="backup/bänana", method="PUT")
    objects.copy(storage, "samples", "banana", opts).extract()
    request = sent(mock)
    assert request.headers["X-Copy-From"] == "/samples/banana"
    assert "Destination" not in request.headers
    assert request.headers["Content-Length"] == "0"


@pytest.mark.parametrize("destination", ["no-slash", "/c/", "a/", "/", ""])
def test_a_copy_destination_must_be_container_slash_object(
    mock: responses.RequestsMock, storage: ServiceClient, destination: str
) -> None:
    with pytest.raises(InvalidInput):
        objects.copy(storage, "samples", "banana",
                     objects.CopyOpts(destination=destination)).extract()
    assert len(mock.calls) == 0


def test_delete_sends_delete(mock: responses.RequestsMock, storage: ServiceClient) -> None:
    reply(mock, "DELETE", SAMPLES + "/a%2Fb", 204)
    objects.delete(storage, "samples", "a/b").extract_err()
    assert (sent(mock).method, sent(mock).url) == ("DELETE", SAMPLES + "/a%2Fb")


def test_bulk_delete_posts_quoted_paths_and_reads_the_summary(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    summary = {"Number Not Found": 1, "Response Status": "200 OK", "Response Body": "",
               "Errors": [], "Number Deleted": 2}
    # Swift may send whitespace before the JSON while it works (bulk.py's heartbeat).
    reply(mock, "POST", ACCOUNT + "?bulk-delete", 200,
          {"Content-Type": "application/json; charset=utf-8"},
          b"   " + json.dumps(summary).encode())
    response = objects.bulk_delete(storage, "samples", ["a/b", "été", "gone\nline"]).extract()
    request = sent(mock)
    assert request.url == ACCOUNT + "?bulk-delete"
    assert request.body == b"/samples/a%2Fb\n/samples/%C3%A9t%C3%A9\n/samples/gone%0Aline\n"
    assert request.headers["Content-Type"] == "text/plain"
    assert request.headers["Accept"] == "application/json"
    assert (response.number_deleted, response.number_not_found) == (2, 1)
    assert response.succeeded


# --- replay ------------------------------------------------------------------------------


def _reauthenticating(storage: ServiceClient) -> ServiceClient:
    storage.provider.set_token("old-token")
    storage.provider.reauth_func = lambda: storage.provider.set_token("new-token")
    return storage


def test_a_file_upload_is_sent_again_rewound_after_a_401(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    mock.add(responses.PUT, SAMPLES + "/apple", status=401)
    reply(mock, "PUT", SAMPLES + "/apple", 201, PUT_APPLE)
    fileobj = io.BytesIO(APPLE)
    objects.create(_reauthenticating(storage), "samples", "apple", fileobj).extract()
    assert [call.request.body for call in mock.calls] == [APPLE, APPLE]
    assert sent(mock).headers["X-Auth-Token"] == "new-token"


def test_an_iterator_upload_is_not_replayed_after_a_401(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    mock.add(responses.PUT, SAMPLES + "/apple", status=401, headers={"X-Trans-Id": "tx401"})
    result = objects.create(_reauthenticating(storage), "samples", "apple", iter([APPLE]))
    with pytest.raises(Unauthorized):
        result.extract()
    assert len(mock.calls) == 1
