"""The imagedata package against real Glance 33 answers: streamed upload and staging, and
downloads checked against the checksum and the multihash as they are read."""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Iterator
from typing import Any

import pytest
import responses

from stackdouble.client import Conflict, Forbidden, InvalidInput, ServiceClient
from stackdouble.client.openstack.image.v2 import imagedata, images
from tests.client.image.support import register, url_of

IMAGE_ID = "b131f3a6-b2d0-4c4d-b2e4-e2b6319da26e"
DATA = b"hello glance " * 100


def _capture(status: int = 204) -> tuple[list[Any], Any]:
    """A responses callback answering `status` that keeps each request, its body read."""
    seen: list[Any] = []

    def callback(request: Any) -> tuple[int, dict[str, str], bytes]:
        body = request.body
        if body is not None and not isinstance(body, (bytes, str)):
            body = body.read() if hasattr(body, "read") else b"".join(body)
        seen.append((request, body))
        return status, {"Content-Type": "text/html; charset=UTF-8"}, b""

    return seen, callback


def test_upload_streams_an_iterator_as_octets(mock: responses.RequestsMock,
                                              image_client: ServiceClient) -> None:
    seen, callback = _capture()
    mock.add_callback("PUT", url_of(f"v2/images/{IMAGE_ID}/file"), callback=callback)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(DATA), 500):
            yield DATA[start:start + 500]

    imagedata.upload(image_client, IMAGE_ID, chunks()).extract_err()
    ((request, body),) = seen
    assert request.headers["Content-Type"] == "application/octet-stream"
    assert request.headers["Transfer-Encoding"] == "chunked"
    assert body == DATA


def test_upload_sends_a_file_with_its_length(mock: responses.RequestsMock,
                                             image_client: ServiceClient) -> None:
    seen, callback = _capture()
    mock.add_callback("PUT", url_of(f"v2/images/{IMAGE_ID}/file"), callback=callback)
    imagedata.upload(image_client, IMAGE_ID, io.BytesIO(DATA)).extract_err()
    ((request, body),) = seen
    assert request.headers["Content-Length"] == str(len(DATA))
    assert body == DATA


def test_upload_to_an_active_image_is_a_conflict(mock: responses.RequestsMock,
                                                 image_client: ServiceClient) -> None:
    register(mock, "error-409-upload-active")
    with pytest.raises(Conflict) as caught:
        imagedata.upload(image_client, IMAGE_ID, b"again").extract_err()
    assert "Image status transition from active to saving is not allowed" in str(caught.value)


def test_upload_refuses_text_without_sending(mock: responses.RequestsMock,
                                            image_client: ServiceClient) -> None:
    with pytest.raises(InvalidInput) as caught:
        imagedata.upload(image_client, IMAGE_ID, "text").extract_err()  # type: ignore[arg-type]
    assert caught.value.field == "data"


def test_stage_puts_the_data_for_an_import(mock: responses.RequestsMock,
                                          image_client: ServiceClient) -> None:
    sample = register(mock, "stage-204")
    image_id = sample["request"]["path"].split("/")[2]
    imagedata.stage(image_client, image_id, b"staged data!").extract_err()
    assert mock.calls[0].request.headers["Content-Type"] == "application/octet-stream"


def test_download_checks_the_content_md5(mock: responses.RequestsMock,
                                         image_client: ServiceClient) -> None:
    register(mock, "download-200")
    result = imagedata.download(image_client, IMAGE_ID)
    assert (result.has_data, result.content_length) == (True, 1300)
    assert result.extract_content() == DATA


def test_download_checks_the_images_multihash(mock: responses.RequestsMock,
                                              image_client: ServiceClient) -> None:
    register(mock, "image-get-active")
    register(mock, "download-200")
    image = images.get(image_client, IMAGE_ID).extract()
    opts = imagedata.DownloadOpts.from_image(image)
    assert opts.to_image_download_hashes() == {"md5": image.checksum,
                                               "sha512": image.os_hash_value}
    with imagedata.download(image_client, IMAGE_ID, opts) as result:
        out = io.BytesIO()
        assert result.read_into(out, chunk_size=100) == len(DATA)
    assert out.getvalue() == DATA


