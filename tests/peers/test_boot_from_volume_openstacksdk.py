"""openstacksdk booting servers from volumes of the served fake: `create_server(...,
boot_from_volume=True, volume_size=..., image=...)` has Nova ask Cinder for a volume made
from the image, and `boot_volume=` boots an existing one."""

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
        try:
            yield connection
        finally:
            connection.close()


def test_boot_from_volume_makes_a_root_volume_of_the_image(conn: Any) -> None:
    image = conn.image.find_image("cirros-0.6.2-x86_64-disk")
    server = conn.create_server("bfv", image=image.id, flavor="m1.tiny", network=[],
                                boot_from_volume=True, volume_size=1, terminate_volume=True,
                                wait=True, timeout=10)
    attached = server.volumes or server["os-extended-volumes:volumes_attached"]
    volume = conn.block_storage.get_volume(attached[0]["id"])

    assert server.status == "ACTIVE"
    assert not dict(server.image or {}).get("id")
    assert volume.status == "in-use"
    assert volume.is_bootable
    assert volume.size == 1
    assert volume.volume_image_metadata["image_id"] == image.id
    assert volume.attachments[0]["server_id"] == server.id
    assert volume.attachments[0]["device"] == "/dev/vda"

    conn.delete_server(server.id, wait=True, timeout=10)
    conn.block_storage.wait_for_delete(volume, interval=0.1, wait=10)
    assert conn.block_storage.find_volume(volume.id) is None


def test_boot_volume_is_left_available_after_the_server_goes(conn: Any) -> None:
    image = conn.image.find_image("cirros-0.6.2-x86_64-disk")
    volume = conn.block_storage.create_volume(size=1, name="root", image_id=image.id)
    conn.block_storage.wait_for_status(volume, "available", wait=10, interval=0.1)
    server = conn.create_server("from-root", flavor="m1.tiny", network=[],
                                boot_volume=volume.id, wait=True, timeout=10)

    assert conn.block_storage.get_volume(volume.id).status == "in-use"
    conn.delete_server(server.id, wait=True, timeout=10)
    assert conn.block_storage.get_volume(volume.id).status == "available"
