"""Static large objects (Swift's `slo` middleware): the manifest PUT with its checks, GET
assembling the segments, ranges across them, the manifest itself, and deleting it all."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urljoin

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call

SEG1, SEG2 = b"a" * 5, b"b" * 7


def _md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def _put_segments(storage: ServiceClient, container: str) -> list[dict[str, object]]:
    """Two segments, and the manifest that joins them (the second entry checks nothing)."""
    base = f"{account(storage)}/{container}"
    for name, body in (("seg1", SEG1), ("seg2", SEG2)):
        assert call(storage, "PUT", f"{base}/{name}", data=body).status_code == 201
    return [{"path": f"/{container}/seg1", "etag": _md5(SEG1), "size_bytes": 5},
            {"path": f"/{container}/seg2"}]


def _put_manifest(storage: ServiceClient, container: str, manifest: object) -> None:
    put = call(storage, "PUT", f"{account(storage)}/{container}/big?multipart-manifest=put",
               data=json.dumps(manifest), headers={"Content-Type": "text/plain"})
    assert put.status_code == 201, put.text


def test_slo_manifest_put_returns_the_slo_etag(storage: ServiceClient, container: str) -> None:
    manifest = _put_segments(storage, container)
    put = call(storage, "PUT", f"{account(storage)}/{container}/big?multipart-manifest=put",
               data=json.dumps(manifest), headers={"Content-Type": "text/plain"})
    assert put.status_code == 201
    # The quoted MD5 of the segments' etags, one after the other.
    assert put.headers["Etag"] == f'"{_md5((_md5(SEG1) + _md5(SEG2)).encode())}"'
    assert put.content == b""


def test_slo_get_and_head_assemble_the_segments(storage: ServiceClient,
                                                container: str) -> None:
    _put_manifest(storage, container, _put_segments(storage, container))
    url = f"{account(storage)}/{container}/big"
    slo_etag = f'"{_md5((_md5(SEG1) + _md5(SEG2)).encode())}"'
    got = call(storage, "GET", url)
    assert got.status_code == 200
    assert got.content == SEG1 + SEG2
    assert got.headers["Content-Length"] == "12"
    assert got.headers["Etag"] == slo_etag
    assert got.headers["X-Static-Large-Object"] == "True"
    assert got.headers["Content-Type"] == "text/plain"
    head = call(storage, "HEAD", url)
    assert head.status_code == 200
    assert head.headers["Content-Length"] == "12"
    assert head.headers["Etag"] == slo_etag
    assert head.headers["X-Static-Large-Object"] == "True"
    # The container lists the manifest at the assembled size, with its SLO etag.
    rows = {row["name"]: row for row in
            call(storage, "GET", f"{account(storage)}/{container}?format=json").json()}
    assert rows["big"]["bytes"] == 12
    assert rows["big"]["slo_etag"] == slo_etag
    assert rows["big"]["content_type"] == "text/plain"


def test_slo_range_across_segments(storage: ServiceClient, container: str) -> None:
    _put_manifest(storage, container, _put_segments(storage, container))
    url = f"{account(storage)}/{container}/big"
    ranged = call(storage, "GET", url, headers={"Range": "bytes=3-7"})
    assert ranged.status_code == 206
    assert ranged.content == b"aabbb"
    assert ranged.headers["Content-Range"] == "bytes 3-7/12"
    assert ranged.headers["Content-Length"] == "5"
    suffix = call(storage, "GET", url, headers={"Range": "bytes=-4"})
    assert (suffix.status_code, suffix.content) == (206, b"bbbb")
    assert suffix.headers["Content-Range"] == "bytes 8-11/12"
    past_end = call(storage, "GET", url, headers={"Range": "bytes=12-20"})
    assert past_end.status_code == 416


def test_slo_manifest_get_shows_the_segments(storage: ServiceClient, container: str) -> None:
    _put_manifest(storage, container, _put_segments(storage, container))
    url = f"{account(storage)}/{container}/big"
    got = call(storage, "GET", url + "?multipart-manifest=get")
    assert got.status_code == 200
    assert got.headers["Content-Type"] == "application/json; charset=utf-8"
    assert got.headers["X-Static-Large-Object"] == "True"
    assert got.headers["Etag"] == _md5(got.content)  # the stored manifest's own, unquoted
    segments = [{key: row[key] for key in ("name", "bytes", "hash", "content_type")}
                for row in got.json()]
    assert segments == [
        {"name": f"/{container}/seg1", "bytes": 5, "hash": _md5(SEG1),
         "content_type": "application/octet-stream"},
        {"name": f"/{container}/seg2", "bytes": 7, "hash": _md5(SEG2),
         "content_type": "application/octet-stream"}]
    raw = call(storage, "GET", url + "?multipart-manifest=get&format=raw")
    assert raw.status_code == 200
    assert raw.headers["Content-Type"] == "text/plain"
    # The format a manifest PUT takes, so it can be uploaded again as it is.
    assert raw.json() == [
        {"path": f"/{container}/seg1", "etag": _md5(SEG1), "size_bytes": 5},
        {"path": f"/{container}/seg2", "etag": _md5(SEG2), "size_bytes": 7}]


def test_slo_manifest_put_checks_each_segment(storage: ServiceClient, container: str) -> None:
    _put_segments(storage, container)
    url = f"{account(storage)}/{container}/bad?multipart-manifest=put"
    plain = {"Accept": "text/plain"}
    wrong = call(storage, "PUT", url, headers=plain, data=json.dumps(
        [{"path": f"/{container}/seg1", "etag": "0" * 32, "size_bytes": 6}]))
    assert wrong.status_code == 400
    assert wrong.headers["Content-Type"] == "text/plain"
    assert wrong.text == (f"Errors:\n/{container}/seg1, Size Mismatch\n"
                          f"/{container}/seg1, Etag Mismatch\n")
    missing = call(storage, "PUT", url, headers=plain,
                   data=json.dumps([{"path": f"/{container}/nope"}]))
    assert missing.status_code == 400
    assert missing.text == f"Errors:\n/{container}/nope, 404 Not Found\n"
    not_json = call(storage, "PUT", url, headers=plain, data=b"not json")
    assert not_json.status_code == 400
    assert not_json.text == "Manifest must be valid JSON.\n"
    assert call(storage, "HEAD", f"{account(storage)}/{container}/bad").status_code == 404


def test_slo_manifest_put_errors_in_json_when_asked(storage: ServiceClient,
                                                    container: str) -> None:
    _put_segments(storage, container)
    wrong = call(storage, "PUT", f"{account(storage)}/{container}/bad?multipart-manifest=put",
                 headers={"Accept": "application/json"}, data=json.dumps(
                     [{"path": f"/{container}/seg1", "etag": "0" * 32, "size_bytes": 6}]))
    assert wrong.status_code == 400
    assert wrong.headers["Content-Type"] == "application/json"
    assert wrong.json() == {"Errors": [[f"/{container}/seg1", "Size Mismatch"],
                                       [f"/{container}/seg1", "Etag Mismatch"]]}


def test_slo_manifest_delete_removes_the_segments(storage: ServiceClient,
                                                  container: str) -> None:
    _put_manifest(storage, container, _put_segments(storage, container))
    base = f"{account(storage)}/{container}"
    plain = call(storage, "DELETE", f"{base}/big?multipart-manifest=delete",
                 headers={"Accept": "text/plain"})
    assert plain.status_code == 200
    assert plain.headers["Content-Type"] == "text/plain"
    assert plain.text == ("Number Deleted: 3\nNumber Not Found: 0\nResponse Body: \n"
                          "Response Status: 200 OK\nErrors:\n")
    for name in ("big", "seg1", "seg2"):
        assert call(storage, "HEAD", f"{base}/{name}").status_code == 404, name


def test_slo_manifest_delete_answers_json_when_asked(storage: ServiceClient,
                                                     container: str) -> None:
    _put_manifest(storage, container, _put_segments(storage, container))
    deleted = call(storage, "DELETE",
                   f"{account(storage)}/{container}/big?multipart-manifest=delete",
                   headers={"Accept": "application/json"})
    assert deleted.status_code == 200
    assert deleted.headers["Content-Type"] == "application/json"
    assert deleted.json() == {"Number Deleted": 3, "Number Not Found": 0, "Response Body": "",
                              "Response Status": "200 OK", "Errors": []}


def test_info_lists_slo(storage: ServiceClient) -> None:
    info = call(storage, "GET", urljoin(account(storage), "/info"), authenticated=False).json()
    assert info["slo"] == {"max_manifest_segments": 1000, "max_manifest_size": 8388608,
                           "yield_frequency": 10, "min_segment_size": 1,
                           "allow_async_delete": True}
