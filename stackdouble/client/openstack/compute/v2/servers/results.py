"""Nova server results: the Server resource, the Results of each call, and the pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, guard_extractor, parse_time
from stackdouble.client.pagination import LinkedPage, Page, SinglePage

__all__ = [
    "ActionResult",
    "Address",
    "AddressPage",
    "AttachedVolume",
    "CreateImageResult",
    "CreateMetadatumResult",
    "CreateResult",
    "DeleteMetadatumResult",
    "DeleteResult",
    "Fault",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "MetadataResult",
    "MetadatumResult",
    "NetworkAddressPage",
    "RebuildResult",
    "ResetMetadataResult",
    "Server",
    "ServerPage",
    "ServerResult",
    "ShowConsoleOutputResult",
    "UpdateMetadataResult",
    "UpdateResult",
    "extract_addresses",
    "extract_network_addresses",
    "extract_servers",
]


@dataclass(slots=True, kw_only=True)
class Address:
    """One IP address of a server on one network.

    Attributes:
        address: The IP address (Nova's `addr`).
        version: 4 or 6.
        mac_addr: `OS-EXT-IPS-MAC:mac_addr`, in server details only.
        type: `OS-EXT-IPS:type` (`fixed` or `floating`), in server details only.
    """

    address: str
    version: int
    mac_addr: str | None = None
    type: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Address:
        """An Address from Nova's `{"addr", "version", ...}`."""
        return cls(
            address=raw["addr"],
            version=int(raw.get("version", 4)),
            mac_addr=raw.get("OS-EXT-IPS-MAC:mac_addr"),
            type=raw.get("OS-EXT-IPS:type"),
        )


@dataclass(slots=True, kw_only=True)
class Fault:
    """Why a server is in ERROR, as Nova reports it in `fault`."""

    message: str
    code: int | None = None
    created: datetime | None = None
    details: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Fault:
        """A Fault from Nova's `{"code", "created", "message", "details"}`."""
        return cls(
            message=str(raw.get("message", "")),
            code=raw.get("code"),
            created=parse_time(raw.get("created")),
            details=raw.get("details"),
        )


@dataclass(slots=True, kw_only=True)
class AttachedVolume:
    """A volume attached to a server (`os-extended-volumes:volumes_attached`)."""

    id: str
    delete_on_termination: bool | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AttachedVolume:
        """An AttachedVolume from `{"id", "delete_on_termination"}` (the latter from 2.3)."""
        return cls(id=raw["id"], delete_on_termination=raw.get("delete_on_termination"))


class Server(Resource):
    """A server as Compute returns it.

    Attributes are converted from Nova's JSON when first read, so a listing of thousands
    builds its servers at almost no cost (`raw` holds the JSON). Only `id` is always present:
    a create answers with `id`, `links` and `admin_pass`, and `servers.list_simple` with `id`,
    `name` and `links`. Attributes Nova adds with later microversions (`locked` 2.9, `tags`
    2.26, `description` 2.19...) are None or empty before them.

    Attributes:
        image: `{"id", "links"}`, or None when booted from a volume (Nova sends `""`).
        flavor: `{"id", "links"}` before 2.47; from 2.47 the flavor's own values
            (`original_name`, `vcpus`, `ram`...).
        addresses: Network name → its addresses.
        availability_zone: `OS-EXT-AZ:availability_zone`.
        power_state, task_state, vm_state: `OS-EXT-STS:*`.
        disk_config: `OS-DCF:diskConfig`, `AUTO` or `MANUAL`.
        attached_volumes: `os-extended-volumes:volumes_attached`.
        security_groups: The names of the server's security groups.
        admin_pass: The generated or given password, in the answer to create or rebuild only;
            never shown in the repr.
    """

    __slots__ = ()

    id: str = json_field("id")
    name: str = json_field("name", default="")
    status: str = json_field("status", default="")
    tenant_id: str | None = json_field("tenant_id")
    user_id: str | None = json_field("user_id")
    host_id: str | None = json_field("hostId", skip_falsy=True)
    created: datetime | None = json_field("created", parse_time)
    updated: datetime | None = json_field("updated", parse_time)
    image: Mapping[str, Any] | None = json_field("image", skip_falsy=True)
    flavor: Mapping[str, Any] | None = json_field("flavor", skip_falsy=True)
    addresses: Mapping[str, Sequence[Address]] = json_field(
        "addresses", lambda raw: _addresses(raw), default_factory=dict
    )
    metadata: Mapping[str, str] = json_field("metadata", dict, default_factory=dict)
    links: Sequence[Mapping[str, Any]] = json_field("links", tuple, default=())
    key_name: str | None = json_field("key_name")
    access_ipv4: str | None = json_field("accessIPv4", skip_falsy=True)
    access_ipv6: str | None = json_field("accessIPv6", skip_falsy=True)
    progress: int | None = json_field("progress")
    availability_zone: str | None = json_field("OS-EXT-AZ:availability_zone")
    power_state: int | None = json_field("OS-EXT-STS:power_state")
    task_state: str | None = json_field("OS-EXT-STS:task_state")
    vm_state: str | None = json_field("OS-EXT-STS:vm_state")
    launched_at: datetime | None = json_field("OS-SRV-USG:launched_at", parse_time)
    terminated_at: datetime | None = json_field("OS-SRV-USG:terminated_at", parse_time)
    host: str | None = json_field("OS-EXT-SRV-ATTR:host")
    hypervisor_hostname: str | None = json_field("OS-EXT-SRV-ATTR:hypervisor_hostname")
    instance_name: str | None = json_field("OS-EXT-SRV-ATTR:instance_name")
    fault: Fault | None = json_field("fault", lambda raw: _fault(raw))
    security_groups: Sequence[str] = json_field(
        "security_groups", lambda raw: _group_names(raw), default=()
    )
    attached_volumes: Sequence[AttachedVolume] = json_field(
        "os-extended-volumes:volumes_attached",
        lambda raw: tuple(AttachedVolume.from_json(volume) for volume in raw),
        default=(),
    )
    locked: bool | None = json_field("locked")
    locked_reason: str | None = json_field("locked_reason")
    tags: Sequence[str] = json_field("tags", tuple, default=())
    config_drive: str | None = json_field("config_drive")
    disk_config: str | None = json_field("OS-DCF:diskConfig")
    description: str | None = json_field("description")
    host_status: str | None = json_field("host_status")
    admin_pass: str | None = json_field("adminPass", repr=False)


def _fault(raw: Any) -> Fault | None:
    return Fault.from_json(raw) if isinstance(raw, Mapping) else None


def _group_names(raw: Any) -> tuple[str, ...]:
    return tuple(
        str(group["name"])
        for group in raw or ()
        if isinstance(group, Mapping) and "name" in group
    )


def _addresses(raw: Any) -> dict[str, list[Address]]:
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(network): [Address.from_json(item) for item in items or ()]
        for network, items in raw.items()
    }


