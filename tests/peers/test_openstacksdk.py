"""openstacksdk against the served fake, from the clouds.yaml the fake writes.

What a user of the real SDK does: authenticate, list flavors and images, boot a server and
wait for ACTIVE, list servers across pages, store and page objects, create and attach a
volume.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stackdouble.fakes import FakeCloud

openstack = pytest.importorskip("openstack")


@pytest.fixture
def conn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    cloud = FakeCloud()
    with cloud.serve():
        clouds = tmp_path / "clouds.yaml"
        clouds.write_text(cloud.clouds_yaml("stackdouble"))
        monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
        connection = openstack.connect(cloud="stackdouble")
        connection.stackdouble_fake = cloud  # for the request log
        try:
            yield connection
        finally:
            connection.close()


def test_authenticates_and_lists_flavors_and_images(conn: Any) -> None:
    assert conn.authorize()
    assert conn.current_project.name == "demo"
    flavors = list(conn.compute.flavors())
    assert flavors
    assert all(f.vcpus >= 1 for f in flavors)
    images = list(conn.image.images()) if conn.has_service("image") else list(
        conn.compute.images())
    assert images


def boot_choice(conn: Any) -> tuple[Any, Any]:
    """The first image and the smallest flavor it fits (quota: 20 cores)."""
    image = next(iter(conn.compute.images()))
    fits = [f for f in conn.compute.flavors()
            if f.ram >= (image.min_ram or 0) and f.disk >= (image.min_disk or 0)]
    return min(fits, key=lambda f: (f.vcpus, f.ram)), image


def test_boots_a_server_and_waits_for_active(conn: Any) -> None:
    flavor, image = boot_choice(conn)
    server = conn.compute.create_server(name="peer-vm", flavor_id=flavor.id,
                                        image_id=image.id, networks="none")
    server = conn.compute.wait_for_server(server, status="ACTIVE", wait=10, interval=0.1)
    assert server.status == "ACTIVE"
    assert conn.compute.get_server(server.id).name == "peer-vm"


def test_lists_servers_across_pages(conn: Any) -> None:
    flavor, image = boot_choice(conn)
    made = {conn.compute.create_server(name=f"page-{i}", flavor_id=flavor.id,
                                       image_id=image.id, networks="none").id
            for i in range(5)}
    listed = [s.id for s in conn.compute.servers(limit=2, paginated=True)]
    assert len(listed) == len(set(listed))
    assert made <= set(listed)
    pages = conn.stackdouble_fake.requests.filter(method="GET", service="compute")
    assert len([r for r in pages if r.path.endswith("/servers/detail")]) >= 3


def test_objects_upload_list_paged_and_download(conn: Any) -> None:
    conn.object_store.create_container(name="peer")
    for i in range(5):
        conn.object_store.upload_object(container="peer", name=f"obj-{i}",
                                        data=f"data {i}".encode())
    names = [o.name for o in conn.object_store.objects("peer", limit=2)]
    assert names == [f"obj-{i}" for i in range(5)]
    listed = conn.stackdouble_fake.requests.filter(method="GET", service="object-store")
    assert len([r for r in listed if r.path.endswith("/peer")]) >= 3
    assert conn.object_store.download_object("obj-3", container="peer") == b"data 3"


def test_creates_and_attaches_a_volume(conn: Any) -> None:
    flavor, image = boot_choice(conn)
    server = conn.compute.create_server(name="with-disk", flavor_id=flavor.id,
                                        image_id=image.id, networks="none")
    server = conn.compute.wait_for_server(server, wait=10, interval=0.1)
    volume = conn.block_storage.create_volume(size=1, name="disk")
    volume = conn.block_storage.wait_for_status(volume, "available", wait=10, interval=0.1)
    conn.compute.create_volume_attachment(server, volume=volume)
    volume = conn.block_storage.wait_for_status(volume, "in-use", wait=10, interval=0.1)
    assert volume.status == "in-use"
    assert volume.attachments[0]["server_id"] == server.id
