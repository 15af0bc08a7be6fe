"""Nova quota classes: get and update (admins; only the `default` class is used)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.quotaclasses import urls
from stackdouble.client.openstack.compute.v2.quotaclasses.results import GetResult, UpdateResult

__all__ = ["UpdateOpts", "UpdateOptsBuilder", "get", "update"]


def get(client: ServiceClient, class_name: str) -> GetResult:
    """A quota class's limits (`GET /os-quota-class-sets/{class_name}`, admins).

    Nova answers for any name, with the defaults for a class it has no limits for. The
    server group limits are shown from 2.50; the network ones are left out from 2.50, the
    `injected_file*` ones from 2.57.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import quotaclasses
        >>> quotaclasses.get(admin_compute, "default").extract().instances
        10
    """
    return GetResult.request(client, "GET", urls.get_url(client, class_name), ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `quotaclasses.update`."""

    def to_quota_class_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """New limits of a class; None fields are not sent, -1 is unlimited.

    `server_groups` and `server_group_members` are taken from 2.50; the network resources
    are refused from 2.50, the `injected_file*` ones from 2.57.

    Example:
        >>> UpdateOpts(instances=20, ram=-1).to_quota_class_update_map()
        {'quota_class_set': {'instances': 20, 'ram': -1}}
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

    def to_quota_class_update_map(self) -> dict[str, Any]:
        """The body of `PUT /os-quota-class-sets/{class_name}`.

        Raises:
            InvalidInput: A limit below -1.
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if value < -1:
                raise InvalidInput(f"{f.name} must be -1 (unlimited) or more, not {value}",
                                   f.name)
            out[f.name] = value
        return {"quota_class_set": out}


def update(client: ServiceClient, class_name: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Set a class's limits (`PUT /os-quota-class-sets/{class_name}`, admins, 200).

    The `default` class's limits are what `quotasets.get_defaults` answers. A bad option
    becomes the Result's error and nothing is sent.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import quotaclasses, quotasets
        >>> opts = quotaclasses.UpdateOpts(instances=12)
        >>> quotaclasses.update(admin_compute, "default", opts).extract().instances
        12
        >>> quotasets.get_defaults(compute, demo_project_id).extract().instances
        12
    """
    try:
        body = opts.to_quota_class_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, class_name), json=body,
                                ok_codes=(200,))
