"""`GET /info`: the capabilities the fake Swift implements, read from what it enforces."""

from __future__ import annotations

import io
import tarfile
from dataclasses import replace

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage import ObjectStorageModel
from stackdouble.fakes.objectstorage.info import signature
from stackdouble.fakes.objectstorage.middleware import Pipeline
from stackdouble.fakes.objectstorage.middleware.tempurl import TEMP_URL_DIGESTS, TEMP_URL_METHODS
from tests.fakes.objectstorage.conftest import Swift

#: The `swift` section of the real Swift 2.38.3's `/info` (`reference/real-samples/samples.txt`).
REAL_SWIFT_SECTION = {
    "version": "2.38.3", "strict_cors_mode": True,
    "policies": [{"name": "Policy-0", "aliases": "Policy-0", "default": True}],
    "allow_account_management": True, "account_autocreate": True, "allow_open_expired": False,
    "max_file_size": 5368709122, "max_meta_name_length": 128, "max_meta_value_length": 256,
    "max_meta_count": 90, "max_meta_overall_size": 4096, "max_header_size": 8192,
    "max_request_line": 8192, "max_object_name_length": 1024,
    "container_listing_limit": 10000, "account_listing_limit": 10000,
    "max_account_name_length": 256, "max_container_name_length": 256, "extra_header_count": 0,
}
#: The sections a real Swift 2.38.3's `/info` has: the SAIO pipeline's
#: (`reference/real-samples/samples.txt`) and realcloud's (its contract cassette
#: `test_object_storage_info`), which adds container_sync, domain_remap and crossdomain.
REAL_SECTIONS = {"account_quotas", "bulk_delete", "bulk_upload", "container_quotas",
                 "container_sync", "crossdomain", "domain_remap", "formpost",
                 "object_versioning", "slo", "staticweb", "swift", "symlink", "tempauth",
                 "tempurl", "versioned_writes"}


def sections(pipeline: Pipeline, model: ObjectStorageModel) -> set[str]:
    """What `/info` should list for a pipeline: `swift`, and each enabled middleware's
    sections as the registry gives them."""
    return {"swift"} | {name for m in pipeline.middlewares if m.info is not None
                        for name in m.info(model)}


def get_info(cloud: FakeCloud, http: requests.Session, query: str = "",
             method: str = "GET", **headers: str) -> requests.Response:
    return http.request(method, f"{cloud.base_url}/info{query}", headers=headers)


