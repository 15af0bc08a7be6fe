"""The one contract between the fake services: what one asks of another.

In a real cloud the services call each other's APIs: Nova asks Cinder to reserve, attach and
detach a volume, Cinder asks the image service for an image to copy. The fakes do the same,
and only here. `FakeCloud` builds one `Links` before it mounts its services; each service
fills in the parts it owns in `Service.provide(links)`, and reads the others' only through
`cloud.links`. A part no mounted service provides answers as an empty service would: no
volumes, no images.

The parts are small protocols over plain records (`VolumeMapping`, `ImageInfo`), never a
service's own model objects, so a service can change its model freely. A provider raises
`LinkError`s; the consumer turns them into its own API's faults (Nova answers a volume it
cannot see with its own 404), as a real service turns a peer's HTTP error into its own.

Today: `volumes` (Cinder, for Nova's `os-volume_attachments`, the volumes a server boots
from or lists and what happens to them when the server goes), `images` (Glance, for Nova's boots,
snapshots and image proxy, and for Cinder's volumes created from an image, its re-images
and its uploads of a volume to an image), `networks` (Neutron, for the ports Nova makes and
binds when it boots a server or attaches an interface, the addresses it shows, its security
groups and its proxy APIs), `servers` (Nova, for the events Neutron sends it when a port
or floating IP of a server changes, as Neutron's nova notifier posts
`os-server-external-events`) and `projects` (Keystone, for Cinder's check that a project it
is given exists, as `api_utils.get_project` asks Keystone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from stackdouble.fakes.caller import Caller

__all__ = [
    "FixedAddress",
    "FloatingAddress",
    "FloatingIPInfo",
    "ImageFilters",
    "ImageInfo",
    "ImageLink",
    "LinkConflict",
    "LinkError",
    "LinkForbidden",
    "LinkNotFound",
    "LinkOverLimit",
    "LinkRefused",
    "Links",
    "NetworkInfo",
    "NetworkLink",
    "NoImages",
    "NoNetworks",
    "NoProjects",
    "NoServers",
    "NoVolumes",
    "PortRequest",
    "ProjectLink",
    "SecurityGroupInfo",
    "SecurityGroupRuleInfo",
    "ServerEvents",
    "ServerRef",
    "ServerVolume",
    "SnapshotInfo",
    "SnapshotRequest",
    "Vif",
    "VolumeInfo",
    "VolumeLink",
    "VolumeMapping",
    "VolumeUpload",
]


class LinkError(Exception):
    """A service refused what another asked of it; `message` is the text a real service's
    error would carry (the consumer puts it in its own fault)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LinkNotFound(LinkError):
    """The thing asked for does not exist, or the caller may not see it (a 404 upstream)."""


class LinkRefused(LinkError):
    """The request was refused as invalid in the thing's current state (a 400 upstream)."""


class LinkOverLimit(LinkRefused):
    """A size limit or quota of the service refused the request (a 413 upstream)."""


class LinkForbidden(LinkError):
    """The caller may see the thing but not do this to it (a 403 upstream)."""


class LinkConflict(LinkError):
    """The request conflicts with the thing's current state (a 409 upstream)."""


@dataclass(frozen=True, slots=True)
class ServerRef:
    """What a peer may know of a server: its id and the host it runs on."""

    id: str
    host: str | None = None
    availability_zone: str | None = None


