"""Cinder services (`os-services`, admins): list them; enable, disable (with a reason),
freeze and thaw; and the filters each resource's listing accepts (`resource_filters`,
microversion 3.33)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3.services import urls
from stackdouble.client.openstack.blockstorage.v3.services.results import (
    DisableLogReasonResult,
    DisableResult,
    EnableResult,
    FreezeResult,
    ResourceFilterPage,
    ServicePage,
    ThawResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "DisableLogReasonOpts",
    "DisableLogReasonOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "ResourceFiltersOpts",
    "ResourceFiltersOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "disable",
    "disable_log_reason",
    "enable",
    "freeze",
    "list",
    "list_resource_filters",
    "thaw",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `services.list`."""

    def to_service_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters of `list`: exact host (`node@backend` for a volume service) and binary.

    Example:
        >>> ListOpts(binary="cinder-volume").to_service_list_query()
        '?binary=cinder-volume'
    """

    host: str | None = field(default=None, metadata={"q": "host"})
    binary: str | None = field(default=None, metadata={"q": "binary"})

    def to_service_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[ServicePage]:
    """List Cinder's services (`GET /os-services`; admins, others get `Forbidden`).

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import services
        >>> [(s.binary, s.status, s.state)
        ...  for s in services.list(admin_block_storage).items()]
        [('cinder-scheduler', 'enabled', 'up'), ('cinder-volume', 'enabled', 'up'), \
('cinder-backup', 'enabled', 'up')]
    """
    try:
        query = opts.to_service_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ServicePage)
    return Pager(client, urls.list_url(client) + query, ServicePage)


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `services.enable` and `services.disable`."""

    def to_service_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """The service to enable or disable: its host and binary.

    Example:
        >>> UpdateOpts(host="node", binary="cinder-backup").to_service_update_map()
        {'host': 'node', 'binary': 'cinder-backup'}
    """

    host: str
    binary: str

    def to_service_update_map(self) -> dict[str, Any]:
        """The body of `PUT /os-services/enable` (or `disable`).

        Raises:
            InvalidInput: No host or no binary.
        """
        if not self.host:
            raise InvalidInput("a service update needs a host", "host")
        if not self.binary:
            raise InvalidInput("a service update needs a binary", "binary")
        return {"host": self.host, "binary": self.binary}


def enable(client: ServiceClient, opts: UpdateOptsBuilder) -> EnableResult:
    """Enable a service (`PUT /os-services/enable`, 200; admins). An unknown host or
    binary is `NotFound`.

    Cinder 29 answers `"status": "enabled"` but does not save it (its `enable` lost the
    assignment); the fake does the same. `services.list` shows what Cinder kept.
    """
    try:
        body = opts.to_service_update_map()
    except StackdoubleError as exc:
        return EnableResult.from_error(exc)
    return EnableResult.request(client, "PUT", urls.action_url(client, "enable"), json=body,
                                ok_codes=(200,))


def disable(client: ServiceClient, opts: UpdateOptsBuilder) -> DisableResult:
    """Disable a service (`PUT /os-services/disable`, 200; admins). Like `enable`, Cinder
    29 answers `disabled` without saving it: `disable_log_reason` disables for real."""
    try:
        body = opts.to_service_update_map()
    except StackdoubleError as exc:
        return DisableResult.from_error(exc)
    return DisableResult.request(client, "PUT", urls.action_url(client, "disable"),
                                 json=body, ok_codes=(200,))


class DisableLogReasonOptsBuilder(Protocol):
    """Anything that renders the body of `services.disable_log_reason`."""

    def to_service_disable_log_reason_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class DisableLogReasonOpts:
    """The service to disable and why (1 to 255 characters; None keeps the old reason).

    Example:
        >>> DisableLogReasonOpts(host="node", binary="cinder-backup",
        ...                      disabled_reason="disk swap").to_service_disable_log_reason_map()
        {'host': 'node', 'binary': 'cinder-backup', 'disabled_reason': 'disk swap'}
    """

    host: str
    binary: str
    disabled_reason: str | None = None

    def to_service_disable_log_reason_map(self) -> dict[str, Any]:
        """The body of `PUT /os-services/disable-log-reason`.

        Raises:
            InvalidInput: No host or no binary.
        """
        body = UpdateOpts(host=self.host, binary=self.binary).to_service_update_map()
        if self.disabled_reason is not None:
            body["disabled_reason"] = self.disabled_reason
        return body


