"""Temporary URLs: signatures as Swift's tempurl middleware computes and checks them.

Vectors come from Swift's own documentation (`swift/common/middleware/tempurl.py`, key
`mykey`) and from the `hmac` module here; `swift_accepts` re-implements the middleware's
check (`get_temp_url_info`, `extract_digest_and_algorithm`, `get_hmac`) on the URL produced,
and the fake Swift, at the root of the cloud's origin (or under its `/object-store` alias),
serves what the URLs grant.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from stackdouble.client import InvalidInput, ProviderClient, ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import accounts, objects
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.samples import APPLE

SWIFT_DOCS = "https://swift-cluster.example.com/v1/AUTH_account"


def swift_accepts(url: str, key: str, method: str = "GET", *, mount: str = "") -> bool:
    """Swift's tempurl check of `url` (path after `mount` as PATH_INFO), minus the clock."""
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    sig = query["temp_url_sig"][0]
    expires = query["temp_url_expires"][0]
    if not expires.isdigit():
        expires = str(int(datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ")
                          .replace(tzinfo=timezone.utc).timestamp()))
    if ":" in sig:
        algorithm, value = sig.split(":", 1)
        if ("-" in value or "_" in value) and not ("+" in value or "/" in value):
            value = value.replace("-", "+").replace("_", "/")
        sig = binascii.hexlify(base64.b64decode(value + "==")).decode("ascii")
    else:
        algorithm = {40: "sha1", 64: "sha256", 128: "sha512"}[len(sig)]
    path_info = unquote(parts.path)[len(mount):]
    _, version, account, container, obj = path_info.split("/", 4)
    assert version == "v1"
    prefix = query.get("temp_url_prefix", [None])[0]
    if prefix is None:
        path = f"/v1/{account}/{container}/{obj}"
    else:
        assert obj.startswith(prefix)
        path = f"prefix:/v1/{account}/{container}/{prefix}"
    parts_ = [method, expires, path]
    ip_range = query.get("temp_url_ip_range", [None])[0]
    if ip_range:
        parts_.insert(0, f"ip={ip_range}")
    expected = hmac.new(key.encode(), "\n".join(parts_).encode(), algorithm).hexdigest()
    return hmac.compare_digest(sig, expected)


def test_sha256_matches_swifts_documented_signature() -> None:
    url = objects.create_temp_url(SWIFT_DOCS, "container", "object", key="mykey",
                                  expires=1512508563)
    assert url == (f"{SWIFT_DOCS}/container/object?temp_url_sig="
                   "732fcac368abb10c78a4cbe95c3fab7f311584532bf779abd5074e13cbe8b88b"
                   "&temp_url_expires=1512508563")


def test_sha512_matches_swifts_documented_base64_signature() -> None:
    url = objects.create_temp_url(SWIFT_DOCS, "container", "object", key="mykey",
                                  expires=1516741234, digest="sha512")
    assert parse_qs(urlsplit(url).query)["temp_url_sig"] == [
        "sha512:ZrSijn0GyDhsv1ltIj9hWUTrbAeE45NcKXyBaz7aPbSMvROQ4jtYH4nRAmm5ErY2X11Yc1Yhy2OMCyN3"
        "yueeXg=="]


@pytest.mark.parametrize(
    ("ip_range", "signature"),
    [("1.2.3.4", "3f48476acaf5ec272acd8e99f7b5bad96c52ddba53ed27c60613711774a06f0c"),
     ("1.2.3.0/24", "6ff81256b8a3ba11d239da51a703b9c06a56ffddeb8caab74ca83af8f73c9c83")],
)
def test_ip_ranges_match_swifts_documented_signatures(ip_range: str, signature: str) -> None:
    url = objects.create_temp_url(SWIFT_DOCS, "container", "object", key="mykey",
                                  expires=1648082711, ip_range=ip_range)
    query = parse_qs(urlsplit(url).query)
    assert query["temp_url_sig"] == [signature]
    assert query["temp_url_ip_range"] == [ip_range]


