"""Formpost: `objects.create_form_post` signs a form that the fake's formpost middleware
accepts when a real multipart form is POSTed to it, for a root or a path-prefixed endpoint
and each digest Swift allows."""

from __future__ import annotations

import pytest
import requests

from stackdouble.client import InvalidInput, ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import accounts, objects
from stackdouble.fakes import FakeCloud

KEY = "s3cr3t"


@pytest.fixture
def keyed(storage: ServiceClient, cloud: FakeCloud) -> str:
    """An `uploads` container in an account whose temp-URL key is KEY."""
    accounts.update(storage, accounts.UpdateOpts(temp_url_key=KEY)).extract()
    cloud.object_storage.create_container("demo", "uploads")
    return "uploads"


def post(form: objects.FormPost, *files: tuple[str, bytes]) -> requests.Response:
    return requests.post(form.url, data=dict(form.fields), allow_redirects=False,
                         files=[(f"file{i}", file) for i, file in enumerate(files)])


def sign(account: ServiceClient | str, cloud: FakeCloud, prefix: str = "in/",
         **options: object) -> objects.FormPost:
    settings: dict[str, object] = {"key": KEY, "max_file_size": 1024, "seconds": 600,
                                   "now": cloud.clock.time()}
    settings.update(options)
    return objects.create_form_post(account, "uploads", prefix, **settings)  # type: ignore[arg-type]


def stored(storage: ServiceClient, name: str) -> bytes:
    return objects.download(storage, "uploads", name).extract_content()


@pytest.mark.parametrize("digest", ["sha256", "sha1", "sha512"])
def test_a_signed_form_stores_its_file_under_the_prefix(
    storage: ServiceClient, cloud: FakeCloud, keyed: str, digest: str
) -> None:
    answer = post(sign(storage, cloud, digest=digest), ("a b.txt", b"hello"))
    assert answer.status_code == 201
    assert stored(storage, "in/a b.txt") == b"hello"


def test_the_default_digest_is_sha256_in_hex(cloud: FakeCloud) -> None:
    form = objects.create_form_post("https://swift.example/v1/AUTH_x", "c", key=KEY,
                                    max_file_size=1, expires=1800000000)
    assert len(form.fields["signature"]) == 64
    assert form.fields == {"redirect": "", "max_file_size": "1", "max_file_count": "1",
                           "expires": "1800000000", "signature": form.fields["signature"]}


def test_a_path_prefixed_endpoint_signs_the_path_swift_sees(
    storage: ServiceClient, cloud: FakeCloud, keyed: str
) -> None:
    root = storage.resource_base_url().rstrip("/")
    origin, _, path = root.partition("/v1/")
    prefixed = f"{origin}/object-store/v1/{path}"
    form = sign(prefixed, cloud)
    assert form.url.startswith(f"{origin}/object-store/v1/")
    assert form.fields["signature"] == sign(root, cloud).fields["signature"]
    assert post(form, ("p.txt", b"via alias")).status_code == 201
    assert stored(storage, "in/p.txt") == b"via alias"


def test_a_form_for_the_whole_container_takes_no_prefix(
    storage: ServiceClient, cloud: FakeCloud, keyed: str
) -> None:
    assert post(sign(storage, cloud, prefix=""), ("top.txt", b"x")).status_code == 201
    assert stored(storage, "top.txt") == b"x"


def test_a_redirect_is_signed_and_followed_with_the_status(
    storage: ServiceClient, cloud: FakeCloud, keyed: str
) -> None:
    answer = post(sign(storage, cloud, redirect="https://app.example/done"), ("r", b"r"))
    assert answer.status_code == 303
    assert answer.headers["Location"] == "https://app.example/done?status=201&message="


def test_more_files_than_signed_for_are_refused_after_the_allowed_ones(
    storage: ServiceClient, cloud: FakeCloud, keyed: str
) -> None:
    answer = post(sign(storage, cloud, max_file_count=2), ("1", b"1"), ("2", b"2"), ("3", b"3"))
    assert answer.status_code == 400
    assert [stored(storage, f"in/{n}") for n in "12"] == [b"1", b"2"]


def test_a_file_over_the_signed_size_is_not_stored(
    storage: ServiceClient, cloud: FakeCloud, keyed: str
) -> None:
    answer = post(sign(storage, cloud, max_file_size=4), ("big", b"12345"))
    assert answer.status_code == 400
    assert objects.get(storage, "uploads", "in/big").err is not None


def test_an_expired_form_is_refused(storage: ServiceClient, cloud: FakeCloud, keyed: str) -> None:
    form = sign(storage, cloud, seconds=60)
    cloud.clock.advance(61)
    answer = post(form, ("late", b"x"))
    assert (answer.status_code, answer.text) == (401, "FormPost: Form Expired")


def test_a_form_signed_with_another_key_is_refused(
    storage: ServiceClient, cloud: FakeCloud, keyed: str
) -> None:
    answer = post(sign(storage, cloud, key="other"), ("x", b"x"))
    assert (answer.status_code, answer.text) == (401, "FormPost: Invalid Signature")


def test_a_form_for_another_prefix_is_refused(
    storage: ServiceClient, cloud: FakeCloud, keyed: str
) -> None:
    form = sign(storage, cloud)
    moved = objects.FormPost(url=form.url.replace("in%2F", "out%2F"), fields=form.fields)
    assert post(moved, ("x", b"x")).status_code == 401


@pytest.mark.parametrize(("options", "field"), [
    ({"key": ""}, "key"),
    ({"digest": "md5"}, "digest"),
    ({"max_file_size": 0}, "max_file_size"),
    ({"max_file_count": 0}, "max_file_count"),
    ({"expires": 1800000000}, "expires"),
])
def test_bad_options_are_refused_before_anything_is_signed(
    cloud: FakeCloud, options: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        sign("https://swift.example/v1/AUTH_x", cloud, "", **options)
    assert caught.value.field == field


def test_an_account_url_without_v1_is_refused(cloud: FakeCloud) -> None:
    with pytest.raises(InvalidInput):
        sign("https://swift.example/storage", cloud)