def test_info_needs_no_token_and_is_json(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get_info(cloud, http)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert resp.headers["X-Trans-Id"].startswith("tx")
    head = get_info(cloud, http, method="HEAD")
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["Content-Length"] == resp.headers["Content-Length"]


def test_the_swift_section_is_the_real_swifts(cloud: FakeCloud, http: requests.Session) -> None:
    assert get_info(cloud, http).json()["swift"] == REAL_SWIFT_SECTION


def test_each_enabled_middleware_has_its_real_section(
    cloud: FakeCloud, http: requests.Session, model: ObjectStorageModel
) -> None:
    info = get_info(cloud, http).json()
    assert set(info) == sections(model.pipeline, model)
    assert set(info) <= REAL_SECTIONS
    assert {"slo", "symlink", "versioned_writes", "tempurl", "bulk_delete"} <= set(info)
    assert info["tempauth"] == {"account_acls": True}  # X-Account-Access-Control
    assert info["tempurl"]["methods"] == list(TEMP_URL_METHODS)
    assert info["tempurl"]["allowed_digests"] == sorted(TEMP_URL_DIGESTS)
    assert info["tempurl"]["deprecated_digests"] == ["sha1"]
    assert info["bulk_delete"] == {"max_deletes_per_request": 10000, "max_failed_deletes": 1000}
    assert info["bulk_upload"] == {"max_containers_per_extraction": 10000,
                                   "max_failed_extractions": 1000}


def test_a_middleware_taken_out_of_the_pipeline_leaves_info(
    cloud: FakeCloud, http: requests.Session, model: ObjectStorageModel
) -> None:
    model.pipeline = Pipeline().without("slo", "tempurl", "bulk")
    info = get_info(cloud, http).json()
    assert set(info) == sections(model.pipeline, model)
    assert not {"slo", "tempurl", "bulk_delete", "bulk_upload"} & set(info)
    assert "symlink" in info


def test_a_lower_object_name_limit_shows_in_info_and_is_enforced(
    cloud: FakeCloud, http: requests.Session, swift: Swift, model: ObjectStorageModel
) -> None:
    swift("PUT", "/c")
    assert swift("PUT", "/c/" + "x" * 20, data=b"").status_code == 201
    model.constraints = replace(model.constraints, max_object_name_length=16)
    assert get_info(cloud, http).json()["swift"]["max_object_name_length"] == 16
    resp = swift("PUT", "/c/" + "x" * 17, data=b"")
    assert (resp.status_code, resp.text) == (400, "Object name length of 17 longer than 16")
    assert resp.headers["Content-Type"] == "text/plain"
    assert swift("PUT", "/c/" + "x" * 16, data=b"").status_code == 201


@pytest.mark.parametrize(
    ("field", "value", "method", "path", "kwargs", "status", "text"),
    [
        ("container_listing_limit", 5, "GET", "/c?limit=6", {}, 412, "Maximum limit is 5"),
        ("account_listing_limit", 5, "GET", "?limit=6", {}, 412, "Maximum limit is 5"),
        ("max_container_name_length", 3, "PUT", "/abcd", {}, 400,
         "Container name length of 4 longer than 3"),
        ("max_file_size", 4, "PUT", "/c/big", {"data": b"12345"}, 413,
         "Your request is too large."),
        ("max_meta_count", 1, "POST", "/c", {"headers": {"X-Container-Meta-A": "1",
                                                          "X-Container-Meta-B": "2"}},
         400, "Too many metadata items; max 1"),
        ("max_meta_value_length", 3, "POST", "/c", {"headers": {"X-Container-Meta-A": "1234"}},
         400, "Metadata value longer than 3: x-container-meta-A"),
    ],
)
def test_each_limit_info_shows_is_the_one_enforced(
    cloud: FakeCloud, http: requests.Session, swift: Swift, model: ObjectStorageModel,
    field: str, value: int, method: str, path: str, kwargs: dict[str, object], status: int,
    text: str
) -> None:
    swift("PUT", "/c")
    model.constraints = replace(model.constraints, **{field: value})
    assert get_info(cloud, http).json()["swift"][field] == value
    resp = swift(method, path, **kwargs)  # type: ignore[arg-type]
    assert (resp.status_code, resp.text) == (status, text)


def _bulk_delete(swift: Swift, names: list[str]) -> dict[str, object]:
    resp = swift("POST", "?bulk-delete", data="".join(n + "\n" for n in names).encode(),
                 headers={"Accept": "application/json", "Content-Type": "text/plain"})
    assert resp.status_code == 200
    result: dict[str, object] = resp.json()
    return result


def test_the_bulk_delete_limits_info_shows_are_enforced(
    cloud: FakeCloud, http: requests.Session, swift: Swift, model: ObjectStorageModel
) -> None:
    for name in ("a", "b", "c"):
        swift("PUT", f"/{name}")
        swift("PUT", f"/{name}/o", data=b"x")
    model.constraints = replace(model.constraints, max_deletes_per_request=2,
                                max_failed_deletes=2)
    assert get_info(cloud, http).json()["bulk_delete"] == {"max_deletes_per_request": 2,
                                                           "max_failed_deletes": 2}
    too_many = _bulk_delete(swift, ["/a/o", "/b/o", "/c/o"])
    assert too_many["Response Status"] == "413 Request Entity Too Large"
    assert too_many["Response Body"] == "Maximum Bulk Deletes: 2 per request"
    failing = _bulk_delete(swift, ["/a", "/b"])  # not empty: 409 each
    assert failing["Response Status"] == "400 Bad Request"
    assert failing["Response Body"] == "Max delete failures exceeded"
    assert failing["Errors"] == [["/a", "409 Conflict"], ["/b", "409 Conflict"]]


def _tar(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in names:
            member = tarfile.TarInfo(name)
            member.size = 1
            tar.addfile(member, io.BytesIO(b"x"))
    return buffer.getvalue()


def test_the_bulk_upload_limits_info_shows_are_enforced(
    cloud: FakeCloud, http: requests.Session, swift: Swift, model: ObjectStorageModel
) -> None:
    model.constraints = replace(model.constraints, max_containers_per_extraction=1,
                                max_failed_extractions=1)
    assert get_info(cloud, http).json()["bulk_upload"] == {
        "max_containers_per_extraction": 1, "max_failed_extractions": 1}
    resp = swift("PUT", "?extract-archive=tar", data=_tar(["one/a", "two/b"]),
                 headers={"Accept": "application/json"})
    assert resp.json()["Response Body"] == "More than 1 containers to create from tar."
    # Swift creates the container, then counts it and stops: `two` stays empty.
    assert (model.names("demo"), model.names("demo", "two")) == (["one", "two"], [])
    model.constraints = replace(model.constraints, max_file_size=0)
    resp = swift("PUT", "?extract-archive=tar", data=_tar(["one/x", "one/y"]),
                 headers={"Accept": "application/json"})
    assert resp.json()["Errors"] == [["one/x", "413 Request Entity Too Large"]]


def test_a_second_policy_shows_in_info(cloud: FakeCloud, http: requests.Session,
                                       model: ObjectStorageModel) -> None:
    model.policies = ("Policy-0", "gold")
    assert get_info(cloud, http).json()["swift"]["policies"] == [
        {"name": "Policy-0", "aliases": "Policy-0", "default": True},
        {"name": "gold", "aliases": "gold"}]


def test_options_and_other_methods(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get_info(cloud, http, method="OPTIONS")
    assert (resp.status_code, resp.headers["Allow"]) == (200, "HEAD, GET, OPTIONS")
    assert get_info(cloud, http, method="PUT").status_code == 405


def test_an_origin_gets_cors_headers(cloud: FakeCloud, http: requests.Session) -> None:
    resp = get_info(cloud, http, Origin="https://app.example")
    assert resp.headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert resp.headers["Access-Control-Expose-Headers"] == "x-trans-id"


# -- the admin section ----------------------------------------------------------------------------


def test_a_signed_request_without_an_admin_key_is_403(cloud: FakeCloud,
                                                        http: requests.Session) -> None:
    resp = get_info(cloud, http, "?swiftinfo_sig=x&swiftinfo_expires=1")
    assert resp.status_code == 403


def test_a_signed_request_gets_the_admin_section(cloud: FakeCloud, http: requests.Session,
                                                 model: ObjectStorageModel) -> None:
    model.info_admin_key = "k3y"
    expires = int(cloud.clock.time()) + 60
    query = f"?swiftinfo_sig={signature('GET', expires, 'k3y')}&swiftinfo_expires={expires}"
    info = get_info(cloud, http, query).json()
    assert info["admin"] == {"disallowed_sections": ["swift.auto_create_account_prefix",
                                                     "swift.valid_api_versions"]}
    assert get_info(cloud, http, query, method="HEAD").status_code == 200
    assert "admin" not in get_info(cloud, http).json()


@pytest.mark.parametrize(
    ("sig", "expires"),
    [("0" * 40, 60), ("GET-PUT", 60), ("GET", -1), ("GET", "soon"), ("PUT", 60)],
)
def test_a_bad_or_expired_signature_is_401(cloud: FakeCloud, http: requests.Session,
                                           model: ObjectStorageModel, sig: str,
                                           expires: int | str) -> None:
    model.info_admin_key = "k3y"
    when = int(cloud.clock.time()) + expires if isinstance(expires, int) else expires
    if sig in ("GET", "PUT") and isinstance(when, int):
        sig = signature(sig, when, "k3y")
    resp = get_info(cloud, http, f"?swiftinfo_sig={sig}&swiftinfo_expires={when}")
    assert resp.status_code == 401


# -- at the cloud's root -----------------------------------------------------------------------


def _answer(resp: requests.Response) -> tuple[int, bytes, dict[str, str]]:
    """Status, body and headers, but for the transaction ids (new per request)."""
    headers = {k: v for k, v in resp.headers.items()
               if k not in ("X-Trans-Id", "X-Openstack-Request-Id")}
    return resp.status_code, resp.content, headers


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE"])
def test_info_at_the_cloud_root_is_swifts(cloud: FakeCloud, http: requests.Session,
                                          method: str) -> None:
    """Where a real Swift has it, the root of the proxy (and of the storage URL's host):
    `swift capabilities <proxy URL>` and swiftclient before 3.10 ask there."""
    root = http.request(method, cloud.base_url + "/info")
    logged = cloud.requests.last
    assert logged is not None
    assert (logged.service, logged.path) == ("object-store", "/info")
    assert root.headers["X-Trans-Id"].startswith("tx")
    assert _answer(root) == _answer(get_info(cloud, http, method=method))


def test_the_signed_admin_variant_works_at_the_root(cloud: FakeCloud, http: requests.Session,
                                                    model: ObjectStorageModel) -> None:
    url = cloud.base_url + "/info"
    assert http.get(url + "?swiftinfo_sig=x&swiftinfo_expires=1").status_code == 403
    model.info_admin_key = "k3y"
    expires = int(cloud.clock.time()) + 60
    query = f"?swiftinfo_sig={signature('GET', expires, 'k3y')}&swiftinfo_expires={expires}"
    assert "admin" in http.get(url + query).json()
    assert http.get(url + "?swiftinfo_sig=bad&swiftinfo_expires=" + str(expires)
                    ).status_code == 401
