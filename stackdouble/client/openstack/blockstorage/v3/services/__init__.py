"""Cinder services (`os-services`, admins) and the resource filters (3.33).

Example to see which services run and take the volume backend out of service:

    >>> from stackdouble.client.openstack.blockstorage.v3 import services
    >>> volume_service = services.list(
    ...     admin_block_storage, services.ListOpts(binary="cinder-volume")).all_pages().items()[0]
    >>> volume_service.host, volume_service.state, volume_service.frozen
    ('stackdouble@lvmdriver-1', 'up', False)
    >>> services.disable_log_reason(admin_block_storage, services.DisableLogReasonOpts(
    ...     host=volume_service.host, binary="cinder-volume",
    ...     disabled_reason="maintenance")).extract().status
    'disabled'

Example to ask which filters a volume listing accepts:

    >>> filters = services.list_resource_filters(
    ...     block_storage.with_microversion("3.33"),
    ...     services.ResourceFiltersOpts(resource="volume")).all_pages().items()
    >>> "availability_zone" in filters[0].filters
    True
"""

from stackdouble.client.openstack.blockstorage.v3.services.requests import (
    DisableLogReasonOpts,
    DisableLogReasonOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    ResourceFiltersOpts,
    ResourceFiltersOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    disable,
    disable_log_reason,
    enable,
    freeze,
    list,
    list_resource_filters,
    thaw,
)
from stackdouble.client.openstack.blockstorage.v3.services.results import (
    DisableLogReasonResult,
    DisableResult,
    EnableResult,
    FreezeResult,
    ResourceFilter,
    ResourceFilterPage,
    Service,
    ServicePage,
    ServiceUpdate,
    ThawResult,
    UpdateResult,
    extract_resource_filters,
    extract_services,
)

__all__ = [
    "DisableLogReasonOpts",
    "DisableLogReasonOptsBuilder",
    "DisableLogReasonResult",
    "DisableResult",
    "EnableResult",
    "FreezeResult",
    "ListOpts",
    "ListOptsBuilder",
    "ResourceFilter",
    "ResourceFilterPage",
    "ResourceFiltersOpts",
    "ResourceFiltersOptsBuilder",
    "Service",
    "ServicePage",
    "ServiceUpdate",
    "ThawResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "disable",
    "disable_log_reason",
    "enable",
    "extract_resource_filters",
    "extract_services",
    "freeze",
    "list",
    "list_resource_filters",
    "thaw",
]