@dataclass(frozen=True, slots=True)
class VolumeMapping:
    """A volume attached to a server through Nova: Nova's block device mapping, joined with
    Cinder's attachment.

    Attributes:
        attachment_id: Cinder's attachment id (2.89's `attachment_id`).
        bdm_uuid: Nova's id of the mapping (2.89's `bdm_uuid`).
        device: The device name (`/dev/vdb`), or None while not known.
        attached: The attachment finished (the volume is `in-use`).
        boot_index: The mapping's `boot_index` (0: the root disk of a server booted from
            volume, which Nova will not detach); None for a volume attached later.
    """

    attachment_id: str
    volume_id: str
    server_id: str
    device: str | None
    tag: str | None = None
    delete_on_termination: bool = False
    bdm_uuid: str | None = None
    attached: bool = False
    boot_index: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeInfo:
    """A volume as Nova reads it from the block storage service (`nova/volume/cinder.py`
    `_untranslate_volume_summary_view`) before booting from it.

    Attributes:
        size: GiB.
        bootable: Cinder's `bootable` (Nova refuses to boot from a volume that is not).
        image_metadata: `volume_image_metadata` (the image the volume was made from: its
            `min_ram`, `min_disk`... as text), empty when none.
    """

    id: str
    status: str
    size: int
    bootable: bool = False
    multiattach: bool = False
    availability_zone: str = "nova"
    image_metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class SnapshotInfo:
    """A volume snapshot as Nova reads it (`get_snapshot`): enough to make a volume of it."""

    id: str
    volume_id: str
    status: str
    size: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerVolume:
    """One volume Nova maps to a new server (a `block_device_mapping_v2` entry with
    `destination_type: volume`, after Nova's checks).

    Attributes:
        volume_id: An existing volume (`source_type: volume`), reserved for the server.
        image_id: Make the volume from this image (`source_type: image`).
        snapshot_id: Make the volume from this snapshot (`source_type: snapshot`).
        size: GiB of the volume to make (image, snapshot, blank).
        name: The name of the volume to make ("" as Nova names an image's or a snapshot's,
            `<server id>-blank-vol` for a blank one).
        volume_type: The volume type of the volume to make (None: the default).
        device: The device name (`/dev/vda` for the root disk).
        boot_index: Nova's boot index (0: the root disk).
        tag: The device tag.
        delete_on_termination: Delete the volume with the server.
    """

    volume_id: str | None = None
    image_id: str | None = None
    snapshot_id: str | None = None
    size: int | None = None
    name: str = ""
    volume_type: str | None = None
    device: str | None = None
    boot_index: int | None = None
    tag: str | None = None
    delete_on_termination: bool = False


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An image as another service reads it from the image service.

    Attributes:
        status: The image service's status (`queued`, `saving`, `active`, `deactivated`...).
        size: Bytes of data, None before any was stored.
        min_disk: GiB of disk a server booted from it needs.
        min_ram: MiB of memory a server booted from it needs.
        properties: The extra properties (Nova's proxy shows them as `metadata`).
        owner: The owning project, None for none.
        created_at: When it was created (None where the provider does not say).
        updated_at: When it last changed.
        visibility: `public`, `private`, `shared` or `community` (None where the provider
            does not say).
        protected: Whether it may not be deleted.
    """

    id: str
    name: str | None
    status: str
    size: int | None = None
    min_disk: int = 0
    min_ram: int = 0
    disk_format: str | None = None
    container_format: str | None = None
    checksum: str | None = None
    properties: Mapping[str, str] = field(default_factory=dict)
    owner: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    visibility: str | None = None
    protected: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageFilters:
    """What Nova's image proxy filters a listing on (`nova/api/openstack/compute/images.py`
    `_get_filters`, passed on to Glance by `nova/image/glance.py`); None is no filter.

    Attributes:
        name: The exact name.
        status: Glance's status (Nova lower-cases what it is given).
        instance_uuid: The `instance_uuid` property (Nova's `server`, the last segment of
            a server URL).
        image_type: The `image_type` property (Nova's `type`: `snapshot`...).
        min_ram: At least this much memory (Nova's `minRam`).
        min_disk: At least this much disk (Nova's `minDisk`).
    """

    name: str | None = None
    status: str | None = None
    instance_uuid: str | None = None
    image_type: str | None = None
    min_ram: int | None = None
    min_disk: int | None = None

    def matches(self, image: ImageInfo) -> bool:
        """Whether `image` passes every filter."""
        props = image.properties
        return ((self.name is None or image.name == self.name)
                and (self.status is None or image.status == self.status)
                and (self.instance_uuid is None
                     or props.get("instance_uuid") == self.instance_uuid)
                and (self.image_type is None or props.get("image_type") == self.image_type)
                and (self.min_ram is None or image.min_ram >= self.min_ram)
                and (self.min_disk is None or image.min_disk >= self.min_disk))


@dataclass(frozen=True, slots=True, kw_only=True)
class SnapshotRequest:
    """A snapshot image Nova asks for (`API.snapshot`/`_create_image`, then the compute
    host's upload): created `queued` in `owner`'s project, its data stored (and the image
    `active`) at fake time `ready_at`.

    Attributes:
        name: The image name (`<server>-shelved` for shelve).
        owner: The server's project.
        properties: The image's properties: the base image's, then `instance_uuid`,
            `user_id`, `image_type` (`snapshot`), `base_image_ref` and the request's
            metadata.
        min_disk: The flavor's root disk (GiB).
        min_ram: The base image's `min_ram`.
        disk_format: The base image's disk format (qcow2 when none).
        container_format: The base image's container format (bare when none).
        virtual_size: The size of the disk snapshotted, in bytes.
        ready_at: The fake time (`cloud.clock.time()`) the upload completes.
    """

    name: str
    owner: str
    properties: Mapping[str, str]
    min_disk: int = 0
    min_ram: int = 0
    disk_format: str = "qcow2"
    container_format: str = "bare"
    virtual_size: int = 0
    ready_at: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class VolumeUpload:
    """A volume Cinder uploads to a new image (`copy_volume_to_image`: the image created
    with the caller's token, then the volume's data written by the volume host): created
    `queued`, its data (`size` bytes) stored and the image `active` at fake time `ready_at`.

    Attributes:
        name: The image name (`image_name`).
        disk_format: `raw` unless the request names another.
        container_format: `bare` unless the request names another.
        size: The volume's size in bytes (what a raw upload writes).
        visibility: The visibility asked for (3.1); None leaves the image service's default.
        protected: Whether the image is protected (3.1).
        properties: The extra properties: the volume's image metadata that is not core.
        ready_at: The fake time (`cloud.clock.time()`) the upload completes.
    """

    name: str
    disk_format: str = "raw"
    container_format: str | None = "bare"
    size: int = 0
    visibility: str | None = None
    protected: bool = False
    properties: Mapping[str, str] = field(default_factory=dict)
    ready_at: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class PortRequest:
    """One entry of a server's `networks` (Nova's `objects.NetworkRequest`): a network the
    network service makes a port on, or a port the user made; `fixed_ip` asks for that
    address on the network.

    Attributes:
        network_id: The network to plug into (None when `port_id` is given).
        port_id: A port the user made, to bind to the server.
        fixed_ip: The address to take on `network_id` (Nova's `fixed_ip`).
        tag: The device tag (2.32+), kept for the interface's `tag`.
    """

    network_id: str | None = None
    port_id: str | None = None
    fixed_ip: str | None = None
    tag: str | None = None


@dataclass(frozen=True, slots=True)
class FixedAddress:
    """A fixed address of a port: `ip_address` of one of its `fixed_ips`."""

    address: str
    version: int
    subnet_id: str


@dataclass(frozen=True, slots=True)
class FloatingAddress:
    """A floating address mapped to a port's fixed address."""

    id: str
    address: str
    fixed_address: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Vif:
    """A server's port as Nova's network info cache holds it (`nova/network/model.py`'s
    `VIF`), from which Nova renders `addresses`, `os-interface` and `security_groups`.

    Attributes:
        port_id: The port.
        network_id: Its network.
        network_name: The network's name (the key of `addresses`).
        mac_address: The port's MAC address.
        fixed_ips: Its fixed addresses, in the port's order.
        floating_ips: The floating addresses mapped to them.
        status: Neutron's port status (`ACTIVE`, `DOWN`, `BUILD`).
        preserve_on_delete: The user made the port: deleting the server unbinds it and
            keeps it (Nova deletes the ports it made).
        tag: The device tag asked for.
        security_group_ids: The port's security groups.
    """

    port_id: str
    network_id: str
    network_name: str
    mac_address: str
    fixed_ips: tuple[FixedAddress, ...] = ()
    floating_ips: tuple[FloatingAddress, ...] = ()
    status: str = "ACTIVE"
    preserve_on_delete: bool = False
    tag: str | None = None
    security_group_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkInfo:
    """A network as Nova's `os-networks` proxy reads it (`nova/network/neutron.py`).

    Attributes:
        cidrs: The CIDRs of its subnets, in creation order.
    """

    id: str
    name: str
    project_id: str
    shared: bool = False
    external: bool = False
    cidrs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityGroupRuleInfo:
    """A security group rule, as Nova's `os-security-groups` proxy reads it.

    Attributes:
        protocol: `tcp`, `udp`, `icmp`, another name or number, None for any.
        remote_group_id: The group a rule admits traffic from (None: `remote_ip_prefix`).
    """

    id: str
    group_id: str
    direction: str = "ingress"
    ethertype: str = "IPv4"
    protocol: str | None = None
    port_range_min: int | None = None
    port_range_max: int | None = None
    remote_ip_prefix: str | None = None
    remote_group_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityGroupInfo:
    """A security group with its rules, as Nova's proxy and server views read it."""

    id: str
    name: str
    description: str
    project_id: str
    rules: tuple[SecurityGroupRuleInfo, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class FloatingIPInfo:
    """A floating IP as Nova's `os-floating-ips` proxy reads it.

    Attributes:
        pool: The name of its external network.
        fixed_address: The fixed address it maps to, None when not associated.
        server_id: The server owning that fixed address's port, None when none.
    """

    id: str
    address: str
    pool: str
    project_id: str
    fixed_address: str | None = None
    server_id: str | None = None


class VolumeLink(Protocol):
    """What Nova asks of the block storage service (`nova/volume/cinder.py`'s `API`)."""

    def mappings(self, server_id: str) -> list[VolumeMapping]:
        """The volumes attached to a server through Nova, in attach order (settled to the
        cloud's clock first)."""
        ...

    def attach(self, caller: Caller, server: ServerRef, volume_id: str, *,
               device: str | None, tag: str | None, delete_on_termination: bool,
               supports_multiattach: bool) -> VolumeMapping:
        """Reserve and attach a volume to a server (after Nova's own checks of the server).

        Raises:
            LinkNotFound: No such volume for the caller.
            LinkRefused: Already attached, or the volume's state refuses it.
            LinkConflict: The device name is in use on the server.
        """
        ...

    def mapping(self, caller: Caller, server_id: str, volume_id: str) -> VolumeMapping:
        """The mapping of `volume_id` on a server.

        Raises:
            LinkNotFound: No such volume for the caller, or not attached to the server.
        """
        ...

    def detach(self, caller: Caller, server_id: str, volume_id: str) -> None:
        """Begin detaching; the mapping goes once the detach completes.

        Raises:
            LinkNotFound: As `mapping`.
            LinkRefused: The volume's state refuses the detach.
        """
        ...

    def set_delete_on_termination(self, server_id: str, volume_id: str, value: bool) -> None:
        """Change whether the volume is deleted with the server.

        Raises:
            LinkNotFound: Not attached to the server.
        """
        ...

    def server_deleted(self, server_id: str) -> None:
        """The server is gone: detach its volumes at once, and delete those marked
        `delete_on_termination` (unless the block storage service refuses)."""
        ...

    def volume(self, caller: Caller, volume_id: str) -> VolumeInfo:
        """A volume the caller may see (Nova's `volume_api.get`).

        Raises:
            LinkNotFound: No such volume for the caller.
        """
        ...

    def snapshot(self, caller: Caller, snapshot_id: str) -> SnapshotInfo:
        """A volume snapshot the caller may see (Nova's `volume_api.get_snapshot`).

        Raises:
            LinkNotFound: No such snapshot for the caller.
        """
        ...

    def check_reserve(self, caller: Caller, volume_id: str, *,
                      supports_multiattach: bool) -> None:
        """Whether `reserve` would take the volume now, changing nothing.

        Raises:
            LinkNotFound, LinkRefused: As `reserve`.
        """
        ...

    def reserve(self, caller: Caller, server: ServerRef, request: ServerVolume, *,
                supports_multiattach: bool, attach_at: float | None) -> VolumeMapping:
        """Reserve an existing volume (`request.volume_id`) for a new server, as Nova's API
        does at a create (`attachment_create` without a connector: the volume `reserved`,
        the server lists it); when `attach_at` is given the compute host attaches it then
        (the volume `in-use`), else it stays reserved (a build that failed) until the
        server goes.

        Raises:
            LinkNotFound: No such volume for the caller.
            LinkRefused: Its state refuses the reservation, or it is multiattach and the
                request's microversion is below 2.60 (the message is Nova's).
        """
        ...

    def create(self, caller: Caller, server: ServerRef, request: ServerVolume, *,
               attach_at: float) -> VolumeMapping:
        """Make a volume for a new server (from `request.image_id`, `request.snapshot_id`,
        or blank) in the caller's project, as the compute host does while building it, and
        attach it; it is `in-use` at `attach_at`.

        Raises:
            LinkNotFound: The image or snapshot, or the volume type, is not found.
            LinkOverLimit: The caller's volume quota refuses it.
            LinkRefused: Any other refusal (the image too big for the size...).
        """
        ...


class ImageLink(Protocol):
    """What Nova and Cinder ask of the image service (`nova/image/glance.py`'s `API`)."""

    def get(self, caller: Caller, image_id: str) -> ImageInfo | None:
        """The image if it exists and the caller may see it, else None."""
        ...

    def named(self, caller: Caller, name: str) -> list[ImageInfo]:
        """The images with this name that the caller may see."""
        ...

    def list_images(self, caller: Caller, filters: ImageFilters, *, limit: int,
             marker: str | None) -> list[ImageInfo]:
        """Up to `limit` images the caller may list, after `marker`, in the image
        service's default order (newest first), as Nova's proxy reads them.

        Raises:
            LinkRefused: The marker is no image (the message is the image service's).
            LinkForbidden: The marker is an image the caller may not see.
        """
        ...

    def create_snapshot(self, caller: Caller, request: SnapshotRequest) -> ImageInfo:
        """Create a snapshot image (`queued`), whose data arrives at `request.ready_at`.

        Raises:
            LinkForbidden: The image service refuses to create it.
            LinkRefused: The image service refuses its attributes (too many properties...).
        """
        ...

    def delete(self, caller: Caller, image_id: str, *, at: float | None = None) -> None:
        """Delete an image now, or (`at`) once the cloud's clock reaches that time: what a
        compute host does when the work it runs in the background finishes.

        Raises:
            LinkNotFound: No such image for the caller.
            LinkForbidden: The caller may not delete it (not the owner, or protected).
        """
        ...

    def set_properties(self, caller: Caller, image_id: str, properties: Mapping[str, str], *,
                       visibility: str | None = None) -> ImageInfo:
        """Make the image's extra properties exactly `properties` (the others removed), and
        its visibility `visibility` when given: what `nova/image/glance.py`'s
        `update(..., purge_props=True)` sends, a JSON patch of what differs, checked as the
        image service checks any update by the caller.

        Raises:
            LinkNotFound: No such image for the caller.
            LinkForbidden: The caller may not change it (not the owner's...).
            LinkOverLimit: More properties than the image service's quota allows.
            LinkRefused: The image service refuses a value.
        """
        ...

    def upload_volume(self, caller: Caller, request: VolumeUpload) -> ImageInfo:
        """Create an image (`queued`, in the caller's project) whose data, the volume's,
        arrives at `request.ready_at`. Data the image service would refuse then (over its
        size cap or the owner's storage quota) never arrives, and the image is deleted at
        `ready_at`, as Cinder's volume manager deletes an image left `queued`.

        Raises:
            LinkForbidden: The image service refuses to create it (a visibility...).
            LinkOverLimit: Its quotas refuse it (too many properties).
            LinkRefused: It refuses its attributes (an unknown format...).
        """
        ...


class NetworkLink(Protocol):
    """What Nova asks of the network service (`nova/network/neutron.py`'s `API`, and
    `nova/network/security_group_api.py`). Ports Nova makes carry the server's id as
    `device_id` and `compute:<availability zone>` as `device_owner`, and are bound to the
    server's host; every change to a server's ports or floating IPs is announced to Nova
    through `Links.servers.network_changed`, as Neutron's nova notifier does."""

    def validate(self, caller: Caller, requests: Sequence[PortRequest], *, count: int) -> None:
        """Nova API's check before a boot of `count` servers (`validate_networks`).

        Raises:
            LinkNotFound: A network or port the caller may not see or use.
            LinkConflict: A port already bound (`PortInUse`), a fixed IP taken, or a port
                or fixed IP asked for with `count` over 1.
            LinkRefused: A fixed IP that is no address of the network's subnets.
            LinkOverLimit: The project's port quota cannot hold the ports asked for.
        """
        ...

    def available_networks(self, caller: Caller) -> list[NetworkInfo]:
        """The networks a boot without a network may use (`_get_available_networks`): the
        caller's project's networks that are not external, and the shared ones."""
        ...

    def allocate(self, caller: Caller, server: ServerRef, requests: Sequence[PortRequest], *,
                 security_groups: Sequence[str]) -> list[Vif]:
        """Make or bind the server's ports (`allocate_for_instance`), in request order;
        `security_groups` are names or ids (empty: the project's `default`).

        Raises:
            LinkNotFound: A security group (or network, port) that does not exist.
            LinkConflict: No address left in a subnet (`IpAddressGenerationFailure`), or a
                port bound meanwhile.
            LinkOverLimit: The port quota.
        """
        ...

    def vifs(self, server_id: str) -> list[Vif]:
        """The server's ports (`device_id`), in creation order, with their floating IPs."""
        ...

    def attach_interface(self, caller: Caller, server: ServerRef, request: PortRequest) -> Vif:
        """`os-interface` attach: make a port on `request.network_id` (or bind `port_id`).

        Raises:
            LinkNotFound, LinkConflict, LinkRefused, LinkOverLimit: As `validate`.
        """
        ...

    def detach_interface(self, caller: Caller, server_id: str, port_id: str) -> None:
        """`os-interface` detach: delete the port if Nova made it, else unbind it.

        Raises:
            LinkNotFound: The port is not the server's.
        """
        ...

    def server_deleted(self, server_id: str) -> None:
        """The server is gone (`deallocate_for_instance`): delete the ports Nova made,
        unbind the user's (their floating IPs disassociated as Neutron does when a port's
        device goes)."""
        ...

    def add_fixed_ip(self, caller: Caller, server: ServerRef, network_id: str) -> None:
        """`add_fixed_ip_to_instance` (Nova's `addFixedIp`): with the caller's rights, add an
        address of the network's first subnet to the server's port on that network (its
        `device_owner` `compute:<zone>`), trying the next subnet, then the next port, when
        the network service refuses.

        Raises:
            LinkNotFound: The network has no subnet the caller sees, or no port of the
                server on it took an address (Nova's `NetworkNotFoundForInstance`).
        """
        ...

    def remove_fixed_ip(self, caller: Caller, server: ServerRef, address: str) -> None:
        """`remove_fixed_ip_from_instance` (Nova's `removeFixedIp`): drop `address` from the
        server's port holding it (a refusal of the network service is ignored, as Nova
        logs it and goes on).

        Raises:
            LinkNotFound: No port of the server holds the address
                (`FixedIpNotFoundForInstance`).
        """
        ...

    def bind_server(self, server_id: str, host: str) -> None:
        """The server moved (a migration, an evacuation, an unshelve: Nova's
        `setup_instance_network_on_host` / `migrate_instance_finish` update each port's
        `binding:host_id`) or left its host (a shelve offload: `cleanup_instance_network_on_
        host`, `""`): bind its ports to `host`, or unbind them."""
        ...

    def set_server_security_groups(self, caller: Caller, server_id: str, *, add: str | None = None,
                                   remove: str | None = None) -> None:
        """`addSecurityGroup` / `removeSecurityGroup`: add or remove a group (name or id)
        on every port of the server.

        Raises:
            LinkNotFound: No such group (`remove`: not on the server's ports).
            LinkRefused: The server has no ports, or the group is already there.
        """
        ...

    def security_groups(self, caller: Caller) -> list[SecurityGroupInfo]:
        """The caller's project's security groups (the `default` one made on first use)."""
        ...

    def security_group(self, caller: Caller, group_id: str) -> SecurityGroupInfo:
        """One group.

        Raises:
            LinkNotFound: No such group for the caller.
        """
        ...

    def create_security_group(self, caller: Caller, name: str,
                              description: str) -> SecurityGroupInfo:
        """Make a group with the network service's default egress rules.

        Raises:
            LinkOverLimit: The security group quota.
        """
        ...

    def delete_security_group(self, caller: Caller, group_id: str) -> None:
        """Delete a group.

        Raises:
            LinkNotFound: No such group.
            LinkConflict: In use by a port, or the project's `default`.
        """
        ...

    def create_security_group_rule(self, caller: Caller, rule: SecurityGroupRuleInfo
                                   ) -> SecurityGroupRuleInfo:
        """Add a rule (`rule.id` is ignored; the answer has the new one).

        Raises:
            LinkNotFound: The group (or remote group) does not exist.
            LinkConflict: The same rule exists.
            LinkRefused: The network service refuses its values.
            LinkOverLimit: The rule quota.
        """
        ...

    def delete_security_group_rule(self, caller: Caller, rule_id: str) -> None:
        """Delete a rule.

        Raises:
            LinkNotFound: No such rule for the caller.
        """
        ...

    def networks(self, caller: Caller) -> list[NetworkInfo]:
        """The networks the caller may see (Nova's `os-networks` proxy)."""
        ...

    def network(self, caller: Caller, network_id: str) -> NetworkInfo:
        """One network.

        Raises:
            LinkNotFound: No such network for the caller.
        """
        ...

    def floating_ips(self, caller: Caller) -> list[FloatingIPInfo]:
        """The caller's project's floating IPs."""
        ...

    def floating_ip_pools(self, caller: Caller) -> list[str]:
        """The names of the external networks (Nova's `os-floating-ip-pools`)."""
        ...

    def allocate_floating_ip(self, caller: Caller, pool: str | None) -> FloatingIPInfo:
        """Take a floating IP from `pool` (an external network's name or id; None: the only
        or first external network).

        Raises:
            LinkNotFound: No such pool.
            LinkConflict: No address left.
            LinkOverLimit: The floating IP quota.
        """
        ...

    def release_floating_ip(self, caller: Caller, floating_ip_id: str) -> None:
        """Delete a floating IP.

        Raises:
            LinkNotFound: No such floating IP for the caller.
        """
        ...

    def associate_floating_ip(self, caller: Caller, server_id: str, address: str,
                              fixed_address: str | None) -> None:
        """Map a floating address to the server's port holding `fixed_address` (None: its
        first port's first IPv4 address).

        Raises:
            LinkNotFound: No such floating IP, or the fixed address is not the server's.
            LinkRefused: The server has no port, or no router reaches its network from the
                floating IP's (Neutron's `ExternalGatewayForFloatingIPNotFound`).
            LinkConflict: The floating IP is associated elsewhere.
        """
        ...

    def disassociate_floating_ip(self, caller: Caller, server_id: str, address: str) -> None:
        """Unmap a floating address from the server.

        Raises:
            LinkNotFound: No such floating IP for the caller.
            LinkConflict: It is not associated with this server.
        """
        ...


class ServerEvents(Protocol):
    """What the network service tells Nova (`os-server-external-events`)."""

    def network_changed(self, server_id: str) -> None:
        """A port or floating IP of the server changed: Nova refreshes what it shows
        (its network info cache) from `Links.networks.vifs`."""
        ...


class NoVolumes:
    """The `volumes` part of a cloud without block storage: no volume exists."""

    def mappings(self, server_id: str) -> list[VolumeMapping]:
        """No mappings."""
        return []

    def attach(self, caller: Caller, server: ServerRef, volume_id: str, *,
               device: str | None, tag: str | None, delete_on_termination: bool,
               supports_multiattach: bool) -> VolumeMapping:
        """Nothing to attach: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {volume_id} could not be found.")

    def mapping(self, caller: Caller, server_id: str, volume_id: str) -> VolumeMapping:
        """Nothing attached: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {volume_id} could not be found.")

    def detach(self, caller: Caller, server_id: str, volume_id: str) -> None:
        """Nothing attached: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {volume_id} could not be found.")

    def set_delete_on_termination(self, server_id: str, volume_id: str, value: bool) -> None:
        """Nothing attached: `LinkNotFound`."""
        raise LinkNotFound(f"Instance {server_id} is not attached to volume {volume_id}")

    def server_deleted(self, server_id: str) -> None:
        """Nothing to detach."""

    def volume(self, caller: Caller, volume_id: str) -> VolumeInfo:
        """No volume: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {volume_id} could not be found.")

    def snapshot(self, caller: Caller, snapshot_id: str) -> SnapshotInfo:
        """No snapshot: `LinkNotFound`."""
        raise LinkNotFound(f"Snapshot {snapshot_id} could not be found.")

    def check_reserve(self, caller: Caller, volume_id: str, *,
                      supports_multiattach: bool) -> None:
        """No volume: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {volume_id} could not be found.")

    def reserve(self, caller: Caller, server: ServerRef, request: ServerVolume, *,
                supports_multiattach: bool, attach_at: float | None) -> VolumeMapping:
        """No volume: `LinkNotFound`."""
        raise LinkNotFound(f"Volume {request.volume_id} could not be found.")

    def create(self, caller: Caller, server: ServerRef, request: ServerVolume, *,
               attach_at: float) -> VolumeMapping:
        """Nowhere to make it: `LinkRefused`."""
        raise LinkRefused("No block storage service is available.")


class NoImages:
    """The `images` part of a cloud without an image service: no image exists."""

    def get(self, caller: Caller, image_id: str) -> ImageInfo | None:
        """No image."""
        return None

    def named(self, caller: Caller, name: str) -> list[ImageInfo]:
        """No image."""
        return []

    def list_images(self, caller: Caller, filters: ImageFilters, *, limit: int,
             marker: str | None) -> list[ImageInfo]:
        """No image; a marker is no image either: `LinkRefused`."""
        if marker is not None:
            raise LinkRefused(f"No image found with ID {marker}")
        return []

    def create_snapshot(self, caller: Caller, request: SnapshotRequest) -> ImageInfo:
        """Nowhere to store it: `LinkForbidden`."""
        raise LinkForbidden("No image service is available.")

    def delete(self, caller: Caller, image_id: str, *, at: float | None = None) -> None:
        """Nothing to delete: `LinkNotFound`."""
        raise LinkNotFound(f"Failed to find image {image_id} to delete")

    def set_properties(self, caller: Caller, image_id: str, properties: Mapping[str, str], *,
                       visibility: str | None = None) -> ImageInfo:
        """No image: `LinkNotFound`."""
        raise LinkNotFound(f"No image found with ID {image_id}")

    def upload_volume(self, caller: Caller, request: VolumeUpload) -> ImageInfo:
        """Nowhere to store it: `LinkForbidden`."""
        raise LinkForbidden("No image service is available.")


_NO_NETWORK = "No network service is available."


class NoNetworks:
    """The `networks` part of a cloud without a network service: no network, port,
    security group or floating IP exists, and servers boot without ports."""

    def validate(self, caller: Caller, requests: Sequence[PortRequest], *, count: int) -> None:
        """Any network or port asked for is missing: `LinkNotFound`."""
        for request in requests:
            if request.port_id is not None:
                raise LinkNotFound(f"Port id {request.port_id} could not be found.")
            if request.network_id is not None:
                raise LinkNotFound(f"Network {request.network_id} could not be found.")

    def available_networks(self, caller: Caller) -> list[NetworkInfo]:
        """None."""
        return []

    def allocate(self, caller: Caller, server: ServerRef, requests: Sequence[PortRequest], *,
                 security_groups: Sequence[str]) -> list[Vif]:
        """No ports (after `validate`'s checks)."""
        self.validate(caller, requests, count=1)
        return []

    def vifs(self, server_id: str) -> list[Vif]:
        """None."""
        return []

    def attach_interface(self, caller: Caller, server: ServerRef, request: PortRequest) -> Vif:
        """Nothing to plug into: `LinkNotFound`."""
        self.validate(caller, [request], count=1)
        raise LinkNotFound(_NO_NETWORK)

    def detach_interface(self, caller: Caller, server_id: str, port_id: str) -> None:
        """No port: `LinkNotFound`."""
        raise LinkNotFound(f"Port {port_id} is not attached")

    def server_deleted(self, server_id: str) -> None:
        """No ports to delete."""

    def add_fixed_ip(self, caller: Caller, server: ServerRef, network_id: str) -> None:
        """No network: `LinkNotFound`."""
        raise LinkNotFound(f"Network {network_id} could not be found.")

    def remove_fixed_ip(self, caller: Caller, server: ServerRef, address: str) -> None:
        """No port: `LinkNotFound`."""
        raise LinkNotFound(f"No port holds {address}.")

    def bind_server(self, server_id: str, host: str) -> None:
        """No ports to bind."""

    def set_server_security_groups(self, caller: Caller, server_id: str, *, add: str | None = None,
                                   remove: str | None = None) -> None:
        """No group exists: `LinkNotFound`."""
        name = add if add is not None else remove
        raise LinkNotFound(f"Security group {name} not found.")

    def security_groups(self, caller: Caller) -> list[SecurityGroupInfo]:
        """None."""
        return []

    def security_group(self, caller: Caller, group_id: str) -> SecurityGroupInfo:
        """None: `LinkNotFound`."""
        raise LinkNotFound(f"Security group {group_id} not found.")

    def create_security_group(self, caller: Caller, name: str,
                              description: str) -> SecurityGroupInfo:
        """Nowhere to make it: `LinkForbidden`."""
        raise LinkForbidden(_NO_NETWORK)

    def delete_security_group(self, caller: Caller, group_id: str) -> None:
        """None: `LinkNotFound`."""
        raise LinkNotFound(f"Security group {group_id} not found.")

    def create_security_group_rule(self, caller: Caller, rule: SecurityGroupRuleInfo
                                   ) -> SecurityGroupRuleInfo:
        """No group: `LinkNotFound`."""
        raise LinkNotFound(f"Security group {rule.group_id} not found.")

    def delete_security_group_rule(self, caller: Caller, rule_id: str) -> None:
        """None: `LinkNotFound`."""
        raise LinkNotFound(f"Security group rule {rule_id} not found.")

    def networks(self, caller: Caller) -> list[NetworkInfo]:
        """None."""
        return []

    def network(self, caller: Caller, network_id: str) -> NetworkInfo:
        """None: `LinkNotFound`."""
        raise LinkNotFound(f"Network {network_id} could not be found.")

    def floating_ips(self, caller: Caller) -> list[FloatingIPInfo]:
        """None."""
        return []

    def floating_ip_pools(self, caller: Caller) -> list[str]:
        """None."""
        return []

    def allocate_floating_ip(self, caller: Caller, pool: str | None) -> FloatingIPInfo:
        """No pool: `LinkNotFound`."""
        raise LinkNotFound("Floating IP pool not found.")

    def release_floating_ip(self, caller: Caller, floating_ip_id: str) -> None:
        """None: `LinkNotFound`."""
        raise LinkNotFound(f"Floating IP {floating_ip_id} could not be found")

    def associate_floating_ip(self, caller: Caller, server_id: str, address: str,
                              fixed_address: str | None) -> None:
        """None: `LinkNotFound`."""
        raise LinkNotFound(f"Floating IP not found for address {address}.")

    def disassociate_floating_ip(self, caller: Caller, server_id: str, address: str) -> None:
        """None: `LinkNotFound`."""
        raise LinkNotFound(f"Floating IP not found for address {address}.")


class NoServers:
    """The `servers` part of a cloud without Nova: events go nowhere."""

    def network_changed(self, server_id: str) -> None:
        """Nobody to tell."""


class ProjectLink(Protocol):
    """What a service asks the identity service about projects (Cinder's
    `api_utils.get_project`, a `GET /v3/projects/{id}` to Keystone)."""

    def exists(self, project_id: str) -> bool:
        """Whether Keystone has the project (a domain counts: Keystone shows it as a
        project acting as a domain)."""
        ...


class NoProjects:
    """The `projects` part of a cloud without an identity service: no project exists."""

    def exists(self, project_id: str) -> bool:
        """None does."""
        return False


class Links:
    """The parts of the contract, one attribute each; `FakeCloud.links`.

    Attributes:
        volumes: Provided by the block storage service, used by Nova.
        images: Provided by the image service (Glance), used by Nova and Cinder.
        networks: Provided by the network service (Neutron), used by Nova.
        servers: Provided by Nova, used by the network service for its events.
        projects: Provided by the identity service (Keystone), used by Cinder.
    """

    __slots__ = ("images", "networks", "projects", "servers", "volumes")

    def __init__(self) -> None:
        self.volumes: VolumeLink = NoVolumes()
        self.images: ImageLink = NoImages()
        self.networks: NetworkLink = NoNetworks()
        self.servers: ServerEvents = NoServers()
        self.projects: ProjectLink = NoProjects()
