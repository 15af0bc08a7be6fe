"""Scheduler hints: decorate server create with `os:scheduler_hints`."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput
from stackdouble.client.openstack.compute.v2.servers.requests import CreateOptsBuilder

__all__ = ["CreateOptsExt", "SchedulerHints", "SchedulerHintsBuilder"]

_KEY = "os:scheduler_hints"


class SchedulerHintsBuilder(Protocol):
    """Anything that renders the `os:scheduler_hints` object."""

    def to_server_scheduler_hints_map(self) -> dict[str, Any]: ...


def _ids(value: str | Sequence[str]) -> str | list[str]:
    return value if isinstance(value, str) else [*value]


@dataclass(frozen=True, slots=True, kw_only=True)
class SchedulerHints:
    """Where Nova's scheduler may put a new server; None fields are not sent.

    Attributes:
        group: A server group's id: the group's policy places the server.
        different_host: Server ids whose hosts to avoid.
        same_host: Server ids whose hosts to share.
        query: A JsonFilter query, as a list (sent JSON-encoded, as Nova wants) or text.
        target_cell: The cell to build in (cells v1).
        different_cell: Cells to avoid.
        build_near_host_ip: An IPv4 address, with an optional `/prefix`, to build near
            (sent as `build_near_host_ip` and `cidr`).
        additional_properties: Any other hint, for filters of your own.

    Example:
        >>> SchedulerHints(group="0d5c9f5e-5c1b-4b8e-9f0a-1b6f3c0e8a11",
        ...                build_near_host_ip="192.168.1.1/24",
        ...                query=[">=", "$free_ram_mb", 1024]
        ...                ).to_server_scheduler_hints_map()
        {'group': '0d5c9f5e-5c1b-4b8e-9f0a-1b6f3c0e8a11', 'query': '[">=", "$free_ram_mb", 1024]', 'build_near_host_ip': '192.168.1.1', 'cidr': '/24'}
    """  # noqa: E501

    group: str | None = None
    different_host: str | Sequence[str] | None = None
    same_host: str | Sequence[str] | None = None
    query: str | Sequence[Any] | None = None
    target_cell: str | None = None
    different_cell: str | Sequence[str] | None = None
    build_near_host_ip: str | None = None
    additional_properties: Mapping[str, Any] = field(default_factory=dict)

    def to_server_scheduler_hints_map(self) -> dict[str, Any]:
        """The `os:scheduler_hints` object.

        Raises:
            InvalidInput: `build_near_host_ip` is not an IPv4 address (with an optional
                prefix length).
        """
        hints: dict[str, Any] = {}
        if self.group is not None:
            hints["group"] = self.group
        for key, ids in (("different_host", self.different_host),
                         ("same_host", self.same_host),
                         ("different_cell", self.different_cell)):
            if ids is not None:
                hints[key] = _ids(ids)
        if self.query is not None:
            hints["query"] = self.query if isinstance(self.query, str) else json.dumps(
                [*self.query])
        if self.target_cell is not None:
            hints["target_cell"] = self.target_cell
        if self.build_near_host_ip is not None:
            address, _, prefix = self.build_near_host_ip.partition("/")
            try:
                ipaddress.IPv4Address(address)
                if prefix:
                    ipaddress.IPv4Network(f"{address}/{prefix}", strict=False)
            except ValueError as exc:
                raise InvalidInput(f"build_near_host_ip must be an IPv4 address, not "
                                   f"{self.build_near_host_ip!r}",
                                   "build_near_host_ip") from exc
            hints["build_near_host_ip"] = address
            if prefix:
                hints["cidr"] = "/" + prefix
        hints.update(self.additional_properties)
        return hints


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOptsExt:
    """Server create options plus scheduler hints (merged over any the decorated options
    already send).

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import servers
        >>> opts = CreateOptsExt(
        ...     create_opts=servers.CreateOpts(name="web", image_ref="img", flavor_ref="1"),
        ...     scheduler_hints=SchedulerHints(same_host=["a1"]))
        >>> opts.to_server_create_map()["os:scheduler_hints"]
        {'same_host': ['a1']}
    """

    create_opts: CreateOptsBuilder
    scheduler_hints: SchedulerHintsBuilder | Mapping[str, Any] | None = None

    def to_server_create_map(self) -> dict[str, Any]:
        """The decorated builder's body with `os:scheduler_hints` beside `server`.

        Raises:
            InvalidInput: Whatever the hints or the decorated builder raise.
        """
        base = self.create_opts.to_server_create_map()
        if self.scheduler_hints is None:
            return base
        hints = (dict(self.scheduler_hints) if isinstance(self.scheduler_hints, Mapping)
                 else self.scheduler_hints.to_server_scheduler_hints_map())
        return {**base, _KEY: {**base.get(_KEY, {}), **hints}}
