"""Consoles of the fake Nova: `os-getConsoleOutput` (`console_output.py`), the remote
consoles of `POST /servers/{id}/remote-consoles` (2.6, `remote_consoles.py`) and the
actions they replaced (`os-getVNCConsole`, `os-getSPICEConsole`, `os-getSerialConsole`,
until 2.5); the client's `compute/v2/remoteconsoles`.

The console log is the guest's serial output as a CirrOS guest writes it, built from the
server (its hostname, its addresses), one line per boot step; `length` keeps its last
lines as `ComputeManager._tail_log` does (so -1, which the schema allows, drops the first
line, as Nova does).

Remote consoles follow a DevStack compute: VNC (`novnc`) enabled, SPICE, serial and MKS
disabled (`set_consoles` changes that). Each answer carries a new token in a URL on the
fake's origin shaped as the proxy's (`ConsoleAuthToken.access_url`): noVNC's
`/vnc_lite.html?path=%3Ftoken%3D<token>`, SPICE's `/spice_auto.html?token=<token>`,
serial's `ws://<origin>/?token=<token>`, MKS's `/?token=<token>`.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from stackdouble.fakes.compute.errors import BadRequest, Conflict, invalid_state
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.compute.models.servers import Server

__all__ = ["CONSOLE_TYPES", "RemoteConsolesMixin"]

#: The console type each protocol accepts (what the compute manager's `get_*_console`
#: takes; anything else is `ConsoleTypeInvalid`).
CONSOLE_TYPES = {"vnc": "novnc", "spice": "spice-html5", "serial": "serial", "mks": "webmks"}
#: Protocols a DevStack compute has enabled.
DEFAULT_CONSOLES = frozenset({"vnc"})


class RemoteConsolesMixin(ModelBase):
    """Console output and remote consoles, mixed into `ComputeModel`."""

    def set_consoles(self, protocols: Iterable[str]) -> None:
        """Which remote console protocols the compute hosts have enabled (`[vnc] enabled`,
        `[spice] enabled`, `[serial_console] enabled`, `[mks] enabled`).

        Raises:
            ValueError: A protocol other than vnc, spice, serial and mks.
        """
        wanted = frozenset(protocols)
        unknown = sorted(wanted - set(CONSOLE_TYPES))
        if unknown:
            raise ValueError(f"unknown console protocols: {', '.join(unknown)}")
        self.enabled_consoles = wanted

    def console_output(self, caller: Caller, server_id: str, length: int | None) -> str:
        """`os-getConsoleOutput`: the guest's console log (its last `length` lines).

        Raises:
            NotFound: As `get_server`.
            Conflict: The server has no host ("Instance <id> is not ready").
        """
        server = self.get_server(caller, server_id)
        if not server.host:
            raise Conflict(f"Instance {server.uuid} is not ready")
        log = "\n".join(_boot_log(server))
        if length is None:
            return log
        if length == 0:
            return ""
        return "\n".join(log.split("\n")[-length:])

    def remote_console(self, caller: Caller, server_id: str, protocol: str,
                       console_type: str) -> str:
        """A remote console's URL for the server, with a fresh token.

        Raises:
            NotFound: As `get_server`.
            Conflict: No host, or the server is migrating.
            BadRequest: `rdp`, a protocol the hosts have not enabled
                ("Unavailable console type <type>."), or a type the protocol does not
                take ("Invalid console type <type>").
        """
        server = self.get_server(caller, server_id)
        if protocol == "rdp":
            raise BadRequest(f"Unavailable console type {protocol}.")
        if not server.host:
            raise Conflict(f"Instance {server.uuid} is not ready")
        if server.task_state in ("migrating", "deleting"):
            raise invalid_state(f"get_{protocol}_console", server.uuid, "task_state",
                                server.task_state)
        if protocol not in self.enabled_consoles:
            raise BadRequest(f"Unavailable console type {console_type}.")
        if CONSOLE_TYPES.get(protocol) != console_type:
            raise BadRequest(f"Invalid console type {console_type}")
        token = self.cloud.ids.uuid()
        origin = self.cloud.base_url
        if protocol == "vnc":
            return f"{origin}/vnc_lite.html?path={quote('?token=' + token, safe='')}"
        if protocol == "spice":
            return f"{origin}/spice_auto.html?token={token}"
        if protocol == "serial":
            return f"ws{origin[len('http'):]}/?token={token}"
        return f"{origin}/?token={token}"


def _boot_log(server: Server) -> list[str]:
    """What a CirrOS 0.6 guest prints on its serial console while it boots."""
    lines = [
        "[    0.000000] Linux version 5.15.0-71-generic (buildd@lcy02-amd64-028) "
        "(gcc (Ubuntu 11.3.0-1ubuntu1~22.04) 11.3.0) #78-Ubuntu SMP",
        "[    0.000000] Command line: LABEL=cirros-rootfs ro console=tty1 console=ttyS0",
        "[    0.612345] Run /init as init process",
        "Starting syslogd: OK",
        "Starting klogd: OK",
        "Running sysctl: OK",
        "Starting network: udhcpc: started, v1.36.1",
    ]
    for index, vif in enumerate(server.vifs):
        for fixed in vif.fixed_ips:
            lines.append(f"udhcpc: lease of {fixed.address} obtained from eth{index} "
                         f"({vif.mac_address})")
    lines += [
        "OK",
        "checking http://169.254.169.254/2009-04-04/instance-id",
        f"successful after 1/20 tries: up 2.41. iid={server.uuid}",
        f"hostname: {server.hostname}",
        "=== system information ===",
        "Platform: OpenStack Foundation OpenStack Nova",
        "Container: none",
        "Arch: x86_64",
        f"CPU(s): {server.flavor.vcpus} @ 2199.998 MHz",
        f"RAM: {server.flavor.ram} MB",
        "=== cirros: current=0.6.2 uptime=3.01 ===",
        "  ____               ____  ____",
        " / __/ __ ____ ____ / __ \\/ __/",
        "/ /__ / // __// __// /_/ /\\ \\ ",
        "\\___//_//_/  /_/   \\____/___/ ",
        "   http://cirros-cloud.net",
        "",
        "",
        "login as 'cirros' user. use 'sudo' for root.",
        f"{server.hostname} login: ",
    ]
    return lines
