"""What a Swift proxy answers at its root, before auth: `/healthcheck`, `/crossdomain.xml`
(the `crossdomain` middleware) and `/info` with an entry per middleware of the pipeline."""

from __future__ import annotations

from urllib.parse import urljoin

from stackdouble.client import ServiceClient
from tests.contract.conftest import account, call

CROSSDOMAIN = ('<?xml version="1.0"?>\n<!DOCTYPE cross-domain-policy SYSTEM '
               '"http://www.adobe.com/xml/dtds/cross-domain-policy.dtd" >\n'
               '<cross-domain-policy>\n<allow-access-from domain="*" secure="false" />\n'
               '</cross-domain-policy>')


def _root(storage: ServiceClient, path: str) -> str:
    return urljoin(account(storage), path)


def test_healthcheck(storage: ServiceClient) -> None:
    resp = call(storage, "GET", _root(storage, "/healthcheck"), authenticated=False)
    assert resp.status_code == 200
    assert resp.text == "OK"
    assert resp.headers["Content-Type"] == "text/plain"


def test_crossdomain(storage: ServiceClient) -> None:
    resp = call(storage, "GET", _root(storage, "/crossdomain.xml"), authenticated=False)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/xml"
    assert resp.text == CROSSDOMAIN


def test_info_lists_each_middleware(storage: ServiceClient) -> None:
    info = call(storage, "GET", _root(storage, "/info"), authenticated=False).json()
    assert {"slo", "symlink", "versioned_writes", "object_versioning", "account_quotas",
            "container_quotas", "staticweb", "formpost", "crossdomain", "tempurl",
            "bulk_upload", "bulk_delete", "container_sync", "domain_remap"} <= set(info)
    assert info["swift"]["strict_cors_mode"] is True
    assert info["symlink"] == {"symloop_max": 2, "static_links": True}
    assert info["versioned_writes"] == {"allowed_flags": ["x-versions-location",
                                                          "x-history-location"]}
    assert info["object_versioning"] == {}
    assert info["tempurl"]["methods"] == ["GET", "HEAD", "PUT", "POST", "DELETE"]
    assert info["tempurl"]["allowed_digests"] == ["sha1", "sha256", "sha512"]
    assert info["formpost"]["allowed_digests"] == ["sha1", "sha256", "sha512"]
    assert info["container_sync"] == {"realms": {"REALCLOUD": {"clusters": {
        "LOCAL": {"current": True}}}}}


def test_info_head(storage: ServiceClient) -> None:
    resp = call(storage, "HEAD", _root(storage, "/info"), authenticated=False)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/json; charset=UTF-8"
