"""openstacksdk's image proxy against the served fake Glance: upload a file, list, find by
name, download, set properties, and share with another project that accepts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stackdouble.fakes import FakeCloud

openstack = pytest.importorskip("openstack")


@pytest.fixture
def clouds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCloud]:
    """A served cloud and a clouds.yaml with `demo` and `admin`."""
    cloud = FakeCloud(seed=17)
    with cloud.serve():
        clouds = tmp_path / "clouds.yaml"
        admin = cloud.clouds_yaml("admin", user="admin").split("clouds:\n", 1)[1]
        clouds.write_text(cloud.clouds_yaml("demo") + admin)
        monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
        yield cloud


def _connect(name: str) -> Any:
    return openstack.connect(cloud=name)


def test_upload_list_download_and_update(clouds: FakeCloud, tmp_path: Path) -> None:
    data = os.urandom(128 * 1024)
    disk = tmp_path / "disk.raw"
    disk.write_bytes(data)
    conn = _connect("demo")
    try:
        image = conn.create_image("sdk-disk", filename=str(disk), disk_format="raw",
                                  container_format="bare", wait=True)
        found = conn.image.find_image("sdk-disk")
        names = {i.name for i in conn.image.images()}
        downloaded = conn.image.download_image(image).content
        conn.image.update_image(image, color="blue")
        updated = conn.image.get_image(image.id)
    finally:
        conn.close()
    assert (image.status, image.size, image.visibility) == ("active", len(data), "shared")
    assert found is not None
    assert found.id == image.id
    assert {"sdk-disk", "cirros-0.6.2-x86_64-disk"} <= names
    assert downloaded == data
    assert updated.properties["color"] == "blue"


def test_share_and_accept(clouds: FakeCloud) -> None:
    admin, demo = _connect("admin"), _connect("demo")
    try:
        image = admin.image.create_image(name="gift", disk_format="raw",
                                         container_format="bare", visibility="shared")
        admin.image.add_member(image, member_id=clouds.project_id("demo"))
        before = {i.id for i in demo.image.images()}
        demo.image.update_member(clouds.project_id("demo"), image, status="accepted")
        after = {i.id for i in demo.image.images()}
        members = list(admin.image.members(image))
    finally:
        admin.close()
        demo.close()
    assert image.id not in before
    assert image.id in after
    assert [(m.member_id, m.status) for m in members] == [(clouds.project_id("demo"),
                                                           "accepted")]


def test_a_server_boots_from_an_image_the_sdk_uploaded(clouds: FakeCloud,
                                                       tmp_path: Path) -> None:
    disk = tmp_path / "app.qcow2"
    disk.write_bytes(b"\0" * 4096)
    conn = _connect("demo")
    try:
        image = conn.create_image("app-image", filename=str(disk), disk_format="raw",
                                  container_format="bare", wait=True)
        server = conn.create_server("app-1", image=image.id, flavor="m1.tiny", wait=True,
                                    auto_ip=False, timeout=60)
        by_name = conn.create_server("app-2", image="app-image", flavor="m1.tiny", wait=True,
                                     auto_ip=False, timeout=60)
    finally:
        conn.close()
    assert (server.status, server.image.id) == ("ACTIVE", image.id)
    assert by_name.image.id == image.id
    assert clouds.compute.servers[server.id].image_ref == image.id
