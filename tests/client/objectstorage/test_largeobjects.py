"""Large objects: segmented upload (SLO and DLO), manifest download, delete with segments.

Against the in-process fake Swift, which runs the SLO and DLO middleware; with `responses`
only for failures the fake cannot produce (an ETag changed on the way, a bulk delete that
Swift reports failed), marked "canned".
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

from stackdouble.client import InvalidInput, NotFound, ServiceClient, UnexpectedBody
from stackdouble.client.openstack.objectstorage.v1 import (
    ETagMismatch,
    containers,
    largeobjects,
    objects,
)
from stackdouble.fakes import FakeCloud
from stackdouble.fakes.requestlog import RequestRecord
from tests.client.objectstorage.conftest import reply
from tests.client.objectstorage.samples import ACCOUNT

DATA = bytes(range(256)) * 40  # 10,240 bytes: segments of 4,096, 4,096 and 2,048


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def segment_names(storage: ServiceClient, container: str = "photos_segments") -> list[str]:
    return [str(name) for name in objects.list(storage, container).items()]


@pytest.fixture
def photos(cloud: FakeCloud) -> str:
    cloud.object_storage.create_container("demo", "photos")
    return "photos"


def dlo(mtime: float = 1.5, leave_segments: bool = False) -> largeobjects.UploadOpts:
    return largeobjects.UploadOpts(segment_size=4096, use_slo=False, mtime=mtime,
                                   leave_segments=leave_segments)


# -- on the fake -------------------------------------------------------------------------


def test_a_file_is_cut_into_segments_named_as_swiftclient_names_them(
    storage: ServiceClient, cloud: FakeCloud, photos: str, tmp_path: Path
) -> None:
    path = tmp_path / "backup.tar"
    path.write_bytes(DATA)
    os.utime(path, (1700000000.25, 1700000000.25))
    opts = largeobjects.UploadOpts(segment_size=4096)
    made = largeobjects.upload(storage, photos, "backup.tar", path, opts).extract()
    assert [s.name for s in made.segments] == [
        f"backup.tar/slo/1700000000.250000/10240/4096/{i:08d}" for i in range(3)]
    assert segment_names(storage) == [s.name for s in made.segments]


def test_the_segments_hold_the_content_in_order_with_their_md5s(
    storage: ServiceClient, photos: str
) -> None:
    made = largeobjects.upload(storage, photos, "o", io.BytesIO(DATA), dlo()).extract()
    got = [objects.download(storage, s.container, s.name).extract_content()
           for s in made.segments]
    assert b"".join(got) == DATA
    assert [s.etag for s in made.segments] == [md5(part) for part in got]
    assert [s.size_bytes for s in made.segments] == [4096, 4096, 2048]


def test_a_dlo_manifest_points_at_the_segment_prefix(
    storage: ServiceClient, photos: str
) -> None:
    made = largeobjects.upload(storage, photos, "a b", DATA, dlo()).extract()
    head = objects.get(storage, photos, "a b").extract()
    assert made.kind == "dlo"
    assert head.object_manifest == "photos_segments/a b/1.500000/10240/4096/"
    assert objects.download(storage, photos, "a b").extract_content() == DATA  # fake's DLO


def test_an_iterator_is_segmented_without_a_size_in_the_names(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    chunks = (DATA[i : i + 1000] for i in range(0, len(DATA), 1000))
    made = largeobjects.upload(storage, photos, "s", chunks, dlo()).extract()
    assert made.size == len(DATA)
    assert segment_names(storage) == [f"s/1.500000/4096/{i:08d}" for i in range(3)]


def test_content_that_fits_one_segment_is_a_plain_object(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    made = largeobjects.upload(storage, photos, "small", DATA[:4096], dlo()).extract()
    assert (made.kind, made.etag, made.segments) == ("object", md5(DATA[:4096]), ())
    assert objects.download(storage, photos, "small").extract_content() == DATA[:4096]
    assert containers.get(storage, "photos_segments").err is not None  # never made


def test_an_empty_stream_is_an_empty_plain_object(storage: ServiceClient, photos: str) -> None:
    made = largeobjects.upload(storage, photos, "empty", iter([]), dlo()).extract()
    assert (made.kind, made.size) == ("object", 0)


def test_overwriting_a_dlo_deletes_its_old_segments(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    largeobjects.upload(storage, photos, "o", DATA, dlo()).extract()
    made = largeobjects.upload(storage, photos, "o", DATA, dlo(mtime=2.0)).extract()
    assert len(made.removed_segments) == 3
    assert segment_names(storage) == [f"o/2.000000/10240/4096/{i:08d}" for i in range(3)]


def test_leave_segments_keeps_the_old_segments(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    largeobjects.upload(storage, photos, "o", DATA, dlo()).extract()
    largeobjects.upload(storage, photos, "o", DATA, dlo(mtime=2.0, leave_segments=True)).extract()
    assert len(segment_names(storage)) == 6


def test_deleting_a_dlo_deletes_its_segments(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    largeobjects.upload(storage, photos, "o", DATA, dlo()).extract()
    summary = largeobjects.delete(storage, photos, "o").extract()
    assert (summary.kind, summary.segments_deleted) == ("dlo", 3)
    assert segment_names(storage) == []


def test_deleting_a_missing_object_is_not_found(storage: ServiceClient, photos: str) -> None:
    with pytest.raises(NotFound):
        largeobjects.delete(storage, photos, "nope").extract()


def test_a_missing_container_fails_before_any_segment_is_sent(
    storage: ServiceClient, cloud: FakeCloud
) -> None:
    result = largeobjects.upload(storage, "nope", "o", DATA, dlo())
    with pytest.raises(NotFound):
        result.extract()
    assert not any(r.method == "PUT" for r in cloud.requests)


def test_a_segment_size_below_one_byte_is_refused_before_sending(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    sent = len(cloud.requests)
    result = largeobjects.upload(storage, photos, "o", DATA,
                                 largeobjects.UploadOpts(segment_size=0))
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == "segment_size"
    assert len(cloud.requests) == sent


def test_a_text_chunk_is_refused(storage: ServiceClient, photos: str) -> None:
    with pytest.raises(InvalidInput):
        largeobjects.upload(storage, photos, "o", iter(["text"]), dlo()  # type: ignore[arg-type]
                            ).extract()


# -- static large objects, on the fake's SLO middleware -------------------------------------

SEGMENTS = [DATA[:4096], DATA[4096:8192], DATA[8192:]]
PREFIX = "o/slo/1.500000/10240/4096/"
SLO_ETAG = md5("".join(md5(s) for s in SEGMENTS).encode())


def slo(mtime: float = 1.5) -> largeobjects.UploadOpts:
    return largeobjects.UploadOpts(segment_size=4096, mtime=mtime, content_type="video/mp4")


def manifest_put(cloud: FakeCloud) -> RequestRecord:
    return next(r for r in cloud.requests if "multipart-manifest=put" in r.query)


def test_the_slo_manifest_put_carries_the_type_and_mtime_and_answers_the_slo_etag(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    made = largeobjects.upload(storage, photos, "o", DATA, slo()).extract()
    sent = manifest_put(cloud)
    assert sent.status == 201
    assert sent.headers["Content-Type"] == "video/mp4"
    assert sent.headers["X-Object-Meta-Mtime"] == "1.500000"
    assert (made.kind, made.etag, made.size) == ("slo", SLO_ETAG, len(DATA))


def test_an_slo_reads_back_whole_with_its_etag_and_type(
    storage: ServiceClient, photos: str
) -> None:
    largeobjects.upload(storage, photos, "o", DATA, slo()).extract()
    head = objects.get(storage, photos, "o").extract()
    assert (head.etag, head.content_type, head.content_length) == (
        SLO_ETAG, "video/mp4", len(DATA))
    assert objects.download(storage, photos, "o").extract_content() == DATA


def test_a_manifest_download_is_parsed_into_segments(
    storage: ServiceClient, photos: str
) -> None:
    largeobjects.upload(storage, photos, "o", DATA, slo()).extract()
    segments = largeobjects.get_manifest(storage, photos, "o").extract()
    assert [(s.container, s.name, s.size_bytes, s.etag) for s in segments] == [
        ("photos_segments", f"o/slo/1.500000/10240/4096/{i:08d}", len(part), md5(part))
        for i, part in enumerate(SEGMENTS)]
    assert all(s.last_modified is not None and s.range is None for s in segments)


def test_the_manifest_of_an_object_that_is_not_an_slo_is_unexpected(
    storage: ServiceClient, photos: str
) -> None:
    objects.create(storage, photos, "plain", b"[]").extract()
    with pytest.raises(UnexpectedBody):
        largeobjects.get_manifest(storage, photos, "plain").extract()


def test_the_manifest_of_a_missing_object_is_not_found(
    storage: ServiceClient, photos: str
) -> None:
    with pytest.raises(NotFound):
        largeobjects.get_manifest(storage, photos, "nope").extract()


def test_overwriting_an_slo_deletes_the_old_segments_the_new_one_does_not_reuse(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    largeobjects.upload(storage, photos, "o", DATA, slo()).extract()
    made = largeobjects.upload(storage, photos, "o", DATA[:8192], slo(mtime=2.0)).extract()
    assert made.removed_segments == [
        f"photos_segments/o/slo/1.500000/10240/4096/{i:08d}" for i in range(3)]
    assert segment_names(storage) == [
        f"o/slo/2.000000/8192/4096/{i:08d}" for i in range(2)]
    assert objects.download(storage, photos, "o").extract_content() == DATA[:8192]


def test_deleting_an_slo_asks_swift_to_delete_its_segments(
    storage: ServiceClient, cloud: FakeCloud, photos: str
) -> None:
    largeobjects.upload(storage, photos, "o", DATA, slo()).extract()
    summary = largeobjects.delete(storage, photos, "o").extract()
    assert (summary.kind, summary.segments_deleted, summary.errors) == ("slo", 3, ())
    assert cloud.requests[-1].query == "multipart-manifest=delete"
    assert cloud.requests[-1].headers["Accept"] == "application/json"
    assert segment_names(storage) == []
    with pytest.raises(NotFound):
        objects.get(storage, photos, "o").extract()


def test_deleting_only_the_manifest_leaves_the_segments(
    storage: ServiceClient, photos: str
) -> None:
    largeobjects.upload(storage, photos, "o", DATA, slo()).extract()
    opts = largeobjects.DeleteOpts(leave_segments=True)
    assert largeobjects.delete(storage, photos, "o", opts).extract().segments_deleted == 0
    assert len(segment_names(storage)) == 3


# -- canned: failures the fake cannot produce (a wrong ETag on the way, a failed delete) ----


def reply_put(mock: responses.RequestsMock, url: str, etag: str) -> None:
    """A PUT answered 201 with `etag`, its streamed body read as a server would."""

    def answer(request: object) -> tuple[int, dict[str, str], bytes]:
        body = getattr(request, "body", None)
        if body is not None and not isinstance(body, (bytes, str)):
            for _ in body:  # a generator: `responses` would not read it
                pass
        return 201, {"Etag": etag}, b""

    mock.add_callback("PUT", url, callback=answer, match=[
        responses.matchers.query_string_matcher(url.partition("?")[2])])


def canned_slo_upload(mock: responses.RequestsMock, manifest_etag: str) -> None:
    reply(mock, "HEAD", f"{ACCOUNT}/c", 204)
    reply(mock, "HEAD", f"{ACCOUNT}/c/o?symlink=get", 404)
    reply(mock, "HEAD", f"{ACCOUNT}/c_segments", 204)
    for i, part in enumerate(SEGMENTS):
        reply_put(mock, f"{ACCOUNT}/c_segments/{PREFIX.replace('/', '%2F')}{i:08d}", md5(part))
    reply(mock, "PUT", f"{ACCOUNT}/c/o?multipart-manifest=put", 201,
          {"Etag": f'"{manifest_etag}"'})


def test_an_slo_manifest_etag_other_than_the_segments_md5_is_a_mismatch(
    canned: ServiceClient, mock: responses.RequestsMock
) -> None:
    canned_slo_upload(mock, md5(b"something else"))
    with pytest.raises(ETagMismatch) as caught:
        largeobjects.upload(canned, "c", "o", DATA, slo()).extract()
    assert caught.value.expected_etag == SLO_ETAG
    assert caught.value.received_etag == md5(b"something else")


def test_a_segment_corrupted_on_the_way_stops_the_upload_before_the_manifest(
    canned: ServiceClient, mock: responses.RequestsMock
) -> None:
    reply(mock, "HEAD", f"{ACCOUNT}/c", 204)
    reply(mock, "HEAD", f"{ACCOUNT}/c/o?symlink=get", 404)
    reply(mock, "HEAD", f"{ACCOUNT}/c_segments", 204)
    reply_put(mock, f"{ACCOUNT}/c_segments/{PREFIX.replace('/', '%2F')}00000000", md5(b"not it"))
    with pytest.raises(ETagMismatch):
        largeobjects.upload(canned, "c", "o", DATA, slo()).extract()
    assert not any("multipart-manifest" in str(call.request.url) for call in mock.calls)


def test_an_slo_delete_that_swift_reports_failed_is_an_error(
    canned: ServiceClient, mock: responses.RequestsMock
) -> None:
    manifest = [{"name": f"/c_segments/{PREFIX}00000000", "hash": md5(SEGMENTS[0]),
                 "bytes": 4096, "content_type": "application/octet-stream",
                 "last_modified": "2026-11-27T08:56:17.000000"}]
    reply(mock, "HEAD", f"{ACCOUNT}/c/o?symlink=get", 200, {"X-Static-Large-Object": "True"})
    reply(mock, "GET", f"{ACCOUNT}/c/o?multipart-manifest=get", 200,
          {"Content-Type": "application/json; charset=utf-8", "X-Static-Large-Object": "True"},
          json.dumps(manifest).encode())
    reply(mock, "DELETE", f"{ACCOUNT}/c/o?multipart-manifest=delete", 200,
          {"Content-Type": "application/json"},
          json.dumps({"Number Deleted": 0, "Number Not Found": 0,
                      "Errors": [["/c_segments/x", "401 Unauthorized"]],
                      "Response Status": "400 Bad Request", "Response Body": ""}).encode())
    with pytest.raises(UnexpectedBody):
        largeobjects.delete(canned, "c", "o").extract()


def test_segments_stream_in_blocks_not_whole(storage: ServiceClient, photos: str) -> None:
    pulled: list[int] = []

    def chunks() -> Iterator[bytes]:
        for i in range(12):
            pulled.append(i)
            yield bytes(1 << 20)

    opts = largeobjects.UploadOpts(segment_size=4 << 20, use_slo=False)
    made = largeobjects.upload(storage, photos, "big", chunks(), opts).extract()
    assert [s.size_bytes for s in made.segments] == [4 << 20] * 3
    assert pulled == list(range(12))
