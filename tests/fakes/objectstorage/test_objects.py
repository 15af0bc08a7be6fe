"""Objects and containers: conditions, ranges, writes, copies, constraints, expiry, quotas."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage import ObjectStorageModel
from tests.fakes.objectstorage.conftest import Swift

HELLO = b"hello world"
HELLO_MD5 = hashlib.md5(HELLO).hexdigest()
HTML = "text/html; charset=UTF-8"
#: Swift's HTML pages (swob RESPONSE_REASONS).
NOT_FOUND = "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"
CONFLICT = ("<html><h1>Conflict</h1><p>There was a conflict when trying to complete your "
            "request.</p></html>")
ACCEPTED = "<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>"


@pytest.fixture
def hello(swift: Swift) -> Swift:
    """Container `c` holding `o.txt` (b"hello world", metadata Color: red)."""
    assert swift("PUT", "/c").status_code == 201
    resp = swift("PUT", "/c/o.txt", data=HELLO, headers={"X-Object-Meta-Color": "red"})
    assert resp.status_code == 201
    return swift


# -- headers as the real samples have them -----------------------------------------------


def test_a_put_answers_like_the_real_sample(swift: Swift, cloud: FakeCloud) -> None:
    swift("PUT", "/samples")
    cloud.clock.advance(0.465)  # X-Timestamp ...16.465 -> Last-Modified ...17 (the ceiling)
    resp = swift("PUT", "/samples/apple", data=b"I am apple")
    assert resp.status_code == 201
    assert resp.content == b""
    assert dict(resp.headers) == {
        "Content-Type": HTML, "Content-Length": "0",
        "Etag": "764ab1363e9093974a96792d69886748",
        "Last-Modified": "Fri, 27 Nov 2026 08:56:17 GMT",
        "X-Trans-Id": resp.headers["X-Trans-Id"],
        "X-Openstack-Request-Id": resp.headers["X-Trans-Id"],
        "Date": "Fri, 27 Nov 2026 08:56:16 GMT"}


def test_the_transaction_id_is_swifts_with_the_time_in_hex(swift: Swift, cloud: FakeCloud) -> None:
    trans_id = swift("HEAD").headers["X-Trans-Id"]
    assert re.fullmatch(r"tx[0-9a-f]{21}-[0-9a-f]{10}", trans_id)
    assert int(trans_id.rsplit("-", 1)[1], 16) == int(cloud.clock.time())


def test_a_head_of_an_object_has_the_samples_headers(hello: Swift) -> None:
    resp = hello("HEAD", "/c/o.txt")
    assert resp.status_code == 200
    assert set(resp.headers) == {
        "Content-Type", "Content-Length", "Etag", "Last-Modified", "X-Timestamp",
        "Accept-Ranges", "X-Object-Meta-Color", "X-Trans-Id", "X-Openstack-Request-Id", "Date"}
    assert (resp.headers["Content-Type"], resp.headers["Content-Length"]) == ("text/plain", "11")
    assert resp.headers["X-Timestamp"] == "1795769776.00000"


def test_container_and_account_heads_have_the_samples_headers(hello: Swift) -> None:
    container = hello("HEAD", "/c")
    assert container.status_code == 204
    assert set(container.headers) == {
        "Content-Type", "Content-Length", "X-Container-Object-Count", "X-Container-Bytes-Used",
        "X-Timestamp", "Last-Modified", "Accept-Ranges", "X-Storage-Policy", "Vary",
        "X-Trans-Id", "X-Openstack-Request-Id", "Date"}
    assert container.headers["Content-Length"] == "0"
    account = hello("HEAD")
    assert account.status_code == 204
    assert {k: v for k, v in account.headers.items() if k.startswith("X-Account")} == {
        "X-Account-Container-Count": "1", "X-Account-Object-Count": "1",
        "X-Account-Bytes-Used": "11",
        "X-Account-Storage-Policy-Policy-0-Container-Count": "1",
        "X-Account-Storage-Policy-Policy-0-Object-Count": "1",
        "X-Account-Storage-Policy-Policy-0-Bytes-Used": "11",
        "X-Account-Project-Domain-Id": "default"}
    assert account.headers["Content-Type"] == "text/plain; charset=utf-8"


# -- reads ------------------------------------------------------------------------------------


def test_get_streams_the_content_with_its_headers(hello: Swift) -> None:
    resp = hello("GET", "/c/o.txt")
    assert (resp.status_code, resp.content) == (200, HELLO)
    assert resp.headers["Etag"] == HELLO_MD5


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"If-None-Match": HELLO_MD5}, 304),
        ({"If-None-Match": f'"{HELLO_MD5}"'}, 304),
        ({"If-None-Match": "*"}, 304),
        ({"If-None-Match": "other"}, 200),
        ({"If-Match": "other"}, 412),
        ({"If-Match": f"other, {HELLO_MD5}"}, 200),
        ({"If-Match": "*"}, 200),
        ({"If-Modified-Since": "Fri, 27 Nov 2026 08:56:16 GMT"}, 304),
        ({"If-Modified-Since": "Fri, 27 Nov 2026 08:56:15 GMT"}, 200),
        ({"If-Modified-Since": "not a date"}, 200),
        ({"If-Unmodified-Since": "Fri, 27 Nov 2026 08:56:15 GMT"}, 412),
        ({"If-Unmodified-Since": "Fri, 27 Nov 2026 08:56:16 GMT"}, 200),
    ],
)
def test_conditions_answer_304_or_412_without_content(
    hello: Swift, headers: dict[str, str], status: int
) -> None:
    resp = hello("GET", "/c/o.txt", headers=headers)
    assert resp.status_code == status
    if status != 200:
        assert (resp.content, resp.headers["Content-Length"]) == (b"", "0")
        assert resp.headers["Etag"] == HELLO_MD5
    assert hello("HEAD", "/c/o.txt", headers=headers).status_code == status


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_304_keeps_the_objects_headers_and_a_412_is_swobs(hello: Swift, method: str) -> None:
    """Real Swift 2.38 (the contract cassette): the proxy passes a 304 on as a working
    response, so a cache revalidating its copy still reads the type and `Accept-Ranges`; a
    412 is a failure, typed as swob's HTML and offering no ranges."""
    not_modified = hello(method, "/c/o.txt", headers={"If-None-Match": HELLO_MD5})
    assert not_modified.status_code == 304
    assert not_modified.headers["Content-Type"] == "text/plain"
    assert not_modified.headers["Accept-Ranges"] == "bytes"
    assert not_modified.headers["X-Object-Meta-Color"] == "red"
    for condition in ({"If-Match": "other"},
                      {"If-Unmodified-Since": "Fri, 27 Nov 2026 08:56:15 GMT"}):
        failed = hello(method, "/c/o.txt", headers=condition)
        assert failed.status_code == 412
        assert failed.headers["Content-Type"] == HTML
        assert "Accept-Ranges" not in failed.headers
        assert (failed.headers["Etag"], failed.headers["X-Object-Meta-Color"]) == (
            HELLO_MD5, "red")
        assert failed.headers["Last-Modified"] == not_modified.headers["Last-Modified"]


