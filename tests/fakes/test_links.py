"""The contract between the fake services (`stackdouble.fakes.links`): each service answers
another only through `cloud.links`, a part no service provides answers as an empty service
would, and replacing a service replaces what it provided."""

from __future__ import annotations

from typing import Any

import requests

from stackdouble.fakes import FakeCloud, Service
from stackdouble.fakes.links import (
    ImageInfo,
    Links,
    NoImages,
    NoNetworks,
    NoVolumes,
    VolumeMapping,
)
from tests.fakes.blockstorage.conftest import Cinder


class _NoBlockStorage(Service):
    """A `block-storage` service that provides nothing (a cloud without Cinder)."""

    name, prefix = "block-storage", "/volume"


def test_nova_lists_what_the_volumes_link_reports(cloud: FakeCloud,
                                                  http: requests.Session) -> None:
    cinder = Cinder(cloud, http)
    server_id = cloud.compute.create_server(cinder.project_id, name="app").uuid
    volume_id = cinder.create()
    assert cinder.attach(server_id, volume_id).status_code == 200
    [mapping] = cloud.links.volumes.mappings(server_id)
    assert isinstance(mapping, VolumeMapping)
    assert (mapping.volume_id, mapping.server_id, mapping.device) == (
        volume_id, server_id, "/dev/vdb")
    server = cinder.nova("GET", f"/servers/{server_id}").json()["server"]
    assert server["os-extended-volumes:volumes_attached"] == [
        {"id": volume_id, "delete_on_termination": False}]


def test_the_link_follows_a_reset(cloud: FakeCloud, http: requests.Session) -> None:
    cloud.reset()
    cinder = Cinder(cloud, http)
    server = cloud.compute.create_server(cinder.project_id, name="app").uuid
    volume_id = cinder.create()
    assert cinder.attach(server, volume_id).status_code == 200
    assert [m.volume_id for m in cloud.links.volumes.mappings(server)] == [volume_id]


def test_without_block_storage_nova_knows_no_volume(cloud: FakeCloud,
                                                    http: requests.Session) -> None:
    cloud.register_service(_NoBlockStorage)
    assert isinstance(cloud.links.volumes, NoVolumes)
    cinder = Cinder(cloud, http)
    server = cloud.compute.create_server(cinder.project_id, name="app").uuid
    volume_id = "6f1f7a2e-5b8e-4f3e-9a43-8e0f4d2c1b10"
    resp = cinder.attach(server, volume_id)
    assert (resp.status_code, resp.json()) == (
        404, {"itemNotFound": {"code": 404,
                               "message": f"Volume {volume_id} could not be found."}})
    listed = cinder.nova("GET", f"/servers/{server}/os-volume_attachments")
    assert (listed.status_code, listed.json()) == (200, {"volumeAttachments": []})
    shown = cinder.nova("GET", f"/servers/{server}").json()["server"]
    assert shown["os-extended-volumes:volumes_attached"] == []
    assert cinder.nova("DELETE", f"/servers/{server}").status_code == 204


class _NoNetworking(Service):
    """A `network` service that provides nothing (a cloud without Neutron)."""

    name, prefix = "network", "/networking"


def test_without_a_network_service_servers_boot_without_ports(cloud: FakeCloud,
                                                               http: requests.Session) -> None:
    cloud.register_service(_NoNetworking)
    assert isinstance(cloud.links.networks, NoNetworks)
    cinder = Cinder(cloud, http)
    server = cloud.compute.create_server(cinder.project_id, name="app")
    assert server.vifs == ()
    shown = cinder.nova("GET", f"/servers/{server.uuid}").json()["server"]
    assert (shown["addresses"], "security_groups" in shown) == ({}, False)
    net_id = "6f1f7a2e-5b8e-4f3e-9a43-8e0f4d2c1b10"
    resp = cinder.nova("POST", f"/servers/{server.uuid}/os-interface",
                       {"interfaceAttachment": {"net_id": net_id}})
    assert (resp.status_code, resp.json()) == (
        404, {"itemNotFound": {"code": 404, "message": f"Network {net_id} could not be found."}})


def test_nova_provides_the_servers_link_for_the_network_services_events(
        cloud: FakeCloud) -> None:
    from stackdouble.fakes.compute.links import NovaServerEvents

    assert isinstance(cloud.links.servers, NovaServerEvents)
    cloud.links.servers.network_changed("6f1f7a2e-5b8e-4f3e-9a43-8e0f4d2c1b10")  # unknown: no-op


class _Images(NoImages):
    """An image service's `images` part holding one image (the rest: `NoImages`)."""

    def __init__(self, image: ImageInfo) -> None:
        self.image = image

    def get(self, caller: Any, image_id: str) -> ImageInfo | None:
        return self.image if image_id == self.image.id else None

    def named(self, caller: Any, name: str) -> list[ImageInfo]:
        return [self.image] if name == self.image.name else []


_IMAGE = ImageInfo(id="0a7d8e4c-1b5f-4c2e-9d3a-6f8b2e1c4d5a", name="golden", status="active",
                   size=1024, min_disk=1, disk_format="raw", container_format="bare",
                   checksum="0f343b0931126a20f133d67c2b018a3b", properties={"os_distro": "x"})


class _ImageService(Service):
    """A service mounted after compute that provides `images`."""

    name, prefix = "image", "/image"

    def provide(self, links: Links) -> None:
        links.images = _Images(_IMAGE)


def test_an_image_service_mounted_later_provides_the_images_cinder_reads(
        cloud: FakeCloud, http: requests.Session) -> None:
    cloud.register_service(_ImageService)
    cinder = Cinder(cloud, http)
    by_name = cinder.create(imageRef="golden")
    metadata = cinder.get(f"/volumes/{by_name}").json()["volume"]["volume_image_metadata"]
    assert metadata["image_id"] == _IMAGE.id
    assert (metadata["disk_format"], metadata["checksum"], metadata["os_distro"]) == (
        "raw", _IMAGE.checksum, "x")
    glance_image = "7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11"  # seeded by the replaced Glance
    resp = cinder.post("/volumes", {"volume": {"size": 1, "imageRef": glance_image}})
    assert (resp.status_code, resp.json()["badRequest"]["message"]) == (
        400, "Invalid image identifier or unable to access requested image.")
