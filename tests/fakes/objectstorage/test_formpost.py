"""formpost (no contract test: a recorded signature cannot match on replay): uploads
signed with the account's or the container's key, over the path Swift sees, the redirect,
and each refusal, which stores nothing."""

from __future__ import annotations

import pytest
import requests

from stackdouble.fakes.objectstorage import ObjectStorageModel
from stackdouble.fakes.objectstorage.middleware.formpost import signature
from stackdouble.fakes.objectstorage.models.containers import Container
from tests.fakes.objectstorage.conftest import Swift

KEY = "secret"


def _form(swift: Swift, path: str, *, redirect: str = "", max_file_size: int = 100,
          max_file_count: int = 2, expires: int | None = None, digest: str = "sha256",
          key: str = KEY, files: tuple[tuple[str, bytes], ...] = (("a.txt", b"hello"),),
          sig: str | None = None) -> requests.Response:
    expires = int(swift.cloud.clock.time()) + 600 if expires is None else expires
    swift_path = f"/v1/{swift.account}{path}"
    fields = {"redirect": redirect, "max_file_size": str(max_file_size),
              "max_file_count": str(max_file_count), "expires": str(expires),
              "signature": sig if sig is not None else signature(
                  swift_path, redirect, max_file_size, max_file_count, expires, key, digest)}
    multipart: list[tuple[str, tuple[str | None, str | bytes, str]]] = [
        (name, (None, value, "text/plain")) for name, value in fields.items()]
    multipart += [(f"file{i}", (name, data, "text/plain"))
                  for i, (name, data) in enumerate(files)]
    return swift.http.post(swift.url + path, files=multipart, allow_redirects=False)


def _stored(model: ObjectStorageModel, swift: Swift) -> list[str]:
    found = model.find_container(swift.account, "up")
    assert isinstance(found, Container)
    return list(found.objects)


@pytest.fixture
def keyed(swift: Swift) -> None:
    swift("POST", "", headers={"X-Account-Meta-Temp-URL-Key": KEY})
    swift("PUT", "/up")


@pytest.mark.parametrize("digest", ["sha1", "sha256", "sha512"])
def test_an_upload_is_stored(swift: Swift, keyed: None, digest: str) -> None:
    got = _form(swift, "/up/", digest=digest)
    assert (got.status_code, got.text) == (201, "201 Created")
    stored = swift("GET", "/up/a.txt")
    assert (stored.content, stored.headers["Content-Type"]) == (b"hello", "text/plain")


def test_a_prefix_and_the_redirect(swift: Swift, keyed: None) -> None:
    got = _form(swift, "/up/pre", redirect="http://site.example/done?x=1",
                files=(("a", b"1"), ("b", b"2")))
    assert got.status_code == 303
    assert got.headers["Location"] == "http://site.example/done?x=1&status=201&message="
    assert "Click to continue..." in got.text
    assert swift("GET", "/up/pre/b").content == b"2"


def test_the_containers_key_signs_too(swift: Swift) -> None:
    swift("PUT", "/up", headers={"X-Container-Meta-Temp-URL-Key": "ckey"})
    assert _form(swift, "/up/", key="ckey").status_code == 201
    assert _form(swift, "/up/", key="other").status_code == 401


def test_a_bad_signature_is_401_and_stores_nothing(swift: Swift, keyed: None,
                                                   model: ObjectStorageModel) -> None:
    got = _form(swift, "/up/", sig="0" * 64)
    assert (got.status_code, got.text) == (401, "FormPost: Invalid Signature")
    assert _stored(model, swift) == []


def test_the_alias_path_is_not_what_is_signed(swift: Swift, keyed: None) -> None:
    expires = int(swift.cloud.clock.time()) + 600
    sig = signature(f"/object-store/v1/{swift.account}/up/", "", 100, 2, expires, KEY)
    assert _form(swift, "/up/", expires=expires, sig=sig).status_code == 401


def test_expired(swift: Swift, keyed: None) -> None:
    got = _form(swift, "/up/", expires=int(swift.cloud.clock.time()) - 1)
    assert (got.status_code, got.text) == (401, "FormPost: Form Expired")


def test_too_big_and_too_many(swift: Swift, keyed: None, model: ObjectStorageModel) -> None:
    big = _form(swift, "/up/", max_file_size=3)
    assert (big.status_code, big.text) == (400, "FormPost: max_file_size exceeded")
    assert _stored(model, swift) == []
    many = _form(swift, "/up/", max_file_count=1, files=(("a", b"1"), ("b", b"2")))
    assert (many.status_code, many.text) == (
        400, "400 Bad Request\r\nFormPost: Max File Count Exceeded")
    assert _stored(model, swift) == ["a"]


def test_no_file(swift: Swift, keyed: None) -> None:
    got = _form(swift, "/up/", files=())
    assert (got.status_code, got.text) == (400, "400 Bad Request\r\nFormPost: No Files To Process")


def test_info_and_pipeline(swift: Swift, keyed: None, model: ObjectStorageModel) -> None:
    info = swift.http.get(swift.cloud.base_url + "/info").json()
    assert info["formpost"] == {"allowed_digests": ["sha1", "sha256", "sha512"],
                                "deprecated_digests": ["sha1"]}
    model.pipeline = model.pipeline.without("formpost")
    assert _form(swift, "/up/").status_code == 401  # the object server's POST, anonymous