@pytest.mark.parametrize("digest", ["sha1", "sha256", "sha512"])
def test_each_digest_signs_method_expiry_and_unquoted_path(digest: str) -> None:
    url = objects.create_temp_url("http://swift.test/v1/AUTH_test", "phötos", "2026/été #1.jpg",
                                  key="k€y", method="put", expires=1800000000, digest=digest)
    body = "PUT\n1800000000\n/v1/AUTH_test/phötos/2026/été #1.jpg".encode()
    mac = hmac.new("k€y".encode(), body, getattr(hashlib, digest))
    expected = ("sha512:" + base64.urlsafe_b64encode(mac.digest()).decode()
                if digest == "sha512" else mac.hexdigest())
    assert parse_qs(urlsplit(url).query)["temp_url_sig"] == [expected]
    assert urlsplit(url).path == "/v1/AUTH_test/ph%C3%B6tos/2026%2F%C3%A9t%C3%A9%20%231.jpg"
    assert swift_accepts(url, "k€y", "PUT")


def test_a_prefix_url_signs_the_prefix_and_names_it() -> None:
    url = objects.create_temp_url(SWIFT_DOCS, "container", "pre", key="mykey",
                                  expires=1512508563, prefix=True)
    query = parse_qs(urlsplit(url).query)
    body = b"GET\n1512508563\nprefix:/v1/AUTH_account/container/pre"
    assert query["temp_url_sig"] == [hmac.new(b"mykey", body, hashlib.sha256).hexdigest()]
    assert query["temp_url_prefix"] == ["pre"]
    # Any object under the prefix is reached with the same signature.
    assert swift_accepts(url.replace("/pre?", "/pre/sub/object?"), "mykey")


def test_iso8601_writes_the_expiry_as_utc_but_signs_seconds() -> None:
    url = objects.create_temp_url(SWIFT_DOCS, "container", "object", key="mykey",
                                  expires=datetime(2017, 12, 5, 21, 16, 3, tzinfo=timezone.utc),
                                  iso8601=True)
    query = parse_qs(urlsplit(url).query)
    assert query["temp_url_expires"] == ["2017-12-05T21:16:03Z"]
    assert query["temp_url_sig"] == [
        "732fcac368abb10c78a4cbe95c3fab7f311584532bf779abd5074e13cbe8b88b"]


def test_seconds_count_from_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.time", lambda: 1_700_000_000.7)
    url = objects.create_temp_url(SWIFT_DOCS, "c", "o", key="mykey", seconds=60)
    assert parse_qs(urlsplit(url).query)["temp_url_expires"] == ["1700000060"]


@pytest.mark.parametrize(
    "now", [1_700_000_000.7, 1_700_000_000, datetime(2023, 11, 14, 22, 13, 20, 700000)],
    ids=["float", "int", "naive-utc-datetime"],
)
def test_seconds_count_from_the_time_given(monkeypatch: pytest.MonkeyPatch, now: Any) -> None:
    monkeypatch.setattr("time.time", lambda: 1_000_000_000.0)  # the wall clock is not read
    url = objects.create_temp_url(SWIFT_DOCS, "c", "o", key="mykey", seconds=60, now=now)
    assert parse_qs(urlsplit(url).query)["temp_url_expires"] == ["1700000060"]


def test_a_client_under_a_path_prefix_signs_from_v1() -> None:
    client = ServiceClient(ProviderClient(), "http://cloud.test/object-store/v1/AUTH_abc")
    url = objects.create_temp_url(client, "c", "o", key="mykey", expires=1800000000)
    assert url.startswith("http://cloud.test/object-store/v1/AUTH_abc/c/o?")
    assert swift_accepts(url, "mykey", mount="/object-store")


