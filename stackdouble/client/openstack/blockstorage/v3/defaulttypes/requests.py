"""Cinder's per-project default volume types (microversion 3.62, admins): set one, get
it, list them all, unset it (Cinder's `default-types` API; openstacksdk's
`set_default_type`, `show_default_type`, `default_types`, `unset_default_type`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3.defaulttypes import urls
from stackdouble.client.openstack.blockstorage.v3.defaulttypes.results import (
    DefaultTypePage,
    GetResult,
    SetResult,
    UnsetResult,
)
from stackdouble.client.pagination import Pager

__all__ = ["SetOpts", "SetOptsBuilder", "get", "list", "set", "unset"]


class SetOptsBuilder(Protocol):
    """Anything that renders the body of `defaulttypes.set`."""

    def to_default_type_set_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class SetOpts:
    """The type to make the project's default, by name or id.

    Example:
        >>> SetOpts(volume_type="gold").to_default_type_set_map()
        {'default_type': {'volume_type': 'gold'}}
    """

    volume_type: str

    def to_default_type_set_map(self) -> dict[str, Any]:
        """The body of `PUT /default-types/{project_id}`.

        Raises:
            InvalidInput: No volume type.
        """
        if not self.volume_type:
            raise InvalidInput("a default type needs a volume type", "volume_type")
        return {"default_type": {"volume_type": self.volume_type}}


def set(client: ServiceClient, project_id: str, opts: SetOptsBuilder) -> SetResult:
    """Set (or replace) a project's default volume type (`PUT
    /default-types/{project_id}`, 200; admins, microversion 3.62).

    Returns:
        A SetResult. An unknown type is `BadRequest` ("Volume type with name x could not
        be found."), an unknown project `NotFound`, a member `Forbidden`, a client below
        3.62 `NotFound`; a bad option surfaces there too.
    """
    try:
        body = opts.to_default_type_set_map()
    except StackdoubleError as exc:
        return SetResult.from_error(exc)
    return SetResult.request(client, "PUT", urls.project_url(client, project_id), json=body,
                             ok_codes=(200,))


def get(client: ServiceClient, project_id: str) -> GetResult:
    """A project's default volume type (`GET /default-types/{project_id}`; admins,
    3.62). None set is `NotFound` ("Default type for project <id> not found.")."""
    return GetResult.request(client, "GET", urls.project_url(client, project_id),
                             ok_codes=(200,))


def list(client: ServiceClient) -> Pager[DefaultTypePage]:
    """Every project's default volume type (`GET /default-types`, one page; admins,
    3.62).

    Returns:
        A Pager; nothing is sent until it is iterated.
    """
    return Pager(client, urls.list_url(client), DefaultTypePage)


def unset(client: ServiceClient, project_id: str) -> UnsetResult:
    """Unset a project's default volume type (`DELETE /default-types/{project_id}`, 204;
    admins, 3.62): its volumes fall back to the cloud's default. Unsetting one that is
    not set succeeds too."""
    return UnsetResult.request(client, "DELETE", urls.project_url(client, project_id),
                               ok_codes=(204,))
