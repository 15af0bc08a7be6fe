"""Reset a server's state (`os-resetState` action; admins)."""

from __future__ import annotations

from enum import Enum

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.resetstate import urls
from stackdouble.client.openstack.compute.v2.extensions.resetstate.results import ResetResult
from stackdouble.client.openstack.compute.v2.servers.requests import ACTION_OK_CODES

__all__ = ["ServerState", "reset_state"]


class ServerState(str, Enum):
    """The states Nova resets a server to (its vm_state)."""

    ACTIVE = "active"
    ERROR = "error"


def reset_state(client: ServiceClient, server_id: str, state: ServerState | str
                ) -> ResetResult:
    """Set a server's vm_state to `active` or `error` and clear its task
    (`os-resetState`, 202; admins by default policy); whatever was in progress is
    forgotten. Another state is a 400 BadRequest."""
    value = state.value if isinstance(state, ServerState) else state
    return ResetResult.request(client, "POST", urls.action_url(client, server_id),
                               json={"os-resetState": {"state": value}},
                               ok_codes=ACTION_OK_CODES)