def test_if_match_star_on_a_missing_object_is_412(hello: Swift) -> None:
    assert hello("GET", "/c/nope", headers={"If-Match": "*"}).status_code == 412
    assert hello("GET", "/c/nope").text == NOT_FOUND


@pytest.mark.parametrize(
    ("header", "body", "content_range"),
    [
        ("bytes=0-3", b"hell", "bytes 0-3/11"),
        ("bytes=6-", b"world", "bytes 6-10/11"),
        ("bytes=-5", b"world", "bytes 6-10/11"),
        ("bytes=-50", HELLO, "bytes 0-10/11"),
        ("bytes=4-100", b"o world", "bytes 4-10/11"),
        ("bytes = 0 - 0", b"h", "bytes 0-0/11"),
    ],
)
def test_a_single_range_is_206_with_content_range(
    hello: Swift, header: str, body: bytes, content_range: str
) -> None:
    resp = hello("GET", "/c/o.txt", headers={"Range": header})
    assert (resp.status_code, resp.content) == (206, body)
    assert resp.headers["Content-Range"] == content_range
    assert resp.headers["Content-Length"] == str(len(body))


@pytest.mark.parametrize("header", ["bytes=11-", "bytes=20-30", "bytes=-0"])
def test_a_range_outside_the_object_is_416_with_its_length(hello: Swift, header: str) -> None:
    resp = hello("GET", "/c/o.txt", headers={"Range": header})
    assert resp.status_code == 416
    assert resp.headers["Content-Range"] == "bytes */11"
    assert resp.text == ("<html><h1>Requested Range Not Satisfiable</h1><p>The Range "
                         "requested is not available.</p></html>")


