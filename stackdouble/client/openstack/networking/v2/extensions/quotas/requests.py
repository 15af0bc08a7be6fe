"""Neutron quotas: get a project's limits, their use in detail, change them (admins),
and reset them to the defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.networking.v2._neutron import request_body
from stackdouble.client.openstack.networking.v2.extensions.quotas import urls
from stackdouble.client.openstack.networking.v2.extensions.quotas.results import (
    DeleteResult,
    GetDetailResult,
    GetResult,
    UpdateResult,
)

__all__ = ["UpdateOpts", "UpdateOptsBuilder", "delete", "get", "get_detail", "update"]


def get(client: ServiceClient, project_id: str) -> GetResult:
    """A project's limits (`GET /v2.0/quotas/{project_id}`). Another project's are for
    admins (a 403 Forbidden otherwise)."""
    return GetResult.request(client, "GET", urls.get_url(client, project_id), ok_codes=(200,))


def get_detail(client: ServiceClient, project_id: str) -> GetDetailResult:
    """A project's use, reservations and limits per resource
    (`GET /v2.0/quotas/{project_id}/details.json`, the `quota_details` extension)."""
    return GetDetailResult.request(client, "GET", urls.get_detail_url(client, project_id),
                                   ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `quotas.update`."""

    def to_quota_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """New limits; None fields are left as they are, -1 is unlimited.

    Example:
        >>> UpdateOpts(network=20, port=-1).to_quota_update_map()
        {'quota': {'network': 20, 'port': -1}}
    """

    floatingip: int | None = field(default=None, metadata={"json": "floatingip"})
    network: int | None = field(default=None, metadata={"json": "network"})
    port: int | None = field(default=None, metadata={"json": "port"})
    rbac_policy: int | None = field(default=None, metadata={"json": "rbac_policy"})
    router: int | None = field(default=None, metadata={"json": "router"})
    security_group: int | None = field(default=None, metadata={"json": "security_group"})
    security_group_rule: int | None = field(default=None,
                                            metadata={"json": "security_group_rule"})
    subnet: int | None = field(default=None, metadata={"json": "subnet"})
    subnetpool: int | None = field(default=None, metadata={"json": "subnetpool"})
    trunk: int | None = field(default=None, metadata={"json": "trunk"})

    def to_quota_update_map(self) -> dict[str, Any]:
        """`{"quota": {...}}`."""
        return request_body(self, "quota")


def update(client: ServiceClient, project_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a project's limits (`PUT /v2.0/quotas/{project_id}`, 200; admins only, a 403
    Forbidden otherwise). A limit below what is in use is a 409 Conflict when Neutron
    checks it (`quota-check-limit`).

    Returns:
        An UpdateResult; `extract()` gives the Quota after the change.
    """
    try:
        body = opts.to_quota_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, project_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, project_id: str) -> DeleteResult:
    """Reset a project's limits to the defaults (`DELETE /v2.0/quotas/{project_id}`, 204;
    admins only)."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, project_id),
                                ok_codes=(204,))