@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/\x00"),
            min_size=1, max_size=10),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
            min_size=1, max_size=20),
    st.sampled_from(objects.TEMP_URL_DIGESTS),
)
def test_swift_accepts_every_signed_name(container: str, name: str, digest: str) -> None:
    url = objects.create_temp_url("http://swift.test/v1/AUTH_test", container, name,
                                  key="mykey", expires=1800000000, digest=digest)
    assert swift_accepts(url, "mykey")
    assert not swift_accepts(url, "other-key")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"key": "k", "expires": 1, "digest": "md5"}, "digest"),
     ({"key": "k"}, "expires"),
     ({"key": "k", "expires": 1, "seconds": 1}, "expires"),
     ({"key": "", "expires": 1}, "key"),
     ({"key": "k", "seconds": -1}, "seconds"),
     ({"key": "k", "expires": 1, "now": 1}, "now"),
     ({"key": "k", "seconds": 1, "now": "1700000000"}, "now"),
     ({"key": "k", "seconds": 1, "now": float("nan")}, "now")],
)
def test_bad_temp_url_options_are_input_errors(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        objects.create_temp_url(SWIFT_DOCS, "c", "o", **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_an_account_url_without_v1_is_an_input_error() -> None:
    with pytest.raises(InvalidInput, match="/v1/<account>"):
        objects.create_temp_url("http://swift.test/AUTH_test", "c", "o", key="k", expires=1)


# -- the fake Swift checks them as the middleware does -----------------------------------------


@pytest.fixture
def keyed(cloud: FakeCloud, storage: ServiceClient, samples: str) -> ServiceClient:
    accounts.update(storage, accounts.UpdateOpts(temp_url_key="mykey")).extract()
    return storage


def _expiry(cloud: FakeCloud, seconds: int = 60) -> int:
    return int(cloud.clock.time()) + seconds


@pytest.mark.parametrize("digest", objects.TEMP_URL_DIGESTS)
def test_the_fake_swift_accepts_the_clients_temp_urls(
    cloud: FakeCloud, keyed: ServiceClient, digest: str
) -> None:
    url = objects.create_temp_url(keyed, "samples", "apple", key="mykey", digest=digest,
                                  expires=_expiry(cloud))
    resp = requests.get(url)
    assert (resp.status_code, resp.content) == (200, APPLE)
    assert resp.headers["Content-Disposition"].startswith('attachment; filename="apple"')


@pytest.mark.parametrize(
    "kwargs",
    [{"prefix": True, "object_name": "app"}, {"ip_range": "127.0.0.1"}, {"iso8601": True},
     {"method": "HEAD"}],
)
def test_prefix_address_and_iso8601_temp_urls_check_out(
    cloud: FakeCloud, keyed: ServiceClient, kwargs: dict[str, Any]
) -> None:
    name = kwargs.pop("object_name", "apple")
    method = kwargs.get("method", "GET")
    url = objects.create_temp_url(keyed, "samples", name, key="mykey", expires=_expiry(cloud),
                                  **kwargs)
    if kwargs.get("prefix"):
        url = url.replace("/samples/app?", "/samples/apple?")
    assert requests.request(method, url).status_code == 200


def test_a_temp_url_uploads_with_put(cloud: FakeCloud, keyed: ServiceClient) -> None:
    url = objects.create_temp_url(keyed, "samples", "été.txt", key="mykey", method="PUT",
                                  expires=_expiry(cloud))
    assert requests.put(url, data=b"uploaded").status_code == 201
    assert cloud.object_storage.get_object("demo", "samples", "été.txt").data == b"uploaded"


def test_seconds_from_the_fake_clocks_now_make_a_url_that_lives_that_long(
    cloud: FakeCloud, keyed: ServiceClient
) -> None:
    # The fake's clock is frozen at START, not the wall clock: count from its time.
    url = objects.create_temp_url(keyed, "samples", "apple", key="mykey", seconds=60,
                                  now=cloud.clock.time())
    assert parse_qs(urlsplit(url).query)["temp_url_expires"] == [str(_expiry(cloud))]
    assert requests.get(url).status_code == 200
    cloud.clock.advance(60)
    assert requests.get(url).status_code == 200
    cloud.clock.advance(1)
    assert requests.get(url).status_code == 401


def test_a_wrong_key_or_a_past_expiry_is_401_temp_url_invalid(
    cloud: FakeCloud, keyed: ServiceClient
) -> None:
    wrong = objects.create_temp_url(keyed, "samples", "apple", key="other",
                                    expires=_expiry(cloud))
    soon = objects.create_temp_url(keyed, "samples", "apple", key="mykey",
                                   expires=_expiry(cloud, 5))
    cloud.clock.advance(6)
    for url in (wrong, soon):
        resp = requests.get(url)
        assert (resp.status_code, resp.text) == (401, "401 Unauthorized: Temp URL invalid\n")
