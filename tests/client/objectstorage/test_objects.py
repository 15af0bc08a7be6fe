"""Objects: listing, upload, download, metadata, copy, delete and bulk delete, against the
fake Swift; canned answers only for a corrupted transfer and a large-object manifest."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
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
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import START, canned_request, reply, sent
from tests.client.objectstorage.samples import (
    ACCOUNT,
    APPLE,
    BANANA,
    HEAD_OBJECT,
    PUT_APPLE,
)

APPLE_MD5 = "764ab1363e9093974a96792d69886748"
BANANA_MD5 = "1238c92a100b8d660d3434f745d1c261"


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


@pytest.fixture
def empty(cloud: FakeCloud) -> str:
    cloud.object_storage.create_container("demo", "c")
    return "c"


# --- listing -----------------------------------------------------------------------------


def test_full_object_listing_types_the_rows(storage: ServiceClient, samples: str) -> None:
    rows = list(objects.list(storage, samples, objects.ListOpts(full=True)).items())
    assert [r.name for r in rows] == ["apple", "banana", "cherry"]
    assert rows[0] == objects.Object.build(name="apple", hash=APPLE_MD5, bytes=10,
                                     content_type="text/plain", last_modified=START)


def test_object_listing_by_path_sends_the_seeds_accept(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    cloud.object_storage.fill("demo", "c", ["photos/a", "photos/b/c", "photos/d", "other"])
    names = list(objects.list(storage, "c", objects.ListOpts(path="photos")).items())
    assert names == ["photos/a", "photos/d"]
    assert sent(cloud).headers["Accept"] == "text/plain"


def test_a_subdir_row_is_the_next_pages_marker(cloud: FakeCloud, storage: ServiceClient) -> None:
    cloud.object_storage.fill("demo", "c", ["a.txt", "photos/1", "photos/2", "z"])
    opts = objects.ListOpts(full=True, delimiter="/", limit=2)
    rows = list(objects.list(storage, "c", opts).items())
    assert [r.name for r in rows] == ["a.txt", "photos/", "z"]
    assert rows[1] == objects.Object.build(name="photos/", subdir="photos/")
    assert sent(cloud, -2).query == "format=json&limit=2&delimiter=%2F&marker=photos%2F"


# --- create ------------------------------------------------------------------------------


def test_create_from_bytes_sends_the_md5_and_types_the_answer(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    cloud.clock.advance(0.465)
    headers = objects.create(storage, "c", "apple", APPLE).extract()
    request = sent(cloud)
    assert (request.method, request.headers["Etag"]) == ("PUT", APPLE_MD5)
    assert headers.etag == APPLE_MD5
    assert headers.last_modified == START + timedelta(seconds=1)  # the ceiling
    assert headers.trans_id == request.request_id
    assert cloud.object_storage.get_object("demo", "c", "apple").data == APPLE


def test_create_stores_type_metadata_disposition_and_expiry(
    storage: ServiceClient, empty: str
) -> None:
    at = START + timedelta(days=1)
    opts = objects.CreateOpts(content_type="text/x-fruit", metadata={"Fruit": "pomme"},
                              delete_at=at, content_disposition="inline",
                              content_encoding="identity")
    objects.create(storage, "c", "apple", APPLE, opts).extract()
    headers = objects.get(storage, "c", "apple").extract()
    assert (headers.content_type, headers.metadata) == ("text/x-fruit", {"Fruit": "pomme"})
    assert (headers.delete_at, headers.content_disposition, headers.content_encoding) == (
        at, "inline", "identity")


def test_delete_after_expires_the_object_on_the_fake_clock(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    objects.create(storage, "c", "tmp", b"x", objects.CreateOpts(delete_after=30)).extract()
    assert objects.get(storage, "c", "tmp").extract().delete_at == START + timedelta(seconds=30)
    cloud.clock.advance(30)
    with pytest.raises(NotFound):
        objects.get(storage, "c", "tmp").extract()
    assert list(objects.list(storage, "c").items()) == []


def test_if_none_match_star_refuses_to_overwrite(storage: ServiceClient, samples: str) -> None:
    opts = objects.CreateOpts(if_none_match="*")
    with pytest.raises(PreconditionFailed):
        objects.create(storage, samples, "apple", b"other", opts).extract()
    objects.create(storage, samples, "new", b"x", opts).extract()


def test_create_quotes_unicode_and_slash_names(cloud: FakeCloud, storage: ServiceClient) -> None:
    cloud.object_storage.create_container("demo", "phötos")
    objects.create(storage, "phötos", "2026/été #1.jpg", b"x").extract()
    assert cloud.object_storage.names("demo", "phötos") == ["2026/été #1.jpg"]
    assert objects.download(storage, "phötos", "2026/été #1.jpg").extract_content() == b"x"


def test_create_from_a_seekable_file_sends_it_from_where_it_stands(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    fileobj = io.BytesIO(b"--" + APPLE)
    fileobj.seek(2)
    objects.create(storage, "c", "apple", fileobj).extract()
    request = sent(cloud)
    assert (request.headers["Etag"], request.headers["Content-Length"]) == (APPLE_MD5, "10")
    assert cloud.object_storage.get_object("demo", "c", "apple").data == APPLE


def test_create_from_an_iterator_streams_chunked_and_checks_the_etag(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    chunks: Any = iter([b"I am", b"", bytearray(b" apple")])
    headers = objects.create(storage, "c", "apple", chunks).extract()
    request = sent(cloud)
    assert request.headers["Transfer-Encoding"] == "chunked"
    assert "Etag" not in request.headers
    assert "Content-Length" not in request.headers
    assert headers.etag == APPLE_MD5
    assert cloud.object_storage.get_object("demo", "c", "apple").data == APPLE


def test_an_answer_with_another_etag_is_an_etag_mismatch(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    # A transfer corrupted on the way: the fake always hashes what it got, so this is canned.
    def swift(request: Any) -> tuple[int, dict[str, str], bytes]:
        b"".join(request.body)
        return 201, {**PUT_APPLE, "Etag": md5(b"corrupted"), "X-Trans-Id": "txbad",
                     "X-Openstack-Request-Id": "txbad"}, b""

    mock.add_callback("PUT", ACCOUNT + "/samples/apple", callback=swift)
    with pytest.raises(objects.ETagMismatch) as caught:
        objects.create(canned, "samples", "apple", iter([APPLE])).extract()
    err = caught.value
    assert (err.expected_etag, err.received_etag) == (APPLE_MD5, md5(b"corrupted"))
    assert (err.method, err.status, err.request_id) == ("PUT", 201, "txbad")
    assert err.url == ACCOUNT + "/samples/apple"


def test_swift_refusing_the_sent_etag_is_an_etag_mismatch(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    with pytest.raises(objects.ETagMismatch) as caught:
        objects.create(storage, "c", "apple", APPLE, objects.CreateOpts(etag="0" * 32)).extract()
    assert sent(cloud).headers["Etag"] == "0" * 32
    assert (caught.value.status, caught.value.received_etag) == (422, None)
    assert caught.value.request_id == sent(cloud).request_id
    assert cloud.object_storage.names("demo", "c") == []


def test_no_etag_neither_sends_nor_checks_one(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    result = objects.create(storage, "c", "apple", APPLE, objects.CreateOpts(no_etag=True))
    assert result.err is None
    assert "Etag" not in sent(cloud).headers


@pytest.mark.parametrize("content", ["text", io.StringIO("text"), 42, {"a": b"b"}])
def test_create_refuses_content_that_is_not_bytes(
    cloud: FakeCloud, storage: ServiceClient, content: Any
) -> None:
    before = len(cloud.requests)
    with pytest.raises(InvalidInput) as caught:
        objects.create(storage, "c", "apple", content).extract()
    assert caught.value.field == "content"
    assert len(cloud.requests) == before


def test_create_with_copy_from_copies_inside_swift(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    objects.create(storage, "c", "a b", BANANA, objects.CreateOpts(
        metadata={"Color": "yellow"})).extract()
    headers = objects.create(storage, "c", "copy", opts=objects.CreateOpts(
        copy_from="/c/a b")).extract()
    request = sent(cloud)
    assert (request.headers["X-Copy-From"], request.headers["Content-Length"]) == (
        "/c/a%20b", "0")
    assert (headers.copied_from, headers.copied_from_account) == (
        "c/a b", cloud.object_storage.account_name("demo"))
    assert headers.etag == BANANA_MD5
    assert objects.get(storage, "c", "copy").extract_metadata() == {"Color": "yellow"}


# --- download ----------------------------------------------------------------------------


def test_download_types_the_headers_and_streams_the_content(
    storage: ServiceClient, samples: str
) -> None:
    with objects.download(storage, samples, "banana") as result:
        headers = result.extract()
        assert list(result.iter_content(4)) == [b"I am", b" ban", b"ana"]
    assert (headers.content_length, headers.etag) == (11, BANANA_MD5)
    assert headers.timestamp == START
    assert headers.last_modified == START


def test_download_of_a_range_is_partial(storage: ServiceClient, samples: str) -> None:
    result = objects.download(storage, samples, "banana", objects.DownloadOpts(
        range="bytes=0-3", if_match=BANANA_MD5,
        if_modified_since=datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)))
    assert result.extract_content() == b"I am"
    assert result.extract().content_range == "bytes 0-3/11"


def test_a_304_is_not_modified_and_has_no_content(storage: ServiceClient, samples: str) -> None:
    result = objects.download(storage, samples, "banana",
                              objects.DownloadOpts(if_none_match=BANANA_MD5))
    assert result.not_modified
    assert result.extract_content() == b""
    since = objects.download(storage, samples, "banana",
                             objects.DownloadOpts(if_modified_since=START))
    assert since.not_modified


@pytest.mark.parametrize(
    ("name", "opts", "error"),
    [("banana", objects.DownloadOpts(if_match="other"), PreconditionFailed),
     ("banana", objects.DownloadOpts(if_unmodified_since=START - timedelta(hours=1)),
      PreconditionFailed),
     ("banana", objects.DownloadOpts(range="bytes=20-"), RangeNotSatisfiable),
     ("nope", None, NotFound)],
)
def test_download_errors_arrive_typed_with_the_transaction_id(
    cloud: FakeCloud, storage: ServiceClient, samples: str, name: str,
    opts: objects.DownloadOpts | None, error: type[Exception],
) -> None:
    result = objects.download(storage, samples, name, opts)
    with pytest.raises(error) as caught:
        result.extract_content()
    assert caught.value.request_id == sent(cloud).request_id  # type: ignore[attr-defined]


def test_a_corrupted_download_raises_etag_mismatch_after_the_last_chunk(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    reply(mock, "GET", ACCOUNT + "/samples/banana", 200, HEAD_OBJECT, b"I am BANANA")
    sink = io.BytesIO()
    result = objects.download(canned, "samples", "banana")
    with pytest.raises(objects.ETagMismatch) as caught:
        result.read_into(sink, 4)
    assert sink.getvalue() == b"I am BANANA"
    assert caught.value.received_etag == BANANA_MD5
    assert caught.value.expected_etag == md5(b"I am BANANA")


def test_a_manifest_download_is_not_md5_checked(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    # Static large objects are not in the fake; a recorded-style answer stands in.
    reply(mock, "GET", ACCOUNT + "/samples/big", 200,
          {**HEAD_OBJECT, "Etag": f'"{md5(b"segments")}"', "X-Static-Large-Object": "True"},
          BANANA)
    result = objects.download(canned, "samples", "big")
    assert result.extract_content() == BANANA
    assert result.extract().etag == md5(b"segments")
    assert result.extract().static_large_object
    assert canned_request(mock).method == "GET"


def test_the_content_streams_once_and_extract_content_keeps_it(
    storage: ServiceClient, samples: str
) -> None:
    streamed = objects.download(storage, samples, "banana")
    list(streamed.iter_content())
    with pytest.raises(RuntimeError, match="already read"):
        list(streamed.iter_content())
    kept = objects.download(storage, samples, "apple")
    assert kept.extract_content() == kept.extract_content() == APPLE


# --- get, update, copy, delete -----------------------------------------------------------


def test_get_types_the_object_headers(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    at = datetime(2030, 1, 1, tzinfo=timezone.utc)
    objects.create(storage, "c", "banana", BANANA, objects.CreateOpts(
        content_type="text/plain", metadata={"Color": "yellow"}, delete_at=at)).extract()
    result = objects.get(storage, "c", "banana")
    headers = result.extract()
    assert sent(cloud).method == "HEAD"
    assert (headers.content_length, headers.content_type) == (11, "text/plain")
    assert headers.last_modified == START
    assert headers.delete_at == at
    assert headers.metadata == {"Color": "yellow"} == result.extract_metadata()


def test_update_replaces_the_metadata_and_cancels_the_expiry(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    objects.create(storage, "c", "banana", BANANA, objects.CreateOpts(
        metadata={"Color": "yellow", "Shape": "long"}, delete_after=60)).extract()
    opts = objects.UpdateOpts(metadata={"Color": "green"}, content_type="text/x-fruit",
                              remove_delete_at=True)
    headers = objects.update(storage, "c", "banana", opts).extract()
    assert headers.trans_id == sent(cloud).request_id
    assert sent(cloud).status == 202
    after = objects.get(storage, "c", "banana").extract()
    assert (after.metadata, after.content_type, after.delete_at) == (
        {"Color": "green"}, "text/x-fruit", None)


def test_copy_sends_copy_with_a_quoted_destination(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    cloud.object_storage.create_container("demo", "backup")
    objects.update(storage, samples, "banana", objects.UpdateOpts(
        metadata={"Color": "yellow"})).extract()
    opts = objects.CopyOpts(destination="backup/2026/bänana", metadata={"Copy": "yes"},
                            fresh_metadata=True)
    headers = objects.copy(storage, samples, "banana", opts).extract()
    request = sent(cloud)
    assert (request.method, request.headers["Destination"]) == (
        "COPY", "/backup/2026%2Fb%C3%A4nana")
    assert headers.copied_from == "samples/banana"
    assert headers.copied_from_last_modified == START
    copied = objects.get(storage, "backup", "2026/bänana").extract()
    assert (copied.metadata, copied.etag) == ({"Copy": "yes"}, BANANA_MD5)


def test_copy_with_put_sends_x_copy_from_to_the_destination(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    cloud.object_storage.create_container("demo", "backup")
    objects.copy(storage, samples, "banana",
                 objects.CopyOpts(destination="backup/bänana", method="PUT")).extract()
    request = sent(cloud)
    assert (request.method, request.headers["X-Copy-From"]) == ("PUT", "/samples/banana")
    assert "Destination" not in request.headers
    assert cloud.object_storage.get_object("demo", "backup", "bänana").data == BANANA


def test_a_copy_of_a_missing_source_is_not_found(storage: ServiceClient, samples: str) -> None:
    with pytest.raises(NotFound):
        objects.copy(storage, samples, "nope", objects.CopyOpts(destination="samples/x")).extract()


@pytest.mark.parametrize("destination", ["no-slash", "/c/", "a/", "/", ""])
def test_a_copy_destination_must_be_container_slash_object(
    cloud: FakeCloud, storage: ServiceClient, destination: str
) -> None:
    before = len(cloud.requests)
    with pytest.raises(InvalidInput):
        objects.copy(storage, "samples", "banana",
                     objects.CopyOpts(destination=destination)).extract()
    assert len(cloud.requests) == before


def test_delete_removes_an_object_with_a_slash(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    objects.create(storage, "c", "a/b", b"").extract()
    objects.delete(storage, "c", "a/b").extract_err()
    assert (sent(cloud).method, sent(cloud).path.rsplit("/c/", 1)[1]) == ("DELETE", "a/b")
    with pytest.raises(NotFound):
        objects.delete(storage, "c", "a/b").extract_err()


def test_bulk_delete_posts_quoted_paths_and_reads_the_summary(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    cloud.object_storage.fill("demo", "samples", ["a/b", "été", "kept"])
    response = objects.bulk_delete(storage, "samples", ["a/b", "été", "gone\nline"]).extract()
    request = sent(cloud)
    assert (request.method, request.query) == ("POST", "bulk-delete")
    assert request.headers["Content-Type"] == "text/plain"
    assert (response.number_deleted, response.number_not_found) == (2, 1)
    assert response.succeeded
    assert cloud.object_storage.names("demo", "samples") == ["kept"]


# --- replay ------------------------------------------------------------------------------


def test_a_file_upload_is_sent_again_rewound_after_a_401(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    cloud.inject_fault("PUT", "/v1/*", status=401, times=1)
    objects.create(storage, "c", "apple", io.BytesIO(APPLE)).extract()
    puts = cloud.requests.filter(method="PUT")
    assert [r.status for r in puts] == [401, 201]
    assert puts[0].headers["X-Auth-Token"] == puts[1].headers["X-Auth-Token"] == "***"
    assert cloud.object_storage.get_object("demo", "c", "apple").data == APPLE


def test_an_iterator_upload_is_not_replayed_after_a_401(
    cloud: FakeCloud, storage: ServiceClient, empty: str
) -> None:
    cloud.inject_fault("PUT", "/v1/*", status=401, times=1)
    result = objects.create(storage, "c", "apple", iter([APPLE]))
    with pytest.raises(Unauthorized) as caught:
        result.extract()
    assert caught.value.request_id is not None
    assert len(cloud.requests.filter(method="PUT")) == 1