@pytest.mark.parametrize("header", ["bytes=5-3", "bytes=x-1", "lines=0-1", "bytes=-"])
def test_a_malformed_range_is_ignored(hello: Swift, header: str) -> None:
    resp = hello("GET", "/c/o.txt", headers={"Range": header})
    assert (resp.status_code, resp.content) == (200, HELLO)


def test_several_ranges_are_one_multipart_answer(hello: Swift) -> None:
    resp = hello("GET", "/c/o.txt", headers={"Range": "bytes=0-1,6-7"})
    assert resp.status_code == 206
    boundary = resp.headers["Content-Type"].split("boundary=")[1]
    assert resp.headers["Content-Type"] == "multipart/byteranges;boundary=" + boundary
    assert resp.content == (
        f"--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/11\r\n\r\nhe\r\n"
        f"--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 6-7/11\r\n\r\nwo\r\n"
        f"--{boundary}--").encode()


def test_a_head_ignores_the_range(hello: Swift) -> None:
    resp = hello("HEAD", "/c/o.txt", headers={"Range": "bytes=0-3"})
    assert (resp.status_code, resp.headers["Content-Length"]) == (200, "11")


def test_a_large_object_streams_in_chunks(hello: Swift, model: ObjectStorageModel) -> None:
    data = bytes(range(256)) * 4096
    model.put_object("demo", "c", "big", data)
    resp = hello("GET", "/c/big", stream=True)
    chunks = list(resp.iter_content(100_000))
    assert b"".join(chunks) == data
    assert len(chunks) > 1


# -- writes ----------------------------------------------------------------------------------


def test_a_container_put_is_201_then_202(swift: Swift) -> None:
    assert swift("PUT", "/c").status_code == 201
    again = swift("PUT", "/c")
    assert (again.status_code, again.text) == (202, ACCEPTED)


def test_deleting_a_container_that_holds_objects_is_409(hello: Swift) -> None:
    resp = hello("DELETE", "/c")
    assert (resp.status_code, resp.text) == (409, CONFLICT)
    assert resp.headers["Content-Type"] == HTML
    hello("DELETE", "/c/o.txt")
    assert hello("DELETE", "/c").status_code == 204
    assert hello("DELETE", "/c").status_code == 404


def test_deleting_an_object_is_204_then_404(hello: Swift) -> None:
    assert hello("DELETE", "/c/o.txt").status_code == 204
    resp = hello("DELETE", "/c/o.txt")
    assert (resp.status_code, resp.text) == (404, NOT_FOUND)


def test_an_upload_to_a_missing_container_is_404(swift: Swift) -> None:
    assert swift("PUT", "/nope/o", data=b"x").status_code == 404


def test_a_post_replaces_every_custom_metadata_and_answers_202(hello: Swift) -> None:
    resp = hello("POST", "/c/o.txt", headers={"X-Object-Meta-Size": "big",
                                              "Content-Disposition": "inline"})
    assert (resp.status_code, resp.text) == (202, ACCEPTED)
    head = hello("HEAD", "/c/o.txt").headers
    assert head["X-Object-Meta-Size"] == "big"
    assert "X-Object-Meta-Color" not in head
    assert head["Content-Disposition"] == "inline"
    assert head["Content-Type"] == "text/plain"
    assert hello("POST", "/c/nope").status_code == 404


def test_a_post_may_change_the_content_type(hello: Swift) -> None:
    hello("POST", "/c/o.txt", headers={"Content-Type": "text/x-greeting"})
    assert hello("HEAD", "/c/o.txt").headers["Content-Type"] == "text/x-greeting"