class ServerResult(Result):
    """A Result whose body is `{"server": {...}}`; `extract()` gives the Server."""

    __slots__ = ()

    def extract(self) -> Server:
        """The Server, or raise the error the call ended with."""
        return self.extract_with(Server.from_json, key="server")


class CreateResult(ServerResult):
    """The result of `servers.create`: `extract()` gives a Server holding only `id`, `links`,
    `admin_pass`, `disk_config` and `security_groups` (fetch it with `servers.get` for more)."""

    __slots__ = ()


class GetResult(ServerResult):
    """The result of `servers.get`; call `extract()` for the Server."""

    __slots__ = ()


class UpdateResult(ServerResult):
    """The result of `servers.update`; `extract()` gives the updated Server."""

    __slots__ = ()


class RebuildResult(ServerResult):
    """The result of `servers.rebuild`; `extract()` gives the Server being rebuilt."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `servers.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ActionResult(ErrResult):
    """The result of a server action without an answer body (reboot, resize, lock...)."""

    __slots__ = ()


class CreateImageResult(Result):
    """The result of `servers.create_image`."""

    __slots__ = ()

    def extract_image_id(self) -> str:
        """The new image's id: `image_id` in the body (2.45 and later), else the last segment
        of the `Location` header (before 2.45).

        Raises:
            StackdoubleError: The error the call ended with.
            UnexpectedBody: Neither the body nor the headers name the image.
        """
        if self.err is not None:
            raise self.err
        body = self.body
        if isinstance(body, Mapping) and body.get("image_id"):
            return str(body["image_id"])
        location = _header(self.headers, "Location")
        if location:
            path = urlsplit(location).path.rstrip("/")
            if path:
                return unquote(path.rsplit("/", 1)[-1])
        raise UnexpectedBody("an image_id or a Location header", f"keys {_keys(body)}")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, item in headers.items():
        if key.lower() == lowered:
            return item
    return None


def _keys(body: Any) -> list[str]:
    return sorted(body) if isinstance(body, Mapping) else []


class MetadataResult(Result):
    """A Result whose body is `{"metadata": {...}}`; `extract()` gives the dict."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """The server's metadata, or raise the error the call ended with."""
        return self.extract_with(_string_map, key="metadata")