def disable_log_reason(client: ServiceClient,
                       opts: DisableLogReasonOptsBuilder) -> DisableLogReasonResult:
    """Disable a service and record why (`PUT /os-services/disable-log-reason`, 200;
    admins); the listing then shows `disabled` and the reason.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import services
        >>> done = services.disable_log_reason(admin_block_storage, services.DisableLogReasonOpts(
        ...     host="stackdouble", binary="cinder-backup", disabled_reason="disk swap")).extract()
        >>> done.status, done.disabled_reason
        ('disabled', 'disk swap')
        >>> [(s.status, s.disabled_reason) for s in services.list(
        ...     admin_block_storage, services.ListOpts(binary="cinder-backup")).items()]
        [('disabled', 'disk swap')]
    """
    try:
        body = opts.to_service_disable_log_reason_map()
    except StackdoubleError as exc:
        return DisableLogReasonResult.from_error(exc)
    return DisableLogReasonResult.request(client, "PUT",
                                          urls.action_url(client, "disable-log-reason"),
                                          json=body, ok_codes=(200,))


def freeze(client: ServiceClient, host: str) -> FreezeResult:
    """Freeze the volume backend on `host` (`PUT /os-services/freeze`, 200, no body;
    admins): Cinder stops managing its volumes, and the service shows `frozen` and
    `disabled`. A host without a volume service, or one already frozen, is `BadRequest`.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import services
        >>> services.freeze(admin_block_storage, "stackdouble@lvmdriver-1").extract_err()
        >>> [(s.frozen, s.status, s.disabled_reason) for s in services.list(
        ...     admin_block_storage, services.ListOpts(binary="cinder-volume")).items()]
        [(True, 'disabled', 'frozen')]
        >>> services.thaw(admin_block_storage, "stackdouble@lvmdriver-1").extract_err()
    """
    return FreezeResult.request(client, "PUT", urls.action_url(client, "freeze"),
                                json={"host": host}, ok_codes=(200,))


def thaw(client: ServiceClient, host: str) -> ThawResult:
    """Thaw a frozen volume backend (`PUT /os-services/thaw`, 200, no body; admins): it is
    enabled again. One not frozen is `BadRequest`."""
    return ThawResult.request(client, "PUT", urls.action_url(client, "thaw"),
                              json={"host": host}, ok_codes=(200,))


class ResourceFiltersOptsBuilder(Protocol):
    """Anything that renders the query of `services.list_resource_filters`."""

    def to_resource_filters_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceFiltersOpts:
    """One resource (`volume`, `snapshot`, `backup`...) instead of all of them.

    Example:
        >>> ResourceFiltersOpts(resource="volume").to_resource_filters_query()
        '?resource=volume'
    """

    resource: str | None = field(default=None, metadata={"q": "resource"})

    def to_resource_filters_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


def list_resource_filters(client: ServiceClient, opts: ResourceFiltersOptsBuilder | None = None
                          ) -> Pager[ResourceFilterPage]:
    """The filters each resource's listing accepts (`GET /resource_filters`; microversion
    3.33, before which Cinder answers `NotFound`). An unknown resource lists nothing.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import services
        >>> found = services.list_resource_filters(block_storage.with_microversion("3.33"),
        ...                                        services.ResourceFiltersOpts(resource="backup"))
        >>> [(f.resource, f.filters) for f in found.items()]
        [('backup', ('name', 'status', 'volume_id'))]
    """
    try:
        query = opts.to_resource_filters_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ResourceFilterPage)
    return Pager(client, urls.resource_filters_url(client) + query, ResourceFilterPage)
