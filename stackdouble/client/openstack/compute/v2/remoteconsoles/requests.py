"""Nova remote consoles (`POST /servers/{id}/remote-consoles`, 2.6 and later)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.remoteconsoles import urls
from stackdouble.client.openstack.compute.v2.remoteconsoles.results import CreateResult

__all__ = ["ConsoleProtocol", "ConsoleType", "CreateOpts", "CreateOptsBuilder", "create"]


class ConsoleProtocol(str, Enum):
    """The console's protocol (`mks` from 2.8)."""

    VNC = "vnc"
    SPICE = "spice"
    RDP = "rdp"
    SERIAL = "serial"
    MKS = "mks"


class ConsoleType(str, Enum):
    """The console's type; each protocol takes one (`novnc` for VNC, `spice-html5`,
    `serial`, `webmks`)."""

    NOVNC = "novnc"
    XVPVNC = "xvpvnc"
    RDP_HTML5 = "rdp-html5"
    SPICE_HTML5 = "spice-html5"
    SERIAL = "serial"
    WEBMKS = "webmks"


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `remoteconsoles.create`."""

    def to_remote_console_create_map(self) -> dict[str, Any]: ...


def _text(value: Enum | str) -> str:
    return str(value.value) if isinstance(value, Enum) else value


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """The console to open.

    Example:
        >>> CreateOpts(protocol=ConsoleProtocol.VNC, type=ConsoleType.NOVNC
        ...            ).to_remote_console_create_map()
        {'remote_console': {'protocol': 'vnc', 'type': 'novnc'}}
    """

    protocol: ConsoleProtocol | str
    type: ConsoleType | str

    def to_remote_console_create_map(self) -> dict[str, Any]:
        """`{"remote_console": {"protocol", "type"}}`.

        Raises:
            InvalidInput: An empty protocol or type.
        """
        if not self.protocol or not self.type:
            raise InvalidInput("a remote console needs a protocol and a type",
                               "protocol" if not self.protocol else "type")
        return {"remote_console": {"protocol": _text(self.protocol), "type": _text(self.type)}}


def create(client: ServiceClient, server_id: str, opts: CreateOptsBuilder) -> CreateResult:
    """Open a remote console (`POST /servers/{server_id}/remote-consoles`, 200; 2.6 and
    later).

    A protocol the compute hosts do not serve, or a type that does not go with the
    protocol, is a 400 BadRequest ("Unavailable console type ...", "Invalid console
    type ..."); a server without a host a 409 Conflict.
    """
    try:
        body = opts.to_remote_console_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client, server_id), json=body,
                                ok_codes=(200,))