def test_a_corrupt_download_raises_after_the_last_chunk(mock: responses.RequestsMock,
                                                        image_client: ServiceClient) -> None:
    register(mock, "download-200", body=b"x" + DATA[1:])
    stream = imagedata.download(image_client, IMAGE_ID).iter_content(500)
    assert [len(next(stream)) for _ in range(3)] == [500, 500, 300]
    with pytest.raises(imagedata.ChecksumMismatch) as caught:
        next(stream)
    err = caught.value
    assert (err.algorithm, err.expected_hash) == ("md5", "ecc4876aaa82751c8576f8dafa971c64")
    assert err.computed_hash == hashlib.md5(b"x" + DATA[1:]).hexdigest()
    assert err.status == 200


def test_a_wrong_multihash_names_its_algorithm(mock: responses.RequestsMock,
                                               image_client: ServiceClient) -> None:
    register(mock, "download-200")
    opts = imagedata.DownloadOpts(os_hash_algo="sha512", os_hash_value="00" * 64)
    with pytest.raises(imagedata.ChecksumMismatch) as caught:
        imagedata.download(image_client, IMAGE_ID, opts).extract_content()
    assert caught.value.algorithm == "sha512"
    assert caught.value.computed_hash == hashlib.sha512(DATA).hexdigest()


def test_checksum_mismatch_pickles() -> None:
    err = imagedata.ChecksumMismatch(method="GET", url="http://glance.test/image/v2/x/file",
                                     status=200, algorithm="md5", expected_hash="a",
                                     computed_hash="b")
    again = pickle.loads(pickle.dumps(err))
    assert (type(again), str(again), again.algorithm, again.computed_hash) == (
        imagedata.ChecksumMismatch, str(err), "md5", "b")


def test_verify_false_skips_the_check(mock: responses.RequestsMock,
                                      image_client: ServiceClient) -> None:
    register(mock, "download-200", body=b"corrupt")
    assert imagedata.download(image_client, IMAGE_ID).extract_content(verify=False) == (
        b"corrupt")


def test_an_image_without_data_downloads_nothing(mock: responses.RequestsMock,
                                                image_client: ServiceClient) -> None:
    register(mock, "download-queued-204")
    result = imagedata.download(image_client, IMAGE_ID)
    assert (result.has_data, result.extract_content()) == (False, b"")


def test_a_deactivated_image_is_forbidden(mock: responses.RequestsMock,
                                          image_client: ServiceClient) -> None:
    register(mock, "error-403-download-deactivated")
    result = imagedata.download(image_client, IMAGE_ID)
    with pytest.raises(Forbidden) as caught:
        result.extract_content()
    assert "Image data download is forbidden" in str(caught.value)


def test_the_data_is_read_once(mock: responses.RequestsMock,
                               image_client: ServiceClient) -> None:
    register(mock, "download-200")
    result = imagedata.download(image_client, IMAGE_ID)
    assert sum(len(chunk) for chunk in result.iter_content()) == len(DATA)
    with pytest.raises(RuntimeError):
        next(result.iter_content())


def test_an_unknown_hash_algorithm_fails_without_a_request(mock: responses.RequestsMock,
                                                           image_client: ServiceClient) -> None:
    result = imagedata.download(image_client, IMAGE_ID, imagedata.DownloadOpts(
        os_hash_algo="nohash", os_hash_value="00"))
    with pytest.raises(InvalidInput) as caught:
        result.extract_content()
    assert caught.value.field == "os_hash_algo"


def test_download_opts_need_both_multihash_parts() -> None:
    with pytest.raises(InvalidInput):
        imagedata.DownloadOpts(os_hash_value="ab").to_image_download_hashes()