def test_metadata_names_come_back_title_cased_and_values_as_raw_bytes(swift: Swift) -> None:
    swift("PUT", "/c")
    raw = "été ☃".encode().decode("latin-1")
    swift("PUT", "/c/o", data=b"", headers={"x-object-meta-my-key": raw,
                                             "X-Object-Meta-ABC": "1"})
    head = swift("HEAD", "/c/o").headers
    assert head["X-Object-Meta-My-Key"].encode("latin-1").decode() == "été ☃"
    assert "X-Object-Meta-Abc" in {k for k in head}


def test_container_metadata_is_set_and_removed(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Container-Meta-A": "1", "X-Container-Meta-B": "2"})
    swift("POST", "/c", headers={"X-Remove-Container-Meta-A": "x", "X-Container-Meta-B": "",
                                 "X-Container-Meta-C": "3"})
    head = swift("HEAD", "/c").headers
    assert {k: v for k, v in head.items() if "-Meta-" in k} == {"X-Container-Meta-C": "3"}


def test_an_etag_that_does_not_match_the_content_is_422(hello: Swift) -> None:
    resp = hello("PUT", "/c/e", data=b"abc", headers={"ETag": "0" * 32})
    assert resp.status_code == 422
    assert resp.text == ("<html><h1>Unprocessable Entity</h1><p>Unable to process the "
                         "contained instructions</p></html>")
    quoted = hello("PUT", "/c/e", data=b"abc",
                   headers={"ETag": f'"{hashlib.md5(b"abc").hexdigest()}"'})
    assert quoted.status_code == 201


def test_a_put_refused_for_its_etag_carries_the_puts_last_modified(
    hello: Swift, cloud: FakeCloud
) -> None:
    """Real Swift stamps the object server's 422 as it stamps a 201 (the proxy's
    `_store_object`): Last-Modified is the PUT's time rounded up, and no Etag."""
    cloud.clock.advance(5.25)
    refused = hello("PUT", "/c/e", data=b"abc", headers={"ETag": "0" * 32})
    assert refused.status_code == 422
    assert "Etag" not in refused.headers
    stored = hello("PUT", "/c/e", data=b"abc")
    assert stored.status_code == 201
    assert refused.headers["Last-Modified"] == stored.headers["Last-Modified"]
    assert refused.headers["Last-Modified"] == "Fri, 27 Nov 2026 08:56:22 GMT"


def test_if_none_match_star_refuses_to_overwrite(hello: Swift) -> None:
    assert hello("PUT", "/c/o.txt", data=b"x", headers={"If-None-Match": "*"}).status_code == 412
    assert hello("PUT", "/c/new", data=b"x", headers={"If-None-Match": "*"}).status_code == 201
    other = hello("PUT", "/c/new", data=b"x", headers={"If-None-Match": HELLO_MD5})
    assert (other.status_code, other.text) == (400, "If-None-Match only supports *")


def test_a_put_without_length_or_chunking_is_411(hello: Swift, http: requests.Session) -> None:
    prepared = requests.Request("PUT", hello.url + "/c/o", headers={
        "X-Auth-Token": hello.token}).prepare()
    del prepared.headers["Content-Length"]
    resp = http.send(prepared)
    assert (resp.status_code, resp.text) == (411, "Missing Content-Length header.")


def test_a_chunked_upload_is_stored(hello: Swift) -> None:
    resp = hello("PUT", "/c/chunked", data=iter([b"hello", b" ", b"world"]))
    assert (resp.status_code, resp.headers["Etag"]) == (201, HELLO_MD5)
    assert hello("GET", "/c/chunked").content == HELLO


def test_an_object_above_max_file_size_is_413(hello: Swift, model: ObjectStorageModel) -> None:
    model.constraints = replace(model.constraints, max_file_size=10)
    resp = hello("PUT", "/c/big", data=HELLO)
    assert (resp.status_code, resp.text) == (413, "Your request is too large.")
    assert hello("PUT", "/c/big", data=iter([HELLO])).status_code == 413
    assert hello("PUT", "/c/ok", data=HELLO[:10]).status_code == 201


def test_the_content_type_is_guessed_from_the_name_when_absent(hello: Swift) -> None:
    for name, expected in (("a.jpg", "image/jpeg"), ("a.txt", "text/plain"),
                           ("noext", "application/octet-stream")):
        hello("PUT", "/c/" + name, data=b"x")
        assert hello("HEAD", "/c/" + name).headers["Content-Type"] == expected
    hello("PUT", "/c/b.html", data=b"x", headers={"Content-Type": "text/plain",
                                                   "X-Detect-Content-Type": "true"})
    assert hello("HEAD", "/c/b.html").headers["Content-Type"] == "text/html"


def test_a_swift_content_type_parameter_is_400(hello: Swift) -> None:
    resp = hello("PUT", "/c/x", data=b"x", headers={"Content-Type": "text/plain;swift_bytes=3"})
    assert (resp.status_code, resp.text) == (
        400, "Invalid Content-Type, swift_* is not a valid parameter name.")


# -- names and metadata limits -------------------------------------------------------------------


def test_object_names_are_limited_to_1024_bytes(hello: Swift) -> None:
    assert hello("PUT", "/c/" + "é" * 512, data=b"").status_code == 201
    resp = hello("PUT", "/c/" + "é" * 512 + "x", data=b"")
    assert (resp.status_code, resp.text) == (400, "Object name length of 1025 longer than 1024")
    assert resp.headers["Content-Type"] == "text/plain"


def test_container_names_are_limited_to_256_bytes(swift: Swift) -> None:
    assert swift("PUT", "/" + "c" * 256).status_code == 201
    resp = swift("PUT", "/" + "c" * 257)
    assert (resp.status_code, resp.text) == (400, "Container name length of 257 longer than 256")


@pytest.mark.parametrize("path", ["/c/a%00b", "/c/%FF", "/c%00", "/%C3%28/o"])
def test_a_name_with_nul_or_bad_utf8_is_412(hello: Swift, path: str) -> None:
    resp = hello("PUT", path, data=b"")
    assert (resp.status_code, resp.text) == (412, "Invalid UTF8 or contains NULL")


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"X-Object-Meta-" + "n" * 129: "v"}, "Metadata name too long: x-object-meta-" + "N"
         + "n" * 128),
        ({"X-Object-Meta-Name": "v" * 257}, "Metadata value longer than 256: x-object-meta-Name"),
        ({f"X-Object-Meta-K{i}": "v" for i in range(91)}, "Too many metadata items; max 90"),
        ({f"X-Object-Meta-K{i}": "v" * 250 for i in range(17)},
         "Total metadata too large; max 4096"),
        ({"X-Object-Meta-": "v"}, "Metadata name cannot be empty"),
        ({"X-Anything": "v" * 8193}, "Header value too long: X-Anything"),
    ],
)
def test_metadata_beyond_swifts_limits_is_400(
    hello: Swift, headers: dict[str, str], message: str
) -> None:
    resp = hello("PUT", "/c/m", data=b"", headers=headers)
    assert (resp.status_code, resp.text) == (400, message)
    assert resp.headers["Content-Type"] == "text/plain"


