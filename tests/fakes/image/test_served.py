"""The fake Glance served over HTTP: found through the catalog, paged by its relative `next`
links, and data streamed both ways through the served transport."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import requests

from stackdouble.fakes import FakeCloud

CHUNK = 1 << 20


def _login(url: str) -> tuple[str, dict[str, Any]]:
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "demo", "domain": {"id": "default"}, "password": "demo-secret"}}},
        "scope": {"project": {"name": "demo", "domain": {"id": "default"}}}}}
    resp = requests.post(f"{url}/identity/v3/auth/tokens", json=body, timeout=10)
    resp.raise_for_status()
    return resp.headers["X-Subject-Token"], resp.json()["token"]


def _image_endpoint(token: dict[str, Any]) -> str:
    service = next(s for s in token["catalog"] if s["type"] == "image")
    assert service["name"] == "glance"
    return str(next(e["url"] for e in service["endpoints"] if e["interface"] == "public"))


def test_the_catalog_points_at_the_served_glance_and_next_links_page() -> None:
    cloud = FakeCloud(seed=12)
    demo = cloud.image.caller_for(cloud.project_id("demo"))
    for n in range(5):
        cloud.image.create_image(demo, name=f"served-{n}")
    with cloud.serve() as served:
        token, body = _login(served.url)
        root = _image_endpoint(body)
        assert root == f"{served.url}/image"
        versions = requests.get(root + "/", timeout=10)
        url: str | None = f"{root}/v2/images?limit=3"
        names: list[str] = []
        while url is not None:
            page = requests.get(url, headers={"X-Auth-Token": token}, timeout=10).json()
            names.extend(i["name"] for i in page["images"])
            url = f"{root}{page['next']}" if "next" in page else None
    assert versions.status_code == 300
    assert versions.json()["versions"][0]["links"][0]["href"] == f"{served.url}/image/v2/"
    assert names[:5] == [f"served-{n}" for n in range(4, -1, -1)]
    assert len(names) == 8


def test_a_chunked_upload_and_a_streamed_download_through_the_server() -> None:
    cloud = FakeCloud(seed=13)
    payload = [bytes([n]) * CHUNK for n in range(8)]
    with cloud.serve() as served:
        token, _ = _login(served.url)
        headers = {"X-Auth-Token": token, "Accept": "application/json"}
        images = f"{served.url}/image/v2/images"
        made = requests.post(images, json={"name": "big", "disk_format": "raw",
                                           "container_format": "bare"},
                             headers=headers, timeout=10).json()

        def chunks() -> Iterator[bytes]:
            yield from payload

        put = requests.put(f"{images}/{made['id']}/file", data=chunks(), timeout=30,
                           headers={**headers, "Content-Type": "application/octet-stream"})
        md5 = hashlib.md5()
        with requests.get(f"{images}/{made['id']}/file", headers=headers, stream=True,
                          timeout=30) as got:
            for piece in got.iter_content(CHUNK):
                md5.update(piece)
            checksum = got.headers["Content-MD5"]
        shown = requests.get(f"{images}/{made['id']}", headers=headers, timeout=10).json()
    assert put.status_code == 204
    assert md5.hexdigest() == checksum == hashlib.md5(b"".join(payload)).hexdigest()
    assert (shown["status"], shown["size"]) == ("active", 8 * CHUNK)
