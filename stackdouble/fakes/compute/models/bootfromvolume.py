"""Boot from volume in the fake Nova: a server create's `block_device_mapping_v2` (and the
legacy `block_device_mapping`), for the client's `compute/v2/extensions/bootfromvolume`.

Nova's API turns each entry into a block device mapping (`nova/block_device.py`
`BlockDeviceDict.from_api` and `from_legacy_mapping`, here `from_api` and `from_legacy`),
then checks them all (`nova/compute/api.py`: `get_bdm_image_metadata` for the root disk of
a server without an image, `_check_and_transform_bdm`, `_get_volumes_for_bdms`,
`_validate_bdm`), answering 400 with its messages. The volumes themselves are the block
storage service's, asked through the cloud's `volumes` link: an existing volume is
reserved at the create (`reserved`, listed by the server) and attached when the build
finishes (`in-use`, the root at `/dev/vda`); a volume from an image, a snapshot or blank is
made by the compute host during the build and attached with it. A build that fails (No
valid host) leaves existing volumes reserved and makes none, as Nova's cell0 does; the
server's delete frees them (and deletes those with `delete_on_termination`).

Local disks (`destination_type: local`: the image root, ephemeral and swap) are checked
against the flavor and otherwise kept only as the device names they take.

What the fake leaves out: a volume Nova makes exists (`creating`, listed by the server) from
the create on rather than from the moment the compute host asks for it; a volume type or
disk bus is not checked at the create (Cinder refuses an unknown type when it makes the
volume, and the build fails); `[cinder] cross_az_attach` is True (Nova's default), so
availability zones are not compared; image-defined mappings (`block_device_mapping`
properties of a snapshot image) are not merged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from stackdouble.fakes.compute.errors import BadRequest, Forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller, bool_from_string
from stackdouble.fakes.compute.models.flavors import Flavor
from stackdouble.fakes.links import (
    ImageInfo,
    LinkError,
    LinkNotFound,
    ServerRef,
    ServerVolume,
)

__all__ = ["BlockDevice", "BootFromVolumeMixin", "BootPlan", "from_api", "from_legacy"]

_GiB = 1024**3
#: `[DEFAULT] max_local_block_devices`.
MAX_LOCAL_BLOCK_DEVICES = 3
#: The root device name Nova assumes (`_check_and_transform_bdm`, libvirt's default).
ROOT_DEVICE = "vda"
_INVALID = "Block Device Mapping is Invalid: "
_DEV = re.compile(r"^/dev/")
_PREFIX = re.compile(r"^((x?v|s|h)d)")
_NUMS = re.compile(r"\d+")
_EPHEMERAL = re.compile(r"^ephemeral(\d|[1-9]\d+)$")


def _invalid(details: str) -> BadRequest:
    """`InvalidBDMFormat`: "Block Device Mapping is Invalid: <details>"."""
    return BadRequest(_INVALID + details)


def strip_dev(name: str | None) -> str:
    """`block_device.strip_dev`: the name without a leading `/dev/`."""
    return _DEV.sub("", name) if name else ""


def device_letter(name: str | None) -> str:
    """`block_device.get_device_letter`: `/dev/vdb1` → `b`."""
    return _NUMS.sub("", _PREFIX.sub("", strip_dev(name))) if name else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockDevice:
    """One block device mapping of a create, as Nova holds it after `from_api` (or
    `from_legacy`).

    Attributes:
        source_type: `volume`, `image`, `snapshot` or `blank` (None with `no_device`).
        destination_type: `volume` or `local` (None: Nova's default, local).
        volume_id: The existing volume (`source_type: volume`).
        image_id: The image (`source_type: image`).
        snapshot_id: The snapshot (`source_type: snapshot`).
        boot_index: The boot order (0: the root disk; None or negative: not bootable).
        volume_size: GiB (a volume to make, an ephemeral or swap disk).
        device_name: The device asked for (`/dev/...`), None to let Nova name it.
    """

    source_type: str | None
    destination_type: str | None = None
    volume_id: str | None = None
    image_id: str | None = None
    snapshot_id: str | None = None
    boot_index: int | None = None
    volume_size: int | None = None
    device_name: str | None = None
    delete_on_termination: bool = False
    guest_format: str | None = None
    tag: str | None = None
    volume_type: str | None = None
    no_device: bool = False

    @property
    def is_volume(self) -> bool:
        """`destination_type` is `volume`."""
        return self.destination_type == "volume"

    @property
    def is_swap(self) -> bool:
        """`new_format_is_swap`."""
        return (self.source_type == "blank" and self.destination_type == "local"
                and self.guest_format == "swap")

    @property
    def is_ephemeral(self) -> bool:
        """`new_format_is_ephemeral`."""
        return (self.source_type == "blank" and self.destination_type == "local"
                and self.guest_format != "swap")


def _int(value: Any, what: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _invalid(what) from None


def _checked(item: Mapping[str, Any], **fields: Any) -> BlockDevice:
    """`BlockDeviceDict.__init__`/`_validate`: the required `source_type`, the device name,
    `volume_size`, `boot_index`."""
    no_device = bool(item.get("no_device"))
    if not no_device and fields.get("source_type") is None:
        raise _invalid("Some required fields are missing")
    device = item.get("device_name")
    if device is not None:
        if not 1 <= len(device) <= 255:
            raise _invalid("Device name empty or too long.")
        if " " in device:
            raise _invalid("Device name contains spaces.")
        device = "/dev/" + strip_dev(device)
    size = _int(item.get("volume_size"), "Invalid volume_size.") \
        if item.get("volume_size") else None
    if size is not None and size < 0:
        raise _invalid("Invalid volume_size.")
    boot = item.get("boot_index")
    boot_index = _int(boot, "Boot index is invalid.") if boot not in (None, "") else None
    delete = item.get("delete_on_termination")
    return BlockDevice(
        device_name=device or None, volume_size=size, boot_index=boot_index,
        delete_on_termination=bool_from_string(delete) if delete is not None else False,
        guest_format=item.get("guest_format"), tag=item.get("tag"),
        volume_type=item.get("volume_type"), no_device=no_device,
        volume_id=item.get("volume_id"), image_id=item.get("image_id"),
        snapshot_id=item.get("snapshot_id"), **fields)


def from_api(item: Mapping[str, Any], *, image_uuid_specified: bool) -> BlockDevice:
    """`BlockDeviceDict.from_api`: one `block_device_mapping_v2` entry (already checked by
    the schema).

    Raises:
        BadRequest: "Block Device Mapping is Invalid: <details>" (`InvalidBDMFormat`).
    """
    source = item.get("source_type")
    dest = item.get("destination_type")
    ids: dict[str, Any] = {}
    if not item.get("no_device"):
        uuid = item.get("uuid")
        if source == "blank" and uuid:
            raise _invalid("Invalid device UUID.")
        if source != "blank":
            if not uuid:
                raise _invalid("Missing device UUID.")
            if source is None:
                raise _invalid("Following fields are invalid: None_id")
            ids[f"{source}_id"] = uuid
        if source == "image" and dest == "local":
            boot = item.get("boot_index", -1)
            boot_index = _int(-1 if boot is None else boot, "Boot index is invalid.")
            if not (image_uuid_specified and boot_index == 0):
                raise _invalid("Mapping image to local is not supported.")
        if dest == "local" and item.get("volume_type"):
            raise _invalid("Specifying a volume_type with destination_type=local is not "
                           "supported.")
        if source == "volume" and item.get("volume_type"):
            raise _invalid("Specifying volume type to existing volume is not supported.")
    fields = {k: v for k, v in item.items() if k != "uuid"}
    fields.update(ids)
    return _checked(fields, source_type=source, destination_type=dest)


def from_legacy(items: Sequence[Mapping[str, Any]], image_ref: str) -> list[BlockDevice]:
    """`from_legacy_mapping`: legacy `block_device_mapping` entries as v2 mappings, the
    root chosen as Nova does (without an image: the first that is not blank; with one: a
    volume named `vda`, else the image itself).

    Raises:
        BadRequest: "Block Device Mapping is Invalid: Unrecognized legacy format."
    """
    out: list[BlockDevice] = []
    for item in items:
        virtual = item.get("virtual_name")
        fields = {k: item[k] for k in ("device_name", "delete_on_termination", "snapshot_id",
                                       "volume_id", "volume_size", "no_device")
                  if k in item}
        if virtual and (virtual == "swap" or _EPHEMERAL.match(virtual)):
            fields.update(delete_on_termination=True,
                          guest_format="swap" if virtual == "swap" else "vfat")
            out.append(_checked(fields, source_type="blank", destination_type="local"))
        elif item.get("snapshot_id"):
            out.append(_checked(fields, source_type="snapshot", destination_type="volume"))
        elif item.get("volume_id"):
            out.append(_checked(fields, source_type="volume", destination_type="volume"))
        elif item.get("no_device"):
            out.append(_checked(fields, source_type=None))
        else:
            raise _invalid("Unrecognized legacy format.")
    if not image_ref:
        first = next((i for i, b in enumerate(out) if b.source_type != "blank"), None)
        if first is not None:
            out[first] = replace(out[first], boot_index=0)
        return out
    volume_backed = False
    for index, bdm in enumerate(out):
        if bdm.source_type in ("volume", "snapshot", "image") \
                and strip_dev(bdm.device_name) == ROOT_DEVICE:
            out[index] = replace(bdm, boot_index=0)
            volume_backed = True
        else:
            out[index] = replace(bdm, boot_index=None if bdm.no_device else -1)
    if not volume_backed:
        out.insert(0, BlockDevice(source_type="image", destination_type="local",
                                  image_id=image_ref, boot_index=0,
                                  delete_on_termination=True))
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class BootPlan:
    """What the checks of a create's block devices found.

    Attributes:
        root: The mapping with boot index 0.
        volumes: The volumes to map, in request order, with their device names.
    """

    root: BlockDevice | None = None
    volumes: tuple[ServerVolume, ...] = ()

    @property
    def volume_backed(self) -> bool:
        """The root disk is a volume."""
        return self.root is not None and self.root.is_volume


def _root(bdms: Sequence[BlockDevice], legacy: bool) -> BlockDevice | None:
    for bdm in bdms:
        if legacy and device_letter(bdm.device_name) == "a":
            return bdm
        if not legacy and bdm.boot_index == 0:
            return bdm
    return None


def _image_of_volume(volume_id: str, size: int, metadata: Mapping[str, str]) -> ImageInfo:
    """`get_image_metadata_from_volume`: the volume's image metadata as an image (status
    `active`, `size` the volume's)."""
    def number(key: str) -> int:
        value = metadata.get(key)
        return int(value) if value is not None and value.isdigit() else 0

    return ImageInfo(id=metadata.get("image_id", volume_id), name=metadata.get("image_name"),
                     status="active", size=size * _GiB, min_disk=number("min_disk"),
                     min_ram=number("min_ram"),
                     properties={k: v for k, v in metadata.items()
                                 if k not in ("image_id", "image_name", "size", "checksum",
                                              "container_format", "disk_format", "min_ram",
                                              "min_disk")})


class BootFromVolumeMixin(ModelBase):
    """The block device mappings of a server create, mixed into `ComputeModel`."""

    def _boot_image(self, caller: Caller, bdms: Sequence[BlockDevice],
                    legacy: bool) -> ImageInfo | None:
        """`get_bdm_image_metadata`: what a server without `imageRef` boots.

        Raises:
            BadRequest: "Block Device Mapping is Invalid: failed to get image|volume <id>.",
                "Block Device <id> is not bootable.", "Snapshot <id> could not be found."
        """
        root = _root(bdms, legacy)
        if root is None:
            return None
        volumes = self.cloud.links.volumes
        volume_id = root.volume_id
        if root.snapshot_id:
            try:
                volume_id = volumes.snapshot(caller, root.snapshot_id).volume_id
            except LinkNotFound:
                raise BadRequest(f"Snapshot {root.snapshot_id} could not be found.") from None
        if root.image_id:
            image = self.visible_image(caller, root.image_id)
            if image is None:
                raise _invalid(f"failed to get image {root.image_id}.")
            return image
        if volume_id:
            try:
                volume = volumes.volume(caller, volume_id)
            except LinkNotFound:
                raise _invalid(f"failed to get volume {volume_id}.") from None
            if not volume.bootable:
                raise BadRequest(f"Block Device {volume_id} is not bootable.")
            return _image_of_volume(volume.id, volume.size, volume.image_metadata)
        return None

    def _check_root_disk(self, caller: Caller, flavor: Flavor, image: ImageInfo | None,
                         root: BlockDevice | None, *, is_admin: bool) -> None:
        """The root-disk half of `_validate_flavor_image_nostatus`: a volume root holds the
        image's `min_disk` (when Nova makes it); a local root of a zero-disk flavor is for
        admins only (`os_compute_api:servers:create:zero_disk_flavor`)."""
        if root is not None and root.is_volume:
            if image is not None and root.volume_size is not None \
                    and image.min_disk * _GiB > root.volume_size * _GiB:
                raise BadRequest(
                    "Volume is smaller than the minimum size specified in image metadata. "
                    f"Volume size is {root.volume_size * _GiB} bytes, minimum size is "
                    f"{image.min_disk * _GiB} bytes.")
            return
        if image is not None and flavor.disk == 0 and not is_admin:
            raise Forbidden("Only volume-backed servers are allowed for flavors with zero "
                            "disk.")

    def _plan_block_devices(self, caller: Caller, bdms: Sequence[BlockDevice], *,
                            image_id: str, flavor: Flavor, min_count: int,
                            max_count: int) -> BootPlan:
        """`_check_and_transform_bdm` and `_validate_bdm` (with `_get_volumes_for_bdms`),
        without changing anything.

        Raises:
            BadRequest: As Nova answers a create's block devices.
        """
        if image_id:
            for bdm in bdms:
                if bdm.is_volume and strip_dev(bdm.device_name) == ROOT_DEVICE:
                    raise BadRequest("The volume cannot be assigned the same device name as "
                                     f"the root device {ROOT_DEVICE}")
        if max(min_count, max_count) > 1 and any(b.source_type == "volume" for b in bdms):
            raise BadRequest("Cannot attach one or more volumes to multiple instances")
        all_bdms = list(bdms)
        if flavor.ephemeral and not any(b.is_ephemeral for b in bdms):
            all_bdms.append(BlockDevice(source_type="blank", destination_type="local",
                                        volume_size=flavor.ephemeral, boot_index=-1))
        if flavor.swap and not any(b.is_swap for b in bdms):
            all_bdms.append(BlockDevice(source_type="blank", destination_type="local",
                                        guest_format="swap", volume_size=flavor.swap,
                                        boot_index=-1))
        root = next((b for b in all_bdms if b.boot_index == 0), None)
        volumes = self.cloud.links.volumes
        found = {}
        for bdm in all_bdms:
            if bdm.volume_id:
                try:
                    found[bdm.volume_id] = volumes.volume(caller, bdm.volume_id)
                except LinkNotFound:
                    raise BadRequest(f"Volume {bdm.volume_id} could not be found.") from None
        self._validate_bdm(caller, all_bdms, flavor, image_id)
        sizes: dict[int, int | None] = {}
        for index, bdm in enumerate(all_bdms):
            if bdm.volume_id:
                sizes[index] = found[bdm.volume_id].size
            elif bdm.snapshot_id:
                try:
                    snap = volumes.snapshot(caller, bdm.snapshot_id)
                except LinkNotFound:
                    raise _invalid(f"failed to get snapshot {bdm.snapshot_id}.") from None
                sizes[index] = bdm.volume_size or snap.size
            else:
                sizes[index] = bdm.volume_size
        return BootPlan(root=root, volumes=tuple(_server_volumes(all_bdms, sizes)))

    def _validate_bdm(self, caller: Caller, bdms: Sequence[BlockDevice], flavor: Flavor,
                      image_id: str) -> None:
        """`_validate_bdm`'s checks of each mapping, the boot order and the local disks."""
        boot = sorted(b.boot_index for b in bdms if b.boot_index is not None
                      and b.boot_index >= 0)
        if not boot or any(i != v for i, v in enumerate(boot)):
            raise BadRequest(_INVALID + "Boot sequence for the instance and image/block "
                             "device mapping combination is not valid.")
        for bdm in bdms:
            if bdm.image_id is not None:
                if bdm.image_id != image_id and self.visible_image(caller,
                                                                    bdm.image_id) is None:
                    raise _invalid(f"failed to get image {bdm.image_id}.")
                if bdm.source_type == "image" and bdm.is_volume and not bdm.volume_size:
                    raise BadRequest("Images with destination_type 'volume' need to have a "
                                     "non-zero size specified")
            elif bdm.source_type == "blank" and bdm.is_volume and not bdm.volume_size:
                raise BadRequest("Blank volumes (source: 'blank', dest: 'volume') need to "
                                 "have non-zero size")
        ephemeral = sum(b.volume_size or flavor.ephemeral for b in bdms if b.is_ephemeral)
        if ephemeral > flavor.ephemeral:
            raise BadRequest("Ephemeral disks requested are larger than the instance type "
                             "allows. If no size is given in one block device mapping, "
                             "flavor ephemeral size will be used.")
        swaps = [b for b in bdms if b.is_swap]
        if len(swaps) > 1:
            raise _invalid("More than one swap drive requested.")
        if swaps and (swaps[0].volume_size or 0) > flavor.swap:
            raise BadRequest("Swap drive requested is larger than instance type allows.")
        if sum(1 for b in bdms if b.destination_type == "local") > MAX_LOCAL_BLOCK_DEVICES:
            raise BadRequest(_INVALID + "You specified more local devices than the limit "
                             "allows")

    def _check_reservations(self, caller: Caller, plan: BootPlan, *,
                            supports_multiattach: bool) -> None:
        """`check_attach_and_reserve_volume`'s refusals, before anything is reserved.

        Raises:
            BadRequest: "Multiattach volumes are only supported starting with compute API
                version 2.60." or "Invalid volume: ..." (Cinder refusing the reservation).
        """
        volumes = self.cloud.links.volumes
        for request in plan.volumes:
            if request.volume_id is not None:
                try:
                    volumes.check_reserve(caller, request.volume_id,
                                          supports_multiattach=supports_multiattach)
                except LinkError as exc:
                    raise BadRequest(exc.message) from None

    def _map_block_devices(self, caller: Caller, server_id: str, host: str | None,
                           plan: BootPlan, *, attach_at: float | None,
                           supports_multiattach: bool) -> str | None:
        """Reserve the existing volumes of a new server and, when it is built
        (`attach_at`), have the others made; returns why the build fails (the compute
        host's `BuildAbortException`), or None."""
        volumes = self.cloud.links.volumes
        ref = ServerRef(server_id, host)
        failure = None
        for request in plan.volumes:
            if request.volume_id is not None:
                volumes.reserve(caller, ref, request, supports_multiattach=supports_multiattach,
                                attach_at=attach_at if failure is None else None)
            elif attach_at is not None and failure is None:
                named = replace(request, name=f"{server_id}-blank-vol") \
                    if request.image_id is None and request.snapshot_id is None else request
                try:
                    volumes.create(caller, ref, named, attach_at=attach_at)
                except LinkError as exc:
                    failure = f"Build of instance {server_id} aborted: {exc.message}"
        return failure


def _server_volumes(bdms: Sequence[BlockDevice],
                    sizes: Mapping[int, int | None]) -> list[ServerVolume]:
    """The volume mappings with Nova's device names (`_add_missing_dev_names`: the root
    `/dev/vda`, then the local disks, then the volumes, each the next free letter)."""
    used = {"a"} | {device_letter(b.device_name) for b in bdms if b.device_name}
    names: dict[int, str] = {}
    order = sorted(range(len(bdms)), key=lambda i: (bdms[i].boot_index != 0,
                                                     bdms[i].is_volume))
    for index in order:
        bdm = bdms[index]
        if bdm.no_device:
            continue
        if bdm.device_name:
            names[index] = bdm.device_name
        elif bdm.boot_index == 0:
            names[index] = "/dev/" + ROOT_DEVICE
        else:
            letter = _next_letter(used)
            used.add(letter)
            names[index] = "/dev/vd" + letter
    out = []
    for index, bdm in enumerate(bdms):
        if not bdm.is_volume or bdm.no_device:
            continue
        out.append(ServerVolume(
            volume_id=bdm.volume_id, image_id=bdm.image_id, snapshot_id=bdm.snapshot_id,
            size=sizes.get(index), volume_type=bdm.volume_type, device=names.get(index),
            boot_index=bdm.boot_index, tag=bdm.tag,
            delete_on_termination=bdm.delete_on_termination))
    return out


def _next_letter(used: set[str]) -> str:
    """`generate_device_letter` from a: the first not in `used`."""
    index = 0
    while True:
        letters = ""
        value = index + 1
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        if letters not in used:
            return letters
        index += 1