def test_metadata_at_swifts_limits_is_accepted(hello: Swift) -> None:
    at_limits = {"X-Object-Meta-" + "n" * 128: "v" * 256}
    assert hello("PUT", "/c/m", data=b"", headers=at_limits).status_code == 201
    many = {f"X-Object-Meta-K{i:02d}": "v" for i in range(90)}
    assert hello("POST", "/c/m", headers=many).status_code == 202


def test_container_metadata_must_be_utf8_and_fit_overall(swift: Swift) -> None:
    resp = swift("PUT", "/c", headers={"X-Container-Meta-Bad": "\xff"})
    assert (resp.status_code, resp.text) == (400, "Metadata must be valid UTF-8")
    # Each request is within 4096 bytes; the container's metadata as a whole is not.
    assert swift("PUT", "/c", headers={f"X-Container-Meta-A{i}": "v" * 250
                                       for i in range(8)}).status_code == 201
    assert swift("POST", "/c", headers={f"X-Container-Meta-B{i}": "v" * 250
                                        for i in range(8)}).status_code == 204
    resp = swift("POST", "/c", headers={"X-Container-Meta-C": "v" * 250})
    assert (resp.status_code, resp.text) == (400, "Total metadata too large; max 4096")


# -- expiry on the fake clock ------------------------------------------------------------------


