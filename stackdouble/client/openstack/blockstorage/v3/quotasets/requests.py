"""Cinder quota sets: get (limits, defaults, usage), update and delete."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3.quotasets import urls
from stackdouble.client.openstack.blockstorage.v3.quotasets.results import (
    DeleteResult,
    GetResult,
    UpdateResult,
    UsageResult,
)

__all__ = [
    "UpdateOpts",
    "UpdateOptsBuilder",
    "delete",
    "get",
    "get_defaults",
    "get_usage",
    "update",
]


def get(client: ServiceClient, project_id: str) -> GetResult:
    """A project's limits (`GET /os-quota-sets/{project_id}`): an admin, or a reader of
    that project (403 otherwise). Cinder answers for any id, known to Keystone or not.

    Example:
        >>> quotasets.get(block_storage, demo_project_id).extract().volumes
        10
    """
    return GetResult.request(client, "GET", urls.get_url(client, project_id), ok_codes=(200,))


def get_defaults(client: ServiceClient, project_id: str) -> GetResult:
    """The default limits (`GET /os-quota-sets/{project_id}/defaults`).

    Example:
        >>> quotasets.get_defaults(block_storage, demo_project_id).extract().gigabytes
        1000
    """
    return GetResult.request(client, "GET", urls.defaults_url(client, project_id),
                             ok_codes=(200,))


def get_usage(client: ServiceClient, project_id: str) -> UsageResult:
    """A project's limits and usage (`GET /os-quota-sets/{project_id}?usage=true`).

    Example:
        >>> used = quotasets.get_usage(block_storage, demo_project_id).extract()
        >>> used.volumes.in_use, used.extra["volumes___DEFAULT__"].in_use
        (1, 1)
    """
    return UsageResult.request(client, "GET", urls.usage_url(client, project_id),
                               ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `quotasets.update`."""

    def to_block_storage_quota_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """New limits; None fields are not sent, -1 is unlimited.

    Attributes:
        extra: Other resources by name, such as a volume type's `volumes_<type>`.

    Example:
        >>> opts = UpdateOpts(volumes=5, extra={"volumes___DEFAULT__": 2})
        >>> opts.to_block_storage_quota_update_map()
        {'quota_set': {'volumes': 5, 'volumes___DEFAULT__': 2}}
    """

    volumes: int | None = None
    snapshots: int | None = None
    gigabytes: int | None = None
    per_volume_gigabytes: int | None = None
    backups: int | None = None
    backup_gigabytes: int | None = None
    groups: int | None = None
    extra: Mapping[str, int] = field(default_factory=dict)

    def to_block_storage_quota_update_map(self) -> dict[str, Any]:
        """The body of `PUT /os-quota-sets/{project_id}`.

        Raises:
            InvalidInput: No limit at all (Cinder answers 400).
        """
        quota_set: dict[str, Any] = {
            name: value for name, value in (
                ("volumes", self.volumes), ("snapshots", self.snapshots),
                ("gigabytes", self.gigabytes),
                ("per_volume_gigabytes", self.per_volume_gigabytes),
                ("backups", self.backups), ("backup_gigabytes", self.backup_gigabytes),
                ("groups", self.groups)) if value is not None}
        quota_set.update(self.extra)
        if not quota_set:
            raise InvalidInput("a quota set update needs at least one limit", "quota_set")
        return {"quota_set": quota_set}


def update(client: ServiceClient, project_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Set limits (`PUT /os-quota-sets/{project_id}`, admins only, 200 with every limit).

    A resource already given its own limit cannot go below what the project uses (400).

    Example:
        >>> opts = quotasets.UpdateOpts(volumes=3)
        >>> quotasets.update(admin_block_storage, demo_project_id, opts).extract().volumes
        3
    """
    try:
        body = opts.to_block_storage_quota_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, project_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, project_id: str) -> DeleteResult:
    """Back to the defaults (`DELETE /os-quota-sets/{project_id}`, admins only, 200).

    Example:
        >>> quotasets.delete(admin_block_storage, demo_project_id).extract_err()
        >>> quotasets.get(block_storage, demo_project_id).extract().volumes
        10
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, project_id),
                                ok_codes=(200,))
