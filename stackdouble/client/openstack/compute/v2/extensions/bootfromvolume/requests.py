"""Boot from volume: decorate a server create with `block_device_mapping_v2`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.bootfromvolume import urls
from stackdouble.client.openstack.compute.v2.extensions.bootfromvolume.results import (
    CreateResult,
)
from stackdouble.client.openstack.compute.v2.servers import requests as servers
from stackdouble.client.openstack.compute.v2.servers.requests import CreateOptsBuilder

__all__ = ["BlockDevice", "CreateOptsExt", "DestinationType", "SourceType", "create"]

_KEY = "block_device_mapping_v2"


class SourceType(str, Enum):
    """What a block device is made from (`source_type`)."""

    BLANK = "blank"
    """An empty disk or volume."""
    IMAGE = "image"
    """An image (to a volume: Cinder makes the volume from it)."""
    SNAPSHOT = "snapshot"
    """A volume snapshot (Cinder makes a volume of it)."""
    VOLUME = "volume"
    """An existing volume."""


class DestinationType(str, Enum):
    """Where a block device lives (`destination_type`)."""

    LOCAL = "local"
    """An ephemeral disk of the compute host."""
    VOLUME = "volume"
    """A Cinder volume."""


def _text(value: str | Enum) -> str:
    return str(value.value) if isinstance(value, Enum) else value


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockDevice:
    """One entry of `block_device_mapping_v2`, as gophercloud's: `boot_index` and
    `delete_on_termination` are always sent, the other fields only when set.

    Attributes:
        source_type: `SourceType` (or its text): what the device is made from (required).
        uuid: The existing volume, snapshot or image (not for `blank`).
        boot_index: The boot order: 0 is the root disk, -1 not bootable (default 0).
        delete_on_termination: Delete the volume with the server (default False).
        destination_type: `DestinationType`: a volume or a local disk.
        guest_format: The file system of a blank local disk (`swap` for swap).
        volume_size: GiB of the volume (or disk) to make; not for an existing volume.
        device_type: `disk`, `cdrom`...
        disk_bus: `virtio`, `scsi`...
        volume_type: The volume type of the volume to make (microversion 2.67).
        tag: A device tag (microversion 2.42).

    Example:
        >>> BlockDevice(source_type=SourceType.VOLUME, uuid="vol-1",
        ...             destination_type=DestinationType.VOLUME).to_block_device_map()
        {'source_type': 'volume', 'boot_index': 0, 'delete_on_termination': False, 'uuid': 'vol-1', 'destination_type': 'volume'}
    """  # noqa: E501

    source_type: SourceType | str
    uuid: str | None = None
    boot_index: int = 0
    delete_on_termination: bool = False
    destination_type: DestinationType | str | None = None
    guest_format: str | None = None
    volume_size: int | None = None
    device_type: str | None = None
    disk_bus: str | None = None
    volume_type: str | None = None
    tag: str | None = None

    def to_block_device_map(self) -> dict[str, Any]:
        """The entry Nova reads.

        Raises:
            InvalidInput: No `source_type`.
        """
        if not self.source_type:
            raise InvalidInput("a block device needs a source_type", "source_type")
        out: dict[str, Any] = {"source_type": _text(self.source_type),
                               "boot_index": self.boot_index,
                               "delete_on_termination": self.delete_on_termination}
        texts: tuple[tuple[str, str | Enum | None], ...] = (
            ("uuid", self.uuid), ("destination_type", self.destination_type),
            ("guest_format", self.guest_format))
        for key, value in texts:
            if value:
                out[key] = _text(value)
        if self.volume_size:
            out["volume_size"] = self.volume_size
        for key, text in (("device_type", self.device_type), ("disk_bus", self.disk_bus),
                          ("volume_type", self.volume_type), ("tag", self.tag)):
            if text:
                out[key] = text
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOptsExt:
    """Server create options plus the block devices to boot from (they replace any the
    decorated options send). A `servers.CreateOpts` may leave out `image_ref` here.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import servers
        >>> opts = CreateOptsExt(
        ...     create_opts=servers.CreateOpts(name="db", flavor_ref="1"),
        ...     block_device=[BlockDevice(source_type=SourceType.IMAGE, uuid="img-1",
        ...                               destination_type=DestinationType.VOLUME,
        ...                               volume_size=10, delete_on_termination=True)])
        >>> opts.to_server_create_map()["server"]["block_device_mapping_v2"]
        [{'source_type': 'image', 'boot_index': 0, 'delete_on_termination': True, 'uuid': 'img-1', 'destination_type': 'volume', 'volume_size': 10}]
    """  # noqa: E501

    create_opts: CreateOptsBuilder
    block_device: Sequence[BlockDevice] = ()

    def to_server_create_map(self) -> dict[str, Any]:
        """The decorated builder's body with `block_device_mapping_v2` in `server`.

        Raises:
            InvalidInput: No block device, or whatever the decorated builder raises.
        """
        if not self.block_device:
            raise InvalidInput("bootfromvolume.CreateOptsExt needs at least one block device",
                               "block_device")
        devices = [device.to_block_device_map() for device in self.block_device]
        base_opts = self.create_opts
        if isinstance(base_opts, servers.CreateOpts) and not base_opts.image_ref:
            # The core options refuse a create with nothing to boot: show them the devices.
            base_opts = replace(base_opts, block_device_mapping_v2=[
                servers.BlockDevice(source_type=d["source_type"]) for d in devices])
        base = base_opts.to_server_create_map()
        server = dict(base["server"])
        server[_KEY] = devices
        return {**base, "server": server}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Ask Nova to build a server from block devices (`POST /servers`, 202).

    Nova checks the devices at once (a missing or unusable volume, a bad boot order: 400)
    and the server starts in BUILD; its volumes are attached as it becomes ACTIVE. Options
    that cannot be sent become the Result's error.

    Args:
        client: A Compute v2 client.
        opts: A `CreateOptsExt` (or any builder whose body names block devices).

    Returns:
        A CreateResult; `extract()` gives a Server with `id`, `links` and `admin_pass`.
    """
    try:
        body = opts.to_server_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(200, 202))