def test_an_object_expires_when_the_fake_clock_passes_x_delete_after(
    hello: Swift, cloud: FakeCloud
) -> None:
    hello("PUT", "/c/tmp", data=b"x", headers={"X-Delete-After": "60"})
    head = hello("HEAD", "/c/tmp")
    assert head.headers["X-Delete-At"] == str(int(cloud.clock.time()) + 60)
    cloud.clock.advance(59)
    assert hello("GET", "/c/tmp").status_code == 200
    cloud.clock.advance(1)
    assert hello("GET", "/c/tmp").status_code == 404
    assert hello("GET", "/c").text == "o.txt\n"
    assert hello("HEAD").headers["X-Account-Object-Count"] == "1"


def test_a_post_without_x_delete_at_cancels_the_expiry(hello: Swift, cloud: FakeCloud) -> None:
    at = int(cloud.clock.time()) + 10
    hello("POST", "/c/o.txt", headers={"X-Delete-At": str(at)})
    hello("POST", "/c/o.txt", headers={"X-Object-Meta-Kept": "1"})
    cloud.clock.advance(20)
    assert hello("GET", "/c/o.txt").status_code == 200


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"X-Delete-After": "0"}, "X-Delete-After in past"),
        ({"X-Delete-After": "soon"}, "Non-integer X-Delete-After"),
        ({"X-Delete-At": "1000"}, "X-Delete-At in past"),
        ({"X-Delete-At": "tomorrow"}, "Non-integer X-Delete-At"),
    ],
)
def test_bad_expiry_headers_are_400(hello: Swift, headers: dict[str, str], message: str) -> None:
    resp = hello("PUT", "/c/x", data=b"", headers=headers)
    assert (resp.status_code, resp.text) == (400, message)
    assert hello("POST", "/c/o.txt", headers=headers).text == message


# -- copies ----------------------------------------------------------------------------------------


def test_copy_with_destination_answers_the_copied_from_headers(hello: Swift) -> None:
    hello("PUT", "/backup")
    resp = hello("COPY", "/c/o.txt", headers={"Destination": "/backup/2026%2Fcopy%20of",
                                               "X-Object-Meta-Extra": "1"})
    assert resp.status_code == 201
    assert resp.headers["X-Copied-From"] == "c/o.txt"
    assert resp.headers["X-Copied-From-Account"] == hello.account
    assert resp.headers["X-Copied-From-Last-Modified"] == "Fri, 27 Nov 2026 08:56:16 GMT"
    assert (resp.headers["X-Object-Meta-Color"], resp.headers["X-Object-Meta-Extra"]) == (
        "red", "1")
    copied = hello("GET", "/backup/2026%2Fcopy%20of")
    assert (copied.content, copied.headers["Content-Type"]) == (HELLO, "text/plain")


def test_put_with_x_copy_from_and_fresh_metadata(hello: Swift) -> None:
    resp = hello("PUT", "/c/fresh", headers={"X-Copy-From": "c/o.txt", "X-Fresh-Metadata": "true",
                                             "X-Object-Meta-New": "yes"})
    assert resp.status_code == 201
    head = hello("HEAD", "/c/fresh").headers
    assert head["X-Object-Meta-New"] == "yes"
    assert "X-Object-Meta-Color" not in head


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "text"),
    [
        ("COPY", "/c/o.txt", {}, 412, "Destination header required"),
        ("COPY", "/c/o.txt", {"Destination": "/c"}, 412,
         "Destination header must be of the form <container name>/<object name>"),
        ("COPY", "/c/o.txt", {"Destination": "/c/"}, 412,
         "Destination header must be of the form <container name>/<object name>"),
        ("PUT", "/c/x", {"X-Copy-From": "c"}, 412,
         "X-Copy-From header must be of the form <container name>/<object name>"),
        ("PUT", "/c/x", {"X-Copy-From": "c/nope"}, 404, NOT_FOUND),
        ("COPY", "/c/o.txt", {"Destination": "nope/x"}, 404, NOT_FOUND),
        ("PUT", "/c/x", {"X-Copy-From": "c/o.txt", "X-Copy-From-Account": ""}, 412,
         "Account name cannot be empty"),
    ],
)
def test_bad_copies_answer_as_swift(
    hello: Swift, method: str, path: str, headers: dict[str, str], status: int, text: str
) -> None:
    resp = hello(method, path, headers=headers)
    assert (resp.status_code, resp.text) == (status, text)