class GetMetadataResult(MetadataResult):
    """The result of `servers.metadata`: every metadata item of the server."""

    __slots__ = ()


class ResetMetadataResult(MetadataResult):
    """The result of `servers.reset_metadata`: the server's metadata, now exactly as sent."""

    __slots__ = ()


class UpdateMetadataResult(MetadataResult):
    """The result of `servers.update_metadata`: every metadata item after the merge."""

    __slots__ = ()


class MetadatumResult(Result):
    """A Result whose body is `{"meta": {key: value}}`; `extract()` gives that dict."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """`{key: value}` for the one item, or raise the error the call ended with."""
        return self.extract_with(_string_map, key="meta")


class GetMetadatumResult(MetadatumResult):
    """The result of `servers.metadatum`."""

    __slots__ = ()


class CreateMetadatumResult(MetadatumResult):
    """The result of `servers.create_metadatum`."""

    __slots__ = ()


class DeleteMetadatumResult(ErrResult):
    """The result of `servers.delete_metadatum`; `extract_err()` raises its error, if any."""

    __slots__ = ()


def _string_map(raw: Any) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise UnexpectedBody("a JSON object of metadata", type(raw).__name__)
    return {str(key): str(value) for key, value in raw.items()}


class ServerPage(LinkedPage):
    """A page of servers; Nova names the next page in `servers_links` when this one is full."""

    __slots__ = ()
    resource_key = "servers"
    link_path = ("servers_links",)

    def items(self) -> list[Server]:
        """The servers on this page."""
        return extract_servers(self)


def extract_servers(page: Page) -> list[Server]:
    """The servers on one page of `servers.list` or `servers.list_simple`."""
    if page.err is None and page.body is None:
        return []  # `all_pages()` of an empty listing
    return page.extract_list_with(Server.from_json, key="servers")


class AddressPage(SinglePage):
    """The one page of `servers.list_addresses`: `{"addresses": {network: [...]}}`."""

    __slots__ = ()
    resource_key = "addresses"

    def raw_items(self) -> list[Any]:
        """Every address as decoded, across networks (used for emptiness)."""
        if self.err is not None:
            raise self.err
        if self.body is None:
            return []
        networks = self.unwrap("addresses")
        if not isinstance(networks, Mapping):
            raise UnexpectedBody("a JSON object under 'addresses'", type(networks).__name__)
        return [item for items in networks.values() for item in items or ()]

    def items(self) -> list[tuple[str, list[Address]]]:
        """`(network, addresses)` pairs."""
        return [*extract_addresses(self).items()]


@guard_extractor
def extract_addresses(page: Page) -> dict[str, list[Address]]:
    """Network name → addresses, from the page of `servers.list_addresses`."""
    if page.err is not None:
        raise page.err
    if page.body is None:
        return {}
    return _addresses(page.unwrap("addresses"))


class NetworkAddressPage(SinglePage):
    """The one page of `servers.list_addresses_by_network`: `{network: [...]}`."""

    __slots__ = ()

    def items(self) -> list[Address]:
        """The addresses on the network."""
        return extract_network_addresses(self)


@guard_extractor
def extract_network_addresses(page: Page) -> list[Address]:
    """The addresses on one network, from the page of `servers.list_addresses_by_network`."""
    return [Address.from_json(item) for item in page.raw_items()]


def _console_output(body: Any) -> str:
    return str(body["output"])


class ShowConsoleOutputResult(Result):
    """The result of `servers.show_console_output`; `extract()` gives the console log."""

    __slots__ = ()

    def extract(self) -> str:
        """The guest's console output, or raise the error the call ended with."""
        return self.extract_with(_console_output)
