"""What the fake Nova provides to the other services: the cloud's `servers` link
(`stackdouble.fakes.links.ServerEvents`), the events a network service sends Nova when a
server's port or floating IP changes (Neutron's nova notifier posts `network-changed` to
`os-server-external-events`); Nova refreshes the server's network info cache from the
cloud's `networks` link, as its compute manager does on that event."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stackdouble.fakes.compute import ComputeService

__all__ = ["NovaServerEvents"]


class NovaServerEvents:
    """The `servers` link, answered by the compute service's current model."""

    __slots__ = ("_service",)

    def __init__(self, service: ComputeService) -> None:
        self._service = service

    def network_changed(self, server_id: str) -> None:
        """Refresh the server's network info cache (unknown or deleted servers: nothing)."""
        self._service.model.network_changed(server_id)