def test_a_copy_request_with_a_body_is_400(hello: Swift) -> None:
    resp = hello("PUT", "/c/x", data=b"body", headers={"X-Copy-From": "c/o.txt"})
    assert (resp.status_code, resp.text) == (400, "Copy requests require a zero byte body")


def test_a_copy_of_a_range_keeps_only_those_bytes(hello: Swift) -> None:
    hello("PUT", "/c/part", headers={"X-Copy-From": "c/o.txt", "Range": "bytes=0-4"})
    assert hello("GET", "/c/part").content == b"hello"


# -- quotas and policies -----------------------------------------------------------------------


def test_container_quotas_refuse_uploads_with_413(swift: Swift) -> None:
    resp = swift("PUT", "/q", headers={"X-Container-Meta-Quota-Bytes": "many"})
    assert (resp.status_code, resp.text) == (400, "Invalid bytes quota.")
    swift("PUT", "/q", headers={"X-Container-Meta-Quota-Bytes": "5",
                                "X-Container-Meta-Quota-Count": "2"})
    assert swift("PUT", "/q/a", data=b"123").status_code == 201
    too_big = swift("PUT", "/q/b", data=b"123")
    assert (too_big.status_code, too_big.text) == (413, "Upload exceeds quota.")
    assert swift("PUT", "/q/b", data=b"12").status_code == 201
    assert swift("PUT", "/q/c", data=b"").status_code == 413


def test_only_a_reseller_sets_an_account_quota(swift: Swift) -> None:
    assert swift("POST", "", headers={"X-Account-Meta-Quota-Bytes": "10"}).status_code == 403


def test_an_unknown_storage_policy_is_400_and_a_change_is_409(
    swift: Swift, model: ObjectStorageModel
) -> None:
    resp = swift("PUT", "/c", headers={"X-Storage-Policy": "gold"})
    assert (resp.status_code, resp.text) == (400, "Invalid X-Storage-Policy 'gold'")
    model.policies = ("Policy-0", "gold")
    assert swift("PUT", "/c", headers={"X-Storage-Policy": "gold"}).status_code == 201
    assert swift("HEAD", "/c").headers["X-Storage-Policy"] == "gold"
    assert swift("PUT", "/c", headers={"X-Storage-Policy": "Policy-0"}).status_code == 409


# -- paths, methods and /info -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("/v1/", 412, "Bad URL"),
        ("/v1", 412, "Bad URL"),
        ("/object-store/v2/AUTH_x", 400, None),
        ("/v1/AUTH_x//o", 404, NOT_FOUND),
        ("/object-store/", 404, NOT_FOUND),
    ],
)
def test_paths_swift_cannot_split(
    cloud: FakeCloud, http: requests.Session, path: str, status: int, text: str | None
) -> None:
    resp = http.get(cloud.base_url + path)
    assert resp.status_code == status
    if text is not None:
        assert resp.text == text


def test_an_unknown_method_is_405_with_allow(swift: Swift) -> None:
    """`Allow` as the real proxy sent it (its controller's `allowed_methods`, a set, in
    the order realcloud's proxy printed, `tests/contract/test_object_storage_cors.py`),
    the copy middleware appending `COPY` on an object's."""
    resp = swift("PATCH", "/c")
    assert resp.status_code == 405
    assert resp.headers["Allow"] == "HEAD, GET, POST, DELETE, PUT, OPTIONS"
    assert swift("OPTIONS", "/c/o").headers["Allow"] == (
        "HEAD, GET, POST, DELETE, PUT, OPTIONS, COPY")
    assert swift("OPTIONS", "").headers["Allow"] == "HEAD, GET, POST, OPTIONS"


def test_info_lists_the_constraints_without_a_token(
    cloud: FakeCloud, http: requests.Session
) -> None:
    info = http.get(cloud.base_url + "/info").json()
    assert info["swift"]["container_listing_limit"] == 10000
    assert info["swift"]["max_object_name_length"] == 1024
    assert info["swift"]["policies"] == [
        {"name": "Policy-0", "aliases": "Policy-0", "default": True}]
    assert info["tempurl"]["allowed_digests"] == ["sha1", "sha256", "sha512"]
