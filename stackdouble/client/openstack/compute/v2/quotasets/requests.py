"""Nova quota sets: get (limits, defaults, detail with usage), update and delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.quotasets import urls
from stackdouble.client.openstack.compute.v2.quotasets.results import (
    QUOTA_RESOURCES,
    DeleteResult,
    GetDetailResult,
    GetResult,
    UpdateResult,
)

__all__ = [
    "UpdateOpts",
    "UpdateOptsBuilder",
    "delete",
    "get",
    "get_defaults",
    "get_detail",
    "update",
]


def get(client: ServiceClient, project_id: str) -> GetResult:
    """A project's limits (`GET /os-quota-sets/{project_id}`).

    A member may read only its own project's (403 otherwise); an id Keystone does not
    know is a 400. Resources Nova no longer counts at the client's microversion are None.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import quotasets
        >>> quotasets.get(compute, demo_project_id).extract().instances
        10
    """
    return GetResult.request(client, "GET", urls.get_url(client, project_id), ok_codes=(200,))


def get_defaults(client: ServiceClient, project_id: str) -> GetResult:
    """The default limits (`GET /os-quota-sets/{project_id}/defaults`; anyone).

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import quotasets
        >>> quotasets.get_defaults(compute, demo_project_id).extract().cores
        20
    """
    return GetResult.request(client, "GET", urls.defaults_url(client, project_id),
                             ok_codes=(200,))


def get_detail(client: ServiceClient, project_id: str) -> GetDetailResult:
    """A project's limits with what it uses (`GET /os-quota-sets/{project_id}/detail`).

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import quotasets
        >>> quotasets.get_detail(compute, demo_project_id).extract().instances.in_use
        1
    """
    return GetDetailResult.request(client, "GET", urls.detail_url(client, project_id),
                                   ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `quotasets.update`."""

    def to_compute_quota_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """New limits; None fields are not sent, -1 is unlimited.

    Attributes:
        force: Set the limits even below what the project uses now (Nova refuses that
            with a 400 otherwise).

    The network resources (`fixed_ips`, `floating_ips`, `security_groups`,
    `security_group_rules`) are refused from 2.36, the `injected_file*` ones from 2.57.

    Example:
        >>> UpdateOpts(instances=5, cores=-1, force=True).to_compute_quota_update_map()
        {'quota_set': {'instances': 5, 'cores': -1, 'force': True}}
    """

    instances: int | None = None
    cores: int | None = None
    ram: int | None = None
    key_pairs: int | None = None
    metadata_items: int | None = None
    server_groups: int | None = None
    server_group_members: int | None = None
    injected_files: int | None = None
    injected_file_content_bytes: int | None = None
    injected_file_path_bytes: int | None = None
    fixed_ips: int | None = None
    floating_ips: int | None = None
    security_groups: int | None = None
    security_group_rules: int | None = None
    force: bool | None = None

    def to_compute_quota_update_map(self) -> dict[str, Any]:
        """The body of `PUT /os-quota-sets/{project_id}`: `{"quota_set": {...}}`.

        Raises:
            InvalidInput: A limit below -1.
        """
        quota_set: dict[str, Any] = {}
        for name in QUOTA_RESOURCES:
            value = getattr(self, name)
            if value is None:
                continue
            if value < -1:
                raise InvalidInput(f"{name} must be -1 (unlimited) or more, not {value}", name)
            quota_set[name] = value
        if self.force is not None:
            quota_set["force"] = self.force
        return {"quota_set": quota_set}


def update(client: ServiceClient, project_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Set limits (`PUT /os-quota-sets/{project_id}`, admins only, 200 with every limit).

    Without `force`, a limit below what the project uses is a 400 and nothing changes.
    A bad option becomes the Result's error and nothing is sent.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import quotasets
        >>> opts = quotasets.UpdateOpts(instances=4)
        >>> quotasets.update(admin_compute, demo_project_id, opts).extract().instances
        4
    """
    try:
        body = opts.to_compute_quota_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, project_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, project_id: str) -> DeleteResult:
    """Back to the defaults (`DELETE /os-quota-sets/{project_id}`, admins only, 202).

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import quotasets
        >>> quotasets.delete(admin_compute, demo_project_id).extract_err()
        >>> quotasets.get(compute, demo_project_id).extract().instances
        10
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, project_id),
                                ok_codes=(202,))
